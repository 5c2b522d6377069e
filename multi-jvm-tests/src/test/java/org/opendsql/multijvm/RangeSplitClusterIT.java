package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.node.admin.AdminClient;

/**
 * Three node JVMs, three storage replicas per range, split thresholds small enough that loading a
 * table splits it over and over while the bank workload runs through every node. The directory
 * the control plane shows must grow to many contiguous ranges, each with its three replicas on
 * three different nodes and caught up; the bank must keep its invariants with nothing but 40001
 * reaching its clients; the loaded rows must all be there, once each, in key order.
 */
class RangeSplitClusterIT {
  private static final int ROWS = 6000;

  @Test
  void rangesSplitAcrossThreeNodesUnderTheBankWorkload() throws Exception {
    List<String> jvm = List.of("-Xmx384m", "-Dopendsql.storage.split.max-keys=400",
        "-Dopendsql.storage.split.check-interval=300ms");
    try (TestCluster cluster = TestCluster.start(3, jvm, i -> List.of("--journals", "2"));
         BankWorkload bank = new BankWorkload(cluster, 20, 1, 2, 3)) {
      bank.createSchema(1);
      bank.start(2, 1);
      try (Connection c = cluster.connect(1); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id int PRIMARY KEY, payload text NOT NULL)");
        for (int from = 0; from < ROWS; from += 250) TestCluster.insertItems(s, from, Math.min(ROWS, from + 250));
      }
      try (AdminClient admin = new AdminClient("127.0.0.1", cluster.node(1).adminPort(),
          cluster.node(1).dataDir().resolve("tls").resolve("server.crt"), cluster.node(1).adminToken(),
          Duration.ofSeconds(20))) {
        ListRangesReply settled = await("many ranges, each with three caught-up replicas on three nodes")
            .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> TestCluster.ranges(admin), RangeSplitClusterIT::spreadOverThreeNodes);
        System.out.println("range split cluster IT: " + settled.getRangesCount() + " ranges at directory version "
            + settled.getDirectoryVersion());
        for (int i = 1; i < settled.getRangesCount(); i++) {
          assertEquals(settled.getRanges(i - 1).getEnd(), settled.getRanges(i).getStart(), "contiguous, in key order");
        }
      }
      bank.awaitMoreAcknowledged(50, Duration.ofSeconds(90));
      bank.stopAndVerify(2);
      for (String error : bank.errors().keySet()) {
        assertTrue(error.startsWith("40001"), "only 40001 may reach a client: " + bank.errors());
      }
      for (int node = 1; node <= 3; node++) {
        try (Connection c = cluster.connect(node); Statement s = c.createStatement()) {
          try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM items")) {
            rs.next();
            assertEquals(ROWS, rs.getLong(1), "through node " + node);
            assertEquals((long) ROWS * (ROWS - 1) / 2, rs.getLong(2), "through node " + node);
          }
          int expected = 0;
          try (ResultSet rs = s.executeQuery("SELECT id FROM items")) {
            while (rs.next()) assertEquals(expected++, rs.getInt(1), "a scan over every range, in key order");
          }
          assertEquals(ROWS, expected);
        }
      }
    }
  }

  /** At least ten ranges, every replica answering, caught up, and the three of each range on three nodes. */
  private static boolean spreadOverThreeNodes(ListRangesReply reply) {
    return reply.getRangesCount() >= 10 && TestCluster.threeCaughtUpReplicasOnThreeNodes(reply);
  }
}
