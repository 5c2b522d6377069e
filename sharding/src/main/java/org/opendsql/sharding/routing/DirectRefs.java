package org.opendsql.sharding.routing;

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
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The current incarnation of each storage replica and each range's adjudicator, learned by asking
 * the entity through sharding once. Reads go to a replica on this node when there is one (no
 * network hop), else to any known replica: every replica answers a read at T only once it has
 * applied everything up to T, so which one answers changes nothing but the latency. Addressing
 * an entity directly skips the shard region and shard hops on every read and commit; a watcher
 * forgets a reference as soon as its entity terminates (moved, crashed, node gone), and callers
 * then go through sharding again while it is re-learned.
 */
public final class DirectRefs {
  private final ClusterSharding sharding;
  private final StorageReplicas replicas;
  private final Duration timeout;
  private final long behindNanos;
  private final AtomicReferenceArray<ActorRef<StorageProtocol.Command>> storage;
  private final AtomicReferenceArray<ActorRef<AdjudicatorProtocol.Command>> adjudicators;
  private final AtomicIntegerArray locating;
  /** Per replica: until when (System.nanoTime) it is known to be catching up; 0 if not. */
  private final java.util.concurrent.atomic.AtomicLongArray behindUntil;
  private final ActorRef<Object> watcher;
  /** Nodes the failure detector calls unreachable: their entities are not addressed meanwhile. */
  private final java.util.Set<org.apache.pekko.actor.Address> unreachable =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param timeout how long a look-up waits for the entity's answer
   * @param behindFor how long a replica that said it is catching up is avoided
   */
  public DirectRefs(ActorSystem<?> system, ClusterSharding sharding, StorageReplicas replicas, Duration timeout,
      Duration behindFor) {
    this.sharding = sharding;
    this.replicas = replicas;
    this.timeout = timeout;
    this.behindNanos = behindFor.toNanos();
    this.storage = new AtomicReferenceArray<>(replicas.slots());
    this.adjudicators = new AtomicReferenceArray<>(replicas.ranges());
    this.locating = new AtomicIntegerArray(replicas.slots() + replicas.ranges());
    this.behindUntil = new java.util.concurrent.atomic.AtomicLongArray(replicas.slots());
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
    for (int i = 0; i < storage.length(); i++) {
      ActorRef<StorageProtocol.Command> s = storage.get(i);
      if (ref.equals(s)) storage.compareAndSet(i, s, null);
    }
    for (int r = 0; r < adjudicators.length(); r++) {
      ActorRef<AdjudicatorProtocol.Command> a = adjudicators.get(r);
      if (ref.equals(a)) adjudicators.compareAndSet(r, a, null);
    }
  }

  /**
   * A replica of the range to read from directly: the nearest caught-up one (on this node if
   * there is one, else any), else any known one; null (then use sharding) while none is known.
   * Unknown replicas are looked up meanwhile.
   */
  public ActorRef<StorageProtocol.Command> storage(int range) {
    ActorRef<StorageProtocol.Command> caughtUp = null;
    ActorRef<StorageProtocol.Command> any = null;
    long now = System.nanoTime();
    for (int k = 0; k < replicas.replicas(); k++) {
      int slot = replicas.slot(range, k);
      ActorRef<StorageProtocol.Command> ref = storage.get(slot);
      if (ref == null) {
        locate(range, k, slot);
        continue;
      }
      if (isUnreachable(ref)) continue;
      boolean behind = behindUntil.get(slot) - now > 0;
      if (!behind && ref.path().address().hasLocalScope()) return ref;
      if (!behind && caughtUp == null) caughtUp = ref;
      if (any == null) any = ref;
    }
    return caughtUp != null ? caughtUp : any;
  }

  /** Whether the range has a known replica other than {@code ref} not known to be catching up. */
  public boolean hasAlternative(int range, ActorRef<StorageProtocol.Command> ref) {
    long now = System.nanoTime();
    for (int k = 0; k < replicas.replicas(); k++) {
      int slot = replicas.slot(range, k);
      ActorRef<StorageProtocol.Command> other = storage.get(slot);
      if (other != null && !other.equals(ref) && !isUnreachable(other) && behindUntil.get(slot) - now <= 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code ref} said it is catching up: prefer other replicas for a while. */
  public void markBehind(ActorRef<StorageProtocol.Command> ref) {
    for (int i = 0; i < storage.length(); i++) {
      if (ref.equals(storage.get(i))) behindUntil.set(i, System.nanoTime() + behindNanos);
    }
  }

  private void locate(int range, int replica, int slot) {
    if (!locating.compareAndSet(slot, 0, 1)) return;
    sharding.entityRefFor(EntityKeys.STORAGE, replicas.entityId(range, replica))
        .<StorageProtocol.Incarnation>ask(StorageProtocol.Wake::new, timeout)
        .whenComplete((awake, e) -> {
          if (awake != null) learn(storage, slot, awake.ref());
          locating.set(slot, 0);
        });
  }

  public ActorRef<AdjudicatorProtocol.Command> adjudicator(int range) {
    ActorRef<AdjudicatorProtocol.Command> ref = adjudicators.get(range);
    int slot = storage.length() + range;
    if (ref == null && locating.compareAndSet(slot, 0, 1)) {
      sharding.entityRefFor(EntityKeys.ADJUDICATOR, RangeDirectory.entityId(range))
          .<AdjudicatorProtocol.Incarnation>ask(AdjudicatorProtocol.Wake::new, timeout)
          .whenComplete((awake, e) -> {
            if (awake != null) learn(adjudicators, range, awake.ref());
            locating.set(slot, 0);
          });
    }
    return ref;
  }

  /** The failure detector lost {@code node}: reads go to replicas elsewhere until it is back. */
  public void markUnreachable(org.apache.pekko.actor.Address node) {
    unreachable.add(node);
  }

  public void markReachable(org.apache.pekko.actor.Address node) {
    unreachable.remove(node);
  }

  /** Whether {@code ref} lives on a node the failure detector currently calls unreachable. */
  public boolean isUnreachable(ActorRef<?> ref) {
    return !unreachable.isEmpty() && unreachable.contains(ref.path().address());
  }

  /** A direct ask went unanswered: stop trusting the reference. */
  public void invalidate(ActorRef<?> ref) {
    forget(ref);
  }

  /** Stored before it is watched, so that a Terminated for an already dead ref still removes it. */
  private <T> void learn(AtomicReferenceArray<ActorRef<T>> table, int index, ActorRef<T> ref) {
    table.set(index, ref);
    watcher.tell(ref);
  }
}
