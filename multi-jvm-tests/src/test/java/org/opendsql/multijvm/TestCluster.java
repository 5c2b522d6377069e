package org.opendsql.multijvm;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.TokenKey;
import org.opendsql.node.launch.NodeProcess;

/**
 * Real node JVMs forming one cluster on 127.0.0.1 and free ports (or each in a network namespace of
 * its own, see {@link NodeNetwork}): every node names all of them as seeds (node 1 first), as the
 * README's recipe says, every node shares one token key, and all start together (placement waits
 * for all of them).
 */
final class TestCluster implements AutoCloseable {
  final List<NodeProcess> nodes = new ArrayList<>();
  private final List<List<String>> jvmArgs = new ArrayList<>();
  private final List<List<String>> nodeArgs = new ArrayList<>();
  private final NodeNetwork network;
  private Path root;

  private TestCluster(NodeNetwork network) {
    this.network = network;
  }

  private static String host(NodeNetwork network, int i) {
    return network == null ? "127.0.0.1" : network.address(i);
  }

  private List<String> launcher(int i) {
    return network == null ? List.of() : network.launcher(i);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code extraArgs.apply(i)}: further options for node i (1-based). */
  static TestCluster start(int size, List<String> jvmArgs, IntFunction<List<String>> extraArgs) throws Exception {
    return start(size, null, jvmArgs, extraArgs);
  }

