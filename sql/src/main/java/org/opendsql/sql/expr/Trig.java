package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's trigonometric and hyperbolic functions (float.c) over double precision. The C
 * library PostgreSQL calls (glibc) rounds sin, cos, tan, asin, acos and atan almost always
 * correctly, and Java's Math does not, so these are computed to 60 digits and rounded once; the
 * hyperbolic functions follow fdlibm's formulas, which glibc uses, over its exp and log. The
 * degree variants are float.c's, built to give exact answers at multiples of 30 and 45 degrees.
 */
public final class Trig {
  private Trig() {}

  private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
  private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510"
      + "58209749445923078164062862089986280348253421170679821480865132823066470938446095505822317253594081284811");
  private static final BigDecimal HALF_PI = PI.divide(BigDecimal.valueOf(2), MC);
  private static final BigDecimal EPS = BigDecimal.ONE.movePointLeft(70);
  /** Past this the 200-digit pi no longer reduces exactly; the JDK's own reduction is used. */
  private static final double REDUCTION_LIMIT = 1e100;
  private static final double RADIANS_PER_DEGREE = 0.0174532925199432957692;

  // ---------------------------------------------------------------- radians

  public static double sin(double x) {
    if (Double.isNaN(x)) return x;
    outOfRangeIfInfinite(x);
    return sinCos(x)[0].doubleValue();
  }

  public static double cos(double x) {
    if (Double.isNaN(x)) return x;
    outOfRangeIfInfinite(x);
    return sinCos(x)[1].doubleValue();
  }

  public static double tan(double x) {
    if (Double.isNaN(x)) return x;
    outOfRangeIfInfinite(x);
    BigDecimal[] sc = sinCos(x);
    if (sc[1].signum() == 0) return Double.POSITIVE_INFINITY;
    return sc[0].divide(sc[1], MC).doubleValue();
  }

  /** cot is 1.0 / tan(x) in double precision, as float.c computes it (cot(0) is Infinity). */
  public static double cot(double x) {
    return 1.0 / tan(x);
  }

  public static double asin(double x) {
    if (Double.isNaN(x)) return x;
    if (x < -1.0 || x > 1.0) throw Errors.inputOutOfRange();
    return asinExact(x).doubleValue();
  }

  public static double acos(double x) {
    if (Double.isNaN(x)) return x;
    if (x < -1.0 || x > 1.0) throw Errors.inputOutOfRange();
    return HALF_PI.subtract(asinExact(x), MC).doubleValue();
  }

  public static double atan(double x) {
    if (Double.isNaN(x)) return x;
    if (Double.isInfinite(x)) return Math.copySign(Math.PI / 2, x);
    return atanExact(new BigDecimal(x)).doubleValue();
  }

  public static double atan2(double y, double x) {
    if (Double.isNaN(y) || Double.isNaN(x)) return Double.NaN;
    if (Double.isInfinite(y) || Double.isInfinite(x) || y == 0 || x == 0) return StrictMath.atan2(y, x);
    BigDecimal a = atanExact(new BigDecimal(y).divide(new BigDecimal(x), MC));
    if (x > 0) return a.doubleValue();
    return (y > 0 ? a.add(PI, MC) : a.subtract(PI, MC)).doubleValue();
  }

  private static void outOfRangeIfInfinite(double x) {
    if (Double.isInfinite(x)) throw Errors.inputOutOfRange();
  }

  /** sin and cos of x, reduced by the nearest multiple of pi/2. */
  private static BigDecimal[] sinCos(double d) {
    if (Math.abs(d) > REDUCTION_LIMIT) {
      return new BigDecimal[] {new BigDecimal(StrictMath.sin(d)), new BigDecimal(StrictMath.cos(d))};
    }
    BigDecimal x = new BigDecimal(d);
    BigDecimal q = x.divide(HALF_PI, 0, RoundingMode.HALF_EVEN);
    BigDecimal r = x.subtract(HALF_PI.multiply(q), MC);
    int quadrant = q.remainder(BigDecimal.valueOf(4)).intValue();
    if (quadrant < 0) quadrant += 4;
    BigDecimal s = sinSeries(r);
    BigDecimal c = cosSeries(r);
    return switch (quadrant) {
      case 0 -> new BigDecimal[] {s, c};
      case 1 -> new BigDecimal[] {c, s.negate()};
      case 2 -> new BigDecimal[] {s.negate(), c.negate()};
      default -> new BigDecimal[] {c.negate(), s};
    };
  }

  private static BigDecimal sinSeries(BigDecimal x) {
    BigDecimal x2 = x.multiply(x, MC);
    BigDecimal term = x;
    BigDecimal sum = x;
    for (long k = 1; term.abs().compareTo(EPS) > 0; k++) {
      term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2 * k) * (2 * k + 1)), MC).negate();
      sum = sum.add(term, MC);
    }
    return sum;
  }

  private static BigDecimal cosSeries(BigDecimal x) {
    BigDecimal x2 = x.multiply(x, MC);
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    for (long k = 1; term.abs().compareTo(EPS) > 0; k++) {
      term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2 * k - 1) * (2 * k)), MC).negate();
      sum = sum.add(term, MC);
    }
    return sum;
  }

  private static BigDecimal asinExact(double d) {
    if (Math.abs(d) == 1.0) return d > 0 ? HALF_PI : HALF_PI.negate();
    BigDecimal x = new BigDecimal(d);
    BigDecimal root = BigDecimal.ONE.subtract(x.multiply(x, MC), MC).sqrt(MC);
    return atanExact(x.divide(root, MC));
  }

  /** atan by halving the angle until the series converges fast: atan(x) = 2 atan(x / (1 + sqrt(1 + x^2))). */
  private static BigDecimal atanExact(BigDecimal x) {
    boolean negative = x.signum() < 0;
    x = x.abs();
    boolean inverted = x.compareTo(BigDecimal.ONE) > 0;
    if (inverted) x = BigDecimal.ONE.divide(x, MC);
    int halvings = 0;
    BigDecimal limit = new BigDecimal("0.1");
    while (x.compareTo(limit) > 0) {
      x = x.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(x.multiply(x, MC), MC).sqrt(MC), MC), MC);
      halvings++;
    }
    BigDecimal x2 = x.multiply(x, MC);
    BigDecimal power = x;
    BigDecimal sum = x;
    for (long i = 1; ; i++) {
      power = power.multiply(x2, MC).negate();
      BigDecimal term = power.divide(BigDecimal.valueOf(2 * i + 1), MC);
      sum = sum.add(term, MC);
      if (term.abs().compareTo(EPS) <= 0) break;
    }
    sum = sum.multiply(BigDecimal.valueOf(1L << halvings));
    if (inverted) sum = HALF_PI.subtract(sum, MC);
    return negative ? sum.negate() : sum;
  }

  // ---------------------------------------------------------------- degrees (float.c)

  private static final double SIN_30 = sin(30.0 * RADIANS_PER_DEGREE);
  private static final double ONE_MINUS_COS_60 = 1.0 - cos(60.0 * RADIANS_PER_DEGREE);
  private static final double ASIN_0_5 = asin(0.5);
  private static final double ACOS_0_5 = acos(0.5);
  private static final double ATAN_1_0 = atan(1.0);
  private static final double TAN_45 = sindQ1(45.0) / cosdQ1(45.0);
  private static final double COT_45 = cosdQ1(45.0) / sindQ1(45.0);

  private static double sind0To30(double x) {
    return (sin(x * RADIANS_PER_DEGREE) / SIN_30) / 2.0;
  }

  private static double cosd0To60(double x) {
    double oneMinusCos = 1.0 - cos(x * RADIANS_PER_DEGREE);
    return 1.0 - (oneMinusCos / ONE_MINUS_COS_60) / 2.0;
  }

  private static double sindQ1(double x) {
    return x <= 30.0 ? sind0To30(x) : cosd0To60(90.0 - x);
  }

  private static double cosdQ1(double x) {
    return x <= 60.0 ? cosd0To60(x) : sind0To30(90.0 - x);
  }

  private static double asindQ1(double x) {
    if (x <= 0.5) return (asin(x) / ASIN_0_5) * 30.0;
    return 90.0 - (acos(x) / ACOS_0_5) * 60.0;
  }

  private static double acosdQ1(double x) {
    if (x <= 0.5) return 90.0 - (asin(x) / ASIN_0_5) * 30.0;
    return (acos(x) / ACOS_0_5) * 60.0;
  }

  public static double sind(double x) {
    if (Double.isNaN(x)) return x;
    outOfRangeIfInfinite(x);
    int sign = 1;
    x = x % 360.0;
    if (x < 0.0) {
      x = -x;
      sign = -sign;
    }
    if (x > 180.0) {
      x = 360.0 - x;
      sign = -sign;
    }
    if (x > 90.0) x = 180.0 - x;
    return sign * sindQ1(x);
  }

  public static double cosd(double x) {
    if (Double.isNaN(x)) return x;
    outOfRangeIfInfinite(x);
    int sign = 1;
    x = x % 360.0;
    if (x < 0.0) x = -x;
    if (x > 180.0) x = 360.0 - x;
    if (x > 90.0) {
      x = 180.0 - x;
      sign = -sign;
    }
    return sign * cosdQ1(x);
  }

  public static double tand(double x) {
    if (Double.isNaN(x)) return x;
    outOfRangeIfInfinite(x);
    int sign = 1;
    x = x % 360.0;
    if (x < 0.0) {
      x = -x;
      sign = -sign;
    }
    if (x > 180.0) {
      x = 360.0 - x;
      sign = -sign;
    }
    if (x > 90.0) {
      x = 180.0 - x;
      sign = -sign;
    }
    double r = sign * ((sindQ1(x) / cosdQ1(x)) / TAN_45);
    return r == 0.0 ? 0.0 : r;
  }

  public static double cotd(double x) {
    if (Double.isNaN(x)) return x;
    outOfRangeIfInfinite(x);
    int sign = 1;
    x = x % 360.0;
    if (x < 0.0) {
      x = -x;
      sign = -sign;
    }
    if (x > 180.0) {
      x = 360.0 - x;
      sign = -sign;
    }
    if (x > 90.0) {
      x = 180.0 - x;
      sign = -sign;
    }
    double r = sign * ((cosdQ1(x) / sindQ1(x)) / COT_45);
    return r == 0.0 ? 0.0 : r;
  }

  public static double asind(double x) {
    if (Double.isNaN(x)) return x;
    if (x < -1.0 || x > 1.0) throw Errors.inputOutOfRange();
    return x >= 0.0 ? asindQ1(x) : -asindQ1(-x);
  }

  public static double acosd(double x) {
    if (Double.isNaN(x)) return x;
    if (x < -1.0 || x > 1.0) throw Errors.inputOutOfRange();
    return x >= 0.0 ? acosdQ1(x) : 90.0 + asindQ1(-x);
  }

  public static double atand(double x) {
    if (Double.isNaN(x)) return x;
    return (atan(x) / ATAN_1_0) * 45.0;
  }

  public static double atan2d(double y, double x) {
    if (Double.isNaN(y) || Double.isNaN(x)) return Double.NaN;
    return (atan2(y, x) / ATAN_1_0) * 45.0;
  }

  /** degrees(x): float8_div by the constant, with its overflow and underflow checks. */
  public static double degrees(double x) {
    double r = x / RADIANS_PER_DEGREE;
    if (Double.isInfinite(r) && !Double.isInfinite(x)) throw Errors.floatOverflow();
    return r;
  }

  public static double radians(double x) {
    double r = x * RADIANS_PER_DEGREE;
    if (Double.isInfinite(r) && !Double.isInfinite(x)) throw Errors.floatOverflow();
    if (r == 0.0 && x != 0.0) throw Errors.floatUnderflow();
    return r;
  }

  // ---------------------------------------------------------------- hyperbolic (fdlibm's formulas)

  private static final double LN2 = 6.93147180559945286227e-01;
  private static final double OVERFLOW_THRESHOLD = 7.09782712893383973096e+02;

  public static double sinh(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) return x;
    double h = x < 0 ? -0.5 : 0.5;
    double ax = Math.abs(x);
    if (ax < 22) {
      if (ax < 0x1p-28) return x;
      double t = StrictMath.expm1(ax);
      if (ax < 1) return h * (2.0 * t - t * t / (t + 1.0));
      return h * (t + t / (t + 1.0));
    }
    if (ax < OVERFLOW_THRESHOLD) return h * Math.exp(ax);
    double w = Math.exp(0.5 * ax);
    return h * w * w;
  }

  public static double cosh(double x) {
    if (Double.isNaN(x)) return x;
    double ax = Math.abs(x);
    if (Double.isInfinite(x)) return ax;
    if (ax < 0.5 * LN2) {
      double t = StrictMath.expm1(ax);
      double w = 1.0 + t;
      if (ax < 0x1p-55) return w;
      return 1.0 + (t * t) / (w + w);
    }
    if (ax < 22) {
      double t = Math.exp(ax);
      return 0.5 * t + 0.5 / t;
    }
    if (ax < OVERFLOW_THRESHOLD) return 0.5 * Math.exp(ax);
    double w = Math.exp(0.5 * ax);
    return 0.5 * w * w;
  }

  public static double tanh(double x) {
    return StrictMath.tanh(x);
  }

  public static double asinh(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) return x;
    double ax = Math.abs(x);
    double w;
    if (ax < 0x1p-28) return x;
    if (ax > 0x1p28) {
      w = Math.log(ax) + LN2;
    } else if (ax > 2.0) {
      w = Math.log(2.0 * ax + 1.0 / (Math.sqrt(x * x + 1.0) + ax));
    } else {
      double t = x * x;
      w = StrictMath.log1p(ax + t / (1.0 + Math.sqrt(1.0 + t)));
    }
    return Math.copySign(w, x);
  }

  public static double acosh(double x) {
    if (x < 1.0) throw Errors.inputOutOfRange();
    if (Double.isNaN(x) || Double.isInfinite(x)) return x;
    if (x > 0x1p28) return Math.log(x) + LN2;
    if (x == 1.0) return 0.0;
    if (x > 2.0) return Math.log(2.0 * x - 1.0 / (x + Math.sqrt(x * x - 1.0)));
    double t = x - 1.0;
    return StrictMath.log1p(t + Math.sqrt(2.0 * t + t * t));
  }

  public static double atanh(double x) {
    if (x < -1.0 || x > 1.0) throw Errors.inputOutOfRange();
    if (Double.isNaN(x)) return x;
    if (x == 1.0) return Double.POSITIVE_INFINITY;
    if (x == -1.0) return Double.NEGATIVE_INFINITY;
    double ax = Math.abs(x);
    if (ax < 0x1p-28) return x;
    double t;
    if (ax < 0.5) {
      t = ax + ax;
      t = 0.5 * StrictMath.log1p(t + t * ax / (1.0 - ax));
    } else {
      t = 0.5 * StrictMath.log1p((ax + ax) / (1.0 - ax));
    }
    return Math.copySign(t, x);
  }
}
