package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Filters and aggregates the store evaluates where the rows are: the answers are PostgreSQL 15's
 * for the same statements on the same rows, and the counters show what the store did.
 */
class StoragePushdownTest {
  private MemKvStore kv;
  private Client c;
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
    pg = new PgAnswers(c);
    c.run("CREATE TABLE t (id int PRIMARY KEY, v int, big bigint, name text, price numeric(10,2), flag boolean,"
        + " code char(3))");
    c.run("INSERT INTO t SELECT g, g % 10, g::bigint * 1000000000000, 'n' || g, g * 1.25, g % 3 = 0,"
        + " CASE WHEN g % 4 = 0 THEN 'ab' END FROM generate_series(1, 200) g");
    c.run("INSERT INTO t VALUES (201, NULL, NULL, NULL, NULL, NULL, NULL)");
    kv.resetCounters();
  }

  @Test
  void onlyRowsPassingAPushedFilterLeaveTheStore() {
    pg.assertAnswer("SELECT id FROM t WHERE v = 7 AND name <> 'n7' ORDER BY id LIMIT 3", "17\n27\n37");
    assertEquals(1, kv.filteredScans.get());
    assertTrue(kv.filteredEntries.get() <= 20, "at most the 19 matching rows, not 201: " + kv.filteredEntries.get());
  }

  @Test
  void wholeTableAggregatesAreComputedByTheStore() {
    pg.assertAnswer("SELECT count(*), count(v), sum(v), sum(big), min(name), max(name), min(v), max(id) FROM t",
        "201|200|900|20100000000000000|n1|n99|0|201");
    pg.assertAnswer("SELECT count(*), sum(v) FROM t WHERE v = 5", "20|100");
    pg.assertAnswer("SELECT count(*), min(name), sum(v) FROM t WHERE id > 1000", "0||");
    pg.assertAnswer("SELECT sum(v) FROM t WHERE v = 5 HAVING sum(v) > 1000", "");
    assertEquals(4, kv.storeAggregates.get());
  }

  @Test
  void comparisonsStorageCannotDecideExactlyStayInTheExecutor() {
    pg.assertAnswer("SELECT count(*) FROM t WHERE v < 2.5", "60");
    pg.assertAnswer("SELECT count(*) FROM t WHERE v = 2.5", "0");
    pg.assertAnswer("SELECT count(*) FROM t WHERE v IN (1, 2.5, NULL)", "20");
    pg.assertAnswer("SELECT count(*) FROM t WHERE code = 'ab'", "50");
    pg.assertAnswer("SELECT count(*) FROM t WHERE code = 'ab '::text", "0");
    pg.assertAnswer("SELECT count(*) FROM t WHERE price >= 100.00", "121");
  }

  @Test
  void nullsBooleansAndParametersFollowSqlRules() {
    pg.assertAnswer("SELECT count(*) FROM t WHERE name > 'n5' AND v <> 3", "49");
    pg.assertAnswer("SELECT count(*) FROM t WHERE v IS NULL", "1");
    pg.assertAnswer("SELECT count(*) FROM t WHERE flag", "66");
    pg.assertAnswer("SELECT count(*) FROM t WHERE NOT flag", "134");
    assertEquals(0L, c.run("SELECT count(*) FROM t WHERE v = $1", (Object) null).value());
    assertEquals(20L, c.run("SELECT count(*) FROM t WHERE v = $1", 4).value());
  }

  @Test
  void theTransactionsOwnWritesCountThoughTheStoreHasNotSeenThem() {
    c.run("BEGIN");
    c.run("UPDATE t SET v = 7 WHERE id = 1");
    c.run("UPDATE t SET v = 0 WHERE id = 7");
    c.run("DELETE FROM t WHERE id = 17");
    c.run("INSERT INTO t (id, v) VALUES (500, 7)");
    kv.resetCounters();
    pg.assertAnswer("SELECT id FROM t WHERE v = 7 ORDER BY id LIMIT 4", "1\n27\n37\n47");
    pg.assertAnswer("SELECT count(*), sum(v) FROM t WHERE v = 7", "20|140");
    assertEquals(0, kv.storeAggregates.get(), "the store cannot aggregate rows it has not seen");
    c.run("ROLLBACK");
    pg.assertAnswer("SELECT count(*), sum(v) FROM t WHERE v = 7", "20|140");
    assertEquals(1, kv.storeAggregates.get());
  }

  @Test
  void storageReturnsOnlyTheColumnsTheQueryReads() {
    pg.assertAnswer("SELECT name FROM t WHERE v = 3 ORDER BY price DESC LIMIT 2", "n193\nn183");
    // id (the primary key), v (filter), name (output), price (sort key): not big, flag or code.
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2, 4, 5}, kv.lastSpec.projection());
    pg.assertAnswer("SELECT v, count(DISTINCT name) FROM t WHERE flag GROUP BY v ORDER BY v LIMIT 2", "0|6\n1|6");
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2, 4, 6}, kv.lastSpec.projection());
  }

  @Test
  void anIndexHoldingEveryColumnAQueryReadsAnswersWithoutReadingRows() {
    c.run("CREATE TABLE s (id int PRIMARY KEY, k int, w int, other text)");
    c.run("CREATE INDEX s_k ON s (k) INCLUDE (w)");
    c.run("INSERT INTO s SELECT g, g % 50, g * 2, 'x' FROM generate_series(1, 500) g");
    kv.resetCounters();
    pg.assertAnswer("SELECT id, w FROM s WHERE k = 7 AND w > 400 ORDER BY id", "207|414\n257|514\n307|614\n357|714\n407|814\n457|914");
    assertEquals(0, kv.gets.get(), "no row is read: the index entries hold id, k and w");
    pg.assertAnswer("SELECT id, other FROM s WHERE k = 7 AND w > 800 ORDER BY id", "407|x\n457|x");
    assertTrue(kv.gets.get() >= 2, "other is not in the index: the rows are read");
    c.run("BEGIN");
    c.run("UPDATE s SET w = 1 WHERE id = 207");
    c.run("INSERT INTO s VALUES (1007, 7, 999, 'y')");
    pg.assertAnswer("SELECT id, w FROM s WHERE k = 7 AND w > 400 ORDER BY id", "257|514\n307|614\n357|714\n407|814\n457|914\n1007|999");
    c.run("ROLLBACK");
  }
}
