package org.opendsql.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.TokenKey;
import org.opendsql.node.launch.NodeProcess;

/**
 * Three real JVMs forming one Pekko cluster; clients on different nodes see one database with
 * strong consistency and first-committer-wins across nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeNodeClusterIT {
  private final List<NodeProcess> nodes = new ArrayList<>();

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  void startCluster() throws Exception {
    Path root = Files.createTempDirectory("opendsql-3jvm");
    byte[] key = TokenKey.loadOrCreate(root.resolve("node1"));
    Files.createDirectories(root.resolve("node2"));
    Files.createDirectories(root.resolve("node3"));
    Files.write(root.resolve("node2").resolve("token.key"), key);
    Files.write(root.resolve("node3").resolve("token.key"), key);
    int seedPort = freePort();
    String seed = "127.0.0.1:" + seedPort;
    List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int clusterPort = i == 1 ? seedPort : freePort();
      List<String> args = List.of("--cluster-port", Integer.toString(clusterPort), "--seed", seed,
          "--min-members", "3", "--node-id", Integer.toString(i), "--journals", "2");
      Path dir = root.resolve("node" + i);
      starting.add(CompletableFuture.supplyAsync(() -> {
        try {
          return NodeProcess.start(dir, List.of("-Xmx384m"), args, Duration.ofSeconds(150));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (CompletableFuture<NodeProcess> f : starting) nodes.add(f.join());
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (NodeProcess n : nodes) n.close();
  }

  private Connection connect(int node) throws Exception {
    NodeProcess n = nodes.get(node - 1);
    Properties p = new Properties();
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", n.adminToken());
    return DriverManager.getConnection(n.jdbcUrl(), p);
  }

  @Test
  void rowWrittenThroughNodeOneIsReadThroughNodeThreeInTheNextTransaction() throws Exception {
    try (Connection n1 = connect(1); Connection n3 = connect(3);
         Statement s1 = n1.createStatement(); Statement s3 = n3.createStatement()) {
      s1.execute("CREATE TABLE visits (id int PRIMARY KEY, who text)");
      for (int i = 0; i < 20; i++) {
        s1.executeUpdate("INSERT INTO visits VALUES (" + i + ", 'v" + i + "')");
        try (ResultSet rs = s3.executeQuery("SELECT who FROM visits WHERE id = " + i)) {
          assertTrue(rs.next(), "node 3 must see the row node 1 just committed");
          assertEquals("v" + i, rs.getString(1));
        }
      }
      try (ResultSet rs = s3.executeQuery("SELECT count(*) FROM visits")) {
        assertTrue(rs.next());
        assertEquals(20, rs.getLong(1));
      }
    }
  }

  @Test
  void conflictBetweenClientsOnTwoNodesFailsExactlyOneWith40001() throws Exception {
    try (Connection a = connect(1); Connection b = connect(2);
         Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE counters (id int PRIMARY KEY, n int)");
      sa.execute("INSERT INTO counters VALUES (1, 0)");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.executeUpdate("UPDATE counters SET n = n + 1 WHERE id = 1");
      sb.executeUpdate("UPDATE counters SET n = n + 10 WHERE id = 1");
      int ok = 0;
      int conflicts = 0;
      for (Connection c : List.of(b, a)) {
        try {
          c.commit();
          ok++;
        } catch (SQLException e) {
          assertEquals("40001", e.getSQLState(), e.getMessage());
          assertTrue(e.getMessage().contains("OC000"));
          conflicts++;
        }
      }
      assertEquals(1, ok);
      assertEquals(1, conflicts);
      a.setAutoCommit(true);
      try (ResultSet rs = sa.executeQuery("SELECT n FROM counters WHERE id = 1")) {
        assertTrue(rs.next());
        assertEquals(10, rs.getInt(1), "node 2 committed first, so its value stands");
      }
    }
  }
}
