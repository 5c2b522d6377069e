package org.opendsql.sql.expr;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.JsonInput;
import org.opendsql.core.types.Jsonb;

/**
 * The json (not jsonb) functions: they read the text as it was written, so a value they return is
 * the very text of that part of the input (its spaces kept), an object's keys stay in their order
 * with their duplicates, and a duplicate key's last value is the one found.
 */
public final class JsonTextOps {
  private JsonTextOps() {}

  /** A part of a json text: a scalar (its kind as a jsonb value), an array or an object. */
  public record Node(String source, int start, int end, Jsonb scalar, List<String> rawKeys, List<Node> children) {
    public String text() {
      return source.substring(start, end);
    }

    public boolean isObject() { return rawKeys != null; }

    public boolean isArray() { return scalar == null && rawKeys == null; }

    public String typeName() {
      if (isObject()) return "object";
      if (isArray()) return "array";
      return scalar.typeName();
    }

    /** The key at {@code i}, de-escaped. */
    public String key(int i) {
      return JsonInput.unescape(rawKeys.get(i));
    }
  }

  public static Node parse(String text) {
    return JsonInput.parseRaw(text, new JsonInput.Builder<Node>() {
      public Node scalar(Jsonb value, int start, int end) {
        return new Node(text, start, end, value, null, null);
      }

      public Node array(List<Node> items, int start, int end) {
        return new Node(text, start, end, null, null, List.copyOf(items));
      }

      public Node object(List<String> keys, List<Node> values, int start, int end) {
        return new Node(text, start, end, null, List.copyOf(keys), List.copyOf(values));
      }
    });
  }

  /** {@code json -> key}: the last field of that name, or null. */
  public static Node field(Node n, String key) {
    if (n == null || !n.isObject()) return null;
    Node found = null;
    for (int i = 0; i < n.rawKeys().size(); i++) {
      if (n.key(i).equals(key)) found = n.children().get(i);
    }
    return found;
  }

  public static Node element(Node n, long index) {
    if (n == null || !n.isArray()) return null;
    int size = n.children().size();
    long i = index < 0 ? size + index : index;
    return i < 0 || i >= size ? null : n.children().get((int) i);
  }

  public static Node path(Node n, List<Object> path) {
    Node cur = n;
    for (Object step : path) {
      if (step == null || cur == null) return null;
      if (cur.isObject()) {
        cur = field(cur, (String) step);
      } else if (cur.isArray()) {
        Long i = JsonbOps.parseIndex((String) step);
        if (i == null) return null;
        cur = element(cur, i);
      } else {
        return null;
      }
    }
    return cur;
  }

  /** The text ->> gives: a string's contents, NULL for null, else the value's own text. */
  public static String text(Node n) {
    if (n == null) return null;
    if (n.scalar() instanceof Jsonb.Null) return null;
    if (n.scalar() instanceof Jsonb.Str s) return JsonInput.unescape(s.value());
    return n.text();
  }

  public static String json(Node n) {
    return n == null ? null : n.text();
  }

  public static int arrayLength(Node n) {
    if (n.isArray()) return n.children().size();
    throw Errors.jsonWrongKind(n.isObject() ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
  }

  /** json_each / json_each_text: (key, value) per field in written order. */
  public static List<Object[]> each(Node n, boolean asText, String fn) {
    if (!n.isObject()) throw Errors.jsonWrongKind("cannot call " + fn + " on a non-object");
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n.rawKeys().size(); i++) {
      Node v = n.children().get(i);
      out.add(new Object[] {n.key(i), asText ? text(v) : v.text()});
    }
    return out;
  }

  public static List<Object[]> elements(Node n, boolean asText) {
    if (n.isObject()) throw Errors.jsonWrongKind("cannot extract elements from an object");
    if (!n.isArray()) throw Errors.jsonWrongKind("cannot extract elements from a scalar");
    List<Object[]> out = new ArrayList<>();
    for (Node c : n.children()) out.add(new Object[] {asText ? text(c) : c.text()});
    return out;
  }

  public static List<Object[]> objectKeys(Node n) {
    if (n.isArray()) throw Errors.jsonWrongKind("cannot call json_object_keys on an array");
    if (!n.isObject()) throw Errors.jsonWrongKind("cannot call json_object_keys on a scalar");
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n.rawKeys().size(); i++) out.add(new Object[] {n.key(i)});
    return out;
  }
}
