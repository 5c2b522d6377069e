package org.opendsql.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opendsql.core.sql.SqlText;

/**
 * PostgreSQL syntax JSqlParser 5.4 does not parse, rewritten before parsing into calls of
 * functions whose names no query can write unquoted, which the binder knows:
 * <ul>
 *   <li>the prefix operators {@code |/ x} (square root) and {@code ||/ x} (cube root) become
 *       {@code "|/"(x)} and {@code "||/"(x)}; their operand extends over arithmetic, which binds
 *       tighter than a prefix operator in PostgreSQL's grammar;</li>
 *   <li>the type suffix {@code int ARRAY} becomes {@code int[]};</li>
 *   <li>array slices {@code a[lo:hi]}, {@code a[lo:]}, {@code a[:hi]}, {@code a[:]} become the
 *       subscripts {@code a["[:]"(lo, hi)]}, {@code a["[lo:]"(lo)]}, {@code a["[:hi]"(hi)]},
 *       {@code a["[]"()]}.</li>
 * </ul>
 * Nothing else in the text changes.
 */
public final class OperatorSyntax {
  private OperatorSyntax() {}

  public static final String SQRT = "|/";
  public static final String CBRT = "||/";
  public static final String SLICE = "[:]";
  public static final String SLICE_FROM = "[lo:]";
  public static final String SLICE_TO = "[:hi]";
  public static final String SLICE_ALL = "[]";

  private enum Kind { WORD, NUMBER, STRING, QUOTED, OP, PUNCT }

  private record Tok(Kind kind, String text, int start, int end) {
    boolean is(String s) {
      return (kind == Kind.OP || kind == Kind.PUNCT) && text.equals(s);
    }
  }

