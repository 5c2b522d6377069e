package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.launch.NodeProcess;

/** kill -9 of a real node process: every acknowledged commit survives, no rolled-back write appears. */
class CrashRecoveryIT {
  private static Connection connect(NodeProcess n) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", n.adminToken());
    return DriverManager.getConnection(n.jdbcUrl(), p);
  }

  @Test
  void acknowledgedCommitsSurviveKillNineAndRolledBackOnesNeverAppear(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("crash-recovery");
    Set<Integer> acknowledged = new HashSet<>();
    NodeProcess node = NodeProcess.start(dir, List.of("-Xmx512m"), List.of("--journals", "2"), Duration.ofSeconds(90));
    try {
      try (Connection c = connect(node); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE events (id int PRIMARY KEY, payload text)");
        for (int i = 0; i < 200; i++) {
          s.executeUpdate("INSERT INTO events VALUES (" + i + ", 'e" + i + "')");
          acknowledged.add(i);
        }
        c.setAutoCommit(false);
        s.executeUpdate("INSERT INTO events VALUES (100000, 'rolled back')");
        c.rollback();
        s.executeUpdate("INSERT INTO events VALUES (100001, 'never committed')");
        node.kill();
      }
      assertFalse(node.isAlive());
      node = NodeProcess.start(dir, List.of("-Xmx512m"), List.of("--journals", "2"), Duration.ofSeconds(90));
      try (Connection c = connect(node); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT id FROM events")) {
        Set<Integer> seen = new HashSet<>();
        while (rs.next()) seen.add(rs.getInt(1));
        assertEquals(acknowledged, seen);
      }
      try (Connection c = connect(node); Statement s = c.createStatement()) {
        assertEquals(1, s.executeUpdate("INSERT INTO events VALUES (500, 'after restart')"));
        try (ResultSet rs = s.executeQuery("SELECT payload FROM events WHERE id = 500")) {
          assertTrue(rs.next());
          assertEquals("after restart", rs.getString(1));
        }
      }
    } finally {
      node.close();
    }
  }
}
