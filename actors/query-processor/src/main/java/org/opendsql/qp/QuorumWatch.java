package org.opendsql.qp;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.opendsql.core.error.Errors;
import org.opendsql.sharding.routing.DirectRefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers fast when the cluster fails under a request, instead of at the request's timeout.
 *
 * <ul>
 *   <li>Without a majority of the cluster reachable, requests are refused at once (definite and
 *       retryable: nothing was sent), and those in flight when it was lost are answered then.
 *   <li>A request addressed to an entity on a node the failure detector declares unreachable is
 *       answered at that moment (a read is then asked of another replica; a commit's outcome is
 *       unknown), and direct references to that node's entities are avoided until it is back.
 * </ul>
 *
 * A thin actor feeds the cluster's membership and reachability events, and the members whose
 * process is known to be gone or cut off ({@link #lostByProbes}: sooner than the failure detector), to a
 * {@link MajorityView} and to the direct references.
 */
public final class QuorumWatch {
  private static final Logger LOG = LoggerFactory.getLogger(QuorumWatch.class);

  /** A request in flight: how to answer it if its target's node or the majority is lost. */
  private record Pending(Address target, Runnable targetLost, Runnable majorityLost) {}

  /** The members whose process is known to be gone (from outside the failure detector). */
  private record Gone(Set<Address> members) {}

  private volatile boolean majority = true;
  private final Set<Pending> inFlight = ConcurrentHashMap.newKeySet();
  private ActorRef<Object> actor;

  private QuorumWatch() {}

  /** Watches {@code system}'s cluster from now on, marking unreachable nodes in {@code refs}. */
  public static QuorumWatch of(ActorSystem<?> system, DirectRefs refs) {
    QuorumWatch watch = new QuorumWatch();
    watch.actor = system.systemActorOf(watch.behavior(refs), "quorum-watch", Props.empty());
    return watch;
  }

  /**
   * The members whose process is gone now (their cluster port refuses connections) or that are cut
   * off (their port gives no answer at all): treated as unreachable at once, ahead of the failure
   * detector; the set replaces the previous one.
   */
  public void lostByProbes(Set<Address> members) {
    actor.tell(new Gone(Set.copyOf(members)));
  }

  public boolean hasMajority() {
    return majority;
  }

  /**
   * Runs {@code request} only with a majority. Its answer is replaced by {@code onTargetLost} if
   * {@code target}'s node (null: unknown) becomes unreachable first, and by {@code onMajorityLost}
   * if the majority is lost first.
   */
  public <T> CompletionStage<T> guard(Address target, Supplier<CompletionStage<T>> request,
      Supplier<? extends Throwable> onTargetLost, Supplier<? extends Throwable> onMajorityLost) {
    if (!majority) return CompletableFuture.failedFuture(Errors.noMajority());
    CompletableFuture<T> answer = new CompletableFuture<>();
    Pending pending = new Pending(target, () -> answer.completeExceptionally(onTargetLost.get()),
        () -> answer.completeExceptionally(onMajorityLost.get()));
    inFlight.add(pending);
    if (!majority) pending.majorityLost().run();
    // On the thread that completes the request: a Pekko ask stage runs a plain whenComplete on the
    // common pool, which on two cores starts a thread per call.
    request.get().whenCompleteAsync((v, e) -> {
      inFlight.remove(pending);
      if (e != null) answer.completeExceptionally(e);
      else answer.complete(v);
    }, Runnable::run);
    return answer;
  }

  private void majorityChanged(MajorityView view) {
    boolean now = view.hasMajority();
    if (now == majority) return;
    majority = now;
    if (now) {
      LOG.info("a majority of the cluster is reachable again: serving commits and reads");
      return;
    }
    LOG.warn("this node cannot reach a majority of the cluster: refusing commits and reads, answering {} in flight",
        inFlight.size());
    for (Pending p : inFlight.toArray(Pending[]::new)) p.majorityLost().run();
  }

  private void nodeLost(Address node) {
    int answered = 0;
    for (Pending p : inFlight.toArray(Pending[]::new)) {
      if (node.equals(p.target())) {
        p.targetLost().run();
        answered++;
      }
    }
    if (answered > 0) LOG.info("{} requests to {} answered at once: the node is unreachable", answered, node);
  }

  private Behavior<Object> behavior(DirectRefs refs) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      MajorityView view = new MajorityView();
      Set<Address> unreachable = new java.util.HashSet<>();
      Set<Address> gone = new java.util.HashSet<>();
      return Behaviors.receive(Object.class)
          .onMessage(Gone.class, g -> {
            for (Address back : Set.copyOf(gone)) {
              if (g.members().contains(back)) continue;
              gone.remove(back);
              if (!unreachable.contains(back)) {
                view.reachable(back.toString());
                refs.markReachable(back);
              }
            }
            for (Address node : g.members()) {
              if (!gone.add(node) || unreachable.contains(node)) continue;
              view.unreachable(node.toString());
              refs.markUnreachable(node);
              majorityChanged(view);
              nodeLost(node);
            }
            majorityChanged(view);
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            view.memberRemoved(e.member().address().toString());
            unreachable.remove(e.member().address());
            gone.remove(e.member().address());
            refs.markReachable(e.member().address());
            majorityChanged(view);
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberEvent.class, e -> {
            view.memberJoined(e.member().address().toString());
            majorityChanged(view);
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            Address node = e.member().address();
            unreachable.add(node);
            view.unreachable(node.toString());
            refs.markUnreachable(node);
            majorityChanged(view);
            nodeLost(node);
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, e -> {
            unreachable.remove(e.member().address());
            if (gone.contains(e.member().address())) return Behaviors.same();
            view.reachable(e.member().address().toString());
            refs.markReachable(e.member().address());
            majorityChanged(view);
            return Behaviors.same();
          })
          .build();
    });
  }
}
