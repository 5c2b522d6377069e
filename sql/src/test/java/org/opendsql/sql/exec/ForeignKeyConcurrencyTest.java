package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * Foreign keys under optimistic concurrency: a child's insert reads its parent at the
 * transaction's snapshot and puts the parent's key in its conflict set, so a concurrent delete of
 * the parent and the insert cannot both commit (the statement-level answers are checked against
 * PostgreSQL by the foreign_keys corpus).
 */
class ForeignKeyConcurrencyTest {
  private Client a;
  private Client b;

  @BeforeEach
  void setUp() {
    MemKvStore kv = new MemKvStore();
    CatalogCache cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    a = new Client(kv, cache);
    b = new Client(kv, cache);
    a.run("CREATE TABLE parent (id int PRIMARY KEY)");
    a.run("CREATE TABLE child (id int PRIMARY KEY, pid int REFERENCES parent ON DELETE CASCADE)");
    a.run("INSERT INTO parent VALUES (1), (2)");
  }

  @Test
  void aChildInsertAndAConcurrentParentDeleteCannotBothCommit() {
    a.run("BEGIN");
    a.run("INSERT INTO child VALUES (10, 1)");
    b.run("DELETE FROM parent WHERE id = 1");
    assertEquals("40001", a.fail("COMMIT").state().code());
    assertEquals(0L, b.run("SELECT count(*) FROM child").value(), "no orphan");
  }

  @Test
  void aParentDeleteThatMissedAChildCommittedMeanwhileFails() {
    b.run("BEGIN");
    b.run("SELECT count(*) FROM parent");
    a.run("INSERT INTO child VALUES (10, 1)");
    b.run("DELETE FROM parent WHERE id = 1");
    assertEquals("40001", b.fail("COMMIT").state().code());
    assertEquals(1L, a.run("SELECT count(*) FROM child WHERE pid = 1").value());
  }

  @Test
  void aParentDeleteAfterACommittedChildCascadesToIt() {
    a.run("INSERT INTO child VALUES (10, 1), (11, 2)");
    b.run("DELETE FROM parent WHERE id = 1");
    assertEquals(1L, a.run("SELECT count(*) FROM child").value());
  }

  @Test
  void aParentInsertedEarlierInTheSameTransactionIsFound() {
    a.run("BEGIN");
    a.run("INSERT INTO parent VALUES (3)");
    a.run("INSERT INTO child VALUES (12, 3)");
    a.run("COMMIT");
    assertEquals(3, b.run("SELECT pid FROM child WHERE id = 12").value());
  }

  @Test
  void aFailedCheckChangesNothing() {
    assertEquals("23503", a.fail("INSERT INTO child VALUES (13, 1), (14, 99)").state().code());
    assertEquals(0L, a.run("SELECT count(*) FROM child").value());
  }
}
