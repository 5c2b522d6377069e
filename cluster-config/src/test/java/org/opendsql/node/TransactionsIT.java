package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
}
