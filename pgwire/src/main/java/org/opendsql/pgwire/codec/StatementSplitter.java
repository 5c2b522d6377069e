package org.opendsql.pgwire.codec;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.sql.SqlText;

/**
 * Splits a simple-query string into statements at top-level semicolons, the way PostgreSQL's
 * lexer sees them: semicolons inside '...' (with '' escapes), E'...' (with backslash escapes),
 * "identifiers", $tag$ dollar quotes $tag$, -- line comments and nested block comments do not
 * split. Statements holding only whitespace and comments are dropped, so a string of nothing but
 * those yields an empty list (EmptyQueryResponse).
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  public static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    int n = sql.length();
    int start = 0;
    boolean significant = false;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == ';') {
        if (significant) out.add(sql.substring(start, i).strip());
        start = i + 1;
        significant = false;
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = skipLineComment(sql, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = SqlText.skipBlockComment(sql, i);
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        significant = true;
        if (c == '\'') {
          i = skipQuoted(sql, i, '\'', false);
        } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\''
            && !identChar(sql, i - 1)) {
          i = skipQuoted(sql, i + 1, '\'', true);
        } else if (c == '"') {
          i = skipQuoted(sql, i, '"', false);
        } else if (c == '$' && !identChar(sql, i - 1)) {
          i = skipDollar(sql, i);
        } else if (identStart(c)) {
          // An identifier may contain '$' or end in 'E', so consume it whole.
          i++;
          while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
              || sql.charAt(i) == '$')) {
            i++;
          }
        } else {
          i++;
        }
      }
    }
    if (significant) out.add(sql.substring(start).strip());
    return out;
  }

  private static boolean identStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean identChar(String s, int i) {
    if (i < 0) return false;
    char c = s.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static int skipLineComment(String s, int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl + 1;
  }

  /** {@code i} is at the opening quote; returns the index after the closing one (or the end). */
  private static int skipQuoted(String s, int i, char q, boolean backslashEscapes) {
    int n = s.length();
    i++;
    while (i < n) {
      char c = s.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == q) {
        if (i + 1 < n && s.charAt(i + 1) == q) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private static int skipDollar(String s, int i) {
    int n = s.length();
    int j = i + 1;
    if (j < n && identStart(s.charAt(j))) {
      j++;
      while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
    }
    if (j >= n || s.charAt(j) != '$') {
      return i + 1; // a positional parameter like $1, or a stray '$'
    }
    String tag = s.substring(i, j + 1);
    int close = s.indexOf(tag, j + 1);
    return close < 0 ? n : close + tag.length();
  }
}
