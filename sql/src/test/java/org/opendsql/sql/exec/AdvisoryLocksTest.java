package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.session.Prepared;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * PostgreSQL's advisory locks over the store's transactions: exclusive between sessions,
 * reentrant within one, session- and transaction-level, waiting without a thread, and free again
 * when their owner's lease runs out. Sessions share one store with first-committer-wins commits.
 */
class AdvisoryLocksTest {
  private MemKvStore kv;
  private Client a;
  private Client b;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    CatalogCache cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    a = new Client(kv, cache);
    b = new Client(kv, cache);
  }

  private static boolean bool(Client c, String sql, Object... params) {
    return (Boolean) c.run(sql, params).value();
  }

  @Test
  void oneSessionAtATimeHoldsALockAndItIsReentrant() {
    assertTrue(bool(a, "SELECT pg_try_advisory_lock(42)"));
    assertTrue(bool(a, "SELECT pg_try_advisory_lock($1)", 42L));
    assertFalse(bool(b, "SELECT pg_try_advisory_lock(42)"));
    assertTrue(bool(a, "SELECT pg_advisory_unlock(42)"));
    assertFalse(bool(b, "SELECT pg_try_advisory_lock(42)"), "still held once");
    assertTrue(bool(a, "SELECT pg_advisory_unlock(42)"));
    assertFalse(bool(a, "SELECT pg_advisory_unlock(42)"), "not held any more");
    assertTrue(bool(b, "SELECT pg_try_advisory_lock(42)"));
  }

  @Test
  void theTwoIntegerKeySpaceIsSeparateFromTheBigintOne() {
    assertTrue(bool(a, "SELECT pg_try_advisory_lock(1, 2)"));
    assertTrue(bool(b, "SELECT pg_try_advisory_lock(" + ((1L << 32) | 2) + ")"));
    assertFalse(bool(b, "SELECT pg_try_advisory_lock(1, 2)"));
    assertEquals("pg_try_advisory_lock", a.run("SELECT pg_try_advisory_lock(7)").columns().get(0).name());
    assertEquals("got", a.run("SELECT pg_try_advisory_lock(8) AS got").columns().get(0).name());
  }

  @Test
  void transactionLevelLocksEndWithTheirTransaction() {
    a.run("BEGIN");
    assertTrue(bool(a, "SELECT pg_try_advisory_xact_lock(5)"));
    assertFalse(bool(b, "SELECT pg_try_advisory_xact_lock(5)"));
    a.run("COMMIT");
    assertTrue(bool(b, "SELECT pg_try_advisory_xact_lock(5)"), "the autocommit statement's lock ended with it");
    assertTrue(bool(a, "SELECT pg_try_advisory_lock(5)"));
    a.run("BEGIN");
    a.run("SELECT pg_advisory_xact_lock(6)");
    assertEquals("42P01", a.fail("SELECT * FROM missing").state().code());
    assertFalse(bool(b, "SELECT pg_try_advisory_lock(6)"), "held until the failed block ends");
    a.run("ROLLBACK");
    assertTrue(bool(b, "SELECT pg_try_advisory_lock(6)"));
  }

  @Test
  void aWaitingLockIsGrantedWhenTheHolderUnlocks() throws Exception {
    a.run("SELECT pg_advisory_lock(9)");
    Prepared p = b.session.prepare("SELECT pg_advisory_lock(9)", new int[0]).toCompletableFuture().join();
    CompletableFuture<?> waiting = b.session.execute(p, new Object[0]).toCompletableFuture();
    assertFalse(waiting.isDone());
    assertTrue(bool(a, "SELECT pg_advisory_unlock(9)"));
    waiting.get(10, TimeUnit.SECONDS);
    b.session.sync(true).toCompletableFuture().join();
    assertFalse(bool(a, "SELECT pg_try_advisory_lock(9)"));
  }

  @Test
  void aLockWhoseOwnerStoppedRenewingIsFreeAfterItsLease() {
    a.run("SELECT pg_advisory_lock(11)");
    assertFalse(bool(b, "SELECT pg_try_advisory_lock(11)"));
    kv.advanceMicros(AdvisoryLocks.LEASE_MICROS + 1_000_000);
    assertTrue(bool(b, "SELECT pg_try_advisory_lock(11)"), "a lease not renewed for its whole length has expired");
  }

  @Test
  void closingASessionReleasesItsLocksAndUnlockAllKeepsTransactionLocks() {
    a.run("SELECT pg_advisory_lock(12)");
    a.run("BEGIN");
    a.run("SELECT pg_advisory_xact_lock(13)");
    a.run("SELECT pg_advisory_unlock_all()");
    assertTrue(bool(b, "SELECT pg_try_advisory_lock(12)"));
    assertFalse(bool(b, "SELECT pg_try_advisory_lock(13)"));
    a.session.close();
    assertTrue(bool(b, "SELECT pg_try_advisory_lock(13)"));
  }

  @Test
  void lockFunctionsInsideLargerQueriesAreRefusedByName() {
    assertEquals("0A000", a.fail("SELECT pg_try_advisory_lock(1) FROM generate_series(1, 2)").state().code());
    assertEquals("0A000", a.fail("SELECT 1 WHERE pg_try_advisory_lock(1)").state().code());
    assertEquals("0A000", a.fail("SELECT pg_advisory_lock_shared(1)").state().code());
    assertEquals("42883", a.fail("SELECT pg_advisory_lock('x'::text)").state().code());
    assertTrue(bool(b, "SELECT pg_try_advisory_lock(1)"), "nothing was taken");
  }
}
