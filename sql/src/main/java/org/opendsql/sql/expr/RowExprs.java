package org.opendsql.sql.expr;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.RecordValue;

/**
 * Row constructors in comparisons: {@code (a, b) < (1, 2)}, {@code ROW(a, b) IS NULL},
 * {@code (a, b) IS DISTINCT FROM (c, d)}, with PostgreSQL's rules for NULL elements. Row equality
 * and inequality are bound as conjunctions and disjunctions of their pairs (PostgreSQL's own
 * meaning of them), so only the ordering operators need a node of their own.
 */
public final class RowExprs {
  private RowExprs() {}

  /**
   * The result of {@code l op r} over two rows of evaluated values: {@code =} is false as soon as
   * a pair differs and otherwise unknown if a pair held a NULL; {@code <>} likewise true; the
   * ordering operators compare pairs left to right and decide on the first pair that is unequal
   * or holds a NULL (unknown then), and on equal rows only {@code <=} and {@code >=} are true.
   */
  public static Boolean compare(Exprs.CmpOp op, Object[] l, Object[] r) {
    if (op == Exprs.CmpOp.EQ || op == Exprs.CmpOp.NE) {
      boolean sawNull = false;
      for (int i = 0; i < l.length; i++) {
        if (l[i] == null || r[i] == null) {
          sawNull = true;
        } else if (Values.compare(l[i], r[i]) != 0) {
          return op == Exprs.CmpOp.NE;
        }
      }
      return sawNull ? null : op == Exprs.CmpOp.EQ;
    }
    for (int i = 0; i < l.length; i++) {
      if (l[i] == null || r[i] == null) return null;
      int c = Values.compare(l[i], r[i]);
      if (c != 0) return ordered(op, c);
    }
    return op == Exprs.CmpOp.LE || op == Exprs.CmpOp.GE;
  }

  private static boolean ordered(Exprs.CmpOp op, int c) {
    return switch (op) {
      case LT, LE -> c < 0;
      case GT, GE -> c > 0;
      case EQ -> c == 0;
      case NE -> c != 0;
    };
  }

  /**
   * {@code (l1, l2, ...) op (r1, r2, ...)} for an ordering operator: the pairs are evaluated left
   * to right and no further than the pair that decides, as PostgreSQL's row comparison does.
   */
  public record Compare(Exprs.CmpOp op, List<Expr> left, List<Expr> right) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      for (int i = 0; i < left.size(); i++) {
        Object a = left.get(i).eval(c);
        Object b = right.get(i).eval(c);
        if (a == null || b == null) return null;
        int cmp = Values.compare(a, b);
        if (cmp != 0) return ordered(op, cmp);
      }
      return op == Exprs.CmpOp.LE || op == Exprs.CmpOp.GE;
    }
  }

  /** {@code row IS NULL}: every element is NULL; {@code row IS NOT NULL}: none is. */
  public record IsNull(List<Expr> items, boolean not) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      for (Expr e : items) {
        boolean isNull = e.eval(c) == null;
        if (isNull == not) return false;
      }
      return true;
    }
  }

  /** {@code row IS [NOT] DISTINCT FROM row}: NULLs compare equal to each other and unequal to values. */
  public record Distinct(List<Expr> left, List<Expr> right, boolean not) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      boolean distinct = false;
      for (int i = 0; i < left.size() && !distinct; i++) {
        Object a = left.get(i).eval(c);
        Object b = right.get(i).eval(c);
        distinct = a == null || b == null ? (a == null) != (b == null) : Values.compare(a, b) != 0;
      }
      return distinct != not;
    }
  }

  /** {@code ROW(a, b)}, {@code (a, b)} or a whole-row reference as a value: a record of its fields. */
  /** A row value; {@code names} are its fields' names when it is a relation's whole row (null: f1, f2, ...). */
  public record Value(List<Expr> items, List<String> names) implements Expr {
    public Value(List<Expr> items) {
      this(items, null);
    }

    public PgType type() { return PgType.RECORD; }

    public Object eval(EvalContext c) {
      List<Object> values = new ArrayList<>(items.size());
      List<PgType> types = new ArrayList<>(items.size());
      for (Expr e : items) {
        values.add(e.eval(c));
        types.add(e.type());
      }
      return new RecordValue(values, types, names);
    }

    public boolean isRowIndependent() { return items.stream().allMatch(Expr::isRowIndependent); }
  }
}
