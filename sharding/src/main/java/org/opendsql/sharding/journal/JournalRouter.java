package org.opendsql.sharding.journal;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.opendsql.sharding.storage.StorageShard;

/**
 * How adjudicators and storage shards reach the journal: through Cluster Sharding only. With one
 * journal per cluster every call goes to entity "0"; several journals route by transaction here.
 */
public final class JournalRouter {
  public static final String JOURNAL_ID = "0";
  private final ClusterSharding sharding;

  public JournalRouter(ClusterSharding sharding) {
    this.sharding = sharding;
  }

  public EntityRef<Journal.Command> journal() {
    return sharding.entityRefFor(Journal.KEY, JOURNAL_ID);
  }

  public void advanceClosed(int range, long atLeast, ActorRef<StorageShard.Command> replyTo) {
    journal().tell(new Journal.AdvanceClosed(range, atLeast, replyTo));
  }
}
