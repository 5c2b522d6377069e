package org.opendsql.sql.exec;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.scan.AggSpec;
import org.opendsql.core.scan.ColumnCondition;
import org.opendsql.core.scan.RowFilter;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.plan.Plan;

/**
 * What of a table read storage can do itself: the conjuncts of the read's filter that compare a
 * column with a value known before the read ({@code col op $1}, {@code col IN (...)}, {@code col
 * IS [NOT] NULL}, a boolean column), as a {@link RowFilter}; and the aggregates of a query without
 * GROUP BY whose partial results combine exactly.
 *
 * <p>A conjunct is pushed only where storage's test (the value's key encoding compared bytewise)
 * is exactly the SQL comparison: the value converts to the column's type without loss, and
 * char(n), whose comparisons with text keep the padding, stays here. Whatever is not pushed is
 * still evaluated by the executor, which applies the whole filter to every row that comes back.
 */
final class Pushdown {
  private Pushdown() {}

  /** The pushed part of {@code filter} (null when nothing is), and whether it is all of it. */
  record Filter(RowFilter rowFilter, boolean complete) {}

  static Filter filter(Expr filter, TableDef table, EvalContext ctx) {
    if (filter == null) return new Filter(null, true);
    List<Expr> conjuncts = new ArrayList<>();
    flatten(filter, conjuncts);
    List<ColumnCondition> tests = new ArrayList<>();
    boolean complete = true;
    for (Expr c : conjuncts) {
      ColumnCondition t = test(c, table, ctx);
      if (t == null) complete = false;
      else tests.add(t);
    }
    return new Filter(tests.isEmpty() ? null : new RowFilter(tests), complete);
  }

  private static void flatten(Expr e, List<Expr> out) {
    if (e instanceof Exprs.And and) {
      flatten(and.left(), out);
      flatten(and.right(), out);
    } else {
      out.add(e);
    }
  }

  private static ColumnCondition test(Expr e, TableDef table, EvalContext ctx) {
    if (e instanceof Exprs.ColumnRef c && c.type() == PgType.BOOL) {
      return ColumnCondition.compare(columnId(table, c), PgType.BOOL, ColumnCondition.Op.EQ, Boolean.TRUE);
    }
    if (e instanceof Exprs.Not n && n.arg() instanceof Exprs.ColumnRef c && c.type() == PgType.BOOL) {
      return ColumnCondition.compare(columnId(table, c), PgType.BOOL, ColumnCondition.Op.EQ, Boolean.FALSE);
    }
    if (e instanceof Exprs.IsNull n && n.arg() instanceof Exprs.ColumnRef c && testable(table, c)) {
      return ColumnCondition.isNull(columnId(table, c), c.type(), n.not());
    }
    if (e instanceof Exprs.Compare cmp) {
      Exprs.CmpOp op = cmp.op();
      Exprs.ColumnRef col;
      Expr value;
      if (cmp.left() instanceof Exprs.ColumnRef c && known(cmp.right())) {
        col = c;
        value = cmp.right();
      } else if (cmp.right() instanceof Exprs.ColumnRef c && known(cmp.left())) {
        col = c;
        value = cmp.left();
        op = flip(op);
      } else {
        return null;
      }
      if (!testable(table, col)) return null;
      Object v = exact(value, col.type(), ctx);
      if (v == null) return null;
      return ColumnCondition.compare(columnId(table, col), col.type(), op(op), v);
    }
    if (e instanceof Exprs.InList in && !in.not() && in.arg() instanceof Exprs.ColumnRef col && testable(table, col)) {
      List<Object> values = new ArrayList<>(in.items().size());
      for (Expr item : in.items()) {
        if (!known(item)) return null;
        // A NULL or inexact item can match no row; the others decide whether a row passes.
        Object v = exact(item, col.type(), ctx);
        if (v != null) values.add(v);
      }
      return ColumnCondition.in(columnId(table, col), col.type(), values);
    }
    return null;
  }

  /** Known before the read: a constant or a parameter, maybe cast. */
  private static boolean known(Expr e) {
    if (e instanceof Exprs.Const || e instanceof Exprs.Param) return true;
    return e instanceof Exprs.Cast c && known(c.arg());
  }

  private static boolean testable(TableDef table, Exprs.ColumnRef c) {
    PgType t = table.column(c.slot()).type();
    return t == c.type() && t != PgType.BPCHAR && ColumnCondition.testable(t);
  }

  /**
   * The value as the column's type when it converts without loss and is compared as that type
   * (numbers with numbers, strings with strings, otherwise the same type); else null.
   */
  private static Object exact(Expr value, PgType columnType, EvalContext ctx) {
    PgType from = value.type();
    if (from != columnType && !(numeric(from) && numeric(columnType)) && !(text(from) && text(columnType))) return null;
    Object v = value.eval(ctx.withRow(null));
    if (v == null) return null;
    Object c;
    try {
      c = Values.cast(v, from, columnType, -1, true);
    } catch (DbException ex) {
      if (ex.state() == SqlState.NUMERIC_VALUE_OUT_OF_RANGE) return null;
      throw ex;
    }
    return Values.compare(c, v) == 0 ? c : null;
  }

  private static boolean numeric(PgType t) {
    return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8 || t == PgType.NUMERIC;
  }

  private static boolean text(PgType t) {
    return t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.NAME || t == PgType.UNKNOWN;
  }

  private static int columnId(TableDef table, Exprs.ColumnRef c) {
    return table.column(c.slot()).id();
  }

  private static Exprs.CmpOp flip(Exprs.CmpOp op) {
    return switch (op) {
      case LT -> Exprs.CmpOp.GT;
      case LE -> Exprs.CmpOp.GE;
      case GT -> Exprs.CmpOp.LT;
      case GE -> Exprs.CmpOp.LE;
      default -> op;
    };
  }

  private static ColumnCondition.Op op(Exprs.CmpOp op) {
    return switch (op) {
      case EQ -> ColumnCondition.Op.EQ;
      case NE -> ColumnCondition.Op.NE;
      case LT -> ColumnCondition.Op.LT;
      case LE -> ColumnCondition.Op.LE;
      case GT -> ColumnCondition.Op.GT;
      case GE -> ColumnCondition.Op.GE;
    };
  }

  /**
   * The aggregates of {@code calls} as storage computes them, or null when one of them is not a
   * plain count(*), count, sum of an integer column, or min/max of a column storage can order.
   */
  static List<AggSpec> aggregates(List<Plan.AggCall> calls, TableDef table) {
    List<AggSpec> out = new ArrayList<>(calls.size());
    for (Plan.AggCall c : calls) {
      if (c.distinct() || c.filter() != null || !c.orderBy().isEmpty()) return null;
      if (c.kind().equals("count") && c.args().isEmpty()) {
        out.add(AggSpec.countRows());
        continue;
      }
      if (c.args().size() != 1 || !(c.arg() instanceof Exprs.ColumnRef col)) return null;
      PgType t = table.column(col.slot()).type();
      if (t != col.type()) return null;
      AggSpec.Kind kind = switch (c.kind()) {
        case "count" -> AggSpec.Kind.COUNT;
        case "sum" -> AggSpec.Kind.SUM;
        case "min" -> AggSpec.Kind.MIN;
        case "max" -> AggSpec.Kind.MAX;
        default -> null;
      };
      if (kind == null || !AggSpec.pushable(kind, t)) return null;
      out.add(new AggSpec(kind, table.column(col.slot()).id(), t));
    }
    return out;
  }
}
