package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Row constructors in comparisons, each answer as PostgreSQL 15 gave it (psql -At; errors as
 * SQLSTATE: message) for the same statements on the same rows.
 */
class RowConstructorsTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE r (k1 int, k2 int, v text, n int, PRIMARY KEY (k1, k2))");
    pg.client().run("INSERT INTO r VALUES (1,1,'a',10),(1,2,'b',NULL),(1,3,'c',30),(2,1,'d',40),(2,2,NULL,50),(3,1,'f',NULL)");
    pg.client().run("CREATE TABLE rs (x int, y int)");
    pg.client().run("INSERT INTO rs VALUES (1,2),(2,2),(NULL,1),(3,NULL)");
  }

  @Test
  void orderingComparisonsAreLexicographicAndBoundKeyRanges() {
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) > (1, 2) ORDER BY k1, k2",
        "1|3\n2|1\n2|2\n3|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) >= (1, 2) ORDER BY k1, k2 LIMIT 3",
        "1|2\n1|3\n2|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) < (2, 2) ORDER BY k1 DESC, k2 DESC",
        "2|1\n1|3\n1|2\n1|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) <= (2, 1) AND (k1, k2) > (1, 1) ORDER BY k1, k2",
        "1|2\n1|3\n2|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) > (1, NULL) ORDER BY k1, k2",
        "2|1\n2|2\n3|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) > (NULL, 1) ORDER BY k1, k2",
        "");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) > (1.5, 0) ORDER BY k1, k2",
        "2|1\n2|2\n3|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) <= (2, 1.5) ORDER BY k1, k2",
        "1|1\n1|2\n1|3\n2|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) <> (1, 3) ORDER BY k1, k2",
        "1|1\n1|2\n2|1\n2|2\n3|1");
  }

  @Test
  void equalityExpandsPairwiseAndNullElementsFollowPostgresqlsRules() {
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) = (1, 3)",
        "1|3");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE ROW(k1, n) = ROW(1, 10)",
        "1|1");
    pg.assertAnswer("SELECT k1, k2, (n, v) > (30, 'a'), (n, v) <= (30, 'c') FROM r ORDER BY k1, k2",
        "1|1|f|t\n1|2||\n1|3|t|t\n2|1|t|f\n2|2|t|f\n3|1||");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) IN ((1, 2), (2, 2), (9, 9)) ORDER BY k1, k2",
        "1|2\n2|2");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) NOT IN ((1, 2), (2, 2)) ORDER BY k1, k2",
        "1|1\n1|3\n2|1\n3|1");
    pg.assertAnswer("SELECT k1, k2, (v, n) IS NULL, (v, n) IS NOT NULL, ROW(v) IS NULL FROM r ORDER BY k1, k2",
        "1|1|f|t|f\n1|2|f|f|f\n1|3|f|t|f\n2|1|f|t|f\n2|2|f|f|t\n3|1|f|f|f");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (v, n) IS DISTINCT FROM ('b', NULL) ORDER BY k1, k2",
        "1|1\n1|3\n2|1\n2|2\n3|1");
    pg.assertAnswer("SELECT (1, NULL) = (1, 2), (1, NULL) <> (2, 2), (1, NULL) < (2, 1), (1, NULL) < (1, 2), (NULL, 1) < (2, 1)",
        "|t|t||");
    pg.assertAnswer("SELECT (1, 2) < (1, 2), (1, 2) <= (1, 2), (1, 2) >= (1, 2), (1, 2.5) = (1.0, 2.50), ROW(1) = ROW(1)",
        "f|t|t|t|t");
    pg.assertAnswer("SELECT ('a', 1) > ('a', NULL), ('b', 1) > ('a', NULL)",
        "|t");
  }

  @Test
  void rowsCompareWithSubqueriesInListsAndValues() {
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) IN (SELECT x, y FROM rs) ORDER BY k1, k2",
        "1|2\n2|2");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) NOT IN (SELECT x, y FROM rs) ORDER BY k1, k2",
        "1|3");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) NOT IN (SELECT x, y FROM rs WHERE x IS NOT NULL AND y IS NOT NULL) ORDER BY k1, k2",
        "1|1\n1|3\n2|1\n3|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) = ANY (SELECT x, y FROM rs) ORDER BY k1, k2",
        "1|2\n2|2");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) > ALL (SELECT x, y FROM rs WHERE x < 3) ORDER BY k1, k2",
        "3|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (k1, k2) = (SELECT x, y FROM rs WHERE x = 1) ORDER BY k1, k2",
        "1|2");
    pg.assertAnswer("SELECT k1, k2, (k1, k2) IN (VALUES (1, 1), (3, 1)) FROM r ORDER BY k1, k2",
        "1|1|t\n1|2|f\n1|3|f\n2|1|f\n2|2|f\n3|1|t");
    pg.assertAnswer("SELECT (1, 2) = (SELECT 1, 2), (1, 2) = (SELECT 1, 2 WHERE false), (2, 2) > (SELECT 1, 3)",
        "t||t");
    pg.assertAnswer("SELECT (1, 2) = ANY (SELECT 1, 2), (1, 2) < ALL (SELECT 2, 1 UNION ALL SELECT 1, 3), (1, 2) < ANY (SELECT 1, 2)",
        "t|t|f");
    pg.assertAnswer("SELECT (1, 2) IN (SELECT 1, NULL::int), (1, 2) NOT IN (SELECT 3, NULL::int), (1, 2) IN (SELECT 1, 2 WHERE false), (1, 2) NOT IN (SELECT 1, 2 WHERE false)",
        "|t|f|t");
  }

  @Test
  void mismatchedRowsAndScalarsFailAsInPostgresql() {
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (2, 1) < (k1, k2) ORDER BY k1, k2",
        "2|2\n3|1");
    pg.assertAnswer("SELECT k1, k2 FROM r WHERE (v, n) IS NOT DISTINCT FROM (NULL, 50) ORDER BY k1, k2",
        "2|2");
    pg.assertAnswer("SELECT (SELECT 1, 3) > (1, 2)",
        "42601: subquery must return only one column");
    pg.assertAnswer("SELECT (1, 2) IN (SELECT 1, NULL)",
        "42883: operator does not exist: integer = text");
    pg.assertAnswer("SELECT (1, 2) = 1",
        "42883: operator does not exist: record = integer");
    pg.assertAnswer("SELECT (1, 2) = (1, 2, 3)",
        "42601: unequal number of entries in row expressions");
    pg.assertAnswer("SELECT (1, 2) IN ((1, 2), (1, 2, 3))",
        "42601: unequal number of entries in row expressions");
    pg.assertAnswer("SELECT (1, 2) IN (1, 2)",
        "42883: operator does not exist: record = integer");
    pg.assertAnswer("SELECT (1, 'a') = (1, 2)",
        "22P02: invalid input syntax for type integer: \"a\"");
    pg.assertAnswer("SELECT (1, 2) = (SELECT 1, 2 UNION ALL SELECT 1, 2)",
        "21000: more than one row returned by a subquery used as an expression");
    pg.assertAnswer("SELECT (1, 2) = (SELECT 1)",
        "42601: subquery has too few columns");
    pg.assertAnswer("SELECT (1, 2) IN (SELECT 1)",
        "42601: subquery has too few columns");
    pg.assertAnswer("SELECT (1, 2) = (SELECT 1, 2, 3)",
        "42601: subquery has too many columns");
    pg.assertAnswer("SELECT (1, 2) > (1)",
        "42883: operator does not exist: record > integer");
  }

  @Test
  void keysetPaginationReadsOnlyFromTheBoundAndStopsAtTheLimit() {
    MemKvStore kv = new MemKvStore();
    Client c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
    c.run("CREATE TABLE page (tenant int, id int, body text, PRIMARY KEY (tenant, id))");
    c.run("INSERT INTO page SELECT g / 100, g % 100, 'row ' || g FROM generate_series(0, 2999) g");
    String plan = String.join("\n", explain(c, "EXPLAIN SELECT * FROM page WHERE (tenant, id) > (7, 42) ORDER BY tenant, id LIMIT 5"));
    assertTrue(plan.contains("Key Range Scan on page (0 equal key columns and a range over 2 columns)"), plan);
    assertTrue(!plan.contains("Sort"), plan);
    kv.resetCounters();
    Client.Result r = c.run("SELECT tenant, id FROM page WHERE (tenant, id) > (7, 98) ORDER BY tenant, id LIMIT 3");
    List<String> keys = new ArrayList<>();
    for (Object[] row : r.rows()) keys.add(row[0] + "/" + row[1]);
    assertEquals(List.of("7/99", "8/0", "8/1"), keys);
    assertTrue(kv.scannedEntries.get() <= SqlConfig.DEFAULT.scanPageSize(), "read " + kv.scannedEntries.get() + " entries");
  }

  private static List<String> explain(Client c, String sql) {
    List<String> out = new ArrayList<>();
    for (Object[] row : c.run(sql).rows()) out.add((String) row[0]);
    return out;
  }
}
