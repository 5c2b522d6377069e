package org.opendsql.qp;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.opendsql.core.session.QuerySession;
import org.opendsql.qp.protocol.SessionProtocol.Command;
import org.opendsql.qp.protocol.SessionProtocol.Stop;

/**
 * The query processor of one client connection, as an actor: it owns the connection's SQL session
 * (parser, binder, planner, executor and the open transaction with its write set) for its
 * lifetime, and closes it, releasing the connection's slot, when it stops. Statements do not pass
 * through its mailbox: the wire layer calls the session on the connection's own event loop (see
 * {@link ActorQuerySession}), so that a statement needing no other thread is answered without a
 * thread hand-off.
 */
public final class SessionActor {
  private SessionActor() {}

  public static Behavior<Command> create(QuerySession engine, Runnable onStop) {
    return Behaviors.receive(Command.class)
        .onMessage(Stop.class, s -> Behaviors.stopped())
        .onSignal(PostStop.class, s -> {
          engine.close();
          onStop.run();
          return Behaviors.same();
        })
        .build();
  }
}
