package org.opendsql.core.types;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's array text format (array_out and array_in): {@code {1,2,NULL}}, nested braces per
 * dimension, {@code [lb:ub]=} in front when a lower bound is not 1, and double quotes around an
 * element that is empty, spells NULL, or holds a brace, comma, quote, backslash or white space.
 */
final class ArrayText {
  private ArrayText() {}

  static String format(PgType element, PgArray a, ZoneId zone) {
    if (a.isEmpty()) return "{}";
    StringBuilder sb = new StringBuilder();
    if (!a.defaultBounds()) {
      for (int d = 0; d < a.ndims(); d++) {
        sb.append('[').append(a.lbound(d)).append(':').append(a.lbound(d) + a.dim(d) - 1).append(']');
      }
      sb.append('=');
    }
    int[] next = {0};
    appendLevel(sb, element, a, 0, next, zone);
    return sb.toString();
  }

  private static void appendLevel(StringBuilder sb, PgType element, PgArray a, int dim, int[] next, ZoneId zone) {
    sb.append('{');
    for (int i = 0; i < a.dim(dim); i++) {
      if (i > 0) sb.append(',');
      if (dim + 1 < a.ndims()) {
        appendLevel(sb, element, a, dim + 1, next, zone);
      } else {
        Object v = a.get(next[0]++);
        if (v == null) sb.append("NULL");
        else appendElement(sb, PgText.format(element, v, zone));
      }
    }
    sb.append('}');
  }

