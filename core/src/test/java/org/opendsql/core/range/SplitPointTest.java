package org.opendsql.core.range;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.range.SplitPoint.Sample;
import org.opendsql.core.types.PgType;

class SplitPointTest {
  static byte[] row(long table, long id) {
    return KeyCodec.key(table, 1, List.of(PgType.INT8), List.of(id));
  }

  static final RangeDesc ALL = RangeMap.initial().ranges().get(0);

  @Test
  void oneTableSplitsAtTheWeightedMedian() {
    List<Sample> s = new ArrayList<>();
    for (long i = 0; i < 100; i++) s.add(new Sample(row(20, i), 100));
    byte[] at = SplitPoint.choose(ALL, s).orElseThrow();
    long left = s.stream().filter(x -> Arrays.compareUnsigned(x.key(), at) < 0).count();
    assertTrue(left >= 49 && left <= 51, "left side holds " + left + " of 100 keys");
  }

  @Test
  void theSplitKeyIsShortButStillSeparatesTheSamples() {
    List<Sample> s = List.of(new Sample(row(20, 1), 1), new Sample(row(20, 1_000_000), 1));
    byte[] at = SplitPoint.choose(ALL, s).orElseThrow();
    assertTrue(Arrays.compareUnsigned(row(20, 1), at) < 0);
    assertTrue(Arrays.compareUnsigned(at, row(20, 1_000_000)) <= 0);
    assertTrue(at.length <= row(20, 1_000_000).length);
  }

  @Test
  void aTableBoundaryWinsWhenItLeavesBothSidesAFairShare() {
    List<Sample> s = new ArrayList<>();
    for (long i = 0; i < 40; i++) s.add(new Sample(row(20, i), 10));
    for (long i = 0; i < 60; i++) s.add(new Sample(row(21, i), 10));
    assertArrayEquals(KeyCodec.prefix(21, 1), SplitPoint.choose(ALL, s).orElseThrow());
  }

  @Test
  void aTinyTableDoesNotPullTheSplitAway() {
    List<Sample> s = new ArrayList<>();
    s.add(new Sample(row(20, 0), 10));
    for (long i = 0; i < 100; i++) s.add(new Sample(row(21, i), 10));
    byte[] at = SplitPoint.choose(ALL, s).orElseThrow();
    assertTrue(Arrays.compareUnsigned(at, row(21, 40)) > 0, "split inside the big table");
  }

  @Test
  void theChosenKeyIsStrictlyInsideTheRange() {
    RangeDesc r = new RangeDesc(3, row(20, 10), row(20, 20), 0, 0);
    List<Sample> s = new ArrayList<>();
    for (long i = 0; i < 30; i++) s.add(new Sample(row(20, i), 1));
    byte[] at = SplitPoint.choose(r, s).orElseThrow();
    assertTrue(Arrays.compareUnsigned(at, r.start()) > 0 && r.contains(at));
  }

  @Test
  void loadOnOneKeyIsolatesItFromItsNeighbours() {
    List<Sample> s = new ArrayList<>();
    for (long i = 0; i < 10; i++) s.add(new Sample(row(20, i), i == 9 ? 1000 : 1));
    byte[] at = SplitPoint.choose(ALL, s).orElseThrow();
    assertTrue(Arrays.compareUnsigned(row(20, 8), at) < 0 && Arrays.compareUnsigned(at, row(20, 9)) <= 0);
  }

  @Test
  void oneKeyOrNoWeightCannotSplit() {
    assertTrue(SplitPoint.choose(ALL, List.of(new Sample(row(20, 1), 5))).isEmpty());
    assertTrue(SplitPoint.choose(ALL, List.of(new Sample(row(20, 1), 0), new Sample(row(20, 2), 0))).isEmpty());
    Optional<byte[]> none = SplitPoint.choose(new RangeDesc(1, row(30, 0), null, 0, 0),
        List.of(new Sample(row(20, 1), 5), new Sample(row(20, 2), 5)));
    assertTrue(none.isEmpty(), "samples outside the range count for nothing");
  }
}
