package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three real JVMs forming one Pekko cluster; clients on different nodes see one database with
 * strong consistency and first-committer-wins across nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeNodeClusterIT {
  /** Cluster-wide; the other tests never hold more than a few connections at once. */
  private static final int MAX_CONNECTIONS = 8;

  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(3, List.of("-Xmx384m"),
        i -> List.of("--journals", "2", "--max-connections", Integer.toString(MAX_CONNECTIONS)));
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private Connection connect(int node) throws Exception {
    return cluster.connect(node);
  }

  @Test
  void theConnectionLimitHoldsForTheWholeClusterNotEachNode() throws Exception {
    List<Connection> held = new ArrayList<>();
    try {
      // The census may still count the other tests' closed connections for a report interval.
      for (int i = 0; i < MAX_CONNECTIONS / 2; i++) held.add(awaitConnection(1));
      for (int i = 0; i < MAX_CONNECTIONS / 2; i++) held.add(awaitConnection(2));
      // Node 3 holds none itself, but the cluster is full: refused once it heard from the others.
      SQLException refused = awaitRefusal(3);
      assertEquals("53300", refused.getSQLState(), refused.toString());
      held.remove(0).close();
      try (Connection c = awaitConnection(3)) {
        assertTrue(c.isValid(5));
      }
    } finally {
      for (Connection c : held) c.close();
    }
    for (int node = 1; node <= 3; node++) awaitConnection(node).close();
  }

  /** The census spreads counts within a report interval: a node may admit until it hears. */
  private SQLException awaitRefusal(int node) {
    return await("node " + node + " refuses connections past the cluster's limit").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50)).until(() -> {
          try (Connection c = connect(node)) {
            return null;
          } catch (SQLException e) {
            return e;
          }
        }, e -> e != null);
  }

  private Connection awaitConnection(int node) {
    return await("node " + node + " admits a connection").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsMatching(e -> e instanceof SQLException s && "53300".equals(s.getSQLState()))
        .until(() -> connect(node), c -> c != null);
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

  /** Replica ids ("range-replica") running on a node, from its log of starts and stops. */
  private java.util.Set<String> liveReplicas(int node) throws Exception {
    java.util.Set<String> live = new java.util.HashSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("storage replica (\\d+-\\d+) (started|stopped)")
        .matcher(java.nio.file.Files.readString(cluster.node(node).logFile()));
    while (m.find()) {
      if (m.group(2).equals("started")) live.add(m.group(1));
      else live.remove(m.group(1));
    }
    return live;
  }

  @Test
  void everyRangeSettlesWithOneStorageReplicaOnEachNode() {
    await("one replica of every range on every node").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
          List<java.util.Set<Long>> ranges = new java.util.ArrayList<>();
          boolean settled = true;
          for (int n = 1; n <= 3; n++) {
            java.util.Set<String> live = liveReplicas(n);
            java.util.Set<Long> r = new java.util.HashSet<>();
            for (String id : live) r.add(Long.parseLong(id.substring(0, id.indexOf('-'))));
            ranges.add(r);
            settled &= !live.isEmpty() && live.size() == r.size() && r.equals(ranges.get(0));
          }
          assertTrue(settled, "replicas per node (ranges): " + ranges);
        });
  }
}
