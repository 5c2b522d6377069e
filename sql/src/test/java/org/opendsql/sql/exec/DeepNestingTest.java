package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * A statement nested deeper than the engine allows fails with 54001 and leaves the session (and
 * the thread) usable, as PostgreSQL's stack depth check does; one within the limit is answered.
 * Runs on a thread with a 512 KiB stack, a default dispatcher thread's (-Xss 1 MiB).
 */
class DeepNestingTest {
  private Client c;

  @BeforeEach
  void setUp() {
    MemKvStore kv = new MemKvStore();
    c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
  }

  private static String outcomeOnSmallStack(Client c, String sql) throws Exception {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        out.set(String.valueOf(c.run(sql).value()));
      } catch (DbException e) {
        out.set(e.state().code());
      } catch (Throwable e) {
        out.set(e);
      }
    }, "small-stack", 1024 * 1024);
    t.start();
    t.join();
    if (out.get() instanceof Throwable e) throw new AssertionError("escaped the engine: " + e, e);
    return (String) out.get();
  }

  private String outcome(String sql) throws Exception {
    return outcomeOnSmallStack(c, sql);
  }

  @Test
  void parenthesesDeeperThanTheLimitFailWith54001QuicklyAndShallowerOnesAnswer() throws Exception {
    long t0 = System.nanoTime();
    assertEquals("54001", outcome("SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000)));
    assertEquals("54001", outcome("SELECT " + "(".repeat(600) + "1" + ")".repeat(600)));
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused before parsing");
    int limit = SqlConfig.DEFAULT.maxNestingDepth();
    assertEquals("1", outcome("SELECT " + "(".repeat(limit - 1) + "1" + ")".repeat(limit - 1)));
  }

  @Test
  void sumsOfManyTermsAnswerOrFailWith54001() throws Exception {
    // Whether 1,000 terms fit depends on how much of the stack the JIT has compacted yet.
    String thousand = outcome("SELECT 0" + " + 1".repeat(1000));
    assertTrue(thousand.equals("1000") || thousand.equals("54001"), thousand);
    assertEquals("54001", outcome("SELECT 0" + " + 1".repeat(100_000)));
    assertEquals("2", outcome("SELECT 1 + 1"));
  }

  @Test
  void nestedCaseAndCoalesceFailWith54001AndTheSessionStaysUsable() throws Exception {
    assertEquals("54001", outcome("SELECT " + "CASE WHEN true THEN ".repeat(1000) + "1" + " END".repeat(1000)));
    assertEquals("54001", outcome("SELECT " + "coalesce(".repeat(1000) + "1" + ")".repeat(1000)));
    assertEquals("1", outcome("SELECT " + "coalesce(".repeat(100) + "1" + ")".repeat(100)));
    assertEquals("2", outcome("SELECT 1 + 1"));
  }
}
