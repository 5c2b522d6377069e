package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.launch.NodeProcess;

/**
 * A 200,000-row result of about 200 MB streamed to a client that reads slowly, from a node whose
 * heap (160 MB) could not hold it: the node must stream, not buffer, and stay healthy.
 */
class BackpressureIT {
  private static final int ROWS = 200_000;

  private static Connection connect(NodeProcess n, String extra) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", n.adminToken());
    return DriverManager.getConnection(n.jdbcUrl() + extra, p);
  }

  @Test
  void slowClientReadsAResultLargerThanTheServerHeap(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("backpressure");
    try (NodeProcess node = NodeProcess.start(dir, List.of("-Xmx160m"), List.of(), Duration.ofSeconds(90))) {
      String filler = "x".repeat(1000);
      try (Connection c = connect(node, ""); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE big (id int PRIMARY KEY, filler text)");
        c.setAutoCommit(false);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO big VALUES (?, ?)")) {
          // 200 MB splits the table's range a few times while it loads: a batch that spans a
          // split may fail with 40001 and is retried, as DSQL clients do.
          for (int from = 0; from < ROWS; from += 2000) {
            for (int attempt = 0; ; attempt++) {
              try {
                for (int i = from; i < from + 2000; i++) {
                  ins.setInt(1, i);
                  ins.setString(2, filler);
                  ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
                break;
              } catch (java.sql.SQLException e) {
                c.rollback();
                ins.clearBatch();
                if (!"40001".equals(e.getSQLState()) || attempt >= 10) throw e;
              }
            }
          }
        }
      }
      // A slow reader with a cursor (portal suspension) ...
      long rows = 0;
      long bytes = 0;
      try (Connection c = connect(node, ""); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.setFetchSize(50);
        try (ResultSet rs = s.executeQuery("SELECT id, filler FROM big")) {
          while (rs.next()) {
            rows++;
            bytes += rs.getString(2).length();
            if (rows % 500 == 0) LockSupport.parkNanos(1_000_000);
          }
        }
        c.commit();
      }
      assertEquals(ROWS, rows);
      assertEquals((long) ROWS * filler.length(), bytes);
      // ... and one plain autocommit query, where only the socket's write queue (TCP flow
      // control) holds the server back while the client works through the stream.
      long plainRows = 0;
      try (Connection c = connect(node, ""); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT id, filler FROM big")) {
        while (rs.next()) plainRows++;
      }
      assertEquals(ROWS, plainRows);
      assertTrue(node.isAlive(), "the node survived streaming a result larger than its heap");
      try (Connection c = connect(node, ""); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM big")) {
        assertTrue(rs.next());
        assertEquals(ROWS, rs.getLong(1));
      }
    }
  }
}
