package org.opendsql.qp.protocol;

import java.util.concurrent.CompletableFuture;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;

/**
 * What a connection's session actor accepts: the wire layer's statements, each answered by
 * completing the future it carries. These messages never leave the JVM (they carry futures), so
 * they are not serializable.
 */
public final class SessionProtocol {
  private SessionProtocol() {}

  public sealed interface Command permits Prepare, Execute, Sync, Stop {}

  /** Parses, binds and plans {@code sql}. */
  public record Prepare(String sql, int[] paramOids, CompletableFuture<Prepared> reply) implements Command {}

  /** Runs a prepared statement with its parameters; the reply is the cursor over its result. */
  public record Execute(Prepared statement, Object[] params, CompletableFuture<Cursor> reply) implements Command {}

  /** The connection is gone: roll back and stop. */
  /** Ends the client's unit of work: commits (or, {@code commit} false, drops) the implicit transaction. */
  public record Sync(boolean commit, CompletableFuture<Void> reply) implements Command {}

  public record Stop() implements Command {}
}
