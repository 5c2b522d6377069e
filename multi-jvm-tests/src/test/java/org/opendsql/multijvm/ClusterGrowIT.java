package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.admin.grpc.DrainNodeRequest;
import org.opendsql.admin.grpc.GetRebalanceStatusReply;
import org.opendsql.admin.grpc.GetRebalanceStatusRequest;
import org.opendsql.admin.grpc.ListNodesReply;
import org.opendsql.admin.grpc.ListNodesRequest;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.admin.grpc.Node;
import org.opendsql.admin.grpc.NodeLoad;
import org.opendsql.admin.grpc.Range;
import org.opendsql.admin.grpc.Replica;
import org.opendsql.node.admin.AdminClient;

/**
 * A three-node cluster split into many ranges grows to four and shrinks back while the bank
 * workload runs: the new node receives replicas (copied from peers, served once caught up) until
 * every node holds within one replica of the others, never two replicas of a range on one node;
 * then it is drained (bin/dsql drain's call): its replicas and adjudicators move to the other three,
 * it leaves and its process exits cleanly. The bank keeps its invariants with only 40001 (and
 * 57P01 from the drained node) reaching its clients, and every loaded row is still there.
 */
class ClusterGrowIT {
  private static final int ROWS = 4000;

  @Test
  void aFourthNodeReceivesItsShareThenIsDrainedAndLeavesUnderTheBankWorkload() throws Exception {
    List<String> jvm = List.of("-Xmx384m", "-Dopendsql.storage.split.max-keys=400",
        "-Dopendsql.storage.split.check-interval=300ms");
    List<String> args = List.of("--journals", "2", "--storage-replicas", "3");
    try (TestCluster cluster = TestCluster.start(3, jvm, i -> args);
         BankWorkload bank = new BankWorkload(cluster, 20, 1, 2, 3)) {
      bank.createSchema(1);
      bank.start(2, 1);
      try (Connection c = cluster.connect(1); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id int PRIMARY KEY, payload text NOT NULL)");
        for (int from = 0; from < ROWS; from += 250) TestCluster.insertItems(s, from, from + 250);
      }
      try (AdminClient admin = new AdminClient("127.0.0.1", cluster.node(1).adminPort(),
          cluster.node(1).dataDir().resolve("tls").resolve("server.crt"), cluster.node(1).adminToken(),
          Duration.ofSeconds(20))) {
        await("the table split into several ranges").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .until(() -> TestCluster.ranges(admin).getRangesCount() >= 6);

        cluster.addNode(args);
        bank.useNodes(1, 2, 3, 4);
        String node4 = "127.0.0.1:" + cluster.node(4).clusterPort();
        ListRangesReply balanced = await("the fourth node holds its share, every replica caught up")
            .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
            .until(() -> TestCluster.ranges(admin), r -> balancedOver(r, 4, node4));
        ListNodesReply nodes = admin.call(x -> x.listNodes().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(ListNodesRequest.getDefaultInstance()));
        assertEquals(4, nodes.getNodesCount());
        System.out.println("cluster grow IT: " + balanced.getRangesCount() + " ranges; replicas per node "
            + nodes.getNodesList().stream().map(Node::getReplicas).toList());
        bank.awaitMoreAcknowledged(50, Duration.ofSeconds(90));

        // And back: node 4 is drained while the bank runs; everything moves off it, then it leaves
        // the cluster and its process ends by itself.
        bank.useNodes(1, 2, 3);
        long drainStarted = System.nanoTime();
        admin.call(x -> x.drainNode().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(DrainNodeRequest.newBuilder().setNode(node4).build()));
        await("node 4 drained, left the cluster and exited").atMost(Duration.ofSeconds(240))
            .pollInterval(Duration.ofSeconds(1)).until(() -> !cluster.node(4).isAlive());
        assertEquals(0, cluster.node(4).exitValue(), "a drained node ends cleanly");
        // The ranges and the census are two reads: a split or merge between them (the bank keeps
        // writing) changes one before the other, so both are read again until they agree.
        GetRebalanceStatusReply[] status = new GetRebalanceStatusReply[1];
        ListRangesReply three = await("three nodes hold every replica again, caught up and balanced, "
            + "every range's adjudicator running on one of them")
            .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .until(() -> {
              ListRangesReply r = TestCluster.ranges(admin);
              status[0] = admin.call(x -> x.getRebalanceStatus().addHeader(AdminClient.TOKEN_HEADER, admin.token())
                  .invoke(GetRebalanceStatusRequest.getDefaultInstance()));
              return r;
            }, r -> balancedOver(r, 3, null) && status[0].getBalanced()
                && adjudicators(status[0]) == r.getRangesCount());
        assertEquals(3, status[0].getNodesCount(), status[0].toString());
        for (NodeLoad n : status[0].getNodesList()) assertFalse(n.getDraining());
        System.out.printf("cluster grow IT: node 4 drained and gone in %.1f s; %s%n",
            (System.nanoTime() - drainStarted) / 1e9, status[0].getNodesList().stream()
                .map(n -> n.getReplicas() + "/" + n.getAdjudicators() + "/" + n.getJournals()).toList());
      }
      bank.awaitMoreAcknowledged(50, Duration.ofSeconds(90));
      bank.stopAndVerify(1);
      for (String error : bank.errors().keySet()) {
        assertTrue(error.startsWith("40001") || error.startsWith("57P01"),
            "only 40001, or 57P01 from the drained node, may reach a client: " + bank.errors());
      }
      try (Connection c = cluster.connect(1); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM items")) {
        rs.next();
        assertEquals(ROWS, rs.getLong(1));
        assertEquals((long) ROWS * (ROWS - 1) / 2, rs.getLong(2));
      }
    }
  }

  private static int adjudicators(GetRebalanceStatusReply status) {
    return status.getNodesList().stream().mapToInt(NodeLoad::getAdjudicators).sum();
  }

  /**
   * Every replica answering and caught up, three nodes per range, {@code count} nodes holding
   * replicas (one of them {@code mustHold}, if given) within one replica of each other.
   */
  private static boolean balancedOver(ListRangesReply reply, int count, String mustHold) {
    Map<String, Integer> perNode = new HashMap<>();
    for (Range r : reply.getRangesList()) {
      Set<String> nodes = new HashSet<>();
      for (Replica p : r.getReplicasList()) {
        if (p.getNode().isEmpty() || !p.getCaughtUp()) return false;
        nodes.add(p.getNode());
        perNode.merge(p.getNode(), 1, Integer::sum);
      }
      if (nodes.size() != 3) return false;
    }
    if (perNode.size() != count || (mustHold != null && !perNode.containsKey(mustHold))) return false;
    int max = perNode.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int min = perNode.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    return max - min <= 1;
  }
}
