package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * SELECT ... FOR UPDATE as DSQL has it: never a lock or a wait; the rows selected join the
 * transaction's conflict set, checked at COMMIT and counted as written for others, yet never
 * written. Two sessions share one in-memory store with first-committer-wins commits.
 */
class ForUpdateTest {
  private MemKvStore kv;
  private CatalogCache cache;
  private Client a;
  private Client b;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    a = new Client(kv, cache);
    b = new Client(kv, cache);
    a.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    a.run("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  }

  private static void assertConflict(DbException e) {
    assertEquals("40001", e.state().code(), e.getMessage());
    assertTrue(e.getMessage().contains("OC000"), e.getMessage());
  }

  private List<Object> values() {
    return a.run("SELECT v FROM t ORDER BY id").rows().stream().map(r -> r[0]).toList();
  }

  /** Write skew: each reads both rows FOR UPDATE, writes one; without FOR UPDATE both would commit. */
  private void writeSkew(String select) {
    a.run("BEGIN");
    b.run("BEGIN");
    assertEquals(2, a.run(select).rows().size());
    assertEquals(2, b.run(select).rows().size());
    a.run("UPDATE t SET v = 11 WHERE id = 1");
    b.run("UPDATE t SET v = 22 WHERE id = 2");
    a.run("COMMIT");
    assertConflict(b.fail("COMMIT"));
    assertEquals(List.of(11, 20, 30), values(), "only the first committer's write is there");
  }

  @Test
  void writeSkewOverRowsBothSelectedForUpdateEndsWithExactlyOne40001() {
    writeSkew("SELECT * FROM t WHERE id IN (1, 2) FOR UPDATE");
  }

  @Test
  void writeSkewOverAPointReadOfEachRowForUpdateEndsWithExactlyOne40001() {
    a.run("BEGIN");
    b.run("BEGIN");
    a.run("SELECT v FROM t WHERE id = 1 FOR UPDATE");
    a.run("SELECT v FROM t WHERE id = 2 FOR UPDATE");
    b.run("SELECT v FROM t WHERE id = 1 FOR UPDATE");
    b.run("SELECT v FROM t WHERE id = 2 FOR UPDATE");
    a.run("UPDATE t SET v = 11 WHERE id = 1");
    b.run("UPDATE t SET v = 22 WHERE id = 2");
    a.run("COMMIT");
    assertConflict(b.fail("COMMIT"));
  }

  @Test
  void withoutForUpdateTheSameWriteSkewCommitsBoth() {
    // The baseline FOR UPDATE exists to change: snapshot isolation alone allows write skew.
    a.run("BEGIN");
    b.run("BEGIN");
    a.run("SELECT * FROM t WHERE id IN (1, 2)");
    b.run("SELECT * FROM t WHERE id IN (1, 2)");
    a.run("UPDATE t SET v = 11 WHERE id = 1");
    b.run("UPDATE t SET v = 22 WHERE id = 2");
    a.run("COMMIT");
    b.run("COMMIT");
    assertEquals(List.of(11, 22, 30), values());
  }

  @Test
  void aForUpdateSelectAloneFailsAtCommitWhenItsRowWasUpdatedSinceTheTransactionBegan() {
    a.run("BEGIN");
    assertEquals(20, a.run("SELECT v FROM t WHERE id = 2 FOR UPDATE").value());
    b.run("UPDATE t SET v = 21 WHERE id = 2");
    assertConflict(a.fail("COMMIT"));
  }

  @Test
  void aForUpdateSelectAloneCommitsWhenNothingChangedAndStoresNoNewVersion() {
    int versions = kv.versionCount();
    int commits = kv.commits.get();
    a.run("BEGIN");
    assertEquals(3, a.run("SELECT * FROM t FOR UPDATE").rows().size());
    a.run("COMMIT");
    assertEquals(commits + 1, kv.commits.get(), "the read-only block still went through the conflict check");
    assertEquals(versions, kv.versionCount(), "a locked row is never written");
    assertEquals(List.of(10, 20, 30), values());
  }

  @Test
  void aCommittedForUpdateCountsAsAWriteForTransactionsThatBeganBeforeIt() {
    a.run("BEGIN");
    a.run("SELECT v FROM t WHERE id = 1");
    b.run("BEGIN");
    b.run("SELECT v FROM t WHERE id = 1 FOR UPDATE");
    b.run("COMMIT");
    a.run("UPDATE t SET v = 12 WHERE id = 1");
    assertConflict(a.fail("COMMIT"));
  }

  @Test
  void onlyRowsPassingTheFilterAreLocked() {
    a.run("BEGIN");
    assertEquals(1, a.run("SELECT id FROM t WHERE v = 10 FOR UPDATE").rows().size());
    b.run("UPDATE t SET v = 21 WHERE id = 2");
    a.run("UPDATE t SET v = 13 WHERE id = 3");
    a.run("COMMIT");
    assertEquals(List.of(10, 21, 13), values());
  }

  @Test
  void aRowSelectedForUpdateThenWrittenIsOneKeyAgainstTheRowLimit() {
    SqlConfig two = new SqlConfig(2, SqlConfig.DEFAULT.maxBytesPerTxn(), SqlConfig.DEFAULT.maxTxnAgeMicros(),
        SqlConfig.DEFAULT.scanPageSize(), SqlConfig.DEFAULT.maxNestingDepth(),
        SqlConfig.DEFAULT.queryMemoryLimit(), SqlConfig.DEFAULT.statementCacheSize());
    Client c = new Client(kv, cache, two);
    c.run("BEGIN");
    c.run("SELECT * FROM t WHERE id < 3 FOR UPDATE");
    c.run("UPDATE t SET v = v + 1 WHERE id < 3");
    c.run("COMMIT");
    assertEquals(List.of(11, 21, 30), values());

    c.run("BEGIN");
    assertEquals("54000", c.fail("SELECT * FROM t FOR UPDATE").state().code(),
        "locked rows travel to the adjudicators like written ones, within the same limit");
    c.run("ROLLBACK");
  }

  @Test
  void outsideABlockAForUpdateSelectIsItsOwnReadOnlyTransactionAndIsNotAdjudicated() {
    int commits = kv.commits.get();
    assertEquals(3, a.run("SELECT * FROM t FOR UPDATE").rows().size());
    assertEquals(commits, kv.commits.get());
  }

  @Test
  void theOtherLockStrengthsAreRefusedWithDsqlsErrorAtAnyDepth() {
    String[] cases = {
        "SELECT * FROM t FOR SHARE",
        "SELECT * FROM t FOR NO KEY UPDATE",
        "SELECT * FROM t WHERE id = 1 FOR KEY SHARE",
        "SELECT * FROM t FOR SHARE NOWAIT",
        "SELECT * FROM (SELECT * FROM t FOR KEY SHARE) x",
        "WITH c AS (SELECT * FROM t WHERE id = 1 FOR SHARE) SELECT * FROM c",
        "SELECT id FROM t WHERE id IN (SELECT id FROM t FOR NO KEY UPDATE)",
    };
    for (String c : cases) {
      DbException e = a.fail(c);
      assertEquals("0A000", e.state().code(), c);
      assertEquals("locking clauses other than FOR UPDATE/FOR KEY SHARE are not supported", e.getMessage(), c);
    }
  }

  @Test
  void nowaitSkipLockedAndAnOfListLockLikeForUpdate() {
    writeSkew("SELECT * FROM t WHERE id IN (1, 2) FOR UPDATE NOWAIT");
    a.run("UPDATE t SET v = 20 WHERE id = 2");
    writeSkew("SELECT * FROM t WHERE id < 3 FOR UPDATE SKIP LOCKED");
    a.run("UPDATE t SET v = 10 WHERE id = 1");
    writeSkew("SELECT * FROM t x WHERE id <= 2 FOR UPDATE OF x");
    DbException e = a.fail("SELECT * FROM t x FOR UPDATE OF t");
    assertEquals("42P01", e.state().code());
    assertEquals("relation \"t\" in FOR UPDATE clause not found in FROM clause", e.getMessage());
  }

  @Test
  void aForUpdateInsideADerivedTableLocksItsTableRows() {
    writeSkew("SELECT * FROM (SELECT * FROM t WHERE id <= 2 FOR UPDATE) x");
  }

  @Test
  void forUpdateOverRowsThatAreNotTableRowsFailsAsInPostgres() {
    // PostgreSQL 15's messages and its order of checks (DISTINCT, GROUP BY, HAVING, aggregates).
    String[][] cases = {
        {"SELECT count(*) FROM t FOR UPDATE", "FOR UPDATE is not allowed with aggregate functions"},
        {"SELECT count(*) FOR UPDATE", "FOR UPDATE is not allowed with aggregate functions"},
        {"SELECT DISTINCT v FROM t FOR UPDATE", "FOR UPDATE is not allowed with DISTINCT clause"},
        {"SELECT DISTINCT count(*) FROM t FOR UPDATE", "FOR UPDATE is not allowed with DISTINCT clause"},
        {"SELECT v FROM t GROUP BY v FOR UPDATE", "FOR UPDATE is not allowed with GROUP BY clause"},
        {"SELECT count(*) FROM t GROUP BY v FOR UPDATE", "FOR UPDATE is not allowed with GROUP BY clause"},
        {"SELECT sum(v) FROM t HAVING sum(v) > 0 FOR UPDATE", "FOR UPDATE is not allowed with HAVING clause"},
        {"SELECT id, row_number() OVER () FROM t FOR UPDATE", "FOR UPDATE is not allowed with window functions"},
        {"SELECT id FROM t UNION SELECT 1 FOR UPDATE", "FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT"},
        {"SELECT * FROM (SELECT DISTINCT v FROM t FOR UPDATE) x", "FOR UPDATE is not allowed with DISTINCT clause"},
    };
    for (String[] c : cases) {
      DbException e = a.fail(c[0]);
      assertEquals("0A000", e.state().code(), c[0]);
      assertEquals(c[1], e.getMessage(), c[0]);
    }
  }

  @Test
  void otherShapesOfTheClauseBehaveAsInPostgres() {
    assertEquals("42601", a.fail("SELECT * FROM t FOR UPDATE ORDER BY id").state().code());
    assertEquals("42601", a.fail("SELECT * FROM t FOR UPDATE WAIT 5").state().code());
    assertEquals("42601", a.fail("SELECT * FROM t FOR FETCH ONLY").state().code());
    assertEquals(3, a.run("SELECT * FROM t FOR READ ONLY").rows().size(), "PostgreSQL's FOR READ ONLY locks nothing");
    assertEquals(1, a.run("SELECT 1 FOR UPDATE").value(), "no table, nothing to lock");
    assertEquals(List.of(3), a.run("SELECT id FROM t ORDER BY id DESC LIMIT 1 FOR UPDATE").rows().stream().map(r -> r[0]).toList());
    assertEquals(List.of(2), a.run("SELECT id FROM t FOR UPDATE LIMIT 1 OFFSET 1").rows().stream().map(r -> r[0]).toList());
  }

  @Test
  void aReadOnlyBlockRefusesForUpdateOnATableButNotWithoutOne() {
    a.run("BEGIN READ ONLY");
    DbException e = a.fail("SELECT * FROM t FOR UPDATE");
    assertEquals("25006", e.state().code());
    assertEquals("cannot execute SELECT FOR UPDATE in a read-only transaction", e.getMessage());
    a.run("ROLLBACK");
    a.run("BEGIN READ ONLY");
    assertEquals(1, a.run("SELECT 1 FOR UPDATE").value());
    a.run("COMMIT");
  }
}
