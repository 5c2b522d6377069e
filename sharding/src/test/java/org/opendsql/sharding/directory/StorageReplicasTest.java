package org.opendsql.sharding.directory;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorageReplicasTest {
  private static final int REPLICAS = 3;
  /**
   * Range ids as a directory that has split a few times holds them: not contiguous, some large
   * (ids are longs, not indexes 0..N-1).
   */
  private static final List<Long> RANGES = List.of(0L, 1L, 2L, 5L, 17L, 1000L, 1L << 33, Long.MAX_VALUE / 3);

  private static Map<String, List<String>> empty(List<String> nodes) {
    Map<String, List<String>> hosting = new HashMap<>();
    for (String n : nodes) hosting.put(n, new ArrayList<>());
    return hosting;
  }

  private static void placeRange(long range, int replicas, List<String> nodes, Map<String, List<String>> hosting) {
    for (int k = 0; k < replicas; k++) {
      hosting.get(StorageReplicas.place(range, k, nodes, hosting)).add(StorageReplicas.entityId(range, k));
    }
  }

  private static Map<String, List<String>> placeAll(List<String> nodes) {
    Map<String, List<String>> hosting = empty(nodes);
    for (long r : RANGES) placeRange(r, REPLICAS, nodes, hosting);
    return hosting;
  }

  private static void assertNoRangeTwiceOnANode(Map<String, List<String>> hosting) {
    for (Map.Entry<String, List<String>> e : hosting.entrySet()) {
      Set<Long> ranges = new HashSet<>();
      for (String id : e.getValue()) {
        assertTrue(ranges.add(StorageReplicas.rangeOf(id)), "two replicas of one range on " + e.getKey() + ": " + e.getValue());
      }
    }
  }

  private static int spread(Collection<List<String>> loads) {
    int max = loads.stream().mapToInt(List::size).max().orElse(0);
    int min = loads.stream().mapToInt(List::size).min().orElse(0);
    return max - min;
  }

  @Test
  void replicasOfARangeGoToDistinctNodesAndEveryNodeGetsItsShare() {
    Map<String, List<String>> hosting = placeAll(List.of("a", "b", "c"));
    for (List<String> ids : hosting.values()) assertEquals(RANGES.size(), ids.size(), "uneven: " + hosting);
    assertNoRangeTwiceOnANode(hosting);
  }

  @Test
  void neverTwoReplicasOfARangeOnANodeAndLoadStaysEvenWhateverTheShape() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int nodeCount = 1 + random.nextInt(8);
      int replicas = 1 + random.nextInt(Math.min(7, nodeCount));
      List<String> nodes = new ArrayList<>();
      for (int i = 0; i < nodeCount; i++) nodes.add("pekko://opendsql@10.0.0." + i + ":25520");
      Map<String, List<String>> hosting = empty(nodes);
      Set<Long> ranges = new HashSet<>();
      int rangeCount = 1 + random.nextInt(40);
      while (ranges.size() < rangeCount) ranges.add(random.nextLong() & Long.MAX_VALUE);
      for (long r : ranges) placeRange(r, replicas, nodes, hosting);
      assertNoRangeTwiceOnANode(hosting);
      assertTrue(spread(hosting.values()) <= 1, "nodes " + nodeCount + ", replicas " + replicas + ": " + hosting);
    }
  }

  @Test
  void aReplicaGoesToTheLeastLoadedNodeWithoutItsRange() {
    Map<String, List<String>> hosting = empty(List.of("a", "b", "c"));
    for (int i = 0; i < 5; i++) hosting.get("a").add(StorageReplicas.entityId(100 + i, 0));
    hosting.get("b").add(StorageReplicas.entityId(200, 0));
    for (int i = 0; i < 3; i++) hosting.get("c").add(StorageReplicas.entityId(300 + i, 1));
    List<String> nodes = List.of("a", "b", "c");
    long range = 7;

    String first = StorageReplicas.place(range, 0, nodes, hosting);
    assertEquals("b", first, "the least loaded node");
    hosting.get(first).add(StorageReplicas.entityId(range, 0));
    // b still holds the fewest replicas, but already one of this range.
    String second = StorageReplicas.place(range, 1, nodes, hosting);
    assertEquals("c", second, "the least loaded node without the range, not the least loaded one");
    hosting.get(second).add(StorageReplicas.entityId(range, 1));
    assertEquals("a", StorageReplicas.place(range, 2, nodes, hosting), "the only node left without the range");
  }

  @Test
  void withEveryNodeHoldingTheRangeAReplicaGoesToTheLeastLoadedNode() {
    Map<String, List<String>> hosting = empty(List.of("a", "b"));
    hosting.get("a").add(StorageReplicas.entityId(9, 0));
    hosting.get("a").add(StorageReplicas.entityId(4, 0));
    hosting.get("b").add(StorageReplicas.entityId(9, 1));
    assertEquals("b", StorageReplicas.place(9, 2, List.of("a", "b"), hosting));
  }

  @Test
  void aNodeMissingFromTheHostingMapCountsAsEmpty() {
    Map<String, List<String>> hosting = new HashMap<>();
    hosting.put("a", new ArrayList<>(List.of(StorageReplicas.entityId(1, 0))));
    assertEquals("b", StorageReplicas.place(2, 0, List.of("a", "b"), hosting));
    assertThrows(IllegalArgumentException.class, () -> StorageReplicas.place(2, 0, List.of(), hosting));
  }

  @Test
  void aLostNodesReplicasMoveToNodesWithoutThatRangeAndComeBackApartWhenANodeJoins() {
    Map<String, List<String>> hosting = placeAll(List.of("a", "b", "c", "d"));
    List<String> lost = hosting.remove("c");
    List<String> survivors = List.of("a", "b", "d");
    Set<String> receivers = new HashSet<>();
    for (String id : lost) {
      String to = StorageReplicas.place(StorageReplicas.rangeOf(id), StorageReplicas.replicaOf(id), survivors, hosting);
      assertNotEquals("c", to);
      receivers.add(to);
      hosting.get(to).add(id);
    }
    assertTrue(receivers.size() > 1, "a lost node's replicas spread out: " + receivers);
    assertNoRangeTwiceOnANode(hosting);
    assertEquals(Set.of(), StorageReplicas.misplaced(survivors, hosting));
  }

  @Test
  void withTooFewNodesReplicasShareAndTheExtrasMoveApartWhenANodeArrives() {
    Map<String, List<String>> hosting = placeAll(List.of("a", "b"));
    assertEquals(Set.of(), StorageReplicas.misplaced(List.of("a", "b"), hosting), "nowhere better to go");
    hosting.put("c", new ArrayList<>());
    List<String> three = List.of("a", "b", "c");
    Set<String> moves = StorageReplicas.misplaced(three, hosting);
    assertEquals(RANGES.size(), moves.size(), "one extra replica of every range: " + moves);
    for (String id : moves) {
      for (List<String> ids : hosting.values()) ids.remove(id);
      hosting.get(StorageReplicas.place(StorageReplicas.rangeOf(id), StorageReplicas.replicaOf(id), three, hosting)).add(id);
    }
    for (List<String> ids : hosting.values()) assertEquals(RANGES.size(), ids.size());
    assertNoRangeTwiceOnANode(hosting);
    assertEquals(Set.of(), StorageReplicas.misplaced(three, hosting), "settled");
  }

  @Test
  void allReplicasOfARangeOnOneNodeMoveToDistinctNewNodes() {
    Map<String, List<String>> hosting = empty(List.of("a"));
    placeRange(3, 3, List.of("a"), hosting);
    assertEquals(3, hosting.get("a").size());
    hosting.put("b", new ArrayList<>());
    hosting.put("c", new ArrayList<>());
    List<String> nodes = List.of("a", "b", "c");
    Set<String> moves = StorageReplicas.misplaced(nodes, hosting);
    assertEquals(2, moves.size(), "one stays: " + moves);
    for (String id : moves) {
      hosting.get("a").remove(id);
      hosting.get(StorageReplicas.place(3, StorageReplicas.replicaOf(id), nodes, hosting)).add(id);
    }
    for (List<String> ids : hosting.values()) assertEquals(1, ids.size(), "apart: " + hosting);
  }

  @Test
  void misplacedMovesOnlyCoLocatedReplicasNotMerelyUnevenLoad() {
    Map<String, List<String>> hosting = empty(List.of("a", "b", "c"));
    for (long r = 0; r < 6; r++) hosting.get("a").add(StorageReplicas.entityId(r, 0));
    hosting.get("b").add(StorageReplicas.entityId(0, 1));
    assertEquals(Set.of(), StorageReplicas.misplaced(List.of("a", "b", "c"), hosting));
    // Nodes outside the list (gone, or not hosting storage) are neither sources nor targets.
    hosting.put("gone", new ArrayList<>(List.of(StorageReplicas.entityId(0, 2), StorageReplicas.entityId(0, 3))));
    assertEquals(Set.of(), StorageReplicas.misplaced(List.of("a", "b", "c"), hosting));
  }

  @Test
  void entityIdsNameRangeAndReplicaAndReadBack() {
    Set<String> ids = new HashSet<>();
    for (long r : RANGES) {
      for (int k = 0; k < 7; k++) {
        String id = StorageReplicas.entityId(r, k);
        assertEquals(r, StorageReplicas.rangeOf(id));
        assertEquals(k, StorageReplicas.replicaOf(id));
        assertTrue(ids.add(id));
      }
    }
    assertEquals("8589934592-2", StorageReplicas.entityId(1L << 33, 2));
    for (String bad : List.of("12", "-1", "", "x-1", "1-x")) {
      assertThrows(IllegalArgumentException.class, () -> {
        StorageReplicas.rangeOf(bad);
        StorageReplicas.replicaOf(bad);
      }, bad);
    }
  }

  @Test
  void replicasPerRangeAreOneToSeven() {
    assertEquals(3, new StorageReplicas(3).replicas());
    assertThrows(IllegalArgumentException.class, () -> new StorageReplicas(0));
    assertThrows(IllegalArgumentException.class, () -> new StorageReplicas(8));
  }

  @Test
  void aNodeThatJoinsIsFilledFromTheFullestNodesUntilAllAreWithinTheToleranceNeverTwoReplicasOfARangeOnOne() {
    List<String> three = List.of("a", "b", "c");
    Map<String, List<String>> hosting = empty(List.of("a", "b", "c", "d"));
    for (long r : RANGES) {
      for (int k = 0; k < REPLICAS; k++) hosting.get(three.get(k)).add(StorageReplicas.entityId(r, k));
    }
    List<String> four = List.of("a", "b", "c", "d");
    int rounds = 0;
    while (true) {
      Set<String> moves = StorageReplicas.unbalanced(four, hosting, 1, 2);
      if (moves.isEmpty()) break;
      assertTrue(moves.size() <= 2, "a few at a time: " + moves);
      for (String id : moves) {
        String from = four.stream().filter(n -> hosting.get(n).contains(id)).findFirst().orElseThrow();
        hosting.get(from).remove(id);
        // The coordinator then places it where place() says.
        String to = StorageReplicas.place(StorageReplicas.rangeOf(id), StorageReplicas.replicaOf(id), four, hosting);
        hosting.get(to).add(id);
      }
      assertTrue(++rounds < 50, "converges");
    }
    int max = 0;
    int min = Integer.MAX_VALUE;
    for (String n : four) {
      max = Math.max(max, hosting.get(n).size());
      min = Math.min(min, hosting.get(n).size());
      Set<Long> ranges = new HashSet<>();
      for (String id : hosting.get(n)) assertTrue(ranges.add(StorageReplicas.rangeOf(id)), "two replicas of a range on " + n);
    }
    assertTrue(max - min <= 1, "within one replica of each other: " + hosting);
    assertTrue(hosting.get("d").size() >= RANGES.size() * REPLICAS / 4, "the new node got its share: " + hosting.get("d"));
  }

  @Test
  void nodesWithinTheToleranceMoveNothing() {
    Map<String, List<String>> hosting = empty(List.of("a", "b"));
    hosting.get("a").addAll(List.of("1-0", "2-0"));
    hosting.get("b").add("3-0");
    assertEquals(Set.of(), StorageReplicas.unbalanced(List.of("a", "b"), hosting, 1, 2));
    hosting.get("a").add("4-0");
    assertEquals(1, StorageReplicas.unbalanced(List.of("a", "b"), hosting, 1, 2).size());
  }

  @Test
  void aReplicaWhoseRangeTheEmptiestNodeHoldsIsNotMovedThere() {
    Map<String, List<String>> hosting = empty(List.of("a", "b"));
    hosting.get("a").addAll(List.of("1-0", "2-0", "3-0"));
    hosting.get("b").addAll(List.of("1-1"));
    Set<String> moves = StorageReplicas.unbalanced(List.of("a", "b"), hosting, 0, 5);
    assertFalse(moves.contains("1-0"), "b already holds a replica of range 1: " + moves);
    assertEquals(1, moves.size(), "then b holds two and a two: within the tolerance of 0 no further move helps");
  }

  @Test
  void aDrainedNodesReplicasAllMoveToNodesWithoutTheirRangeAsLongAsThereAreSuch() {
    List<String> nodes = List.of("n1", "n2", "n3", "n4");
    Map<String, List<String>> hosting = placeAll(nodes);
    List<String> eligible = List.of("n1", "n2", "n3");
    int before = hosting.get("n4").size();
    assertTrue(before > 0);
    int rounds = 0;
    while (true) {
      Set<String> moves = StorageReplicas.evacuate(eligible, hosting, 2);
      if (moves.isEmpty()) break;
      assertTrue(moves.size() <= 2);
      rounds++;
      for (String id : moves) {
        assertTrue(hosting.get("n4").remove(id), id + " was on the drained node");
        hosting.get(StorageReplicas.place(StorageReplicas.rangeOf(id), StorageReplicas.replicaOf(id), eligible, hosting))
            .add(id);
      }
    }
    assertTrue(hosting.get("n4").isEmpty());
    assertEquals((before + 1) / 2, rounds);
    hosting.remove("n4");
    assertNoRangeTwiceOnANode(hosting);
  }

  @Test
  void byLoadOneHeavyReplicaMovesToTheLightNodeWhenTheHeavyNodeAlsoHoldsMore() {
    Map<String, List<String>> hosting = new HashMap<>();
    hosting.put("n1", new ArrayList<>(List.of("1-0", "2-0", "3-0")));
    hosting.put("n2", new ArrayList<>(List.of("4-0", "5-0")));
    // 50 against 10: the replica of half the gap's weight evens them out; a heavier one would only
    // turn the gap around.
    Map<String, Double> weight = Map.of("1-0", 30.0, "2-0", 10.0, "3-0", 10.0, "4-0", 5.0, "5-0", 5.0);
    assertEquals(Map.of("1-0", "n2"), StorageReplicas.unbalancedByLoad(List.of("n1", "n2"), hosting, weight, 20, Set.of()));
  }

  @Test
  void byLoadEqualCountsSwapAHeavyReplicaForALightOne() {
    Map<String, List<String>> hosting = new HashMap<>();
    hosting.put("n1", new ArrayList<>(List.of("1-0", "2-0")));
    hosting.put("n2", new ArrayList<>(List.of("3-0", "4-0")));
    Map<String, Double> weight = Map.of("1-0", 100.0, "2-0", 60.0, "3-0", 10.0, "4-0", 5.0);
    Map<String, String> moves = StorageReplicas.unbalancedByLoad(List.of("n1", "n2"), hosting, weight, 20, Set.of());
    assertEquals(2, moves.size(), moves.toString());
    assertEquals("n2", moves.get(moves.keySet().stream().filter(id -> id.startsWith("1-") || id.startsWith("2-"))
        .findFirst().orElseThrow()));
    assertTrue(moves.containsValue("n1"), "one comes back: counts stay even");
  }

  @Test
  void byLoadNothingMovesWithinTheAllowanceOrOntoANodeHoldingTheRangeOrIfPinned() {
    Map<String, List<String>> hosting = new HashMap<>();
    hosting.put("n1", new ArrayList<>(List.of("1-0", "2-0")));
    hosting.put("n2", new ArrayList<>(List.of("1-1")));
    Map<String, Double> weight = Map.of("1-0", 50.0, "2-0", 30.0, "1-1", 20.0);
    assertEquals(Map.of(), StorageReplicas.unbalancedByLoad(List.of("n1", "n2"), hosting, weight, 70, Set.of()),
        "a gap of 60 is within 70");
    assertEquals(Map.of("2-0", "n2"), StorageReplicas.unbalancedByLoad(List.of("n1", "n2"), hosting, weight, 10, Set.of()),
        "1-0 cannot join 1-1");
    assertEquals(Map.of(), StorageReplicas.unbalancedByLoad(List.of("n1", "n2"), hosting, weight, 10, Set.of("2-0")));
  }

  @Test
  void byLoadRepeatedStepsSettleNarrowerWithCountsEvenAndNoRangeTwiceOnANode() {
    Random random = new Random(11);
    List<String> nodes = List.of("n1", "n2", "n3", "n4");
    for (int round = 0; round < 50; round++) {
      Map<String, List<String>> hosting = placeAll(nodes);
      Map<String, Double> weight = new HashMap<>();
      double total = 0;
      for (List<String> ids : hosting.values()) {
        for (String id : ids) {
          double w = random.nextInt(10) == 0 ? 200 + random.nextInt(300) : random.nextInt(20);
          weight.put(id, w);
          total += w;
        }
      }
      double allowed = Math.max(64, 0.2 * total / nodes.size());
      double before = gap(hosting, weight);
      int steps = 0;
      while (true) {
        Map<String, String> moves = StorageReplicas.unbalancedByLoad(nodes, hosting, weight, allowed, Set.of());
        if (moves.isEmpty()) break;
        assertTrue(++steps < 500, "settles");
        for (Map.Entry<String, String> m : moves.entrySet()) {
          for (List<String> ids : hosting.values()) ids.remove(m.getKey());
        }
        moves.forEach((id, to) -> hosting.get(to).add(id));
        assertNoRangeTwiceOnANode(hosting);
      }
      int most = hosting.values().stream().mapToInt(List::size).max().orElseThrow();
      int fewest = hosting.values().stream().mapToInt(List::size).min().orElseThrow();
      assertTrue(most - fewest <= 1, "counts stay even: " + hosting);
      double after = gap(hosting, weight);
      assertTrue(after <= before, "narrower: " + before + " -> " + after);
      if (steps > 0) assertTrue(after < before);
    }
  }

  private static double gap(Map<String, List<String>> hosting, Map<String, Double> weight) {
    double most = Double.NEGATIVE_INFINITY;
    double least = Double.POSITIVE_INFINITY;
    for (List<String> ids : hosting.values()) {
      double load = ids.stream().mapToDouble(weight::get).sum();
      most = Math.max(most, load);
      least = Math.min(least, load);
    }
    return most - least;
  }
}
