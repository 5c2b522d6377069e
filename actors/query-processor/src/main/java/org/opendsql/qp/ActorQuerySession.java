package org.opendsql.qp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.core.error.DbException;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.QuerySession;
import org.opendsql.qp.protocol.SessionProtocol;

/**
 * What pgwire holds for a connection. Statements run on the caller's thread (the connection's
 * event loop, which sends the next one only once this one has answered, so the engine is never
 * entered twice at once); what waits for another component continues on the thread that answers
 * it. A statement answered from this node alone (a point read from a caught-up local replica, a
 * SET, a catalog read) thus never leaves the event loop. The {@link SessionActor} owns the
 * engine's lifetime: {@link #close} stops it, which closes the engine. Status reads and cancel go
 * straight to the engine, which makes them thread-safe.
 */
final class ActorQuerySession implements QuerySession {
  private final ActorRef<SessionProtocol.Command> actor;
  private final QuerySession engine;

  ActorQuerySession(ActorRef<SessionProtocol.Command> actor, QuerySession engine) {
    this.actor = actor;
    this.engine = engine;
  }

  @Override
  public CompletionStage<Prepared> prepare(String sql, int[] declaredParamOids) {
    return run(() -> engine.prepare(sql, declaredParamOids));
  }

  @Override
  public CompletionStage<Cursor> execute(Prepared statement, Object[] params) {
    return run(() -> engine.execute(statement, params));
  }

  @Override
  public CompletionStage<Void> sync(boolean commit) {
    return run(() -> engine.sync(commit));
  }

  /** The engine's answer, any failure (thrown or completed) as its SQL error. */
  private static <T> CompletionStage<T> run(Supplier<CompletionStage<T>> call) {
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException | StackOverflowError e) {
      return CompletableFuture.failedFuture(DbException.of(e));
    }
    CompletableFuture<T> done = stage.toCompletableFuture();
    if (done.isDone() && !done.isCompletedExceptionally()) return done;
    CompletableFuture<T> out = new CompletableFuture<>();
    done.whenComplete((v, e) -> {
      if (e != null) out.completeExceptionally(DbException.of(e));
      else out.complete(v);
    });
    return out;
  }

  @Override
  public char transactionStatus() {
    return engine.transactionStatus();
  }

  @Override
  public Map<String, String> drainParameterChanges() {
    return engine.drainParameterChanges();
  }

  @Override
  public CompletionStage<Void> admit(String identity) {
    return engine.admit(identity);
  }

  @Override
  public void cancel() {
    engine.cancel();
  }

  @Override
  public void close() {
    actor.tell(new SessionProtocol.Stop());
  }
}
