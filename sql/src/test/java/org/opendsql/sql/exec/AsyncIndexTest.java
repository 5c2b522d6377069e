package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.config.JobSettings;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * CREATE INDEX ASYNC on the engine alone: the DDL's job record and building index, backfill steps
 * interleaved with writes, the index valid (and used) only once built, unique failures, DROP
 * cancelling, and a claim taken over after its lease.
 */
class AsyncIndexTest {
  private static final JobSettings SETTINGS = new JobSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), 7);
  private MemKvStore kv;
  private CatalogCache cache;
  private Client c;
  private final AtomicLong clock = new AtomicLong(1_000_000);

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    c = new Client(kv, cache);
  }

  private IndexBackfill node(String name) {
    return new IndexBackfill(kv, name, SETTINGS, clock::get, cache::invalidate, Runnable::run);
  }

  private IndexBackfill.Step step(IndexBackfill b, String job) {
    return b.step(job).toCompletableFuture().join();
  }

  private String explain(String sql) {
    StringBuilder s = new StringBuilder();
    for (Object[] r : c.run("EXPLAIN " + sql).rows()) s.append(r[0]).append('\n');
    return s.toString();
  }

  private List<String> rows(String sql) {
    List<String> out = new ArrayList<>();
    for (Object[] r : c.run(sql).rows()) out.add(java.util.Arrays.toString(r));
    return out;
  }

  private long entries(String table, String index) {
    TableDef def = TableDef.deserialize(kv.get(CatalogKeys.tableKey(table), kv.now()).toCompletableFuture().join());
    byte[] prefix = def.indexPrefix(def.index(index));
    ScanPage p = kv.scan(prefix, false, Bytes.prefixEnd(prefix), kv.now(), 100_000).toCompletableFuture().join();
    return p.entries().size();
  }

  private long rawEntries(long tableId, long indexId) {
    byte[] prefix = org.opendsql.core.codec.KeyCodec.prefix(tableId, indexId);
    ScanPage p = kv.scan(prefix, false, Bytes.prefixEnd(prefix), kv.now(), 100_000).toCompletableFuture().join();
    return p.entries().size();
  }

  private void load(String table, int n) {
    c.run("CREATE TABLE " + table + " (id int PRIMARY KEY, cat int, note text)");
    c.run("INSERT INTO " + table + " SELECT g, g % 10, 'n' || g FROM generate_series(1, " + n + ") g");
  }

  @Test
  void theIndexIsMaintainedAtOnceButReadOnlyOnceTheBackfillEnds() {
    load("items", 100);
    Client.Result r = c.run("CREATE INDEX ASYNC items_cat ON items (cat)");
    assertEquals("job_id", r.columns().get(0).name());
    String job = (String) r.value();
    assertEquals(List.of("[submitted, items_cat, items, 0]"),
        rows("SELECT status, object_name, table_name, rows_processed FROM sys.jobs WHERE job_id = '" + job + "'"));
    assertEquals(List.of("[false, true]"), rows("SELECT i.indisvalid, i.indisready FROM pg_index i JOIN pg_class c "
        + "ON c.oid = i.indexrelid WHERE c.relname = 'items_cat'"));
    assertFalse(explain("SELECT id FROM items WHERE cat = 3").contains("items_cat"));
    assertEquals(List.of("[CREATE INDEX items_cat ON public.items USING btree (cat)]"),
        rows("SELECT pg_get_indexdef('items_cat'::regclass)"));
    IndexBackfill b = node("a");
    assertEquals(List.of(job), b.runnable().toCompletableFuture().join());
    int steps = 0;
    int next = 1000;
    while (step(b, job) == IndexBackfill.Step.MORE) {
      // Writes between chunks: new rows, moved rows (behind and ahead of the backfill), deleted rows.
      c.run("INSERT INTO items VALUES (" + next + ", 3, 'new'), (" + (next + 1) + ", 4, 'new')");
      c.run("UPDATE items SET cat = cat + 1 WHERE id IN (" + (steps * 7 + 1) + ", " + (100 - steps) + ")");
      c.run("DELETE FROM items WHERE id = " + (50 + steps));
      next += 2;
      steps++;
      if (steps < 5) assertFalse(explain("SELECT id FROM items WHERE cat = 3").contains("items_cat"));
    }
    assertTrue(steps >= 100 / 7, "steps " + steps);
    String plan = explain("SELECT id FROM items WHERE cat = 3");
    assertTrue(plan.contains("items_cat"), plan + rows("SELECT i.indisvalid FROM pg_index i JOIN pg_class c "
        + "ON c.oid = i.indexrelid WHERE c.relname = 'items_cat'") + explain("SELECT id FROM items WHERE cat = 4"));
    assertEquals(List.of("[completed]"), rows("SELECT status FROM sys.jobs"));
    assertEquals(List.of("[true]"), rows("SELECT sys.wait_for_job('" + job + "')"));
    assertEquals(List.of("[true]"), rows("CALL sys.wait_for_job('" + job + "')"));
    assertEquals("CALL", c.run("call SYS.wait_for_job($1)", job).tag());
    for (int cat = 0; cat <= 11; cat++) {
      assertEquals(rows("SELECT id, cat FROM items WHERE cat + 0 = " + cat + " ORDER BY id"),
          rows("SELECT id, cat FROM items WHERE cat = " + cat + " ORDER BY id"));
    }
    long count = (Long) c.run("SELECT count(*) FROM items").value();
    assertEquals(count, entries("items", "items_cat"));
  }

  @Test
  void aUniqueBuildOverDuplicatesFailsAndLeavesNoIndex() {
    load("u", 40);
    c.run("UPDATE u SET note = 'n3' WHERE id = 33");
    String job = (String) c.run("CREATE UNIQUE INDEX ASYNC u_note ON u (note)").value();
    TableDef def = TableDef.deserialize(kv.get(CatalogKeys.tableKey("u"), kv.now()).toCompletableFuture().join());
    long indexId = def.index("u_note").id();
    IndexBackfill b = node("a");
    while (step(b, job) == IndexBackfill.Step.MORE) { }
    List<String> j = rows("SELECT status, details FROM sys.jobs WHERE job_id = '" + job + "'");
    assertEquals(List.of("[failed, could not create unique index \"u_note\": Key (note)=(n3) is duplicated.]"), j);
    assertEquals(List.of("[false]"), rows("SELECT sys.wait_for_job('" + job + "')"));
    assertEquals(List.of("[false]"), rows("CALL sys.wait_for_job('" + job + "')"));
    assertEquals(List.of(), rows("SELECT indexname FROM pg_indexes WHERE indexname = 'u_note'"));
    assertEquals(0, rawEntries(def.id(), indexId));
    c.run("INSERT INTO u VALUES (100, 1, 'n3')");
  }

  @Test
  void dropIndexAndDropTableCancelTheBuild() {
    load("d", 30);
    String job = (String) c.run("CREATE INDEX ASYNC d_cat ON d (cat)").value();
    IndexBackfill b = node("a");
    assertEquals(IndexBackfill.Step.MORE, step(b, job));
    TableDef before = TableDef.deserialize(kv.get(CatalogKeys.tableKey("d"), kv.now()).toCompletableFuture().join());
    long indexId = before.index("d_cat").id();
    assertTrue(rawEntries(before.id(), indexId) > 0);
    c.run("DROP INDEX d_cat");
    // The runner deletes what the build wrote; the id stays taken until then and after.
    while (step(b, job) == IndexBackfill.Step.MORE) { }
    assertEquals(0, rawEntries(before.id(), indexId));
    assertEquals(List.of("[cancelled]"), rows("SELECT status FROM sys.jobs WHERE job_id = '" + job + "'"));
    assertEquals(List.of("[false]"), rows("SELECT sys.wait_for_job('" + job + "')"));
    String again = (String) c.run("CREATE INDEX ASYNC d_cat ON d (cat)").value();
    TableDef recreated = TableDef.deserialize(kv.get(CatalogKeys.tableKey("d"), kv.now()).toCompletableFuture().join());
    assertTrue(recreated.index("d_cat").id() > indexId, "a dropped build's index id is never given out again");
    c.run("DROP TABLE d");
    assertEquals(List.of("[cancelled]"), rows("SELECT status FROM sys.jobs WHERE job_id = '" + again + "'"));
    while (step(b, again) == IndexBackfill.Step.MORE) { }
    assertEquals(List.of(), b.runnable().toCompletableFuture().join());
  }

  @Test
  void anotherNodeTakesAJobOverOnlyOnceItsClaimExpiredAndResumesWhereItStopped() {
    load("l", 50);
    String job = (String) c.run("CREATE INDEX ASYNC l_cat ON l (cat)").value();
    IndexBackfill a = node("a");
    IndexBackfill b = node("b");
    assertEquals(IndexBackfill.Step.MORE, step(a, job));
    assertEquals(IndexBackfill.Step.MORE, step(a, job));
    assertEquals(IndexBackfill.Step.HELD, step(b, job));
    clock.addAndGet(SETTINGS.lease().toMillis());
    int steps = 0;
    while (step(b, job) == IndexBackfill.Step.MORE) steps++;
    // 50 rows at 7 a chunk: 8 chunks, 2 of them node a's.
    assertEquals(5, steps);
    assertEquals(List.of("[completed, 50]"), rows("SELECT status, rows_processed FROM sys.jobs"));
    assertEquals(50, entries("l", "l_cat"));
  }

  @Test
  void waitForAnUnknownJobIsAnUndefinedObject() {
    org.opendsql.core.error.DbException e = c.fail("SELECT sys.wait_for_job('nope')");
    assertEquals("42704", e.state().code(), e.getMessage());
    assertEquals("42704", c.fail("CALL sys.wait_for_job('nope')").state().code());
    assertEquals("42P01", c.fail("SELECT * FROM sys.nothing").state().code());
  }

  @Test
  void createIndexAsyncIfNotExistsOnAnExistingIndexReturnsNoJob() {
    load("e", 5);
    c.run("CREATE INDEX ASYNC e_cat ON e (cat)");
    assertEquals(0, c.run("CREATE INDEX ASYNC IF NOT EXISTS e_cat ON e (cat)").rows().size());
    assertEquals("0A000", c.fail("CREATE INDEX e_note ON e (note)").state().code());
  }

  @Test
  void renamingTheTableDuringABuildKeepsTheBuild() {
    load("r", 30);
    String job = (String) c.run("CREATE INDEX ASYNC r_cat ON r (cat)").value();
    IndexBackfill b = node("a");
    assertEquals(IndexBackfill.Step.MORE, step(b, job));
    c.run("ALTER TABLE r RENAME TO r2");
    while (step(b, job) == IndexBackfill.Step.MORE) { }
    assertEquals(List.of("[completed, r2, 30]"), rows("SELECT status, table_name, rows_processed FROM sys.jobs"));
    assertEquals(30, entries("r2", "r_cat"));
  }

  @Test
  void whatIsNotBuiltIsRefusedByName() {
    load("x", 3);
    DbException call = c.fail("CALL other_procedure(1, 'j')");
    assertEquals("42883", call.state().code(), call.getMessage());
    assertEquals("procedure other_procedure(integer, unknown) does not exist", call.getMessage());
    assertEquals("42883", c.fail("CALL sys.wait_for_job('a', 'b')").state().code());
    assertEquals("42883", c.fail("CALL sys.wait_for_job(1)").state().code());
    DbException nulls = c.fail("CREATE UNIQUE INDEX ASYNC x_note ON x (note) NULLS NOT DISTINCT");
    assertEquals("0A000", nulls.state().code(), nulls.getMessage());
    c.run("CREATE UNIQUE INDEX ASYNC x_note ON x (note) NULLS DISTINCT");
  }
}
