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
import org.opendsql.admin.grpc.ListNodesReply;
import org.opendsql.admin.grpc.ListNodesRequest;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.admin.grpc.ListRangesRequest;
import org.opendsql.admin.grpc.Node;
import org.opendsql.admin.grpc.Range;
import org.opendsql.admin.grpc.Replica;
import org.opendsql.admin.grpc.SplitRangeReply;
import org.opendsql.admin.grpc.SplitRangeRequest;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.admin.AdminClient;
import org.opendsql.node.admin.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/dsql nodes | ranges | split}: clients of a node's control plane (ClusterAdmin over gRPC). */
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
}
