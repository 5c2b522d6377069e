package org.opendsql.sharding.routing;

import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.adjudicator.protocol.AdjudicatorRoutes;
import org.opendsql.journal.protocol.FeedRoutes;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.storage.protocol.ReplicaRoutes;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The routes every role uses when it knows no direct reference: each message goes to its entity
 * through Cluster Sharding. One instance per node; the roles see only their own route interface.
 */
public final class ShardedRoutes implements FeedRoutes {
  private final ClusterSharding sharding;
  private final RangeDirectory directory;
  private final StorageReplicas replicas;
  private final int journals;

  public ShardedRoutes(ClusterSharding sharding, RangeDirectory directory, StorageReplicas replicas, int journals) {
    if (journals < 1 || journals > 64) throw new IllegalArgumentException("journals must be 1..64");
    this.sharding = sharding;
    this.directory = directory;
    this.replicas = replicas;
    this.journals = journals;
  }

  public int journals() {
    return journals;
  }

  /** The journal that records transactions coordinated by {@code range}. */
  public int journalOf(int range) {
    return Math.floorMod(range, journals);
  }

  public void tellJournal(int journal, JournalProtocol.Command message) {
    sharding.entityRefFor(EntityKeys.JOURNAL, Integer.toString(journal)).tell(message);
  }

  @Override
  public int ranges() {
    return directory.rangeCount();
  }

  @Override
  public int replicasPerRange() {
    return replicas.replicas();
  }

  @Override
  public int rangeOf(byte[] key) {
    return directory.rangeOf(key);
  }

  @Override
  public void tellReplica(int range, int replica, StorageProtocol.Command message) {
    sharding.entityRefFor(EntityKeys.STORAGE, replicas.entityId(range, replica)).tell(message);
  }

  /** What the adjudicator of any range uses. */
  public AdjudicatorRoutes forAdjudicators() {
    return new AdjudicatorRoutes() {
      @Override
      public int journals() {
        return journals;
      }

      @Override
      public int journalOf(int range) {
        return ShardedRoutes.this.journalOf(range);
      }

      @Override
      public void tellJournal(int journal, JournalProtocol.Command message) {
        ShardedRoutes.this.tellJournal(journal, message);
      }

      @Override
      public void tellPeer(int range, AdjudicatorProtocol.Command message) {
        sharding.entityRefFor(EntityKeys.ADJUDICATOR, RangeDirectory.entityId(range)).tell(message);
      }
    };
  }

  /** What the replicas of {@code range} use. */
  public ReplicaRoutes forReplicasOf(int range) {
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
      public int keySpace(int replica) {
        return replicas.storeId(range, replica);
      }

      @Override
      public void tellJournal(int journal, StorageProtocol.FeedRequest request) {
        ShardedRoutes.this.tellJournal(journal, new JournalProtocol.FromReplica(request));
      }

      @Override
      public void tellPeer(int replica, StorageProtocol.Command message) {
        tellReplica(range, replica, message);
      }
    };
  }
}
