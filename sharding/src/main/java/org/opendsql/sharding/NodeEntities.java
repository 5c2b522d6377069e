package org.opendsql.sharding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.opendsql.adjudicator.Adjudicator;
import org.opendsql.adjudicator.AdjudicatorSettings;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.Crossbar;
import org.opendsql.journal.Journal;
import org.opendsql.journal.JournalSettings;
import org.opendsql.journal.LocalJournalState;
import org.opendsql.storage.local.LocalReplicas;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.allocation.PlacementRegistry;
import org.opendsql.sharding.allocation.ReplicaLoads;
import org.opendsql.sharding.allocation.SpreadAllocationStrategy;
import org.opendsql.sharding.allocation.StorageAllocationStrategy;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.sharding.routing.DirectorySync;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.sharding.routing.ShardedRoutes;
import org.opendsql.storage.StorageReplica;
import org.opendsql.storage.StorageSettings;
import org.opendsql.storage.protocol.StorageProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this node's entity types with Cluster Sharding: every node can host adjudicators,
 * journals and storage replicas, and every node reaches them only through sharding (or directly,
 * once an entity told it its reference). The roles get their routes from here, never sharding
 * itself.
 */
public final class NodeEntities {
  private static final Logger LOG = LoggerFactory.getLogger(NodeEntities.class);
  /**
   * How many more adjudicator shards the fullest node may hold than the emptiest. Moving one
   * costs its range a fencing round and aborts its transactions in flight (40001), so a node is
   * evened out only past this.
   */
  public static final int ADJUDICATOR_TOLERANCE = 2;
  private final ClusterSharding sharding;
  private final LiveDirectory directory;
  private final StorageReplicas replicas;
  private final ShardedRoutes routes;
  private final DirectorySync sync;
  private final PlacementRegistry.View placement = new PlacementRegistry.View();
  private final ReplicaLoads loads = new ReplicaLoads();
  private final org.apache.pekko.actor.typed.ActorRef<PlacementRegistry.Command> placementRegistry;
  private final boolean journalsMove;
  private final LocalReplicas localReplicas;

  /** The per-role settings of one node. */
  public record RoleSettings(AdjudicatorSettings adjudicator, JournalSettings journal, StorageSettings storage) {}

  /**
   * Wraps one entity's behavior as it is created, given its entity id. The seam through which
   * fault tests intercept an entity's messages (drop, delay, duplicate, crash it); a node always
   * uses {@link #identity()}.
   */
  @FunctionalInterface
  public interface EntityWrapper<C> {
    Behavior<C> wrap(String entityId, Behavior<C> behavior);

    static <C> EntityWrapper<C> identity() {
      return (id, behavior) -> behavior;
    }
  }

  /** One wrapper per role; {@link #NONE} leaves every behavior as the role built it. */
  public record Wrappers(EntityWrapper<JournalProtocol.Command> journal,
      EntityWrapper<AdjudicatorProtocol.Command> adjudicator, EntityWrapper<StorageProtocol.Command> storage) {
    public static final Wrappers NONE =
        new Wrappers(EntityWrapper.identity(), EntityWrapper.identity(), EntityWrapper.identity());
  }

  public NodeEntities(ActorSystem<?> system, MvccStore store, Hlc hlc, ClusterLayout layout, RoleSettings settings) {
    this(system, store, hlc, layout, settings, Wrappers.NONE);
  }

