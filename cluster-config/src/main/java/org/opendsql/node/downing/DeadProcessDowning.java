package org.opendsql.node.downing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every other member's cluster port with a TCP connect, one round every {@code interval},
 * and downs a member whose process is gone as {@link DeadProcessTracker} decides: well before the
 * failure detector and the split-brain resolver would. Members that refuse or stay silent are
 * reported to the query processor either way. Connects run on threads of their own (a connect
 * blocks), never on a dispatcher, all members' at once; the next round starts only after the last
 * one's result.
 */
public final class DeadProcessDowning {
  private static final Logger LOG = LoggerFactory.getLogger(DeadProcessDowning.class);

  private DeadProcessDowning() {}

  private enum Tick {
    INSTANCE
  }

  /** One round's results, back in the actor, and when the round started. */
  private record Round(Map<Address, DeadProcessTracker.Probe> probes, long startedNanos) {}

  /**
   * @param gone told, after every round, the members whose process is gone (refused twice in a
   *     row), whether or not this node may down them, and those silent twice in a row (packets to
   *     them dropped): the query processor stops waiting on them, and finds whether it still has
   *     a majority
   */
  public static void start(ActorSystem<?> system, Duration interval, Duration connectTimeout,
      java.util.function.Consumer<java.util.Set<Address>> gone) {
    system.systemActorOf(create(interval, connectTimeout, gone), "dead-process-downing", Props.empty());
  }

  static Behavior<Object> create(Duration interval, Duration connectTimeout,
      java.util.function.Consumer<java.util.Set<Address>> gone) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      Address self = cluster.selfMember().address();
      var eventStream = ctx.getSystem().classicSystem().eventStream();
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      DeadProcessTracker tracker = new DeadProcessTracker();
      BrokenLinkResolver links = new BrokenLinkResolver();
      java.util.Set<Address> unreachable = new java.util.HashSet<>();
      var failureDetector = org.apache.pekko.cluster.Cluster.get(ctx.getSystem().classicSystem()).failureDetector();
      List<Address> others = new ArrayList<>();
      ExecutorService probes = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "dead-process-probe");
        t.setDaemon(true);
        return t;
      });
      boolean[] probing = {false};
      var me = ctx.getSelf();
      timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
      return Behaviors.receive(Object.class)
          .onMessage(Tick.class, t -> {
            if (probing[0] || others.isEmpty()) return Behaviors.same();
            probing[0] = true;
            long started = System.nanoTime();
            List<Address> round = List.copyOf(others);
            // Every member at once: a silent one costs the round its connect timeout, not each.
            Map<Address, CompletableFuture<DeadProcessTracker.Probe>> asked = new LinkedHashMap<>();
            for (Address member : round) {
              asked.put(member, CompletableFuture.supplyAsync(() -> connect(member, connectTimeout), probes));
            }
            CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
              Map<Address, DeadProcessTracker.Probe> results = new LinkedHashMap<>();
              asked.forEach((member, probe) -> results.put(member, probe.getNow(DeadProcessTracker.Probe.NO_ANSWER)));
              me.tell(new Round(e == null ? results : Map.of(), started));
            });
            return Behaviors.same();
          })
          .onMessage(Round.class, r -> {
            probing[0] = false;
            // A round that waited out silent members took the whole interval: the next starts now,
            // so that two silent rounds take two timeouts, not two intervals and two timeouts.
            if (System.nanoTime() - r.startedNanos() >= interval.toNanos()) me.tell(Tick.INSTANCE);
            Map<String, DeadProcessTracker.Probe> byName = new HashMap<>();
            Map<String, Address> addresses = new HashMap<>();
            r.probes().forEach((a, p) -> {
              byName.put(a.toString(), p);
              addresses.put(a.toString(), a);
            });
            for (String member : tracker.round(byName)) {
              LOG.warn("{}'s cluster port refuses connections: its process is gone; downing it now", member);
              cluster.manager().tell(new Down(addresses.get(member)));
            }
            java.util.Set<String> lostNames = new java.util.HashSet<>(tracker.gone());
            lostNames.addAll(tracker.silent());
            java.util.Set<Address> goneNow = new java.util.HashSet<>();
            for (String member : lostNames) {
              if (addresses.containsKey(member)) goneNow.add(addresses.get(member));
            }
            GoneProcesses.set(eventStream, tracker.gone());
            resolveBrokenLink(cluster, links, unreachable, failureDetector);
            gone.accept(goneNow);
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            tracker.memberRemoved(e.member().address().toString());
            links.memberRemoved(e.member().address().toString());
            unreachable.remove(e.member().address());
            others.remove(e.member().address());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberUp.class, e -> {
            tracker.memberUp(e.member().address().toString());
            if (!e.member().address().equals(self) && !others.contains(e.member().address())) {
              others.add(e.member().address());
            }
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            tracker.unreachable(e.member().address().toString());
            unreachable.add(e.member().address());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, e -> {
            tracker.reachable(e.member().address().toString());
            unreachable.remove(e.member().address());
            return Behaviors.same();
          })
          .onSignal(PostStop.class, s -> {
            probes.shutdownNow();
            return Behaviors.same();
          })
          .build();
    }));
  }

  /** Downs the younger end of a link broken between two members this node still reaches. */
  private static void resolveBrokenLink(Cluster cluster, BrokenLinkResolver links, java.util.Set<Address> unreachable,
      org.apache.pekko.remote.FailureDetectorRegistry<Address> failureDetector) {
    List<org.apache.pekko.cluster.Member> members = new ArrayList<>();
    cluster.state().getMembers().forEach(members::add);
    members.sort((a, b) -> a.isOlderThan(b) ? -1 : b.isOlderThan(a) ? 1 : 0);
    List<String> oldestFirst = members.stream().map(m -> m.address().toString()).toList();
    Map<String, Address> byName = new HashMap<>();
    java.util.Set<String> trusted = new java.util.HashSet<>();
    for (Address a : unreachable) {
      byName.put(a.toString(), a);
      if (failureDetector.isAvailable(a)) trusted.add(a.toString());
    }
    links.round(cluster.selfMember().address().toString(), oldestFirst, byName.keySet(), trusted).ifPresent(member -> {
      LOG.warn("{} and another member cannot reach each other while this node reaches both (a broken link,"
          + " not a partition): downing {}, the younger, so that a majority goes on", member, member);
      cluster.manager().tell(new Down(byName.get(member)));
    });
  }

  private static DeadProcessTracker.Probe connect(Address member, Duration timeout) {
    if (member.host().isEmpty() || member.port().isEmpty()) return DeadProcessTracker.Probe.NO_ANSWER;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(member.host().get(), (Integer) member.port().get()), (int) timeout.toMillis());
      return DeadProcessTracker.Probe.ACCEPTED;
    } catch (ConnectException e) {
      return DeadProcessTracker.Probe.REFUSED;
    } catch (IOException e) {
      return DeadProcessTracker.Probe.NO_ANSWER;
    }
  }
}
