package org.opendsql.sql.parse;

import java.util.Locale;
import java.util.regex.Pattern;
import org.opendsql.core.sql.SqlText;

/**
 * JSqlParser 5.4 refuses {@code UPDATE t SET (a, b) = ROW(1, 2)}, PostgreSQL's multiple-column
 * assignment from a row constructor (it reads only a parenthesized list or sub-SELECT there).
 * Before parsing, such a source is put in parentheses, {@code SET (a, b) = (ROW(1, 2))}, which
 * JSqlParser reads as a one-item list holding the row, and the planner assigns its fields; so
 * {@code SET (a) = ROW(1)}, which PostgreSQL accepts and {@code SET (a) = (1)}, which it refuses,
 * stay apart. Only a {@code ROW} after {@code ) =} whose parenthesized column list follows
 * {@code SET} or a comma changes; nothing inside quotes or comments does.
 */
public final class RowAssignmentSyntax {
  private RowAssignmentSyntax() {}

  private static final Pattern CANDIDATE = Pattern.compile("(?is)\\bupdate\\b.*\\)\\s*=\\s*row\\s*\\(");

  public static String rewrite(String sql) {
    if (!CANDIDATE.matcher(sql).find()) return sql;
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = skipQuoted(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = SqlText.skipBlockComment(sql, i);
        out.append(sql, i, end);
        i = end;
      } else if ((c == 'r' || c == 'R') && startsWord(sql, i, "row") && assignedTo(sql, i)) {
        int open = skipSpace(sql, i + 3);
        int close = matchingParen(sql, open);
        if (close < 0) {
          out.append(c);
          i++;
          continue;
        }
        out.append('(').append(sql, i, close + 1).append(')');
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** {@code ROW} at {@code i} as a whole word, followed by an opening parenthesis. */
  private static boolean startsWord(String sql, int i, String word) {
    int end = i + word.length();
    if (end > sql.length() || !sql.substring(i, end).toLowerCase(Locale.ROOT).equals(word)) return false;
    if (i > 0 && isIdent(sql.charAt(i - 1))) return false;
    if (end < sql.length() && isIdent(sql.charAt(end))) return false;
    int p = skipSpace(sql, end);
    return p < sql.length() && sql.charAt(p) == '(';
  }

  /** The text before {@code i} is {@code SET|, (columns) =}. */
  private static boolean assignedTo(String sql, int i) {
    int p = skipSpaceBack(sql, i - 1);
    if (p < 0 || sql.charAt(p) != '=') return false;
    p = skipSpaceBack(sql, p - 1);
    if (p < 0 || sql.charAt(p) != ')') return false;
    int depth = 0;
    for (; p >= 0; p--) {
      char c = sql.charAt(p);
      if (c == ')') depth++;
      else if (c == '(' && --depth == 0) break;
      else if (c == '\'' || c == '"') return false;
    }
    if (p < 0) return false;
    int q = skipSpaceBack(sql, p - 1);
    if (q >= 0 && sql.charAt(q) == ',') return true;
    return q >= 2 && sql.substring(q - 2, q + 1).equalsIgnoreCase("set") && (q < 3 || !isIdent(sql.charAt(q - 3)));
  }

  private static int matchingParen(String sql, int open) {
    int depth = 0;
    for (int i = open; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
    return i;
  }

  private static int skipSpaceBack(String sql, int i) {
    while (i >= 0 && Character.isWhitespace(sql.charAt(i))) i--;
    return i;
  }

  private static boolean isIdent(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static int skipQuoted(String sql, int start, char q) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == q) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
