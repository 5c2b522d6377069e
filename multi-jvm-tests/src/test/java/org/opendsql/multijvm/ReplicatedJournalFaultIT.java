package org.opendsql.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three JVMs with the journal replicated over a Raft group of three peers. A bank workload runs
 * through nodes 1 and 2 while node 3 is killed with SIGKILL: the cluster goes on, the total
 * balance never changes, and every acknowledged transfer is there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicatedJournalFaultIT {
  private static final int ACCOUNTS = 10;
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.startReplicated(3);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private Connection connect(int node) throws Exception {
    return cluster.connect(node);
  }

  private final java.util.Map<String, Integer> errors = new java.util.TreeMap<>();

  /** One transfer; true when COMMIT returned, false when it certainly did not commit. */
  private boolean transfer(Connection c, int id, int from, int to) throws SQLException {
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("UPDATE accounts SET balance = balance - 1 WHERE id = " + from);
      s.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE id = " + to);
      s.executeUpdate("INSERT INTO transfers VALUES (" + id + ", " + from + ", " + to + ")");
      c.commit();
      return true;
    } catch (SQLException e) {
      errors.merge(e.getSQLState() + " " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 1, Integer::sum);
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
          + " transfers after the kill; acknowledged " + acknowledged.size() + "; errors " + errors);
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
        cluster.node(3).kill();
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
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval while awaiting the condition
      }
    }
  }
}
