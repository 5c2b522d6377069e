package org.opendsql.sql.plan;

import java.util.List;
import java.util.regex.Pattern;
import java.time.LocalDate;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Expression;
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

  /** extract(field from v): numeric, PostgreSQL 15's result type. */
  static Expr extract(Binder b, ExtractExpression x) {
    String field = x.getName().replace("'", "").replace("\"", "");
    Expr v = b.bind(x.getExpression(), null);
    if (v.type() == PgType.UNKNOWN) v = b.coerce(v, PgType.TIMESTAMPTZ);
    PgType t = v.type();
    if (t != PgType.DATE && t != PgType.TIMESTAMP && t != PgType.TIMESTAMPTZ) {
      throw Errors.undefinedFunction("extract", List.of("unknown", t.sqlName()));
    }
    return new Exprs.Call("extract", List.of(v), PgType.NUMERIC, true,
        a -> DateTimeFunctions.extract(field, a[0], t), true);
  }

  /** DATE '...', TIMESTAMP '...', TIMESTAMPTZ '...': typed literals. */
  static Expr dateTimeLiteral(DateTimeLiteralExpression d) {
    PgType t = switch (d.getType()) {
      case DATE -> PgType.DATE;
      case TIMESTAMP -> PgType.TIMESTAMP;
      case TIMESTAMPTZ -> PgType.TIMESTAMPTZ;
      default -> throw Errors.unsupported("type " + d.getType().name().toLowerCase(java.util.Locale.ROOT));
    };
    String v = d.getValue();
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) v = v.substring(1, v.length() - 1).replace("''", "'");
    return new Exprs.Const(t, PgText.parse(t, v));
  }

  /**
   * Date arithmetic: date + integer, integer + date, date - integer (date) and date - date
   * (integer days). Returns null when neither operand is a date/time, so numbers go on as before.
   */
  static Expr dateArith(char op, Expr l, Expr r) {
    boolean lt = Values.category(l.type()) == Values.Category.TIME;
    boolean rt = Values.category(r.type()) == Values.Category.TIME;
    if (!lt && !rt) return null;
    boolean lint = l.type() == PgType.INT4 || l.type() == PgType.INT2;
    boolean rint = r.type() == PgType.INT4 || r.type() == PgType.INT2;
    if (l.type() == PgType.DATE && rint && (op == '+' || op == '-')) {
      boolean minus = op == '-';
      return new Exprs.Call("date_pli", List.of(l, r), PgType.DATE, true,
          a -> DateTimeFunctions.addDays((LocalDate) a[0], minus ? -((Number) a[1]).longValue() : ((Number) a[1]).longValue()),
          true);
    }
    if (lint && r.type() == PgType.DATE && op == '+') {
      return new Exprs.Call("integer_pl_date", List.of(l, r), PgType.DATE, true,
          a -> DateTimeFunctions.addDays((LocalDate) a[1], ((Number) a[0]).longValue()), true);
    }
    if (l.type() == PgType.DATE && r.type() == PgType.DATE && op == '-') {
      return new Exprs.Call("date_mi", List.of(l, r), PgType.INT4, true,
          a -> DateTimeFunctions.daysBetween((LocalDate) a[0], (LocalDate) a[1]), true);
    }
    if (lt && rt && op == '-') throw Errors.unsupported("type interval");
    throw Errors.undefinedOperator(l.type().sqlName(), String.valueOf(op), r.type().sqlName());
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
