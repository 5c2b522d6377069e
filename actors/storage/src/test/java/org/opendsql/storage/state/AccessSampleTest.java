package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.range.SplitPoint;

class AccessSampleTest {
  private static final long T = 1_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> keys(AccessSample a) {
    return a.samples().stream().map(s -> new String(s.key(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void theRatesAreThoseOfTheLastClosedWindowAndEveryAccessCounts() {
    AccessSample a = new AccessSample(8, 512, T);
    for (int i = 0; i < 30; i++) a.read(b("r" + i));
    for (int i = 0; i < 10; i++) a.wrote(b("w" + i));
    assertEquals(0, a.readsPerSecond(), "no window closed yet");
    a.roll(T + 2 * SECOND);
    assertEquals(15, a.readsPerSecond(), 1e-9);
    assertEquals(5, a.writesPerSecond(), 1e-9);
    a.roll(T + 3 * SECOND);
    assertEquals(0, a.readsPerSecond(), "a quiet window has no load");
    assertEquals(0, a.writesPerSecond());
  }

  @Test
  void readsServedElsewhereCountInTheRateAndTheirSampledKeysInTheSample() {
    AccessSample a = new AccessSample(8, 512, T);
    a.read(b("own"));
    a.readElsewhere(39, List.of(b("x"), b("x"), b("y")));
    a.roll(T + 2 * SECOND);
    assertEquals(20, a.readsPerSecond(), 1e-9);
    assertEquals(List.of("x", "y"), keys(a));
    assertEquals(2, a.samples().get(0).weight());
  }

  @Test
  void oneAccessInEveryNIsSampledByACounterOverReadsAndWrites() {
    AccessSample a = new AccessSample(2, 512, T);
    for (int i = 1; i <= 4; i++) a.read(b("r" + i));
    for (int i = 1; i <= 4; i++) a.wrote(b("w" + i));
    assertEquals(List.of("r2", "r4", "w2", "w4"), keys(a));
  }

  @Test
  void theSampleIsInUnsignedKeyOrderWeightedByHowOftenEachKeyWasTouched() {
    AccessSample a = new AccessSample(1, 512, T);
    byte[] high = {(byte) 0xff};
    a.read(high);
    for (int i = 0; i < 3; i++) a.read(b("b"));
    a.wrote(b("a"));
    a.wrote(b("c"));
    a.read(b("c"));
    List<SplitPoint.Sample> s = a.samples();
    assertEquals(4, s.size());
    assertArrayEquals(b("a"), s.get(0).key());
    assertEquals(1, s.get(0).weight());
    assertArrayEquals(b("b"), s.get(1).key());
    assertEquals(3, s.get(1).weight());
    assertArrayEquals(b("c"), s.get(2).key());
    assertEquals(2, s.get(2).weight());
    assertArrayEquals(high, s.get(3).key(), "0xff sorts after ASCII");
  }

  @Test
  void whenFullItForgetsTheLeastUsedKeysAndKeepsTheMostUsed() {
    AccessSample a = new AccessSample(1, 4, T);
    for (int i = 0; i < 5; i++) a.read(b("k1"));
    for (int i = 0; i < 4; i++) a.read(b("k2"));
    for (int i = 0; i < 3; i++) a.read(b("k3"));
    for (int i = 0; i < 2; i++) a.read(b("k4"));
    assertEquals(4, a.samples().size(), "full, not over");
    a.read(b("k5"));
    List<String> kept = keys(a);
    assertTrue(kept.size() <= 4, "bounded: " + kept);
    assertTrue(kept.containsAll(List.of("k1", "k2")), "the most used survive: " + kept);
    assertTrue(!kept.contains("k5") && !kept.contains("k4"), "the least used go: " + kept);
  }

  @Test
  void aLoadSplitFromTheSampleFallsWhereTheAccessesAreHalved() {
    AccessSample a = new AccessSample(1, 512, T);
    for (int i = 0; i < 10; i++) a.read(b("a" + i));
    for (int i = 0; i < 100; i++) a.wrote(b("x"));
    for (int i = 0; i < 100; i++) a.read(b("y"));
    byte[] at = SplitPoint.choose(new org.opendsql.core.range.RangeDesc(0, new byte[0], null, 0, 0), a.samples())
        .orElseThrow();
    assertArrayEquals(b("y"), at, "the two hot keys end up on different sides");
  }

  @Test
  void clearingForgetsTheSampledKeysButNotTheAccessesCountedForTheRates() {
    AccessSample a = new AccessSample(1, 512, T);
    for (int i = 0; i < 10; i++) a.read(b("k" + i));
    a.clear();
    assertTrue(a.samples().isEmpty(), "the old range's keys say nothing about the new one");
    a.roll(T + SECOND);
    assertEquals(10, a.readsPerSecond(), 1e-9);
  }

  @Test
  void whenFullOfEquallyUsedKeysItKeepsAboutHalfOfThem() {
    AccessSample a = new AccessSample(1, 4, T);
    for (int i = 1; i <= 5; i++) a.read(b("k" + i));
    int kept = a.samples().size();
    assertTrue(kept >= 2 && kept <= 4, "kept " + kept + " of 5 equally used keys");
  }
}