  /** As above, node i bound to {@code network.address(i)} in its namespace when a network is given. */
  static TestCluster start(int size, NodeNetwork network, List<String> jvmArgs, IntFunction<List<String>> extraArgs)
      throws Exception {
    Path root = Files.createTempDirectory("opendsql-cluster");
    byte[] key = TokenKey.loadOrCreate(root.resolve("node1"));
    for (int i = 2; i <= size; i++) {
      Files.createDirectories(root.resolve("node" + i));
      Files.write(root.resolve("node" + i).resolve("token.key"), key);
    }
    // The README's recipe: every node names every node as a seed, in the same order.
    int[] clusterPorts = new int[size + 1];
    List<String> seeds = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      clusterPorts[i] = freePort();
      seeds.add("--seed");
      seeds.add(host(network, i) + ":" + clusterPorts[i]);
    }
    List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
    TestCluster cluster = new TestCluster(network);
    cluster.root = root;
    for (int i = 1; i <= size; i++) {
      List<String> args = new ArrayList<>(List.of("--cluster-port", Integer.toString(clusterPorts[i])));
      args.addAll(seeds);
      args.addAll(List.of("--min-members", Integer.toString(size), "--node-id", Integer.toString(i)));
      if (network != null) args.addAll(List.of("--host", host(network, i)));
      args.addAll(extraArgs.apply(i));
      cluster.jvmArgs.add(List.copyOf(jvmArgs));
      cluster.nodeArgs.add(List.copyOf(args));
      Path dir = root.resolve("node" + i);
      List<String> launcher = cluster.launcher(i);
      starting.add(CompletableFuture.supplyAsync(() -> {
        try {
          return NodeProcess.start(launcher, dir, jvmArgs, args, Duration.ofSeconds(150));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (CompletableFuture<NodeProcess> f : starting) cluster.nodes.add(f.join());
    return cluster;
  }

  /**
   * Nodes whose journal is a Raft group with one peer per node (failure detection and downing as
   * every node has them), eager journal truncation and frequent Raft snapshots.
   */
  static TestCluster startReplicated(int size, NodeNetwork network) throws Exception {
    return startReplicated(size, network, List.of(), List.of());
  }

  /** {@link #startReplicated(int, NodeNetwork)} with more JVM options and node flags for every node. */
  static TestCluster startReplicated(int size, NodeNetwork network, List<String> moreJvmArgs, List<String> moreArgs)
      throws Exception {
    StringBuilder peers = new StringBuilder();
    for (int i = 1; i <= size; i++) {
      peers.append(i == 1 ? "" : ",").append("n").append(i).append("=").append(host(network, i)).append(":")
          .append(freePort());
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx384m",
        // Truncate often, so that replicas re-created or restarted during a test need snapshots.
        "-Dopendsql.storage.applied-report-interval=500ms",
        "-Dopendsql.storage.position-poll-interval=500ms",
        "-Dopendsql.journal.truncate-every=20",
        // Raft snapshots (and log purges) every 50 entries: a restarted peer may need one.
        "-Dopendsql.journal.raft.snapshot-every=50"));
    jvm.addAll(moreJvmArgs);
    return start(size, network, jvm, i -> {
      List<String> args = new ArrayList<>(List.of("--journal-peers", peers.toString(), "--journal-self", "n" + i));
      args.addAll(moreArgs);
      return args;
    });
  }

  /**
   * Starts node {@code i} again on its data directory, ports and options, after it was killed:
   * it rejoins the cluster as a new incarnation and its journal peer catches up from the group.
   */
  NodeProcess restart(int i) throws Exception {
    NodeProcess old = node(i);
    if (old.isAlive()) throw new IllegalStateException("node " + i + " is still running");
    NodeProcess n = NodeProcess.start(launcher(i), old.dataDir(), jvmArgs.get(i - 1), nodeArgs.get(i - 1),
        Duration.ofSeconds(150));
    nodes.set(i - 1, n);
    return n;
  }

  /**
   * Starts one more node (on 127.0.0.1), which joins the running cluster through the others as
   * seeds, with the cluster's token key and the first node's JVM options and {@code extraArgs}.
   */
  NodeProcess addNode(List<String> extraArgs) throws Exception {
    if (network != null) throw new IllegalStateException("adding a node is for clusters without namespaces");
    int i = nodes.size() + 1;
    Path dir = root.resolve("node" + i);
    Files.createDirectories(dir);
    Files.copy(root.resolve("node1").resolve("token.key"), dir.resolve("token.key"));
    List<String> args = new ArrayList<>(List.of("--cluster-port", Integer.toString(freePort())));
    for (NodeProcess n : nodes) args.addAll(List.of("--seed", "127.0.0.1:" + n.clusterPort()));
    args.addAll(List.of("--min-members", Integer.toString(nodes.size()), "--node-id", Integer.toString(i)));
    args.addAll(extraArgs);
    jvmArgs.add(jvmArgs.get(0));
    nodeArgs.add(List.copyOf(args));
    NodeProcess n = NodeProcess.start(List.of(), dir, jvmArgs.get(0), args, Duration.ofSeconds(150));
    nodes.add(n);
    return n;
  }

  NodeProcess node(int i) {
    return nodes.get(i - 1);
  }

  Connection connect(int i) throws Exception {
    NodeProcess n = node(i);
    Properties p = new Properties();
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", n.adminToken());
    p.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(n.jdbcUrl(), p);
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess n : nodes) n.close();
    if (root == null) return;
    // The node logs are under target/node-logs (see NodeProcess); the data goes.
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /**
   * Inserts rows {@code from} until {@code to} into {@code items (id, payload)} in one statement,
   * again on 40001 (a statement that spans a split gets one), as a DSQL client does.
   */
  static void insertItems(java.sql.Statement s, int from, int to) throws java.sql.SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO items VALUES ");
    for (int id = from; id < to; id++) {
      sql.append(id == from ? "" : ", ").append('(').append(id).append(", 'item ").append(id).append("')");
    }
    for (int attempt = 0; ; attempt++) {
      try {
        s.executeUpdate(sql.toString());
        return;
      } catch (java.sql.SQLException e) {
        if (!"40001".equals(e.getSQLState()) || attempt > 30) throw e;
      }
    }
  }

  /** The directory as node {@code admin} lists it, with where every replica runs. */
  static org.opendsql.admin.grpc.ListRangesReply ranges(org.opendsql.node.admin.AdminClient admin) throws Exception {
    return admin.call(x -> x.listRanges().addHeader(org.opendsql.node.admin.AdminClient.TOKEN_HEADER, admin.token())
        .invoke(org.opendsql.admin.grpc.ListRangesRequest.getDefaultInstance()));
  }

  /** Every replica answering, caught up, and the three of each range on three nodes. */
  static boolean threeCaughtUpReplicasOnThreeNodes(org.opendsql.admin.grpc.ListRangesReply reply) {
    for (org.opendsql.admin.grpc.Range r : reply.getRangesList()) {
      java.util.Set<String> nodes = new java.util.HashSet<>();
      for (org.opendsql.admin.grpc.Replica p : r.getReplicasList()) {
        if (p.getNode().isEmpty() || !p.getCaughtUp()) return false;
        nodes.add(p.getNode());
      }
      if (r.getReplicasCount() != 3 || nodes.size() != 3) return false;
    }
    return true;
  }
}
