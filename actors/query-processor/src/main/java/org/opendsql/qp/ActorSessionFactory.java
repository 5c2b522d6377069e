package org.opendsql.qp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.opendsql.core.error.DbException;
import org.opendsql.core.limits.ConnectionAdmission;
import org.opendsql.core.session.QuerySession;
import org.opendsql.core.session.SessionFactory;
import org.opendsql.qp.protocol.SessionProtocol;

/**
 * Opens one {@link SessionActor} per authenticated connection, within the cluster's connection
 * limit (53300 beyond it) and new-connection rate (53400 beyond it).
 */
public final class ActorSessionFactory implements SessionFactory {
  /** Makes the SQL engine's session for a connection. */
  public interface EngineFactory {
    QuerySession create(String user, String database, Map<String, String> startupParams);
  }

  private final ActorSystem<?> system;
  private final EngineFactory engines;
  private final ConnectionAdmission admission;
  private final AtomicLong seq = new AtomicLong();

  public ActorSessionFactory(ActorSystem<?> system, EngineFactory engines, ConnectionAdmission admission) {
    this.system = system;
    this.engines = engines;
    this.admission = admission;
  }

  @Override
  public CompletionStage<QuerySession> open(String user, String database, Map<String, String> startupParams) {
    DbException refused = admission.tryAdmit();
    if (refused != null) return CompletableFuture.failedFuture(refused);
    try {
      QuerySession engine = engines.create(user, database, startupParams);
      ActorRef<SessionProtocol.Command> ref = system.systemActorOf(
          SessionActor.create(engine, admission::release),
          "session-" + seq.incrementAndGet(), Props.empty());
      return CompletableFuture.completedFuture(new ActorQuerySession(ref, engine));
    } catch (RuntimeException e) {
      admission.release();
      return CompletableFuture.failedFuture(DbException.of(e));
    }
  }
}
