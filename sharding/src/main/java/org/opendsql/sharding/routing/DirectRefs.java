package org.opendsql.sharding.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
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
  /** By storage entity id. */
  private final Map<String, ActorRef<StorageProtocol.Command>> storage = new ConcurrentHashMap<>();
  /** By range. */
  private final Map<Long, ActorRef<AdjudicatorProtocol.Command>> adjudicators = new ConcurrentHashMap<>();
  /** Entity ids (storage) and "a" + range (adjudicators) being looked up. */
  private final Set<String> locating = ConcurrentHashMap.newKeySet();
  /** Per storage entity id: until when (System.nanoTime) it is known to be catching up. */
  private final Map<String, Long> behindUntil = new ConcurrentHashMap<>();
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
    storage.entrySet().removeIf(e -> ref.equals(e.getValue()));
    adjudicators.entrySet().removeIf(e -> ref.equals(e.getValue()));
  }

  /**
   * A replica of the range to read from directly: the nearest caught-up one (on this node if
   * there is one, else any), else any known one; null (then use sharding) while none is known.
   * Unknown replicas are looked up meanwhile.
   */
  public ActorRef<StorageProtocol.Command> storage(long range) {
    ActorRef<StorageProtocol.Command> caughtUp = null;
    ActorRef<StorageProtocol.Command> any = null;
    long now = System.nanoTime();
    for (int k = 0; k < replicas.replicas(); k++) {
      String slot = StorageReplicas.entityId(range, k);
      ActorRef<StorageProtocol.Command> ref = storage.get(slot);
      if (ref == null) {
        locate(slot);
        continue;
      }
      if (isUnreachable(ref)) continue;
      boolean behind = behindUntil.getOrDefault(slot, now) - now > 0;
      if (!behind && ref.path().address().hasLocalScope()) return ref;
      if (!behind && caughtUp == null) caughtUp = ref;
      if (any == null) any = ref;
    }
    return caughtUp != null ? caughtUp : any;
  }

  /** Whether the range has a known replica other than {@code ref} not known to be catching up. */
  public boolean hasAlternative(long range, ActorRef<StorageProtocol.Command> ref) {
    long now = System.nanoTime();
    for (int k = 0; k < replicas.replicas(); k++) {
      String slot = StorageReplicas.entityId(range, k);
      ActorRef<StorageProtocol.Command> other = storage.get(slot);
      if (other != null && !other.equals(ref) && !isUnreachable(other) && behindUntil.getOrDefault(slot, now) - now <= 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code ref} said it is catching up: prefer other replicas for a while. */
  public void markBehind(ActorRef<StorageProtocol.Command> ref) {
    storage.forEach((slot, r) -> {
      if (ref.equals(r)) behindUntil.put(slot, System.nanoTime() + behindNanos);
    });
  }

  private void locate(String slot) {
    if (!locating.add(slot)) return;
    sharding.entityRefFor(EntityKeys.STORAGE, slot)
        .<StorageProtocol.Incarnation>ask(StorageProtocol.Wake::new, timeout)
        .whenComplete((awake, e) -> {
          if (awake != null) learn(storage, slot, awake.ref());
          locating.remove(slot);
        });
  }

  public ActorRef<AdjudicatorProtocol.Command> adjudicator(long range) {
    ActorRef<AdjudicatorProtocol.Command> ref = adjudicators.get(range);
    String key = "a" + range;
    if (ref == null && locating.add(key)) {
      sharding.entityRefFor(EntityKeys.ADJUDICATOR, Long.toString(range))
          .<AdjudicatorProtocol.Incarnation>ask(AdjudicatorProtocol.Wake::new, timeout)
          .whenComplete((awake, e) -> {
            if (awake != null) learn(adjudicators, range, awake.ref());
            locating.remove(key);
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
  private <K, T> void learn(Map<K, ActorRef<T>> table, K key, ActorRef<T> ref) {
    table.put(key, ref);
    watcher.tell(ref);
  }
}