  public NodeEntities(ActorSystem<?> system, MvccStore store, Hlc hlc, ClusterLayout layout, RoleSettings settings,
      Wrappers wrappers) {
    this.sharding = ClusterSharding.get(system);
    this.directory = new LiveDirectory(RangeMap.initial());
    this.replicas = new StorageReplicas(layout.storageReplicas());
    this.sync = new DirectorySync(sharding, directory, layout.journals(), Duration.ofSeconds(5));
    this.routes = new ShardedRoutes(sharding, directory, replicas, layout.journals(), sync::refresh, system);
    Crossbar crossbar = new Crossbar(routes);
    long leaseLength = Hlc.fromMicros(settings.journal().lease().toNanos() / 1000);
    List<LocalJournalState> localJournals = new ArrayList<>();
    for (int j = 0; j < layout.journals(); j++) localJournals.add(new LocalJournalState(leaseLength));
    // A node with roles runs an entity type only if it has its role (elsewhere sharding gives a
    // proxy); an actor system without any of ours (a bare test system) runs all of them.
    boolean byRole = !java.util.Collections.disjoint(
        org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().getRoles(), NodeRoles.ALL);
    // A journal whose log is on its node's disk alone cannot start anywhere else with it.
    this.journalsMove = !system.settings().config().getStringList("opendsql.journal.raft.peers").isEmpty();
    this.placementRegistry = system.systemActorOf(PlacementRegistry.create(placement, Duration.ofSeconds(1)),
        "placement", org.apache.pekko.actor.typed.Props.empty());
    // A journal that waits for its writes itself must not do so on the shared dispatcher.
    org.apache.pekko.actor.typed.Props journalProps =
        org.opendsql.persistence.journal.JournalStores.forSystem(system).appendsHere()
            ? org.apache.pekko.actor.typed.DispatcherSelector.fromConfig(Journal.DISPATCHER)
            : org.apache.pekko.actor.typed.Props.empty();
    sharding.init(placed(Entity.of(EntityKeys.JOURNAL, ctx -> wrappers.journal().wrap(ctx.getEntityId(),
        Journal.create(ctx.getEntityId(), settings.journal(), hlc, crossbar,
            localJournals.get(Integer.parseInt(ctx.getEntityId())))))
        .withEntityProps(journalProps)
        .withStopMessage(new JournalProtocol.HandOff())
        .withAllocationStrategy(new SpreadAllocationStrategy(placement, journalsMove, -1, 1)), NodeRoles.JOURNAL, byRole));
    sharding.init(placed(Entity.of(EntityKeys.ADJUDICATOR, ctx -> wrappers.adjudicator().wrap(ctx.getEntityId(),
        Adjudicator.create(Long.parseLong(ctx.getEntityId()), settings.adjudicator(), hlc,
            routes.forAdjudicators(),
            self -> ctx.getShard().tell(new org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.Passivate<>(self)))))
        .withStopMessage(new AdjudicatorProtocol.HandOff())
        .withAllocationStrategy(new SpreadAllocationStrategy(placement, true, ADJUDICATOR_TOLERANCE, 2)),
        NodeRoles.ADJUDICATOR, byRole));
    List<LocalJournalState> views = List.copyOf(localJournals);
    this.localReplicas = new LocalReplicas(system.settings().config().getBoolean("opendsql.storage.local-reads"));
    sharding.init(placed(Entity.of(EntityKeys.STORAGE, ctx -> wrappers.storage().wrap(ctx.getEntityId(),
            StorageReplica.create(StorageReplicas.rangeOf(ctx.getEntityId()), StorageReplicas.replicaOf(ctx.getEntityId()),
                settings.storage(), store, hlc, views, localReplicas, routes.forReplicas(),
                self -> ctx.getShard().tell(new org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.Passivate<>(self)))))
        .withMessageExtractor(new OneReplicaPerShard())
        .withAllocationStrategy(new StorageAllocationStrategy(directory, placement, loads)), NodeRoles.STORAGE, byRole));
    sync.every(system, system.settings().config().getDuration("opendsql.cluster.directory-refresh"));
    loads.every(system, sharding, directory, replicas.replicas(),
        system.settings().config().getDuration("opendsql.cluster.load-sample-interval"),
        () -> NodeRoles.oldestWith(system, NodeRoles.STORAGE));
  }

  private static <M, E> Entity<M, E> placed(Entity<M, E> entity, String role, boolean byRole) {
    return byRole ? entity.withRole(role) : entity;
  }

  /**
   * Splits {@code range} at {@code at} (null: at a key its first replica chooses), if it is still
   * at {@code generation} (-1: any): the answer says what split was made, or why none was.
   */
  public CompletionStage<AdjudicatorProtocol.SplitResult> split(long range, long generation, byte[] at,
      Duration timeout) {
    return sharding.entityRefFor(EntityKeys.ADJUDICATOR, Long.toString(range))
        .ask(reply -> new AdjudicatorProtocol.SplitRange(generation, at, reply), timeout);
  }

  /**
   * Merges {@code range}'s right neighbour into it, if {@code range} is still at {@code generation}
   * (-1: any): the answer says what merge was made, or why none was.
   */
  public CompletionStage<AdjudicatorProtocol.MergeResult> merge(long range, long generation, Duration timeout) {
    return sharding.entityRefFor(EntityKeys.ADJUDICATOR, Long.toString(range))
        .ask(reply -> new AdjudicatorProtocol.MergeRange(generation, reply), timeout);
  }

  /** Asks every journal for directory changes now (the answer arrives in {@link #directory()}). */
  public void refreshDirectory() {
    sync.refresh();
  }

  /** Each storage replica is its own shard, so that placement decides per replica. */
  private static final class OneReplicaPerShard
      extends ShardingMessageExtractor<ShardingEnvelope<StorageProtocol.Command>, StorageProtocol.Command> {
    @Override
    public String entityId(ShardingEnvelope<StorageProtocol.Command> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return entityId;
    }

    @Override
    public StorageProtocol.Command unwrapMessage(ShardingEnvelope<StorageProtocol.Command> envelope) {
      return envelope.message();
    }
  }

