package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.admin.grpc.GetRebalanceStatusReply;
import org.opendsql.admin.grpc.GetRebalanceStatusRequest;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.admin.grpc.ListRangesRequest;
import org.opendsql.admin.grpc.MoveReplicaRequest;
import org.opendsql.admin.grpc.Range;
import org.opendsql.admin.grpc.Replica;
import org.opendsql.node.admin.AdminClient;

/**
 * Replicas moved on request (bin/dsql move's call) under the bank workload, on three nodes with a
 * Raft journal and two storage replicas per range (so every range has a node to move to), and a
 * node killed in the middle of a move: the move's target dies while the replica copies to it.
 * The replica is re-created from its peer where placement puts it, the killed node restarts and
 * rejoins, a later move lands on its node and stays there; every range ends with two caught-up
 * replicas on distinct nodes, the bank's invariants hold (no acknowledged commit lost, no stale
 * read), and clients saw only 40001 and the killed node's broken connections.
 */
class ReplicaMoveIT {
  private static final int ROWS = 3000;

  @Test
  void aMoveWhoseTargetIsKilledEndsWithTheReplicaElsewhereAndALaterMoveStays() throws Exception {
    try (TestCluster cluster = TestCluster.startReplicated(3, null,
            List.of("-Dopendsql.storage.split.max-keys=400", "-Dopendsql.storage.split.check-interval=300ms"),
            List.of("--storage-replicas", "2"));
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
        ListRangesReply split = await("the table split into several ranges, every replica caught up")
            .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> ranges(admin), r -> r.getRangesCount() >= 4 && settled(r));

        // A move to node 2 or 3 (the control plane is node 1's), whose target is killed as soon as
        // the replica has left its old node: while it copies there, or just after.
        Move doomed = moveTo(split, cluster, Set.of(2, 3), -1);
        String from = replica(split, doomed.range(), doomed.replica()).getNode();
        request(admin, doomed);
        Replica moving = await("the replica leaves its node").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> replica(ranges(admin), doomed.range(), doomed.replica()), r -> !r.getNode().equals(from));
        cluster.node(doomed.node()).kill();
        System.out.println("replica move IT: target killed with the replica " + (moving.getNode().isEmpty()
            ? "between nodes" : "on " + moving.getNode() + (moving.getCaughtUp() ? ", caught up" : ", catching up")));
        bank.useNodes(otherThan(doomed.node()));
        await("the moved replica serves again, from its peer, on a live node").atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(1)).until(() -> ranges(admin), r -> settled(r)
                && replica(r, doomed.range(), doomed.replica()) != null
                && !replica(r, doomed.range(), doomed.replica()).getNode().equals(doomed.address()));
        cluster.restart(doomed.node());
        bank.useNodes(1, 2, 3);

        // A move once the node is back: it lands there and stays. The balancing is filling the
        // node meanwhile, so a range chosen may get a replica there before the request arrives:
        // that request is refused (two replicas of a range never share a node), and another is
        // chosen.
        Move kept = null;
        for (int attempt = 0; kept == null; attempt++) {
          Move candidate = moveTo(ranges(admin), cluster, Set.of(doomed.node()), doomed.range());
          try {
            request(admin, candidate);
            kept = candidate;
          } catch (java.util.concurrent.ExecutionException e) {
            io.grpc.Status refused = io.grpc.Status.fromThrowable(e.getCause());
            if (refused.getCode() != io.grpc.Status.Code.FAILED_PRECONDITION || attempt >= 10) throw e;
            assertTrue(refused.getDescription().contains("already holds replica"), refused.toString());
          }
        }
        Move moved = kept;
        await("the second move serves on its node").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .until(() -> ranges(admin), r -> settled(r) && replica(r, moved.range(), moved.replica()) != null
                && replica(r, moved.range(), moved.replica()).getNode().equals(moved.address()));
        GetRebalanceStatusReply status = admin.call(x -> x.getRebalanceStatus()
            .addHeader(AdminClient.TOKEN_HEADER, admin.token()).invoke(GetRebalanceStatusRequest.getDefaultInstance()));
        assertTrue(status.getPinnedList().stream().anyMatch(p -> p.getReplica().equals(moved.range() + "-" + moved.replica())
            && p.getNode().equals(moved.address())), status.toString());
        bank.awaitMoreAcknowledged(50, Duration.ofSeconds(90));
        // Splits go on under the bank's writes: the newest ranges' replicas may still be catching up.
        ListRangesReply end = await("every replica caught up").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1)).until(() -> ranges(admin), ReplicaMoveIT::settled);
        assertEquals(moved.address(), replica(end, moved.range(), moved.replica()).getNode(),
            "a replica moved on request stays where it was put");
      }
      bank.stopAndVerify(1);
      for (String error : bank.errors().keySet()) {
        assertTrue(error.startsWith("40001") || error.startsWith("08") || error.startsWith("57P")
            || error.startsWith("connect") || error.startsWith("null"),
            "only 40001 and the killed node's connections may reach a client: " + bank.errors());
      }
      try (Connection c = cluster.connect(1); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM items")) {
        rs.next();
        assertEquals(ROWS, rs.getLong(1));
        assertEquals((long) ROWS * (ROWS - 1) / 2, rs.getLong(2));
      }
    }
  }

  /** Replica {@code replica} of {@code range} to node {@code node} (1-based). */
  private record Move(long range, int replica, int node, String address) {}

  /**
   * A move of some range's replica (not of {@code notRange}) to one of {@code targets} that holds
   * no replica of that range.
   */
  private static Move moveTo(ListRangesReply reply, TestCluster cluster, Set<Integer> targets, long notRange) {
    for (Range r : reply.getRangesList()) {
      if (r.getId() == notRange) continue;
      Set<String> holders = new HashSet<>();
      for (Replica p : r.getReplicasList()) holders.add(p.getNode());
      for (int target : targets) {
        if (!holders.contains(address(cluster, target))) return new Move(r.getId(), 0, target, address(cluster, target));
      }
    }
    throw new AssertionError("no range with a replica to move to " + targets + ": " + reply);
  }

  private static void request(AdminClient admin, Move m) throws Exception {
    admin.call(x -> x.moveReplica().addHeader(AdminClient.TOKEN_HEADER, admin.token())
        .invoke(MoveReplicaRequest.newBuilder().setRange(m.range()).setReplica(m.replica())
            .setNode(m.address()).build()));
  }

  private static String address(TestCluster cluster, int node) {
    return "127.0.0.1:" + cluster.node(node).clusterPort();
  }

  private static int[] otherThan(int node) {
    return java.util.stream.IntStream.rangeClosed(1, 3).filter(i -> i != node).toArray();
  }

  private static ListRangesReply ranges(AdminClient admin) throws Exception {
    return admin.call(x -> x.listRanges().addHeader(AdminClient.TOKEN_HEADER, admin.token())
        .invoke(ListRangesRequest.getDefaultInstance()));
  }

  private static Replica replica(ListRangesReply reply, long range, int index) {
    for (Range r : reply.getRangesList()) {
      if (r.getId() != range) continue;
      for (Replica p : r.getReplicasList()) {
        if (p.getIndex() == index) return p;
      }
    }
    return null;
  }

  /** Every replica answering and caught up, the two of each range on distinct nodes. */
  private static boolean settled(ListRangesReply reply) {
    for (Range r : reply.getRangesList()) {
      Set<String> nodes = new HashSet<>();
      for (Replica p : r.getReplicasList()) {
        if (p.getNode().isEmpty() || !p.getCaughtUp()) return false;
        nodes.add(p.getNode());
      }
      if (nodes.size() != r.getReplicasCount()) return false;
    }
    return true;
  }
}
