package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DSQL's connection limits: count (53300), new-connection rate (53400), age (closed after the transaction). */
class AdmissionLimitsIT {
  private static void closeAll(List<Connection> cs) throws SQLException {
    for (Connection c : cs) c.close();
  }

  @Test
  void connectionBeyondTheLimitIsRefusedWith53300AndAFreedSlotIsReused() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start(new NodeSettings.Limits(2, 1000, 1000, Duration.ofMinutes(60)))) {
      List<Connection> open = new ArrayList<>(List.of(db.connect(), db.connect()));
      try {
        assertEquals("53300", assertThrows(SQLException.class, db::connect).getSQLState());
        open.remove(0).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Connection again = null;
        while (again == null) {
          try {
            again = db.connect();
          } catch (SQLException e) {
            if (!"53300".equals(e.getSQLState()) || System.nanoTime() > deadline) throw e;
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval while awaiting the condition
          }
        }
        open.add(again);
        assertTrue(again.isValid(5));
      } finally {
        closeAll(open);
      }
    }
  }

  @Test
  void connectionsFasterThanTheRateAreRefusedWith53400() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start(new NodeSettings.Limits(100, 0.01, 2, Duration.ofMinutes(60)))) {
      List<Connection> open = new ArrayList<>(List.of(db.connect(), db.connect()));
      try {
        SQLException e = assertThrows(SQLException.class, db::connect);
        assertEquals("53400", e.getSQLState());
      } finally {
        closeAll(open);
      }
    }
  }

  @Test
  void connectionOlderThanTheLimitClosesOnlyAfterItsTransaction() throws Exception {
    Duration age = Duration.ofSeconds(2);
    try (EmbeddedNode db = EmbeddedNode.start(new NodeSettings.Limits(100, 1000, 1000, age));
         Connection inTxn = db.connect(); Connection idle = db.connect()) {
      try (Statement s = inTxn.createStatement()) {
        s.execute("CREATE TABLE aged (id int PRIMARY KEY)");
        inTxn.setAutoCommit(false);
        s.execute("INSERT INTO aged VALUES (1)");
        long deadline = System.nanoTime() + age.toNanos() + Duration.ofSeconds(30).toNanos();
        // The idle connection is closed by the server once it is past its age.
        while (idle.isValid(1)) {
          assertTrue(System.nanoTime() < deadline, "idle connection was not closed");
          java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval while awaiting the condition
        }
        // The connection inside a transaction survives its age until the transaction ends.
        s.execute("INSERT INTO aged VALUES (2)");
        inTxn.commit();
        SQLException closed = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
        assertFalse(inTxn.isValid(1), "closed after the transaction: " + closed.getMessage());
      }
      try (Connection fresh = db.connect(); Statement s = fresh.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM aged")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1), "the transaction that outlived the age limit committed");
      }
    }
  }
}
