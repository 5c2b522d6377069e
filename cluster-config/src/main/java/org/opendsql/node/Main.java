package org.opendsql.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.opendsql.core.auth.Tokens;

/**
 * Command line: {@code start} runs a node until it is stopped; {@code token} prints a connection
 * token signed with the data folder's key.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      usage();
      return;
    }
    List<String> rest = List.of(args).subList(1, args.length);
    switch (args[0]) {
      case "start" -> start(rest);
      case "token" -> token(rest);
      default -> {
        System.err.println("unknown command: " + args[0]);
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.out.println("""
        usage: dsql start [--data DIR] [--host H] [--port P] [--cluster-port P] [--seed HOST:PORT]...
                          [--min-members N] [--node-id N] [--ranges N] [--journals N] [--storage-replicas N]
                          [--max-clock-offset-us N] [--journal-peers ID=HOST:PORT,... --journal-self ID]
                          [--max-connections N] [--connection-rate PER_S] [--connection-burst N]
                          [--max-connection-age-s S] [--dev-plaintext]
               dsql token (--admin | --user NAME) [--expires SECONDS] [--data DIR] [--endpoint HOST]""");
  }

  private static void start(List<String> a) throws Exception {
    NodeSettings s = NodeSettings.defaults();
    List<String> seeds = new ArrayList<>();
    int clusterPort = s.clusterPort();
    int minMembers = s.minMembers();
    String host = s.host();
    long maxOffset = s.maxClockOffsetMicros();
    NodeSettings.Limits limits = s.limits();
    boolean nodeIdGiven = false;
    List<String> raftPeers = new ArrayList<>();
    String raftSelf = null;
    for (int i = 0; i < a.size(); i++) {
      switch (a.get(i)) {
        case "--data" -> s = s.withDataDir(Path.of(a.get(++i)));
        case "--host" -> host = a.get(++i);
        case "--port" -> s = s.withPgPort(Integer.parseInt(a.get(++i)));
        case "--cluster-port" -> clusterPort = Integer.parseInt(a.get(++i));
        case "--seed" -> seeds.add(a.get(++i));
        case "--min-members" -> minMembers = Integer.parseInt(a.get(++i));
        case "--node-id" -> {
          s = s.withNodeId(Integer.parseInt(a.get(++i)));
          nodeIdGiven = true;
        }
        case "--max-clock-offset-us" -> maxOffset = Long.parseLong(a.get(++i));
        case "--max-connections" -> limits = new NodeSettings.Limits(Integer.parseInt(a.get(++i)),
            limits.connectionsPerSecond(), limits.connectionBurst(), limits.maxConnectionAge());
        case "--connection-rate" -> limits = new NodeSettings.Limits(limits.maxConnections(),
            Double.parseDouble(a.get(++i)), limits.connectionBurst(), limits.maxConnectionAge());
        case "--connection-burst" -> limits = new NodeSettings.Limits(limits.maxConnections(),
            limits.connectionsPerSecond(), Integer.parseInt(a.get(++i)), limits.maxConnectionAge());
        case "--max-connection-age-s" -> limits = new NodeSettings.Limits(limits.maxConnections(),
            limits.connectionsPerSecond(), limits.connectionBurst(),
            java.time.Duration.ofSeconds(Long.parseLong(a.get(++i))));
        case "--ranges" -> s = s.withRanges(Integer.parseInt(a.get(++i)));
        case "--journals" -> s = s.withJournals(Integer.parseInt(a.get(++i)));
        case "--storage-replicas" -> s = s.withStorageReplicas(Integer.parseInt(a.get(++i)));
        case "--journal-peers" -> raftPeers.addAll(List.of(a.get(++i).split(",")));
        case "--journal-self" -> raftSelf = a.get(++i);
        case "--dev-plaintext" -> s = s.withDevPlaintext(true);
        default -> throw new IllegalArgumentException("unknown option " + a.get(i));
      }
    }
    if (!seeds.isEmpty() && !nodeIdGiven) {
      // Ids made by a node (hidden keys, transaction ids) are unique only with a unique node id.
      throw new IllegalArgumentException("a cluster member needs --node-id N, unique in the cluster (0..1023)");
    }
    s = new NodeSettings(s.dataDir(), host, s.pgPort(), s.clusterPort(), s.seeds(), s.nodeId(),
        s.ranges(), s.journals(), s.minMembers(), s.devPlaintext(), limits, maxOffset,
        new NodeSettings.JournalReplication(raftPeers, raftSelf), s.storageReplicas())
        .withCluster(clusterPort, seeds, minMembers);
    String self = raftSelf;
    if (!raftPeers.isEmpty() && (self == null || raftPeers.stream().noneMatch(p -> p.startsWith(self + "=")))) {
      throw new IllegalArgumentException("--journal-self must name one of --journal-peers");
    }
    OpenDsqlNode node = OpenDsqlNode.start(s);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception e) {
        e.printStackTrace();
      }
      stopped.countDown();
    }));
    // Tests and scripts wait for this exact line.
    System.out.println("OpenDSQL ready: pg=" + s.host() + ":" + node.pgPort()
        + " cluster=" + s.host() + ":" + node.clusterPort() + " data=" + s.dataDir().toAbsolutePath());
    System.out.flush();
    // A node the cluster removed (downed after a pause, a partition) must not keep serving
    // clients from a dead actor system: the process ends and is restarted as a fresh member.
    node.system().getWhenTerminated().thenRun(() -> {
      if (stopped.getCount() > 0) {
        System.err.println("OpenDSQL: the actor system terminated (removed from the cluster); exiting");
        System.exit(3);
      }
    });
    stopped.await();
  }

  private static void token(List<String> a) throws Exception {
    Path data = Path.of("data");
    String user = null;
    long expires = 900;
    String endpoint = "localhost";
    for (int i = 0; i < a.size(); i++) {
      switch (a.get(i)) {
        case "--admin" -> user = Tokens.ADMIN;
        case "--user" -> user = a.get(++i);
        case "--expires" -> expires = Long.parseLong(a.get(++i));
        case "--data" -> data = Path.of(a.get(++i));
        case "--endpoint" -> endpoint = a.get(++i);
        default -> throw new IllegalArgumentException("unknown option " + a.get(i));
      }
    }
    if (user == null) throw new IllegalArgumentException("say --admin or --user NAME");
    System.out.println(new Tokens(TokenKey.loadOrCreate(data)).issue(endpoint, user, expires));
  }
}
