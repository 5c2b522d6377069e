package org.opendsql.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.opendsql.core.sql.SqlText;

/**
 * JSqlParser 5.4 does not parse a window specification that starts with the name of another
 * window ({@code OVER (w ORDER BY x)}, {@code WINDOW w2 AS (w1 ROWS ...)}), which PostgreSQL
 * allows. Before parsing, such a name is moved into a PARTITION BY item that no query can
 * write ({@code PARTITION BY "#window#w" ORDER BY x}); the binder recognises the marker and
 * applies SQL's rules for copying the named window. Nothing else in the text changes.
 */
public final class WindowSyntax {
  /** Prefix of the marker column's name; the window's name follows it. */
  public static final String REF_MARK = "#window#";

  private static final Pattern OVER = Pattern.compile("(?i)\\bover\\b");
  private static final Pattern WINDOW = Pattern.compile("(?i)\\bwindow\\b");
  private static final Set<String> SPEC_WORDS = Set.of("partition", "order", "rows", "range", "groups");

  private WindowSyntax() {}

  record Tok(String text, boolean word, boolean quoted, int start, int end) {
    boolean is(String w) {
      return word && text.equalsIgnoreCase(w);
    }
  }

  public static String rewrite(String sql) {
    if (!OVER.matcher(sql).find()) return sql;
    boolean windowClause = WINDOW.matcher(sql).find();
    List<Tok> t = tokens(sql);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i + 3 < t.size(); i++) {
      boolean opener = t.get(i).is("over") || (windowClause && t.get(i).is("as"));
      if (!opener || !t.get(i + 1).text.equals("(")) continue;
      Tok name = t.get(i + 2);
      if (!(name.quoted || (name.word && !SPEC_WORDS.contains(name.text.toLowerCase(Locale.ROOT))))) continue;
      Tok next = t.get(i + 3);
      boolean own = next.word && SPEC_WORDS.contains(next.text.toLowerCase(Locale.ROOT));
      if (!next.text.equals(")") && !own) continue;
      String folded = name.quoted ? name.text : name.text.toLowerCase(Locale.ROOT);
      String marker = "PARTITION BY \"" + (REF_MARK + folded).replace("\"", "\"\"") + "\"";
      out.append(sql, copied, name.start);
      if (next.is("partition") && i + 4 < t.size() && t.get(i + 4).is("by")) {
        // OVER (w PARTITION BY x): kept, so that the binder refuses it as PostgreSQL does.
        out.append(marker).append(',');
        copied = t.get(i + 4).end;
      } else {
        out.append(marker).append(' ');
        copied = name.end;
      }
    }
    if (copied == 0) return sql;
    out.append(sql, copied, sql.length());
    return out.toString();
  }

  /** Words, quoted identifiers and single symbols with their positions; strings and comments skipped. */
  static List<Tok> tokens(String sql) {
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
        i++;
        out.add(new Tok("'", false, false, i, i));
      } else if (c == '"') {
        int s = i++;
        StringBuilder id = new StringBuilder();
        while (i < n) {
          if (sql.charAt(i) == '"') {
            if (i + 1 < n && sql.charAt(i + 1) == '"') {
              id.append('"');
              i += 2;
              continue;
            }
            break;
          }
          id.append(sql.charAt(i++));
        }
        i = Math.min(n, i + 1);
        out.add(new Tok(id.toString(), false, true, s, i));
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
        out.add(new Tok(sql.substring(s, i), true, false, s, i));
      } else {
        out.add(new Tok(String.valueOf(c), false, false, i, i + 1));
        i++;
      }
    }
    return out;
  }
}
