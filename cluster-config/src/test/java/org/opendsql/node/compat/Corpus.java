package org.opendsql.node.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The differential corpus: {@code *.sql} files of statements, each ending with a {@code ;} at the
 * end of a line, optionally preceded by directive comments (see the README.md beside the files).
 */
public final class Corpus {
  /** How a statement's rows are compared. */
  public enum Order { ORDERED, UNORDERED }

  /**
   * One statement of a corpus file. {@code expectedError} is the SQLSTATE the {@code -- error}
   * directive names, or null when the statement must succeed on PostgreSQL.
   */
  public record Statement(String file, int line, String sql, Order order, String expectedError) {}

  /** A corpus file: its name and statements in file order. */
  public record File(String name, List<Statement> statements) {
    /** Tables the file creates, so a database with a single namespace can drop them afterwards. */
    public Set<String> createdTables() {
      Set<String> tables = new LinkedHashSet<>();
      for (Statement s : statements) {
        Matcher m = CREATE_TABLE.matcher(s.sql());
        if (m.find()) tables.add(m.group(1));
      }
      return tables;
    }
  }

  private static final Pattern DIRECTIVE =
      Pattern.compile("--\\s*(unordered|ordered|error\\s+([0-9A-Z]{5}))\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATE_TABLE = Pattern.compile(
      "^\\s*CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_.]*)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ORDER_BY = Pattern.compile("\\border\\s+by\\b", Pattern.CASE_INSENSITIVE);

  private Corpus() {}

  /** Every {@code *.sql} file in {@code dir}, by name; {@code only} (if not empty) keeps those named. */
  public static List<File> load(Path dir, Set<String> only) throws IOException {
    List<File> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
        String name = p.getFileName().toString();
        if (!only.isEmpty() && !only.contains(name) && !only.contains(name.replaceFirst("\\.sql$", ""))) continue;
        files.add(parse(name, Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    return files;
  }

  /** Splits a file's text into statements; an unterminated last statement is a corpus error. */
  public static File parse(String name, String text) {
    List<Statement> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    StringBuilder sql = new StringBuilder();
    int start = 0;
    Order order = null;
    String error = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      String trimmed = line.strip();
      if (sql.length() == 0) {
        if (trimmed.isEmpty()) continue;
        if (trimmed.startsWith("--")) {
          Matcher d = DIRECTIVE.matcher(trimmed);
          if (d.matches()) {
            String word = d.group(1).toLowerCase(Locale.ROOT);
            if (word.equals("ordered")) order = Order.ORDERED;
            else if (word.equals("unordered")) order = Order.UNORDERED;
            else error = d.group(2);
          }
          continue;
        }
        start = i + 1;
      } else if (trimmed.startsWith("--")) {
        continue; // a whole-line comment inside a statement is not sent
      }
      if (sql.length() > 0) sql.append('\n');
      sql.append(line);
      if (line.endsWith(";")) {
        String text1 = sql.substring(0, sql.length() - 1).strip();
        Order o = order != null ? order : (hasTopLevelOrderBy(text1) ? Order.ORDERED : Order.UNORDERED);
        out.add(new Statement(name, start, text1, o, error));
        sql.setLength(0);
        order = null;
        error = null;
      }
    }
    if (sql.length() > 0) {
      throw new IllegalArgumentException(name + ":" + start + ": statement not terminated by ';' at the end of a line");
    }
    if (order != null || error != null) {
      throw new IllegalArgumentException(name + ": a directive at the end of the file precedes no statement");
    }
    return new File(name, List.copyOf(out));
  }

  /**
   * Whether ORDER BY appears outside parentheses, string literals, quoted names and comments: only
   * then does it fix the order of the statement's rows (not inside OVER (...), an aggregate's
   * argument list or a subquery).
   */
  public static boolean hasTopLevelOrderBy(String sql) {
    StringBuilder top = new StringBuilder(sql.length());
    int depth = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < sql.length()) {
          if (sql.charAt(j) == c) {
            if (j + 1 < sql.length() && sql.charAt(j + 1) == c) j += 2; // doubled quote
            else break;
          } else if (c == '\'' && sql.charAt(j) == '\\' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')) {
            j += 2; // E'...\'...'
          } else {
            j++;
          }
        }
        i = j;
        top.append(' ');
      } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        while (i < sql.length() && sql.charAt(i) != '\n') i++;
        top.append(' ');
      } else if (c == '(') {
        depth++;
        top.append(' ');
      } else if (c == ')') {
        depth--;
        top.append(' ');
      } else {
        top.append(depth == 0 ? c : ' ');
      }
    }
    return ORDER_BY.matcher(top).find();
  }
}
