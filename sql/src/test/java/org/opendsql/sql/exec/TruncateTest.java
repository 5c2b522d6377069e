package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * TRUNCATE swaps a table's data for none in one catalog write, and DROP TABLE removes one row of
 * the catalog: neither is bound by the transaction row limit, and the old rows are deleted after
 * the commit. Two sessions share one store with first-committer-wins commits.
 */
class TruncateTest {
  private MemKvStore kv;
  private Client a;
  private Client b;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    CatalogCache cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    a = new Client(kv, cache);
    b = new Client(kv, cache);
    a.run("CREATE TABLE t (id int PRIMARY KEY, email text UNIQUE, n int)");
    a.run("CREATE INDEX t_n ON t (n)");
    for (int start = 1; start <= 5000; start += 2500) {
      a.run("INSERT INTO t SELECT g, 'u' || g, g % 7 FROM generate_series(" + start + ", " + (start + 2499) + ") g");
    }
  }

  @Test
  void truncateEmptiesTheTableAndItsIndexesPastTheRowLimitAndFreesTheOldRows() {
    byte[] oldRows = KeyCodec.prefix(firstUserTableId(), 1);
    assertEquals(5000, kv.liveKeys(oldRows));
    assertEquals("TRUNCATE TABLE", a.run("TRUNCATE t").tag());
    assertEquals(0L, a.run("SELECT count(*) FROM t").value());
    assertEquals(0L, a.run("SELECT count(*) FROM t WHERE n = 3").value());
    a.run("INSERT INTO t VALUES (1, 'u2', 3)");
    assertEquals(1L, a.run("SELECT count(*) FROM t WHERE email = 'u2' AND n = 3").value());
    assertEquals(0, kv.liveKeys(oldRows), "the old id's rows are deleted after the commit");
  }

  @Test
  void aTransactionThatUsedTheTableBeforeATruncateFailsAtCommit() {
    a.run("BEGIN");
    assertEquals(5000L, a.run("SELECT count(*) FROM t").value());
    a.run("INSERT INTO t VALUES (9001, 'x', 1)");
    b.run("TRUNCATE TABLE ONLY t RESTART IDENTITY CASCADE");
    DbException e = a.fail("COMMIT");
    assertEquals("40001", e.state().code());
    assertTrue(e.getMessage().contains("OC001"), e.getMessage());
    assertEquals(0L, b.run("SELECT count(*) FROM t").value());
  }

  @Test
  void truncateFollowsDsqlsDdlRulesAndAMissingTableChangesNothing() {
    a.run("CREATE TABLE u (id int PRIMARY KEY)");
    a.run("INSERT INTO u VALUES (1)");
    assertEquals("42P01", a.fail("TRUNCATE u, nope").state().code());
    assertEquals(1L, a.run("SELECT count(*) FROM u").value());
    a.run("BEGIN");
    a.run("INSERT INTO u VALUES (2)");
    assertEquals("0A000", a.fail("TRUNCATE u").state().code());
    a.run("ROLLBACK");
    a.run("TRUNCATE public.u, t");
    assertEquals(0L, a.run("SELECT (SELECT count(*) FROM u) + (SELECT count(*) FROM t)").value());
  }

  @Test
  void dropTableOfMoreRowsThanATransactionMayWriteSucceedsAndFreesThem() {
    byte[] oldRows = KeyCodec.prefix(firstUserTableId(), 1);
    a.run("DROP TABLE t");
    assertEquals("42P01", a.fail("SELECT * FROM t").state().code());
    assertEquals(0, kv.liveKeys(oldRows));
    a.run("CREATE TABLE t (id int PRIMARY KEY)");
    assertEquals(0L, a.run("SELECT count(*) FROM t").value());
  }

  private static long firstUserTableId() {
    return org.opendsql.sql.catalog.CatalogKeys.FIRST_USER_TABLE_ID;
  }
}
