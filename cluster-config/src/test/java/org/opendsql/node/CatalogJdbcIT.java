package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendsql.node.compat.PgReference;

/**
 * pgjdbc's DatabaseMetaData and ResultSetMetaData answer on the embedded node what they answer on
 * PostgreSQL 15 for the same schema (resources/catalog/schema.sql). Columns that hold OIDs or the
 * owner's name are left out: they differ by nature.
 */
class CatalogJdbcIT {
  private static PgReference pg;
  private static EmbeddedNode db;
  private static Connection ref;
  private static Connection ours;

  @BeforeAll
  static void start() throws Exception {
    pg = PgReference.start();
    db = EmbeddedNode.start();
    ref = pg.connect("postgres");
    ours = db.connect();
    try (Statement a = ref.createStatement(); Statement b = ours.createStatement()) {
      for (String sql : CatalogSchema.statements()) {
        a.execute(sql);
        b.execute(sql);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (ours != null) ours.close();
    if (ref != null) ref.close();
    if (db != null) db.close();
    if (pg != null) pg.close();
  }

  /** A metadata call's rows as text, without the named columns. */
  @FunctionalInterface
  interface Call {
    ResultSet on(DatabaseMetaData md) throws SQLException;
  }

  private static List<String> rows(Connection c, Call call, Set<String> skip) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = call.on(c.getMetaData())) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) if (!skip.contains(md.getColumnLabel(i).toLowerCase())) header.add(md.getColumnLabel(i));
      out.add(String.join("|", header));
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (!skip.contains(md.getColumnLabel(i).toLowerCase())) cells.add(String.valueOf(rs.getString(i)));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }

  /** The call answers the same header and rows on both servers; {@code skip}: columns not compared. */
  private static List<String> same(Call call, String... skip) throws SQLException {
    Set<String> s = Set.of(skip);
    List<String> expected = rows(ref, call, s);
    List<String> actual = rows(ours, call, s);
    assertEquals(String.join("\n", expected), String.join("\n", actual));
    return actual;
  }

  /** As {@link #same}, for a call that must find something (its header and at least one row). */
  private static void sameRows(Call call, String... skip) throws SQLException {
    assertTrue(same(call, skip).size() > 1, "no rows to compare");
  }

  @Test
  void getTablesListsTheTablesOfPublic() throws SQLException {
    sameRows(md -> md.getTables(null, "public", "%", new String[] {"TABLE"}));
    sameRows(md -> md.getTables(null, null, "cat_orders", null));
  }

  @Test
  void getColumnsDescribesEveryColumn() throws SQLException {
    sameRows(md -> md.getColumns(null, "public", "cat_%", "%"));
  }

  @Test
  void getPrimaryKeysNamesTheKeyColumnsInOrder() throws SQLException {
    sameRows(md -> md.getPrimaryKeys(null, "public", "cat_orders"));
    sameRows(md -> md.getPrimaryKeys(null, "public", "cat_customers"));
  }

  @Test
  void getIndexInfoListsUniqueAndOtherIndexes() throws SQLException {
    sameRows(md -> md.getIndexInfo(null, "public", "cat_orders", false, true), "cardinality", "pages");
    sameRows(md -> md.getIndexInfo(null, "public", "cat_customers", true, true), "cardinality", "pages");
  }

  @Test
  void foreignKeysAreListedFromBothEnds() throws SQLException {
    assertEquals(1, same(md -> md.getImportedKeys(null, "public", "cat_orders")).size());
    sameRows(md -> md.getImportedKeys(null, "public", "cat_payments"));
    sameRows(md -> md.getExportedKeys(null, "public", "cat_customers"));
    sameRows(md -> md.getExportedKeys(null, "public", "cat_orders"));
    sameRows(md -> md.getCrossReference(null, "public", "cat_orders", null, "public", "cat_payments"));
  }

  @Test
  void schemasAndCatalogs() throws SQLException {
    sameRows(md -> md.getSchemas());
    sameRows(md -> md.getTableTypes());
    // PostgreSQL's template1 also accepts connections; the database postgres is the only one here.
    List<String> catalogs = rows(ref, DatabaseMetaData::getCatalogs, Set.of());
    catalogs.remove("template1");
    assertEquals(catalogs, rows(ours, DatabaseMetaData::getCatalogs, Set.of()));
  }

  @Test
  void getTypeInfoListsTheTypesThisEngineHas() throws SQLException {
    List<String> actual = rows(ours, DatabaseMetaData::getTypeInfo, Set.of());
    List<String> expected = rows(ref, DatabaseMetaData::getTypeInfo, Set.of());
    assertEquals(expected.get(0), actual.get(0));
    for (String type : List.of("int4", "int8", "text", "varchar", "numeric", "bool", "timestamptz", "uuid", "jsonb")) {
      String ourRow = actual.stream().filter(r -> r.startsWith(type + "|")).findFirst().orElse("none: " + type);
      String refRow = expected.stream().filter(r -> r.startsWith(type + "|")).findFirst().orElse("none in PostgreSQL: " + type);
      assertEquals(refRow, ourRow);
    }
  }

  @Test
  void resultSetMetaDataNamesTablesTypesAndNullability() throws SQLException {
    String sql = "SELECT o.customer_id, o.note, c.email, c.balance, o.total + 1 AS t FROM cat_orders o JOIN cat_customers c ON c.id = o.customer_id";
    assertEquals(describe(ref, sql), describe(ours, sql));
  }

  private static String describe(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(String.join("|", md.getColumnLabel(i), md.getColumnTypeName(i), md.getTableName(i),
            md.getSchemaName(i), String.valueOf(md.isNullable(i)), String.valueOf(md.getPrecision(i)),
            String.valueOf(md.getScale(i)), String.valueOf(md.isAutoIncrement(i)), md.getColumnClassName(i)));
      }
    }
    return String.join("\n", out);
  }
}
