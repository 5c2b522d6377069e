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
    assertTrue(join.contains("Scan on a") && join.contains("Scan on b"), join);
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
}
