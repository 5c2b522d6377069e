package org.opendsql.node.compat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Field;
import org.postgresql.jdbc.PgResultSetMetaData;

/**
 * What one server answered to one statement, as an application sees it through pgjdbc: rows (with
 * each column's label and type name, and each value as its text), an update count, or an error's
 * SQLSTATE.
 */
public record Outcome(Kind kind, List<Column> columns, List<List<String>> rows, long updateCount,
                      String sqlState, String message) {
  public enum Kind { ROWS, COUNT, ERROR }

  public record Column(String label, String type) {
    @Override
    public String toString() {
      return label + " " + type;
    }
  }

  public static Outcome rows(List<Column> columns, List<List<String>> rows) {
    return new Outcome(Kind.ROWS, List.copyOf(columns), List.copyOf(rows), -1, null, null);
  }

  public static Outcome count(long n) {
    return new Outcome(Kind.COUNT, List.of(), List.of(), n, null, null);
  }

  public static Outcome error(String sqlState, String message) {
    return new Outcome(Kind.ERROR, List.of(), List.of(), -1, sqlState, message);
  }

  /** Runs {@code sql} on {@code c} (one statement, in its current transaction state). */
  public static Outcome of(Connection c, String sql) {
    try (java.sql.Statement s = c.createStatement()) {
      if (!s.execute(sql)) return count(s.getLargeUpdateCount());
      try (ResultSet rs = s.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(new Column(md.getColumnLabel(i), typeName(c, md, i)));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) row.add(rs.getString(i));
          rows.add(Collections.unmodifiableList(row));
        }
        return rows(columns, rows);
      }
    } catch (SQLException e) {
      return error(Objects.requireNonNullElse(e.getSQLState(), "?????"), e.getMessage());
    }
  }

  /**
   * The column's type as pgjdbc names it (getColumnTypeName's name: int4, varchar, numeric, ...)
   * with the type modifier the server sent, e.g. {@code numeric(10,2)}, {@code varchar(20)}: JDBC
   * applications see it through getPrecision and getScale. Read from the RowDescription's type
   * OID and modifier, because getColumnTypeName itself first asks the server's pg_catalog whether
   * the column is a serial, a catalog question this harness does not test.
   */
  static String typeName(Connection c, ResultSetMetaData md, int column) throws SQLException {
    Field f = field(md, column);
    String name = c.unwrap(BaseConnection.class).getTypeInfo().getPGType(f.getOID());
    int mod = f.getMod();
    if (mod == -1) return name;
    switch (name) {
      case "varchar":
      case "bpchar":
        return name + "(" + (mod - 4) + ")";
      case "numeric":
        return name + "(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xffff) + ")";
      case "timestamp":
      case "timestamptz":
      case "time":
      case "timetz":
        return name + "(" + mod + ")";
      default:
        return name + "[typmod " + mod + "]";
    }
  }

  private static Field field(ResultSetMetaData md, int column) throws SQLException {
    try {
      java.lang.reflect.Field fields = PgResultSetMetaData.class.getDeclaredField("fields");
      fields.setAccessible(true);
      return ((Field[]) fields.get(md.unwrap(PgResultSetMetaData.class)))[column - 1];
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("pgjdbc's PgResultSetMetaData has no fields array any more", e);
    }
  }

  /**
   * How {@code ours} differs from the reference answer {@code pg}, or null if it does not. Rows
   * are compared in order when {@code order} is ORDERED, else as multisets; errors by SQLSTATE.
   */
  public static String difference(Outcome pg, Outcome ours, Corpus.Order order) {
    if (pg.kind != ours.kind) return "expected " + pg.kind.name().toLowerCase() + ", got " + ours.kind.name().toLowerCase();
    switch (pg.kind) {
      case ERROR:
        return pg.sqlState.equals(ours.sqlState) ? null : "SQLSTATE " + pg.sqlState + " expected, got " + ours.sqlState;
      case COUNT:
        return pg.updateCount == ours.updateCount ? null
            : "update count " + pg.updateCount + " expected, got " + ours.updateCount;
      default:
        break;
    }
    if (!pg.columns.equals(ours.columns)) {
      return "columns " + pg.columns + " expected, got " + ours.columns;
    }
    if (order == Corpus.Order.ORDERED) {
      if (pg.rows.equals(ours.rows)) return null;
      if (multiset(pg.rows).equals(multiset(ours.rows))) return "same rows in a different order";
      if (pg.rows.size() != ours.rows.size()) {
        return pg.rows.size() + " rows expected, got " + ours.rows.size() + "; " + setDifference(pg.rows, ours.rows);
      }
      for (int i = 0; i < pg.rows.size(); i++) {
        if (!pg.rows.get(i).equals(ours.rows.get(i))) {
          return "row " + (i + 1) + ": " + row(pg.rows.get(i)) + " expected, got " + row(ours.rows.get(i));
        }
      }
      return null; // not reached: the lists differ somewhere
    }
    if (multiset(pg.rows).equals(multiset(ours.rows))) return null;
    String sizes = pg.rows.size() == ours.rows.size() ? "" : pg.rows.size() + " rows expected, got " + ours.rows.size() + "; ";
    return sizes + setDifference(pg.rows, ours.rows);
  }

  /** A short human form for the report. */
  public String brief() {
    switch (kind) {
      case ERROR:
        return "ERROR " + sqlState + ": " + abbreviate(message == null ? "" : message.replace('\n', ' '), 160);
      case COUNT:
        return "update count " + updateCount;
      default:
        String shown = rows.stream().limit(5).map(Outcome::row).collect(Collectors.joining(" "));
        return rows.size() + " row" + (rows.size() == 1 ? "" : "s") + " " + columns + " " + shown
            + (rows.size() > 5 ? " ..." : "");
    }
  }

  private static Map<List<String>, Integer> multiset(List<List<String>> rows) {
    Map<List<String>, Integer> m = new HashMap<>();
    for (List<String> r : rows) m.merge(r, 1, Integer::sum);
    return m;
  }

  /** The rows only one side has (as multisets), a few of each. */
  private static String setDifference(List<List<String>> pg, List<List<String>> ours) {
    Map<List<String>, Integer> missing = multiset(pg);
    List<List<String>> extra = new ArrayList<>();
    for (List<String> r : ours) {
      Integer n = missing.get(r);
      if (n == null) extra.add(r);
      else if (n == 1) missing.remove(r);
      else missing.put(r, n - 1);
    }
    List<List<String>> lacking = new ArrayList<>();
    missing.forEach((r, n) -> { for (int i = 0; i < n; i++) lacking.add(r); });
    Comparator<List<String>> byText = Comparator.comparing(Outcome::row);
    lacking.sort(byText);
    extra.sort(byText);
    StringBuilder sb = new StringBuilder();
    if (!lacking.isEmpty()) sb.append("missing ").append(rowsText(lacking));
    if (!extra.isEmpty()) sb.append(sb.length() > 0 ? "; " : "").append("unexpected ").append(rowsText(extra));
    return sb.toString();
  }

  private static String rowsText(List<List<String>> rows) {
    return rows.stream().limit(3).map(Outcome::row).collect(Collectors.joining(" "))
        + (rows.size() > 3 ? " (+" + (rows.size() - 3) + " more)" : "");
  }

  static String row(List<String> r) {
    return r.stream().map(v -> v == null ? "NULL" : "'" + abbreviate(v, 60) + "'").collect(Collectors.joining(", ", "(", ")"));
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
