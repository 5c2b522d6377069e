package org.opendsql.sharding.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorPaths;
import org.apache.pekko.actor.ActorRef;
import org.junit.jupiter.api.Test;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeMap;
import org.opendsql.sharding.directory.StorageReplicas;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/** The strategy's decisions, given the regions' holdings: no cluster needed (it reads only addresses). */
class StorageAllocationStrategyTest {
  /** A shard region on another node: only its path (address) matters to the strategy. */
  private static final class Region extends ActorRef {
    private final ActorPath path;

    Region(String host) {
      this.path = ActorPaths.fromString("pekko://opendsql@" + host + ":25520/system/sharding/storage");
    }

    @Override
    public ActorPath path() {
      return path;
    }

    @Override
    public void $bang(Object message, ActorRef sender) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isTerminated() {
      return false;
    }
  }

  private final Region a = new Region("10.0.0.1");
  private final Region b = new Region("10.0.0.2");
  private final Region c = new Region("10.0.0.3");
  private final Map<ActorRef, List<String>> holding = new LinkedHashMap<>();

  StorageAllocationStrategyTest() {
    for (Region r : List.of(a, b, c)) holding.put(r, new ArrayList<>());
  }

  /** Range 0 split at 0x80: range 1 is its right side. */
  private static LiveDirectory splitOnce() {
    LiveDirectory directory = new LiveDirectory(RangeMap.initial());
    assertTrue(directory.offer(new RangeChange.Split(0, 0, new byte[] {(byte) 0x80}, 1, 0)));
    assertEquals(0, directory.parentOf(1));
    return directory;
  }

  private Map<ActorRef, IndexedSeq<String>> current() {
    Map<ActorRef, IndexedSeq<String>> out = new HashMap<>();
    holding.forEach((region, ids) -> out.put(region, CollectionConverters.asScala(ids).toIndexedSeq()));
    return out;
  }

  private static <T> T now(Future<T> future) {
    assertTrue(future.isCompleted());
    return future.value().get().get();
  }

  private ActorRef allocate(StorageAllocationStrategy strategy, long range, int replica) {
    ActorRef to = now(strategy.allocateShard(null, StorageReplicas.entityId(range, replica), current()));
    holding.get(to).add(StorageReplicas.entityId(range, replica));
    return to;
  }

  /** The parent's replicas on a, b, c; a also the busiest, so load alone would never pick it. */
  private void parentEverywhereAndABusy() {
    holding.get(a).add(StorageReplicas.entityId(0, 0));
    holding.get(b).add(StorageReplicas.entityId(0, 1));
    holding.get(c).add(StorageReplicas.entityId(0, 2));
    for (long r = 10; r < 15; r++) holding.get(a).add(StorageReplicas.entityId(r, 0));
  }

  private static String node(Region r) {
    return r.path().address().toString();
  }

  private static java.util.function.Supplier<PlacementRequests> asked(List<String> elements) {
    PlacementRequests requests = PlacementRequests.of(elements);
    return () -> requests;
  }

  @Test
  void theShardsOfARangeMergedAwayCountForNothingAndAreNotMoved() {
    LiveDirectory directory = new LiveDirectory(RangeMap.initial());
    directory.offer(new org.opendsql.core.range.RangeChange.Split(0, 0, new byte[] {0x40}, 7, 0));
    directory.offer(new org.opendsql.core.range.RangeChange.Merge(0, 1, 7, 1));
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(directory);
    // a holds the emptied shards of range 7, merged into range 0: by count it looks full, but is not.
    for (int k = 0; k < 3; k++) holding.get(a).add(StorageReplicas.entityId(7, k));
    holding.get(b).add(StorageReplicas.entityId(0, 0));
    holding.get(c).add(StorageReplicas.entityId(0, 1));
    assertEquals(Set.of(), now(strategy.rebalance(current(), Set.of())), "nothing to even out, nothing misplaced");
    assertEquals(a, allocate(strategy, 0, 2), "the third replica goes to the node with none");
  }

