package org.opendsql.node.downing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;
import org.opendsql.qp.MajorityView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the cluster port of each member that becomes unreachable and downs it at once when its
 * process is gone ({@link DeadProcessRule}); otherwise the split-brain resolver decides as
 * always. The probe's blocking connect runs on a thread of its own, never on a dispatcher.
 */
public final class DeadProcessDowning {
  private static final Logger LOG = LoggerFactory.getLogger(DeadProcessDowning.class);

  private DeadProcessDowning() {}

  /** The result of probing one member, back in the actor. */
  private record Probed(Address member, DeadProcessRule.Probe probe) {}

  public static void start(ActorSystem<?> system, Duration connectTimeout) {
    system.systemActorOf(create(connectTimeout), "dead-process-downing", Props.empty());
  }

  static Behavior<Object> create(Duration connectTimeout) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      MajorityView view = new MajorityView();
      java.util.Set<Address> unreachable = new java.util.HashSet<>();
      Executor probes = task -> {
        Thread t = new Thread(task, "dead-process-probe");
        t.setDaemon(true);
        t.start();
      };
      return Behaviors.receive(Object.class)
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            view.memberRemoved(e.member().address().toString());
            unreachable.remove(e.member().address());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberEvent.class, e -> {
            view.memberJoined(e.member().address().toString());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            Address member = e.member().address();
            view.unreachable(member.toString());
            unreachable.add(member);
            var self = ctx.getSelf();
            CompletableFuture.supplyAsync(() -> probe(member, connectTimeout), probes)
                .thenAccept(p -> self.tell(new Probed(member, p)));
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, e -> {
            view.reachable(e.member().address().toString());
            unreachable.remove(e.member().address());
            return Behaviors.same();
          })
          .onMessage(Probed.class, p -> {
            if (DeadProcessRule.downNow(p.probe(), unreachable.contains(p.member()), view.hasMajority())) {
              LOG.warn("{} is unreachable and its cluster port refuses connections: its process is gone; downing it now",
                  p.member());
              cluster.manager().tell(new Down(p.member()));
            } else {
              LOG.info("{} is unreachable; its cluster port {}: leaving the decision to the split-brain resolver",
                  p.member(), p.probe() == DeadProcessRule.Probe.ACCEPTED ? "accepts connections" : "does not answer");
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  private static DeadProcessRule.Probe probe(Address member, Duration timeout) {
    if (member.host().isEmpty() || member.port().isEmpty()) return DeadProcessRule.Probe.NO_ANSWER;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(member.host().get(), (Integer) member.port().get()), (int) timeout.toMillis());
      return DeadProcessRule.Probe.ACCEPTED;
    } catch (ConnectException e) {
      return DeadProcessRule.Probe.REFUSED;
    } catch (SocketTimeoutException e) {
      return DeadProcessRule.Probe.NO_ANSWER;
    } catch (IOException e) {
      return DeadProcessRule.Probe.NO_ANSWER;
    }
  }
}
