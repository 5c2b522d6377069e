package org.opendsql.sql.parse;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words that JSqlParser 5.4 reserves (for other dialects) but PostgreSQL 15 reads as plain
 * identifiers, so that a column named {@code script} (Flyway's history table) or {@code output}
 * parses as it does in PostgreSQL. Before parsing, such a word is written as the quoted
 * identifier it folds to; the words were chosen so that no PostgreSQL syntax uses them as a
 * keyword (window frames' CURRENT, UNBOUNDED, EXCLUDE and IS UNKNOWN stay as they are), so
 * quoting them everywhere outside strings and comments changes nothing else.
 */
public final class KeywordSyntax {
  private KeywordSyntax() {}

  static final Set<String> WORDS = Set.of("absent", "connect_by_root", "distinctrow", "errors", "excludes", "extend",
      "fbv", "final", "force", "import", "includes", "minus", "nocycle", "output", "pivot", "preferring", "prewhere",
      "prior", "returns", "sample", "script", "semi", "settings", "sql_cache", "sql_calc_found_rows", "sql_no_cache",
      "statement", "unpivot", "use", "verify", "xor");

  public static String rewrite(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    boolean any = false;
    for (String w : WORDS) {
      if (lower.contains(w)) {
        any = true;
        break;
      }
    }
    if (!any) return sql;
    List<Lexer.Tok> toks = Lexer.tokens(sql);
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int at = 0;
    for (Lexer.Tok t : toks) {
      if (t.kind() != Lexer.Kind.WORD) continue;
      String[] parts = t.text().split("\\.", -1);
      boolean hit = false;
      for (String p : parts) hit |= WORDS.contains(p.toLowerCase(Locale.ROOT));
      if (!hit) continue;
      out.append(sql, at, t.start());
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) out.append('.');
        String p = parts[i].toLowerCase(Locale.ROOT);
        out.append(WORDS.contains(p) ? "\"" + p + "\"" : parts[i]);
      }
      at = t.end();
    }
    if (at == 0) return sql;
    out.append(sql, at, sql.length());
    return out.toString();
  }
}
