package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * INSERT, UPDATE and DELETE in WITH, and WITH on INSERT, UPDATE and DELETE: each answer as
 * PostgreSQL 15 gave it (psql -At; errors as SQLSTATE: message) for the same statements run in
 * the same order on the same rows, so each statement also sees what the ones before it wrote.
 */
class ModifyingWithTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE w (id int PRIMARY KEY, v int)");
    pg.client().run("CREATE TABLE w2 (id int PRIMARY KEY, v int)");
    pg.client().run("INSERT INTO w VALUES (1,10),(2,20),(3,30)");
  }

  @Test
  void everyPartReadsOneSnapshotAndEachWithQueryRunsOnce() {
    pg.assertAnswer("WITH d AS (DELETE FROM w WHERE id = 1 RETURNING *) SELECT * FROM d",
        "1|10");
    pg.assertAnswer("SELECT id, v FROM w ORDER BY id",
        "2|20\n3|30");
    pg.assertAnswer("WITH d AS (DELETE FROM w WHERE id = 2) SELECT * FROM d",
        "0A000: WITH query \"d\" does not have a RETURNING clause");
    pg.assertAnswer("WITH u AS (UPDATE w SET v = v + 1 WHERE id = 2 RETURNING *) SELECT (SELECT v FROM w WHERE id = 2) AS old, (SELECT v FROM u) AS new",
        "20|21");
    pg.assertAnswer("WITH a AS (INSERT INTO w VALUES (9, 9)) INSERT INTO w VALUES (9, 9)",
        "23505: duplicate key value violates unique constraint \"w_pkey\"");
    pg.assertAnswer("WITH a AS (INSERT INTO w VALUES (9, 9) RETURNING id) SELECT count(*) FROM w",
        "2");
    pg.assertAnswer("SELECT id, v FROM w ORDER BY id",
        "2|21\n3|30\n9|9");
    pg.assertAnswer("SELECT * FROM (WITH d AS (DELETE FROM w WHERE id = 9 RETURNING *) SELECT * FROM d) x",
        "0A000: WITH clause containing a data-modifying statement must be at the top level");
    pg.assertAnswer("WITH d AS (DELETE FROM w WHERE id = 9 RETURNING *) INSERT INTO w2 SELECT * FROM d RETURNING *",
        "9|9");
    pg.assertAnswer("WITH u AS (UPDATE w SET v = v * 10 RETURNING id, v) SELECT id, v FROM u ORDER BY id LIMIT 1",
        "2|210");
    pg.assertAnswer("SELECT id, v FROM w ORDER BY id",
        "2|210\n3|300");
    pg.assertAnswer("WITH x AS (SELECT id FROM w WHERE v > 100), d AS (DELETE FROM w WHERE id IN (SELECT id FROM x) RETURNING id) SELECT id FROM d ORDER BY id",
        "2\n3");
    pg.assertAnswer("WITH d AS (DELETE FROM w RETURNING *), e AS (INSERT INTO w2 SELECT id + 100, v FROM d RETURNING *) SELECT count(*) FROM e",
        "0");
    pg.assertAnswer("SELECT id, v FROM w2 ORDER BY id",
        "9|9");
    pg.assertAnswer("WITH u AS (UPDATE w2 SET v = 1 WHERE id = 9 RETURNING *) UPDATE w2 SET v = 2 WHERE id = 9 RETURNING *",
        "9|2");
    pg.assertAnswer("SELECT id, v FROM w2 ORDER BY id",
        "9|2");
    pg.assertAnswer("WITH i AS (INSERT INTO w VALUES (5, 1) RETURNING *) SELECT * FROM i, w",
        "");
    pg.assertAnswer("SELECT id, v FROM w ORDER BY id",
        "5|1");
    pg.assertAnswer("WITH i AS (INSERT INTO w VALUES (6, 6), (7, 7) RETURNING id), s AS (SELECT count(*) AS n FROM i) SELECT n FROM s",
        "2");
    pg.assertAnswer("WITH gone AS (DELETE FROM w2 WHERE v = 2) SELECT count(*) FROM w2",
        "1");
    pg.assertAnswer("SELECT id, v FROM w2 ORDER BY id",
        "");
    pg.assertAnswer("WITH t AS (SELECT max(id) AS m FROM w) INSERT INTO w SELECT m + 1, m FROM t RETURNING id, v",
        "8|7");
    pg.assertAnswer("WITH t AS (SELECT id FROM w WHERE id > 5) UPDATE w SET v = -v FROM t WHERE w.id = t.id RETURNING w.id, w.v",
        "6|-6\n7|-7\n8|-7");
    pg.assertAnswer("WITH d AS (DELETE FROM w WHERE id = 5 RETURNING id) UPDATE w2 SET v = v + (SELECT count(*) FROM d) RETURNING id, v",
        "");
  }

  @Test
  void writesInWithJoinTheTransactionsConflictCheckLikeAnyOther() {
    MemKvStore kv = new MemKvStore();
    CatalogCache cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    Client a = new Client(kv, cache);
    Client b = new Client(kv, cache);
    a.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    a.run("INSERT INTO t VALUES (1, 10), (2, 20)");
    a.run("BEGIN");
    b.run("BEGIN");
    assertEquals(1L, a.run("WITH u AS (UPDATE t SET v = 11 WHERE id = 1 RETURNING id) SELECT count(*) FROM u").value());
    b.run("WITH x AS (SELECT 1) UPDATE t SET v = 12 WHERE id = 1");
    a.run("COMMIT");
    DbException e = b.fail("COMMIT");
    assertEquals("40001", e.state().code(), e.getMessage());
    assertEquals(11, a.run("SELECT v FROM t WHERE id = 1").value());
  }

  @Test
  void writesInWithCountAgainstTheRowLimitAndAFailureWritesNothing() {
    MemKvStore kv = new MemKvStore();
    SqlConfig small = new SqlConfig(5, SqlConfig.DEFAULT.maxBytesPerTxn(), SqlConfig.DEFAULT.maxTxnAgeMicros(),
        SqlConfig.DEFAULT.scanPageSize(), SqlConfig.DEFAULT.maxNestingDepth(), SqlConfig.DEFAULT.queryMemoryLimit(),
        SqlConfig.DEFAULT.statementCacheSize());
    Client c = new Client(kv, new CatalogCache(kv, small.scanPageSize()), small);
    c.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    c.run("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)");
    DbException e = c.fail("WITH d AS (DELETE FROM t RETURNING id) INSERT INTO t SELECT id + 10, 0 FROM d");
    assertEquals("54000", e.state().code(), e.getMessage());
    assertEquals(3L, c.run("SELECT count(*) FROM t WHERE id < 10").value());
  }
}
