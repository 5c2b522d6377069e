package org.opendsql.sharding.allocation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Cluster Sharding's placement of adjudicators and journals ({@link ShardSpread}): a new shard to
 * the node with the fewest that is not draining; a rebalance empties draining nodes and, for a type
 * that balances, moves shards from the fullest node to the emptiest while they differ by more than
 * the tolerance, so a node that joins takes its share. A move is a hand-off: the entity stops on
 * one node and starts on the other, where the journals fence its earlier incarnation.
 */
public final class SpreadAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {
  private final Supplier<PlacementRequests> requests;
  private final boolean movable;
  private final int tolerance;
  private final int movesPerRound;
  private volatile Address self;

  /**
   * @param movable whether a shard may leave a running node at all (a journal whose log is on its
   *     node's disk only may not: it would start elsewhere without it)
   * @param tolerance how many more shards the fullest node may hold than the emptiest; negative:
   *     never moved for balance, only off draining nodes
   */
  public SpreadAllocationStrategy(Supplier<PlacementRequests> requests, boolean movable, int tolerance,
      int movesPerRound) {
    this.requests = requests;
    this.movable = movable;
    this.tolerance = tolerance;
    this.movesPerRound = movesPerRound;
  }

  @Override
  public void start(ActorSystem system) {
    self = Cluster.get(system).selfAddress();
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
    Regions regions = new Regions(self, current);
    List<String> eligible = requests.get().eligible(regions.nodes());
    return Future.successful(regions.byNode.get(ShardSpread.allocate(eligible, regions.hosting)));
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
    if (!movable || !inProgress.isEmpty()) return Future.successful(Set.of());
    Regions regions = new Regions(self, current);
    List<String> nodes = regions.nodes();
    return Future.successful(ShardSpread.rebalance(nodes, requests.get().eligible(nodes), regions.hosting, tolerance,
        movesPerRound));
  }

}
