package org.opendsql.core.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
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

  private static final DateTimeFormatter TS_OUT = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).optionalEnd()
      .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter TS_IN = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("yyyy-MM-dd")
      .optionalStart().optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm")
      .optionalStart().appendPattern(":ss").optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .optionalStart().optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HH:mm", "Z").optionalEnd()
      .optionalStart().optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HH", "Z").optionalEnd()
      .optionalStart().optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HHmm", "Z").optionalEnd()
      .toFormatter(Locale.ROOT);

  /** Text form of a non-null value of type {@code t}, timestamps with time zone shown in UTC. */
  public static String format(PgType t, Object v) {
    return format(t, v, ZoneOffset.UTC);
  }

  /** Text form of a non-null value of type {@code t}, timestamps with time zone shown in {@code zone}. */
  public static String format(PgType t, Object v, ZoneId zone) {
    switch (t) {
      case BOOL:
        return ((Boolean) v) ? "t" : "f";
      case FLOAT4:
      case FLOAT8:
        return formatDouble(((Number) v).doubleValue());
      case NUMERIC:
        return ((BigDecimal) v).toPlainString();
      case TIMESTAMPTZ: {
        ZonedDateTime z = ((Instant) v).atZone(zone);
        return TS_OUT.format(z.toLocalDateTime()) + TimeZones.offsetText(z.getOffset().getTotalSeconds());
      }
      case TIMESTAMP:
        return TS_OUT.format((LocalDateTime) v);
      case DATE:
        return v.toString();
      case BYTEA:
        return "\\x" + HexFormat.of().formatHex((byte[]) v);
      default:
        return v.toString();
    }
  }

  private static String formatDouble(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    String s = Double.toString(d);
    if (s.contains("E")) {
      BigDecimal bd = new BigDecimal(s);
      int exp = bd.precision() - bd.scale() - 1;
      if (exp >= -4 && exp < 15) return bd.toPlainString();
      String mant = bd.movePointLeft(exp).stripTrailingZeros().toPlainString();
      return mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }
    return s;
  }

  /** Parses PostgreSQL text input for type {@code t}; bad input is 22P02 (or 22007/22003). */
  public static Object parse(PgType t, String s) {
    return parse(t, s, ZoneOffset.UTC);
  }

  /** As {@link #parse(PgType, String)}, reading a timestamptz without offset or zone in {@code zone}. */
  public static Object parse(PgType t, String s, ZoneId zone) {
    try {
      switch (t) {
        case BOOL:
          return parseBool(s);
        case INT2: {
          int i = Integer.parseInt(s.trim());
          if (i < Short.MIN_VALUE || i > Short.MAX_VALUE) throw Errors.valueOutOfRange("smallint");
          return (short) i;
        }
        case INT4:
          try {
            return Integer.parseInt(s.trim());
          } catch (NumberFormatException e) {
            if (isIntegerText(s)) throw Errors.valueOutOfRange("integer");
            throw e;
          }
        case INT8:
        case OID:
          try {
            return Long.parseLong(s.trim());
          } catch (NumberFormatException e) {
            if (isIntegerText(s)) throw Errors.valueOutOfRange("bigint");
            throw e;
          }
        case FLOAT4:
          return parseFloat(s).floatValue();
        case FLOAT8:
          return parseFloat(s);
        case NUMERIC:
          return new BigDecimal(s.trim());
        case UUID:
          return parseUuid(s.trim());
        case TIMESTAMPTZ:
          return parseTimestamptz(s.trim(), zone);
        case TIMESTAMP:
          return parseTimestamp(s.trim());
        case DATE:
          return LocalDate.parse(s.trim());
        case BYTEA:
          if (s.startsWith("\\x")) return HexFormat.of().parseHex(s.substring(2));
          return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        default:
          return s;
      }
    } catch (DbException e) {
      throw e;
    } catch (DateTimeParseException e) {
      throw Errors.invalidDatetimeFormat(t.sqlName(), s);
    } catch (RuntimeException e) {
      throw Errors.invalidTextRepresentation(t.sqlName(), s);
    }
  }

  private static boolean isIntegerText(String s) {
    return s.trim().matches("[+-]?\\d+");
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

  private static Double parseFloat(String raw) {
    String s = raw.trim();
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan": return Double.NaN;
      case "infinity": case "+infinity": case "inf": return Double.POSITIVE_INFINITY;
      case "-infinity": case "-inf": return Double.NEGATIVE_INFINITY;
      default: return Double.parseDouble(s);
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

  /** A trailing zone name ({@code 2024-01-01 10:00 Europe/Paris}) overrides the session's zone. */
  private static Instant parseTimestamptz(String s, ZoneId zone) {
    int sp = s.lastIndexOf(' ');
    if (sp > 0) {
      ZoneId named = TimeZones.named(s.substring(sp + 1));
      if (named != null) {
        s = s.substring(0, sp).trim();
        zone = named;
      }
    }
    var parsed = TS_IN.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
    if (parsed instanceof OffsetDateTime odt) return odt.toInstant();
    if (parsed instanceof LocalDateTime ldt) return ldt.atZone(zone).toInstant();
    return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
  }

  /** A timestamp without time zone ignores any offset or zone in its input, as PostgreSQL does. */
  private static LocalDateTime parseTimestamp(String s) {
    int sp = s.lastIndexOf(' ');
    if (sp > 0 && TimeZones.named(s.substring(sp + 1)) != null) s = s.substring(0, sp).trim();
    var parsed = TS_IN.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
    if (parsed instanceof OffsetDateTime odt) return odt.toLocalDateTime();
    if (parsed instanceof LocalDateTime ldt) return ldt;
    return ((LocalDate) parsed).atStartOfDay();
  }
}
