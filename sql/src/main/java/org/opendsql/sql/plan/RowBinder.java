package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.Select;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.RowExprs;

/**
 * Binds row constructors where PostgreSQL compares them: {@code (a, b) op (c, d)},
 * {@code ROW(a, b) op (SELECT x, y ...)}, {@code (a, b) [NOT] IN (...)}, {@code op ANY|ALL},
 * {@code IS [NOT] NULL} and {@code IS [NOT] DISTINCT FROM}. Each pair of elements is typed as a
 * scalar comparison would be. A row compared with a scalar is PostgreSQL's 42883 on
 * {@code record}; rows of different lengths are 42601.
 */
final class RowBinder {
  private RowBinder() {}

  /** {@code (x)} is just x: the single item of any number of parentheses. */
  static Expression unwrap(Expression e) {
    while (e instanceof ParenthesedExpressionList<?> l && !(e instanceof RowConstructor) && l.size() == 1) e = l.get(0);
    return e;
  }

  /** The items of a row constructor ({@code (a, b)}, {@code ROW(a, b)}, {@code ROW(a)}), or null. */
  static List<Expression> items(Expression e) {
    e = unwrap(e);
    if (e instanceof RowConstructor<?> rc) return new ArrayList<>(rc);
    if (e instanceof ParenthesedExpressionList<?> l && l.size() > 1) return new ArrayList<>(l);
    if (e instanceof Function f && f.getMultipartName().size() == 1 && f.getName().equalsIgnoreCase("row")
        && !f.isDistinct() && !f.isAllColumns() && f.getOrderByElements() == null) {
      List<Expression> out = new ArrayList<>();
      if (f.getParameters() != null) out.addAll(f.getParameters());
      return out;
    }
    return null;
  }

  /** True when {@code e} is a row constructor. */
  static boolean isRow(Expression e) {
    return items(e) != null;
  }

  /**
   * {@code left op right} where at least one side is a row constructor. Equality is the
   * conjunction of the pairs' equalities and {@code <>} the disjunction of their inequalities,
   * exactly as PostgreSQL expands them, so key lookups see plain column comparisons.
   */
  static Expr compare(Binder b, Exprs.CmpOp op, String sym, Expression left, Expression right) {
    List<Expression> l = items(left);
    List<Expression> r = items(right);
    if (l != null && r != null) return pairs(b, op, sym, l, r);
    Expression other = unwrap(l != null ? right : left);
    List<Expression> row = l != null ? l : r;
    if (l != null && other instanceof Select sub) {
      RelQuery q = b.subqueryOf(sub);
      checkWidth(q, row.size());
      List<Expr> items = typedAgainst(b, row, q, sym);
      return new RelExprs.RowScalar(op, items, q);
    }
    Expr x = b.bind(other, null);
    throw l != null ? Errors.undefinedOperator("record", sym, x.type().sqlName())
        : Errors.undefinedOperator(x.type().sqlName(), sym, "record");
  }

