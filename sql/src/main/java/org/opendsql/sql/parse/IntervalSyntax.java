package org.opendsql.sql.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendsql.core.sql.SqlText;

/**
 * JSqlParser 5.4 drops the fields of an interval type in a column definition ({@code d interval
 * hour to minute} reads as plain {@code interval}). Before parsing, an interval type with fields
 * is written as one quoted type name ({@code "interval hour to minute"}), which it keeps and the
 * binder's type names read; interval literals ({@code INTERVAL '1' DAY}) are left alone, since a
 * string follows their keyword. Nothing inside quotes or comments changes.
 */
public final class IntervalSyntax {
  private IntervalSyntax() {}

  private static final Pattern CANDIDATE = Pattern.compile(
      "(?i)\\binterval\\s+(year|month|day|hour|minute|second)\\b");
  private static final Set<String> FIELDS = Set.of("year", "month", "day", "hour", "minute", "second");
  private static final Pattern TYPE = Pattern.compile(
      "(?i)interval\\s+(year|month|day|hour|minute|second)(\\s+to\\s+(month|hour|minute|second))?\\b");

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
      } else if ((c == 'i' || c == 'I') && (i == 0 || !isIdent(sql.charAt(i - 1)))) {
        Matcher m = TYPE.matcher(sql);
        m.region(i, n);
        if (m.lookingAt() && FIELDS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
          String fields = m.group(1) + (m.group(2) == null ? "" : " to " + m.group(3));
          out.append("\"interval ").append(fields.toLowerCase(Locale.ROOT)).append('"');
          i = m.end();
        } else {
          out.append(c);
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
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
