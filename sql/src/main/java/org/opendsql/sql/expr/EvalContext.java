package org.opendsql.sql.expr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What an expression may read: the current row (slots as the binder laid them out), the
 * statement's parameters, and session facts for functions like now() and current_user, and the
 * session's time zone (TimeZone), in which timestamps with time zone are read, shown and split.
 */
public final class EvalContext {
  public Object[] row;
  public final Object[] params;
  public final Instant txnTime;
  public final String user;
  public final String database;
  public final ZoneId zone;

  public EvalContext(Object[] params, Instant txnTime, String user, String database) {
    this(params, txnTime, user, database, ZoneOffset.UTC);
  }

  public EvalContext(Object[] params, Instant txnTime, String user, String database, ZoneId zone) {
    this.params = params;
    this.txnTime = txnTime;
    this.user = user;
    this.database = database;
    this.zone = zone;
  }

  public EvalContext withRow(Object[] r) {
    this.row = r;
    return this;
  }
}