  private static Expr pairs(Binder b, Exprs.CmpOp op, String sym, List<Expression> l, List<Expression> r) {
    if (l.size() != r.size()) throw Errors.unequalRowEntries();
    if (l.isEmpty()) throw Errors.unsupported("comparison of empty rows");
    List<Expr> ls = new ArrayList<>();
    List<Expr> rs = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      Expr[] u = pair(b, l.get(i), r.get(i), sym);
      ls.add(u[0]);
      rs.add(u[1]);
    }
    if (op == Exprs.CmpOp.EQ || op == Exprs.CmpOp.NE) {
      Expr acc = null;
      for (int i = 0; i < ls.size(); i++) {
        Expr c = new Exprs.Compare(op, ls.get(i), rs.get(i));
        acc = acc == null ? c : op == Exprs.CmpOp.EQ ? new Exprs.And(acc, c) : new Exprs.Or(acc, c);
      }
      return acc;
    }
    return new RowExprs.Compare(op, ls, rs);
  }

  private static Expr[] pair(Binder b, Expression le, Expression re, String sym) {
    if (isRow(le) || isRow(re)) throw Errors.unsupported("nested row constructors");
    Expr l = b.bind(le, null);
    Expr r = b.bind(re, l.type() == PgType.UNKNOWN ? null : l.type());
    return b.unifyForCompare(l, r, sym);
  }

  /** {@code row [NOT] IN (SELECT ...)} or {@code row [NOT] IN (row, row, ...)}. */
  static Expr in(Binder b, List<Expression> row, Expression right, boolean not) {
    if (right instanceof Select sub) {
      RelQuery q = b.subqueryOf(sub);
      checkWidth(q, row.size());
      return new RelExprs.RowQuantified(Exprs.CmpOp.EQ, typedAgainst(b, row, q, "="), q, false, not);
    }
    if (!(right instanceof ExpressionList<?> list)) throw Errors.unsupported("IN " + right);
    Expr acc = null;
    for (Expression item : list) {
      List<Expression> other = items(item);
      if (other == null) {
        Expr x = b.bind(item, null);
        throw Errors.undefinedOperator("record", "=", x.type().sqlName());
      }
      Expr eq = pairs(b, Exprs.CmpOp.EQ, "=", row, other);
      acc = acc == null ? eq : new Exprs.Or(acc, eq);
    }
    return not ? new Exprs.Not(acc) : acc;
  }

  /** {@code row op ANY|SOME|ALL (SELECT x, y ...)}. */
  static Expr quantified(Binder b, Exprs.CmpOp op, String sym, List<Expression> row, Select sub, boolean all) {
    RelQuery q = b.subqueryOf(sub);
    checkWidth(q, row.size());
    return new RelExprs.RowQuantified(op, typedAgainst(b, row, q, sym), q, all, false);
  }

  /** {@code row IS [NOT] NULL}. */
  static Expr isNull(Binder b, List<Expression> row, boolean not) {
    List<Expr> items = new ArrayList<>();
    for (Expression e : row) items.add(b.finishUnknown(b.bind(e, null)));
    return new RowExprs.IsNull(items, not);
  }

  /** {@code row IS [NOT] DISTINCT FROM row}. */
  static Expr isDistinct(Binder b, Expression left, Expression right, boolean not) {
    List<Expression> l = items(left);
    List<Expression> r = items(right);
    if (l == null || r == null) {
      Expr x = b.bind(unwrap(l == null ? left : right), null);
      throw l == null ? Errors.undefinedOperator(x.type().sqlName(), "=", "record")
          : Errors.undefinedOperator("record", "=", x.type().sqlName());
    }
    if (l.size() != r.size()) throw Errors.unequalRowEntries();
    List<Expr> ls = new ArrayList<>();
    List<Expr> rs = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      Expr[] u = pair(b, l.get(i), r.get(i), "=");
      ls.add(u[0]);
      rs.add(u[1]);
    }
    return new RowExprs.Distinct(ls, rs, not);
  }

  private static void checkWidth(RelQuery q, int n) {
    int w = q.columns().size();
    if (w < n) throw Errors.subqueryTooFewColumns();
    if (w > n) throw Errors.subqueryHasTooManyColumns();
  }

  /** The row's items, each typed as it compares with the subquery's column. */
  private static List<Expr> typedAgainst(Binder b, List<Expression> row, RelQuery q, String sym) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      if (isRow(row.get(i))) throw Errors.unsupported("nested row constructors");
      PgType t = q.columns().get(i).type();
      Expr v = b.bind(row.get(i), t == PgType.UNKNOWN ? null : t);
      if (v.type() == PgType.UNKNOWN) v = b.coerce(v, t == PgType.UNKNOWN ? PgType.TEXT : t);
      PgType ct = t == PgType.UNKNOWN ? PgType.TEXT : t;
      if (!org.opendsql.sql.expr.Values.comparable(v.type(), ct)) {
        throw Errors.undefinedOperator(v.type().sqlName(), sym, ct.sqlName());
      }
      out.add(v);
    }
    return out;
  }
}
