package org.opendsql.sharding.journal;

import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * How adjudicators and storage shards reach the journals: through Cluster Sharding only. A
 * transaction is written wholly to one journal, chosen by its coordinating range, so commit
 * bandwidth grows with the number of journals.
 */
public final class JournalRouter {
  private final ClusterSharding sharding;
  private final int journals;

  public JournalRouter(ClusterSharding sharding, int journals) {
    if (journals < 1 || journals > 64) throw new IllegalArgumentException("journals must be 1..64");
    this.sharding = sharding;
    this.journals = journals;
  }

  public int count() {
    return journals;
  }

  public EntityRef<Journal.Command> journal(int id) {
    return sharding.entityRefFor(Journal.KEY, Integer.toString(id));
  }

  /** The journal that records transactions coordinated by {@code range}. */
  public int journalForRange(int range) {
    return Math.floorMod(range, journals);
  }
}
