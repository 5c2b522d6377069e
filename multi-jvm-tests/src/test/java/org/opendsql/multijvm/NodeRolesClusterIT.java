package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.admin.grpc.ListNodesReply;
import org.opendsql.admin.grpc.ListNodesRequest;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.admin.grpc.ListRangesRequest;
import org.opendsql.admin.grpc.Node;
import org.opendsql.admin.grpc.Range;
import org.opendsql.admin.grpc.Replica;
import org.opendsql.node.admin.AdminClient;

/**
 * Nodes running subsets of the roles: node 1 runs everything, node 2 everything but the wire
 * endpoint, node 3 only the wire endpoint and its query processor. Clients on node 3 read and
 * write as anywhere; no adjudicator, journal or storage replica ever runs there; node 2 accepts
 * no client; the control plane shows each node's roles.
 */
class NodeRolesClusterIT {
  @Test
  void entitiesRunOnlyOnNodesWithTheirRoleAndClientsUseTheSqlNode() throws Exception {
    List<String> jvm = List.of("-Xmx384m", "-Dopendsql.storage.split.max-keys=300",
        "-Dopendsql.storage.split.check-interval=300ms");
    try (TestCluster cluster = TestCluster.start(3, jvm, i -> switch (i) {
      case 1 -> List.of("--storage-replicas", "2");
      case 2 -> List.of("--storage-replicas", "2", "--roles", "adjudicator,journal,storage");
      default -> List.of("--storage-replicas", "2", "--roles", "sql");
    })) {
      assertEquals(-1, cluster.node(2).pgPort(), "node 2 has no wire endpoint");
      try (Connection c = cluster.connect(3); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
        for (int from = 0; from < 2000; from += 250) {
          StringBuilder sql = new StringBuilder("INSERT INTO items VALUES ");
          for (int id = from; id < from + 250; id++) sql.append(id == from ? "" : ", ").append('(').append(id).append(", 'v')");
          // The table splits while it loads: a statement across a split may get 40001, and is retried.
          for (int attempt = 0; ; attempt++) {
            try {
              s.executeUpdate(sql.toString());
              break;
            } catch (java.sql.SQLException e) {
              if (!"40001".equals(e.getSQLState()) || attempt >= 20) throw e;
            }
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM items")) {
          rs.next();
          assertEquals(2000, rs.getLong(1));
          assertEquals(1999L * 2000 / 2, rs.getLong(2));
        }
      }
      try (Connection c = cluster.connect(1); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
        rs.next();
        assertEquals(2000, rs.getLong(1), "node 1 sees what node 3 wrote");
      }
      String node3 = "127.0.0.1:" + cluster.node(3).clusterPort();
      try (AdminClient admin = new AdminClient("127.0.0.1", cluster.node(1).adminPort(),
          cluster.node(1).dataDir().resolve("tls").resolve("server.crt"), cluster.node(1).adminToken(),
          Duration.ofSeconds(20))) {
        ListNodesReply nodes = admin.call(x -> x.listNodes().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(ListNodesRequest.getDefaultInstance()));
        assertEquals(3, nodes.getNodesCount());
        for (Node n : nodes.getNodesList()) {
          if (n.getAddress().equals(node3)) {
            assertEquals(List.of("sql"), n.getRolesList());
            assertEquals(0, n.getReplicas());
          }
        }
        ListRangesReply ranges = await("several ranges, each with two caught-up replicas off node 3")
            .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .until(() -> admin.call(x -> x.listRanges().addHeader(AdminClient.TOKEN_HEADER, admin.token())
                .invoke(ListRangesRequest.getDefaultInstance())), r -> settledOffNode(r, node3));
        assertTrue(ranges.getRangesCount() >= 3, "the table split: " + ranges.getRangesCount());
      }
      assertThrows(Exception.class, () -> cluster.connect(2).close(), "node 2 accepts no client");
    }
  }

  /** Every range: an adjudicator and two caught-up replicas on two nodes, none of them node 3. */
  private static boolean settledOffNode(ListRangesReply reply, String node3) {
    if (reply.getRangesCount() < 3) return false;
    for (Range r : reply.getRangesList()) {
      if (r.getAdjudicator().isEmpty() || r.getAdjudicator().equals(node3)) return false;
      Set<String> nodes = new HashSet<>();
      for (Replica p : r.getReplicasList()) {
        if (p.getNode().isEmpty() || !p.getCaughtUp() || p.getNode().equals(node3)) return false;
        nodes.add(p.getNode());
      }
      if (nodes.size() != 2) return false;
    }
    return true;
  }
}
