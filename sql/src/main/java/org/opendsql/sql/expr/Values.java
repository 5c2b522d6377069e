package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.Jsonb;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;

/** PostgreSQL value semantics over the Java value classes of {@link PgType}. */
public final class Values {
  private Values() {}

  /** Type categories: TIME holds date and timestamps, TIMEOFDAY time and timetz, TIMESPAN interval. */
  public enum Category { NUMBER, STRING, BOOL, TIME, TIMEOFDAY, TIMESPAN, UUID, BYTES, RECORD, UNKNOWN, ARRAY, JSON, OTHER }

  public static Category category(PgType t) {
    return switch (t) {
      case INT2, INT4, INT8, OID, NUMERIC, FLOAT4, FLOAT8, REGPROC, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE -> Category.NUMBER;
      case TEXT, VARCHAR, BPCHAR, NAME, CHAR -> Category.STRING;
      case UNKNOWN -> Category.UNKNOWN;
      case BOOL -> Category.BOOL;
      case DATE, TIMESTAMP, TIMESTAMPTZ -> Category.TIME;
      case TIME, TIMETZ -> Category.TIMEOFDAY;
      case INTERVAL -> Category.TIMESPAN;
      case UUID -> Category.UUID;
      case BYTEA -> Category.BYTES;
      case RECORD -> Category.RECORD;
      case VOID -> Category.OTHER;
      case JSON, JSONB -> Category.JSON;
      case BOOL_ARRAY, BYTEA_ARRAY, NAME_ARRAY, INT2_ARRAY, INT4_ARRAY, TEXT_ARRAY, BPCHAR_ARRAY, VARCHAR_ARRAY,
          INT8_ARRAY, FLOAT4_ARRAY, FLOAT8_ARRAY, OID_ARRAY, TIMESTAMP_ARRAY, DATE_ARRAY, TIMESTAMPTZ_ARRAY,
          NUMERIC_ARRAY, UUID_ARRAY, JSON_ARRAY, JSONB_ARRAY, RECORD_ARRAY -> Category.ARRAY;
    };
  }

  /** Promotion order for arithmetic and mixed comparisons. */
  static int rank(PgType t) {
    return switch (t) {
      case INT2 -> 0;
      case INT4 -> 1;
      case INT8, OID, REGPROC, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE -> 2;
      case NUMERIC -> 3;
      case FLOAT4 -> 4;
      case FLOAT8 -> 5;
      default -> -1;
    };
  }

  public static PgType promote(PgType a, PgType b) {
    return rank(a) >= rank(b) ? a : b;
  }

  /** Orders two non-null values of comparable types (callers checked comparability at bind time). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (isIntegral(x) && isIntegral(y)) return Long.compare(x.longValue(), y.longValue());
      if (x instanceof NumericSpecial || y instanceof NumericSpecial) {
        if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
          return compareDouble(x.doubleValue(), y.doubleValue());
        }
        return Integer.compare(x instanceof NumericSpecial s ? s.rank() : 0, y instanceof NumericSpecial s ? s.rank() : 0);
      }
      if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
        return compareDouble(x.doubleValue(), y.doubleValue());
      }
      return toBig(x).compareTo(toBig(y));
    }
    if (a instanceof String x && b instanceof String y) return compareStrings(x, y);
    if (a instanceof UUID x && b instanceof UUID y) {
      int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
      return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    }
    if (a instanceof byte[] x && b instanceof byte[] y) return java.util.Arrays.compareUnsigned(x, y);
    if (a instanceof org.opendsql.core.types.RecordValue x && b instanceof org.opendsql.core.types.RecordValue y) {
      return compareRecords(x, y);
    }
    if (a instanceof PgArray x && b instanceof PgArray y) return compareArrays(x, y);
    if (a instanceof Jsonb x && b instanceof Jsonb y) return JsonbOps.compare(x, y);
    if (isTemporal(a) && isTemporal(b)) {
      if (a instanceof LocalDate x && b instanceof LocalDate y) return x.compareTo(y);
      return toInstant(a).compareTo(toInstant(b));
    }
    if (a instanceof OffsetTime x && b instanceof OffsetTime y) return compareTimetz(x, y);
    return ((Comparable) a).compareTo(b);
  }

  /** Records order field by field, a NULL field after any value (btree record_cmp), a shorter record first. */
  private static int compareRecords(org.opendsql.core.types.RecordValue x, org.opendsql.core.types.RecordValue y) {
    int n = Math.min(x.values().size(), y.values().size());
    for (int i = 0; i < n; i++) {
      Object a = x.values().get(i);
      Object b = y.values().get(i);
      if (a == null || b == null) {
        if (a == b) continue;
        return a == null ? 1 : -1;
      }
      int c = compare(a, b);
      if (c != 0) return c;
    }
    return Integer.compare(x.values().size(), y.values().size());
  }

