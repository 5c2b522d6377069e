package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's math functions over Java values. Numeric results carry PostgreSQL's result scale
 * (numeric.c: at least 16 significant digits, never fewer decimals than the input), computed to
 * that scale and rounded half away from zero.
 */
public final class MathFunctions {
  private MathFunctions() {}

  private static final int MIN_SIG_DIGITS = 16;
  private static final int MAX_DISPLAY_SCALE = 1000;
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /** round(numeric, n): half away from zero; a negative n rounds left of the point, scale 0. */
  public static BigDecimal round(BigDecimal x, int n) {
    BigDecimal r = x.setScale(n, RoundingMode.HALF_UP);
    return n < 0 ? r.setScale(0) : r;
  }

  public static BigDecimal trunc(BigDecimal x, int n) {
    BigDecimal r = x.setScale(n, RoundingMode.DOWN);
    return n < 0 ? r.setScale(0) : r;
  }

  public static double trunc(double d) {
    return d < 0 ? Math.ceil(d) : Math.floor(d);
  }

  public static BigDecimal ceil(BigDecimal x) {
    return x.setScale(0, RoundingMode.CEILING);
  }

  public static BigDecimal floor(BigDecimal x) {
    return x.setScale(0, RoundingMode.FLOOR);
  }

  public static BigDecimal sign(BigDecimal x) {
    return BigDecimal.valueOf(x.signum());
  }

  public static double sign(double d) {
    return d > 0 ? 1 : d < 0 ? -1 : 0;
  }

  /** div(a, b): the integral quotient truncated toward zero. */
  public static BigDecimal div(BigDecimal x, BigDecimal y) {
    if (y.signum() == 0) throw Errors.divisionByZero();
    return x.divide(y, 0, RoundingMode.DOWN);
  }

  public static BigDecimal mod(BigDecimal x, BigDecimal y) {
    if (y.signum() == 0) throw Errors.divisionByZero();
    return x.remainder(y);
  }

  public static long mod(long x, long y) {
    if (y == 0) throw Errors.divisionByZero();
    return y == -1 ? 0 : x % y;
  }

  /** Base-10000 weight of the leading digit group, as PostgreSQL's numeric stores it (0 for zero). */
  static int weight(BigDecimal x) {
    if (x.signum() == 0) return 0;
    BigDecimal a = x.abs();
    return Math.floorDiv(a.precision() - a.scale() - 1, 4);
  }

  private static int clampScale(int rscale, BigDecimal... inputs) {
    for (BigDecimal in : inputs) rscale = Math.max(rscale, Math.max(in.scale(), 0));
    return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
  }

  /** Significant digits before the point of a value near {@code approxLog10}, plus the scale, plus guard digits. */
  private static MathContext workingPrecision(int rscale, double approxLog10) {
    int before = Math.max(1, (int) Math.ceil(approxLog10) + 1);
    return new MathContext(Math.max(before + rscale, 1) + 10, RoundingMode.HALF_EVEN);
  }

  public static double sqrt(double d) {
    if (d < 0) throw Errors.negativeSquareRoot();
    return Math.sqrt(d);
  }

  public static BigDecimal sqrt(BigDecimal x) {
    if (x.signum() < 0) throw Errors.negativeSquareRoot();
    int sweight = (weight(x) + 1) * 4 / 2 - 1;
    int rscale = clampScale(MIN_SIG_DIGITS - sweight, x);
    if (x.signum() == 0) return BigDecimal.ZERO.setScale(rscale);
    BigDecimal r = x.sqrt(workingPrecision(rscale, (x.precision() - x.scale()) / 2.0));
    return r.setScale(rscale, RoundingMode.HALF_UP);
  }

