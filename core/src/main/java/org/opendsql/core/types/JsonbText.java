package org.opendsql.core.types;

import java.math.BigDecimal;

/**
 * jsonb_out and jsonb_pretty: {@code {"a": 1, "b": [1, 2]}} with a space after each colon and
 * comma, numbers as numeric prints them, strings escaped as escape_json does; pretty output
 * indents by four spaces and opens even an empty nested container on its own lines.
 */
public final class JsonbText {
  private JsonbText() {}

  public static String format(Jsonb v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Jsonb v) {
    if (v instanceof Jsonb.Arr a) {
      sb.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) sb.append(", ");
        write(sb, a.items().get(i));
      }
      sb.append(']');
    } else if (v instanceof Jsonb.Obj o) {
      sb.append('{');
      for (int i = 0; i < o.size(); i++) {
        if (i > 0) sb.append(", ");
        escape(sb, o.keys().get(i));
        sb.append(": ");
        write(sb, o.values().get(i));
      }
      sb.append('}');
    } else {
      scalar(sb, v);
    }
  }

  /** A scalar's text: null, true, false, the number, or the quoted string. */
  public static void scalar(StringBuilder sb, Jsonb v) {
    if (v instanceof Jsonb.Str s) escape(sb, s.value());
    else if (v instanceof Jsonb.Num n) sb.append(number(n.value()));
    else if (v instanceof Jsonb.Bool b) sb.append(b.value() ? "true" : "false");
    else sb.append("null");
  }

  /** numeric_out: plain notation with the value's scale. */
  public static String number(BigDecimal d) {
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  public static String pretty(Jsonb v) {
    StringBuilder sb = new StringBuilder();
    if (v.isScalar()) {
      scalar(sb, v);
      return sb.toString();
    }
    pretty(sb, v, 0);
    return sb.toString();
  }

  private static void pretty(StringBuilder sb, Jsonb v, int level) {
    if (v instanceof Jsonb.Arr a) {
      sb.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) sb.append(',');
        newline(sb, level + 1);
        pretty(sb, a.items().get(i), level + 1);
      }
      newline(sb, level);
      sb.append(']');
    } else if (v instanceof Jsonb.Obj o) {
      sb.append('{');
      for (int i = 0; i < o.size(); i++) {
        if (i > 0) sb.append(',');
        newline(sb, level + 1);
        escape(sb, o.keys().get(i));
        sb.append(": ");
        pretty(sb, o.values().get(i), level + 1);
      }
      newline(sb, level);
      sb.append('}');
    } else {
      scalar(sb, v);
    }
  }

  private static void newline(StringBuilder sb, int level) {
    sb.append('\n');
    sb.append("    ".repeat(level));
  }

  /** escape_json: quotes, backslash, the named control escapes, other control characters as backslash-u00xx. */
  public static void escape(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    escape(sb, s);
    return sb.toString();
  }
}
