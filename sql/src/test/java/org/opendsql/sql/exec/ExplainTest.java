package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.PgAnswers;

/** EXPLAIN shows how a statement reads; EXPLAIN ANALYZE runs it and counts each operator's rows. */
class ExplainTest {
  private Client c;

  @BeforeEach
  void setUp() {
    c = new PgAnswers().client();
    c.run("CREATE TABLE a (id int PRIMARY KEY, grp int, name text)");
    c.run("CREATE INDEX a_grp ON a (grp)");
    c.run("CREATE TABLE b (id int PRIMARY KEY, a_id int)");
    c.run("INSERT INTO a SELECT g, g % 10, 'n' || g FROM generate_series(1, 100) g");
    c.run("INSERT INTO b SELECT g, g % 50 FROM generate_series(1, 30) g");
  }

  private List<String> lines(String sql) {
    Client.Result r = c.run(sql);
    assertEquals("QUERY PLAN", r.columns().get(0).name());
    assertEquals("EXPLAIN", r.tag());
    List<String> out = new ArrayList<>();
    for (Object[] row : r.rows()) out.add((String) row[0]);
    return out;
  }

  @Test
  void explainNamesTheAccessPathOfEachTableRead() {
    assertTrue(lines("EXPLAIN SELECT * FROM a WHERE id = 7").get(0).startsWith("Point Read on a"));
    assertTrue(String.join("\n", lines("EXPLAIN SELECT * FROM a WHERE grp = 3"))
        .contains("Index Range Scan using a_grp on a"));
    assertTrue(String.join("\n", lines("EXPLAIN SELECT * FROM a WHERE id BETWEEN 3 AND 9"))
        .contains("Key Range Scan on a"));
    String join = String.join("\n", lines("EXPLAIN SELECT a.name FROM a JOIN b ON b.a_id = a.id"));
    assertTrue(join.contains("Hash Join (Inner)"), join);
    assertTrue(join.contains("Key Lookup on a") && join.contains("Scan on b"), join);
  }

  @Test
  void explainOfAWriteDoesNotWrite() {
    lines("EXPLAIN DELETE FROM a WHERE grp = 1");
    assertEquals(100L, c.run("SELECT count(*) FROM a").value());
  }

  @Test
  void explainAnalyzeRunsTheStatementAndCountsRows() {
    List<String> plan = lines("EXPLAIN ANALYZE SELECT a.grp, count(*) FROM a JOIN b ON b.a_id = a.id GROUP BY a.grp");
    String text = String.join("\n", plan);
    // b.a_id covers 1..30 once each but 0 never (30 % 50 = 30): 30 joined rows, in 10 groups.
    assertTrue(text.contains("HashAggregate (1 group keys, 1 aggregates)  (actual rows=10"), text);
    assertTrue(text.contains("Hash Join (Inner)  (actual rows=30"), text);
    assertTrue(plan.get(plan.size() - 1).startsWith("Execution Time: "), text);

    List<String> del = lines("EXPLAIN ANALYZE DELETE FROM a WHERE grp = 1");
    assertTrue(del.get(0).startsWith("Delete on a"), del.toString());
    assertEquals(90L, c.run("SELECT count(*) FROM a").value());
  }

  @Test
  void formatsOtherThanTextAreRefusedAsUnsupported() {
    assertEquals("0A000", c.fail("EXPLAIN (FORMAT JSON) SELECT * FROM a").state().code());
    assertEquals("0A000", c.fail("EXPLAIN (FORMAT YAML) SELECT 1").state().code());
    assertEquals(100L, c.run("SELECT count(*) FROM a").value());
  }

  @Test
  void inListsOfKeyValuesAreReadAsPointReadsWithTheSameAnswers() {
    PgAnswers pg = new PgAnswers();
    Client k = pg.client();
    k.run("CREATE TABLE t (a int, b text, v int, PRIMARY KEY (a, b))");
    k.run("INSERT INTO t VALUES (1, 'x', 10), (1, 'y', 11), (2, 'x', 20), (3, 'z', 30)");
    assertTrue(pg.answer("EXPLAIN SELECT v FROM t WHERE a IN (1, 2) AND b IN ('x', 'y')").startsWith("Multi-Point Read on t (4 keys)"));
    pg.assertAnswer("SELECT v FROM t WHERE a IN (1, 2) AND b IN ('x', 'y') ORDER BY v", "10\n11\n20");
    pg.assertAnswer("SELECT v FROM t WHERE a IN (2, 2, 1, NULL, 1.5) AND b = 'x' ORDER BY v", "10\n20");
    pg.assertAnswer("SELECT count(*) FROM t WHERE a IN (1, 3) AND b IN ('x', 'z') AND v > 10", "1");
    pg.assertAnswer("SELECT count(*) FROM t WHERE a NOT IN (1) AND b IN ('x', 'z')", "2");
    k.run("BEGIN");
    k.run("DELETE FROM t WHERE a = 1 AND b = 'x'");
    k.run("INSERT INTO t VALUES (4, 'x', 40)");
    pg.assertAnswer("SELECT v FROM t WHERE a IN (1, 4) AND b = 'x' ORDER BY v", "40");
    k.run("ROLLBACK");
    pg.assertAnswer("UPDATE t SET v = v + 1 WHERE a IN (1, 3) AND b IN ('x', 'z') RETURNING v", "11\n31");
  }

  @Test
  void orderByTheReadsKeyOrderNeedsNoSortAndGivesTheSortedAnswer() {
    PgAnswers pg = new PgAnswers();
    Client k = pg.client();
    k.run("CREATE TABLE o (a int, b int, c int, PRIMARY KEY (a, b))");
    k.run("CREATE INDEX o_c ON o (c)");
    k.run("INSERT INTO o VALUES (2, 1, 5), (1, 2, NULL), (1, 1, 7), (3, 0, 5), (2, 2, 1)");
    assertEquals("Limit\n  ->  Scan on o", pg.answer("EXPLAIN SELECT * FROM o ORDER BY a, b LIMIT 2"));
    pg.assertAnswer("SELECT * FROM o ORDER BY a, b LIMIT 2", "1|1|7\n1|2|");
    pg.assertAnswer("SELECT a, b FROM o ORDER BY a, b OFFSET 3", "2|2\n3|0");
    pg.assertAnswer("SELECT b FROM o WHERE a = 2 ORDER BY b DESC", "2\n1");
    pg.assertAnswer("SELECT a, b FROM o ORDER BY a, b DESC", "1|2\n1|1\n2|2\n2|1\n3|0");
    pg.assertAnswer("SELECT a, b FROM o ORDER BY b, a", "3|0\n1|1\n2|1\n1|2\n2|2");
    // The index puts nulls last, as ASC does; NULLS FIRST must still sort.
    pg.assertAnswer("SELECT c FROM o WHERE c >= 1 OR c IS NULL ORDER BY c NULLS FIRST", "\n1\n5\n5\n7");
    pg.assertAnswer("SELECT c FROM o WHERE c > 1 ORDER BY c LIMIT 3", "5\n5\n7");
    pg.assertAnswer("SELECT b FROM o WHERE a = 1 ORDER BY a, b", "1\n2");
  }
}
