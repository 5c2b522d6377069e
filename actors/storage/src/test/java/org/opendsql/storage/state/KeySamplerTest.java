package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.SplitPoint;

class KeySamplerTest {
  private static final RangeDesc EVERYTHING = new RangeDesc(0, RangeDesc.MIN, null, 0, 0);

  private static byte[] key(int i) {
    return String.format("k%05d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static long totalWeight(List<SplitPoint.Sample> samples) {
    return samples.stream().mapToLong(SplitPoint.Sample::weight).sum();
  }

  @Test
  void untilFullEveryKeyIsASampleWeightedByItsOwnBytes() {
    KeySampler s = new KeySampler(8);
    for (int i = 1; i <= 5; i++) s.add(key(i), 10L * i);
    assertEquals(5, s.keys());
    assertEquals(150, s.bytes());
    List<SplitPoint.Sample> samples = s.samples();
    assertEquals(5, samples.size());
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(key(i + 1), samples.get(i).key());
      assertEquals(10L * (i + 1), samples.get(i).weight());
    }
  }

  @Test
  void whenFullEveryOtherSampleIsDroppedAndTheKeptOneStandsForTheBytesOfBoth() {
    KeySampler s = new KeySampler(4);
    for (int i = 1; i <= 4; i++) s.add(key(i), i);
    List<SplitPoint.Sample> thinned = s.samples();
    assertEquals(2, thinned.size());
    assertArrayEquals(key(2), thinned.get(0).key());
    assertEquals(1 + 2, thinned.get(0).weight());
    assertArrayEquals(key(4), thinned.get(1).key());
    assertEquals(3 + 4, thinned.get(1).weight());

    // The stride doubled: one sample per two keys from now on, carrying both keys' bytes.
    s.add(key(5), 5);
    assertEquals(2, s.samples().size(), "the fifth key alone is not sampled");
    s.add(key(6), 6);
    List<SplitPoint.Sample> after = s.samples();
    assertEquals(3, after.size());
    assertArrayEquals(key(6), after.get(2).key());
    assertEquals(5 + 6, after.get(2).weight());
    assertEquals(6, s.keys());
    assertEquals(21, s.bytes());
  }

  @Test
  void theSampleStaysBoundedInKeyOrderAndItsWeightsAddUpToTheBytesThroughItsLastKey() {
    int maxSamples = 16;
    KeySampler s = new KeySampler(maxSamples);
    long[] size = new long[1000];
    long bytes = 0;
    for (int i = 0; i < size.length; i++) {
      size[i] = i % 7 + 1;
      bytes += size[i];
      s.add(key(i), size[i]);
    }
    assertEquals(1000, s.keys());
    assertEquals(bytes, s.bytes());
    List<SplitPoint.Sample> samples = s.samples();
    assertTrue(samples.size() < maxSamples && samples.size() >= maxSamples / 2 - 1, "size " + samples.size());
    for (int i = 1; i < samples.size(); i++) {
      assertTrue(Arrays.compareUnsigned(samples.get(i - 1).key(), samples.get(i).key()) < 0, "in key order");
    }
    int last = Integer.parseInt(new String(samples.get(samples.size() - 1).key(), StandardCharsets.UTF_8).substring(1));
    long throughLast = 0;
    for (int i = 0; i <= last; i++) throughLast += size[i];
    assertEquals(throughLast, totalWeight(samples), "no byte is lost or counted twice by thinning");
  }

  @Test
  void aSizeSplitFromTheSampleFallsWhereTheBytesAreHalved() {
    KeySampler uniform = new KeySampler(64);
    for (int i = 0; i < 1000; i++) uniform.add(key(i), 100);
    byte[] at = SplitPoint.choose(EVERYTHING, uniform.samples()).orElseThrow();
    assertTrue(Arrays.compareUnsigned(at, key(400)) > 0 && Arrays.compareUnsigned(at, key(600)) <= 0,
        "uniform sizes split near the middle key: " + new String(at, StandardCharsets.UTF_8));

    // The first 100 keys hold most of the bytes: the split falls among them.
    KeySampler skewed = new KeySampler(64);
    for (int i = 0; i < 1000; i++) skewed.add(key(i), i < 100 ? 1000 : 10);
    byte[] skewedAt = SplitPoint.choose(EVERYTHING, skewed.samples()).orElseThrow();
    assertTrue(Arrays.compareUnsigned(skewedAt, key(100)) <= 0,
        "the split follows the bytes, not the key count: " + new String(skewedAt, StandardCharsets.UTF_8));
  }

  @Test
  void theSamplesGivenOutDoNotChangeWithLaterKeys() {
    KeySampler s = new KeySampler(4);
    s.add(key(1), 1);
    List<SplitPoint.Sample> before = s.samples();
    for (int i = 2; i <= 10; i++) s.add(key(i), i);
    assertEquals(1, before.size());
    assertArrayEquals(key(1), before.get(0).key());
  }

  @Test
  void fewerThanTwoSamplesCouldNeverChooseASplitAndAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new KeySampler(1));
  }
}
