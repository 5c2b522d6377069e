package org.opendsql.sql.plan;

import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.RowExprs;
import org.opendsql.sql.expr.Values;

/** Subqueries inside expressions: scalar, EXISTS and IN, with SQL's rules for empty results and NULLs. */
public final class RelExprs {
  private RelExprs() {}

  /** A scalar subquery: NULL without rows, 21000 with more than one. */
  public record Scalar(RelQuery query) implements Expr {
    public PgType type() {
      PgType t = query.columns().get(0).type();
      return t == PgType.UNKNOWN ? PgType.TEXT : t;
    }

    public int typmod() { return query.columns().get(0).typmod(); }

    public Object eval(EvalContext c) {
      List<Object[]> rows = c.subqueries.run(query, c);
      if (rows.isEmpty()) return null;
      if (rows.size() > 1) throw Errors.subqueryTooManyRows();
      return rows.get(0)[0];
    }
  }

  /** {@code ARRAY(subquery)}: the column's values in row order, an empty array without rows. */
  public record ArraySubquery(RelQuery query, PgType type) implements Expr {
    public Object eval(EvalContext c) {
      List<Object[]> rows = c.subqueries.run(query, c);
      List<Object> vals = new java.util.ArrayList<>(rows.size());
      for (Object[] r : rows) vals.add(r[0]);
      if (query.columns().get(0).type().isArray()) return org.opendsql.sql.expr.ArrayExprs.stack(vals);
      return org.opendsql.core.types.PgArray.of(vals);
    }
  }

  public record Exists(RelQuery query) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      return !c.subqueries.run(query, c).isEmpty();
    }
  }

  /**
   * {@code x op ANY (subquery)}: true if some row compares true, else NULL if some comparison was
   * NULL, else false; {@code ALL}: false if some row compares false, else NULL if some was NULL,
   * else true (so over no rows ANY is false and ALL true).
   */
  public record Quantified(Exprs.CmpOp op, Expr arg, RelQuery query, boolean all) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object v = arg.eval(c);
      List<Object[]> rows = c.subqueries.run(query, c);
      boolean sawNull = false;
      for (Object[] r : rows) {
        if (v == null || r[0] == null) {
          sawNull = true;
          continue;
        }
        int cmp = Values.compare(v, r[0]);
        boolean t = switch (op) {
          case EQ -> cmp == 0;
          case NE -> cmp != 0;
          case LT -> cmp < 0;
          case LE -> cmp <= 0;
          case GT -> cmp > 0;
          case GE -> cmp >= 0;
        };
        if (all && !t) return false;
        if (!all && t) return true;
      }
      if (sawNull) return null;
      return all;
    }
  }

  /**
   * {@code x [NOT] IN (subquery)}: true on a match; otherwise NULL if x or any row is NULL (so
   * NOT IN over a set holding a NULL is never true), else false.
   */
  public record In(Expr arg, RelQuery query, boolean not) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object v = arg.eval(c);
      List<Object[]> rows = c.subqueries.run(query, c);
      if (rows.isEmpty()) return not;
      if (v == null) return null;
      boolean sawNull = false;
      for (Object[] r : rows) {
        if (r[0] == null) sawNull = true;
        else if (Values.compare(v, r[0]) == 0) return !not;
      }
      return sawNull ? null : not;
    }
  }

  private static Object[] values(List<Expr> items, EvalContext c) {
    Object[] v = new Object[items.size()];
    for (int i = 0; i < v.length; i++) v[i] = items.get(i).eval(c);
    return v;
  }

  /**
   * {@code (a, b) op (SELECT x, y ...)}: the subquery's single row compared as a row; NULL
   * without rows, 21000 with more than one.
   */
  public record RowScalar(Exprs.CmpOp op, List<Expr> items, RelQuery query) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object[] v = values(items, c);
      List<Object[]> rows = c.subqueries.run(query, c);
      if (rows.isEmpty()) return null;
      if (rows.size() > 1) throw Errors.subqueryTooManyRows();
      return RowExprs.compare(op, v, rows.get(0));
    }
  }

  /**
   * {@code (a, b) op ANY|ALL (SELECT x, y ...)} and {@code (a, b) [NOT] IN (...)} (which is
   * {@code = ANY}, negated): each row compared as a row, with {@link Quantified}'s rules for
   * unknown comparisons.
   */
  public record RowQuantified(Exprs.CmpOp op, List<Expr> items, RelQuery query, boolean all, boolean not)
      implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object[] v = values(items, c);
      List<Object[]> rows = c.subqueries.run(query, c);
      Boolean r = all;
      for (Object[] row : rows) {
        Boolean t = RowExprs.compare(op, v, row);
        if (t == null) {
          r = null;
        } else if (t != all) {
          r = t;
          break;
        }
      }
      return r == null ? null : r != not;
    }
  }

  /**
   * Column {@code column} of a row-valued subquery's one row ({@code SET (a, b) = (SELECT x, y)}):
   * NULL without rows, 21000 with more than one.
   */
  public record RowColumn(RelQuery query, int column) implements Expr {
    public PgType type() {
      PgType t = query.columns().get(column).type();
      return t == PgType.UNKNOWN ? PgType.TEXT : t;
    }

    public int typmod() { return query.columns().get(column).typmod(); }

    public Object eval(EvalContext c) {
      List<Object[]> rows = c.subqueries.run(query, c);
      if (rows.isEmpty()) return null;
      if (rows.size() > 1) throw Errors.subqueryTooManyRows();
      return rows.get(0)[column];
    }
  }
}
