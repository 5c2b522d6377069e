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
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.TokenKey;
import org.opendsql.node.launch.NodeProcess;

/**
 * Three JVMs with the journal replicated over a Raft group of three peers. A bank workload runs
 * through nodes 1 and 2 while node 3 is killed with SIGKILL: the cluster goes on, the total
 * balance never changes, and every acknowledged transfer is there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicatedJournalFaultIT {
  private static final int ACCOUNTS = 10;
  private final List<NodeProcess> nodes = new ArrayList<>();

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  void startCluster() throws Exception {
    Path root = Files.createTempDirectory("opendsql-raft");
    byte[] key = TokenKey.loadOrCreate(root.resolve("node1"));
    for (int i = 2; i <= 3; i++) {
      Files.createDirectories(root.resolve("node" + i));
      Files.write(root.resolve("node" + i).resolve("token.key"), key);
    }
    int seedPort = freePort();
    String peers = "n1=127.0.0.1:" + freePort() + ",n2=127.0.0.1:" + freePort() + ",n3=127.0.0.1:" + freePort();
    List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int clusterPort = i == 1 ? seedPort : freePort();
      List<String> args = List.of("--cluster-port", Integer.toString(clusterPort),
          "--seed", "127.0.0.1:" + seedPort, "--min-members", "3", "--node-id", Integer.toString(i),
          "--journal-peers", peers, "--journal-self", "n" + i);
      Path dir = root.resolve("node" + i);
      starting.add(CompletableFuture.supplyAsync(() -> {
        try {
          return NodeProcess.start(dir, List.of("-Xmx384m",
              "-Dpekko.cluster.split-brain-resolver.stable-after=3s",
              "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=2s"), args, Duration.ofSeconds(150));
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
    p.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(n.jdbcUrl(), p);
  }

  /** One transfer; true when COMMIT returned, false when it certainly did not commit. */
  private static boolean transfer(Connection c, int id, int from, int to) throws SQLException {
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("UPDATE accounts SET balance = balance - 1 WHERE id = " + from);
      s.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE id = " + to);
      s.executeUpdate("INSERT INTO transfers VALUES (" + id + ", " + from + ", " + to + ")");
      c.commit();
      return true;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection may be gone; the caller reconnects
      }
      if ("08007".equals(e.getSQLState())) throw e;
      return false;
    }
  }

  @Test
  void bankSurvivesKillNineOfANodeWithEveryAcknowledgedTransfer() throws Exception {
    try (Connection c = connect(1); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
      s.execute("CREATE TABLE transfers (id int PRIMARY KEY, src int, dst int)");
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < ACCOUNTS; i++) rows.append(i == 0 ? "" : ",").append("(").append(i).append(", 100)");
      s.execute("INSERT INTO accounts VALUES " + rows);
    }
    Set<Integer> acknowledged = new HashSet<>();
    Set<Integer> unknown = new HashSet<>();
    int nextId = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    Connection[] clients = {connect(1), connect(2)};
    int afterKill = 0;
    boolean killed = false;
    while (afterKill < 30) {
      assertTrue(System.nanoTime() < deadline, "the cluster did not recover: " + afterKill
          + " transfers after the kill; acknowledged " + acknowledged.size());
      int who = nextId % 2;
      int id = nextId++;
      int from = ThreadLocalRandom.current().nextInt(ACCOUNTS);
      int to = (from + 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      try {
        if (transfer(clients[who], id, from, to)) {
          acknowledged.add(id);
          if (killed) afterKill++;
        }
      } catch (SQLException e) {
        unknown.add(id);
      }
      if (!clients[who].isValid(2)) clients[who] = reconnect(who + 1);
      if (!killed && acknowledged.size() >= 30) {
        nodes.get(2).kill();
        killed = true;
      }
    }
    for (Connection c : clients) c.close();
    try (Connection c = connect(1); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT sum(balance) FROM accounts")) {
        assertTrue(rs.next());
        assertEquals(100L * ACCOUNTS, rs.getLong(1), "money was created or destroyed");
      }
      Set<Integer> present = new HashSet<>();
      try (ResultSet rs = s.executeQuery("SELECT id FROM transfers")) {
        while (rs.next()) present.add(rs.getInt(1));
      }
      assertTrue(present.containsAll(acknowledged), "acknowledged transfers missing");
      Set<Integer> extra = new HashSet<>(present);
      extra.removeAll(acknowledged);
      extra.removeAll(unknown);
      assertEquals(Set.of(), extra, "transfers that failed with a definite error must not be there");
    }
  }

  private Connection reconnect(int node) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return connect(node);
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) throw e;
        Thread.onSpinWait();
      }
    }
  }
}
