package org.opendsql.sharding.allocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.ORSetKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Leave;
import org.apache.pekko.cluster.typed.Subscribe;
import org.opendsql.sharding.routing.EntityKeys;

/**
 * This node's copy of the operators' placement requests ({@link PlacementRequests}), kept in
 * Pekko Distributed Data so that whichever node runs a shard coordinator reads the same requests.
 * It also carries a drained node out: once this node is asked to drain and its regions host no
 * shard of any type, it leaves the cluster (its sessions then end with 57P01 as on any stop).
 * Requests naming a node the cluster removed are dropped, so an address used again starts clean.
 *
 * <p>Requests are written to a majority before they are acknowledged; the strategies read the last
 * copy this node has seen, which may lag by a gossip round.
 */
public final class PlacementRegistry {
  private PlacementRegistry() {}

  private static final org.apache.pekko.cluster.ddata.Key<ORSet<String>> KEY = ORSetKey.create("opendsql-placement");
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
  private static final List<EntityTypeKey<?>> TYPES = List.of(EntityKeys.STORAGE, EntityKeys.ADJUDICATOR,
      EntityKeys.JOURNAL);

  public sealed interface Command {}

  /** Drain {@code node} (a full cluster address); {@code replyTo} hears whether a majority has the request. */
  public record Drain(String node, ActorRef<Boolean> replyTo) implements Command {}

  /** Pin storage shard {@code shard} to {@code node}, replacing any earlier pin of it. */
  public record Pin(String shard, String node, ActorRef<Boolean> replyTo) implements Command {}

  private record Changed(Replicator.SubscribeResponse<ORSet<String>> response) implements Command {}

  private record Written(Replicator.UpdateResponse<ORSet<String>> response, ActorRef<Boolean> replyTo)
      implements Command {}

  private record Removed(ClusterEvent.MemberRemoved event) implements Command {}

  private record Tick() implements Command {}

  private record Hosted(String type, int shards) implements Command {}

  /** The requests as this node last saw them, for the allocation strategies. */
  public static final class View implements Supplier<PlacementRequests> {
    private final AtomicReference<PlacementRequests> current = new AtomicReference<>(PlacementRequests.NONE);

    @Override
    public PlacementRequests get() {
      return current.get();
    }
  }

