package org.opendsql.sql.expr;

import org.opendsql.core.types.PgType;

/** A bound expression: its result type is fixed at bind time, its value computed per row. */
public interface Expr {
  PgType type();

  default int typmod() {
    return -1;
  }

  Object eval(EvalContext ctx);

  /** True for a constant or a parameter: its value is known before any row is read. */
  default boolean isRowIndependent() {
    return false;
  }
}
