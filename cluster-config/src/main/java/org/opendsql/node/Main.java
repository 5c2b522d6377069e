package org.opendsql.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.opendsql.core.auth.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line ({@code bin/dsql}): {@code start} runs a node until it is stopped, {@code
 * token} prints a connection token signed with the data folder's key, {@code config} prints the
 * settings a node would start with. Every flag sets a key of the one settings tree (see {@link
 * NodeConfig}); a bad flag or value is answered with one line on stderr and exit status 2.
 */
@Command(name = "dsql", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "OpenDSQL: a PostgreSQL-compatible distributed SQL database with the contract of Aurora DSQL.",
    subcommands = {Main.Start.class, Main.Token.class, Main.ShowConfig.class, JobsCommand.class, AdminCommands.Nodes.class,
        AdminCommands.Ranges.class, AdminCommands.Split.class, AdminCommands.Merge.class, AdminCommands.Move.class, AdminCommands.Drain.class,
        AdminCommands.Rebalance.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** Usage errors: a bad flag, a bad value, an inconsistent setting. */
  static final int USAGE = 2;
  /**
   * A node the cluster removed exits within this (its coordinated shutdown takes a few seconds; a
   * phase that hangs must not leave a member that is gone serving nothing, and never restarted).
   */
  private static final java.time.Duration REMOVED_EXIT_BOUND = java.time.Duration.ofSeconds(20);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    // A started node returns 0 only once a shutdown is under way: exiting again would block.
    if (code != 0) System.exit(code);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println(oneLine(e.getCommandLine(), e.getMessage()));
      return USAGE;
    });
    cl.setExecutionExceptionHandler((e, parsed, result) -> {
      if (e instanceof IllegalArgumentException || e instanceof ConfigException) {
        parsed.getErr().println(oneLine(parsed, e.getMessage()));
        return USAGE;
      }
      io.grpc.Status refused = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
          ? io.grpc.Status.fromThrowable(e.getCause()) : null;
      if (refused != null && refused.getCode() != io.grpc.Status.Code.UNKNOWN) {
        // The control plane's answer (a refusal, a bad token): no stack trace to read through.
        parsed.getErr().println(parsed.getCommandSpec().qualifiedName() + ": " + refused.getCode() + ": "
            + refused.getDescription());
        return 1;
      }
      LOG.error("{} failed", parsed.getCommandName(), e);
      return 1;
    });
    return cl;
  }

  private static String oneLine(CommandLine command, String message) {
    String name = command.getCommandSpec().qualifiedName();
    return name + ": " + message.replace('\n', ' ') + " (see " + name + " --help)";
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Flags every command that reads the settings tree takes. */
  static final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
        description = "a HOCON file of settings (under the opendsql tree) over the defaults")
    Path file;

    @Option(names = "--data", paramLabel = "DIR", description = "the data folder (default: ./data)")
    Path data;

    final Map<String, Object> flags = new LinkedHashMap<>();

    void set(String key, Object value) {
      if (value != null) flags.put(key, value);
    }

    Config load() {
      if (data != null) set("opendsql.node.data-dir", data.toString());
      return NodeConfig.load(flags, file);
    }
  }

  /** The flags of a node, each onto its key. */
  static final class NodeOptions {
    @Option(names = "--host", paramLabel = "HOST",
        description = "address for clients and for the other nodes (default: 127.0.0.1)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "PostgreSQL wire port; 0 picks one (default: 5432)")
    Integer port;

    @Option(names = "--roles", paramLabel = "ROLE", split = ",",
        description = "what this node runs: sql, adjudicator, journal, storage (default: all four)")
    List<String> roles;

    @Option(names = "--admin-port", paramLabel = "PORT",
        description = "control plane port (bin/dsql nodes, ranges, split); 0 picks one (default: 9432)")
    Integer adminPort;

    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "Prometheus metrics port (/metrics); 0 picks one, -1 for none (default: 9433)")
    Integer metricsPort;

    @Option(names = "--cluster-port", paramLabel = "PORT", description = "cluster port; 0 picks one (default: 0)")
    Integer clusterPort;

    @Option(names = "--seed", paramLabel = "HOST:PORT",
        description = "a cluster address to join (repeatable); none: start a new cluster")
    List<String> seeds;

    @Option(names = "--min-members", paramLabel = "N", description = "members up before entities are placed")
    Integer minMembers;

    @Option(names = "--node-id", paramLabel = "N", description = "unique in the cluster, 0..1023 (required with --seed)")
    Integer nodeId;

    @Option(names = "--journals", paramLabel = "N", description = "journals (the same on every node; default: 1)")
    Integer journals;

    @Option(names = "--storage-replicas", paramLabel = "N",
        description = "storage replicas per range (default: 3, at most --min-members)")
    Integer storageReplicas;

    @Option(names = "--max-clock-offset-us", paramLabel = "MICROS",
        description = "bound on clock offsets between nodes, waited out at commit (default: 0)")
    Long maxClockOffsetMicros;

    @Option(names = "--journal-peers", paramLabel = "ID=HOST:PORT", split = ",",
        description = "the journal's Raft group, the same list on every node")
    List<String> journalPeers;

    @Option(names = "--journal-self", paramLabel = "ID", description = "which of --journal-peers this node runs")
    String journalSelf;

    @Option(names = "--max-connections", paramLabel = "N", description = "connections per cluster (default: 10000)")
    Integer maxConnections;

    @Option(names = "--connection-rate", paramLabel = "PER_S",
        description = "new connections per second per cluster (default: 100)")
    Double connectionRate;

    @Option(names = "--connection-burst", paramLabel = "N", description = "burst of new connections (default: 1000)")
    Integer connectionBurst;

    @Option(names = "--max-connection-age-s", paramLabel = "SECONDS",
        description = "a connection older than this is closed after its transaction (default: 3600)")
    Long maxConnectionAgeSeconds;

    @Option(names = "--dev-plaintext", description = "development only: accept connections without TLS")
    boolean devPlaintext;

    void applyTo(ConfigOptions c) {
      c.set("opendsql.node.host", host);
      c.set("opendsql.pgwire.host", host);
      c.set("opendsql.pgwire.port", port);
      c.set("opendsql.node.cluster-port", clusterPort);
      c.set("opendsql.admin.port", adminPort);
      c.set("opendsql.node.roles", roles);
      c.set("opendsql.admin.metrics-port", metricsPort);
      c.set("opendsql.node.seeds", seeds);
      c.set("opendsql.cluster.min-members", minMembers);
      c.set("opendsql.node.node-id", nodeId);
      c.set("opendsql.cluster.journals", journals);
      c.set("opendsql.cluster.storage-replicas", storageReplicas);
      if (maxClockOffsetMicros != null) c.set("opendsql.node.max-clock-offset", maxClockOffsetMicros + "us");
      c.set("opendsql.node.journal-peers", journalPeers);
      c.set("opendsql.node.journal-self", journalSelf);
      c.set("opendsql.connections.max", maxConnections);
      c.set("opendsql.connections.rate", connectionRate);
      c.set("opendsql.connections.burst", connectionBurst);
      if (maxConnectionAgeSeconds != null) c.set("opendsql.pgwire.max-connection-age", maxConnectionAgeSeconds + "s");
      if (devPlaintext) c.set("opendsql.pgwire.allow-plaintext", true);
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Runs a node until it is stopped. Alone it is the embedded single-node database"
          + " (data in ./data, PostgreSQL wire on 127.0.0.1:5432, TLS with a self-signed certificate).")
  static final class Start implements Callable<Integer> {
    @Mixin ConfigOptions config = new ConfigOptions();
    @Mixin NodeOptions node = new NodeOptions();

    @Override
    public Integer call() throws Exception {
      node.applyTo(config);
      NodeSettings settings = new NodeSettings(config.load());
      OpenDsqlNode running = OpenDsqlNode.start(settings);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          running.close();
        } catch (Exception e) {
          LOG.warn("stopping the node failed", e);
        }
        stopped.countDown();
      }, "opendsql-shutdown"));
      // Tests and scripts wait for this exact line.
      System.out.println("OpenDSQL ready: pg=" + settings.pgwire().host() + ":" + running.pgPort()
          + " cluster=" + settings.host() + ":" + running.clusterPort()
          + " admin=" + settings.config().getString("opendsql.admin.host") + ":" + running.adminPort()
          + " metrics=" + running.metricsPort()
          + " data=" + settings.dataDir().toAbsolutePath());
      System.out.flush();
      LOG.info("serving: PostgreSQL wire on port {}", running.pgPort());
      // A node the cluster removed (downed after a pause, a partition) must not keep serving
      // clients from a dead actor system: the process ends and is restarted as a fresh member.
      CoordinatedShutdown shutdown = CoordinatedShutdown.get(running.system().classicSystem());
      running.system().getWhenTerminated().thenRun(() -> {
        var reason = shutdown.getShutdownReason();
        if (reason.isPresent() && reason.get() == CoordinatedShutdown.jvmExitReason()) return;
        if (reason.isPresent() && reason.get() == CoordinatedShutdown.clusterLeavingReason()) {
          // Drained and left on request (bin/dsql drain): a clean end.
          LOG.info("left the cluster; exiting");
          System.exit(0);
        }
        LOG.error("the actor system terminated ({}); exiting", reason.map(Object::toString).orElse("no reason given"));
        System.exit(3);
      });
      // Its termination can hang (a phase past its timeout leaves the system up, half stopped):
      // once the cluster removed this node, it ends within a bound whatever is left running.
      org.apache.pekko.cluster.Cluster.get(running.system().classicSystem()).registerOnMemberRemoved(() -> {
        Thread watchdog = new Thread(() -> {
          try {
            Thread.sleep(REMOVED_EXIT_BOUND.toMillis());
          } catch (InterruptedException e) {
            return;
          }
          var reason = shutdown.getShutdownReason();
          if (reason.isPresent() && reason.get() == CoordinatedShutdown.jvmExitReason()) return;
          LOG.error("removed from the cluster and not stopped after {} s; halting", REMOVED_EXIT_BOUND.toSeconds());
          Runtime.getRuntime().halt(3);
        }, "opendsql-removed-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
      });
      stopped.await();
      return 0;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = "Prints a connection token (the password) signed with the data folder's key.")
  static final class Token implements Callable<Integer> {
    @Mixin ConfigOptions config = new ConfigOptions();

    static final class Who {
      @Option(names = "--admin", required = true, description = "a token for the admin role")
      boolean admin;

      @Option(names = "--user", required = true, paramLabel = "NAME", description = "a token for this user")
      String user;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Option(names = "--expires", paramLabel = "SECONDS", description = "validity (default: opendsql.tokens.expiry, 900)")
    Long expires;

    @Option(names = "--endpoint", paramLabel = "HOST", description = "the endpoint named in the token (default: opendsql.tokens.endpoint, localhost); a node accepts only its own")
    String endpoint;

    @Option(names = "--identity", paramLabel = "ARN",
        description = "the identity the token is issued to; a role other than admin then logs in only if"
            + " AWS IAM GRANT mapped it to that identity (sys.iam_pg_role_mappings)")
    String identity;

    @Override
    public Integer call() throws Exception {
      if (expires != null) config.set("opendsql.tokens.expiry", expires + "s");
      config.set("opendsql.tokens.endpoint", endpoint);
      Config c = config.load();
      long ttl = c.getDuration("opendsql.tokens.expiry").toSeconds();
      if (ttl < 1) throw new IllegalArgumentException("a token must be valid for at least one second");
      String user = who.admin ? Tokens.ADMIN : who.user;
      Path data = Path.of(c.getString("opendsql.node.data-dir"));
      PrintWriter out = new PrintWriter(System.out, true);
      out.println(new Tokens(TokenKey.loadOrCreate(data)).issue(c.getString("opendsql.tokens.endpoint"), user, ttl, identity));
      return 0;
    }
  }

  @Command(name = "config", mixinStandardHelpOptions = true,
      description = "Prints the opendsql settings a node started with the same flags would use, each"
          + " with where it was set, and checks them.")
  static final class ShowConfig implements Callable<Integer> {
    @Mixin ConfigOptions config = new ConfigOptions();
    @Mixin NodeOptions node = new NodeOptions();

    @Override
    public Integer call() {
      node.applyTo(config);
      Config c = config.load();
      new NodeSettings(c);
      System.out.println(NodeConfig.render(c));
      return 0;
    }
  }

  /** The version, from the jar's manifest when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"OpenDSQL " + (v == null ? "(development build)" : v)};
    }
  }
}
