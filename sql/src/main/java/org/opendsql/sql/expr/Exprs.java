package org.opendsql.sql.expr;

import java.util.List;
import java.util.function.Function;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;

/** The expression node kinds. */
public final class Exprs {
  private Exprs() {}

  public record Const(PgType type, Object value, int typmod) implements Expr {
    public Const(PgType type, Object value) {
      this(type, value, -1);
    }

    public Object eval(EvalContext c) { return value; }
    public boolean isRowIndependent() { return true; }
  }

  public record ColumnRef(int slot, PgType type, int typmod, String name) implements Expr {
    public Object eval(EvalContext c) { return c.row[slot]; }
  }

  /** A column of an enclosing query's row (a correlated reference), {@code depth} levels out. */
  public record OuterRef(int depth, int slot, PgType type, int typmod, String name) implements Expr {
    public Object eval(EvalContext c) { return c.outerRow(depth)[slot]; }
  }

  /** $n. The types are shared with the statement so inference can fill them in while binding. */
  public record Param(int index, ParamTypes types) implements Expr {
    public PgType type() {
      PgType t = types.get(index);
      return t == null ? PgType.UNKNOWN : t;
    }

    public Object eval(EvalContext c) {
      if (index >= c.params.length) {
        throw Errors.noParameter(index + 1);
      }
      Object v = c.params[index];
      if (v == null) return null;
      PgType t = type();
      if (t == PgType.UNKNOWN || t == PgType.TEXT || t == PgType.VARCHAR) {
        return v instanceof String ? v : PgText.format(guess(v), v, c.zone);
      }
      return Values.cast(v, guess(v), t, -1, true, c.zone);
    }

    public boolean isRowIndependent() { return true; }

    private static PgType guess(Object v) {
      if (v instanceof String) return PgType.TEXT;
      if (v instanceof Integer) return PgType.INT4;
      if (v instanceof Long) return PgType.INT8;
      if (v instanceof Short) return PgType.INT2;
      if (v instanceof Double) return PgType.FLOAT8;
      if (v instanceof Float) return PgType.FLOAT4;
      if (v instanceof java.math.BigDecimal) return PgType.NUMERIC;
      if (v instanceof Boolean) return PgType.BOOL;
      if (v instanceof java.time.Instant) return PgType.TIMESTAMPTZ;
      if (v instanceof java.time.LocalDateTime) return PgType.TIMESTAMP;
      if (v instanceof java.time.LocalDate) return PgType.DATE;
      if (v instanceof java.time.LocalTime) return PgType.TIME;
      if (v instanceof java.time.OffsetTime) return PgType.TIMETZ;
      if (v instanceof org.opendsql.core.types.PgInterval) return PgType.INTERVAL;
      if (v instanceof java.util.UUID) return PgType.UUID;
      if (v instanceof byte[]) return PgType.BYTEA;
      return PgType.TEXT;
    }
  }

  public record Cast(Expr arg, PgType type, int typmod, boolean explicit) implements Expr {
    public Object eval(EvalContext c) {
      return Values.cast(arg.eval(c), arg.type(), type, typmod, explicit, c.zone, c.txnTime);
    }

    public boolean isRowIndependent() { return arg.isRowIndependent(); }
  }

  public record Arith(char op, Expr left, Expr right, PgType type) implements Expr {
    public Object eval(EvalContext c) {
      Object a = left.eval(c);
      if (a == null) return null;
      Object b = right.eval(c);
      if (b == null) return null;
      return Values.arith(op, a, b, type);
    }

    public boolean isRowIndependent() { return left.isRowIndependent() && right.isRowIndependent(); }
  }

  public record Negate(Expr arg) implements Expr {
    public PgType type() { return arg.type(); }

    public Object eval(EvalContext c) {
      Object v = arg.eval(c);
      return v == null ? null : Values.negate(v, arg.type());
    }

    public boolean isRowIndependent() { return arg.isRowIndependent(); }
  }

  public record Concat(Expr left, Expr right) implements Expr {
    public PgType type() { return PgType.TEXT; }

    public Object eval(EvalContext c) {
      Object a = left.eval(c);
      Object b = right.eval(c);
      if (a == null || b == null) return null;
      return text(a, left.type(), c) + text(b, right.type(), c);
    }

    private static String text(Object v, PgType t, EvalContext c) {
      return Values.toText(v, t, c.zone);
    }
  }

  public enum CmpOp { EQ, NE, LT, LE, GT, GE }

