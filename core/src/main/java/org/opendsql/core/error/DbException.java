package org.opendsql.core.error;

/**
 * An error that ends a statement (or, with severity FATAL, a connection) and reaches the client as
 * an ErrorResponse. Carries no stack trace by default: these are expected outcomes, not bugs.
 * Outside this package one comes only from a factory in {@link Errors}, so that every text and
 * SQLSTATE is written in one place.
 */
public final class DbException extends RuntimeException {
  public enum Severity { ERROR, FATAL }

  private final SqlState state;
  private final Severity severity;
  private final String detail;
  private final String hint;

  DbException(SqlState state, Severity severity, String message, String detail, String hint) {
    super(message, null, false, false);
    this.state = state;
    this.severity = severity;
    this.detail = detail;
    this.hint = hint;
  }

  public SqlState state() { return state; }
  public Severity severity() { return severity; }
  public String detail() { return detail; }
  public String hint() { return hint; }

  public DbException withDetail(String newDetail) {
    return new DbException(state, severity, getMessage(), newDetail, hint);
  }

  /** The same error, ending the connection: for failures that leave no statement to end (startup, framing). */
  public DbException asFatal() {
    return severity == Severity.FATAL ? this : new DbException(state, Severity.FATAL, getMessage(), detail, hint);
  }

  /** Unwraps CompletionException/ExecutionException layers; wraps anything unexpected as XX000. */
  public static DbException of(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
            || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof DbException d) return d;
    if (c instanceof java.util.concurrent.TimeoutException) return Errors.internalTimeout();
    return Errors.unexpected(c);
  }
}
