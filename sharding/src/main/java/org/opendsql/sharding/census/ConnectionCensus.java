package org.opendsql.sharding.census;

import java.time.Duration;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.opendsql.core.limits.ConnectionAdmission;
import org.opendsql.persistence.serialization.KryoMessage;

/**
 * One per node: tells every other node's census how many connections this node has open, a few
 * times a second, and feeds what the others tell it into the node's {@link ConnectionAdmission}.
 * Nodes find each other through the receptionist; a node that stops reporting (it left, or is
 * unreachable) stops counting after the admission's staleness bound.
 */
public final class ConnectionCensus {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "connection-census");

  public interface Command {}

  /** Node {@code node} has {@code open} client connections now. */
  public record ConnectionsOpen(String node, int open) implements Command, KryoMessage {}

  private record CensusTakers(Set<ActorRef<Command>> all) implements Command {}

  private enum Report implements Command { INSTANCE }

  private ConnectionCensus() {}

  public static Behavior<Command> create(ConnectionAdmission admission, Duration interval) {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      ActorRef<Receptionist.Listing> listings =
          ctx.messageAdapter(Receptionist.Listing.class, l -> new CensusTakers(l.getServiceInstances(KEY)));
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(KEY, listings));
      String self = ctx.getSystem().address().toString();
      return Behaviors.withTimers(timers -> {
        timers.startTimerWithFixedDelay(Report.INSTANCE, interval);
        return running(admission, self, ctx.getSelf(), Set.of());
      });
    });
  }

  private static Behavior<Command> running(ConnectionAdmission admission, String self, ActorRef<Command> me,
      Set<ActorRef<Command>> others) {
    return Behaviors.receive(Command.class)
        .onMessage(CensusTakers.class, c -> running(admission, self, me, c.all()))
        .onMessageEquals(Report.INSTANCE, () -> {
          ConnectionsOpen report = new ConnectionsOpen(self, admission.localOpen());
          for (ActorRef<Command> other : others) {
            if (!other.equals(me)) other.tell(report);
          }
          return Behaviors.same();
        })
        .onMessage(ConnectionsOpen.class, r -> {
          if (!r.node().equals(self)) admission.peerReported(r.node(), r.open());
          return Behaviors.same();
        })
        .build();
  }
}
