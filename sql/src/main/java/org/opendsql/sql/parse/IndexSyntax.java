package org.opendsql.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What JSqlParser drops or refuses in CREATE INDEX: the {@code INCLUDE (...)} list (parsed and
 * silently lost) and DSQL's {@code ASYNC} keyword (a syntax error there). Both are taken out of
 * the text here and handed to the planner beside the parsed statement.
 */
public final class IndexSyntax {
  private IndexSyntax() {}

  /**
   * The text without them, the INCLUDE columns (raw identifiers), whether ASYNC was given, and
   * whether it ends in NULLS NOT DISTINCT (which the parser would drop: the caller refuses it).
   */
  public record Split(String sql, List<String> include, boolean async, boolean nullsNotDistinct) {}

  private static final Pattern NULLS_DISTINCT = Pattern.compile("(?is)\\s+nulls\\s+(not\\s+)?distinct\\s*;?\\s*$");

  private static final Pattern CREATE_INDEX =
      Pattern.compile("(?is)^\\s*create\\s+(unique\\s+)?index\\s+(async\\s+)?(.*)$");
  private static final Pattern INCLUDE = Pattern.compile("(?is)\\binclude\\s*\\(([^)]*)\\)");

  /** Null when {@code sql} is not a CREATE INDEX. */
  public static Split split(String sql) {
    Matcher m = CREATE_INDEX.matcher(sql);
    if (!m.matches()) return null;
    String rest = m.group(3);
    List<String> include = new ArrayList<>();
    Matcher inc = INCLUDE.matcher(rest);
    if (inc.find()) {
      for (String c : inc.group(1).split(",")) if (!c.isBlank()) include.add(c.trim());
      rest = rest.substring(0, inc.start()) + rest.substring(inc.end());
    }
    boolean notDistinct = false;
    Matcher nulls = NULLS_DISTINCT.matcher(rest);
    if (nulls.find()) {
      // NULLS DISTINCT is what every unique index here does; NOT DISTINCT is not built.
      notDistinct = nulls.group(1) != null;
      rest = rest.substring(0, nulls.start());
    }
    String head = "CREATE " + (m.group(1) == null ? "" : "UNIQUE ") + "INDEX ";
    return new Split(head + rest, include, m.group(2) != null, notDistinct);
  }
}
