package org.opendsql.qp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.QuerySession;
import org.opendsql.qp.protocol.SessionProtocol;

/** A connection's session runs statements on the caller's thread, answers with SQL errors, and closes through its actor. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActorQuerySessionTest {
  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  private static Prepared statement(String sql) {
    return new Prepared() {
      @Override
      public String sql() {
        return sql;
      }

      @Override
      public java.util.List<org.opendsql.core.types.PgType> paramTypes() {
        return java.util.List.of();
      }

      @Override
      public java.util.List<org.opendsql.core.session.ColumnDesc> columns() {
        return java.util.List.of();
      }
    };
  }

  /** An engine whose answers the test decides. */
  private static final class Engine implements QuerySession {
    volatile CompletionStage<Prepared> prepared = new CompletableFuture<>();
    volatile RuntimeException throwOnPrepare;
    final AtomicBoolean closed = new AtomicBoolean();
    volatile String lastSql;
    volatile Thread preparedOn;

    @Override
    public CompletionStage<Prepared> prepare(String sql, int[] declaredParamOids) {
      lastSql = sql;
      preparedOn = Thread.currentThread();
      if (throwOnPrepare != null) throw throwOnPrepare;
      return prepared;
    }

    @Override
    public CompletionStage<Cursor> execute(Prepared statement, Object[] params) {
      return CompletableFuture.failedFuture(Errors.queryCanceled());
    }

    @Override
    public char transactionStatus() {
      return 'I';
    }

    @Override
    public Map<String, String> drainParameterChanges() {
      return Map.of();
    }

    @Override
    public CompletionStage<Void> sync(boolean commit) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void cancel() {}

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private ActorQuerySession open(Engine engine, Runnable onStop) {
    return new ActorQuerySession(kit.spawn(SessionActor.create(engine, onStop)), engine);
  }

  @Test
  void aStatementRunsOnTheCallersThreadAndAnAnswerReadyThenNeedsNoOtherThread() throws Exception {
    Engine engine = new Engine();
    Prepared statement = statement("select 1");
    engine.prepared = CompletableFuture.completedFuture(statement);
    ActorQuerySession session = open(engine, () -> {});
    CompletableFuture<Prepared> reply = session.prepare("select 1", new int[0]).toCompletableFuture();
    assertTrue(reply.isDone(), "answered before prepare returned");
    assertSame(statement, reply.get());
    assertSame(Thread.currentThread(), engine.preparedOn);
    assertEquals("select 1", engine.lastSql);
  }

  @Test
  void anAnswerThatComesLaterCompletesTheStatement() throws Exception {
    Engine engine = new Engine();
    CompletableFuture<Prepared> later = new CompletableFuture<>();
    engine.prepared = later;
    ActorQuerySession session = open(engine, () -> {});
    CompletableFuture<Prepared> reply = session.prepare("select 1", new int[0]).toCompletableFuture();
    assertFalse(reply.isDone());
    Prepared statement = statement("select 1");
    later.complete(statement);
    assertSame(statement, reply.get(5, TimeUnit.SECONDS));
  }

  @Test
  void anEngineFailureReachesTheCallerAsItsSqlError() {
    Engine engine = new Engine();
    ActorQuerySession session = open(engine, () -> {});
    CompletableFuture<Cursor> reply = session.execute(statement("select 1"), new Object[0]).toCompletableFuture();
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> reply.get(5, TimeUnit.SECONDS));
    assertEquals("57014", DbException.of(e).state().code());
  }

  @Test
  void anEngineThatThrowsFailsTheStatementNotTheSession() throws Exception {
    Engine engine = new Engine();
    engine.throwOnPrepare = Errors.syntaxErrorAtEnd();
    ActorQuerySession session = open(engine, () -> {});
    CompletableFuture<Prepared> failed = session.prepare("select", new int[0]).toCompletableFuture();
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> failed.get(5, TimeUnit.SECONDS));
    assertEquals("42601", DbException.of(e).state().code());
    engine.throwOnPrepare = null;
    Prepared statement = statement("select 1");
    engine.prepared = CompletableFuture.completedFuture(statement);
    assertSame(statement, session.prepare("select 1", new int[0]).toCompletableFuture().get(5, TimeUnit.SECONDS),
        "the session still serves the next statement");
  }

  @Test
  void closingStopsTheActorWhichClosesTheEngineAndReleasesTheConnectionSlot() throws Exception {
    Engine engine = new Engine();
    CountDownLatch released = new CountDownLatch(1);
    ActorRef<SessionProtocol.Command> actor = kit.spawn(SessionActor.create(engine, released::countDown));
    new ActorQuerySession(actor, engine).close();
    kit.createTestProbe().expectTerminated(actor, Duration.ofSeconds(5));
    assertTrue(released.await(5, TimeUnit.SECONDS));
    assertTrue(engine.closed.get());
  }
}