  /**
   * array_cmp: element by element (a NULL element sorts after any value, and equals another
   * NULL), then the shorter array first, then fewer dimensions, then smaller dimensions and
   * lower bounds; so arrays are equal only with equal elements and equal shape.
   */
  static int compareArrays(PgArray x, PgArray y) {
    int n = Math.min(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      Object a = x.get(i);
      Object b = y.get(i);
      if (a == null || b == null) {
        if (a == null && b == null) continue;
        return a == null ? 1 : -1;
      }
      int c = compare(a, b);
      if (c != 0) return c;
    }
    if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
    if (x.ndims() != y.ndims()) return Integer.compare(x.ndims(), y.ndims());
    for (int d = 0; d < x.ndims(); d++) {
      if (x.dim(d) != y.dim(d)) return Integer.compare(x.dim(d), y.dim(d));
    }
    for (int d = 0; d < x.ndims(); d++) {
      if (x.lbound(d) != y.lbound(d)) return Integer.compare(x.lbound(d), y.lbound(d));
    }
    return 0;
  }

  /** PostgreSQL orders NaN above every other number and treats -0 as 0. */
  private static int compareDouble(double x, double y) {
    if (Double.isNaN(x) || Double.isNaN(y)) return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
    return x == y ? 0 : (x < y ? -1 : 1);
  }

