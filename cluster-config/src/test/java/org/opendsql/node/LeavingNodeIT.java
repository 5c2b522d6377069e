package org.opendsql.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that stops lets its clients finish: no new session (57P03), an idle connection ends at
 * once and one inside a transaction after it (57P01), its COMMIT still committing.
 */
class LeavingNodeIT {
  @Test
  void aLeavingNodeClosesIdleConnectionsAndLetsATransactionUnderWayCommit() throws Exception {
    EmbeddedNode db = EmbeddedNode.start("opendsql.node.drain-timeout = 20s");
    CompletableFuture<Void> stopped = null;
    try (Connection idle = db.connect(); Connection busy = db.connect();
         Statement i = idle.createStatement(); Statement b = busy.createStatement()) {
      i.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
      busy.setAutoCommit(false);
      b.executeUpdate("INSERT INTO t VALUES (1, 'in flight')");

      stopped = CompletableFuture.runAsync(() -> {
        try {
          db.node.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      SQLException refused = await("new sessions are refused").atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Connection c = db.connect()) {
              return null;
            } catch (SQLException e) {
              return e;
            }
          }, e -> e != null);
      assertEquals("57P03", refused.getSQLState(), refused.getMessage());

      SQLException ended = assertThrows(SQLException.class, () -> i.execute("SELECT 1"));
      assertEquals("57P01", ended.getSQLState(), "the idle connection was ended: " + ended.getMessage());

      // The transaction under way goes on and commits.
      b.executeUpdate("INSERT INTO t VALUES (2, 'still in flight')");
      try (ResultSet rs = b.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
        assertEquals(2, rs.getLong(1));
      }
      busy.commit();
      SQLException after = assertThrows(SQLException.class, () -> b.execute("SELECT 1"));
      assertTrue(after.getSQLState().equals("57P01") || after.getSQLState().startsWith("08"),
          "ended once its transaction had: " + after.getSQLState() + " " + after.getMessage());
      stopped.get(30, TimeUnit.SECONDS);
    } finally {
      if (stopped != null) stopped.get(60, TimeUnit.SECONDS);
      db.close();
    }
  }
}
