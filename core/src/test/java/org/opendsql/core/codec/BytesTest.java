package org.opendsql.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;

class BytesTest {

  @Test
  void sequentialIntegerKeysRarelyShareAHash() {
    Set<Integer> hashes = new HashSet<>();
    Set<Integer> buckets = new HashSet<>();
    int n = 100_000;
    for (int i = 1; i <= n; i++) {
      int h = Bytes.hash(KeyCodec.key(7, 1, List.of(PgType.INT4), List.of(i)));
      hashes.add(h);
      // The index a power-of-two table of 2^17 slots takes from the spread hash, as HashMap does.
      buckets.add((h ^ (h >>> 16)) & ((1 << 17) - 1));
    }
    // A random 32-bit hash leaves about one pair in a million shared; the polynomial hash left
    // nine keys in ten sharing theirs.
    assertTrue(hashes.size() > n - 10, "distinct hashes: " + hashes.size());
    // A uniform hash fills about 1 - e^(-n/slots) = 53 % of the slots.
    assertTrue(buckets.size() > 0.5 * (1 << 17), "buckets used: " + buckets.size());
  }

  @Test
  void hashDependsOnEveryByteAndOnLength() {
    byte[] a = {1, 2, 3, 4};
    assertEquals(Bytes.hash(a), Bytes.hash(a.clone()));
    for (int i = 0; i < a.length; i++) {
      byte[] b = a.clone();
      b[i] ^= 1;
      assertNotEquals(Bytes.hash(a), Bytes.hash(b), "byte " + i);
    }
    assertNotEquals(Bytes.hash(new byte[] {0}), Bytes.hash(new byte[] {0, 0}));
  }
}
