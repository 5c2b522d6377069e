package org.opendsql.qp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.QuerySession;
import org.opendsql.qp.protocol.SessionProtocol;

/**
 * What pgwire holds for a connection: every statement goes to the connection's
 * {@link SessionActor}. Status reads and cancel go straight to the engine, which makes them
 * thread-safe, so that a CancelRequest is not queued behind the statement it cancels.
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
    CompletableFuture<Prepared> f = new CompletableFuture<>();
    actor.tell(new SessionProtocol.Prepare(sql, declaredParamOids, f));
    return f;
  }

  @Override
  public CompletionStage<Cursor> execute(Prepared statement, Object[] params) {
    CompletableFuture<Cursor> f = new CompletableFuture<>();
    actor.tell(new SessionProtocol.Execute(statement, params, f));
    return f;
  }

  @Override
  public CompletionStage<Void> sync(boolean commit) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    actor.tell(new SessionProtocol.Sync(commit, f));
    return f;
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
  public java.util.concurrent.CompletionStage<Void> admit(String identity) {
    // Before the connection is ready: no statement is queued at the actor yet.
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
