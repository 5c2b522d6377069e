package org.opendsql.sharding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.journal.Crossbar;
import org.opendsql.sharding.journal.Journal;
import org.opendsql.sharding.journal.JournalRouter;
import org.opendsql.sharding.journal.LocalJournalState;
import org.opendsql.sharding.storage.StorageShard;

/**
 * Registers this node's entity types with Cluster Sharding: every node can host adjudicators,
 * the journal and storage shards, and every node reaches them only through sharding.
 */
public final class NodeEntities {
  private final ClusterSharding sharding;
  private final RangeDirectory directory;
  private final JournalRouter journal;

  public NodeEntities(ActorSystem<?> system, MvccStore store, Hlc hlc, RangeDirectory directory,
      int journals, Adjudicator.Settings adjudicatorSettings, StorageShard.Settings storageSettings) {
    this.sharding = ClusterSharding.get(system);
    this.directory = directory;
    this.journal = new JournalRouter(sharding, journals);
    Crossbar crossbar = new Crossbar(sharding, directory);
    List<LocalJournalState> localJournals = new ArrayList<>();
    for (int j = 0; j < journals; j++) localJournals.add(new LocalJournalState());
    sharding.init(Entity.of(Journal.KEY, ctx -> Journal.create(ctx.getEntityId(), hlc, crossbar,
        localJournals.get(Integer.parseInt(ctx.getEntityId())))));
    sharding.init(Entity.of(Adjudicator.KEY, ctx -> Adjudicator.create(
        Integer.parseInt(ctx.getEntityId()), hlc, sharding, journal, adjudicatorSettings)));
    sharding.init(Entity.of(StorageShard.KEY, ctx -> StorageShard.create(
        Integer.parseInt(ctx.getEntityId()), store, journal, hlc, List.copyOf(localJournals), storageSettings)));
  }

  public ClusterSharding sharding() {
    return sharding;
  }

  /**
   * Starts every range's adjudicator and storage shard ahead of traffic (each storage shard's
   * catch-up request starts the journal too).
   */
  public CompletionStage<Void> wakeAll(Duration timeout) {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int r = 0; r < directory.rangeCount(); r++) {
      String id = RangeDirectory.entityId(r);
      all.add(sharding.entityRefFor(Adjudicator.KEY, id)
          .<Adjudicator.Awake>ask(Adjudicator.Wake::new, timeout).toCompletableFuture());
      all.add(sharding.entityRefFor(StorageShard.KEY, id)
          .<StorageShard.Awake>ask(StorageShard.Wake::new, timeout).toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }
}