  public record Compare(CmpOp op, Expr left, Expr right) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object a = left.eval(c);
      if (a == null) return null;
      Object b = right.eval(c);
      if (b == null) return null;
      int r = bpchar(left.type(), right.type())
          ? Values.compareStrings(StringFunctions.rtrimSpaces((String) a), StringFunctions.rtrimSpaces((String) b))
          : Values.compare(a, b);
      return switch (op) {
        case EQ -> r == 0;
        case NE -> r != 0;
        case LT -> r < 0;
        case LE -> r <= 0;
        case GT -> r > 0;
        case GE -> r >= 0;
      };
    }
  }

  /**
   * Whether a comparison of these operand types is char(n)'s (bpchar = bpchar, bpchar = varchar):
   * trailing spaces are padding and do not count.
   */
  public static boolean bpchar(PgType a, PgType b) {
    return (a == PgType.BPCHAR && (b == PgType.BPCHAR || b == PgType.VARCHAR))
        || (b == PgType.BPCHAR && a == PgType.VARCHAR);
  }

  public record And(Expr left, Expr right) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object a = left.eval(c);
      if (Boolean.FALSE.equals(a)) return false;
      Object b = right.eval(c);
      if (Boolean.FALSE.equals(b)) return false;
      return a == null || b == null ? null : true;
    }
  }

  public record Or(Expr left, Expr right) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object a = left.eval(c);
      if (Boolean.TRUE.equals(a)) return true;
      Object b = right.eval(c);
      if (Boolean.TRUE.equals(b)) return true;
      return a == null || b == null ? null : false;
    }
  }

  public record Not(Expr arg) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object v = arg.eval(c);
      return v == null ? null : !((Boolean) v);
    }
  }

  public record IsNull(Expr arg, boolean not) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      return (arg.eval(c) == null) != not;
    }
  }

  /** x IN (a, b, ...): true on a match, else null if x or any item is null, else false. */
  public record InList(Expr arg, List<Expr> items, boolean not) implements Expr {
    public PgType type() { return PgType.BOOL; }

    public Object eval(EvalContext c) {
      Object v = arg.eval(c);
      if (v == null) return null;
      boolean sawNull = false;
      boolean padded = arg.type() == PgType.BPCHAR;
      if (padded) v = StringFunctions.rtrimSpaces((String) v);
      for (Expr e : items) {
        Object x = e.eval(c);
        if (x == null) {
          sawNull = true;
        } else if (Values.compare(v, padded && x instanceof String xs ? StringFunctions.rtrimSpaces(xs) : x) == 0) {
          return !not;
        }
      }
      return sawNull ? null : not;
    }
  }

  /** A scalar function over already-evaluated arguments; strict ones return null on any null input. */
  public record Call(String name, List<Expr> args, PgType type, boolean strict,
      Function<Object[], Object> fn, boolean rowIndependentFn) implements Expr {
    public Object eval(EvalContext c) {
      Object[] vals = new Object[args.size()];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = args.get(i).eval(c);
        if (strict && vals[i] == null) return null;
      }
      return fn.apply(vals);
    }

    /** A stable function of constants and parameters is known before any row is read; random() is not. */
    public boolean isRowIndependent() {
      return rowIndependentFn && args.stream().allMatch(Expr::isRowIndependent);
    }
  }

  /**
   * A strict function of its arguments and the session: the time zone (timestamptz arithmetic,
   * date_trunc and extract of timestamptz) or the transaction's time (age of one timestamp).
   */
  public record ContextCall(String name, List<Expr> args, PgType type,
      java.util.function.BiFunction<Object[], EvalContext, Object> fn) implements Expr {
    public Object eval(EvalContext c) {
      Object[] vals = new Object[args.size()];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = args.get(i).eval(c);
        if (vals[i] == null) return null;
      }
      return fn.apply(vals, c);
    }

    public boolean isRowIndependent() {
      return args.stream().allMatch(Expr::isRowIndependent);
    }
  }

  /**
   * A function that reads the session (random(), setseed(), the time zone array_to_string shows
   * timestamps in): NULL when one of its first {@code strictArgs} arguments is, evaluated afresh
   * for every row.
   */
  public record SessionCall(String name, List<Expr> args, PgType type, int strictArgs,
      java.util.function.BiFunction<EvalContext, Object[], Object> fn) implements Expr {
    public SessionCall(String name, List<Expr> args, PgType type,
        java.util.function.BiFunction<EvalContext, Object[], Object> fn) {
      this(name, args, type, args.size(), fn);
    }

    public Object eval(EvalContext c) {
      Object[] vals = new Object[args.size()];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = args.get(i).eval(c);
        if (vals[i] == null && i < strictArgs) return null;
      }
      return fn.apply(c, vals);
    }
  }

  /** A function reading session state (now(), current_user): needs the context, not just args. */
  public record SessionValue(String name, PgType type, Function<EvalContext, Object> fn) implements Expr {
    public Object eval(EvalContext c) { return fn.apply(c); }
    public boolean isRowIndependent() { return true; }
  }

  public record Coalesce(List<Expr> args, PgType type) implements Expr {
    public Object eval(EvalContext c) {
      for (Expr e : args) {
        Object v = e.eval(c);
        if (v != null) return v;
      }
      return null;
    }
  }

  /** Searched CASE: WHEN conditions in order, ELSE or null. */
  public record Case(List<Expr> whens, List<Expr> thens, Expr otherwise, PgType type) implements Expr {
    public Object eval(EvalContext c) {
      for (int i = 0; i < whens.size(); i++) {
        if (Boolean.TRUE.equals(whens.get(i).eval(c))) return thens.get(i).eval(c);
      }
      return otherwise == null ? null : otherwise.eval(c);
    }
  }
}
