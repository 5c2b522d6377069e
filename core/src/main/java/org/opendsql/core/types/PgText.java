package org.opendsql.core.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's text format for every {@link PgType}: what a server prints in a text-format
 * DataRow, and what it accepts as input for a literal or a text-format parameter, with DateStyle
 * ISO. A timestamptz prints in the session's time zone ({@code 2024-01-02 08:34:05.123+05:30}), and
 * timestamptz input without an offset or zone name is read in it.
 */
public final class PgText {
  private PgText() {}

  /** Text form of a non-null value of type {@code t}, timestamps with time zone shown in UTC. */
  public static String format(PgType t, Object v) {
    return format(t, v, ZoneOffset.UTC);
  }

  /** Text form of a non-null value of type {@code t}, timestamps with time zone shown in {@code zone}. */
  public static String format(PgType t, Object v, ZoneId zone) {
    if (t.isArray()) return ArrayText.format(t.elementType(), (PgArray) v, zone);
    switch (t) {
      case BOOL:
        return ((Boolean) v) ? "t" : "f";
      case FLOAT4:
        return formatFloat(((Number) v).floatValue());
      case FLOAT8:
        return formatDouble(((Number) v).doubleValue());
      case NUMERIC:
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
      case TIMESTAMPTZ:
        return DateTimeText.timestamptz((Instant) v, zone);
      case TIMESTAMP:
        return DateTimeText.timestamp((LocalDateTime) v);
      case DATE:
        return DateTimeText.date((LocalDate) v);
      case TIME:
        return DateTimeText.time((LocalTime) v);
      case TIMETZ:
        return DateTimeText.timetz((OffsetTime) v);
      case INTERVAL:
        return DateTimeText.interval((PgInterval) v);
      case BYTEA:
        return "\\x" + HexFormat.of().formatHex((byte[]) v);
      case RECORD:
        return ((RecordValue) v).text(zone);
      case JSONB:
        return JsonbText.format((Jsonb) v);
      default:
        return v.toString();
    }
  }

