package org.opendsql.node.downing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every other member's cluster port with a TCP connect, every {@code interval} and at once
 * when the failure detector calls it unreachable, and downs a member whose port refuses (its
 * process is gone) as {@link DeadProcessTracker} decides: a dead process is downed well before
 * the failure detector and the split-brain resolver would. Probes run one at a time on a thread
 * of their own, never on a dispatcher.
 */
public final class DeadProcessDowning {
  private static final Logger LOG = LoggerFactory.getLogger(DeadProcessDowning.class);

  private DeadProcessDowning() {}

  private enum Tick {
    INSTANCE
  }

  /** The result of probing one member, back in the actor. */
  private record Probed(Address member, DeadProcessTracker.Probe probe) {}

  public static void start(ActorSystem<?> system, Duration interval, Duration connectTimeout) {
    system.systemActorOf(create(interval, connectTimeout), "dead-process-downing", Props.empty());
  }

  static Behavior<Object> create(Duration interval, Duration connectTimeout) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      Address self = cluster.selfMember().address();
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      DeadProcessTracker tracker = new DeadProcessTracker();
      List<Address> others = new ArrayList<>();
      ExecutorService probes = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "dead-process-probe");
        t.setDaemon(true);
        return t;
      });
      var me = ctx.getSelf();
      Runnable probeAll = () -> {
        for (Address member : List.copyOf(others)) probe(member, connectTimeout, probes, me);
      };
      timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
      return Behaviors.receive(Object.class)
          .onMessage(Tick.class, t -> {
            probeAll.run();
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            tracker.memberRemoved(e.member().address().toString());
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
            probe(e.member().address(), connectTimeout, probes, me);
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, e -> {
            tracker.reachable(e.member().address().toString());
            return Behaviors.same();
          })
          .onMessage(Probed.class, p -> {
            if (tracker.probed(p.member().toString(), p.probe())) {
              LOG.warn("{}'s cluster port refuses connections: its process is gone; downing it now", p.member());
              cluster.manager().tell(new Down(p.member()));
            }
            return Behaviors.same();
          })
          .onSignal(org.apache.pekko.actor.typed.PostStop.class, s -> {
            probes.shutdownNow();
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static void probe(Address member, Duration timeout, ExecutorService probes,
      org.apache.pekko.actor.typed.ActorRef<Object> replyTo) {
    CompletableFuture.supplyAsync(() -> connect(member, timeout), probes)
        .thenAccept(p -> replyTo.tell(new Probed(member, p)));
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