  /** Code point order, which is UTF-8 byte order: the C collation, and the key order. */
  public static int compareStrings(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int cx = x.codePointAt(i);
      int cy = y.codePointAt(j);
      if (cx != cy) return Integer.compare(cx, cy);
      i += Character.charCount(cx);
      j += Character.charCount(cy);
    }
    return Boolean.compare(i < x.length(), j < y.length());
  }

  /**
   * timetz_cmp: by the UTC time of day, then by zone, a zone further west (a smaller offset)
   * sorting higher: 10:00+02 sorts before 08:00+00.
   */
  static int compareTimetz(OffsetTime x, OffsetTime y) {
    long ux = PgTemporal.timeMicros(x.toLocalTime()) - x.getOffset().getTotalSeconds() * 1_000_000L;
    long uy = PgTemporal.timeMicros(y.toLocalTime()) - y.getOffset().getTotalSeconds() * 1_000_000L;
    if (ux != uy) return Long.compare(ux, uy);
    return Integer.compare(y.getOffset().getTotalSeconds(), x.getOffset().getTotalSeconds());
  }

  static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof org.opendsql.core.types.RegValue;
  }

  static boolean isTemporal(Object o) {
    return o instanceof Instant || o instanceof LocalDateTime || o instanceof LocalDate;
  }

  static Instant toInstant(Object o) {
    if (o instanceof Instant i) return i;
    if (o.equals(LocalDateTime.MAX) || o.equals(LocalDate.MAX)) return Instant.MAX;
    if (o.equals(LocalDateTime.MIN) || o.equals(LocalDate.MIN)) return Instant.MIN;
    if (o instanceof LocalDateTime l) return l.toInstant(ZoneOffset.UTC);
    return ((LocalDate) o).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /**
   * A finite number as a BigDecimal; a float as float8_numeric and float4_numeric convert it (15
   * or 6 significant digits, trailing zeros dropped). NaN and infinities fail where they are not
   * handled yet.
   */
  public static BigDecimal toBig(Number n) {
    if (n instanceof BigDecimal d) return d;
    if (isIntegral(n)) return BigDecimal.valueOf(n.longValue());
    if (n instanceof NumericSpecial) throw Errors.nonFiniteNumeric();
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw Errors.nonFiniteNumeric();
    }
    if (d == 0) return BigDecimal.ZERO;
    int digits = n instanceof Float ? 6 : 15;
    BigDecimal r = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0) : r;
  }

  /** A number as a numeric value: NaN and infinities of floats stay what they are. */
  public static Number toNumeric(Number n) {
    if (n instanceof NumericSpecial) return n;
    if (n instanceof Double || n instanceof Float) {
      NumericSpecial s = NumericSpecial.of(n.doubleValue());
      if (s != null) return s;
    }
    return toBig(n);
  }

  public static DbException outOfRange(PgType t) {
    return Errors.numericOutOfRange(integerName(t));
  }

  private static String integerName(PgType t) {
    return switch (t) {
      case INT2 -> "smallint";
      case INT4 -> "integer";
      default -> "bigint";
    };
  }

  public static Object fitInteger(long v, PgType t) {
    return switch (t) {
      case INT2 -> {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) throw outOfRange(t);
        yield (short) v;
      }
      case INT4 -> {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw outOfRange(t);
        yield (int) v;
      }
      default -> v;
    };
  }

  /**
   * Converts {@code v} of type {@code from} to {@code to}. {@code explicit} casts truncate
   * varchar(n) silently; assignments (explicit = false) refuse over-long strings with 22001.
   */
  public static Object cast(Object v, PgType from, PgType to, int typmod, boolean explicit) {
    return cast(v, from, to, typmod, explicit, ZoneOffset.UTC);
  }

  /** As {@link #cast(Object, PgType, PgType, int, boolean)}, between timestamp kinds in {@code zone}. */
  public static Object cast(Object v, PgType from, PgType to, int typmod, boolean explicit, ZoneId zone) {
    return cast(v, from, to, typmod, explicit, zone, null);
  }

  /** As {@link #cast(Object, PgType, PgType, int, boolean, ZoneId)}; {@code now} is what 'now' and 'today' read. */
  public static Object cast(Object v, PgType from, PgType to, int typmod, boolean explicit, ZoneId zone, Instant now) {
    if (v == null) return null;
    Object r = convert(v, from, to, typmod, zone, now);
    return applyTypmod(r, to, typmod, explicit);
  }

  private static Object convert(Object v, PgType from, PgType to, int typmod, ZoneId zone, Instant now) {
    if (v instanceof Jsonb j && to != PgType.TEXT && to != PgType.VARCHAR && to != PgType.BPCHAR
        && to != PgType.NAME && to != PgType.UNKNOWN) {
      return to == PgType.JSONB ? j : JsonbOps.castScalar(j, to);
    }
    if (to.isArray() && v instanceof PgArray a) {
      PgType fromElement = from.isArray() ? from.elementType() : to.elementType();
      if (fromElement == to.elementType()) return a;
      Object[] items = new Object[a.size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = a.get(i) == null ? null : convert(a.get(i), fromElement, to.elementType(), typmod, zone, now);
      }
      return PgArray.of(a.dims(), a.lbounds(), items);
    }
    if (v instanceof String s && to != PgType.TEXT && to != PgType.VARCHAR && to != PgType.BPCHAR
        && to != PgType.NAME && to != PgType.UNKNOWN) {
      return PgText.parse(to, from == PgType.BPCHAR ? StringFunctions.rtrimSpaces(s) : s, zone, typmod, now);
    }
    switch (to) {
      case TEXT, VARCHAR, NAME, UNKNOWN:
        if (from == PgType.BPCHAR && v instanceof String s) return StringFunctions.rtrimSpaces(s);
        return toText(v, from, zone);
      case BPCHAR:
        return toText(v, from, zone);
      case TIME, TIMETZ, INTERVAL:
        return DateTimeArith.convert(v, from, to, zone);
      case INT2, INT4, INT8, OID:
        if (v instanceof Boolean b && to == PgType.INT4) return b ? 1 : 0;
        if (v instanceof NumericSpecial s) {
          throw Errors.cannotConvertToInteger(s.isNaN() ? "NaN" : "infinity", integerName(to));
        }
        if (v instanceof Number n) {
          if (isIntegral(n)) return fitInteger(n.longValue(), to);
          if (n instanceof BigDecimal d) {
            BigDecimal r = d.setScale(0, RoundingMode.HALF_UP);
            if (r.unscaledValue().bitLength() > 63) throw outOfRange(to);
            return fitInteger(r.longValueExact(), to);
          }
          double d = Math.rint(n.doubleValue());
          if (Double.isNaN(d) || d < -9.223372036854776E18 || d >= 9.223372036854776E18) throw outOfRange(to);
          return fitInteger((long) d, to);
        }
        break;
      case NUMERIC:
        if (v instanceof Number n) return toNumeric(n);
        break;
      case FLOAT8:
        if (v instanceof BigDecimal d) {
          double r = d.doubleValue();
          if (Double.isInfinite(r) || (r == 0 && d.signum() != 0)) {
            throw Errors.floatInputOutOfRange(d.toPlainString(), to.sqlName());
          }
          return r;
        }
        if (v instanceof Number n) return n.doubleValue();
        break;
      case FLOAT4:
        if (v instanceof BigDecimal d) {
          float r = d.floatValue();
          if (Float.isInfinite(r) || (r == 0 && d.signum() != 0)) {
            throw Errors.floatInputOutOfRange(d.toPlainString(), to.sqlName());
          }
          return r;
        }
        if (v instanceof Double d) {
          float r = d.floatValue();
          if (Float.isInfinite(r) && !d.isInfinite()) throw Errors.floatOverflow();
          if (r == 0 && d != 0) throw Errors.floatUnderflow();
          return r;
        }
        if (v instanceof Number n) return n.floatValue();
        break;
      case BOOL:
        if (v instanceof Boolean) return v;
        if (v instanceof Integer i) return i != 0;
        break;
      case TIMESTAMPTZ, TIMESTAMP, DATE:
        return DateTimeArith.convert(v, from, to, zone);
      case UUID:
        if (v instanceof UUID) return v;
        break;
      case BYTEA:
        if (v instanceof byte[]) return v;
        break;
      default:
        break;
    }
    throw Errors.cannotCast(from.sqlName(), to.sqlName());
  }

  /** The text form a cast to text gives: as the output format, except boolean is true/false. */
  public static String toText(Object v, PgType t) {
    return toText(v, t, ZoneOffset.UTC);
  }

  /** The text a value casts to: booleans spelled out, timestamptz in the session's {@code zone}. */
  public static String toText(Object v, PgType t, ZoneId zone) {
    if (v instanceof String s) return s;
    if (v instanceof Boolean b) return b ? "true" : "false";
    return PgText.format(t, v, zone);
  }

  /**
   * A value fitted to a column's or cast's type modifier: varchar(n) and char(n) cut to n
   * characters (an assignment only where the rest is spaces, else 22001), char(n) padded with
   * spaces to n, numeric rounded to its scale, times and intervals rounded to their precision.
   */
  public static Object applyTypmod(Object v, PgType to, int typmod, boolean explicit) {
    if (typmod < 0) return v;
    if (to.isArray() && v instanceof PgArray a) {
      Object[] items = new Object[a.size()];
      for (int i = 0; i < items.length; i++) items[i] = applyTypmod(a.get(i), to.elementType(), typmod, explicit);
      return PgArray.of(a.dims(), a.lbounds(), items);
    }
    if ((to == PgType.VARCHAR || to == PgType.BPCHAR) && v instanceof String s) {
      int n = typmod - 4;
      int len = s.codePointCount(0, s.length());
      if (len <= n) return to == PgType.BPCHAR && len < n ? s + " ".repeat(n - len) : s;
      String cut = s.substring(0, s.offsetByCodePoints(0, n));
      if (explicit || s.substring(cut.length()).chars().allMatch(c -> c == ' ')) return cut;
      throw to == PgType.BPCHAR ? Errors.charTooLong(n) : Errors.stringTooLong(n);
    }
    if (to == PgType.TIME || to == PgType.TIMETZ || to == PgType.TIMESTAMP || to == PgType.TIMESTAMPTZ
        || to == PgType.INTERVAL) {
      return DateTimeArith.roundToTypmod(v, to, typmod);
    }
    if (to == PgType.NUMERIC && v instanceof NumericSpecial sp && sp.signum() != 0) {
      int m = typmod - 4;
      throw Errors.numericFieldCannotHoldInfinity(m >> 16, m & 0xFFFF);
    }
    if (to == PgType.NUMERIC && v instanceof BigDecimal d) {
      int m = typmod - 4;
      int p = m >> 16;
      int s = m & 0xFFFF;
      BigDecimal r = d.setScale(s, RoundingMode.HALF_UP);
      if (r.precision() - r.scale() > p - s && r.signum() != 0) {
        throw Errors.numericFieldOverflow(p, s);
      }
      return r;
    }
    return v;
  }

  /** PostgreSQL's type category D: the date/time types (interval is T), whose mixes are 42846, not 42804. */
  public static boolean pgDatetimeCategory(PgType t) {
    return t == PgType.DATE || t == PgType.TIME || t == PgType.TIMETZ || t == PgType.TIMESTAMP || t == PgType.TIMESTAMPTZ;
  }

  /** Whether an assignment (INSERT/UPDATE) from {@code from} into a column of {@code to} is allowed. */
  public static boolean assignable(PgType from, PgType to) {
    if (from.isArray() && to.isArray()) return assignable(from.elementType(), to.elementType());
    Category f = category(from);
    Category t = category(to);
    return f == Category.UNKNOWN || f == t || t == Category.STRING || temporalCast(from, to);
  }

  /**
   * The casts between date/time categories that pg_cast lists (implicit or assignment):
   * timestamps to time and timetz, time to interval and back.
   */
  public static boolean temporalCast(PgType from, PgType to) {
    return switch (from) {
      case TIMESTAMP -> to == PgType.TIME;
      case TIMESTAMPTZ -> to == PgType.TIME || to == PgType.TIMETZ;
      case TIME -> to == PgType.INTERVAL;
      case INTERVAL -> to == PgType.TIME;
      default -> false;
    };
  }

  /** Whether {@code a} and {@code b} can be compared (after unknown literals take the other side's type). */
  public static boolean comparable(PgType a, PgType b) {
    // json has no comparison operators at all; jsonb compares only with jsonb.
    if (a == PgType.JSON || b == PgType.JSON) return false;
    if (a.isArray() || b.isArray()) return a == b || a == PgType.UNKNOWN || b == PgType.UNKNOWN;
    Category x = category(a);
    Category y = category(b);
    if ((a == PgType.TIME && b == PgType.INTERVAL) || (a == PgType.INTERVAL && b == PgType.TIME)) return true;
    return x == y || x == Category.UNKNOWN || y == Category.UNKNOWN;
  }

  public static Object arith(char op, Object a, Object b, PgType t) {
    switch (t) {
      case INT2, INT4, INT8, OID -> {
        long x = ((Number) a).longValue();
        long y = ((Number) b).longValue();
        try {
          long r = switch (op) {
            case '+' -> Math.addExact(x, y);
            case '-' -> Math.subtractExact(x, y);
            case '*' -> Math.multiplyExact(x, y);
            case '/' -> {
              if (y == 0) throw Errors.divisionByZero();
              if (x == Long.MIN_VALUE && y == -1) throw outOfRange(t);
              yield x / y;
            }
            default -> {
              if (y == 0) throw Errors.divisionByZero();
              yield y == -1 ? 0 : x % y;
            }
          };
          return fitInteger(r, t);
        } catch (ArithmeticException e) {
          throw outOfRange(t);
        }
      }
      case NUMERIC -> {
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
          return NumericSpecials.arith(op, toNumeric((Number) a), toNumeric((Number) b));
        }
        BigDecimal x = toBig((Number) a);
        BigDecimal y = toBig((Number) b);
        return switch (op) {
          case '+' -> x.add(y);
          case '-' -> x.subtract(y);
          case '*' -> multiply(x, y);
          case '/' -> divide(x, y);
          default -> {
            if (y.signum() == 0) throw Errors.divisionByZero();
            yield x.remainder(y);
          }
        };
      }
      default -> {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        if (t == PgType.FLOAT4) return (float) checkFloat(op, x, y, (float) floatOp(op, x, y), true);
        return checkFloat(op, x, y, floatOp(op, x, y), false);
      }
    }
  }

  private static double floatOp(char op, double x, double y) {
    return switch (op) {
      case '+' -> x + y;
      case '-' -> x - y;
      case '*' -> x * y;
      case '/' -> {
        if (y == 0 && !Double.isNaN(x)) throw Errors.divisionByZero();
        yield x / y;
      }
      default -> throw Errors.internal("no float operator " + op);
    };
  }

  /** PostgreSQL's check_float8_val: an infinite result from finite inputs, or zero from non-zero ones, is 22003. */
  private static double checkFloat(char op, double x, double y, double r, boolean single) {
    boolean inf = single ? Float.isInfinite((float) r) : Double.isInfinite(r);
    if (inf && !Double.isInfinite(x) && !Double.isInfinite(y)) throw Errors.floatOverflow();
    if (r == 0 && x != 0) {
      if (op == '*' && y != 0) throw Errors.floatUnderflow();
      if (op == '/' && !Double.isInfinite(y)) throw Errors.floatUnderflow();
    }
    return r;
  }

  /** The result type of {@code a op b} for numbers: float4 mixed with anything else computes in float8. */
  public static PgType arithType(PgType a, PgType b) {
    if ((a == PgType.FLOAT4) != (b == PgType.FLOAT4)) return PgType.FLOAT8;
    PgType t = promote(a, b);
    return t == PgType.OID ? PgType.INT8 : t;
  }

  /**
   * Numeric division with PostgreSQL's result scale (select_div_scale): at least 16 significant
   * digits of the quotient as estimated from the inputs' leading base-10000 digit groups, and never
   * less than either input's scale.
   */
  public static BigDecimal divide(BigDecimal x, BigDecimal y) {
    if (y.signum() == 0) throw Errors.divisionByZero();
    int w1 = x.signum() == 0 ? 0 : weight(x);
    int w2 = weight(y);
    int qweight = w1 - w2;
    if (firstDigitGroup(x, w1) <= firstDigitGroup(y, w2)) qweight--;
    int scale = Math.max(16 - qweight * 4, Math.max(x.scale(), y.scale()));
    scale = Math.max(scale, 0);
    scale = Math.min(scale, 1000);
    return x.divide(y, scale, RoundingMode.HALF_UP);
  }

  /** The largest display scale a numeric has (NUMERIC_DSCALE_MAX). */
  private static final int MAX_DSCALE = 0x3FFF;

  /**
   * numeric_mul: the exact product, whose scale is the sum of the inputs' scales
   * ({@code 1.5e300 * 1.5e-300} has 301 decimals), rounded only past numeric's largest scale.
   */
  public static BigDecimal multiply(BigDecimal x, BigDecimal y) {
    BigDecimal r = x.multiply(y);
    if (r.scale() < 0) return r.setScale(0);
    return r.scale() > MAX_DSCALE ? r.setScale(MAX_DSCALE, RoundingMode.HALF_UP) : r;
  }

  /** Base-10000 weight of the leading digit group, as PostgreSQL's numeric stores it. */
  private static int weight(BigDecimal v) {
    BigDecimal a = v.abs();
    int digitsBeforePoint = a.precision() - a.scale();
    return Math.floorDiv(digitsBeforePoint - 1, 4);
  }

  /** The value (0..9999) of the leading base-10000 digit group; 0 for zero. */
  private static int firstDigitGroup(BigDecimal v, int weight) {
    if (v.signum() == 0) return 0;
    return v.abs().movePointLeft(4 * weight).setScale(0, RoundingMode.DOWN).intValueExact();
  }

  public static Object negate(Object v, PgType t) {
    return switch (t) {
      case INT2, INT4, INT8 -> {
        long x = ((Number) v).longValue();
        if (x == Long.MIN_VALUE) throw outOfRange(t);
        yield fitInteger(-x, t);
      }
      case NUMERIC -> v instanceof NumericSpecial sp ? sp.negate() : ((BigDecimal) v).negate();
      case FLOAT4 -> -((Float) v);
      case INTERVAL -> DateTimeArith.negate((org.opendsql.core.types.PgInterval) v);
      default -> -((Number) v).doubleValue();
    };
  }

  /** Type of an integer literal as PostgreSQL's scanner assigns it. */
  public static Object integerLiteral(String text) {
    BigInteger b = new BigInteger(text);
    if (b.bitLength() < 32) return b.intValue();
    if (b.bitLength() < 64) return b.longValue();
    return new BigDecimal(b);
  }
}
