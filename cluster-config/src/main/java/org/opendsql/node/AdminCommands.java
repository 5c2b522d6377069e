package org.opendsql.node;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opendsql.admin.grpc.DrainNodeRequest;
import org.opendsql.admin.grpc.GetRebalanceStatusReply;
import org.opendsql.admin.grpc.GetRebalanceStatusRequest;
import org.opendsql.admin.grpc.ListNodesReply;
import org.opendsql.admin.grpc.ListNodesRequest;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.admin.grpc.ListRangesRequest;
import org.opendsql.admin.grpc.MoveReplicaRequest;
import org.opendsql.admin.grpc.Node;
import org.opendsql.admin.grpc.NodeLoad;
import org.opendsql.admin.grpc.PinnedReplica;
import org.opendsql.admin.grpc.Range;
import org.opendsql.admin.grpc.Replica;
import org.opendsql.admin.grpc.MergeRangeReply;
import org.opendsql.admin.grpc.MergeRangeRequest;
import org.opendsql.admin.grpc.SplitRangeReply;
import org.opendsql.admin.grpc.SplitRangeRequest;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.admin.AdminClient;
import org.opendsql.node.admin.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/dsql nodes | ranges | split | merge | move | drain | rebalance}: clients of a node's control
 * plane (ClusterAdmin over gRPC).
 */
final class AdminCommands {
  private AdminCommands() {}

  /** Where the control plane is and how to trust and authenticate to it. */
  static final class Target {
    @Mixin Main.ConfigOptions config = new Main.ConfigOptions();

    @Option(names = "--admin", paramLabel = "HOST:PORT",
        description = "the node's control plane (default: opendsql.admin.host and port, 127.0.0.1:9432)")
    String admin;

    @Option(names = "--cacert", paramLabel = "FILE",
        description = "PEM certificate to trust (default: the data folder's self-signed one if there is one,"
            + " else the JVM's trust store)")
    Path cacert;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "an admin token (default: one signed with the data folder's key)")
    String token;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long to wait for the answer (default: 30)")
    long timeoutSeconds = 30;

