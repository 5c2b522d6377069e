package org.opendsql.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewRenamesTest {
  /** Tables t(a, b), u(a, c) and s.t(a) in the catalog; unqualified names are public's. */
  private static final ViewRenames.Names NAMES = new ViewRenames.Names() {
    private final Map<String, List<String>> tables = Map.of("t", List.of("a", "b"), "u", List.of("a", "c"), "s.t", List.of("a"));

    @Override
    public String resolve(String written) {
      String n = written.startsWith("public.") ? written.substring(7) : written;
      return tables.containsKey(n) ? n : null;
    }

    @Override
    public List<String> columns(String catalogName) {
      return tables.get(catalogName);
    }
  };

  private static String table(String sql) {
    return ViewRenames.renameTable(sql, "t", "t2", NAMES);
  }

  private static String column(String sql) {
    return ViewRenames.renameColumn(sql, "t", "a", "z", NAMES);
  }

  @Test
  void aRenamedTableIsRenamedWhereverTheQueryNamesItAndInItsQualifiers() {
    assertEquals("SELECT t2.a, b FROM t2", table("SELECT t.a, b FROM t"));
    assertEquals("SELECT public.t2.a FROM public.t2", table("SELECT public.t.a FROM public.t"));
    assertEquals("SELECT x.a FROM t2 x JOIN u ON u.a = x.a", table("SELECT x.a FROM t x JOIN u ON u.a = x.a"));
    assertEquals("SELECT t2.b FROM (t2 JOIN u ON u.a = t2.a)", table("SELECT t.b FROM (t JOIN u ON u.a = t.a)"));
    assertEquals("SELECT a FROM t2 UNION SELECT a FROM u", table("SELECT a FROM t UNION SELECT a FROM u"));
    assertEquals("SELECT t2.* FROM t2 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.b = 1)",
        table("SELECT t.* FROM t WHERE EXISTS (SELECT 1 FROM t WHERE t.b = 1)"));
  }

  @Test
  void otherRelationsAndWithQueriesOfTheSameNameStay() {
    assertEquals("SELECT a FROM s.t", table("SELECT a FROM s.t"));
    assertEquals("WITH t AS (SELECT 1 AS a) SELECT t.a FROM t", table("WITH t AS (SELECT 1 AS a) SELECT t.a FROM t"));
  }

  @Test
  void aRenamedColumnIsRenamedWhereItMeansThatTablesColumnKeepingTheOutputName() {
    assertEquals("SELECT z AS a, b FROM t", column("SELECT a, b FROM t"));
    assertEquals("SELECT t.z AS a FROM t WHERE t.z > 1 ORDER BY z", column("SELECT t.a FROM t WHERE t.a > 1 ORDER BY a"));
    assertEquals("SELECT x.z AS k FROM t x JOIN u ON u.a = x.z", column("SELECT x.a AS k FROM t x JOIN u ON u.a = x.a"));
    assertEquals("SELECT c FROM u WHERE a IN (SELECT z AS a FROM t)", column("SELECT c FROM u WHERE a IN (SELECT a FROM t)"));
    assertEquals("SELECT d.a FROM (SELECT z AS a FROM t) d", column("SELECT d.a FROM (SELECT a FROM t) d"));
    assertEquals("SELECT z AS a FROM t UNION SELECT a FROM u", column("SELECT a FROM t UNION SELECT a FROM u"));
    assertEquals("SELECT c FROM (u JOIN t ON t.z = u.a)", column("SELECT c FROM (u JOIN t ON t.a = u.a)"));
    assertEquals("SELECT \"Z\" AS a FROM t", ViewRenames.renameColumn("SELECT a FROM t", "t", "a", "Z", NAMES));
  }

  @Test
  void anotherTablesColumnOfTheSameNameStays() {
    assertEquals("SELECT u.a FROM u", column("SELECT u.a FROM u"));
    assertEquals("SELECT a FROM s.t", column("SELECT a FROM s.t"));
  }
}