  /**
   * float8out with extra_float_digits above 0 (the default): the shortest decimal that reads back
   * as the same double, fixed notation for decimal exponents -4 to 14, else {@code 1.5e+20}.
   */
  public static String formatDouble(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == 0) return 1 / d < 0 ? "-0" : "0";
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return layout(shortest(new BigDecimal(d), 17, r -> r.doubleValue() == d), 15);
  }

  /** float4out: as {@link #formatDouble} with 9 digits at most and fixed notation up to exponent 5. */
  public static String formatFloat(float f) {
    if (Float.isNaN(f)) return "NaN";
    if (Float.isInfinite(f)) return f > 0 ? "Infinity" : "-Infinity";
    if (f == 0) return 1 / f < 0 ? "-0" : "0";
    if (f == Math.rint(f) && Math.abs(f) < 1e6f) return Long.toString((long) f);
    return layout(shortest(new BigDecimal(f), 9, r -> r.floatValue() == f), 6);
  }

  private static BigDecimal shortest(BigDecimal exact, int maxDigits, java.util.function.Predicate<BigDecimal> readsBack) {
    for (int p = 1; p < maxDigits; p++) {
      BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (readsBack.test(nearest)) return nearest;
      BigDecimal other = exact.round(new MathContext(p, exact.signum() > 0 ? RoundingMode.UP : RoundingMode.DOWN));
      if (other.compareTo(nearest) == 0) other = exact.round(new MathContext(p, RoundingMode.DOWN));
      if (readsBack.test(other)) return other;
    }
    return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
  }

  /** %g-style layout of {@code v}: fixed for decimal exponents in [-4, fixedBelow), else d.ddde+XX. */
  private static String layout(BigDecimal v, int fixedBelow) {
    BigDecimal bd = v.stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1;
    if (exp >= -4 && exp < fixedBelow) return bd.toPlainString();
    String digits = bd.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder();
    if (bd.signum() < 0) sb.append('-');
    sb.append(digits.charAt(0));
    if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
    sb.append('e').append(exp < 0 ? '-' : '+');
    if (Math.abs(exp) < 10) sb.append('0');
    sb.append(Math.abs(exp));
    return sb.toString();
  }

  /** Parses PostgreSQL text input for type {@code t}; bad input is 22P02 (or 22007/22003). */
  public static Object parse(PgType t, String s) {
    return parse(t, s, ZoneOffset.UTC);
  }

  /** As {@link #parse(PgType, String)}, reading a timestamptz without offset or zone in {@code zone}. */
  public static Object parse(PgType t, String s, ZoneId zone) {
    return parse(t, s, zone, -1);
  }

  /**
   * As {@link #parse(PgType, String, ZoneId)} for a column or cast with type modifier {@code
   * typmod}: an interval's fields decide what a bare number means ({@code '1'::interval day}).
   */
  public static Object parse(PgType t, String s, ZoneId zone, int typmod) {
    return parse(t, s, zone, typmod, null);
  }

  /** As {@link #parse(PgType, String, ZoneId, int)}, with {@code now} (null: the clock) for 'now' and 'today'. */
  public static Object parse(PgType t, String s, ZoneId zone, int typmod, Instant now) {
    if (t.isArray()) return ArrayText.parse(t.elementType(), s, zone);
    switch (t) {
      case DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ, INTERVAL:
        return DateTimeInput.parse(t, s, zone, typmod, now);
      default:
        break;
    }
    try {
      switch (t) {
        case BOOL:
          return parseBool(s);
        case INT2:
          return (short) parseInteger(s, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
        case INT4:
          return (int) parseInteger(s, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
        case INT8:
        case OID:
          return parseInteger(s, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
        case FLOAT4:
          return parseFloat4(s);
        case FLOAT8:
          return parseFloat8(s);
        case NUMERIC: {
          NumericSpecial special = NumericSpecial.parse(s);
          if (special != null) return special;
          BigDecimal d = new BigDecimal(s.trim());
          return d.scale() < 0 ? d.setScale(0) : d;
        }
        case UUID:
          return parseUuid(s.trim());
        case BYTEA:
          return parseBytea(s);
        case RECORD:
          throw Errors.unsupported("input of anonymous composite types");
        case JSON:
          return JsonInput.validateJson(s);
        case JSONB:
          return JsonInput.parseJsonb(s);
        default:
          return s;
      }
    } catch (DbException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.invalidTextRepresentation(t.sqlName(), s);
    }
  }

  private static long parseInteger(String raw, long min, long max, String type) {
    String s = raw.trim();
    if (!isIntegerText(s)) throw Errors.invalidTextRepresentation(type, raw);
    try {
      long v = Long.parseLong(s);
      if (v < min || v > max) throw Errors.valueOutOfRange(raw, type);
      return v;
    } catch (NumberFormatException e) {
      throw Errors.valueOutOfRange(raw, type);
    }
  }

  /**
   * An optional sign and ASCII digits only (Long.parseLong would also take other scripts' digits,
   * which PostgreSQL refuses). A loop, not String.matches: that compiles its pattern on every call,
   * and every integer parameter of every statement comes through here.
   */
  private static boolean isIntegerText(String s) {
    int n = s.length();
    int i = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (i == n) return false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static final java.util.regex.Pattern FLOAT_TEXT =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** A special value (NaN, Infinity), or null for a number to be parsed. */
  private static Double floatSpecial(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan": case "+nan": case "-nan": return Double.NaN;
      case "infinity": case "+infinity": case "inf": case "+inf": return Double.POSITIVE_INFINITY;
      case "-infinity": case "-inf": return Double.NEGATIVE_INFINITY;
      default: return null;
    }
  }

  private static Double parseFloat8(String raw) {
    String s = raw.trim();
    Double special = floatSpecial(s);
    if (special != null) return special;
    if (!FLOAT_TEXT.matcher(s).matches()) throw Errors.invalidTextRepresentation(PgType.FLOAT8.sqlName(), raw);
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d) || (d == 0 && new BigDecimal(s).signum() != 0)) {
      throw Errors.floatInputOutOfRange(raw, PgType.FLOAT8.sqlName());
    }
    return d;
  }

  private static Float parseFloat4(String raw) {
    String s = raw.trim();
    Double special = floatSpecial(s);
    if (special != null) return special.floatValue();
    if (!FLOAT_TEXT.matcher(s).matches()) throw Errors.invalidTextRepresentation(PgType.FLOAT4.sqlName(), raw);
    float f = Float.parseFloat(s);
    if (Float.isInfinite(f) || (f == 0 && new BigDecimal(s).signum() != 0)) {
      throw Errors.floatInputOutOfRange(raw, PgType.FLOAT4.sqlName());
    }
    return f;
  }

  /** bytea input: {@code \x} hex (whitespace between digit pairs allowed) or the escape format. */
  private static byte[] parseBytea(String s) {
    if (s.startsWith("\\x")) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int i = 2;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          i++;
          continue;
        }
        int hi = hexDigit(c);
        if (i + 1 >= s.length()) throw Errors.oddHexDigits();
        int lo = hexDigit(s.charAt(i + 1));
        out.write((hi << 4) | lo);
        i += 2;
      }
      return out.toByteArray();
    }
    byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '\\') {
        out.write(in[i]);
      } else if (i + 1 < in.length && in[i + 1] == '\\') {
        out.write('\\');
        i++;
      } else if (i + 3 < in.length && isOctal(in[i + 1], '3') && isOctal(in[i + 2], '7') && isOctal(in[i + 3], '7')) {
        out.write(((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3) | (in[i + 3] - '0'));
        i += 3;
      } else {
        throw Errors.invalidByteaInput();
      }
    }
    return out.toByteArray();
  }

  private static boolean isOctal(byte b, char max) {
    return b >= '0' && b <= max;
  }

  private static int hexDigit(char c) {
    int d = Character.digit(c, 16);
    if (d < 0 || c > 'f') throw Errors.invalidHexDigit(String.valueOf(c));
    return d;
  }

  private static Boolean parseBool(String raw) {
    String s = raw.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "t": case "true": case "y": case "yes": case "on": case "1":
        return Boolean.TRUE;
      case "f": case "false": case "n": case "no": case "off": case "0":
        return Boolean.FALSE;
      default:
        throw Errors.invalidTextRepresentation(PgType.BOOL.sqlName(), raw);
    }
  }

  private static java.util.UUID parseUuid(String s) {
    String hex = s.replace("-", "");
    if (hex.startsWith("{") && hex.endsWith("}")) hex = hex.substring(1, hex.length() - 1);
    if (hex.length() != 32) throw Errors.invalidTextRepresentation(PgType.UUID.sqlName(), s);
    long hi = Long.parseUnsignedLong(hex.substring(0, 16), 16);
    long lo = Long.parseUnsignedLong(hex.substring(16), 16);
    return new java.util.UUID(hi, lo);
  }
}
