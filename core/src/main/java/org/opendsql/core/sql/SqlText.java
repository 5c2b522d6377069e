package org.opendsql.core.sql;

/** Lexical rules of PostgreSQL's SQL text shared by the wire layer's splitter and the engine's lexer. */
public final class SqlText {
  private SqlText() {}

  /**
   * {@code i} is at a {@code /*}; returns the index after the matching close. Block comments
   * nest in PostgreSQL, unlike in the SQL standard; an unclosed one runs to the end.
   */
  public static int skipBlockComment(String s, int i) {
    int depth = 0;
    int n = s.length();
    while (i < n) {
      if (s.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (s.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) return i;
      } else {
        i++;
      }
    }
    return n;
  }
}