  private static void appendElement(StringBuilder sb, String s) {
    boolean quote = s.isEmpty() || s.equalsIgnoreCase("NULL");
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || isSpace(c);
    }
    if (!quote) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\');
      sb.append(c);
    }
    sb.append('"');
  }

  /** array_isspace: the C locale's white space. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
  }

  // ---------------------------------------------------------------- input

  /** One parsed element: its text, or null for an unquoted NULL. */
  private record Element(String text) {}

  static PgArray parse(PgType element, String input, ZoneId zone) {
    Parser p = new Parser(input);
    p.skipSpace();
    int[] declaredDims = null;
    int[] declaredLbounds = null;
    if (p.peek() == '[') {
      List<int[]> bounds = new ArrayList<>();
      while (p.peek() == '[') {
        p.pos++;
        int lb = 1;
        int first = p.integer();
        int ub;
        if (p.peek() == ':') {
          p.pos++;
          lb = first;
          ub = p.integer();
        } else {
          ub = first;
        }
        if (p.peek() != ']' || ub < lb - 1) throw p.malformed();
        p.pos++;
        bounds.add(new int[] {lb, ub});
        p.skipSpace();
      }
      if (p.peek() != '=') throw p.malformed();
      p.pos++;
      p.skipSpace();
      declaredDims = new int[bounds.size()];
      declaredLbounds = new int[bounds.size()];
      for (int i = 0; i < bounds.size(); i++) {
        declaredLbounds[i] = bounds.get(i)[0];
        declaredDims[i] = bounds.get(i)[1] - bounds.get(i)[0] + 1;
      }
    }
    if (p.peek() != '{') throw p.malformed();
    Object tree = p.level();
    p.skipSpace();
    if (p.pos < input.length()) throw p.malformed();
    List<Integer> dims = new ArrayList<>();
    List<Element> leaves = new ArrayList<>();
    shape(tree, 0, dims, leaves, p);
    if (leaves.isEmpty()) {
      if (declaredDims != null) throw p.malformed();
      return PgArray.empty();
    }
    int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
    int[] lb = new int[d.length];
    java.util.Arrays.fill(lb, 1);
    if (declaredDims != null) {
      if (!java.util.Arrays.equals(declaredDims, d)) throw p.malformed();
      lb = declaredLbounds;
    }
    Object[] items = new Object[leaves.size()];
    for (int i = 0; i < items.length; i++) {
      String t = leaves.get(i).text();
      items[i] = t == null ? null : PgText.parse(element, t, zone);
    }
    return PgArray.of(d, lb, items);
  }

  /** Checks the nesting is rectangular and collects the dimensions and the leaves in order. */
  @SuppressWarnings("unchecked")
  private static void shape(Object node, int depth, List<Integer> dims, List<Element> leaves, Parser p) {
    shape((List<Object>) node, depth, dims, new ArrayList<>(), leaves, p);
  }

  @SuppressWarnings("unchecked")
  private static void shape(List<Object> list, int depth, List<Integer> dims, List<Boolean> nestedAt,
      List<Element> leaves, Parser p) {
    if (list.isEmpty()) {
      if (depth > 0) throw p.malformed();
      return;
    }
    boolean nested = list.get(0) instanceof List;
    if (depth == dims.size()) {
      dims.add(list.size());
      nestedAt.add(nested);
    } else if (dims.get(depth) != list.size() || nestedAt.get(depth) != nested) {
      throw p.malformed();
    }
    for (Object o : list) {
      if ((o instanceof List) != nested) throw p.malformed();
      if (nested) shape((List<Object>) o, depth + 1, dims, nestedAt, leaves, p);
      else leaves.add((Element) o);
    }
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    RuntimeException malformed() {
      return Errors.malformedArrayLiteral(s);
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    void skipSpace() {
      while (pos < s.length() && isSpace(s.charAt(pos))) pos++;
    }

    int integer() {
      skipSpace();
      int start = pos;
      if (peek() == '-' || peek() == '+') pos++;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
      if (start == pos) throw malformed();
      try {
        int v = Integer.parseInt(s.substring(start, pos));
        skipSpace();
        return v;
      } catch (NumberFormatException e) {
        throw malformed();
      }
    }

    /** At a '{': the level's items, each an Element or a nested List. */
    Object level() {
      pos++;
      List<Object> items = new ArrayList<>();
      skipSpace();
      if (peek() == '}') {
        pos++;
        return items;
      }
      while (true) {
        skipSpace();
        if (peek() == '{') {
          items.add(level());
        } else {
          items.add(element());
        }
        skipSpace();
        char c = peek();
        pos++;
        if (c == ',') continue;
        if (c == '}') return items;
        throw malformed();
      }
    }

    Element element() {
      StringBuilder sb = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      int trailingSpace = 0;
      while (true) {
        if (pos >= s.length()) throw malformed();
        char c = s.charAt(pos);
        if (c == '"') {
          if (any && !quoted) throw malformed();
          if (quoted) throw malformed();
          quoted = true;
          any = true;
          pos++;
          while (true) {
            if (pos >= s.length()) throw malformed();
            char q = s.charAt(pos++);
            if (q == '\\') {
              if (pos >= s.length()) throw malformed();
              sb.append(s.charAt(pos++));
            } else if (q == '"') {
              break;
            } else {
              sb.append(q);
            }
          }
          trailingSpace = 0;
          continue;
        }
        if (c == ',' || c == '}') break;
        if (c == '{') throw malformed();
        if (quoted) {
          if (isSpace(c)) {
            pos++;
            continue;
          }
          throw malformed();
        }
        if (c == '\\') {
          pos++;
          if (pos >= s.length()) throw malformed();
          sb.append(s.charAt(pos++));
          trailingSpace = 0;
          any = true;
          continue;
        }
        if (isSpace(c)) {
          if (any) {
            sb.append(c);
            trailingSpace++;
          }
          pos++;
          continue;
        }
        sb.append(c);
        trailingSpace = 0;
        any = true;
        pos++;
      }
      if (!any) throw malformed();
      String text = sb.substring(0, sb.length() - trailingSpace);
      if (!quoted && text.toUpperCase(Locale.ROOT).equals("NULL")) return new Element(null);
      return new Element(text);
    }
  }
}
