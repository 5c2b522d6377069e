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
 * Cluster Sharding's placement of storage replicas (one replica per shard), by {@link
 * StorageReplicas#place}; its rebalance only ever moves a replica that shares a node with another
 * replica of its range to a node holding none (see {@link StorageReplicas#misplaced}).
 */
public final class StorageAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {
  private volatile Address self;

  @Override
  public void start(ActorSystem system) {
    self = Cluster.get(system).selfAddress();
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      Map<ActorRef, IndexedSeq<String>> current) {
    Map<String, ActorRef> byNode = new HashMap<>();
    Map<String, List<String>> hosting = hosting(current, byNode);
    int[] rk = StorageReplicas.parse(shardId);
    String node = StorageReplicas.place(rk[0], rk[1], sorted(byNode), hosting);
    return Future.successful(byNode.get(node));
  }

  @Override
  public Future<java.util.Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current,
      java.util.Set<String> inProgress) {
    if (!inProgress.isEmpty()) return Future.successful(java.util.Set.of());
    Map<String, ActorRef> byNode = new HashMap<>();
    Map<String, List<String>> hosting = hosting(current, byNode);
    return Future.successful(StorageReplicas.misplaced(sorted(byNode), hosting));
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
