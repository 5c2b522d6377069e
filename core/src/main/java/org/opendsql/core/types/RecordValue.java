package org.opendsql.core.types;

import java.time.ZoneId;
import java.util.List;

/**
 * A value of type {@code record}: a row constructor's or a whole-row reference's fields, each
 * with its type (fields may be NULL). Its text form is PostgreSQL's record_out: fields between
 * parentheses, separated by commas, NULL as nothing, a field double-quoted when it is empty or
 * holds a quote, backslash, parenthesis, comma or white space, its quotes and backslashes doubled.
 * The field names (null for an anonymous record) are what to_json calls the fields.
 */
public record RecordValue(List<Object> values, List<PgType> types, List<String> names) {
  public RecordValue {
    values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    types = List.copyOf(types);
    names = names == null ? null : List.copyOf(names);
  }

  /** A record whose fields have no names of their own (a row constructor's: f1, f2, ...). */
  public RecordValue(List<Object> values, List<PgType> types) {
    this(values, types, null);
  }

  /** The name of field {@code i}: the column's, or f1, f2, ... as PostgreSQL names an anonymous record's. */
  public String name(int i) {
    return names == null ? "f" + (i + 1) : names.get(i);
  }

  public String text(ZoneId zone) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) sb.append(',');
      Object v = values.get(i);
      if (v == null) continue;
      String s = PgText.format(types.get(i), v, zone);
      boolean quote = s.isEmpty();
      for (int k = 0; k < s.length() && !quote; k++) {
        char ch = s.charAt(k);
        quote = ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == ',' || Character.isWhitespace(ch);
      }
      if (quote) sb.append('"');
      for (int k = 0; k < s.length(); k++) {
        char ch = s.charAt(k);
        if (ch == '"' || ch == '\\') sb.append(ch);
        sb.append(ch);
      }
      if (quote) sb.append('"');
    }
    return sb.append(')').toString();
  }
}
