package org.opendsql.node;

import static org.awaitility.Awaitility.await;
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
    try (EmbeddedNode db = EmbeddedNode.start(
        "opendsql.connections { max = 2, rate = 1000, burst = 1000 }")) {
      List<Connection> open = new ArrayList<>(List.of(db.connect(), db.connect()));
      try {
        assertEquals("53300", assertThrows(SQLException.class, db::connect).getSQLState());
        open.remove(0).close();
        // The slot frees once the server has seen the close.
        Connection again = await("a freed slot is reused").atMost(Duration.ofSeconds(10))
            .ignoreExceptionsMatching(e -> e instanceof SQLException s && "53300".equals(s.getSQLState()))
            .until(db::connect, c -> c != null);
        open.add(again);
        assertTrue(again.isValid(5));
      } finally {
        closeAll(open);
      }
    }
  }

  @Test
  void connectionsFasterThanTheRateAreRefusedWith53400() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start(
        "opendsql.connections { max = 100, rate = 0.01, burst = 2 }")) {
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
    try (EmbeddedNode db = EmbeddedNode.start(
        "opendsql.connections { rate = 1000, burst = 1000 }, opendsql.pgwire.max-connection-age = 2s");
         Connection inTxn = db.connect(); Connection idle = db.connect()) {
      try (Statement s = inTxn.createStatement()) {
        s.execute("CREATE TABLE aged (id int PRIMARY KEY)");
        inTxn.setAutoCommit(false);
        s.execute("INSERT INTO aged VALUES (1)");
        // The idle connection is closed by the server once it is past its age.
        await("the idle connection is closed").atMost(age.plusSeconds(30)).until(() -> !idle.isValid(1));
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
