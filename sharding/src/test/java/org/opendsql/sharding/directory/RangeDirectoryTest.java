package org.opendsql.sharding.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RangeDirectoryTest {
  @Test
  void sameKeyAlwaysMapsToSameRange() {
    RangeDirectory d = new RangeDirectory(8);
    byte[] k = {1, 2, 3};
    assertEquals(d.rangeOf(k), d.rangeOf(k.clone()));
  }

  @Test
  void sequentialKeysSpreadOverEveryRange() {
    RangeDirectory d = new RangeDirectory(8);
    int[] counts = new int[8];
    for (int i = 0; i < 8000; i++) {
      counts[d.rangeOf(ByteBuffer.allocate(12).putInt(7).putLong(i).array())]++;
    }
    for (int c : counts) assertTrue(c > 700 && c < 1300, "uneven spread: " + java.util.Arrays.toString(counts));
  }

  @Test
  void rangeCountMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new RangeDirectory(0));
  }
}
