package org.opendsql.sql.parse;

import java.util.List;
import java.util.regex.Pattern;

/**
 * JSqlParser 5.4 parses {@code GROUPING SETS (...)} only as the whole GROUP BY clause, not beside
 * other items ({@code GROUP BY a, GROUPING SETS ((b), ())}) nor nested in another one, all of which
 * PostgreSQL allows. Before parsing, each {@code GROUPING SETS (} becomes a call of a function no
 * query can name ({@code "#grouping_sets#"(}), which parses anywhere a ROLLUP or CUBE does; the
 * planner expands it with them. Nothing else in the text changes.
 */
public final class GroupingSyntax {
  /** The marker function's name as the parser reports it (quotes included). */
  public static final String GROUPING_SETS = "\"#grouping_sets#\"";
  /** {@code GROUP BY DISTINCT} becomes this marker column as the clause's first item. */
  public static final String DISTINCT = "\"#group_by_distinct#\"";

  private static final Pattern WORDS = Pattern.compile("(?i)\\bgrouping\\s+sets\\b|\\bgroup\\s+by\\s+(distinct|all)\\b");

  private GroupingSyntax() {}

  /**
   * Also {@code GROUP BY ALL} (the default) loses its ALL, and {@code GROUP BY DISTINCT} its
   * DISTINCT for the {@link #DISTINCT} marker: the parser takes neither.
   */
  public static String rewrite(String sql) {
    if (!WORDS.matcher(sql).find()) return sql;
    List<WindowSyntax.Tok> t = WindowSyntax.tokens(sql);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i + 2 < t.size(); i++) {
      if (t.get(i).is("grouping") && t.get(i + 1).is("sets") && t.get(i + 2).text().equals("(")) {
        out.append(sql, copied, t.get(i).start()).append(GROUPING_SETS);
        copied = t.get(i + 1).end();
      } else if (t.get(i).is("group") && t.get(i + 1).is("by") && (t.get(i + 2).is("distinct") || t.get(i + 2).is("all"))) {
        out.append(sql, copied, t.get(i + 2).start());
        if (t.get(i + 2).is("distinct")) out.append(DISTINCT).append(',');
        copied = t.get(i + 2).end();
      }
    }
    out.append(sql, copied, sql.length());
    return out.toString();
  }
}
