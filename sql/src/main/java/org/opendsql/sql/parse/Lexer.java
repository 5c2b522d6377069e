package org.opendsql.sql.parse;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.sql.SqlText;

/**
 * A small PostgreSQL-aware tokenizer: enough to recognise utility statements and to split a
 * query string into statements without being fooled by quotes, dollar quotes or comments.
 */
public final class Lexer {
  private Lexer() {}

  public enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, SYMBOL }

  /** A token; {@code start} and {@code end} are its offsets in the statement text. */
  public record Tok(Kind kind, String text, int start, int end) {}

  /** Tokens of one statement, comments and a trailing semicolon removed. */
  public static List<Tok> tokens(String sql) {
    List<Tok> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = SqlText.skipBlockComment(sql, i);
      } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
        int start = c == '\'' ? i : i + 1;
        int end = skipQuoted(sql, start, '\'');
        out.add(new Tok(Kind.STRING, sql.substring(start + 1, end - 1).replace("''", "'"), i, end));
        i = end;
      } else if (c == '"') {
        int end = skipQuoted(sql, i, '"');
        out.add(new Tok(Kind.QUOTED_IDENT, sql.substring(i + 1, end - 1).replace("\"\"", "\""), i, end));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '.' || sql.charAt(i) == '$')) i++;
        out.add(new Tok(Kind.WORD, sql.substring(s, i), s, i));
      } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int s = i++;
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
        out.add(new Tok(Kind.NUMBER, sql.substring(s, i), s, i));
      } else {
        out.add(new Tok(Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    while (!out.isEmpty() && out.get(out.size() - 1).text().equals(";") && out.get(out.size() - 1).kind() == Kind.SYMBOL) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /**
   * The deepest nesting of parentheses and CASE ... END in {@code sql}, quotes and comments
   * skipped: a linear pre-check, so that a statement too deep to parse is refused in microseconds.
   */
  public static int nestingDepth(String sql) {
    int depth = 0;
    int max = 0;
    for (Tok t : tokens(sql)) {
      if (t.kind() == Kind.SYMBOL) {
        if (t.text().equals("(")) max = Math.max(max, ++depth);
        else if (t.text().equals(")")) depth--;
      } else if (t.kind() == Kind.WORD) {
        if (t.text().equalsIgnoreCase("case")) max = Math.max(max, ++depth);
        else if (t.text().equalsIgnoreCase("end")) depth--;
      }
    }
    return max;
  }

  /** Index just past the closing quote (doubled quotes stay inside). */
  private static int skipQuoted(String sql, int start, char q) {
    int i = start + 1;
    int n = sql.length();
    while (i < n) {
      if (sql.charAt(i) == q) {
        if (i + 1 < n && sql.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      if (q == '\'' && sql.charAt(i) == '\\' && start > 0 && (sql.charAt(start - 1) == 'E' || sql.charAt(start - 1) == 'e')) {
        i += 2;
        continue;
      }
      i++;
    }
    return n;
  }

}
