package org.opendsql.core.session;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One client connection's SQL session, as the wire protocol sees it. Calls are made one at a
 * time (the next call only after the previous stage completed); a session is never shared.
 */
public interface QuerySession {
  /**
   * Parses and analyses one statement. {@code declaredParamOids} are the client's declared
   * parameter types (0 = let the server infer). An empty or comment-only statement yields a
   * Prepared whose {@code sql()} is blank.
   */
  CompletionStage<Prepared> prepare(String sql, int[] declaredParamOids);

  /** Starts executing; parameter values are already decoded to Java values (null = SQL NULL). */
  CompletionStage<Cursor> execute(Prepared statement, Object[] params);

  /**
   * The end of the client's unit of work: a Sync, or the end of a simple Query's statements.
   * Statements run outside a transaction block form one implicit transaction up to here, as in
   * PostgreSQL: {@code commit} true commits it (its failure is this call's), false (the unit
   * failed) rolls it back. Nothing outside a block is durable until this call; inside a block it
   * does nothing.
   */
  CompletionStage<Void> sync(boolean commit);

  /** ReadyForQuery status: 'I' idle, 'T' in a transaction block, 'E' in a failed block. */
  char transactionStatus();

  /** Run-time parameters changed by the last statements (SET), to report as ParameterStatus. */
  Map<String, String> drainParameterChanges();

  /** Cancels whatever is running (CancelRequest): it fails with 57014. */
  void cancel();

  /**
   * Decides, once authenticated, whether the session's user may log in (its role exists, may log
   * in, and is mapped to {@code identity} when the token named one); fails with FATAL 28000.
   */
  default CompletionStage<Void> admit(String identity) {
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }

  /** Connection closed: rolls back any open transaction and releases resources. */
  void close();
}
