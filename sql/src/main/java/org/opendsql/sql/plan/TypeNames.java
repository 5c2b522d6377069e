package org.opendsql.sql.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.IntervalFields;
import org.opendsql.core.types.PgType;

/** SQL type names (as written in DDL and casts) to a type and typmod. */
public final class TypeNames {
  private TypeNames() {}

  public record Resolved(PgType type, int typmod) {}

  private static final Pattern SHAPE =
      Pattern.compile("^([a-z_][a-z0-9_ ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(with(?:out)? time zone)?$");

  public static Resolved resolve(String raw) {
    String s = raw.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("\"", "");
    if (s.startsWith("pg_catalog.")) s = s.substring("pg_catalog.".length());
    Matcher dims = ARRAY_SUFFIX.matcher(s);
    if (dims.find()) return array(resolve(s.substring(0, dims.start())), raw);
    if (s.startsWith("_") && s.length() > 1) {
      Resolved element = resolve(s.substring(1));
      if (element.typmod() < 0) return array(element, raw);
    }
    Matcher m = SHAPE.matcher(s);
    if (!m.matches()) throw Errors.undefinedType(raw.trim());
    String base = m.group(1).trim();
    Integer a = m.group(2) == null ? null : Integer.valueOf(m.group(2));
    Integer b = m.group(3) == null ? null : Integer.valueOf(m.group(3));
    String tz = m.group(4);
    if (tz != null) base = base + " " + tz;
    switch (base) {
      case "int": case "integer": case "int4":
        return plain(PgType.INT4, a);
      case "bigint": case "int8":
        return plain(PgType.INT8, a);
      case "smallint": case "int2":
        return plain(PgType.INT2, a);
      case "text":
        return plain(PgType.TEXT, a);
      case "varchar": case "character varying":
        if (a != null && a < 1) {
          throw Errors.varcharLengthTooSmall();
        }
        return new Resolved(PgType.VARCHAR, a == null ? -1 : a + 4);
      case "boolean": case "bool":
        return plain(PgType.BOOL, a);
      case "numeric": case "decimal": {
        if (a == null) return new Resolved(PgType.NUMERIC, -1);
        int scale = b == null ? 0 : b;
        if (a < 1 || a > 1000) {
          throw Errors.numericPrecisionOutOfRange(a);
        }
        if (scale > a) {
          throw Errors.numericScaleOutOfRange(scale, a);
        }
        return new Resolved(PgType.NUMERIC, ((a << 16) | scale) + 4);
      }
      case "timestamptz": case "timestamp with time zone":
        return precise(PgType.TIMESTAMPTZ, a, "timestamp");
      case "timestamp": case "timestamp without time zone":
        return precise(PgType.TIMESTAMP, a, "timestamp");
      case "time": case "time without time zone":
        return precise(PgType.TIME, a, "time");
      case "timetz": case "time with time zone":
        return precise(PgType.TIMETZ, a, "time");
      case "date":
        return plain(PgType.DATE, a);
      case "uuid":
        return plain(PgType.UUID, a);
      case "double precision": case "float8": case "float":
        return plain(PgType.FLOAT8, null);
      case "real": case "float4":
        return plain(PgType.FLOAT4, a);
      case "bytea":
        return plain(PgType.BYTEA, a);
      case "char": case "character": case "bpchar":
        if (a == null) return new Resolved(PgType.BPCHAR, base.equals("bpchar") ? -1 : 5);
        if (a < 1) throw Errors.charLengthTooSmall("char");
        return new Resolved(PgType.BPCHAR, a + 4);
      case "serial": case "bigserial": case "smallserial":
        // Not types in PostgreSQL either (CREATE TABLE expands them), and DSQL refuses that expansion.
        throw Errors.undefinedType(base);
      case "json":
        return plain(PgType.JSON, a);
      case "jsonb":
        return plain(PgType.JSONB, a);
      case "money": case "inet": case "jsonpath":
      case "xml": case "oid": case "name":
        throw Errors.unsupported("type " + base);
      default:
        if (base.equals("interval") || base.startsWith("interval ")) return interval(base.substring(8), a, raw);
        throw Errors.undefinedType(raw.trim());
    }
  }

  /** {@code interval [fields] [(p)]}: the typmod packs the fields and the seconds' precision. */
  private static Resolved interval(String fields, Integer precision, String raw) {
    Integer range = IntervalFields.parseRange(fields);
    if (range == null) throw Errors.syntaxErrorAt(fields.trim().split(" ")[0]);
    if (precision != null && range != IntervalFields.FULL_RANGE && (range & IntervalFields.SECOND) == 0) {
      throw Errors.syntaxErrorAt("(");
    }
    int p = precision == null ? IntervalFields.FULL_PRECISION : IntervalFields.checkPrecision(precision);
    return new Resolved(PgType.INTERVAL, IntervalFields.typmod(range, p));
  }

  /** time(p), timestamp(p): fractional seconds kept to p digits (at most 6). */
  private static Resolved precise(PgType t, Integer precision, String name) {
    if (precision == null) return new Resolved(t, -1);
    if (precision < 0) throw Errors.timePrecisionNegative(name, precision);
    return new Resolved(t, Math.min(precision, 6));
  }

  /** {@code []}, {@code [][]}, {@code [3]} at the end: PostgreSQL ignores the count and the sizes. */
  private static final Pattern ARRAY_SUFFIX = Pattern.compile("(\\s*\\[\\s*\\d*\\s*\\])+$");

  /** The array type of {@code element}, which keeps the element's type modifier (varchar(3)[]). */
  private static Resolved array(Resolved element, String raw) {
    PgType t = element.type().arrayType();
    if (t == null) throw Errors.unsupported("arrays of type " + element.type().sqlName());
    return new Resolved(t, element.typmod());
  }

  private static Resolved plain(PgType t, Integer modifier) {
    if (modifier != null) {
      throw Errors.typeModifierNotAllowed(t.sqlName());
    }
    return new Resolved(t, -1);
  }

  /** The name PostgreSQL gives a cast's result column: {@code int4}, {@code varchar}, ... */
  public static String internalName(PgType t) {
    if (t.isArray()) return internalName(t.elementType());
    return switch (t) {
      case INT2 -> "int2";
      case INT4 -> "int4";
      case INT8 -> "int8";
      case FLOAT4 -> "float4";
      case FLOAT8 -> "float8";
      case BOOL -> "bool";
      case VARCHAR -> "varchar";
      case TIMESTAMPTZ -> "timestamptz";
      case TIMESTAMP -> "timestamp";
      case TIME -> "time";
      case TIMETZ -> "timetz";
      case BPCHAR -> "bpchar";
      default -> t.sqlName();
    };
  }
}
