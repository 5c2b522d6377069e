package org.opendsql.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CREATE INDEX ASYNC over pgjdbc on a node: the job id comes back at once, the node's job runner
 * backfills while other connections insert, update and delete, sys.wait_for_job answers, and the
 * index is then used and holds exactly one entry per row; a unique build over duplicates fails and
 * leaves no index; DROP INDEX during a build cancels it.
 */
class AsyncIndexIT {
  private static EmbeddedNode db;

  @BeforeAll
  static void start() throws Exception {
    // Small chunks: a build of a few thousand rows then takes dozens of transactions, so writes overlap it.
    db = EmbeddedNode.start("opendsql.sql.jobs.chunk-rows = 50");
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
        out.add(b.toString());
      }
    }
    return out;
  }

  private static String one(Connection c, String sql) throws SQLException {
    List<String> r = rows(c, sql);
    assertEquals(1, r.size(), sql + " -> " + r);
    return r.get(0);
  }

  /** Runs {@code sql} as its own transaction, again while it loses a conflict (40001). */
  private static void retrying(Connection c, String sql) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        return;
      } catch (SQLException e) {
        if (!"40001".equals(e.getSQLState()) || attempt > 50) throw e;
      }
    }
  }

  private static void load(Connection c, String table, int rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, cat int, note text)");
      for (int from = 1; from <= rows; from += 1000) {
        s.execute("INSERT INTO " + table + " SELECT g, g % 40, 'n' || g FROM generate_series(" + from + ", "
            + Math.min(rows, from + 999) + ") g");
      }
    }
  }

  private static String createAsync(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals("job_id", rs.getMetaData().getColumnLabel(1));
      assertEquals("text", rs.getMetaData().getColumnTypeName(1));
      assertTrue(rs.next());
      String id = rs.getString(1);
      assertFalse(rs.next());
      return id;
    }
  }

  private static boolean waitForJob(Connection c, String job) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT sys.wait_for_job(?)")) {
      p.setString(1, job);
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        return rs.getBoolean(1);
      }
    }
  }

  private static boolean callWaitForJob(Connection c, String job) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("CALL sys.wait_for_job(?)")) {
      p.setString(1, job);
      assertTrue(p.execute());
      try (ResultSet rs = p.getResultSet()) {
        assertTrue(rs.next());
        return rs.getBoolean(1);
      }
    }
  }

  @Test
  void aBuildUnderConcurrentWritesEndsWithOneEntryPerRowAndIsThenUsed() throws Exception {
    try (Connection c = db.connect(); Connection writer = db.connect()) {
      load(c, "items", 3000);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger writes = new AtomicInteger();
      // The writer starts before the DDL: its transactions straddle the DDL's commit (OC001, retried)
      // and then the whole backfill.
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
        try {
          for (int i = 0; !stop.get() || i < 60; i++) {
            retrying(writer, "INSERT INTO items VALUES (" + (10_000 + i) + ", " + (i % 40) + ", 'new')");
            retrying(writer, "UPDATE items SET cat = cat + 1 WHERE id = " + (1 + (i * 37) % 3000));
            retrying(writer, "DELETE FROM items WHERE id = " + (1500 + i));
            writes.incrementAndGet();
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() >= 3);
      String job = createAsync(c, "CREATE INDEX ASYNC items_cat ON items (cat)");
      String status = one(c, "SELECT status FROM sys.jobs WHERE job_id = '" + job + "'");
      assertTrue(List.of("submitted", "processing", "completed").contains(status), status);
      assertTrue(waitForJob(c, job));
      assertTrue(callWaitForJob(c, job), "CALL, as DSQL's procedure is called, answers the same");
      stop.set(true);
      load.get();
      assertTrue(writes.get() >= 60);
      assertEquals("completed|items_cat|items|INDEX_BUILD", one(c,
          "SELECT status, object_name, table_name, job_type FROM sys.jobs WHERE job_id = '" + job + "'"));
      assertTrue(Long.parseLong(one(c, "SELECT rows_processed FROM sys.jobs WHERE job_id = '" + job + "'")) >= 2900);
      assertEquals("t|t", one(c, "SELECT i.indisvalid, i.indisready FROM pg_index i JOIN pg_class r ON r.oid = i.indexrelid"
          + " WHERE r.relname = 'items_cat'"));
      String plan = String.join("\n", rows(c, "EXPLAIN SELECT id, cat FROM items WHERE cat >= 0"));
      assertTrue(plan.contains("items_cat"), plan);
      // Through the index (its entries alone: id and cat are in them) and through the rows: a missing,
      // stale or doubled entry would show as a difference.
      List<String> viaIndex = rows(c, "SELECT id, cat FROM items WHERE cat >= 0 ORDER BY id");
      List<String> viaRows = rows(c, "SELECT id, cat FROM items WHERE cat + 0 >= 0 ORDER BY id");
      assertEquals(viaRows.size(), Integer.parseInt(one(c, "SELECT count(*) FROM items")));
      assertEquals(viaRows, viaIndex);
      for (int cat : new int[] {0, 7, 39, 40}) {
        assertEquals(rows(c, "SELECT id FROM items WHERE cat + 0 = " + cat + " ORDER BY id"),
            rows(c, "SELECT id FROM items WHERE cat = " + cat + " ORDER BY id"));
      }
    }
  }

  @Test
  void aUniqueBuildOverDuplicatesFailsAndLeavesNoIndex() throws Exception {
    try (Connection c = db.connect()) {
      load(c, "people", 500);
      retrying(c, "UPDATE people SET note = 'n7' WHERE id = 400");
      String job = createAsync(c, "CREATE UNIQUE INDEX ASYNC people_note ON people (note)");
      assertFalse(waitForJob(c, job));
      assertEquals("failed|could not create unique index \"people_note\": Key (note)=(n7) is duplicated.",
          one(c, "SELECT status, details FROM sys.jobs WHERE job_id = '" + job + "'"));
      assertEquals(List.of(), rows(c, "SELECT indexname FROM pg_indexes WHERE indexname = 'people_note'"));
      assertEquals("2", one(c, "SELECT count(*) FROM people WHERE note = 'n7'"));
    }
  }

  @Test
  void dropIndexDuringABuildCancelsIt() throws Exception {
    try (Connection c = db.connect()) {
      load(c, "big", 6000);
      String job = createAsync(c, "CREATE INDEX ASYNC big_cat ON big (cat)");
      // One snapshot shows the index invalid exactly while its job has not completed.
      String seen = one(c, "SELECT i.indisvalid, j.status FROM pg_index i JOIN pg_class r ON r.oid = i.indexrelid, sys.jobs j"
          + " WHERE r.relname = 'big_cat' AND j.job_id = '" + job + "'");
      assertTrue(seen.equals("f|submitted") || seen.equals("f|processing"), seen);
      retrying(c, "DROP INDEX big_cat");
      String status = one(c, "SELECT status FROM sys.jobs WHERE job_id = '" + job + "'");
      assertEquals("cancelled", status);
      assertFalse(waitForJob(c, job));
      assertEquals(List.of(), rows(c, "SELECT indexname FROM pg_indexes WHERE indexname = 'big_cat'"));
      // The runner stops on its own: the job stays as DROP INDEX left it.
      await().atMost(Duration.ofSeconds(10)).until(() -> one(c, "SELECT status FROM sys.jobs WHERE job_id = '" + job + "'")
          .equals(status));
    }
  }

  @Test
  void waitingForAnUnknownJobIsAnError() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT sys.wait_for_job('nope')"));
      assertEquals("42704", e.getSQLState());
    }
  }
}
