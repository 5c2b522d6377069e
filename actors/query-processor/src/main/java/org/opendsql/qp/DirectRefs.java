package org.opendsql.qp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.storage.StorageShard;

/**
 * The current incarnation of each range's storage shard and adjudicator, learned by asking the
 * entity through sharding once. Addressing an entity directly skips the shard region and shard
 * hops on every read and commit; a watcher forgets a reference as soon as its entity terminates
 * (moved, crashed, node gone), and callers then go through sharding again while it is re-learned.
 */
final class DirectRefs {
  private final ClusterSharding sharding;
  private final Duration timeout;
  private final AtomicReferenceArray<ActorRef<StorageShard.Command>> storage;
  private final AtomicReferenceArray<ActorRef<Adjudicator.Command>> adjudicators;
  private final AtomicIntegerArray locating;
  private final ActorRef<Object> watcher;

  DirectRefs(ActorSystem<?> system, ClusterSharding sharding, int ranges, Duration timeout) {
    this.sharding = sharding;
    this.timeout = timeout;
    this.storage = new AtomicReferenceArray<>(ranges);
    this.adjudicators = new AtomicReferenceArray<>(ranges);
    this.locating = new AtomicIntegerArray(2 * ranges);
    this.watcher = system.systemActorOf(watcher(), "direct-ref-watcher-" + System.identityHashCode(this),
        Props.empty());
  }

  private Behavior<Object> watcher() {
    return Behaviors.setup(ctx -> Behaviors.receive(Object.class)
        .onMessage(ActorRef.class, ref -> {
          ctx.watch(ref);
          return Behaviors.same();
        })
        .onSignal(Terminated.class, t -> {
          forget(t.getRef());
          return Behaviors.same();
        })
        .build());
  }

  /** By equality, not identity: the Terminated signal carries another instance of the same ref. */
  private void forget(ActorRef<?> ref) {
    for (int r = 0; r < storage.length(); r++) {
      ActorRef<StorageShard.Command> s = storage.get(r);
      if (ref.equals(s)) storage.compareAndSet(r, s, null);
      ActorRef<Adjudicator.Command> a = adjudicators.get(r);
      if (ref.equals(a)) adjudicators.compareAndSet(r, a, null);
    }
  }

  /** The storage shard's direct reference, or null (then use sharding) while it is being learned. */
  ActorRef<StorageShard.Command> storage(int range) {
    ActorRef<StorageShard.Command> ref = storage.get(range);
    if (ref == null && locating.compareAndSet(range, 0, 1)) {
      sharding.entityRefFor(StorageShard.KEY, RangeDirectory.entityId(range))
          .<StorageShard.Awake>ask(StorageShard.Wake::new, timeout)
          .whenComplete((awake, e) -> {
            if (awake != null) learn(storage, range, awake.ref());
            locating.set(range, 0);
          });
    }
    return ref;
  }

  ActorRef<Adjudicator.Command> adjudicator(int range) {
    ActorRef<Adjudicator.Command> ref = adjudicators.get(range);
    int slot = storage.length() + range;
    if (ref == null && locating.compareAndSet(slot, 0, 1)) {
      sharding.entityRefFor(Adjudicator.KEY, RangeDirectory.entityId(range))
          .<Adjudicator.Awake>ask(Adjudicator.Wake::new, timeout)
          .whenComplete((awake, e) -> {
            if (awake != null) learn(adjudicators, range, awake.ref());
            locating.set(slot, 0);
          });
    }
    return ref;
  }

  /** A direct ask went unanswered: stop trusting the reference. */
  void invalidate(ActorRef<?> ref) {
    forget(ref);
  }

  /** Stored before it is watched, so that a Terminated for an already dead ref still removes it. */
  private <T> void learn(AtomicReferenceArray<ActorRef<T>> table, int range, ActorRef<T> ref) {
    table.set(range, ref);
    watcher.tell(ref);
  }
}