  private static final String OP_CHARS = "+-*/<>=~!@#%^&|`?";
  private static final java.util.regex.Pattern ARRAY_WORD = java.util.regex.Pattern.compile("(?i)\\barray\\b");
  private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "^");

  public static String rewrite(String sql) {
    if (sql.indexOf('[') < 0 && sql.indexOf("|/") < 0 && !ARRAY_WORD.matcher(sql).find()) return sql;
    List<Tok> t = tokens(sql);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int i = 0;
    while (i < t.size()) {
      Tok k = t.get(i);
      if (k.is("[")) {
        int close = matching(t, i);
        int colon = close < 0 ? -1 : topLevelColon(t, i, close);
        if (colon >= 0) {
          out.append(sql, copied, k.end);
          String lo = sql.substring(k.end, t.get(colon).start).trim();
          String hi = sql.substring(t.get(colon).end, t.get(close).start).trim();
          String name = lo.isEmpty() ? (hi.isEmpty() ? SLICE_ALL : SLICE_TO) : (hi.isEmpty() ? SLICE_FROM : SLICE);
          out.append('"').append(name).append("\"(");
          if (!lo.isEmpty()) out.append(rewrite(lo));
          if (!lo.isEmpty() && !hi.isEmpty()) out.append(", ");
          if (!hi.isEmpty()) out.append(rewrite(hi));
          out.append(')');
          copied = t.get(close).start;
          i = close;
          continue;
        }
      } else if (k.kind == Kind.WORD && k.text.equalsIgnoreCase("array")
          && (i + 1 >= t.size() || !(t.get(i + 1).is("[") || t.get(i + 1).is("(")))) {
        out.append(sql, copied, k.start).append("[]");
        copied = k.end;
      } else if (k.kind == Kind.OP && (k.text.equals(SQRT) || k.text.equals(CBRT))) {
        int end = operandEnd(t, i + 1);
        if (end > i + 1) {
          out.append(sql, copied, k.start);
          out.append('"').append(k.text).append("\"(")
              .append(rewrite(sql.substring(t.get(i + 1).start, t.get(end - 1).end))).append(')');
          copied = t.get(end - 1).end;
          i = end;
          continue;
        }
      }
      i++;
    }
    if (copied == 0) return sql;
    out.append(sql, copied, sql.length());
    return out.toString();
  }

  /** The index of the bracket or parenthesis closing the one at {@code open}, or -1. */
  private static int matching(List<Tok> t, int open) {
    int depth = 0;
    for (int i = open; i < t.size(); i++) {
      Tok k = t.get(i);
      if (k.is("[") || k.is("(")) depth++;
      else if (k.is("]") || k.is(")")) {
        if (--depth == 0) return i;
      }
    }
    return -1;
  }

  private static int topLevelColon(List<Tok> t, int open, int close) {
    int depth = 0;
    for (int i = open + 1; i < close; i++) {
      Tok k = t.get(i);
      if (k.is("[") || k.is("(")) depth++;
      else if (k.is("]") || k.is(")")) depth--;
      else if (depth == 0 && k.is(":")) return i;
    }
    return -1;
  }

  /**
   * The token index just past a prefix operator's operand: signs, a primary (literal, name,
   * call, parenthesized expression) with its subscripts and casts, then more of the same joined
   * by arithmetic operators.
   */
  private static int operandEnd(List<Tok> t, int i) {
    while (true) {
      while (i < t.size() && (t.get(i).is("-") || t.get(i).is("+"))) i++;
      int p = primaryEnd(t, i);
      if (p == i) return i;
      i = p;
      if (i < t.size() && t.get(i).kind == Kind.OP && ARITHMETIC.contains(t.get(i).text)) {
        i++;
        continue;
      }
      return i;
    }
  }

  private static final Set<String> TYPE_TAILS = Set.of("precision", "varying", "with", "without", "time", "zone");

  private static int primaryEnd(List<Tok> t, int i) {
    if (i >= t.size()) return i;
    Tok k = t.get(i);
    int end;
    if (k.kind == Kind.NUMBER || k.kind == Kind.STRING) {
      end = i + 1;
    } else if (k.is("(")) {
      int c = matching(t, i);
      if (c < 0) return i;
      end = c + 1;
    } else if (k.kind == Kind.WORD || k.kind == Kind.QUOTED) {
      end = i + 1;
      while (end + 1 < t.size() && t.get(end).is(".") && (t.get(end + 1).kind == Kind.WORD
          || t.get(end + 1).kind == Kind.QUOTED)) {
        end += 2;
      }
      if (end < t.size() && t.get(end).is("(")) {
        int c = matching(t, end);
        if (c < 0) return i;
        end = c + 1;
      }
    } else {
      return i;
    }
    while (end < t.size()) {
      Tok n = t.get(end);
      if (n.is("[")) {
        int c = matching(t, end);
        if (c < 0) break;
        end = c + 1;
      } else if (n.is("::") && end + 1 < t.size() && t.get(end + 1).kind == Kind.WORD) {
        end += 2;
        while (end < t.size() && t.get(end).kind == Kind.WORD
            && TYPE_TAILS.contains(t.get(end).text.toLowerCase(Locale.ROOT))) {
          end++;
        }
        if (end < t.size() && t.get(end).is("(")) {
          int c = matching(t, end);
          if (c < 0) break;
          end = c + 1;
        }
      } else {
        break;
      }
    }
    return end;
  }

  /** Tokens with their positions; comments are skipped, strings and quoted names kept whole. */
  private static List<Tok> tokens(String sql) {
    List<Tok> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int s = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = SqlText.skipBlockComment(sql, i);
      } else if (c == '\'') {
        boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
        i++;
        while (i < n) {
          char ch = sql.charAt(i);
          if (escapes && ch == '\\') {
            i += 2;
          } else if (ch == '\'') {
            if (i + 1 < n && sql.charAt(i + 1) == '\'') i += 2;
            else break;
          } else {
            i++;
          }
        }
        i = Math.min(n, i + 1);
        out.add(new Tok(Kind.STRING, sql.substring(s, i), s, i));
      } else if (c == '"') {
        i++;
        while (i < n) {
          if (sql.charAt(i) == '"') {
            if (i + 1 < n && sql.charAt(i + 1) == '"') {
              i += 2;
              continue;
            }
            break;
          }
          i++;
        }
        i = Math.min(n, i + 1);
        out.add(new Tok(Kind.QUOTED, sql.substring(s, i), s, i));
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) i++;
        out.add(new Tok(Kind.WORD, sql.substring(s, i), s, i));
      } else if (c == '$') {
        int close = sql.indexOf('$', i + 1);
        String tag = close < 0 ? null : sql.substring(i, close + 1);
        int end = tag == null ? -1 : sql.indexOf(tag, close + 1);
        i = end < 0 ? n : end + tag.length();
        out.add(new Tok(Kind.STRING, sql.substring(s, i), s, i));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
        out.add(new Tok(Kind.WORD, sql.substring(s, i), s, i));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          if ((sql.charAt(i) == 'e' || sql.charAt(i) == 'E') && i + 1 < n
              && (sql.charAt(i + 1) == '-' || sql.charAt(i + 1) == '+')) {
            i++;
          }
          i++;
        }
        out.add(new Tok(Kind.NUMBER, sql.substring(s, i), s, i));
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        i += 2;
        out.add(new Tok(Kind.PUNCT, "::", s, i));
      } else if (OP_CHARS.indexOf(c) >= 0) {
        while (i < n && OP_CHARS.indexOf(sql.charAt(i)) >= 0) {
          if ((sql.charAt(i) == '-' && i + 1 < n && sql.charAt(i + 1) == '-')
              || (sql.charAt(i) == '/' && i + 1 < n && sql.charAt(i + 1) == '*')) {
            break;
          }
          i++;
        }
        out.add(new Tok(Kind.OP, sql.substring(s, i), s, i));
      } else {
        i++;
        out.add(new Tok(Kind.PUNCT, String.valueOf(c), s, i));
      }
    }
    return out;
  }
}