    AdminClient connect() throws Exception {
      Config c = config.load();
      String hostPort = admin != null ? admin : c.getString("opendsql.admin.host") + ":" + c.getInt("opendsql.admin.port");
      int colon = hostPort.lastIndexOf(':');
      if (colon < 1) throw new IllegalArgumentException("--admin must be HOST:PORT");
      Path data = Path.of(c.getString("opendsql.node.data-dir"));
      Path cert = cacert;
      if (cert == null) {
        Path selfSigned = Path.of(c.getString("opendsql.pgwire.tls.self-signed-dir")).resolve("server.crt");
        String configured = c.getString("opendsql.pgwire.tls.cert-file");
        if (!configured.isBlank()) cert = Path.of(configured);
        else if (Files.isRegularFile(selfSigned)) cert = selfSigned;
      }
      String t = token != null ? token
          : new Tokens(TokenKey.loadOrCreate(data)).issue(c.getString("opendsql.tokens.endpoint"), Tokens.ADMIN, 900);
      return new AdminClient(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), cert, t,
          Duration.ofSeconds(timeoutSeconds));
    }
  }

  @Command(name = "nodes", mixinStandardHelpOptions = true,
      description = "Lists the cluster's nodes: status, roles, reachability and storage replicas on each.")
  static final class Nodes implements Callable<Integer> {
    @Mixin Target target = new Target();

    @Override
    public Integer call() throws Exception {
      try (AdminClient admin = target.connect()) {
        ListNodesReply reply = admin.call(c -> c.listNodes().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(ListNodesRequest.getDefaultInstance()));
        TextTable t = new TextTable("node", "status", "roles", "reachable", ">replicas");
        for (Node n : reply.getNodesList()) {
          t.row(n.getAddress() + (n.getSelf() ? " (this)" : ""), n.getStatus(), String.join(",", n.getRolesList()),
              n.getReachable() ? "yes" : "no", n.getReplicas());
        }
        System.out.print(t.render());
        System.out.flush();
        return 0;
      }
    }
  }

  @Command(name = "ranges", mixinStandardHelpOptions = true,
      description = "Lists the key ranges: bounds (hex), generation, journal, where the adjudicator and each"
          + " storage replica run, live keys and bytes, reads and writes per second.")
  static final class Ranges implements Callable<Integer> {
    @Mixin Target target = new Target();

    @Override
    public Integer call() throws Exception {
      try (AdminClient admin = target.connect()) {
        ListRangesReply reply = admin.call(c -> c.listRanges().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(ListRangesRequest.getDefaultInstance()));
        System.out.print(render(reply));
        System.out.flush();
        return 0;
      }
    }

    static String render(ListRangesReply reply) {
      TextTable t = new TextTable(">range", "start", "end", ">gen", ">journal", "adjudicator", "replicas", ">keys",
          ">bytes", ">reads/s", ">writes/s");
      for (Range r : reply.getRangesList()) {
        List<String> where = new ArrayList<>();
        long keys = 0;
        long bytes = 0;
        double reads = 0;
        double writes = 0;
        for (Replica p : r.getReplicasList()) {
          where.add(p.getNode().isEmpty() ? "?" : p.getNode() + (p.getCaughtUp() ? "" : " (catching up)"));
          keys = Math.max(keys, p.getKeys());
          bytes = Math.max(bytes, p.getBytes());
          reads += p.getReadsPerSecond();
          writes = Math.max(writes, p.getWritesPerSecond());
        }
        t.row(r.getId(), r.getStart().isEmpty() ? "-inf" : r.getStart(), r.getEnd().isEmpty() ? "+inf" : r.getEnd(),
            r.getGeneration(), r.getJournal(), r.getAdjudicator().isEmpty() ? "?" : r.getAdjudicator(),
            String.join(", ", where), keys, bytes, String.format(Locale.ROOT, "%.1f", reads),
            String.format(Locale.ROOT, "%.1f", writes));
      }
      return "directory version " + reply.getDirectoryVersion() + "\n" + t.render();
    }
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Merges a range's right neighbour into it (ranges merge by themselves when both are small"
          + " and cold; this asks for one now). Both must commit to the cluster's one journal. A merge is a"
          + " journal entry like any commit: sessions see at most a retryable 40001.")
  static final class Merge implements Callable<Integer> {
    @Mixin Target target = new Target();

    @Parameters(index = "0", paramLabel = "RANGE", description = "the left range's id (bin/dsql ranges shows them)")
    long range;

    @Option(names = "--generation", paramLabel = "N", description = "merge only if the range is still at this generation")
    long generation = -1;

    @Override
    public Integer call() throws Exception {
      try (AdminClient admin = target.connect()) {
        PrintWriter out = new PrintWriter(System.out, true);
        MergeRangeReply reply = admin.call(c -> c.mergeRange().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(MergeRangeRequest.newBuilder().setRange(range).setGeneration(generation).build()));
        if (!reply.getMerged()) {
          out.println("range " + range + " was not merged: " + reply.getRefusal());
          return 1;
        }
        out.println("range " + reply.getRight() + " merged into range " + range);
        return 0;
      }
    }
  }

  @Command(name = "split", mixinStandardHelpOptions = true,
      description = "Splits a range at a key (hex), or where its data says when --at is left out; with"
          + " --until N, splits every range in turn (each where its data says) until there are N ranges,"
          + " showing progress. A split is a journal entry like any commit: sessions see at most a"
          + " retryable 40001.")
  static final class Split implements Callable<Integer> {
    @Mixin Target target = new Target();

    @Parameters(index = "0", arity = "0..1", paramLabel = "RANGE", description = "the range id (bin/dsql ranges shows them)")
    Long range;

    @Option(names = "--at", paramLabel = "HEX", description = "the first key of the new right-hand range")
    String at;

    @Option(names = "--generation", paramLabel = "N", description = "split only if the range is still at this generation")
    long generation = -1;

    @Option(names = "--until", paramLabel = "N", description = "split ranges until the directory has N of them")
    Integer until;

    @Override
    public Integer call() throws Exception {
      if ((range == null) == (until == null)) throw new IllegalArgumentException("name a RANGE or give --until N");
      if (until != null && at != null) throw new IllegalArgumentException("--at splits one range: not with --until");
      try (AdminClient admin = target.connect()) {
        PrintWriter out = new PrintWriter(System.out, true);
        if (until != null) return splitUntil(admin, until, out);
        SplitRangeReply reply = split(admin, range, at, generation);
        if (!reply.getSplit()) {
          out.println("range " + range + " was not split: " + reply.getRefusal());
          return 1;
        }
        out.println("range " + range + " split at " + reply.getAt() + ": range " + reply.getRight()
            + " holds the keys from there on");
        return 0;
      }
    }

    private static SplitRangeReply split(AdminClient admin, long range, String at, long generation) throws Exception {
      return admin.call(c -> c.splitRange().addHeader(AdminClient.TOKEN_HEADER, admin.token())
          .invoke(SplitRangeRequest.newBuilder().setRange(range).setAt(at == null ? "" : at)
              .setGeneration(generation).build()));
    }

    /**
     * Rounds over the directory, each range split once where its data says (a range too small to
     * split, or still catching up, is passed over), until there are {@code target} ranges; gives up
     * after three rounds in a row that split nothing.
     */
    private static int splitUntil(AdminClient admin, int target, PrintWriter out) throws Exception {
      int idle = 0;
      long started = System.nanoTime();
      while (true) {
        ListRangesReply ranges = admin.call(c -> c.listRanges().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(ListRangesRequest.getDefaultInstance()));
        int count = ranges.getRangesCount();
        if (count >= target) {
          out.printf(Locale.ROOT, "%d ranges (%.1f s)%n", count, (System.nanoTime() - started) / 1e9);
          return 0;
        }
        int made = 0;
        for (Range r : ranges.getRangesList()) {
          if (count + made >= target) break;
          SplitRangeReply reply = split(admin, r.getId(), null, r.getGeneration());
          if (reply.getSplit()) made++;
        }
        out.printf(Locale.ROOT, "%d of %d ranges%n", count + made, target);
        idle = made == 0 ? idle + 1 : 0;
        if (idle >= 3) {
          out.println("no range can be split further (too few keys in each, or replicas catching up)");
          return 1;
        }
        if (made == 0) Thread.sleep(1000);
      }
    }
  }

  /** Polling of a long operation: every second, at most {@code --wait} seconds. */
  static final class Progress {
    @Option(names = "--no-wait", description = "return once the request is recorded, without following it")
    boolean noWait;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "how long to follow the operation (default: 600)")
    long waitSeconds = 600;
  }

  private static GetRebalanceStatusReply status(AdminClient admin) throws Exception {
    return admin.call(c -> c.getRebalanceStatus().addHeader(AdminClient.TOKEN_HEADER, admin.token())
        .invoke(GetRebalanceStatusRequest.getDefaultInstance()));
  }

  @Command(name = "move", mixinStandardHelpOptions = true,
      description = "Moves one storage replica of a range to a node (NODE as bin/dsql nodes shows it) and keeps it"
          + " there: the new copy comes from a peer's snapshot, then the journals' tail, and serves once caught up."
          + " Shows progress until then.")
  static final class Move implements Callable<Integer> {
    @Mixin Target target = new Target();
    @Mixin Progress progress = new Progress();

    @Parameters(index = "0", paramLabel = "RANGE", description = "the range id (bin/dsql ranges shows them)")
    long range;

    @Parameters(index = "1", paramLabel = "REPLICA", description = "the replica's index, 0 to replicas - 1")
    int replica;

    @Parameters(index = "2", paramLabel = "NODE", description = "host:port of the node's cluster address")
    String node;

    @Override
    public Integer call() throws Exception {
      try (AdminClient admin = target.connect()) {
        PrintWriter out = new PrintWriter(System.out, true);
        long started = System.nanoTime();
        admin.call(c -> c.moveReplica().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(MoveReplicaRequest.newBuilder().setRange(range).setReplica(replica).setNode(node).build()));
        out.println("replica " + range + "-" + replica + " is to move to " + node);
        if (progress.noWait) return 0;
        String last = "";
        while (System.nanoTime() - started < progress.waitSeconds * 1_000_000_000L) {
          ListRangesReply ranges = admin.call(c -> c.listRanges().addHeader(AdminClient.TOKEN_HEADER, admin.token())
              .invoke(ListRangesRequest.getDefaultInstance()));
          Replica now = null;
          for (Range r : ranges.getRangesList()) {
            if (r.getId() != range) continue;
            for (Replica p : r.getReplicasList()) {
              if (p.getIndex() == replica) now = p;
            }
          }
          if (now == null) {
            out.println("range " + range + " is no longer in the directory (merged or split away)");
            return 1;
          }
          if (now.getNode().equals(node) && now.getCaughtUp()) {
            out.printf(Locale.ROOT, "replica %d-%d serves on %s: %d keys, %d bytes (%.1f s)%n", range, replica, node,
                now.getKeys(), now.getBytes(), (System.nanoTime() - started) / 1e9);
            return 0;
          }
          String state = now.getNode().isEmpty() ? "between nodes"
              : "on " + now.getNode() + (now.getCaughtUp() ? "" : ", catching up");
          if (!state.equals(last)) out.println("replica " + range + "-" + replica + ": " + state);
          last = state;
          Thread.sleep(1000);
        }
        out.println("replica " + range + "-" + replica + " is not serving on " + node + " yet; bin/dsql ranges shows it");
        return 1;
      }
    }
  }

  @Command(name = "drain", mixinStandardHelpOptions = true,
      description = "Moves every storage replica, adjudicator and journal off a node (NODE as bin/dsql nodes shows"
          + " it), which then leaves the cluster: its sessions end with 57P01, new ones are refused with 57P03."
          + " Shows what is left on it until it is gone. Point --admin at another node to follow it to the end.")
  static final class Drain implements Callable<Integer> {
    @Mixin Target target = new Target();
    @Mixin Progress progress = new Progress();

    @Parameters(index = "0", paramLabel = "NODE", description = "host:port of the node's cluster address")
    String node;

    @Override
    public Integer call() throws Exception {
      try (AdminClient admin = target.connect()) {
        PrintWriter out = new PrintWriter(System.out, true);
        long started = System.nanoTime();
        admin.call(c -> c.drainNode().addHeader(AdminClient.TOKEN_HEADER, admin.token())
            .invoke(DrainNodeRequest.newBuilder().setNode(node).build()));
        out.println("node " + node + " is draining");
        if (progress.noWait) return 0;
        String last = "";
        boolean empty = false;
        while (System.nanoTime() - started < progress.waitSeconds * 1_000_000_000L) {
          GetRebalanceStatusReply status;
          try {
            status = status(admin);
          } catch (Exception e) {
            if (!empty) throw e;
            out.printf(Locale.ROOT, "node %s is empty and left; its control plane closed with it (%.1f s)%n", node,
                (System.nanoTime() - started) / 1e9);
            return 0;
          }
          NodeLoad load = null;
          for (NodeLoad n : status.getNodesList()) {
            if (n.getAddress().equals(node)) load = n;
          }
          if (load == null || load.getStatus().equals("removed")) {
            out.printf(Locale.ROOT, "node %s drained and left the cluster (%.1f s)%n", node,
                (System.nanoTime() - started) / 1e9);
            return 0;
          }
          empty = load.getReplicas() == 0 && load.getAdjudicators() == 0 && load.getJournals() == 0;
          String now = String.format(Locale.ROOT, "node %s (%s): %d replicas, %d adjudicators, %d journals left",
              node, load.getStatus(), load.getReplicas(), load.getAdjudicators(), load.getJournals());
          if (!now.equals(last)) out.println(now);
          last = now;
          Thread.sleep(1000);
        }
        out.println("node " + node + " has not left yet; bin/dsql rebalance shows what it still runs");
        return 1;
      }
    }
  }

  @Command(name = "rebalance", mixinStandardHelpOptions = true,
      description = "Shows what every node runs (storage replicas, adjudicators, journals), which nodes are draining,"
          + " replicas moved on request, and whether placement has settled.")
  static final class Rebalance implements Callable<Integer> {
    @Mixin Target target = new Target();

    @Override
    public Integer call() throws Exception {
      try (AdminClient admin = target.connect()) {
        GetRebalanceStatusReply status = status(admin);
        TextTable t = new TextTable("node", "status", "draining", ">replicas", ">adjudicators", ">journals");
        for (NodeLoad n : status.getNodesList()) {
          t.row(n.getAddress(), n.getStatus(), n.getDraining() ? "yes" : "no", n.getReplicas(), n.getAdjudicators(),
              n.getJournals());
        }
        StringBuilder out = new StringBuilder(t.render());
        out.append(status.getBalanced() ? "balanced" : "rebalancing").append(" (storage nodes within ")
            .append(status.getTolerance()).append(" replica of each other, no node draining)\n");
        for (PinnedReplica p : status.getPinnedList()) {
          out.append("replica ").append(p.getReplica()).append(" kept on ").append(p.getNode()).append('\n');
        }
        System.out.print(out);
        System.out.flush();
        return 0;
      }
    }
  }
}
