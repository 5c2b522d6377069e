package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.Write;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.RowBatch;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

class StreamingTest {
  private static final int ROWS = 200_000;
  private MemKvStore kv;
  private CatalogCache cache;
  private Client c;

  @BeforeEach
  void load() {
    kv = new MemKvStore();
    cache = new CatalogCache(kv, org.opendsql.sql.config.SqlConfig.DEFAULT.scanPageSize());
    c = new Client(kv, cache);
    c.run("CREATE TABLE big (id int PRIMARY KEY, v text)");
    TableDef t = cache.find("big", kv.now()).toCompletableFuture().join();
    List<Write> writes = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      Object[] row = {i, "v" + i};
      writes.add(new Write(t.key(row), t.encodeRow(row)));
    }
    kv.load(writes);
  }

  private Cursor open(String sql) {
    Prepared p = c.session.prepare(sql, new int[0]).toCompletableFuture().join();
    return c.session.execute(p, new Object[0]).toCompletableFuture().join();
  }

  @Test
  void plainScanStreamsPageByPageAndNeverReadsFarAhead() {
    kv.resetCounters();
    Cursor cur = open("SELECT id, v FROM big");
    assertEquals(0, kv.scans.get(), "opening the cursor reads nothing");
    int seen = 0;
    int expected = 0;
    RowBatch b;
    do {
      b = cur.fetch(100).toCompletableFuture().join();
      for (Object[] r : b.rows()) assertEquals(expected++, r[0]);
      seen += b.rows().size();
      long pagesNeeded = (seen + 255) / 256;
      assertTrue(kv.scans.get() <= pagesNeeded + 1, "scans " + kv.scans.get() + " after " + seen + " rows");
    } while (!b.done());
    assertEquals(ROWS, seen);
    assertEquals("SELECT " + ROWS, b.commandTag());
  }

  @Test
  void limitStopsReadingStorage() {
    kv.resetCounters();
    assertEquals(10, c.run("SELECT id FROM big LIMIT 10").rows().size());
    assertTrue(kv.scannedEntries.get() <= 256, "read " + kv.scannedEntries.get());
  }

  @Test
  void aggregatesFoldPagesWithoutHoldingTheTable() {
    assertEquals((long) ROWS, c.run("SELECT count(*) FROM big").value());
    assertEquals(ROWS - 1, c.run("SELECT max(id) FROM big").value());
  }

  @Test
  void cancelFailsTheStreamAtTheNextPageWith57014() {
    Cursor cur = open("SELECT id FROM big");
    cur.fetch(10).toCompletableFuture().join();
    c.session.cancel();
    CompletionException e = assertThrows(CompletionException.class, () -> {
      for (int i = 0; i < 10; i++) cur.fetch(1000).toCompletableFuture().join();
    });
    assertEquals("57014", DbException.of(e).state().code());
  }

  @Test
  void updatingMoreRowsThanTheLimitFailsBeforeBufferingThem() {
    DbException e = c.fail("UPDATE big SET v = 'x'");
    assertEquals("54000", e.state().code());
    assertEquals("v7", c.run("SELECT v FROM big WHERE id = 7").value());
  }
}
