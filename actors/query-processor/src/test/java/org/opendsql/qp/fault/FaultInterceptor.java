package org.opendsql.qp.fault;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Applies a {@link FaultPlan} to every message one entity receives, and reports each to a tap
 * (a TestKit probe) with what was done to it. Delayed, duplicated and held messages go back
 * through the entity's own mailbox, so the entity's behavior sees each one in its own turn (an
 * interceptor may hand its target only one message per turn: the target is the behavior as it
 * was when the turn began). Those re-sent messages are recognized by identity, which holds since
 * every message stays in this JVM, and pass without a second decision.
 */
public final class FaultInterceptor<C> extends BehaviorInterceptor<C, C> {

  /** One message an entity received and what the plan did with it. */
  public record Seen(String role, String entityId, Object message, FaultPlan.Action action) {}

  /** Thrown by an entity the plan crashes. */
  public static final class InjectedCrash extends RuntimeException {
    InjectedCrash(String what) {
      super(what, null, false, false);
    }
  }

  private final FaultPlan plan;
  private final String role;
  private final String entityId;
  private final Supplier<ActorRef<Seen>> tap;
  /** Re-sent messages still to come back, with how many copies. */
  private final Map<Object, Integer> returning = new IdentityHashMap<>();
  /** Held messages with two copies coming back (the release and the timer's): the first is delivered. */
  private final Map<Object, Boolean> paired = new IdentityHashMap<>();
  /** Held messages whose first copy was delivered: the other is discarded. */
  private final Map<Object, Boolean> spent = new IdentityHashMap<>();
  private C held;

  private FaultInterceptor(Class<C> type, FaultPlan plan, String role, String entityId, Supplier<ActorRef<Seen>> tap) {
    super(type);
    this.plan = plan;
    this.role = role;
    this.entityId = entityId;
    this.tap = tap;
  }

  /** {@code behavior} with the plan applied; {@code tap} gives the probe to tell, or null for none. */
  public static <C> Behavior<C> wrap(Class<C> type, FaultPlan plan, String role, String entityId,
      Supplier<ActorRef<Seen>> tap,
      Behavior<C> behavior) {
    return Behaviors.intercept(() -> new FaultInterceptor<>(type, plan, role, entityId, tap), behavior);
  }

  @Override
  public Behavior<C> aroundReceive(TypedActorContext<C> typed, C msg, ReceiveTarget<C> target) {
    ActorContext<C> ctx = typed.asJava();
    Integer back = returning.get(msg);
    if (back != null) {
      if (back == 1) returning.remove(msg); else returning.put(msg, back - 1);
      if (spent.remove(msg) != null) return Behaviors.same();
      if (paired.remove(msg) != null) spent.put(msg, Boolean.TRUE);
      if (held == msg) held = null;
      return target.apply(typed, msg);
    }
    FaultPlan.Decision d = plan.decide(role, entityId, msg.getClass().getSimpleName());
    ActorRef<Seen> probe = tap.get();
    if (probe != null) probe.tell(new Seen(role, entityId, msg, d.action()));
    switch (d.action()) {
      case DROP:
        return Behaviors.same();
      case DELAY:
        sendBack(ctx, msg, d.delayMillis());
        return Behaviors.same();
      case DUPLICATE:
        sendBack(ctx, msg, 0);
        return target.apply(typed, msg);
      case REORDER:
        releaseHeld(ctx);
        held = msg;
        sendBack(ctx, msg, Math.max(1, d.delayMillis()));
        return Behaviors.same();
      case CRASH_BEFORE:
        throw new InjectedCrash(role + " " + entityId + " crashed on " + msg.getClass().getSimpleName());
      case CRASH_AFTER:
        target.apply(typed, msg);
        throw new InjectedCrash(role + " " + entityId + " crashed after " + msg.getClass().getSimpleName());
      default:
        Behavior<C> next = target.apply(typed, msg);
        releaseHeld(ctx);
        return next;
    }
  }

  /** The held message goes behind the one just delivered, unless its timer released it already. */
  private void releaseHeld(ActorContext<C> ctx) {
    if (held == null) return;
    C m = held;
    held = null;
    paired.put(m, Boolean.TRUE);
    sendBack(ctx, m, 0);
  }

  private void sendBack(ActorContext<C> ctx, C msg, long delayMillis) {
    returning.merge(msg, 1, Integer::sum);
    if (delayMillis <= 0) {
      ctx.getSelf().tell(msg);
    } else {
      ctx.scheduleOnce(Duration.ofMillis(delayMillis), ctx.getSelf(), msg);
    }
  }
}
