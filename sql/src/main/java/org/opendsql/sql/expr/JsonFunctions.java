package org.opendsql.sql.expr;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.Jsonb;
import org.opendsql.core.types.JsonbText;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;

/**
 * The json and jsonb construction and decomposition functions. json results are laid out as
 * PostgreSQL writes them: {@code {"a" : 1, "b" : 2}} from json_build_object and json_object,
 * {@code [1, 2]} from json_build_array, {@code { "a" : 1 }} from json_object_agg.
 */
public final class JsonFunctions {
  private JsonFunctions() {}

  /** json_build_object / jsonb_build_object over alternating keys and values (of {@code types}). */
  public static Object buildObject(Object[] a, List<PgType> types, boolean jsonb, ZoneId zone) {
    List<String> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < a.length; i += 2) {
      keys.add(key(a[i], types.get(i), i + 1, zone));
      values.add(a[i + 1]);
    }
    if (jsonb) {
      List<Jsonb> vs = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) vs.add(JsonBuild.jsonb(values.get(i), types.get(2 * i + 1), zone));
      return Jsonb.Obj.of(keys, vs);
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) sb.append(", ");
      JsonbText.escape(sb, keys.get(i));
      sb.append(" : ");
      JsonBuild.json(sb, values.get(i), types.get(2 * i + 1), zone);
    }
    return sb.append('}').toString();
  }

  /** An object key given as a SQL value: its text; NULL and non-scalars are 22023. */
  private static String key(Object v, PgType t, int position, ZoneId zone) {
    if (v == null) throw Errors.jsonNullKey(false, "argument " + position + " cannot be null");
    return keyText(v, t, zone);
  }

  static String keyText(Object v, PgType t, ZoneId zone) {
    if (t.isArray() || t == PgType.RECORD || t == PgType.JSON || t == PgType.JSONB) {
      throw Errors.jsonWrongKind("key value must be scalar, not array, composite, or json");
    }
    return switch (t) {
      case DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ -> JsonBuild.dateTime(v, t, zone);
      default -> Values.toText(v, t, zone);
    };
  }

  public static Object buildArray(Object[] a, List<PgType> types, boolean jsonb, ZoneId zone) {
    if (jsonb) {
      List<Jsonb> items = new ArrayList<>();
      for (int i = 0; i < a.length; i++) items.add(JsonBuild.jsonb(a[i], types.get(i), zone));
      return new Jsonb.Arr(items);
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      if (i > 0) sb.append(", ");
      JsonBuild.json(sb, a[i], types.get(i), zone);
    }
    return sb.append(']').toString();
  }

  /** json_object(text[]) of pairs or of a two-column array, or json_object(keys, values). */
  public static Object object(PgArray pairs, PgArray values, boolean jsonb) {
    List<Object> keys = new ArrayList<>();
    List<Object> vals = new ArrayList<>();
    if (values == null) {
      switch (pairs.ndims()) {
        case 0 -> { }
        case 1 -> {
          if (pairs.size() % 2 != 0) throw Errors.jsonObjectArrayShape("array must have even number of elements");
        }
        case 2 -> {
          if (pairs.dim(1) != 2) throw Errors.jsonObjectArrayShape("array must have two columns");
        }
        default -> throw Errors.jsonObjectArrayShape("wrong number of array subscripts");
      }
      for (int i = 0; i < pairs.size(); i += 2) {
        keys.add(pairs.get(i));
        vals.add(pairs.get(i + 1));
      }
    } else {
      if (pairs.ndims() > 1 || values.ndims() > 1) throw Errors.jsonObjectArrayShape("wrong number of array subscripts");
      if (pairs.size() != values.size()) throw Errors.jsonObjectArrayShape("mismatched array dimensions");
      keys.addAll(pairs.items());
      vals.addAll(values.items());
    }
    for (Object k : keys) {
      if (k == null) throw Errors.jsonNullKey(true, "null value not allowed for object key");
    }
    if (jsonb) {
      List<String> ks = new ArrayList<>();
      List<Jsonb> vs = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        ks.add((String) keys.get(i));
        vs.add(vals.get(i) == null ? Jsonb.Null.NULL : new Jsonb.Str((String) vals.get(i)));
      }
      return Jsonb.Obj.of(ks, vs);
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) sb.append(", ");
      JsonbText.escape(sb, (String) keys.get(i));
      sb.append(" : ");
      if (vals.get(i) == null) sb.append("null");
      else JsonbText.escape(sb, (String) vals.get(i));
    }
    return sb.append('}').toString();
  }

  public static int arrayLength(Jsonb v) {
    if (v instanceof Jsonb.Arr a) return a.items().size();
    throw Errors.jsonWrongKind(v instanceof Jsonb.Obj ? "cannot get array length of a non-array"
        : "cannot get array length of a scalar");
  }

  /** json_strip_nulls: the text without null-valued fields, written without spaces as PostgreSQL re-emits it. */
  public static String stripNulls(JsonTextOps.Node n) {
    StringBuilder sb = new StringBuilder();
    strip(sb, n);
    return sb.toString();
  }

  private static void strip(StringBuilder sb, JsonTextOps.Node n) {
    if (n.isObject()) {
      sb.append('{');
      boolean first = true;
      for (int i = 0; i < n.rawKeys().size(); i++) {
        JsonTextOps.Node v = n.children().get(i);
        if (v.scalar() instanceof Jsonb.Null) continue;
        if (!first) sb.append(',');
        first = false;
        sb.append('"').append(n.rawKeys().get(i)).append("\":");
        strip(sb, v);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.children().size(); i++) {
        if (i > 0) sb.append(',');
        strip(sb, n.children().get(i));
      }
      sb.append(']');
    } else {
      sb.append(n.text());
    }
  }

  // ---------------------------------------------------------------- set-returning

  public static List<Object[]> each(Jsonb v, boolean asText) {
    if (!(v instanceof Jsonb.Obj o)) {
      throw Errors.jsonWrongKind("cannot call " + (asText ? "jsonb_each_text" : "jsonb_each") + " on a non-object");
    }
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < o.size(); i++) {
      Jsonb value = o.values().get(i);
      out.add(new Object[] {o.keys().get(i), asText ? JsonbOps.text(value) : value});
    }
    return out;
  }

  public static List<Object[]> elements(Jsonb v, boolean asText) {
    if (v instanceof Jsonb.Obj) throw Errors.jsonWrongKind("cannot extract elements from an object");
    if (!(v instanceof Jsonb.Arr a)) throw Errors.jsonWrongKind("cannot extract elements from a scalar");
    List<Object[]> out = new ArrayList<>();
    for (Jsonb e : a.items()) out.add(new Object[] {asText ? JsonbOps.text(e) : e});
    return out;
  }

  public static List<Object[]> objectKeys(Jsonb v) {
    if (v instanceof Jsonb.Arr) throw Errors.jsonWrongKind("cannot call jsonb_object_keys on an array");
    if (!(v instanceof Jsonb.Obj o)) throw Errors.jsonWrongKind("cannot call jsonb_object_keys on a scalar");
    List<Object[]> out = new ArrayList<>();
    for (String k : o.keys()) out.add(new Object[] {k});
    return out;
  }

  // ---------------------------------------------------------------- aggregates

  /** json_agg / jsonb_agg: every input, NULLs as null; json puts a line break before each later array or row. */
  public static final class Agg {
    private final boolean jsonb;
    private final PgType type;
    private final StringBuilder text = new StringBuilder();
    private final List<Jsonb> items = new ArrayList<>();
    private int count;

    public Agg(boolean jsonb, PgType type) {
      this.jsonb = jsonb;
      this.type = type;
    }

    public void add(Object v, ZoneId zone) {
      if (jsonb) {
        items.add(JsonBuild.jsonb(v, type, zone));
      } else {
        if (count > 0) {
          text.append(", ");
          if (v != null && (type.isArray() || type == PgType.RECORD)) text.append("\n ");
        }
        JsonBuild.json(text, v, type, zone);
      }
      count++;
    }

    public Object result() {
      if (count == 0) return null;
      return jsonb ? new Jsonb.Arr(items) : "[" + text + "]";
    }
  }

  /** json_object_agg / jsonb_object_agg: a NULL key is 22023, a NULL value is null. */
  public static final class ObjectAgg {
    private final boolean jsonb;
    private final PgType keyType;
    private final PgType valueType;
    private final StringBuilder text = new StringBuilder();
    private final List<String> keys = new ArrayList<>();
    private final List<Jsonb> values = new ArrayList<>();
    private int count;

    public ObjectAgg(boolean jsonb, PgType keyType, PgType valueType) {
      this.jsonb = jsonb;
      this.keyType = keyType;
      this.valueType = valueType;
    }

    public void add(Object k, Object v, ZoneId zone) {
      if (k == null) throw Errors.jsonNullKey(false, "field name must not be null");
      String key = keyText(k, keyType, zone);
      if (jsonb) {
        keys.add(key);
        values.add(JsonBuild.jsonb(v, valueType, zone));
      } else {
        text.append(count == 0 ? "{ " : ", ");
        JsonbText.escape(text, key);
        text.append(" : ");
        JsonBuild.json(text, v, valueType, zone);
      }
      count++;
    }

    public Object result() {
      if (count == 0) return null;
      return jsonb ? Jsonb.Obj.of(keys, values) : text + " }";
    }
  }
}