  /** glibc's cbrt (sysdeps/ieee754/dbl-64/s_cbrt.c), which PostgreSQL calls: not correctly rounded, so ported. */
  public static double cbrt(double x) {
    if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) return x + x;
    double ax = Math.abs(x);
    int adjust = 0;
    if (Math.getExponent(ax) < Double.MIN_EXPONENT) {
      ax *= 0x1p54;
      adjust = -54;
    }
    int xe = Math.getExponent(ax) + 1;
    double xm = Math.scalb(ax, -xe);
    xe += adjust;
    double u = 0.354895765043919860 + ((1.50819193781584896 + ((-2.11499494167371287 + ((2.44693122563534430
        + ((-1.83469277483613086 + (0.784932344976639262 - 0.145263899385486377 * xm) * xm) * xm)) * xm)) * xm)) * xm);
    double t2 = u * u * u;
    double ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * CBRT_FACTOR[2 + xe % 3];
    return Math.scalb(x > 0.0 ? ym : -ym, xe / 3);
  }

  private static final double CBRT2 = 1.2599210498948731648;
  private static final double SQR_CBRT2 = 1.5874010519681994748;
  private static final double[] CBRT_FACTOR = {1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2};

  public static double exp(double d) {
    double r = Math.exp(d);
    if (Double.isInfinite(r) && !Double.isInfinite(d)) throw Errors.floatOverflow();
    if (r == 0 && !Double.isInfinite(d)) throw Errors.floatUnderflow();
    return r;
  }

  public static BigDecimal exp(BigDecimal x) {
    double val = x.doubleValue();
    if (Math.abs(val) > MAX_DISPLAY_SCALE * 3) {
      if (val > 0) throw Errors.numericValueOverflow();
      return BigDecimal.ZERO.setScale(MAX_DISPLAY_SCALE);
    }
    int dweight = (int) (val * 0.434294481903252);
    int rscale = clampScale(MIN_SIG_DIGITS - dweight, x);
    return expTo(x, workingPrecision(rscale, val * 0.434294481903252)).setScale(rscale, RoundingMode.HALF_UP);
  }

  /** e^x to {@code mc}'s precision: halve x below 1/2, sum the series, square back. */
  static BigDecimal expTo(BigDecimal x, MathContext mc) {
    int k = 0;
    BigDecimal r = x;
    BigDecimal half = new BigDecimal("0.5");
    while (r.abs().compareTo(half) > 0) {
      r = r.divide(TWO);
      k++;
    }
    MathContext wc = new MathContext(mc.getPrecision() + k / 3 + 5, RoundingMode.HALF_EVEN);
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    BigDecimal eps = BigDecimal.ONE.movePointLeft(wc.getPrecision() + 2);
    for (int i = 1; term.abs().compareTo(eps) > 0; i++) {
      term = term.multiply(r, wc).divide(BigDecimal.valueOf(i), wc);
      sum = sum.add(term, wc);
    }
    for (int i = 0; i < k; i++) sum = sum.multiply(sum, wc);
    return sum.round(mc);
  }

  public static double ln(double d) {
    if (d == 0) throw Errors.logOfZero();
    if (d < 0) throw Errors.logOfNegative();
    return Math.log(d);
  }

  public static double log10(double d) {
    if (d == 0) throw Errors.logOfZero();
    if (d < 0) throw Errors.logOfNegative();
    return Math.log10(d);
  }

  /** numeric.c's estimate_ln_dweight: the decimal weight of ln(x). */
  static int lnDweight(BigDecimal x) {
    if (x.signum() <= 0) return 0;
    if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
      BigDecimal d = x.subtract(BigDecimal.ONE);
      if (d.signum() == 0) return 0;
      d = d.abs();
      return d.precision() - d.scale() - 1;
    }
    double ln = Math.log(x.doubleValue());
    if (Double.isInfinite(ln)) ln = Math.log(x.unscaledValue().doubleValue()) - x.scale() * Math.log(10);
    return (int) Math.log10(Math.abs(ln));
  }

  public static BigDecimal ln(BigDecimal x) {
    checkLogArg(x);
    int rscale = clampScale(MIN_SIG_DIGITS - lnDweight(x), x);
    return lnTo(x, new MathContext(rscale + 12, RoundingMode.HALF_EVEN)).setScale(rscale, RoundingMode.HALF_UP);
  }

  /** log(b, x) for numerics, also log(x) and log10(x) with b = 10. */
  public static BigDecimal log(BigDecimal base, BigDecimal x) {
    checkLogArg(base);
    checkLogArg(x);
    int rdweight = lnDweight(x) - lnDweight(base);
    int rscale = clampScale(MIN_SIG_DIGITS - rdweight, base, x);
    MathContext mc = new MathContext(rscale + Math.max(rdweight, 0) + 12, RoundingMode.HALF_EVEN);
    BigDecimal lb = lnTo(base, mc);
    if (lb.signum() == 0) throw Errors.divisionByZero();
    return lnTo(x, mc).divide(lb, mc).setScale(rscale, RoundingMode.HALF_UP);
  }

  private static void checkLogArg(BigDecimal x) {
    if (x.signum() == 0) throw Errors.logOfZero();
    if (x.signum() < 0) throw Errors.logOfNegative();
  }

  /** ln(x) to an absolute accuracy of about 10^-(mc precision): Newton steps on exp from a double guess. */
  static BigDecimal lnTo(BigDecimal x, MathContext mc) {
    int tens = x.precision() - x.scale() - 1;
    BigDecimal m = x.movePointLeft(tens);
    BigDecimal lnM = lnNear(m, mc);
    if (tens == 0) return lnM;
    return lnM.add(lnNear(BigDecimal.TEN, mc).multiply(BigDecimal.valueOf(tens), mc), mc);
  }

  private static BigDecimal lnNear(BigDecimal m, MathContext mc) {
    MathContext wc = new MathContext(mc.getPrecision() + 5, RoundingMode.HALF_EVEN);
    BigDecimal y = new BigDecimal(Math.log(m.doubleValue()));
    BigDecimal eps = BigDecimal.ONE.movePointLeft(wc.getPrecision());
    for (int i = 0; i < 100; i++) {
      BigDecimal ey = expTo(y, wc);
      BigDecimal step = TWO.multiply(m.subtract(ey, wc), wc).divide(m.add(ey, wc), wc);
      y = y.add(step, wc);
      if (step.abs().compareTo(eps) <= 0) break;
    }
    return y;
  }

  public static double power(double x, double y) {
    if (x == 0 && y < 0) throw Errors.zeroToNegativePower();
    if (x < 0 && y != Math.rint(y) && !Double.isInfinite(y)) throw Errors.negativeToNonIntegerPower();
    double r = Math.pow(x, y);
    if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) throw Errors.floatOverflow();
    if (r == 0 && x != 0 && !Double.isInfinite(y)) throw Errors.floatUnderflow();
    return r;
  }

  public static BigDecimal power(BigDecimal x, BigDecimal y) {
    if (x.signum() == 0 && y.signum() < 0) throw Errors.zeroToNegativePower();
    boolean integral = y.signum() == 0 || y.stripTrailingZeros().scale() <= 0;
    if (integral && y.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
      int n = y.intValueExact();
      int rscale = clampScale(MIN_SIG_DIGITS, x, y);
      if (n == 0) return BigDecimal.ONE.setScale(rscale);
      if (x.signum() == 0) return BigDecimal.ZERO.setScale(rscale);
      double digits = Math.abs(n) * Math.log10(x.abs().doubleValue());
      if (digits > 131072 * 2) throw Errors.numericValueOverflow();
      BigDecimal p = x.pow(Math.abs(n), new MathContext(Math.max((int) Math.abs(digits), 0) + rscale + 12));
      if (n < 0) p = BigDecimal.ONE.divide(p, new MathContext(rscale + Math.max((int) Math.abs(digits), 0) + 12));
      return p.setScale(rscale, RoundingMode.HALF_UP);
    }
    if (x.signum() < 0) throw Errors.negativeToNonIntegerPower();
    if (x.signum() == 0) return BigDecimal.ZERO.setScale(clampScale(MIN_SIG_DIGITS, x, y));
    double val = Math.log(x.doubleValue()) * y.doubleValue() * 0.434294481903252;
    if (Math.abs(val) > MAX_DISPLAY_SCALE * 3) {
      if (val > 0) throw Errors.numericValueOverflow();
      return BigDecimal.ZERO.setScale(MAX_DISPLAY_SCALE);
    }
    int rscale = clampScale(MIN_SIG_DIGITS - (int) val, x, y);
    MathContext mc = workingPrecision(rscale, val);
    BigDecimal lnx = lnTo(x, new MathContext(mc.getPrecision() + 5));
    return expTo(lnx.multiply(y, mc), mc).setScale(rscale, RoundingMode.HALF_UP);
  }

  /** width_bucket(operand, low, high, count) for numerics and floats alike, compared as numerics. */
  public static int widthBucket(BigDecimal x, BigDecimal lo, BigDecimal hi, int count) {
    if (count <= 0) throw Errors.widthBucketCount();
    if (lo.compareTo(hi) == 0) throw Errors.widthBucketBounds();
    if (lo.compareTo(hi) < 0) {
      if (x.compareTo(lo) < 0) return 0;
      if (x.compareTo(hi) >= 0) return Math.addExact(count, 1);
      return x.subtract(lo).multiply(BigDecimal.valueOf(count)).divide(hi.subtract(lo), 0, RoundingMode.FLOOR)
          .intValue() + 1;
    }
    if (x.compareTo(lo) > 0) return 0;
    if (x.compareTo(hi) <= 0) return Math.addExact(count, 1);
    return lo.subtract(x).multiply(BigDecimal.valueOf(count)).divide(lo.subtract(hi), 0, RoundingMode.FLOOR)
        .intValue() + 1;
  }


  /** gcd of integers of {@code type}: never negative; 2^31 (2^63) cannot be returned, so it is out of range. */
  public static long gcd(long a, long b, org.opendsql.core.types.PgType type) {
    java.math.BigInteger g = java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b));
    if (g.bitLength() > 63) throw Values.outOfRange(type);
    Values.fitInteger(g.longValue(), type);
    return g.longValue();
  }

  /** lcm of integers: |a / gcd(a, b) * b|, zero when either is zero, out of range when it does not fit. */
  public static long lcm(long a, long b, org.opendsql.core.types.PgType type) {
    if (a == 0 || b == 0) return 0;
    java.math.BigInteger x = java.math.BigInteger.valueOf(a);
    java.math.BigInteger y = java.math.BigInteger.valueOf(b);
    java.math.BigInteger r = x.divide(x.gcd(y)).multiply(y).abs();
    if (r.bitLength() > 63) throw Values.outOfRange(type);
    Values.fitInteger(r.longValue(), type);
    return r.longValue();
  }

  /** gcd of numerics, also of fractions: computed on the values scaled to the larger scale, which it keeps. */
  public static BigDecimal gcd(BigDecimal a, BigDecimal b) {
    int scale = Math.max(Math.max(a.scale(), b.scale()), 0);
    java.math.BigInteger g = a.setScale(scale).unscaledValue().gcd(b.setScale(scale).unscaledValue());
    return new BigDecimal(g, scale);
  }

  public static BigDecimal lcm(BigDecimal a, BigDecimal b) {
    int scale = Math.max(Math.max(a.scale(), b.scale()), 0);
    if (a.signum() == 0 || b.signum() == 0) return BigDecimal.ZERO.setScale(scale);
    java.math.BigInteger x = a.setScale(scale).unscaledValue();
    java.math.BigInteger y = b.setScale(scale).unscaledValue();
    return new BigDecimal(x.divide(x.gcd(y)).multiply(y).abs(), scale);
  }

  /** factorial(n): numeric, past 32177! beyond numeric's 131072 digits. */
  public static BigDecimal factorial(long n) {
    if (n < 0) throw Errors.negativeFactorial();
    if (n > 32177) throw Errors.numericValueOverflow();
    java.math.BigInteger r = java.math.BigInteger.ONE;
    for (long i = 2; i <= n; i++) r = r.multiply(java.math.BigInteger.valueOf(i));
    return new BigDecimal(r);
  }

  /** min_scale: the fewest decimals that still represent the value exactly. */
  public static int minScale(BigDecimal x) {
    if (x.signum() == 0) return 0;
    return Math.max(x.stripTrailingZeros().scale(), 0);
  }

  /** trim_scale: the value with its trailing fractional zeros removed. */
  public static BigDecimal trimScale(BigDecimal x) {
    return x.setScale(minScale(x));
  }
}
