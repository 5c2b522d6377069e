package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.Jsonb;
import org.opendsql.core.types.JsonbText;
import org.opendsql.core.types.PgType;

/**
 * The jsonb operators over {@link Jsonb} trees, as jsonb_util.c and jsonfuncs.c define them. A
 * top-level scalar behaves as PostgreSQL's "raw scalar" pseudo array where that shows: it
 * contains only scalars, sorts before a real array of one element, and concatenates as an array.
 */
public final class JsonbOps {
  private JsonbOps() {}

  // ---------------------------------------------------------------- ordering

  /** The rank of a kind in jsonb's btree order: null < string < number < boolean < array < object. */
  private static int rank(Jsonb v) {
    if (v instanceof Jsonb.Null) return 0;
    if (v instanceof Jsonb.Str) return 1;
    if (v instanceof Jsonb.Num) return 2;
    if (v instanceof Jsonb.Bool) return 3;
    if (v instanceof Jsonb.Arr) return 4;
    return 5;
  }

  /**
   * compareJsonbContainers: containers first by their element or pair count, a raw scalar before
   * an array of as many elements; then element by element, or pair by pair (keys in storage
   * order, compared as text, then values).
   */
  public static int compare(Jsonb a, Jsonb b) {
    boolean rawA = a.isScalar();
    boolean rawB = b.isScalar();
    if (rawA || rawB) {
      if (b instanceof Jsonb.Obj || a instanceof Jsonb.Obj) return Integer.compare(rank(rawA ? new Jsonb.Arr(List.of()) : a),
          rank(rawB ? new Jsonb.Arr(List.of()) : b));
      int na = rawA ? 1 : ((Jsonb.Arr) a).items().size();
      int nb = rawB ? 1 : ((Jsonb.Arr) b).items().size();
      if (na != nb) return Integer.compare(na, nb);
      if (rawA != rawB) return rawA ? -1 : 1;
      return compareNested(a, b);
    }
    return compareNested(a, b);
  }

