package org.opendsql.sharding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.sharding.storage.StorageAllocationStrategy;
import org.opendsql.sharding.journal.Crossbar;
import org.opendsql.sharding.journal.Journal;
import org.opendsql.sharding.journal.JournalRouter;
import org.opendsql.sharding.journal.LocalJournalState;
import org.opendsql.sharding.storage.StorageShard;

/**
 * Registers this node's entity types with Cluster Sharding: every node can host adjudicators,
 * journals and storage replicas, and every node reaches them only through sharding (or directly,
 * once an entity told it its reference).
 */
public final class NodeEntities {
  private final ClusterSharding sharding;
  private final RangeDirectory directory;
  private final StorageReplicas replicas;
  private final JournalRouter journal;

  /** @param storageReplicas replicas of each range, placed on distinct nodes when there are enough */
  public NodeEntities(ActorSystem<?> system, MvccStore store, Hlc hlc, RangeDirectory directory,
      int storageReplicas, int journals, Adjudicator.Settings adjudicatorSettings,
      StorageShard.Settings storageSettings) {
    this.sharding = ClusterSharding.get(system);
    this.directory = directory;
    this.replicas = new StorageReplicas(directory.rangeCount(), storageReplicas);
    this.journal = new JournalRouter(sharding, journals);
    Crossbar crossbar = new Crossbar(sharding, directory, replicas);
    List<LocalJournalState> localJournals = new ArrayList<>();
    for (int j = 0; j < journals; j++) localJournals.add(new LocalJournalState());
    sharding.init(Entity.of(Journal.KEY, ctx -> Journal.create(ctx.getEntityId(), hlc, crossbar,
        localJournals.get(Integer.parseInt(ctx.getEntityId())), storageSettings.truncateEvery())));
    sharding.init(Entity.of(Adjudicator.KEY, ctx -> Adjudicator.create(
        Integer.parseInt(ctx.getEntityId()), hlc, sharding, journal, adjudicatorSettings)));
    sharding.init(Entity.of(StorageShard.KEY, ctx -> {
          int[] rk = StorageReplicas.parse(ctx.getEntityId());
          return StorageShard.create(rk[0], rk[1], replicas.replicas(), k -> replicas.storeId(rk[0], k), store, journal,
              hlc, List.copyOf(localJournals),
              k -> sharding.entityRefFor(StorageShard.KEY, replicas.entityId(rk[0], k)), storageSettings);
        })
        .withMessageExtractor(new OneReplicaPerShard())
        .withAllocationStrategy(new StorageAllocationStrategy()));
  }

  /** Each storage replica is its own shard, so that placement decides per replica. */
  private static final class OneReplicaPerShard
      extends ShardingMessageExtractor<ShardingEnvelope<StorageShard.Command>, StorageShard.Command> {
    @Override
    public String entityId(ShardingEnvelope<StorageShard.Command> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return entityId;
    }

    @Override
    public StorageShard.Command unwrapMessage(ShardingEnvelope<StorageShard.Command> envelope) {
      return envelope.message();
    }
  }

  public StorageReplicas replicas() {
    return replicas;
  }

  public ClusterSharding sharding() {
    return sharding;
  }

  /**
   * Starts every range's adjudicator and storage shard ahead of traffic (each storage shard's
   * catch-up request starts the journal too). Completes, never exceptionally, with the entities
   * that did not answer within {@code timeout}: on a busy cluster a shard can be in a hand-off for
   * longer than that, and traffic reaches it through sharding anyway once it settles.
   */
  public CompletionStage<List<String>> wakeAll(Duration timeout) {
    List<CompletableFuture<String>> all = new ArrayList<>();
    for (int r = 0; r < directory.rangeCount(); r++) {
      String id = RangeDirectory.entityId(r);
      all.add(silentUnlessLate("adjudicator " + id, sharding.entityRefFor(Adjudicator.KEY, id)
          .<Adjudicator.Awake>ask(Adjudicator.Wake::new, timeout)));
    }
    forEachReplica(replica -> all.add(silentUnlessLate("storage " + replica.getEntityId(),
        replica.<StorageShard.Awake>ask(StorageShard.Wake::new, timeout))));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(done -> all.stream().map(CompletableFuture::join).filter(id -> id != null).toList());
  }

  private static CompletableFuture<String> silentUnlessLate(String name, CompletionStage<?> answer) {
    return answer.toCompletableFuture().handle((ok, failure) -> failure == null ? null : name);
  }

  /**
   * Keeps every storage replica running: a replica moved away by a rebalance, or lost with its
   * node, is started again (on its new node) within {@code interval} instead of waiting for the
   * next message to reach it, so it is caught up before reads need it.
   */
  public void keepReplicasRunning(ActorSystem<?> system, Duration interval) {
    system.scheduler().scheduleWithFixedDelay(interval, interval,
        () -> forEachReplica(replica -> replica.tell(new StorageShard.Wake(system.ignoreRef()))),
        system.executionContext());
  }

  private void forEachReplica(java.util.function.Consumer<EntityRef<StorageShard.Command>> action) {
    for (int r = 0; r < replicas.ranges(); r++) {
      for (int k = 0; k < replicas.replicas(); k++) {
        action.accept(sharding.entityRefFor(StorageShard.KEY, replicas.entityId(r, k)));
      }
    }
  }
}
