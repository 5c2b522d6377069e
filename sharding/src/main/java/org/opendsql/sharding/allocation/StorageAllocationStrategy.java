package org.opendsql.sharding.allocation;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.opendsql.sharding.directory.StorageReplicas;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Cluster Sharding's placement of storage replicas (one replica per shard). A replica of a range
 * split off another goes where the same replica of that other range is, when that node holds none
 * of its range: it starts from the data left there (a local copy, no network); any other by
 * {@link StorageReplicas#place}, unless that node already holds {@link #TOLERANCE} replicas more
 * than the emptiest one (a replica moved off it would otherwise come straight back). Its rebalance
 * first moves a replica that shares a node with another replica of its range to a node holding none
 * (see {@link StorageReplicas#misplaced}), then, a few at a time, replicas from the fullest node to
 * the emptiest until they are within the tolerance (see {@link StorageReplicas#unbalanced}): a node
 * that joins receives its share. A moved replica starts on its new node from a peer's snapshot, in
 * pages, then the journals' tail, and serves only once caught up.
 *
 * <p>Once counts are even, weights ({@link ReplicaLoads}: bytes and operations a second) are
 * evened out too: a replica from the heaviest node to the lightest, or a swap of a heavy one for a
 * light one so that counts stay even, while they differ by more than {@link #LOAD_TOLERANCE}.
 *
 * <p>Operators' requests ({@link PlacementRequests}) come first: nothing is placed on a draining
 * node, and its replicas move off it a few per round before anything else; a replica moved on
 * request goes to its node and is left there by the balancing.
 */
public final class StorageAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {
  /** How many more replicas the fullest node may hold than the emptiest. */
  public static final int TOLERANCE = 1;
  /**
   * Once counts are even, nodes' weights ({@link ReplicaLoads}) may differ by this fraction of the
   * mean node's weight, or by {@link #LOAD_SLACK}, whichever is more.
   */
  public static final double LOAD_TOLERANCE = 0.2;
  /** 64 MiB (or 6,400 operations a second): less is not worth a copy. */
  public static final double LOAD_SLACK = 64;
  /** Replicas moved per rebalance round (each copies its data over the network). */
  private static final int MOVES_PER_ROUND = 2;
  private volatile Address self;
  private final org.opendsql.core.range.LiveDirectory directory;
  private final Supplier<PlacementRequests> requests;
  private final Supplier<Map<String, Double>> weights;
  /** Where a replica handed off for load goes (the balancing chose it, not placement). */
  private final Map<String, String> planned = new java.util.concurrent.ConcurrentHashMap<>();

  public StorageAllocationStrategy(org.opendsql.core.range.LiveDirectory directory) {
    this(directory, () -> PlacementRequests.NONE, Map::of);
  }

  /**
   * @param requests what operators asked (drained nodes, pinned replicas), read at each decision
   * @param weights each replica's weight ({@link ReplicaLoads}); empty: balance by count only
   */
  public StorageAllocationStrategy(org.opendsql.core.range.LiveDirectory directory,
      Supplier<PlacementRequests> requests, Supplier<Map<String, Double>> weights) {
    this.directory = directory;
    this.requests = requests;
    this.weights = weights;
  }

  @Override
  public void start(ActorSystem system) {
    self = Cluster.get(system).selfAddress();
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      Map<ActorRef, IndexedSeq<String>> current) {
    Regions regions = new Regions(self, current);
    Map<String, ActorRef> byNode = regions.byNode;
    Map<String, List<String>> hosting = withoutMergedAway(regions.hosting);
    PlacementRequests asked = requests.get();
    List<String> eligible = asked.eligible(regions.nodes());
    long range = StorageReplicas.rangeOf(shardId);
    int replica = StorageReplicas.replicaOf(shardId);
    String target = planned.remove(shardId);
    if (target != null && eligible.contains(target) && !hostsRange(hosting.get(target), range)) {
      return Future.successful(byNode.get(target));
    }
    String pinned = asked.pins().get(shardId);
    if (pinned != null && eligible.contains(pinned) && !hostsRange(hosting.get(pinned), range)) {
      return Future.successful(byNode.get(pinned));
    }
    String node = nextToParent(range, replica, hosting);
    if (node != null && (!eligible.contains(node)
        || StorageReplicas.countOn(node, hosting) >= StorageReplicas.fewest(eligible, hosting) + TOLERANCE)) {
      node = null;
    }
    if (node == null) node = StorageReplicas.place(range, replica, eligible, hosting);
    return Future.successful(byNode.get(node));
  }

  private String nextToParent(long range, int replica, Map<String, List<String>> hosting) {
    long parent = directory.parentOf(range);
    if (parent < 0) return null;
    String parentId = StorageReplicas.entityId(parent, replica);
    for (Map.Entry<String, List<String>> e : hosting.entrySet()) {
      if (!e.getValue().contains(parentId)) continue;
      for (String id : e.getValue()) {
        if (StorageReplicas.rangeOf(id) == range) return null;
      }
      return e.getKey();
    }
    return null;
  }

  @Override
  public Future<java.util.Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current,
      java.util.Set<String> inProgress) {
    if (!inProgress.isEmpty()) return Future.successful(java.util.Set.of());
    Regions regions = new Regions(self, current);
    Map<String, ActorRef> byNode = regions.byNode;
    Map<String, List<String>> hosting = withoutMergedAway(regions.hosting);
    PlacementRequests asked = requests.get();
    List<String> eligible = asked.eligible(regions.nodes());
    java.util.Set<String> moves = StorageReplicas.evacuate(eligible, hosting, MOVES_PER_ROUND);
    if (!moves.isEmpty()) return Future.successful(moves);
    moves = pinnedElsewhere(asked, eligible, hosting);
    if (!moves.isEmpty()) return Future.successful(moves);
    moves = StorageReplicas.misplaced(eligible, hosting);
    if (!moves.isEmpty()) return Future.successful(moves);
    moves = StorageReplicas.unbalanced(eligible, hosting, TOLERANCE, MOVES_PER_ROUND, asked.pins().keySet());
    if (!moves.isEmpty()) return Future.successful(moves);
    Map<String, Double> weight = weights.get();
    if (weight.isEmpty()) return Future.successful(moves);
    double total = 0;
    for (double w : weight.values()) total += w;
    double allowed = Math.max(LOAD_SLACK, LOAD_TOLERANCE * total / eligible.size());
    Map<String, String> byLoad = StorageReplicas.unbalancedByLoad(eligible, hosting, weight, allowed,
        asked.pins().keySet());
    planned.clear();
    planned.putAll(byLoad);
    return Future.successful(byLoad.keySet());
  }

  /**
   * Replicas an operator moved that are not yet where asked, when that node may take them (it is
   * up, not draining, and holds no replica of the range).
   */
  private static java.util.Set<String> pinnedElsewhere(PlacementRequests asked, List<String> eligible,
      Map<String, List<String>> hosting) {
    java.util.Set<String> moves = new java.util.LinkedHashSet<>();
    for (Map.Entry<String, String> pin : asked.pins().entrySet()) {
      String target = pin.getValue();
      String shard = pin.getKey();
      if (moves.size() >= MOVES_PER_ROUND || !eligible.contains(target)) continue;
      List<String> there = hosting.get(target);
      if (there != null && there.contains(shard)) continue;
      boolean running = false;
      for (List<String> ids : hosting.values()) running |= ids.contains(shard);
      if (running && !hostsRange(there, StorageReplicas.rangeOf(shard))) moves.add(shard);
    }
    return moves;
  }

  /**
   * The shards of ranges still in use: a range merged into its neighbour leaves its shards allocated
   * (empty once its replicas stop), and they count for nothing and need no move.
   */
  private Map<String, List<String>> withoutMergedAway(Map<String, List<String>> hosting) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    hosting.forEach((node, ids) -> {
      List<String> kept = new java.util.ArrayList<>(ids.size());
      for (String id : ids) {
        if (directory.mergedAway(StorageReplicas.rangeOf(id)) == null) kept.add(id);
      }
      out.put(node, kept);
    });
    return out;
  }

  private static boolean hostsRange(List<String> ids, long range) {
    if (ids == null) return false;
    for (String id : ids) {
      if (StorageReplicas.rangeOf(id) == range) return true;
    }
    return false;
  }

}
