package org.opendsql.sql.plan;

import java.util.List;
import java.util.regex.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.IntervalQualifier;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsUnknownExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperatorType;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.IntervalFields;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.TimeZones;
import org.opendsql.sql.expr.DateTimeArith;
import org.opendsql.sql.expr.DateTimeFunctions;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.StringFunctions;
import org.opendsql.sql.expr.Values;

/** Binding of the predicates and operators beyond plain comparison and arithmetic. */
final class Operators {
  private Operators() {}

  /** x BETWEEN [SYMMETRIC] a AND b; symmetric is (x between a and b) or (x between b and a). */
  static Expr between(Binder b, Between bt) {
    Expr v = b.bind(bt.getLeftExpression(), null);
    Expr lo = b.bind(bt.getBetweenExpressionStart(), v.type());
    Expr hi = b.bind(bt.getBetweenExpressionEnd(), v.type());
    Expr[] l1 = b.unifyForCompare(v, lo, "BETWEEN");
    Expr[] l2 = b.unifyForCompare(l1[0], hi, "BETWEEN");
    Expr x = l2[0];
    Expr range = new Exprs.And(new Exprs.Compare(Exprs.CmpOp.GE, x, l1[1]), new Exprs.Compare(Exprs.CmpOp.LE, x, l2[1]));
    if (bt.isUsingSymmetric()) {
      Expr swapped = new Exprs.And(new Exprs.Compare(Exprs.CmpOp.GE, x, l2[1]),
          new Exprs.Compare(Exprs.CmpOp.LE, x, l1[1]));
      range = new Exprs.Or(range, swapped);
    }
    return bt.isNot() ? new Exprs.Not(range) : range;
  }

  /** x IS [NOT] TRUE / FALSE: never null. */
  static Expr isBoolean(Binder b, IsBooleanExpression e) {
    Expr x = b.boolOperand(e.getLeftExpression(), e.isTrue() ? "IS TRUE" : "IS FALSE");
    Boolean want = e.isTrue();
    boolean not = e.isNot();
    return new Exprs.Call(e.isTrue() ? "istrue" : "isfalse", List.of(x), PgType.BOOL, false,
        a -> want.equals(a[0]) != not, true);
  }

  static Expr isUnknown(Binder b, IsUnknownExpression e) {
    Expr x = b.boolOperand(e.getLeftExpression(), "IS UNKNOWN");
    return new Exprs.IsNull(x, e.isNot());
  }

  /** x IS [NOT] DISTINCT FROM y: equality in which null equals null, never null itself. */
  static Expr isDistinct(Binder b, IsDistinctExpression e) {
    if (RowBinder.isRow(e.getLeftExpression()) || RowBinder.isRow(e.getRightExpression())) {
      return RowBinder.isDistinct(b, e.getLeftExpression(), e.getRightExpression(), e.isNot());
    }
    Expr l = b.bind(e.getLeftExpression(), null);
    Expr r = b.bind(e.getRightExpression(), l.type() == PgType.UNKNOWN ? null : l.type());
    Expr[] u = b.unifyForCompare(l, r, "=");
    boolean not = e.isNot();
    return new Exprs.Call("distinct", List.of(u[0], u[1]), PgType.BOOL, false, a -> {
      boolean distinct = a[0] == null || a[1] == null ? (a[0] == null) != (a[1] == null) : Values.compare(a[0], a[1]) != 0;
      return distinct != not;
    }, true);
  }

