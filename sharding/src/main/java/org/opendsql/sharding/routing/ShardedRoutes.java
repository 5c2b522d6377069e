package org.opendsql.sharding.routing;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.adjudicator.protocol.AdjudicatorRoutes;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.journal.protocol.FeedRoutes;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.storage.protocol.ReplicaRoutes;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The routes every role uses when it knows no direct reference: each message goes to its entity
 * through Cluster Sharding. One instance per node, with the node's copy of the range directory;
 * the roles see only their own route interface.
 */
public final class ShardedRoutes implements FeedRoutes {
  private final ClusterSharding sharding;
  private final LiveDirectory directory;
  private final StorageReplicas replicas;
  private final int journals;
  private final Runnable refresh;
  private final ActorSystem<?> system;

  /** {@code refresh}: asks the journals for directory changes this node may lack. */
  public ShardedRoutes(ClusterSharding sharding, LiveDirectory directory, StorageReplicas replicas, int journals,
      Runnable refresh, ActorSystem<?> system) {
    if (journals < 1 || journals > 64) throw new IllegalArgumentException("journals must be 1..64");
    this.sharding = sharding;
    this.directory = directory;
    this.replicas = replicas;
    this.journals = journals;
    this.refresh = refresh;
    this.system = system;
  }

  public int journals() {
    return journals;
  }

  public void tellJournal(int journal, JournalProtocol.Command message) {
    sharding.entityRefFor(EntityKeys.JOURNAL, Integer.toString(journal)).tell(message);
  }

  @Override
  public LiveDirectory directory() {
    return directory;
  }

  @Override
  public int replicasPerRange() {
    return replicas.replicas();
  }

  @Override
  public void tellReplica(long range, int replica, StorageProtocol.Command message) {
    sharding.entityRefFor(EntityKeys.STORAGE, StorageReplicas.entityId(range, replica)).tell(message);
  }

  public void tellAdjudicator(long range, AdjudicatorProtocol.Command message) {
    sharding.entityRefFor(EntityKeys.ADJUDICATOR, Long.toString(range)).tell(message);
  }

  /** What the adjudicator of any range uses. */
  public AdjudicatorRoutes forAdjudicators() {
    return new AdjudicatorRoutes() {
      @Override
      public int journals() {
        return journals;
      }

      @Override
      public LiveDirectory directory() {
        return directory;
      }

      @Override
      public void tellJournal(int journal, JournalProtocol.Command message) {
        ShardedRoutes.this.tellJournal(journal, message);
      }

      @Override
      public void tellPeer(long range, AdjudicatorProtocol.Command message) {
        tellAdjudicator(range, message);
      }

      @Override
      public void tellReplica(long range, int replica, StorageProtocol.Command message) {
        ShardedRoutes.this.tellReplica(range, replica, message);
      }
    };
  }

  /** What every storage replica uses. */
  public ReplicaRoutes forReplicas() {
    return new ReplicaRoutes() {
      @Override
      public int replicas() {
        return replicas.replicas();
      }

      @Override
      public int journals() {
        return journals;
      }

      @Override
      public LiveDirectory directory() {
        return directory;
      }

      @Override
      public void tellJournal(int journal, StorageProtocol.FeedRequest request) {
        ShardedRoutes.this.tellJournal(journal, new JournalProtocol.FromReplica(request));
      }

      @Override
      public void tellReplica(long range, int replica, StorageProtocol.Command message) {
        ShardedRoutes.this.tellReplica(range, replica, message);
      }

      @Override
      public void requestSplit(long range, long generation, byte[] at) {
        tellAdjudicator(range, new AdjudicatorProtocol.SplitRange(generation, at, system.ignoreRef()));
      }

      @Override
      public void requestMerge(long range, long generation) {
        tellAdjudicator(range, new AdjudicatorProtocol.MergeRange(generation, system.ignoreRef()));
      }

      @Override
      public void refreshDirectory() {
        refresh.run();
      }
    };
  }
}
