package org.opendsql.sharding.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardSpreadTest {
  private static final List<String> NODES = List.of("a", "b", "c", "d");

  private static Map<String, List<String>> hosting(int... counts) {
    Map<String, List<String>> out = new HashMap<>();
    int id = 0;
    for (int i = 0; i < counts.length; i++) {
      List<String> shards = new ArrayList<>();
      for (int k = 0; k < counts[i]; k++) shards.add("s" + id++);
      out.put(NODES.get(i), shards);
    }
    return out;
  }

  private static void apply(Set<String> moves, Map<String, List<String>> hosting, List<String> eligible) {
    for (String shard : moves) {
      for (List<String> shards : hosting.values()) shards.remove(shard);
      hosting.get(ShardSpread.allocate(eligible, hosting)).add(shard);
    }
  }

  @Test
  void aNewShardGoesToTheEligibleNodeWithTheFewestFirstInOrderOnATie() {
    assertEquals("c", ShardSpread.allocate(NODES, hosting(3, 2, 1, 1)));
    assertEquals("b", ShardSpread.allocate(List.of("a", "b"), hosting(3, 2, 0, 0)), "c and d are not eligible");
  }

  @Test
  void everyShardOnADrainingNodeMovesBeforeAnyBalancing() {
    Map<String, List<String>> h = hosting(1, 1, 1, 5);
    List<String> eligible = List.of("a", "b", "c");
    Set<String> moves = ShardSpread.rebalance(NODES, eligible, h, 0, 100);
    assertEquals(Set.copyOf(h.get("d")), moves);
    apply(moves, h, eligible);
    assertTrue(h.get("d").isEmpty());
    assertEquals(List.of(3, 3, 2), List.of(h.get("a").size(), h.get("b").size(), h.get("c").size()),
        "spread as they went");
  }

  @Test
  void drainingMovesAtMostTheRoundsShareAndANegativeToleranceNeverBalances() {
    Map<String, List<String>> h = hosting(9, 0, 0, 4);
    assertEquals(2, ShardSpread.rebalance(NODES, List.of("a", "b", "c"), h, -1, 2).size());
    assertEquals(Set.of(), ShardSpread.rebalance(NODES, NODES, h, -1, 2), "only drains move with no tolerance");
  }

  @Test
  void aJoinedNodeIsFilledUntilAllAreWithinTheTolerance() {
    Random random = new Random(7);
    for (int round = 0; round < 100; round++) {
      int tolerance = random.nextInt(3);
      Map<String, List<String>> h = hosting(random.nextInt(20), random.nextInt(20), random.nextInt(20), 0);
      int total = h.values().stream().mapToInt(List::size).sum();
      for (int step = 0; step < 100; step++) {
        Set<String> moves = ShardSpread.rebalance(NODES, NODES, h, tolerance, 2);
        if (moves.isEmpty()) break;
        for (String shard : moves) {
          String from = null;
          for (var e : h.entrySet()) if (e.getValue().contains(shard)) from = e.getKey();
          h.get(from).remove(shard);
          String to = null;
          for (String n : NODES) if (to == null || h.get(n).size() < h.get(to).size()) to = n;
          h.get(to).add(shard);
        }
      }
      int max = h.values().stream().mapToInt(List::size).max().orElseThrow();
      int min = h.values().stream().mapToInt(List::size).min().orElseThrow();
      assertTrue(max - min <= Math.max(tolerance, 1), "within " + tolerance + ": " + h);
      assertEquals(total, h.values().stream().mapToInt(List::size).sum(), "nothing lost or doubled");
    }
  }
}