  /** LIKE, ILIKE and SIMILAR TO with their optional ESCAPE. */
  static Expr like(Binder b, LikeExpression l) {
    LikeExpression.KeyWord kw = l.getLikeKeyWord();
    boolean similar = kw == LikeExpression.KeyWord.SIMILAR_TO;
    if (kw != LikeExpression.KeyWord.LIKE && kw != LikeExpression.KeyWord.ILIKE && !similar) {
      throw Errors.unsupported(kw.toString());
    }
    boolean ci = kw == LikeExpression.KeyWord.ILIKE;
    String op = similar ? "~" : ci ? "~~*" : "~~";
    Expr v = b.coerce(b.bind(l.getLeftExpression(), PgType.TEXT), PgType.TEXT);
    Expr p = b.coerce(b.bind(l.getRightExpression(), PgType.TEXT), PgType.TEXT);
    if (Values.category(v.type()) != Values.Category.STRING || Values.category(p.type()) != Values.Category.STRING) {
      throw Errors.undefinedOperator(v.type().sqlName(), op, p.type().sqlName());
    }
    Expr esc = l.getEscape() == null ? new Exprs.Const(PgType.TEXT, "\\")
        : b.coerce(b.bind(l.getEscape(), PgType.TEXT), PgType.TEXT);
    boolean not = l.isNot();
    java.util.function.Function<Object[], Pattern> compile = a -> {
      String e = (String) a[2];
      if (e.codePointCount(0, e.length()) > 1) throw Errors.invalidEscapeString();
      int escape = e.isEmpty() ? -1 : e.codePointAt(0);
      return similar ? StringFunctions.similarPattern((String) a[1], escape)
          : StringFunctions.likePattern((String) a[1], escape, ci);
    };
    boolean constant = p instanceof Exprs.Const && esc instanceof Exprs.Const;
    Pattern[] memo = new Pattern[1];
    return new Exprs.Call(similar ? "similar" : "like", List.of(v, p, esc), PgType.BOOL, true, a -> {
      Pattern pt = memo[0] != null ? memo[0] : compile.apply(a);
      if (constant) memo[0] = pt;
      return pt.matcher((String) a[0]).matches() != not;
    }, true);
  }

  /** The POSIX regular expression operators ~ ~* !~ !~*. */
  static Expr regexMatch(Binder b, RegExpMatchOperator r) {
    Expr v = b.coerce(b.bind(r.getLeftExpression(), PgType.TEXT), PgType.TEXT);
    Expr p = b.coerce(b.bind(r.getRightExpression(), PgType.TEXT), PgType.TEXT);
    RegExpMatchOperatorType t = r.getOperatorType();
    if (Values.category(v.type()) != Values.Category.STRING || Values.category(p.type()) != Values.Category.STRING) {
      throw Errors.undefinedOperator(v.type().sqlName(), r.getStringExpression(), p.type().sqlName());
    }
    boolean ci = t == RegExpMatchOperatorType.MATCH_CASEINSENSITIVE || t == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
    boolean not = t == RegExpMatchOperatorType.NOT_MATCH_CASESENSITIVE || t == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
    int flags = ci ? Pattern.CASE_INSENSITIVE : 0;
    boolean constant = p instanceof Exprs.Const;
    Pattern[] memo = new Pattern[1];
    return new Exprs.Call("regex", List.of(v, p), PgType.BOOL, true, a -> {
      Pattern pt = memo[0] != null ? memo[0] : StringFunctions.regex((String) a[1], flags);
      if (constant) memo[0] = pt;
      return pt.matcher((String) a[0]).find() != not;
    }, true);
  }

  /** extract(field from v): numeric, PostgreSQL 15's result type; timestamptz split in the session's zone. */
  static Expr extract(Binder b, ExtractExpression x) {
    String field = x.getName().replace("'", "").replace("\"", "");
    Expr v = b.bind(x.getExpression(), null);
    if (v.type() == PgType.UNKNOWN) v = b.coerce(v, PgType.TIMESTAMPTZ);
    PgType t = v.type();
    switch (t) {
      case DATE, TIMESTAMP:
        return new Exprs.Call("extract", List.of(v), PgType.NUMERIC, true,
            a -> DateTimeFunctions.extract(field, a[0], t), true);
      case TIMESTAMPTZ:
        return new Exprs.ContextCall("extract", List.of(v), PgType.NUMERIC,
            (a, c) -> DateTimeFunctions.extract(field, a[0], t, c.zone));
      case TIME:
        return new Exprs.Call("extract", List.of(v), PgType.NUMERIC, true,
            a -> DateTimeArith.extract(field, (LocalTime) a[0], false), true);
      case TIMETZ:
        return new Exprs.Call("extract", List.of(v), PgType.NUMERIC, true,
            a -> DateTimeArith.extract(field, (OffsetTime) a[0], false), true);
      case INTERVAL:
        return new Exprs.Call("extract", List.of(v), PgType.NUMERIC, true,
            a -> DateTimeArith.extract(field, (PgInterval) a[0], false), true);
      default:
        throw Errors.undefinedFunction("extract", List.of("unknown", t.sqlName()));
    }
  }

