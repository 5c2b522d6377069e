package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * Savepoints restore the session's write buffer: what was rolled back is neither committed nor
 * part of the conflict set, and the transaction keeps its snapshot. Two sessions share one store
 * with first-committer-wins commits.
 */
class SavepointTest {
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
  }

  @Test
  void aWriteRolledBackToASavepointDoesNotConflictWithAnotherTransaction() {
    a.run("BEGIN");
    a.run("UPDATE t SET v = 11 WHERE id = 1");
    a.run("SAVEPOINT s");
    a.run("UPDATE t SET v = 21 WHERE id = 2");
    a.run("ROLLBACK TO SAVEPOINT s");
    b.run("UPDATE t SET v = 22 WHERE id = 2");
    a.run("COMMIT");
    assertEquals(11, a.run("SELECT v FROM t WHERE id = 1").value());
    assertEquals(22, a.run("SELECT v FROM t WHERE id = 2").value());
  }

  @Test
  void rollingBackToASavepointKeepsTheTransactionsSnapshot() {
    a.run("BEGIN");
    a.run("SELECT count(*) FROM t");
    a.run("SAVEPOINT s");
    b.run("INSERT INTO t VALUES (3, 30)");
    a.run("ROLLBACK TO s");
    assertEquals(2L, a.run("SELECT count(*) FROM t").value(), "the snapshot is the block's first statement's");
    a.run("COMMIT");
    assertEquals(3L, a.run("SELECT count(*) FROM t").value());
  }

  @Test
  void aFailedStatementIsUndoneByRollingBackToASavepointAndTheBlockGoesOn() {
    a.run("BEGIN");
    a.run("SAVEPOINT s");
    assertEquals("23505", a.fail("INSERT INTO t VALUES (1, 0)").state().code());
    assertEquals("25P02", a.fail("SELECT 1").state().code());
    a.run("ROLLBACK TO s");
    a.run("INSERT INTO t VALUES (4, 40)");
    a.run("COMMIT");
    assertEquals(3L, b.run("SELECT count(*) FROM t").value());
  }
}
