package org.opendsql.sql.exec;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.DateTimeArith;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.plan.Plan;
import org.opendsql.sql.expr.JsonFunctions;

/**
 * The running state of one aggregate call over one group, with PostgreSQL's transition and final
 * functions: {@link #add} takes one input row's argument values (already filtered, sorted and
 * deduplicated), {@link #result} the aggregate's value. Usable on its own (a window frame, a
 * partial aggregate) as well as through {@link Aggregator}.
 */
abstract class AggState {
  /** Strict aggregates skip an input row with any NULL argument (all but string_agg and count of a row). */
  abstract void add(Object[] args);

  abstract Object result();

  static AggState of(Plan.AggCall c, java.time.ZoneId zone) {
    PgType in = c.arg() == null ? null : c.arg().type();
    PgType out = c.type();
    return switch (c.kind()) {
      case "count" -> c.args().size() > 1 ? new CountRows() : new Count();
      case "sum" -> switch (out) {
        case INTERVAL -> new IntervalSum(false);
        case INT8 -> new SumLong();
        case FLOAT4 -> new SumFloat4();
        case FLOAT8 -> new SumFloat8();
        default -> new SumNumeric();
      };
      case "avg" -> in == PgType.INTERVAL ? new IntervalSum(true)
          : in == PgType.FLOAT4 || in == PgType.FLOAT8 ? new FloatStats(c.kind()) : new NumericStats(c.kind());
      case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop" ->
          in == PgType.FLOAT4 || in == PgType.FLOAT8 ? new FloatStats(c.kind()) : new NumericStats(c.kind());
      case "corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2",
          "regr_slope", "regr_sxx", "regr_sxy", "regr_syy" -> new Regression(c.kind());
      case "array_agg" -> new ArrayAgg(in != null && in.isArray());
      case "min" -> new MinMax(-1);
      case "max" -> new MinMax(1);
      case "bool_and", "every" -> new BoolAgg(true);
      case "bool_or" -> new BoolAgg(false);
      case "bit_and", "bit_or", "bit_xor" -> new BitAgg(c.kind(), out);
      case "string_agg" -> in == PgType.BYTEA ? new BytesAgg() : new StringAgg();
      case "percentile_cont", "percentile_disc" -> new Percentile(c.kind().equals("percentile_cont"));
      case "mode" -> new Mode();
      case "json_agg", "jsonb_agg" -> new JsonAgg(new JsonFunctions.Agg(c.kind().startsWith("jsonb"), in), zone);
      case "json_object_agg", "jsonb_object_agg" -> new JsonObjectAgg(
          new JsonFunctions.ObjectAgg(c.kind().startsWith("jsonb"), in, c.args().get(1).type()), zone);
      default -> throw Errors.unsupported("aggregate " + c.kind());
    };
  }

  /** A value fixed before any input: grouping(...) of a grouping set. */
  static final class Constant extends AggState {
    private final Object value;

    Constant(Object value) {
      this.value = value;
    }

    @Override void add(Object[] args) {}

    @Override Object result() { return value; }
  }

  // ---------------------------------------------------------------- count, sum, min/max

  static final class Count extends AggState {
    long n;

    @Override void add(Object[] args) {
      if (args.length == 0 || args[0] != null) n++;
    }

    @Override Object result() { return n; }
  }

  /** {@code count((a, b))}: a row value is never NULL, whatever its fields. */
  static final class CountRows extends AggState {
    long n;

    @Override void add(Object[] args) { n++; }

    @Override Object result() { return n; }
  }

  /** sum(interval) field by field; avg(interval) divides it by the count as interval_div does. */
  static final class IntervalSum extends AggState {
    final boolean average;
    PgInterval sum = PgInterval.ZERO;
    long n;

    IntervalSum(boolean average) {
      this.average = average;
    }

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      sum = DateTimeArith.add(sum, (PgInterval) args[0]);
      n++;
    }

