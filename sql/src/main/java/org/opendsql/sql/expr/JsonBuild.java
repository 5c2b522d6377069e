package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.types.DateTimeText;
import org.opendsql.core.types.JsonInput;
import org.opendsql.core.types.Jsonb;
import org.opendsql.core.types.JsonbText;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.RecordValue;

/**
 * SQL values as json (datum_to_json: the text PostgreSQL writes, numbers as their output, records
 * as {@code {"f1":1}} and arrays as {@code [1,2]} without spaces) and as jsonb (datum_to_jsonb:
 * numbers as numerics, so {@code 1e+20::float8} becomes 100000000000000000000). Date/time values are
 * ISO 8601 strings with a {@code T} and a {@code +hh:mm} offset; NaN and the infinities are strings.
 */
public final class JsonBuild {
  private JsonBuild() {}

  // ---------------------------------------------------------------- json text

  /** Appends {@code v} (of type {@code t}; null is JSON null) as json text. */
  public static void json(StringBuilder sb, Object v, PgType t, ZoneId zone) {
    if (v == null) {
      sb.append("null");
      return;
    }
    if (t.isArray()) {
      PgArray a = (PgArray) v;
      if (a.isEmpty()) {
        sb.append("[]");
        return;
      }
      arrayJson(sb, a, t.elementType(), zone, 0, new int[] {0});
      return;
    }
    switch (t) {
      case JSON -> sb.append((String) v);
      case JSONB -> sb.append(JsonbText.format((Jsonb) v));
      case BOOL -> sb.append(((Boolean) v) ? "true" : "false");
      case INT2, INT4, INT8, OID, NUMERIC, FLOAT4, FLOAT8 -> {
        String s = PgText.format(t, v, zone);
        if (isFiniteNumber(v)) sb.append(s);
        else JsonbText.escape(sb, s);
      }
      case RECORD -> recordJson(sb, (RecordValue) v, zone);
      case DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ -> JsonbText.escape(sb, dateTime(v, t, zone));
      default -> JsonbText.escape(sb, Values.toText(v, t, zone));
    }
  }

  public static String json(Object v, PgType t, ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    json(sb, v, t, zone);
    return sb.toString();
  }

  private static void arrayJson(StringBuilder sb, PgArray a, PgType element, ZoneId zone, int dim, int[] next) {
    sb.append('[');
    for (int i = 0; i < a.dim(dim); i++) {
      if (i > 0) sb.append(',');
      if (dim + 1 < a.ndims()) {
        arrayJson(sb, a, element, zone, dim + 1, next);
      } else {
        json(sb, a.get(next[0]++), element, zone);
      }
    }
    sb.append(']');
  }

  private static void recordJson(StringBuilder sb, RecordValue r, ZoneId zone) {
    sb.append('{');
    for (int i = 0; i < r.values().size(); i++) {
      if (i > 0) sb.append(',');
      JsonbText.escape(sb, r.name(i));
      sb.append(':');
      json(sb, r.values().get(i), r.types().get(i), zone);
    }
    sb.append('}');
  }

  private static boolean isFiniteNumber(Object v) {
    if (v instanceof NumericSpecial) return false;
    if (v instanceof Double d) return !d.isNaN() && !d.isInfinite();
    if (v instanceof Float f) return !f.isNaN() && !f.isInfinite();
    return true;
  }

  /** JsonEncodeDateTime: ISO 8601 with T between date and time, offsets as +hh:mm. */
  static String dateTime(Object v, PgType t, ZoneId zone) {
    return switch (t) {
      case DATE -> DateTimeText.date((LocalDate) v);
      case TIME -> DateTimeText.time((LocalTime) v);
      case TIMETZ -> DateTimeText.timetz((OffsetTime) v);
      case TIMESTAMP -> DateTimeText.timestamp((LocalDateTime) v).replaceFirst(" ", "T");
      default -> withColonOffset(DateTimeText.timestamptz((Instant) v, zone).replaceFirst(" ", "T"));
    };
  }

  private static String withColonOffset(String s) {
    if (s.endsWith("infinity") || s.endsWith(" BC")) return s;
    return s.matches(".*[+-]\\d\\d$") ? s + ":00" : s;
  }

  // ---------------------------------------------------------------- jsonb

  /** {@code v} of type {@code t} as jsonb (SQL NULL is JSON null). */
  public static Jsonb jsonb(Object v, PgType t, ZoneId zone) {
    if (v == null) return Jsonb.Null.NULL;
    if (t.isArray()) {
      PgArray a = (PgArray) v;
      if (a.isEmpty()) return new Jsonb.Arr(List.of());
      return arrayJsonb(a, t.elementType(), zone, 0, new int[] {0});
    }
    return switch (t) {
      case JSON -> JsonInput.parseJsonb((String) v);
      case JSONB -> (Jsonb) v;
      case BOOL -> Jsonb.Bool.of((Boolean) v);
      case INT2, INT4, INT8, OID, NUMERIC, FLOAT4, FLOAT8 -> {
        String s = PgText.format(t, v, zone);
        yield isFiniteNumber(v) ? new Jsonb.Num(new BigDecimal(s)) : new Jsonb.Str(s);
      }
      case RECORD -> {
        RecordValue r = (RecordValue) v;
        List<String> keys = new ArrayList<>();
        List<Jsonb> values = new ArrayList<>();
        for (int i = 0; i < r.values().size(); i++) {
          keys.add(r.name(i));
          values.add(jsonb(r.values().get(i), r.types().get(i), zone));
        }
        yield Jsonb.Obj.of(keys, values);
      }
      case DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ -> new Jsonb.Str(dateTime(v, t, zone));
      default -> new Jsonb.Str(Values.toText(v, t, zone));
    };
  }

  private static Jsonb arrayJsonb(PgArray a, PgType element, ZoneId zone, int dim, int[] next) {
    List<Jsonb> items = new ArrayList<>();
    for (int i = 0; i < a.dim(dim); i++) {
      items.add(dim + 1 < a.ndims() ? arrayJsonb(a, element, zone, dim + 1, next) : jsonb(a.get(next[0]++), element, zone));
    }
    return new Jsonb.Arr(items);
  }
}