  /** @param drainCheck how often a draining node looks whether it still hosts anything */
  public static Behavior<Command> create(View view, Duration drainCheck) {
    return Behaviors.setup(ctx -> DistributedData.<Command, ORSet<String>>withReplicatorMessageAdapter(replicator ->
        Behaviors.withTimers(timers -> {
          // A functional behavior logs under Pekko's class (filtered to warnings): name it ours.
          ctx.setLoggerName(PlacementRegistry.class);
          replicator.subscribe(KEY, Changed::new);
          ActorRef<ClusterEvent.MemberRemoved> removals = ctx.messageAdapter(ClusterEvent.MemberRemoved.class,
              Removed::new);
          Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(removals, ClusterEvent.MemberRemoved.class));
          timers.startTimerWithFixedDelay(new Tick(), drainCheck);
          return new Registry(ctx, replicator, view).behavior();
        })));
  }

  private static final class Registry {
    private final ActorContext<Command> ctx;
    private final ReplicatorMessageAdapter<Command, ORSet<String>> replicator;
    private final View view;
    private final SelfUniqueAddress selfUnique;
    private final String self;
    private final java.util.Map<String, Integer> hosted = new java.util.HashMap<>();
    private boolean left;
    private List<String> lastStill = List.of();

    Registry(ActorContext<Command> ctx, ReplicatorMessageAdapter<Command, ORSet<String>> replicator, View view) {
      this.ctx = ctx;
      this.replicator = replicator;
      this.view = view;
      this.selfUnique = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
      this.self = Cluster.get(ctx.getSystem()).selfMember().address().toString();
    }

    Behavior<Command> behavior() {
      return Behaviors.receive(Command.class)
          .onMessage(Drain.class, d -> update(set -> set.add(selfUnique, PlacementRequests.drainElement(d.node())),
              d.replyTo()))
          .onMessage(Pin.class, p -> update(set -> {
            ORSet<String> out = set;
            for (String e : set.getElements()) {
              if (p.shard().equals(PlacementRequests.pinnedShard(e))) out = out.remove(selfUnique, e);
            }
            return out.add(selfUnique, PlacementRequests.pinElement(p.shard(), p.node()));
          }, p.replyTo()))
          .onMessage(Changed.class, this::onChanged)
          .onMessage(Written.class, w -> {
            w.replyTo().tell(w.response() instanceof Replicator.UpdateSuccess);
            return Behaviors.same();
          })
          .onMessage(Removed.class, this::onRemoved)
          .onMessage(Tick.class, t -> onTick())
          .onMessage(Hosted.class, this::onHosted)
          .build();
    }

    private Behavior<Command> update(java.util.function.Function<ORSet<String>, ORSet<String>> modify,
        ActorRef<Boolean> replyTo) {
      replicator.askUpdate(reply -> new Replicator.Update<>(KEY, ORSet.empty(),
          new Replicator.WriteMajority(WRITE_TIMEOUT), reply, modify), response -> new Written(response, replyTo));
      return Behaviors.same();
    }

    private Behavior<Command> onChanged(Changed c) {
      if (c.response() instanceof Replicator.Changed<ORSet<String>> changed) {
        PlacementRequests before = view.get();
        PlacementRequests now = PlacementRequests.of(changed.get(KEY).getElements());
        view.current.set(now);
        if (!now.equals(before)) ctx.getLog().info("placement requests: draining {}, pinned {}", now.draining(), now.pins());
      }
      return Behaviors.same();
    }

    private Behavior<Command> onRemoved(Removed r) {
      String gone = r.event().member().address().toString();
      PlacementRequests now = view.get();
      if (!now.draining().contains(gone) && !now.pins().containsValue(gone)) return Behaviors.same();
      replicator.askUpdate(reply -> new Replicator.Update<>(KEY, ORSet.empty(), Replicator.writeLocal(), reply, set -> {
        ORSet<String> out = set;
        for (String e : set.getElements()) {
          if (e.equals(PlacementRequests.drainElement(gone)) || gone.equals(PlacementRequests.pinnedNode(e))) {
            out = out.remove(selfUnique, e);
          }
        }
        return out;
      }), response -> new Written(response, ctx.getSystem().ignoreRef()));
      return Behaviors.same();
    }

    private Behavior<Command> onTick() {
      if (left || !view.get().draining().contains(self)) return Behaviors.same();
      ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
      for (EntityTypeKey<?> type : TYPES) {
        ctx.ask(ShardRegion.CurrentShardRegionState.class, sharding.shardState(), Duration.ofSeconds(3),
            reply -> new GetShardRegionState(type, reply),
            (state, failure) -> new Hosted(type.name(), state == null ? -1 : state.getShards().size()));
      }
      return Behaviors.same();
    }

    private Behavior<Command> onHosted(Hosted h) {
      hosted.put(h.type(), h.shards());
      if (left || !view.get().draining().contains(self) || hosted.size() < TYPES.size()) return Behaviors.same();
      List<String> still = new ArrayList<>();
      for (var e : hosted.entrySet()) {
        if (e.getValue() != 0) still.add(e.getKey() + " " + (e.getValue() < 0 ? "?" : e.getValue()));
      }
      if (!still.isEmpty()) {
        if (!still.equals(lastStill)) ctx.getLog().info("draining: this node still runs shards of {}", still);
        lastStill = still;
        return Behaviors.same();
      }
      left = true;
      ctx.getLog().info("drained: no shard of any entity type left on this node; leaving the cluster");
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.manager().tell(Leave.create(cluster.selfMember().address()));
      return Behaviors.same();
    }
  }
}
