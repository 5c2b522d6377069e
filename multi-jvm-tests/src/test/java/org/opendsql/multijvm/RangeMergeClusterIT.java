package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.node.admin.AdminClient;

/**
 * Three node JVMs on one journal, three storage replicas per range: a table loaded until it has
 * split many times is emptied but for a few rows, and its small cold ranges merge back while the
 * bank workload runs through every node. Each merge's left range takes the right range's data
 * from whichever nodes hold its replicas. At the end the directory is a few contiguous ranges,
 * each with three caught-up replicas on three nodes; the bank kept its invariants with nothing
 * but 40001 reaching its clients; the rows left are all there, once each, in key order.
 */
class RangeMergeClusterIT {
  private static final int ROWS = 4000;
  private static final int KEPT = 50;

  @Test
  void smallColdRangesMergeAcrossThreeNodesUnderTheBankWorkload() throws Exception {
    List<String> jvm = List.of("-Xmx384m", "-Dopendsql.storage.split.max-keys=400",
        "-Dopendsql.storage.split.check-interval=300ms");
    try (TestCluster cluster = TestCluster.start(3, jvm, i -> List.of());
         BankWorkload bank = new BankWorkload(cluster, 20, 1, 2, 3)) {
      bank.createSchema(1);
      bank.start(2, 1);
      try (AdminClient admin = new AdminClient("127.0.0.1", cluster.node(1).adminPort(),
          cluster.node(1).dataDir().resolve("tls").resolve("server.crt"), cluster.node(1).adminToken(),
          Duration.ofSeconds(20))) {
        try (Connection c = cluster.connect(1); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE items (id int PRIMARY KEY, payload text NOT NULL)");
          for (int from = 0; from < ROWS; from += 250) TestCluster.insertItems(s, from, Math.min(ROWS, from + 250));
        }
        int split = await("the loaded table splits into many ranges").atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500)).until(() -> TestCluster.ranges(admin).getRangesCount(), n -> n >= 8);
        try (Connection c = cluster.connect(2); Statement s = c.createStatement()) {
          for (int from = KEPT; from < ROWS; from += 500) deleteRetrying(s, from, Math.min(ROWS, from + 500));
        }
        ListRangesReply merged = await("emptied ranges merge, each left with three caught-up replicas on three nodes")
            .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> TestCluster.ranges(admin), r -> r.getRangesCount() <= split / 2 && TestCluster.threeCaughtUpReplicasOnThreeNodes(r));
        System.out.println("range merge cluster IT: " + split + " ranges -> " + merged.getRangesCount()
            + " at directory version " + merged.getDirectoryVersion());
        for (int i = 1; i < merged.getRangesCount(); i++) {
          assertEquals(merged.getRanges(i - 1).getEnd(), merged.getRanges(i).getStart(), "contiguous, in key order");
        }
      }
      bank.awaitMoreAcknowledged(50, Duration.ofSeconds(90));
      bank.stopAndVerify(2);
      for (String error : bank.errors().keySet()) {
        assertTrue(error.startsWith("40001"), "only 40001 may reach a client: " + bank.errors());
      }
      for (int node = 1; node <= 3; node++) {
        try (Connection c = cluster.connect(node); Statement s = c.createStatement()) {
          int expected = 0;
          try (ResultSet rs = s.executeQuery("SELECT id FROM items")) {
            while (rs.next()) assertEquals(expected++, rs.getInt(1), "a scan over the merged ranges, in key order");
          }
          assertEquals(KEPT, expected, "through node " + node);
        }
      }
    }
  }

  /** A 40001 (a split or merge under the delete) is retried, as a DSQL client does. */
  private static void deleteRetrying(Statement s, int from, int to) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try {
        s.executeUpdate("DELETE FROM items WHERE id >= " + from + " AND id < " + to);
        return;
      } catch (SQLException e) {
        if (!"40001".equals(e.getSQLState()) || attempt > 20) throw e;
      }
    }
  }
}