  @Test
  void aDrainingNodeIsGivenNothingAndEmptiedFirstAFewPerRound() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(splitOnce(),
        asked(List.of(PlacementRequests.drainElement(node(c)))), Map::of);
    for (long r = 10; r < 15; r++) {
      for (int k = 0; k < 3; k++) {
        ActorRef to = allocate(strategy, r, k);
        assertNotEquals(c, to, "nothing new on a draining node");
      }
    }
    for (long r = 20; r < 25; r++) holding.get(c).add(StorageReplicas.entityId(r, 0));
    Set<String> moves = now(strategy.rebalance(current(), Set.of()));
    assertEquals(2, moves.size());
    assertTrue(holding.get(c).containsAll(moves), "off the draining node, before any balancing: " + moves);
    assertEquals(Set.of(), now(strategy.rebalance(current(), Set.of(moves.iterator().next()))),
        "one round at a time");
  }

  @Test
  void aPinnedReplicaMovesToItsNodeAndIsLeftThereByTheBalancing() {
    String pinned = StorageReplicas.entityId(30, 1);
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(new LiveDirectory(RangeMap.initial()),
        asked(List.of(PlacementRequests.pinElement(pinned, node(a)))), Map::of);
    holding.get(b).add(pinned);
    assertEquals(Set.of(pinned), now(strategy.rebalance(current(), Set.of())));
    holding.get(b).remove(pinned);
    assertEquals(a, allocate(strategy, 30, 1), "placed where it was asked to go");
    // a is now far fuller than b and c; the balancing moves other replicas, never the pinned one.
    for (long r = 40; r < 46; r++) holding.get(a).add(StorageReplicas.entityId(r, 0));
    Set<String> moves = now(strategy.rebalance(current(), Set.of()));
    assertEquals(2, moves.size());
    assertTrue(!moves.contains(pinned), moves.toString());
  }

  @Test
  void aPinToANodeHoldingAnotherReplicaOfTheRangeIsNotFollowed() {
    String pinned = StorageReplicas.entityId(30, 1);
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(new LiveDirectory(RangeMap.initial()),
        asked(List.of(PlacementRequests.pinElement(pinned, node(a)))), Map::of);
    holding.get(a).add(StorageReplicas.entityId(30, 0));
    holding.get(b).add(pinned);
    assertEquals(Set.of(), now(strategy.rebalance(current(), Set.of())));
  }

  @Test
  void withCountsEvenAHeavyReplicaIsSwappedForALightOneAndEachGoesWhereTheBalancingPlannedIt() {
    Map<String, Double> weight = new HashMap<>();
    for (Region r : List.of(a, b, c)) {
      for (int i = 0; i < 3; i++) {
        String id = StorageReplicas.entityId(100 + holding.size() * 10L + i + 10L * List.of(a, b, c).indexOf(r), 0);
        holding.get(r).add(id);
        weight.put(id, r == a ? 200.0 : 5.0);
      }
    }
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(new LiveDirectory(RangeMap.initial()),
        () -> PlacementRequests.NONE, () -> weight);
    Set<String> moves = now(strategy.rebalance(current(), Set.of()));
    assertEquals(2, moves.size(), "a swap: " + moves);
    String heavy = moves.stream().filter(id -> holding.get(a).contains(id)).findFirst().orElseThrow();
    String light = moves.stream().filter(id -> !id.equals(heavy)).findFirst().orElseThrow();
    ActorRef lightNode = holding.entrySet().stream().filter(e -> e.getValue().contains(light)).findFirst()
        .orElseThrow().getKey();
    for (List<String> ids : holding.values()) ids.removeAll(moves);
    assertEquals(lightNode, allocate(strategy, StorageReplicas.rangeOf(heavy), StorageReplicas.replicaOf(heavy)),
        "the heavy replica goes to the light node");
    assertEquals(a, allocate(strategy, StorageReplicas.rangeOf(light), StorageReplicas.replicaOf(light)),
        "and a light one comes back");
  }

  @Test
  void aSplitOffRangesReplicaGoesNextToItsParentsSameReplica() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(splitOnce());
    holding.get(a).add(StorageReplicas.entityId(0, 0));
    holding.get(b).add(StorageReplicas.entityId(0, 1));
    holding.get(c).add(StorageReplicas.entityId(0, 2));
    // b and c now hold one more than a when replica 1 and 2 come: within the tolerance.
    assertEquals(a, allocate(strategy, 1, 0), "where replica 0 of range 0 is");
    assertEquals(b, allocate(strategy, 1, 1));
    assertEquals(c, allocate(strategy, 1, 2));
  }

  @Test
  void notNextToTheParentWhenThatNodeHoldsMoreThanTheToleranceAboveTheEmptiest() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(splitOnce());
    parentEverywhereAndABusy();
    // a holds six, b and c one each: a replica moved off a must not come straight back.
    ActorRef to = allocate(strategy, 1, 0);
    assertNotEquals(a, to, "placed by load instead");
  }

  @Test
  void notNextToTheParentWhenThatNodeAlreadyHoldsAReplicaOfTheChild() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(splitOnce());
    parentEverywhereAndABusy();
    // Replica 0 of range 1 landed elsewhere, next to replica 1 of range 0 ...
    holding.get(b).add(StorageReplicas.entityId(1, 0));
    // ... so replica 1 of range 1 must not join it there: placed by load among nodes without range 1.
    ActorRef to = allocate(strategy, 1, 1);
    assertNotEquals(b, to);
    assertEquals(c, to, "the least loaded node without range 1");
  }

  @Test
  void aRangeWithoutAKnownParentOrWithItsParentsReplicaNowhereIsPlacedByLoad() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(splitOnce());
    parentEverywhereAndABusy();
    holding.get(b).add(StorageReplicas.entityId(20, 0));
    // Range 5 has no parent here: the least loaded node (c).
    assertEquals(c, allocate(strategy, 5, 0));
    // Replica 3 of range 0 is hosted nowhere: range 1's replica 3 goes by load too.
    holding.get(c).add(StorageReplicas.entityId(21, 0));
    holding.get(c).add(StorageReplicas.entityId(22, 0));
    assertEquals(b, allocate(strategy, 1, 3));
  }

  @Test
  void theFirstReplicasOfTheInitialRangeSpreadOverTheNodes() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(new LiveDirectory(RangeMap.initial()));
    Set<ActorRef> used = new java.util.HashSet<>();
    for (int k = 0; k < 3; k++) used.add(allocate(strategy, 0, k));
    assertEquals(Set.of(a, b, c), used);
  }

  @Test
  void rebalanceMovesCoLocatedReplicasFirstAndNothingWhileAMoveIsUnderWay() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(splitOnce());
    holding.get(a).addAll(List.of(StorageReplicas.entityId(0, 0), StorageReplicas.entityId(0, 1)));
    holding.get(b).add(StorageReplicas.entityId(0, 2));
    for (long r = 30; r < 35; r++) holding.get(b).add(StorageReplicas.entityId(r, 0));
    Set<String> moves = now(strategy.rebalance(current(), Set.of()));
    assertEquals(1, moves.size(), "one of range 0's two replicas on a: " + moves);
    String moved = moves.iterator().next();
    assertEquals(0, StorageReplicas.rangeOf(moved));
    assertTrue(holding.get(a).contains(moved));
    assertEquals(Set.of(), now(strategy.rebalance(current(), Set.of("5-0"))));
  }

  @Test
  void withNothingCoLocatedRebalanceMovesAFewReplicasFromTheFullestNodeTowardsTheEmptiest() {
    StorageAllocationStrategy strategy = new StorageAllocationStrategy(splitOnce());
    for (long r = 30; r < 36; r++) holding.get(b).add(StorageReplicas.entityId(r, 0));
    holding.get(a).add(StorageReplicas.entityId(40, 0));
    Set<String> moves = now(strategy.rebalance(current(), Set.of()));
    assertEquals(2, moves.size(), "a few at a time: " + moves);
    for (String id : moves) assertTrue(holding.get(b).contains(id), "from the fullest node: " + id);
    holding.get(c).addAll(List.of("30-0", "31-0", "32-0"));
    holding.get(b).removeAll(List.of("30-0", "31-0", "32-0"));
    holding.get(a).add("41-0");
    assertEquals(Set.of(), now(strategy.rebalance(current(), Set.of())), "within one replica: nothing moves");
  }
}