  public LiveDirectory directory() {
    return directory;
  }

  public ShardedRoutes routes() {
    return routes;
  }

  /** The storage replicas running in this JVM, for reads that need no message. */
  public LocalReplicas localReplicas() {
    return localReplicas;
  }

  public StorageReplicas replicas() {
    return replicas;
  }

  public ClusterSharding sharding() {
    return sharding;
  }

  /** The operators' placement requests as this node last saw them. */
  public PlacementRegistry.View placement() {
    return placement;
  }

  /** Where placement requests are made (drain a node, pin a replica). */
  public org.apache.pekko.actor.typed.ActorRef<PlacementRegistry.Command> placementRegistry() {
    return placementRegistry;
  }

  /** Whether journals may move between running nodes (their log is replicated). */
  public boolean journalsMove() {
    return journalsMove;
  }

  /** An entity to start, and how to ask it whether it runs. */
  private record Sleeper(String name, Function<Duration, CompletionStage<?>> wake) {}

  private List<Sleeper> everyEntity() {
    List<Sleeper> all = new ArrayList<>();
    for (RangeDesc r : directory.map().ranges()) all.addAll(entitiesOf(r.id()));
    return all;
  }

  private List<Sleeper> entitiesOf(long range) {
    List<Sleeper> all = new ArrayList<>();
    EntityRef<AdjudicatorProtocol.Command> adjudicator =
        sharding.entityRefFor(EntityKeys.ADJUDICATOR, Long.toString(range));
    all.add(new Sleeper("adjudicator " + adjudicator.getEntityId(),
        t -> adjudicator.<AdjudicatorProtocol.Incarnation>ask(AdjudicatorProtocol.Wake::new, t)));
    for (int k = 0; k < replicas.replicas(); k++) {
      EntityRef<StorageProtocol.Command> ref = sharding.entityRefFor(EntityKeys.STORAGE, StorageReplicas.entityId(range, k));
      all.add(new Sleeper("storage " + ref.getEntityId(),
          t -> ref.<StorageProtocol.Incarnation>ask(StorageProtocol.Wake::new, t)));
    }
    return all;
  }

  /**
   * Starts every range's adjudicator and storage replica ahead of traffic (each replica's
   * catch-up request starts the journals too). Completes, never exceptionally, with the entities
   * that did not answer within {@code timeout}: on a busy cluster a shard can be in a hand-off for
   * longer than that (and a hand-off drops what was buffered for it). Those are asked again every
   * {@code retryInterval} until each has answered: an entity that never started is not remembered,
   * so nothing else would start it before traffic reaches it; once started, sharding remembers it
   * and restarts it wherever its shard goes.
   */
  public CompletionStage<List<String>> wakeAll(ActorSystem<?> system, Duration timeout, Duration retryInterval) {
    // A range new in the directory (split off another) gets its entities started the same way.
    java.util.Set<Long> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (RangeDesc r : directory.map().ranges()) known.add(r.id());
    directory.onChange(map -> {
      for (RangeDesc r : map.ranges()) {
        if (known.add(r.id())) {
          List<Sleeper> fresh = entitiesOf(r.id());
          wake(fresh, timeout).thenAccept(asleep -> {
            if (!asleep.isEmpty()) wakeLater(system, asleep, timeout, retryInterval);
          });
        }
      }
    });
    return wake(everyEntity(), timeout).thenApply(asleep -> {
      if (!asleep.isEmpty()) wakeLater(system, asleep, timeout, retryInterval);
      return asleep.stream().map(Sleeper::name).toList();
    });
  }

  private void wakeLater(ActorSystem<?> system, List<Sleeper> asleep, Duration timeout, Duration retryInterval) {
    system.scheduler().scheduleOnce(retryInterval, () -> {
      if (system.whenTerminated().isCompleted()) return;
      wake(asleep, timeout).thenAccept(still -> {
        if (still.isEmpty()) {
          LOG.info("every entity woken at start-up has answered");
        } else {
          wakeLater(system, still, timeout, retryInterval);
        }
      });
    }, system.executionContext());
  }

  /** Asks every one; completes, never exceptionally, with those that did not answer. */
  private static CompletionStage<List<Sleeper>> wake(List<Sleeper> sleepers, Duration timeout) {
    List<CompletableFuture<Boolean>> answers = new ArrayList<>(sleepers.size());
    for (Sleeper s : sleepers) {
      answers.add(s.wake().apply(timeout).toCompletableFuture().handle((ok, failure) -> failure == null));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<Sleeper> asleep = new ArrayList<>();
      for (int i = 0; i < sleepers.size(); i++) {
        if (!answers.get(i).join()) asleep.add(sleepers.get(i));
      }
      return asleep;
    });
  }
}
