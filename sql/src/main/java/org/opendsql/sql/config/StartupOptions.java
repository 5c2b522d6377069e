package org.opendsql.sql.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.opendsql.core.error.Errors;

/**
 * The startup packet's {@code options} parameter (libpq's PGOPTIONS): command-line switches, of
 * which a session can honour only settings, {@code -c name=value} or {@code --name=value}. Spaces
 * inside a value are escaped with a backslash, as libpq writes them.
 */
public final class StartupOptions {
  private StartupOptions() {}

  public static Map<String, String> parse(String options) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] words = split(options);
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      String setting;
      if (w.equals("-c") && i + 1 < words.length) {
        setting = words[++i];
      } else if (w.startsWith("-c") && w.length() > 2) {
        setting = w.substring(2);
      } else if (w.startsWith("--") && w.length() > 2) {
        setting = w.substring(2);
      } else {
        throw Errors.unsupported("startup option " + w);
      }
      int eq = setting.indexOf('=');
      if (eq <= 0) throw Errors.unsupported("startup option " + w);
      out.put(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1));
    }
    return out;
  }

  private static String[] split(String s) {
    java.util.List<String> words = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (cur.length() > 0) words.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) words.add(cur.toString());
    return words.toArray(new String[0]);
  }
}
