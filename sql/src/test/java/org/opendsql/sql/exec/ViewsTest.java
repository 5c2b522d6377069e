package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/** Views where the answer is OpenDSQL's own (the rest is checked against PostgreSQL by views.sql). */
class ViewsTest {
  private Client a;
  private Client b;

  @BeforeEach
  void setUp() {
    MemKvStore kv = new MemKvStore();
    CatalogCache cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    a = new Client(kv, cache);
    b = new Client(kv, cache);
    a.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    a.run("INSERT INTO t VALUES (1, 10), (2, 20)");
    a.run("CREATE VIEW big AS SELECT id FROM t WHERE v > 15");
  }

  @Test
  void aStatementPreparedOverAViewFollowsTheViewWhenAnotherSessionReplacesIt() {
    assertEquals(List.of(2), ids("SELECT id FROM big ORDER BY id"));
    b.run("CREATE OR REPLACE VIEW big AS SELECT id FROM t WHERE v > 5");
    assertEquals(List.of(1, 2), ids("SELECT id FROM big ORDER BY id"));
  }

  @Test
  void writesAndLocksThroughAViewAreRefusedByName() {
    assertEquals("0A000", a.fail("INSERT INTO big VALUES (3)").state().code());
    assertEquals("0A000", a.fail("UPDATE big SET id = 3").state().code());
    assertEquals("0A000", a.fail("DELETE FROM big").state().code());
    assertEquals("0A000", a.fail("SELECT * FROM big FOR UPDATE").state().code());
    assertEquals("42809", a.fail("ALTER TABLE big ADD COLUMN x int").state().code());
    assertEquals(2L, a.run("SELECT count(*) FROM t").value());
  }

  @Test
  void aViewIsDdlUnderDsqlsRulesAndKeepsItsTableFromBeingDropped() {
    a.run("BEGIN");
    a.run("INSERT INTO t VALUES (3, 30)");
    assertEquals("0A000", a.fail("CREATE VIEW v2 AS SELECT 1").state().code());
    a.run("ROLLBACK");
    assertEquals("2BP01", a.fail("DROP TABLE t").state().code());
    a.run("DROP VIEW big");
    a.run("DROP TABLE t");
    assertEquals("42P01", a.fail("SELECT * FROM big").state().code());
  }

  private List<Object> ids(String sql) {
    return a.run(sql).rows().stream().map(r -> r[0]).toList();
  }

  @Test
  void aViewFollowsARenameOfItsTableAndOfItsColumnsInTheRenamingTransaction() {
    a.run("CREATE VIEW pairs AS SELECT t.id, v FROM t WHERE t.v > 0");
    a.run("ALTER TABLE t RENAME TO u");
    assertEquals(List.of(2), ids("SELECT id FROM big ORDER BY id"));
    assertEquals(" SELECT id FROM u WHERE v > 15;", a.run("SELECT pg_get_viewdef('big'::regclass)").value());
    a.run("ALTER TABLE u RENAME COLUMN v TO w");
    assertEquals(List.of(1, 2), ids("SELECT id FROM pairs ORDER BY id"));
    assertEquals(" SELECT u.id, w AS v FROM u WHERE u.w > 0;", a.run("SELECT pg_get_viewdef('pairs'::regclass)").value());
    assertEquals(30L, a.run("SELECT sum(v) FROM pairs").value(), "the view's column keeps its name");
    assertEquals("42P01", a.fail("SELECT * FROM t").state().code());
    assertEquals("2BP01", a.fail("DROP TABLE u").state().code(), "the views still depend on it");
  }

  @Test
  void aFailedRenameLeavesTheViewsAsTheyWere() {
    a.run("CREATE TABLE other (id int PRIMARY KEY)");
    assertEquals("42P07", a.fail("ALTER TABLE t RENAME TO other").state().code());
    assertEquals("42701", a.fail("ALTER TABLE t RENAME COLUMN v TO id").state().code());
    assertEquals(" SELECT id FROM t WHERE v > 15;", a.run("SELECT pg_get_viewdef('big'::regclass)").value());
    assertEquals(List.of(2), ids("SELECT id FROM big ORDER BY id"));
  }
}
