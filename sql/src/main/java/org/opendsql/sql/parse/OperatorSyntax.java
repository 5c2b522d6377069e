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
 *       {@code a["[]"()]};</li>
 *   <li>the json operators {@code -> ->> #> #>> #- ? ?| ?& @? @@} become calls {@code "->"(l, r)} with
 *       PostgreSQL's precedence, which JSqlParser does not follow (it reads {@code d->'a' = 'x'}
 *       as {@code d->('a' = 'x')}, and {@code #>} not at all): like any operator without a
 *       precedence of its own they bind looser than arithmetic and casts, tighter than
 *       comparisons, LIKE, IS and NOT, and group from the left;</li>
 *   <li>the typed literals {@code json '...'} and {@code jsonb '...'} become casts, and {@code
 *       json_object(...)} a call of the quoted name, which JSqlParser would read as SQL/JSON's
 *       {@code JSON_OBJECT(key VALUE value)}.</li>
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

  /** The json operators rewritten to calls of functions named like them (the planner's JsonBinder knows the same list). */
  public static final Set<String> JSON_OPERATORS = Set.of("->", "->>", "#>", "#>>", "#-", "?", "?|", "?&", "@?", "@@");

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
    return rewriteOthers(rewriteJson(catalogForms(sql)));
  }

  private static final java.util.regex.Pattern CATALOG_FORMS = java.util.regex.Pattern.compile("(?i)\\b(operator|collate)\\b");

  /**
   * The forms psql's catalog queries use: {@code OPERATOR(pg_catalog.~)} is the operator itself,
   * {@code COLLATE pg_catalog.default} (or {@code "default"}) the collation every text has anyway.
   */
  static String catalogForms(String sql) {
    if (!CATALOG_FORMS.matcher(sql).find()) return sql;
    List<Tok> t = tokens(sql);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < t.size(); i++) {
      Tok k = t.get(i);
      if (k.kind != Kind.WORD) continue;
      if (k.text.equalsIgnoreCase("operator") && i + 1 < t.size() && t.get(i + 1).is("(")) {
        int close = i + 2;
        while (close < t.size() && !t.get(close).is(")")) close++;
        if (close >= t.size() || t.get(close - 1).kind != Kind.OP) continue;
        boolean qualified = close - i == 5 && t.get(i + 2).text.equalsIgnoreCase("pg_catalog") && t.get(i + 3).is(".");
        if (close - i != 3 && !qualified) continue;
        out.append(sql, copied, k.start).append(' ').append(t.get(close - 1).text).append(' ');
        copied = t.get(close).end;
        i = close;
      } else if (k.text.equalsIgnoreCase("collate") && i + 1 < t.size()) {
        Tok a = t.get(i + 1);
        boolean plainDefault = a.text.equals("\"default\"");
        boolean qualified = i + 3 < t.size() && a.text.equalsIgnoreCase("pg_catalog") && t.get(i + 2).is(".")
            && (t.get(i + 3).text.equalsIgnoreCase("default") || t.get(i + 3).text.equals("\"default\""));
        if (!plainDefault && !qualified) continue;
        Tok last = plainDefault ? a : t.get(i + 3);
        out.append(sql, copied, k.start);
        copied = last.end;
        i += plainDefault ? 1 : 3;
      }
    }
    if (copied == 0) return sql;
    return out.append(sql, copied, sql.length()).toString();
  }

  /** Words that end an operand on its left: a clause or an operator spelled as a word, never a function or type name. */
  private static final Set<String> KEYWORDS = Set.of("select", "where", "and", "or", "not", "on", "when", "then",
      "else", "case", "in", "is", "like", "ilike", "between", "by", "having", "values", "set", "returning",
      "distinct", "all", "any", "some", "as", "from", "using", "limit", "offset", "filter", "over", "order",
      "group", "exists", "with", "join", "lateral", "union", "except", "intersect", "into", "update", "delete",
      "insert", "table", "do", "conflict", "similar", "escape", "to", "for", "asc", "desc", "nulls", "return",
      "inner", "left", "right", "full", "outer", "cross", "natural", "window", "partition", "rows", "range");

  private static final Set<String> COMPARISONS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=");

  private static final java.util.regex.Pattern JSON_WORD = java.util.regex.Pattern.compile("(?i)\\b(jsonb?|json_object)\\b");

  /** {@code json '...'} and {@code jsonb '...'}, typed literals JSqlParser does not read, become casts. */
  private static String typedJsonLiterals(String sql) {
    if (!JSON_WORD.matcher(sql).find()) return sql;
    List<Tok> t = tokens(sql);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i + 1 < t.size(); i++) {
      Tok k = t.get(i);
      Tok next = t.get(i + 1);
      boolean typeWord = k.kind == Kind.WORD && (k.text.equalsIgnoreCase("json") || k.text.equalsIgnoreCase("jsonb"));
      boolean afterDot = i > 0 && t.get(i - 1).is(".");
      if (k.kind == Kind.WORD && !afterDot && next.is("(") && (k.text.equalsIgnoreCase("json_object"))) {
        // JSqlParser reads json_object(...) as SQL/JSON's JSON_OBJECT(key VALUE v); PostgreSQL 15 has only the function.
        out.append(sql, copied, k.start).append('"').append(k.text.toLowerCase(Locale.ROOT)).append('"');
        copied = k.end;
        continue;
      }
      if (typeWord && !afterDot && next.kind == Kind.STRING && next.text.startsWith("'")) {
        out.append(sql, copied, k.start).append(next.text).append("::").append(k.text);
        copied = next.end;
        i++;
      }
    }
    if (copied == 0) return sql;
    return out.append(sql, copied, sql.length()).toString();
  }

  private static String rewriteJson(String original) {
    String sql = typedJsonLiterals(original);
    if (!sql.contains("->") && sql.indexOf('#') < 0 && sql.indexOf('?') < 0 && !sql.contains("@@")) return sql;
    String cur = sql;
    while (true) {
      List<Tok> t = tokens(cur);
      int i = -1;
      String op = null;
      for (int k = 0; k < t.size() && i < 0; k++) {
        op = t.get(k).kind == Kind.OP ? jsonOperator(t.get(k).text) : null;
        if (op != null) i = k;
      }
      if (i < 0) return cur;
      int left = leftOperandStart(t, i);
      int right = operandEnd(t, i + 1);
      if (left < 0 || right <= i + 1) return cur;
      Tok k = t.get(i);
      String l = cur.substring(t.get(left).start, k.start).trim();
      String r = cur.substring(k.start + op.length(), t.get(right - 1).end).trim();
      cur = cur.substring(0, t.get(left).start) + '"' + op + "\"(" + l + ", " + r + ')' + cur.substring(t.get(right - 1).end);
    }
  }

  /** The json operator a token is, also when signs of the right operand stuck to it ({@code ->-1}). */
  private static String jsonOperator(String text) {
    if (JSON_OPERATORS.contains(text)) return text;
    for (String op : List.of("->>", "->", "#>>", "#>")) {
      if (text.startsWith(op) && text.length() > op.length() && text.substring(op.length()).matches("[+-]+")) return op;
    }
    return null;
  }

  /** The first token of the left operand of the operator at {@code op}, or -1 if there is none. */
  private static int leftOperandStart(List<Tok> t, int op) {
    int j = op - 1;
    int start = -1;
    while (j >= 0) {
      int s = unitStart(t, j);
      if (s < 0) return start;
      start = s;
      if (s - 1 < 0) return start;
      Tok before = t.get(s - 1);
      if (before.kind != Kind.OP || COMPARISONS.contains(before.text)) return start;
      boolean unary = s - 2 < 0 || !endsOperand(t.get(s - 2));
      if (unary) return before.is("-") || before.is("+") ? s - 1 : start;
      j = s - 2;
    }
    return start;
  }

  private static boolean endsOperand(Tok k) {
    return switch (k.kind) {
      case NUMBER, STRING, QUOTED -> true;
      case WORD -> !KEYWORDS.contains(k.text.toLowerCase(Locale.ROOT)) || k.text.equalsIgnoreCase("end");
      case PUNCT -> k.is(")") || k.is("]");
      default -> false;
    };
  }

  /** The first token of the primary (with its casts and subscripts) that ends at token {@code j}, or -1. */
  private static int unitStart(List<Tok> t, int j) {
    while (j >= 0) {
      Tok k = t.get(j);
      if (k.is("]")) {
        int o = matchingBack(t, j);
        if (o < 0) return -1;
        if (o - 1 >= 0 && t.get(o - 1).kind == Kind.WORD && t.get(o - 1).text.equalsIgnoreCase("array")) return o - 1;
        j = o - 1;
        continue;
      }
      int cast = castStart(t, j);
      if (cast >= 0) {
        j = cast - 1;
        continue;
      }
      break;
    }
    if (j < 0) return -1;
    Tok k = t.get(j);
    if (k.is(")")) {
      int o = matchingBack(t, j);
      if (o < 0) return -1;
      if (o - 1 >= 0 && (t.get(o - 1).kind == Kind.QUOTED || (t.get(o - 1).kind == Kind.WORD
          && !KEYWORDS.contains(t.get(o - 1).text.toLowerCase(Locale.ROOT))))) {
        return qualifiedStart(t, o - 1);
      }
      return o;
    }
    if (k.kind == Kind.STRING) {
      if (j - 1 >= 0 && t.get(j - 1).kind == Kind.WORD && !KEYWORDS.contains(t.get(j - 1).text.toLowerCase(Locale.ROOT))) {
        return j - 1;
      }
      return j;
    }
    if (k.kind == Kind.NUMBER) return j;
    if (k.kind == Kind.WORD && k.text.equalsIgnoreCase("end")) {
      int depth = 0;
      for (int m = j; m >= 0; m--) {
        Tok w = t.get(m);
        if (w.kind != Kind.WORD) continue;
        if (w.text.equalsIgnoreCase("end")) depth++;
        else if (w.text.equalsIgnoreCase("case") && --depth == 0) return m;
      }
      return -1;
    }
    if (k.kind == Kind.QUOTED || (k.kind == Kind.WORD && !KEYWORDS.contains(k.text.toLowerCase(Locale.ROOT)))) {
      return qualifiedStart(t, j);
    }
    return -1;
  }

  /** Where a {@code ::type} suffix ending at {@code j} starts (its {@code ::}), or -1. */
  private static int castStart(List<Tok> t, int j) {
    int m = j;
    if (t.get(m).is(")")) {
      m = matchingBack(t, m);
      if (m < 1) return -1;
      m--;
    }
    // A type of several words ends in one of them: double precision, time with time zone.
    while (m >= 0 && t.get(m).kind == Kind.WORD) {
      if (m - 1 >= 0 && t.get(m - 1).is("::")) return m - 1;
      if (!TYPE_TAILS.contains(t.get(m).text.toLowerCase(Locale.ROOT))) return -1;
      m--;
    }
    return -1;
  }

  private static int qualifiedStart(List<Tok> t, int s) {
    while (s - 2 >= 0 && t.get(s - 1).is(".") && (t.get(s - 2).kind == Kind.WORD || t.get(s - 2).kind == Kind.QUOTED)) s -= 2;
    return s;
  }

  /** The index of the bracket or parenthesis opening the one that closes at {@code close}, or -1. */
  private static int matchingBack(List<Tok> t, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      Tok k = t.get(i);
      if (k.is("]") || k.is(")")) depth++;
      else if (k.is("[") || k.is("(")) {
        if (--depth == 0) return i;
      }
    }
    return -1;
  }

  private static String rewriteOthers(String sql) {
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
    } else if (k.kind == Kind.WORD && k.text.equalsIgnoreCase("case")) {
      int depth = 0;
      end = -1;
      for (int m = i; m < t.size() && end < 0; m++) {
        Tok w = t.get(m);
        if (w.kind != Kind.WORD) continue;
        if (w.text.equalsIgnoreCase("case")) depth++;
        else if (w.text.equalsIgnoreCase("end") && --depth == 0) end = m + 1;
      }
      if (end < 0) return i;
    } else if (k.kind == Kind.WORD && i + 1 < t.size() && t.get(i + 1).kind == Kind.STRING
        && !KEYWORDS.contains(k.text.toLowerCase(Locale.ROOT))) {
      end = i + 2;
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
