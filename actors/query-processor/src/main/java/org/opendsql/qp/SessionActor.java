package org.opendsql.qp;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.opendsql.core.error.DbException;
import org.opendsql.core.session.QuerySession;
import org.opendsql.qp.protocol.SessionProtocol.Command;
import org.opendsql.qp.protocol.SessionProtocol.Execute;
import org.opendsql.qp.protocol.SessionProtocol.Prepare;
import org.opendsql.qp.protocol.SessionProtocol.Stop;
import org.opendsql.qp.protocol.SessionProtocol.Sync;

/**
 * The query processor of one client connection. It owns the connection's SQL session (parser,
 * binder, planner, executor and the open transaction with its write set) and runs each statement
 * on its own thread of control; the wire layer talks to it only through messages.
 */
public final class SessionActor extends AbstractBehavior<Command> {
  private final QuerySession engine;
  private final Runnable onStop;

  public static Behavior<Command> create(QuerySession engine, Runnable onStop) {
    return Behaviors.setup(ctx -> new SessionActor(ctx, engine, onStop));
  }

  private SessionActor(ActorContext<Command> ctx, QuerySession engine, Runnable onStop) {
    super(ctx);
    this.engine = engine;
    this.onStop = onStop;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Prepare.class, this::onPrepare)
        .onMessage(Execute.class, this::onExecute)
        .onMessage(Sync.class, this::onSync)
        .onMessage(Stop.class, s -> Behaviors.stopped())
        .onSignal(PostStop.class, s -> {
          engine.close();
          onStop.run();
          return this;
        })
        .build();
  }

  private Behavior<Command> onPrepare(Prepare p) {
    try {
      engine.prepare(p.sql(), p.paramOids()).whenComplete((r, e) -> complete(p.reply(), r, e));
    } catch (RuntimeException | StackOverflowError e) {
      p.reply().completeExceptionally(DbException.of(e));
    }
    return this;
  }

  private Behavior<Command> onExecute(Execute x) {
    try {
      engine.execute(x.statement(), x.params()).whenComplete((r, e) -> complete(x.reply(), r, e));
    } catch (RuntimeException | StackOverflowError e) {
      x.reply().completeExceptionally(DbException.of(e));
    }
    return this;
  }

  private Behavior<Command> onSync(Sync s) {
    try {
      engine.sync(s.commit()).whenComplete((r, e) -> complete(s.reply(), r, e));
    } catch (RuntimeException | StackOverflowError e) {
      s.reply().completeExceptionally(DbException.of(e));
    }
    return this;
  }

  private static <T> void complete(CompletableFuture<T> f, T value, Throwable error) {
    if (error != null) f.completeExceptionally(DbException.of(error));
    else f.complete(value);
  }
}