  /** DATE '...', TIME '...', TIMESTAMP '...', TIMESTAMPTZ '...': typed literals. */
  static Expr dateTimeLiteral(DateTimeLiteralExpression d) {
    PgType t = switch (d.getType()) {
      case DATE -> PgType.DATE;
      case TIME -> PgType.TIME;
      case TIMESTAMP -> PgType.TIMESTAMP;
      case TIMESTAMPTZ -> PgType.TIMESTAMPTZ;
      default -> throw Errors.unsupported("type " + d.getType().name().toLowerCase(java.util.Locale.ROOT));
    };
    String v = d.getValue();
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) v = v.substring(1, v.length() - 1).replace("''", "'");
    if (Binder.readAtRunTime(t, v)) return new Exprs.Cast(new Exprs.Const(PgType.UNKNOWN, v), t, -1, true);
    return new Exprs.Const(t, PgText.parse(t, v));
  }

  /** INTERVAL '...' [fields [TO field]] [(p)]: a constant read with the fields' typmod. */
  static Expr intervalLiteral(IntervalExpression ie) {
    if (ie.getExpression() != null || ie.getParameter() == null) throw Errors.unsupported("interval expression " + ie);
    String v = ie.getParameter();
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      v = v.substring(1, v.length() - 1).replace("''", "'");
    } else {
      throw Errors.syntaxErrorAt(v);
    }
    int typmod = -1;
    IntervalQualifier q = ie.getIntervalQualifier();
    if (q != null) {
      String fields = q.getLeadingField() + (q.getTrailingField() == null ? "" : " to " + q.getTrailingField());
      Integer range = IntervalFields.parseRange(fields);
      if (range == null) throw Errors.syntaxErrorAt(q.getLeadingField());
      Integer p = q.getFractionalSecondsPrecision();
      if (p == null && q.getTrailingField() == null) p = q.getLeadingFieldPrecision();
      typmod = IntervalFields.typmod(range, p == null ? IntervalFields.FULL_PRECISION : IntervalFields.checkPrecision(p));
    } else if (ie.getIntervalType() != null) {
      Integer range = IntervalFields.parseRange(ie.getIntervalType());
      if (range == null) throw Errors.syntaxErrorAt(ie.getIntervalType());
      typmod = IntervalFields.typmod(range, IntervalFields.FULL_PRECISION);
    }
    return new Exprs.Const(PgType.INTERVAL, PgText.parse(PgType.INTERVAL, v, java.time.ZoneOffset.UTC, typmod), typmod);
  }

  /**
   * x AT TIME ZONE zone: a timestamp read as local time there (timestamptz), a timestamptz shown
   * there (timestamp), a time with time zone moved there; the zone a name or an interval.
   */
  static Expr atTimeZone(Binder b, TimezoneExpression tz) {
    Expr v = b.bind(tz.getLeftExpression(), null);
    // JSqlParser nests a chain (a AT TIME ZONE b AT TIME ZONE c) inside the first zone; PostgreSQL applies it left to right.
    List<Expression> zones = new java.util.ArrayList<>();
    java.util.ArrayDeque<Expression> todo = new java.util.ArrayDeque<>(tz.getTimezoneExpressions());
    while (!todo.isEmpty()) {
      Expression z = todo.pollFirst();
      if (z instanceof TimezoneExpression inner) {
        List<Expression> rest = new java.util.ArrayList<>(inner.getTimezoneExpressions());
        for (int i = rest.size() - 1; i >= 0; i--) todo.addFirst(rest.get(i));
        todo.addFirst(inner.getLeftExpression());
        continue;
      }
      zones.add(z);
    }
    for (Expression ze : zones) {
      Expr z = b.finishUnknown(b.bind(ze, PgType.TEXT));
      if (z.type() != PgType.INTERVAL) z = b.coerce(z, PgType.TEXT);
      if (Values.category(z.type()) != Values.Category.STRING && z.type() != PgType.INTERVAL) {
        throw Errors.undefinedFunction("timezone", List.of(z.type().sqlName(), v.type().sqlName()));
      }
      if (v.type() == PgType.UNKNOWN) v = b.coerce(v, PgType.TIMESTAMPTZ);
      if (v.type() == PgType.DATE) v = new Exprs.Cast(v, PgType.TIMESTAMPTZ, -1, false);
      if (v.type() == PgType.TIME) v = new Exprs.Cast(v, PgType.TIMETZ, -1, false);
      PgType t = v.type();
      boolean interval = z.type() == PgType.INTERVAL;
      java.util.function.Function<Object, java.time.ZoneId> zone = o -> interval ? DateTimeFunctions.intervalZone((PgInterval) o)
          : TimeZones.atTimeZone((String) o);
      v = switch (t) {
        case TIMESTAMP -> new Exprs.Call("timezone", List.of(z, v), PgType.TIMESTAMPTZ, true,
            a -> PgTemporal.atZone((LocalDateTime) a[1], zone.apply(a[0])), true);
        case TIMESTAMPTZ -> new Exprs.Call("timezone", List.of(z, v), PgType.TIMESTAMP, true,
            a -> PgTemporal.local((Instant) a[1], zone.apply(a[0])), true);
        case TIMETZ -> new Exprs.Call("timezone", List.of(z, v), PgType.TIMETZ, true,
            a -> DateTimeFunctions.timetzAtZone((OffsetTime) a[1], zone.apply(a[0])), true);
        default -> throw Errors.undefinedFunction("timezone", List.of(z.type().sqlName(), t.sqlName()));
      };
    }
    return v;
  }

  private static boolean temporal(PgType t) {
    Values.Category c = Values.category(t);
    return c == Values.Category.TIME || c == Values.Category.TIMEOFDAY || c == Values.Category.TIMESPAN;
  }

  /**
   * The type an untyped literal takes opposite a date/time operand, as PostgreSQL's operator
   * resolution decides it: the other side's type where that operator exists (timestamp -
   * timestamp), else the one candidate (timestamp + interval); {@code date + '...'} has several
   * and is ambiguous (42725). Null when there is no decision to make here.
   */
  private static PgType unknownOperand(char op, PgType known, boolean knownOnLeft) {
    switch (known) {
      case DATE:
        if (op == '-') return PgType.DATE;
        if (op == '+') throw knownOnLeft ? Errors.ambiguousOperator("date", "+", "unknown")
            : Errors.ambiguousOperator("unknown", "+", "date");
        return null;
      case TIME:
        if (op == '+') return PgType.INTERVAL;
        if (op == '-') return PgType.TIME;
        return null;
      case TIMETZ:
        if (op == '+') throw knownOnLeft ? Errors.ambiguousOperator("time with time zone", "+", "unknown")
            : Errors.ambiguousOperator("unknown", "+", "time with time zone");
        if (op == '-' && knownOnLeft) return PgType.INTERVAL;
        return null;
      case TIMESTAMP, TIMESTAMPTZ:
        if (op == '+') return PgType.INTERVAL;
        if (op == '-') return known;
        return null;
      case INTERVAL:
        if (op == '+' || op == '-') return PgType.INTERVAL;
        if (op == '*' || (op == '/' && knownOnLeft)) return PgType.FLOAT8;
        return null;
      default:
        return null;
    }
  }

  private static boolean smallInt(PgType t) {
    return t == PgType.INT4 || t == PgType.INT2;
  }

  private static Expr call(String name, Expr l, Expr r, PgType t, java.util.function.Function<Object[], Object> fn) {
    return new Exprs.Call(name, List.of(l, r), t, true, fn, true);
  }

  private static Expr zoned(String name, Expr l, Expr r, PgType t,
      java.util.function.BiFunction<Object[], org.opendsql.sql.expr.EvalContext, Object> fn) {
    return new Exprs.ContextCall(name, List.of(l, r), t, fn);
  }

  private static final List<PgType> DATETIMES = List.of(PgType.DATE, PgType.TIMESTAMP, PgType.TIMESTAMPTZ);

  /**
   * The date/time operators of pg_operator: date +/- integer, date - date, date/timestamp/
   * timestamptz/time/timetz +/- interval, timestamp - timestamp, time - time, date + time[tz],
   * interval +/- interval, interval * and / a number. Returns null when neither operand is a
   * date/time, so numbers go on as before.
   */
  static Expr dateArith(Binder b, char op, Expr l, Expr r) {
    PgType lt = l.type();
    PgType rt = r.type();
    if (!temporal(lt) && !temporal(rt)) return null;
    if (lt == PgType.UNKNOWN) {
      PgType t = unknownOperand(op, rt, false);
      if (t != null) l = b.coerce(l, t);
    } else if (rt == PgType.UNKNOWN) {
      PgType t = unknownOperand(op, lt, true);
      if (t != null) r = b.coerce(r, t);
    }
    lt = l.type();
    rt = r.type();
    PgType interval = PgType.INTERVAL;
    boolean minus = op == '-';
    if (op == '+' || op == '-') {
      if (lt == PgType.DATE && smallInt(rt)) {
        return call("date_pli", l, r, PgType.DATE, a -> DateTimeFunctions.addDays((LocalDate) a[0],
            minus ? -((Number) a[1]).longValue() : ((Number) a[1]).longValue()));
      }
      if (smallInt(lt) && rt == PgType.DATE && !minus) {
        return call("integer_pl_date", l, r, PgType.DATE, a -> DateTimeFunctions.addDays((LocalDate) a[1], ((Number) a[0]).longValue()));
      }
      if (lt == PgType.DATE && rt == PgType.DATE && minus) {
        return call("date_mi", l, r, PgType.INT4, a -> DateTimeFunctions.daysBetween((LocalDate) a[0], (LocalDate) a[1]));
      }
      if (lt == interval && rt == interval) {
        return call(minus ? "interval_mi" : "interval_pl", l, r, interval,
            a -> minus ? DateTimeArith.subtract((PgInterval) a[0], (PgInterval) a[1])
                : DateTimeArith.add((PgInterval) a[0], (PgInterval) a[1]));
      }
      // x + interval and interval + x (commuted), x - interval.
      if ((rt == interval && lt != interval) || (lt == interval && rt != interval && !minus)) {
        boolean swapped = lt == interval;
        Expr x = swapped ? r : l;
        Expr span = swapped ? l : r;
        switch (x.type()) {
          case DATE, TIMESTAMP -> {
            Expr ts = x.type() == PgType.DATE ? new Exprs.Cast(x, PgType.TIMESTAMP, -1, false) : x;
            return call(minus ? "timestamp_mi_interval" : "timestamp_pl_interval", ts, span, PgType.TIMESTAMP,
                a -> minus ? DateTimeArith.minus((LocalDateTime) a[0], (PgInterval) a[1])
                    : DateTimeArith.plus((LocalDateTime) a[0], (PgInterval) a[1]));
          }
          case TIMESTAMPTZ -> {
            return zoned(minus ? "timestamptz_mi_interval" : "timestamptz_pl_interval", x, span, PgType.TIMESTAMPTZ,
                (a, c) -> minus ? DateTimeArith.minus((Instant) a[0], (PgInterval) a[1], c.zone)
                    : DateTimeArith.plus((Instant) a[0], (PgInterval) a[1], c.zone));
          }
          case TIME -> {
            return call(minus ? "time_mi_interval" : "time_pl_interval", x, span, PgType.TIME,
                a -> minus ? DateTimeArith.minus((LocalTime) a[0], (PgInterval) a[1])
                    : DateTimeArith.plus((LocalTime) a[0], (PgInterval) a[1]));
          }
          case TIMETZ -> {
            return call(minus ? "timetz_mi_interval" : "timetz_pl_interval", x, span, PgType.TIMETZ,
                a -> minus ? DateTimeArith.minus((OffsetTime) a[0], (PgInterval) a[1])
                    : DateTimeArith.plus((OffsetTime) a[0], (PgInterval) a[1]));
          }
          default -> { }
        }
      }
      if (!minus && ((lt == PgType.DATE && rt == PgType.TIME) || (lt == PgType.TIME && rt == PgType.DATE))) {
        boolean dateFirst = lt == PgType.DATE;
        return call("datetime_pl", l, r, PgType.TIMESTAMP, a -> DateTimeArith.dateTime(
            (LocalDate) a[dateFirst ? 0 : 1], (LocalTime) a[dateFirst ? 1 : 0]));
      }
      if (!minus && ((lt == PgType.DATE && rt == PgType.TIMETZ) || (lt == PgType.TIMETZ && rt == PgType.DATE))) {
        boolean dateFirst = lt == PgType.DATE;
        return call("datetimetz_pl", l, r, PgType.TIMESTAMPTZ, a -> DateTimeArith.dateTimetz(
            (LocalDate) a[dateFirst ? 0 : 1], (OffsetTime) a[dateFirst ? 1 : 0]));
      }
      if (minus && lt == PgType.TIME && rt == PgType.TIME) {
        return call("time_mi_time", l, r, interval, a -> DateTimeArith.difference((LocalTime) a[0], (LocalTime) a[1]));
      }
      if (minus && DATETIMES.contains(lt) && DATETIMES.contains(rt)) {
        // date - timestamp and the like: both sides take the later type of date < timestamp < timestamptz.
        PgType t = DATETIMES.get(Math.max(DATETIMES.indexOf(lt), DATETIMES.indexOf(rt)));
        Expr x = lt == t ? l : new Exprs.Cast(l, t, -1, false);
        Expr y = rt == t ? r : new Exprs.Cast(r, t, -1, false);
        if (t == PgType.TIMESTAMPTZ) {
          return call("timestamptz_mi", x, y, interval, a -> DateTimeArith.difference((Instant) a[0], (Instant) a[1]));
        }
        return call("timestamp_mi", x, y, interval, a -> DateTimeArith.difference((LocalDateTime) a[0], (LocalDateTime) a[1]));
      }
    }
    if (op == '*' || op == '/') {
      boolean number = lt == interval ? Values.category(rt) == Values.Category.NUMBER : Values.category(lt) == Values.Category.NUMBER;
      if (number && (lt == interval || (rt == interval && op == '*'))) {
        boolean spanLeft = lt == interval;
        Expr span = spanLeft ? l : r;
        Expr factor = spanLeft ? r : l;
        if (factor.type() != PgType.FLOAT8) factor = new Exprs.Cast(factor, PgType.FLOAT8, -1, false);
        Expr first = spanLeft ? span : factor;
        Expr second = spanLeft ? factor : span;
        boolean divide = op == '/';
        return call(divide ? "interval_div" : "interval_mul", first, second, interval, a -> {
          PgInterval v = (PgInterval) a[spanLeft ? 0 : 1];
          double f = ((Number) a[spanLeft ? 1 : 0]).doubleValue();
          return divide ? DateTimeArith.divide(v, f) : DateTimeArith.multiply(v, f);
        });
      }
    }
    if (op == '+' && lt == PgType.TIME && rt == PgType.TIME) {
      // time + interval and interval + time both apply (time casts to interval implicitly).
      throw Errors.ambiguousOperator(lt.sqlName(), "+", rt.sqlName());
    }
    throw Errors.undefinedOperator(lt.sqlName(), String.valueOf(op), rt.sqlName());
  }

  /**
   * (start1, end1) OVERLAPS (start2, end2), each end maybe a length (an interval): PostgreSQL's
   * overlaps, whose answer is null only where the nulls leave it open.
   */
  static Expr overlaps(Binder b, net.sf.jsqlparser.expression.OverlapsCondition o) {
    if (o.getLeft().size() != 2 || o.getRight().size() != 2) throw Errors.unsupported("OVERLAPS with rows of other than two values");
    Expr[] x = new Expr[4];
    for (int i = 0; i < 2; i++) {
      x[i] = b.bind(o.getLeft().get(i), null);
      x[i + 2] = b.bind(o.getRight().get(i), null);
    }
    for (int s = 0; s < 4; s += 2) {
      if (x[s + 1].type() == PgType.INTERVAL) x[s + 1] = dateArith(b, '+', x[s], x[s + 1]);
    }
    PgType t = b.commonTypeOf(List.of(x), "OVERLAPS");
    Values.Category c = Values.category(t);
    if (c != Values.Category.TIME && c != Values.Category.TIMEOFDAY) {
      throw Errors.undefinedFunction("overlaps", java.util.Arrays.stream(x).map(e -> e.type().sqlName()).toList());
    }
    List<Expr> typed = new java.util.ArrayList<>();
    for (Expr e : x) typed.add(b.toType(e, t));
    return new Exprs.Call("overlaps", typed, PgType.BOOL, false, a -> overlaps(a[0], a[1], a[2], a[3]), true);
  }

  private static Boolean overlaps(Object ts1, Object te1, Object ts2, Object te2) {
    if (ts1 == null) {
      if (te1 == null) return null;
      ts1 = te1;
      te1 = null;
    } else if (te1 != null && Values.compare(ts1, te1) > 0) {
      Object t = ts1;
      ts1 = te1;
      te1 = t;
    }
    if (ts2 == null) {
      if (te2 == null) return null;
      ts2 = te2;
      te2 = null;
    } else if (te2 != null && Values.compare(ts2, te2) > 0) {
      Object t = ts2;
      ts2 = te2;
      te2 = t;
    }
    int c = Values.compare(ts1, ts2);
    if (c > 0) {
      if (te2 == null) return null;
      if (Values.compare(ts1, te2) < 0) return true;
      return te1 == null ? null : false;
    }
    if (c < 0) {
      if (te1 == null) return null;
      if (Values.compare(ts2, te1) < 0) return true;
      return te2 == null ? null : false;
    }
    return te1 == null || te2 == null ? null : true;
  }

  /** trim([both|leading|trailing] [chars] from s) as btrim/ltrim/rtrim. */
  static Expr trim(Binder b, TrimFunction t) {
    Expression source = t.getFromExpression() != null ? t.getFromExpression() : t.getExpression();
    Expression chars = t.getFromExpression() != null ? t.getExpression() : null;
    String fn = "btrim";
    if (t.getTrimSpecification() != null) {
      switch (t.getTrimSpecification()) {
        case LEADING -> fn = "ltrim";
        case TRAILING -> fn = "rtrim";
        default -> fn = "btrim";
      }
    }
    Expr s = b.bind(source, null);
    List<Expr> args = chars == null ? List.of(s) : List.of(s, b.bind(chars, null));
    return Functions.bind(fn, args, b);
  }

  /**
   * JSqlParser reads {@code ^} as XOR at the precedence of {@code *}; PostgreSQL's {@code ^} is
   * exponentiation and binds tighter, so {@code a * b ^ c} is re-associated to {@code a * (b ^ c)}.
   */
  static Expr power(Binder b, BitwiseXor x) {
    Expression left = x.getLeftExpression();
    if (left instanceof Multiplication || left instanceof Division || left instanceof Modulo) {
      BinaryExpression outer = (BinaryExpression) left;
      BitwiseXor inner = new BitwiseXor();
      inner.setLeftExpression(outer.getRightExpression());
      inner.setRightExpression(x.getRightExpression());
      BinaryExpression copy = left instanceof Multiplication ? new Multiplication()
          : left instanceof Division ? new Division() : new Modulo();
      copy.setLeftExpression(outer.getLeftExpression());
      copy.setRightExpression(inner);
      return b.bind(copy, null);
    }
    Expr l = b.bind(left, null);
    Expr r = b.bind(x.getRightExpression(), null);
    if (l.type() == PgType.UNKNOWN && r.type() == PgType.UNKNOWN) {
      l = b.coerce(l, PgType.FLOAT8);
      r = b.coerce(r, PgType.FLOAT8);
    }
    boolean numbers = (Values.category(l.type()) == Values.Category.NUMBER || l.type() == PgType.UNKNOWN)
        && (Values.category(r.type()) == Values.Category.NUMBER || r.type() == PgType.UNKNOWN);
    if (!numbers) throw Errors.undefinedOperator(l.type().sqlName(), "^", r.type().sqlName());
    return Functions.bind("power", List.of(l, r), b);
  }
}