  private static int compareNested(Jsonb a, Jsonb b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) return Integer.compare(ra, rb);
    if (a instanceof Jsonb.Arr x) {
      Jsonb.Arr y = (Jsonb.Arr) b;
      if (x.items().size() != y.items().size()) return Integer.compare(x.items().size(), y.items().size());
      for (int i = 0; i < x.items().size(); i++) {
        int c = compareNested(x.items().get(i), y.items().get(i));
        if (c != 0) return c;
      }
      return 0;
    }
    if (a instanceof Jsonb.Obj x) {
      Jsonb.Obj y = (Jsonb.Obj) b;
      if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
      for (int i = 0; i < x.size(); i++) {
        int c = Values.compareStrings(x.keys().get(i), y.keys().get(i));
        if (c != 0) return c;
        c = compareNested(x.values().get(i), y.values().get(i));
        if (c != 0) return c;
      }
      return 0;
    }
    if (a instanceof Jsonb.Str x) return Values.compareStrings(x.value(), ((Jsonb.Str) b).value());
    if (a instanceof Jsonb.Num x) return x.value().compareTo(((Jsonb.Num) b).value());
    if (a instanceof Jsonb.Bool x) return Boolean.compare(x.value(), ((Jsonb.Bool) b).value());
    return 0;
  }

  // ---------------------------------------------------------------- containment and existence

  /** {@code a @> b}: JsonbDeepContains from the top, where a raw scalar cannot contain an array. */
  public static boolean contains(Jsonb a, Jsonb b) {
    if ((a instanceof Jsonb.Obj) != (b instanceof Jsonb.Obj)) return false;
    if (a.isScalar() && !b.isScalar()) return false;
    Jsonb x = a.isScalar() ? new Jsonb.Arr(List.of(a)) : a;
    Jsonb y = b.isScalar() ? new Jsonb.Arr(List.of(b)) : b;
    return deepContains(x, y);
  }

  private static boolean deepContains(Jsonb a, Jsonb b) {
    if (a instanceof Jsonb.Obj x && b instanceof Jsonb.Obj y) {
      if (x.size() < y.size()) return false;
      for (int i = 0; i < y.size(); i++) {
        Jsonb have = x.get(y.keys().get(i));
        Jsonb want = y.values().get(i);
        if (have == null) return false;
        if (have.isScalar() || want.isScalar()) {
          if (!have.equals(want)) return false;
        } else if (!deepContains(have, want)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Jsonb.Arr x && b instanceof Jsonb.Arr y) {
      for (Jsonb want : y.items()) {
        boolean found = false;
        for (Jsonb have : x.items()) {
          if (want.isScalar() ? want.equals(have) : !have.isScalar() && deepContains(have, want)) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
    return false;
  }

  /** {@code v ? key}: an object's key, or a string element of an array (or the string itself at the top). */
  public static boolean exists(Jsonb v, String key) {
    if (v instanceof Jsonb.Obj o) return o.get(key) != null;
    if (v instanceof Jsonb.Arr a) return a.items().contains(new Jsonb.Str(key));
    return v.equals(new Jsonb.Str(key));
  }

  /** {@code ?|} (any) and {@code ?&} (all) over text[] keys; NULL keys are skipped. */
  public static boolean existsKeys(Jsonb v, List<Object> keys, boolean all) {
    for (Object k : keys) {
      if (k == null) continue;
      boolean e = exists(v, (String) k);
      if (e && !all) return true;
      if (!e && all) return false;
    }
    return all;
  }

  // ---------------------------------------------------------------- extraction

  /** {@code v -> key}: an object's field, else null (SQL NULL). */
  public static Jsonb field(Jsonb v, String key) {
    return v instanceof Jsonb.Obj o ? o.get(key) : null;
  }

  /** {@code v -> i}: an array's element, counted from the end when negative, else null. */
  public static Jsonb element(Jsonb v, long index) {
    // A top-level scalar is stored as an array of itself, and -> reads it as one.
    if (v.isScalar()) return index == 0 || index == -1 ? v : null;
    if (!(v instanceof Jsonb.Arr a)) return null;
    int n = a.items().size();
    long i = index < 0 ? n + index : index;
    return i < 0 || i >= n ? null : a.items().get((int) i);
  }

  /** {@code v #> path}: each step a key or an array index; NULL where the path leads nowhere. */
  public static Jsonb path(Jsonb v, List<Object> path) {
    Jsonb cur = v;
    for (Object step : path) {
      if (step == null || cur == null) return null;
      if (cur instanceof Jsonb.Obj o) {
        cur = o.get((String) step);
      } else if (cur instanceof Jsonb.Arr a) {
        Long i = parseIndex((String) step);
        if (i == null) return null;
        cur = element(a, i);
      } else {
        return null;
      }
    }
    return cur;
  }

  /** ->>'s text of a value: a string's contents, SQL NULL for JSON null, else the value's jsonb text. */
  public static String text(Jsonb v) {
    if (v == null || v instanceof Jsonb.Null) return null;
    if (v instanceof Jsonb.Str s) return s.value();
    return JsonbText.format(v);
  }

  /** strtol-like: optional spaces and sign, digits, nothing after; null when not an int. */
  static Long parseIndex(String s) {
    String t = s.stripLeading();
    if (!t.matches("[+-]?\\d+")) return null;
    try {
      long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
      return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- construction

  /**
   * {@code a || b}: two objects merge (the right one's keys win), anything else concatenates as
   * arrays, a scalar or an object counting as an array of itself.
   */
  public static Jsonb concat(Jsonb a, Jsonb b) {
    if (a instanceof Jsonb.Obj x && b instanceof Jsonb.Obj y) {
      List<String> keys = new ArrayList<>(x.keys());
      List<Jsonb> values = new ArrayList<>(x.values());
      keys.addAll(y.keys());
      values.addAll(y.values());
      return Jsonb.Obj.of(keys, values);
    }
    List<Jsonb> items = new ArrayList<>(a instanceof Jsonb.Arr x ? x.items() : List.of(a));
    items.addAll(b instanceof Jsonb.Arr y ? y.items() : List.of(b));
    return new Jsonb.Arr(items);
  }

  /** {@code v - key}: without that key, or without the array's string elements equal to it. */
  public static Jsonb deleteKeys(Jsonb v, List<Object> keys) {
    if (v.isScalar()) throw Errors.jsonWrongKind("cannot delete from scalar");
    if (v instanceof Jsonb.Obj o) {
      List<String> k = new ArrayList<>();
      List<Jsonb> vals = new ArrayList<>();
      for (int i = 0; i < o.size(); i++) {
        if (keys.contains(o.keys().get(i))) continue;
        k.add(o.keys().get(i));
        vals.add(o.values().get(i));
      }
      return new Jsonb.Obj(k, vals);
    }
    List<Jsonb> items = new ArrayList<>();
    for (Jsonb e : ((Jsonb.Arr) v).items()) {
      if (e instanceof Jsonb.Str s && keys.contains(s.value())) continue;
      items.add(e);
    }
    return new Jsonb.Arr(items);
  }

  /** {@code v - i}: without the array element at i (from the end when negative). */
  public static Jsonb deleteIndex(Jsonb v, long index) {
    if (v.isScalar()) throw Errors.jsonWrongKind("cannot delete from scalar");
    if (v instanceof Jsonb.Obj) throw Errors.jsonWrongKind("cannot delete from object using integer index");
    List<Jsonb> items = new ArrayList<>(((Jsonb.Arr) v).items());
    long i = index < 0 ? items.size() + index : index;
    if (i >= 0 && i < items.size()) items.remove((int) i);
    return new Jsonb.Arr(items);
  }

  /** How {@link #setPath} changes what it finds at the path's end. */
  public enum PathOp { REPLACE, CREATE, INSERT_BEFORE, INSERT_AFTER, DELETE }

  /**
   * jsonb_set (REPLACE, or CREATE when missing keys and indexes are added), jsonb_insert (INSERT_*)
   * and {@code #-} (DELETE) over a text[] path; a scalar on the way stops it unchanged.
   */
  public static Jsonb setPath(Jsonb v, List<Object> path, Jsonb newValue, PathOp op, String scalarError) {
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i) == null) throw Errors.jsonNullKey(true, "path element at position " + (i + 1) + " is null");
    }
    if (v.isScalar()) throw Errors.jsonWrongKind(scalarError);
    if (path.isEmpty()) return v;
    return setPath(v, path, 0, newValue, op);
  }

  private static Jsonb setPath(Jsonb v, List<Object> path, int level, Jsonb newValue, PathOp op) {
    boolean last = level == path.size() - 1;
    boolean adds = op == PathOp.CREATE || op == PathOp.INSERT_BEFORE || op == PathOp.INSERT_AFTER;
    if (v instanceof Jsonb.Obj o) {
      String key = (String) path.get(level);
      List<String> keys = new ArrayList<>(o.keys());
      List<Jsonb> values = new ArrayList<>(o.values());
      int at = keys.indexOf(key);
      if (at < 0) {
        if (!adds || !last) return v;
        keys.add(key);
        values.add(newValue);
        return Jsonb.Obj.of(keys, values);
      }
      if (last) {
        if (op == PathOp.INSERT_BEFORE || op == PathOp.INSERT_AFTER) {
          throw Errors.jsonWrongKind("cannot replace existing key");
        }
        if (op == PathOp.DELETE) {
          keys.remove(at);
          values.remove(at);
        } else {
          values.set(at, newValue);
        }
      } else {
        values.set(at, setPath(values.get(at), path, level + 1, newValue, op));
      }
      return new Jsonb.Obj(keys, values);
    }
    if (v instanceof Jsonb.Arr a) {
      String step = (String) path.get(level);
      Long parsed = parseIndex(step);
      if (parsed == null) throw Errors.jsonPathNotInteger(level + 1, step);
      List<Jsonb> items = new ArrayList<>(a.items());
      int n = items.size();
      long idx = parsed;
      boolean before = false;
      if (idx < 0) {
        if (-idx > n) before = true;
        else idx = n + idx;
      }
      if (last && adds && (before || n == 0)) {
        items.add(0, newValue);
        return new Jsonb.Arr(items);
      }
      if (before || idx >= n) {
        if (last && adds) items.add(newValue);
        return new Jsonb.Arr(items);
      }
      int i = (int) idx;
      if (!last) {
        items.set(i, setPath(items.get(i), path, level + 1, newValue, op));
      } else {
        switch (op) {
          case REPLACE, CREATE -> items.set(i, newValue);
          case INSERT_BEFORE -> items.add(i, newValue);
          case INSERT_AFTER -> items.add(i + 1, newValue);
          case DELETE -> items.remove(i);
        }
      }
      return new Jsonb.Arr(items);
    }
    return v;
  }

  /** jsonb_strip_nulls: object fields whose value is null go, at every depth; array nulls stay. */
  public static Jsonb stripNulls(Jsonb v) {
    if (v instanceof Jsonb.Obj o) {
      List<String> keys = new ArrayList<>();
      List<Jsonb> values = new ArrayList<>();
      for (int i = 0; i < o.size(); i++) {
        if (o.values().get(i) instanceof Jsonb.Null) continue;
        keys.add(o.keys().get(i));
        values.add(stripNulls(o.values().get(i)));
      }
      return new Jsonb.Obj(keys, values);
    }
    if (v instanceof Jsonb.Arr a) {
      List<Jsonb> items = new ArrayList<>();
      for (Jsonb e : a.items()) items.add(stripNulls(e));
      return new Jsonb.Arr(items);
    }
    return v;
  }

  // ---------------------------------------------------------------- casts

  /** jsonb to json, numeric, integers, floats or boolean: only a scalar of the matching kind (22023 otherwise). */
  public static Object castScalar(Jsonb v, PgType to) {
    if (to == PgType.JSON) return JsonbText.format(v);
    String typeName = switch (to) {
      case BOOL -> "boolean";
      case NUMERIC -> "numeric";
      case INT2 -> "smallint";
      case INT4 -> "integer";
      case INT8 -> "bigint";
      case FLOAT4 -> "real";
      case FLOAT8 -> "double precision";
      default -> throw Errors.cannotCast(PgType.JSONB.sqlName(), to.sqlName());
    };
    if (to == PgType.BOOL) {
      if (v instanceof Jsonb.Bool b) return b.value();
    } else if (v instanceof Jsonb.Num n) {
      BigDecimal d = n.value();
      return Values.cast(d, PgType.NUMERIC, to, -1, true);
    }
    throw Errors.jsonbCannotCast(kindName(v), typeName);
  }

  /** The kind as PostgreSQL names it in cast errors: object, array, string, number, boolean, null. */
  static String kindName(Jsonb v) {
    return v.typeName();
  }
}
