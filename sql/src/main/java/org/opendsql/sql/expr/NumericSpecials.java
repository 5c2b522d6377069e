package org.opendsql.sql.expr;

import java.math.BigDecimal;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.NumericSpecial;

/**
 * numeric.c's answers for NaN and the infinities: arithmetic and the numeric functions, called
 * when at least one numeric argument is one of them (the others are BigDecimal). A function
 * without a rule here refuses them (0A000) rather than answer differently.
 */
public final class NumericSpecials {
  private NumericSpecials() {}

  private static final NumericSpecial NAN = NumericSpecial.NAN;
  private static final NumericSpecial PINF = NumericSpecial.POSITIVE_INFINITY;
  private static final NumericSpecial NINF = NumericSpecial.NEGATIVE_INFINITY;

  static boolean isNaN(Object v) {
    return v == NAN;
  }

  static boolean isInf(Object v) {
    return v == PINF || v == NINF;
  }

  /** The sign of any numeric, NaN aside (callers test it first). */
  static int sign(Object v) {
    return v instanceof NumericSpecial s ? s.signum() : ((BigDecimal) v).signum();
  }

  private static NumericSpecial infinity(int sign) {
    return sign > 0 ? PINF : NINF;
  }

  /** {@code a op b} where a or b is special. */
  public static Object arith(char op, Object a, Object b) {
    if (isNaN(a) || isNaN(b)) return NAN;
    return switch (op) {
      case '+' -> {
        if (isInf(a) && isInf(b)) yield a == b ? a : NAN;
        yield isInf(a) ? a : b;
      }
      case '-' -> {
        if (isInf(a) && isInf(b)) yield a != b ? a : NAN;
        yield isInf(a) ? a : ((NumericSpecial) b).negate();
      }
      case '*' -> {
        int s = sign(a) * sign(b);
        yield s == 0 ? NAN : infinity(s);
      }
      case '/' -> {
        if (isInf(a)) {
          if (isInf(b)) yield NAN;
          int s = sign(b);
          if (s == 0) throw Errors.divisionByZero();
          yield infinity(sign(a) * s);
        }
        yield BigDecimal.ZERO;
      }
      default -> {
        if (isInf(a)) {
          if (sign(b) == 0) throw Errors.divisionByZero();
          yield NAN;
        }
        yield a;
      }
    };
  }

  /**
   * The numeric function {@code name} applied to {@code args} (the numeric ones may be special),
   * as numeric.c answers when any is NaN or infinite.
   */
  public static Object function(String name, Object[] args) {
    Object x = args[0];
    switch (name) {
      case "abs":
        return isNaN(x) ? NAN : PINF;
      case "ceil", "ceiling", "floor", "round", "trunc", "trim_scale":
        return x;
      case "sign":
        return isNaN(x) ? NAN : BigDecimal.valueOf(sign(x));
      case "scale", "min_scale":
        return null;
      case "sqrt":
        if (isNaN(x)) return NAN;
        if (sign(x) < 0) throw Errors.negativeSquareRoot();
        return PINF;
      case "exp":
        if (isNaN(x)) return NAN;
        return sign(x) > 0 ? PINF : BigDecimal.ZERO;
      case "ln", "log10":
        return ln(x);
      case "log":
        return args.length == 1 ? ln(x) : log(x, args[1]);
      case "power", "pow":
        return power(x, args[1]);
      case "mod":
        return arith('%', x, args[1]);
      case "div":
        return div(x, args[1]);
      case "gcd", "lcm":
        return NAN;
      case "width_bucket": {
        if (isNaN(x) || isNaN(args[1]) || isNaN(args[2])) throw Errors.widthBucketNaN();
        if (isInf(args[1]) || isInf(args[2])) throw Errors.widthBucketInfiniteBounds();
        int count = ((Number) args[3]).intValue();
        if (count <= 0) throw Errors.widthBucketCount();
        int direction = ((BigDecimal) args[1]).compareTo((BigDecimal) args[2]);
        if (direction == 0) throw Errors.widthBucketBounds();
        return sign(x) == -direction ? Math.addExact(count, 1) : 0;
      }
      default:
        throw Errors.nonFiniteNumeric();
    }
  }

  private static Object ln(Object x) {
    if (isNaN(x)) return NAN;
    if (sign(x) < 0) throw Errors.logOfNegative();
    if (sign(x) == 0) throw Errors.logOfZero();
    return PINF;
  }

  private static Object log(Object base, Object x) {
    if (isNaN(base) || isNaN(x)) return NAN;
    if (sign(base) < 0 || sign(x) < 0) throw Errors.logOfNegative();
    if (sign(base) == 0 || sign(x) == 0) throw Errors.logOfZero();
    if (base == PINF) return x == PINF ? NAN : BigDecimal.ZERO;
    return PINF;
  }

  private static Object div(Object a, Object b) {
    if (isNaN(a) || isNaN(b)) return NAN;
    if (isInf(a)) {
      if (isInf(b)) return NAN;
      int s = sign(b);
      if (s == 0) throw Errors.divisionByZero();
      return infinity(sign(a) * s);
    }
    return BigDecimal.ZERO;
  }

  private static boolean isOne(Object v) {
    return v instanceof BigDecimal d && d.compareTo(BigDecimal.ONE) == 0;
  }

  private static boolean integral(Object v) {
    if (v instanceof NumericSpecial s) return !s.isNaN();
    BigDecimal d = (BigDecimal) v;
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  /** numeric_power's rules, which are POSIX pow(3)'s. */
  private static Object power(Object x, Object y) {
    if (isNaN(x)) return !(y instanceof NumericSpecial) && sign(y) == 0 ? BigDecimal.ONE : NAN;
    if (isNaN(y)) return isOne(x) ? BigDecimal.ONE : NAN;
    int sx = sign(x);
    int sy = sign(y);
    if (sx == 0 && sy < 0) throw Errors.zeroToNegativePower();
    if (sx < 0 && !integral(y)) throw Errors.negativeToNonIntegerPower();
    if (isOne(x)) return BigDecimal.ONE;
    if (sy == 0) return BigDecimal.ONE;
    if (sx == 0 && sy > 0) return BigDecimal.ZERO;
    if (isInf(y)) {
      boolean absGreaterThanOne;
      if (x instanceof NumericSpecial) {
        absGreaterThanOne = true;
      } else {
        BigDecimal d = (BigDecimal) x;
        if (d.compareTo(BigDecimal.ONE.negate()) == 0) return BigDecimal.ONE;
        absGreaterThanOne = d.abs().compareTo(BigDecimal.ONE) > 0;
      }
      return absGreaterThanOne == (sy > 0) ? PINF : BigDecimal.ZERO;
    }
    if (x == PINF) return sy > 0 ? PINF : BigDecimal.ZERO;
    if (sy < 0) return BigDecimal.ZERO;
    BigDecimal e = (BigDecimal) y;
    boolean oddInteger = integral(e) && e.toBigInteger().testBit(0);
    return oddInteger ? NINF : PINF;
  }
}
