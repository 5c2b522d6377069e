package org.opendsql.sql.expr;

import java.time.Instant;

/**
 * What an expression may read: the current row (slots as the binder laid them out), the
 * statement's parameters, and session facts for functions like now() and current_user.
 */
public final class EvalContext {
  public Object[] row;
  public final Object[] params;
  public final Instant txnTime;
  public final String user;
  public final String database;

  public EvalContext(Object[] params, Instant txnTime, String user, String database) {
    this.params = params;
    this.txnTime = txnTime;
    this.user = user;
    this.database = database;
  }

  public EvalContext withRow(Object[] r) {
    this.row = r;
    return this;
  }
}