    @Override Object result() {
      if (n == 0) return null;
      return average ? DateTimeArith.average(sum, n) : sum;
    }
  }

  static final class SumLong extends AggState {
    long sum;
    boolean any;

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      sum = Math.addExact(sum, ((Number) args[0]).longValue());
      any = true;
    }

    @Override Object result() { return any ? sum : null; }
  }

  static final class SumNumeric extends AggState {
    BigDecimal sum;
    final Specials specials = new Specials();

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      if (specials.add(args[0])) return;
      BigDecimal v = Values.toBig((Number) args[0]);
      sum = sum == null ? v : sum.add(v);
    }

    @Override Object result() { return specials.any() ? specials.sum() : sum; }
  }

  /** numeric_accum's counts of NaN, +Infinity and -Infinity inputs, which decide a sum or average. */
  static final class Specials {
    long nan;
    long posInf;
    long negInf;

    /** Counts {@code v} if it is special; false for a finite value. */
    boolean add(Object v) {
      if (v instanceof NumericSpecial s) {
        if (s.isNaN()) nan++;
        else if (s.signum() > 0) posInf++;
        else negInf++;
        return true;
      }
      return false;
    }

    boolean any() {
      return nan + posInf + negInf > 0;
    }

    /** The sum (or average) of inputs among which some were special. */
    NumericSpecial sum() {
      if (nan > 0 || (posInf > 0 && negInf > 0)) return NumericSpecial.NAN;
      return posInf > 0 ? NumericSpecial.POSITIVE_INFINITY : NumericSpecial.NEGATIVE_INFINITY;
    }
  }

  /** float4pl: the sum is kept in single precision, as PostgreSQL does. */
  static final class SumFloat4 extends AggState {
    float sum;
    boolean any;

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      float v = ((Number) args[0]).floatValue();
      if (!any) {
        sum = v;
        any = true;
        return;
      }
      float r = sum + v;
      if (Float.isInfinite(r) && !Float.isInfinite(sum) && !Float.isInfinite(v)) throw Errors.floatOverflow();
      sum = r;
    }

    @Override Object result() { return any ? sum : null; }
  }

  static final class SumFloat8 extends AggState {
    double sum;
    boolean any;

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      double v = ((Number) args[0]).doubleValue();
      if (!any) {
        sum = v;
        any = true;
        return;
      }
      double r = sum + v;
      if (Double.isInfinite(r) && !Double.isInfinite(sum) && !Double.isInfinite(v)) throw Errors.floatOverflow();
      sum = r;
    }

    @Override Object result() { return any ? sum : null; }
  }

  static final class MinMax extends AggState {
    final int sign;
    Object best;

    MinMax(int sign) { this.sign = sign; }

    @Override void add(Object[] args) {
      Object v = args[0];
      if (v == null) return;
      if (best == null || Values.compare(v, best) * sign > 0) best = v;
    }

    @Override Object result() { return best; }
  }

  // ---------------------------------------------------------------- bool, bit, string_agg

  static final class BoolAgg extends AggState {
    final boolean and;
    Boolean acc;

    BoolAgg(boolean and) { this.and = and; }

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      boolean v = (Boolean) args[0];
      acc = acc == null ? v : (and ? acc && v : acc || v);
    }

    @Override Object result() { return acc; }
  }

  static final class BitAgg extends AggState {
    final String kind;
    final PgType type;
    Long acc;

    BitAgg(String kind, PgType type) {
      this.kind = kind;
      this.type = type;
    }

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      long v = ((Number) args[0]).longValue();
      if (acc == null) acc = v;
      else acc = switch (kind) {
        case "bit_and" -> acc & v;
        case "bit_or" -> acc | v;
        default -> acc ^ v;
      };
    }

    @Override Object result() { return acc == null ? null : Values.fitInteger(acc, type); }
  }

  /**
   * array_agg: every input, NULLs included, in the order fed; arrays stack into one dimension more
   * and must all have the shape of the first (no NULL or empty ones). NULL over no rows.
   */
  static final class ArrayAgg extends AggState {
    final boolean ofArrays;
    final List<Object> values = new ArrayList<>();
    PgArray first;

    ArrayAgg(boolean ofArrays) { this.ofArrays = ofArrays; }

    @Override void add(Object[] args) {
      Object v = args[0];
      if (ofArrays) {
        if (v == null) throw Errors.cannotAccumulateNullArrays();
        PgArray a = (PgArray) v;
        if (first == null) {
          if (a.isEmpty()) throw Errors.cannotAccumulateEmptyArrays();
          first = a;
        } else if (!java.util.Arrays.equals(first.dims(), a.dims())) {
          throw Errors.cannotAccumulateDifferentDimensions();
        }
      }
      values.add(v);
    }

    @Override Object result() {
      if (values.isEmpty()) return null;
      return ofArrays ? org.opendsql.sql.expr.ArrayExprs.stack(values) : PgArray.of(values);
    }
  }

  /** json_agg and jsonb_agg: NULL inputs are JSON nulls, no input is SQL NULL. */
  static final class JsonAgg extends AggState {
    final JsonFunctions.Agg agg;
    final java.time.ZoneId zone;

    JsonAgg(JsonFunctions.Agg agg, java.time.ZoneId zone) {
      this.agg = agg;
      this.zone = zone;
    }

    @Override void add(Object[] args) { agg.add(args[0], zone); }

    @Override Object result() { return agg.result(); }
  }

  static final class JsonObjectAgg extends AggState {
    final JsonFunctions.ObjectAgg agg;
    final java.time.ZoneId zone;

    JsonObjectAgg(JsonFunctions.ObjectAgg agg, java.time.ZoneId zone) {
      this.agg = agg;
      this.zone = zone;
    }

    @Override void add(Object[] args) { agg.add(args[0], args[1], zone); }

    @Override Object result() { return agg.result(); }
  }

  /** Each value after the first is preceded by its own row's delimiter (none if that is NULL). */
  static final class StringAgg extends AggState {
    StringBuilder sb;

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      if (sb == null) sb = new StringBuilder();
      else if (args[1] != null) sb.append((String) args[1]);
      sb.append((String) args[0]);
    }

    @Override Object result() { return sb == null ? null : sb.toString(); }
  }

  static final class BytesAgg extends AggState {
    ByteArrayOutputStream out;

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      if (out == null) out = new ByteArrayOutputStream();
      else if (args[1] != null) out.writeBytes((byte[]) args[1]);
      out.writeBytes((byte[]) args[0]);
    }

    @Override Object result() { return out == null ? null : out.toByteArray(); }
  }

  // ---------------------------------------------------------------- avg, variance, stddev

  /** float8_accum (Youngs-Cramer) and its final functions, exactly as PostgreSQL computes them. */
  static final class FloatStats extends AggState {
    final String kind;
    double n;
    double sx;
    double sxx;

    FloatStats(String kind) { this.kind = kind; }

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      double v = ((Number) args[0]).doubleValue();
      double n0 = n;
      double sx0 = sx;
      n += 1.0;
      sx += v;
      if (n0 > 0.0) {
        double tmp = v * n - sx;
        sxx += tmp * tmp / (n * n0);
        if (Double.isInfinite(sx) || Double.isInfinite(sxx)) {
          if (!Double.isInfinite(sx0) && !Double.isInfinite(v)) throw Errors.floatOverflow();
          sxx = Double.NaN;
        }
      } else if (Double.isNaN(v) || Double.isInfinite(v)) {
        sxx = Double.NaN;
      }
    }

    @Override Object result() {
      switch (kind) {
        case "avg":
          return n == 0.0 ? null : sx / n;
        case "var_pop":
          return n == 0.0 ? null : sxx / n;
        case "stddev_pop":
          return n == 0.0 ? null : Math.sqrt(sxx / n);
        case "stddev", "stddev_samp":
          return n <= 1.0 ? null : Math.sqrt(sxx / (n - 1.0));
        default:
          return n <= 1.0 ? null : sxx / (n - 1.0);
      }
    }
  }

  /**
   * float8_regr_accum (Youngs-Cramer over pairs Y, X: rows with either NULL are skipped) and the
   * final functions of corr, covar_*, regr_*, exactly as PostgreSQL computes them.
   */
  static final class Regression extends AggState {
    final String kind;
    double n;
    double sx;
    double sxx;
    double sy;
    double syy;
    double sxy;

    Regression(String kind) { this.kind = kind; }

    @Override void add(Object[] args) {
      if (args[0] == null || args[1] == null) return;
      double y = ((Number) args[0]).doubleValue();
      double x = ((Number) args[1]).doubleValue();
      double n0 = n;
      double sx0 = sx;
      double sy0 = sy;
      n += 1.0;
      sx += x;
      sy += y;
      if (n0 > 0.0) {
        double tmpX = x * n - sx;
        double tmpY = y * n - sy;
        double scale = 1.0 / (n * n0);
        sxx += tmpX * tmpX * scale;
        syy += tmpY * tmpY * scale;
        sxy += tmpX * tmpY * scale;
        if (Double.isInfinite(sx) || Double.isInfinite(sxx) || Double.isInfinite(sy) || Double.isInfinite(syy)
            || Double.isInfinite(sxy)) {
          if (((Double.isInfinite(sx) || Double.isInfinite(sxx)) && !Double.isInfinite(sx0) && !Double.isInfinite(x))
              || ((Double.isInfinite(sy) || Double.isInfinite(syy)) && !Double.isInfinite(sy0) && !Double.isInfinite(y))
              || (Double.isInfinite(sxy) && !Double.isInfinite(sx0) && !Double.isInfinite(x)
                  && !Double.isInfinite(sy0) && !Double.isInfinite(y))) {
            throw Errors.floatOverflow();
          }
          if (Double.isInfinite(sxx)) sxx = Double.NaN;
          if (Double.isInfinite(syy)) syy = Double.NaN;
          if (Double.isInfinite(sxy)) sxy = Double.NaN;
        }
      } else {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
          sxx = Double.NaN;
          sxy = Double.NaN;
        }
        if (Double.isNaN(y) || Double.isInfinite(y)) {
          syy = Double.NaN;
          sxy = Double.NaN;
        }
      }
    }

    @Override Object result() {
      if (kind.equals("regr_count")) return (long) n;
      if (n < 1.0) return null;
      switch (kind) {
        case "regr_sxx": return sxx;
        case "regr_syy": return syy;
        case "regr_sxy": return sxy;
        case "regr_avgx": return sx / n;
        case "regr_avgy": return sy / n;
        case "covar_pop": return sxy / n;
        case "covar_samp": return n < 2.0 ? null : sxy / (n - 1.0);
        case "corr": return sxx == 0 || syy == 0 ? null : sxy / Math.sqrt(sxx * syy);
        case "regr_r2":
          if (sxx == 0) return null;
          return syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
        case "regr_slope": return sxx == 0 ? null : sxy / sxx;
        default: return sxx == 0 ? null : (sy - sx * sxy / sxx) / n;
      }
    }
  }

  /** numeric_accum and numeric_avg / numeric_stddev_internal with PostgreSQL's result scales. */
  static final class NumericStats extends AggState {
    final String kind;
    long n;
    BigDecimal sx = BigDecimal.ZERO;
    BigDecimal sxx = BigDecimal.ZERO;

    NumericStats(String kind) { this.kind = kind; }

    final Specials specials = new Specials();

    @Override void add(Object[] args) {
      if (args[0] == null) return;
      n++;
      if (specials.add(args[0])) return;
      BigDecimal v = Values.toBig((Number) args[0]);
      sx = sx.add(v);
      if (!kind.equals("avg")) sxx = sxx.add(v.multiply(v));
    }

    @Override Object result() {
      if (kind.equals("avg")) {
        if (n == 0) return null;
        return specials.any() ? specials.sum() : NumericAgg.divide(sx, BigDecimal.valueOf(n));
      }
      boolean sample = !kind.endsWith("_pop");
      if (n == 0 || (n == 1 && sample)) return null;
      if (specials.any()) return NumericSpecial.NAN;
      boolean variance = kind.startsWith("var");
      return NumericAgg.stddev(n, sx, sxx, sample, variance);
    }
  }

  // ---------------------------------------------------------------- ordered-set aggregates

  /** percentile_cont / percentile_disc: args {@code [fraction, sorted value]}, fed in sort order. */
  static final class Percentile extends AggState {
    final boolean cont;
    final List<Object> values = new ArrayList<>();
    Object fraction;

    Percentile(boolean cont) { this.cont = cont; }

    @Override void add(Object[] args) {
      fraction = args[0];
      if (args[1] != null) values.add(args[1]);
    }

    @Override Object result() {
      if (values.isEmpty() || fraction == null) return null;
      double p = ((Number) fraction).doubleValue();
      if (p < 0 || p > 1 || Double.isNaN(p)) throw Errors.percentileOutOfRange(p);
      int n = values.size();
      if (!cont) {
        // The first value whose position reaches p * n (1-based), as percentile_disc_final.
        long row = (long) Math.ceil(p * n);
        int idx = (int) Math.max(row, 1) - 1;
        return values.get(idx);
      }
      double first = p * (n - 1);
      long lo = (long) Math.floor(first);
      long hi = (long) Math.ceil(first);
      double a = ((Number) values.get((int) lo)).doubleValue();
      if (lo == hi) return a;
      double b = ((Number) values.get((int) hi)).doubleValue();
      return a + (first - lo) * (b - a);
    }
  }

  /** mode(): the most frequent value; of equally frequent ones, the first in sort order. */
  static final class Mode extends AggState {
    Object best;
    long bestCount;
    Object run;
    long runCount;

    @Override void add(Object[] args) {
      Object v = args[args.length - 1];
      if (v == null) return;
      if (run != null && Values.compare(run, v) == 0) {
        runCount++;
      } else {
        run = v;
        runCount = 1;
      }
      if (runCount > bestCount) {
        best = run;
        bestCount = runCount;
      }
    }

    @Override Object result() { return best; }
  }

  /** PostgreSQL's numeric arithmetic for aggregate final functions. */
  static final class NumericAgg {
    private NumericAgg() {}

    /** numeric division with select_div_scale's result scale, rounded half away from zero. */
    static BigDecimal divide(BigDecimal x, BigDecimal y) {
      if (y.signum() == 0) throw Errors.divisionByZero();
      return x.divide(y, divScale(x, y), RoundingMode.HALF_UP);
    }

    static int divScale(BigDecimal x, BigDecimal y) {
      int w1 = weight(x);
      int w2 = weight(y);
      int qweight = w1 - w2;
      if (firstDigit(x, w1) <= firstDigit(y, w2)) qweight--;
      int rscale = 16 - qweight * 4;
      rscale = Math.max(rscale, Math.max(x.scale(), 0));
      rscale = Math.max(rscale, Math.max(y.scale(), 0));
      return Math.min(Math.max(rscale, 0), 1000);
    }

    /** Base-10000 weight of the first non-zero digit (0 for zero). */
    static int weight(BigDecimal x) {
      if (x.signum() == 0) return 0;
      int e = x.precision() - x.scale() - 1;
      return Math.floorDiv(e, 4);
    }

    static int firstDigit(BigDecimal x, int weight) {
      if (x.signum() == 0) return 0;
      return x.abs().movePointLeft(4 * weight).setScale(0, RoundingMode.DOWN).intValue();
    }

    static BigDecimal stddev(long n, BigDecimal sumX, BigDecimal sumX2, boolean sample, boolean variance) {
      BigDecimal vN = BigDecimal.valueOf(n);
      BigDecimal numerator = vN.multiply(sumX2).subtract(sumX.multiply(sumX));
      if (numerator.signum() <= 0) return BigDecimal.ZERO;
      // Exact: PostgreSQL's scale for these products, twice the inputs' largest scale.
      numerator = numerator.setScale(Math.max(sumX.scale(), 0) * 2, RoundingMode.HALF_UP);
      BigDecimal denominator = sample ? vN.multiply(BigDecimal.valueOf(n - 1)) : vN.multiply(vN);
      int rscale = divScale(numerator, denominator);
      BigDecimal q = numerator.divide(denominator, rscale, RoundingMode.HALF_UP);
      if (variance) return q;
      if (q.signum() == 0) return q;
      int digits = q.precision() - q.scale();
      BigDecimal r = q.sqrt(new MathContext(Math.max(digits, 1) / 2 + rscale + 10, RoundingMode.DOWN));
      return r.setScale(rscale, RoundingMode.HALF_UP);
    }
  }
}
