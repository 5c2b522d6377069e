package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendsql.core.error.Errors;

/**
 * The REFERENCES clause of a column definition, which the SQL parser hands over as one string:
 * {@code REFERENCES [schema.]table [(columns)] [ON DELETE action] [ON UPDATE action]}, read with
 * PostgreSQL's folding of identifiers. MATCH FULL/PARTIAL and deferrable constraints are 0A000.
 */
public final class ForeignKeySyntax {
  private ForeignKeySyntax() {}

  /** The constraint a column's {@code REFERENCES ...} text declares for {@code column}. */
  public static Plan.ForeignKey columnReference(String name, String column, String text) {
    List<String> t = tokens(text);
    int[] at = {0};
    expect(t, at, "references");
    String parent = ident(t, at);
    if (at[0] < t.size() && t.get(at[0]).equals(".")) {
      at[0]++;
      parent = parent + "." + ident(t, at);
    }
    List<String> parentColumns = null;
    if (at[0] < t.size() && t.get(at[0]).equals("(")) {
      at[0]++;
      parentColumns = new ArrayList<>();
      do {
        parentColumns.add(ident(t, at));
      } while (at[0] < t.size() && t.get(at[0]).equals(",") && ++at[0] > 0);
      expect(t, at, ")");
    }
    char[] actions = actions(t, at);
    return new Plan.ForeignKey(name, List.of(column), parent, parentColumns, actions[0], actions[1]);
  }

  /** ON DELETE / ON UPDATE actions from {@code at} to the end: {onDelete, onUpdate}, NO ACTION when absent. */
  static char[] actions(List<String> t, int[] at) {
    char[] out = {'a', 'a'};
    while (at[0] < t.size()) {
      String w = word(t, at);
      if (w.equals("match")) {
        String kind = word(t, at);
        if (!kind.equals("simple")) throw Errors.unsupported("MATCH " + kind.toUpperCase(Locale.ROOT) + " foreign keys");
        continue;
      }
      if (w.equals("deferrable") || w.equals("initially")) throw Errors.unsupported("deferrable constraints");
      if (w.equals("not")) {
        String next = word(t, at);
        if (next.equals("deferrable")) continue;
        throw Errors.syntaxErrorAt(next);
      }
      if (!w.equals("on")) throw Errors.syntaxErrorAt(w);
      String which = word(t, at);
      if (!which.equals("delete") && !which.equals("update")) throw Errors.syntaxErrorAt(which);
      out[which.equals("delete") ? 0 : 1] = action(t, at);
    }
    return out;
  }

  /** One referential action's letter: a(NO ACTION), r(RESTRICT), c(CASCADE), n(SET NULL), d(SET DEFAULT). */
  static char action(List<String> t, int[] at) {
    String w = word(t, at);
    switch (w) {
      case "cascade":
        return 'c';
      case "restrict":
        return 'r';
      case "no":
        if (!word(t, at).equals("action")) throw Errors.syntaxErrorAt(t.get(at[0] - 1));
        return 'a';
      case "set": {
        String v = word(t, at);
        if (at[0] < t.size() && t.get(at[0]).equals("(")) throw Errors.unsupported("SET NULL/SET DEFAULT with a column list");
        if (v.equals("null")) return 'n';
        if (v.equals("default")) return 'd';
        throw Errors.syntaxErrorAt(v);
      }
      default:
        throw Errors.syntaxErrorAt(w);
    }
  }

  /** Words (folded), quoted identifiers (kept, marked by a leading quote), and the punctuation ( ) , . */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',' || c == '.') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder("\"");
        i++;
        while (i < text.length()) {
          if (text.charAt(i) == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          sb.append(text.charAt(i++));
        }
        out.add(sb.toString());
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "(),.\"".indexOf(text.charAt(i)) < 0) i++;
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static String word(List<String> t, int[] at) {
    if (at[0] >= t.size()) throw Errors.syntaxErrorAtEnd();
    return t.get(at[0]++);
  }

  private static String ident(List<String> t, int[] at) {
    String w = word(t, at);
    if (w.length() == 1 && "(),.".contains(w)) throw Errors.syntaxErrorAt(w);
    return w.startsWith("\"") ? w.substring(1) : w;
  }

  private static void expect(List<String> t, int[] at, String w) {
    String got = word(t, at);
    if (!got.equals(w)) throw Errors.syntaxErrorAt(got);
  }
}
