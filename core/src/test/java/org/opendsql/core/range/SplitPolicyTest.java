package org.opendsql.core.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.range.SplitPolicy.RangeStats;

class SplitPolicyTest {
  final SplitPolicy policy = new SplitPolicy(64 * 1024, 1000, 500, 8 * 1024);

  @Test
  void anyThresholdPassedAsksForASplit() {
    assertNull(policy.splitReason(new RangeStats(1, 1000, 10, 10, 10)));
    assertNotNull(policy.splitReason(new RangeStats(1, 70_000, 10, 0, 0)));
    assertNotNull(policy.splitReason(new RangeStats(1, 1000, 1001, 0, 0)));
    assertNotNull(policy.splitReason(new RangeStats(1, 1000, 10, 300, 300)));
  }

  @Test
  void onlySmallColdNeighboursMergeAndEachAtMostOnce() {
    List<RangeStats> rs = List.of(
        new RangeStats(1, 100, 1, 0, 0),
        new RangeStats(2, 100, 1, 0, 0),
        new RangeStats(3, 100, 1, 0, 0),
        new RangeStats(4, 100, 1, 400, 0),
        new RangeStats(5, 100, 1, 0, 0),
        new RangeStats(6, 60_000, 1, 0, 0));
    List<RangeStats[]> pairs = policy.mergePairs(rs);
    assertEquals(1, pairs.size());
    assertEquals(1, pairs.get(0)[0].range());
    assertEquals(2, pairs.get(0)[1].range());
  }

  @Test
  void aMergeThresholdThatASplitWouldUndoIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SplitPolicy(1000, 10, 1, 600));
  }
}
