package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Snapshot isolation and optimistic conflicts through real pgjdbc connections. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsIT {
  private EmbeddedNode db;

  @BeforeAll
  void start() throws Exception {
    db = EmbeddedNode.start();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kv (k int PRIMARY KEY, v int)");
      s.execute("CREATE TABLE oncall (id int PRIMARY KEY, on_duty boolean)");
    }
  }

  @AfterAll
  void stop() throws Exception {
    db.close();
  }

  private static int value(Statement s, int k) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT v FROM kv WHERE k = " + k)) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  @Test
  void transactionSeesTheSameRowTwiceWhileAnotherCommitsBetweenItsReads() throws Exception {
    try (Connection reader = db.connect(); Connection writer = db.connect();
         Statement r = reader.createStatement(); Statement w = writer.createStatement()) {
      w.execute("INSERT INTO kv VALUES (1, 10)");
      reader.setAutoCommit(false);
      assertEquals(10, value(r, 1));
      assertEquals(1, w.executeUpdate("UPDATE kv SET v = 11 WHERE k = 1"));
      assertEquals(10, value(r, 1), "the snapshot must not move inside a transaction");
      try (ResultSet rs = r.executeQuery("SELECT count(*) FROM kv WHERE v = 10")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1), "scans read the same snapshot");
      }
      reader.commit();
      assertEquals(11, value(r, 1), "a new transaction sees the committed change");
    }
  }

  @Test
  void twoUpdatesOfOneRowExactlyOneCommitsAndTheLoserGets40001() throws Exception {
    try (Connection a = db.connect(); Connection b = db.connect();
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("INSERT INTO kv VALUES (2, 0)");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.executeUpdate("UPDATE kv SET v = 100 WHERE k = 2");
      sb.executeUpdate("UPDATE kv SET v = 200 WHERE k = 2");
      a.commit();
      SQLException e = assertThrows(SQLException.class, b::commit);
      assertEquals("40001", e.getSQLState());
      assertTrue(e.getMessage().contains("OC000"), e.getMessage());
      b.setAutoCommit(true);
      assertEquals(100, value(sb, 2), "the winner's value is the final one");
    }
  }

  @Test
  void readOwnWritesBeforeCommitAndNothingAfterRollback() throws Exception {
    try (Connection a = db.connect(); Connection other = db.connect();
         Statement s = a.createStatement(); Statement o = other.createStatement()) {
      a.setAutoCommit(false);
      s.execute("INSERT INTO kv VALUES (3, 30)");
      assertEquals(30, value(s, 3));
      try (ResultSet rs = o.executeQuery("SELECT count(*) FROM kv WHERE k = 3")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1), "uncommitted writes are invisible to others");
      }
      a.rollback();
      try (ResultSet rs = o.executeQuery("SELECT count(*) FROM kv WHERE k = 3")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
    }
  }

  /** Both doctors on duty: rows 1 and 2 of {@code oncall}, whatever earlier tests left. */
  private static void bothOnDuty(Statement s) throws SQLException {
    s.execute("DELETE FROM oncall");
    s.execute("INSERT INTO oncall VALUES (1, true), (2, true)");
  }

  private static List<Boolean> duty(Statement s) throws SQLException {
    List<Boolean> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT on_duty FROM oncall ORDER BY id")) {
      while (rs.next()) out.add(rs.getBoolean(1));
    }
    return out;
  }

  private static void assertConflict(SQLException e) {
    assertEquals("40001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("OC000"), e.getMessage());
  }

  /**
   * Write skew: each transaction checks that both rows are on duty, then takes its own row off.
   * Snapshot isolation alone lets both commit (no one left on duty); FOR UPDATE puts both rows in
   * each one's conflict set, so exactly one commits.
   */
  private void writeSkewEndsWithExactlyOne40001(String select) throws Exception {
    try (Connection a = db.connect(); Connection b = db.connect();
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      bothOnDuty(sa);
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      assertEquals(List.of(true, true), rows(sa, select));
      assertEquals(List.of(true, true), rows(sb, select));
      assertEquals(1, sa.executeUpdate("UPDATE oncall SET on_duty = false WHERE id = 1"));
      assertEquals(1, sb.executeUpdate("UPDATE oncall SET on_duty = false WHERE id = 2"));
      a.commit();
      assertConflict(assertThrows(SQLException.class, b::commit));
      b.setAutoCommit(true);
      assertEquals(List.of(false, true), duty(sb), "only the first committer's write is there");
    }
  }

  private static List<Boolean> rows(Statement s, String select) throws SQLException {
    List<Boolean> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(select)) {
      while (rs.next()) out.add(rs.getBoolean("on_duty"));
    }
    return out;
  }

  @Test
  void forUpdateRowsJoinTheConflictSetSoWriteSkewOverAnInListEndsWithExactlyOne40001() throws Exception {
    writeSkewEndsWithExactlyOne40001("SELECT * FROM oncall WHERE id IN (1, 2) ORDER BY id FOR UPDATE");
  }

  @Test
  void forUpdateRowsJoinTheConflictSetSoWriteSkewOverAFullScanEndsWithExactlyOne40001() throws Exception {
    writeSkewEndsWithExactlyOne40001("SELECT * FROM oncall FOR UPDATE");
  }

  @Test
  void forUpdateRowsJoinTheConflictSetSoAReadOnlyTransactionFailsAtCommitIfItsRowWasUpdatedSinceItBegan()
      throws Exception {
    try (Connection reader = db.connect(); Connection writer = db.connect();
         Statement r = reader.createStatement(); Statement w = writer.createStatement()) {
      bothOnDuty(w);
      reader.setAutoCommit(false);
      assertEquals(List.of(true), rows(r, "SELECT * FROM oncall WHERE id = 2 FOR UPDATE"));
      assertEquals(1, w.executeUpdate("UPDATE oncall SET on_duty = false WHERE id = 2"));
      assertConflict(assertThrows(SQLException.class, reader::commit));
    }
  }

  @Test
  void forUpdateRowsJoinTheConflictSetButWithoutAConcurrentWriteCommitAndStayUnchanged() throws Exception {
    try (Connection reader = db.connect(); Connection writer = db.connect();
         Statement r = reader.createStatement(); Statement w = writer.createStatement()) {
      bothOnDuty(w);
      reader.setAutoCommit(false);
      assertEquals(List.of(true, true), rows(r, "SELECT * FROM oncall FOR UPDATE"));
      // A write to another table is no conflict: only the selected rows joined the set.
      assertEquals(1, w.executeUpdate("INSERT INTO kv VALUES (40, 0)"));
      reader.commit();
      assertEquals(List.of(true, true), duty(w), "FOR UPDATE writes nothing");
      // Once committed, the rows are free for any transaction that begins after it.
      assertEquals(1, w.executeUpdate("UPDATE oncall SET on_duty = false WHERE id = 1"));
    }
  }

  @Test
  void forUpdateRowsCommittedCountAsWrittenForATransactionThatBeganBeforeThem() throws Exception {
    try (Connection a = db.connect(); Connection b = db.connect();
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      bothOnDuty(sa);
      a.setAutoCommit(false);
      assertEquals(List.of(true, true), duty(sa));
      b.setAutoCommit(false);
      assertEquals(List.of(true), rows(sb, "SELECT * FROM oncall WHERE id = 1 FOR UPDATE"));
      b.commit();
      assertEquals(1, sa.executeUpdate("UPDATE oncall SET on_duty = false WHERE id = 1"));
      assertConflict(assertThrows(SQLException.class, a::commit));
    }
  }

  @Test
  void lockingClausesOtherThanForUpdateFailWith0A000AndTheSessionGoesOn() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String clause : List.of("FOR SHARE", "FOR NO KEY UPDATE", "FOR KEY SHARE")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM oncall " + clause));
        assertEquals("0A000", e.getSQLState(), clause);
      }
      // As in DSQL: nothing is ever locked or waited for, so these are FOR UPDATE.
      for (String clause : List.of("FOR UPDATE NOWAIT", "FOR UPDATE SKIP LOCKED", "FOR UPDATE OF oncall")) {
        s.executeQuery("SELECT * FROM oncall " + clause).close();
      }
      SQLException agg = assertThrows(SQLException.class, () -> s.executeQuery("SELECT count(*) FROM oncall FOR UPDATE"));
      assertEquals("0A000", agg.getSQLState());
      assertTrue(agg.getMessage().contains("FOR UPDATE is not allowed with aggregate functions"), agg.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
    }
  }
}
