package org.opendsql.sharding.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.opendsql.sharding.directory.StorageReplicas;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

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
 */
public final class StorageAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {
  /** How many more replicas the fullest node may hold than the emptiest. */
  public static final int TOLERANCE = 1;
  /** Replicas moved per rebalance round (each copies its data over the network). */
  private static final int MOVES_PER_ROUND = 2;
  private volatile Address self;
  private final org.opendsql.core.range.LiveDirectory directory;

  public StorageAllocationStrategy(org.opendsql.core.range.LiveDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void start(ActorSystem system) {
    self = Cluster.get(system).selfAddress();
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      Map<ActorRef, IndexedSeq<String>> current) {
    Map<String, ActorRef> byNode = new HashMap<>();
    Map<String, List<String>> hosting = hosting(current, byNode);
    long range = StorageReplicas.rangeOf(shardId);
    int replica = StorageReplicas.replicaOf(shardId);
    String node = nextToParent(range, replica, hosting);
    if (node != null && StorageReplicas.countOn(node, hosting)
        >= StorageReplicas.fewest(sorted(byNode), hosting) + TOLERANCE) {
      node = null;
    }
    if (node == null) node = StorageReplicas.place(range, replica, sorted(byNode), hosting);
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
    Map<String, ActorRef> byNode = new HashMap<>();
    Map<String, List<String>> hosting = hosting(current, byNode);
    java.util.Set<String> misplaced = StorageReplicas.misplaced(sorted(byNode), hosting);
    if (!misplaced.isEmpty()) return Future.successful(misplaced);
    return Future.successful(StorageReplicas.unbalanced(sorted(byNode), hosting, TOLERANCE, MOVES_PER_ROUND));
  }

  private Map<String, List<String>> hosting(Map<ActorRef, IndexedSeq<String>> current, Map<String, ActorRef> byNode) {
    Map<String, List<String>> hosting = new HashMap<>();
    for (Map.Entry<ActorRef, IndexedSeq<String>> e : current.entrySet()) {
      Address a = e.getKey().path().address();
      // The coordinator's own region has a local address: name it like the others.
      String node = (a.hasLocalScope() && self != null ? self : a).toString();
      byNode.put(node, e.getKey());
      hosting.put(node, new ArrayList<>(CollectionConverters.asJava(e.getValue())));
    }
    return hosting;
  }

  private static List<String> sorted(Map<String, ActorRef> byNode) {
    List<String> nodes = new ArrayList<>(byNode.keySet());
    nodes.sort(null);
    return nodes;
  }
}
