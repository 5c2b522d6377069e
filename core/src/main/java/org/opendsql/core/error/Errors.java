package org.opendsql.core.error;

/**
 * The one place for DSQL's error texts. Code that refuses something calls a factory here so the
 * client sees the same words, and SQLSTATE, that Aurora DSQL gives.
 */
public final class Errors {
  private Errors() {}

  public static DbException writeConflict() {
    return new DbException(SqlState.SERIALIZATION_FAILURE,
        "change conflicts with another transaction, please retry: (OC000)");
  }

  public static DbException schemaConflict() {
    return new DbException(SqlState.SERIALIZATION_FAILURE,
        "schema has been updated by another transaction, please retry: (OC001)");
  }

  /** A range that has not yet rebuilt its window cannot judge a transaction older than its start. */
  public static DbException adjudicatorRestarted() {
    return writeConflict()
        .withDetail("the key range's adjudicator restarted after the transaction began");
  }

  public static DbException unsupported(String feature) {
    return new DbException(SqlState.FEATURE_NOT_SUPPORTED, feature + " is not supported");
  }

  public static DbException rowLimit() {
    return new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction row limit exceeded");
  }

  /** DSQL's text, with the configured limit written the way DSQL writes it (10 MiB: "10mb"). */
  public static DbException sizeLimit(long maxBytes) {
    return new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction size limit " + bytes(maxBytes) + " exceeded");
  }

  /** DSQL's text, with the configured limit in seconds (300 s: "300s"). */
  public static DbException ageLimit(java.time.Duration maxAge) {
    return new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED,
        "transaction age limit of " + maxAge.toSeconds() + "s exceeded");
  }

  private static String bytes(long n) {
    if (n % (1L << 30) == 0) return (n >> 30) + "gb";
    if (n % (1L << 20) == 0) return (n >> 20) + "mb";
    if (n % (1L << 10) == 0) return (n >> 10) + "kb";
    return n + "b";
  }

  public static DbException ddlInTransaction() {
    return new DbException(SqlState.FEATURE_NOT_SUPPORTED,
        "ddl and dml are not supported in the same transaction");
  }

  public static DbException multipleDdl() {
    return new DbException(SqlState.FEATURE_NOT_SUPPORTED,
        "multiple ddl statements are not supported in a transaction");
  }

  public static DbException inFailedTransaction() {
    return new DbException(SqlState.IN_FAILED_SQL_TRANSACTION,
        "current transaction is aborted, commands ignored until end of transaction block");
  }

  public static DbException sslRequired() {
    return new DbException(SqlState.INVALID_AUTHORIZATION, DbException.Severity.FATAL,
        "unable to accept connection, SSL is required", null, null);
  }

  public static DbException badToken(String why) {
    return new DbException(SqlState.INVALID_AUTHORIZATION, DbException.Severity.FATAL,
        "unable to accept connection, access denied", why, null);
  }

  /** The commit may or may not have reached the journal: the client must not blindly retry. */
  public static DbException commitOutcomeUnknown() {
    return new DbException(SqlState.TRANSACTION_RESOLUTION_UNKNOWN,
        "the outcome of the commit is unknown: the journal did not answer in time");
  }

  /** A storage replica could not catch up to the transaction's snapshot in time. */
  public static DbException storageUnavailable() {
    return new DbException(SqlState.QUERY_CANCELED,
        "canceling statement: storage did not reach the snapshot time in time");
  }

  public static DbException tooManyConnections() {
    return new DbException(SqlState.TOO_MANY_CONNECTIONS, DbException.Severity.FATAL,
        "sorry, too many clients already", null, null);
  }

  public static DbException connectionRateExceeded() {
    return new DbException(SqlState.CONFIGURATION_LIMIT_EXCEEDED, DbException.Severity.FATAL,
        "unable to accept connection, rate exceeded", null, "retry the connection after a short wait");
  }

  public static DbException connectionAgeLimit(java.time.Duration limit) {
    String age = limit.toSeconds() % 60 == 0 && limit.toMinutes() > 0
        ? limit.toMinutes() + " minutes" : limit.toSeconds() + " seconds";
    return new DbException(SqlState.ADMIN_SHUTDOWN, DbException.Severity.FATAL,
        "terminating connection: connection age limit of " + age + " exceeded", null,
        "reconnect to continue");
  }

  public static DbException internal(String what) {
    return new DbException(SqlState.INTERNAL_ERROR, what);
  }
}
