package org.opendsql.node;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.admin.AdminEndpoint;
import org.opendsql.node.admin.AdminService;
import org.opendsql.node.admin.ClusterMetrics;
import org.opendsql.node.admin.MetricsEndpoint;
import org.opendsql.sharding.admin.ClusterInspector;
import org.opendsql.core.limits.ConnectionAdmission;
import org.opendsql.core.time.Hlc;
import org.opendsql.node.downing.DeadProcessDowning;
import org.opendsql.persistence.journal.JournalStores;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.pgwire.PgServer;
import org.opendsql.qp.ActorSessionFactory;
import org.opendsql.qp.ShardedKvStore;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.sharding.census.ConnectionCensus;
import org.opendsql.sql.SqlSession;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.JobSettings;
import org.opendsql.sql.exec.IndexBackfill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database node: a Pekko cluster member hosting sharded adjudicators, journals and storage
 * replicas, a query processor, and the PostgreSQL wire endpoint. {@link #start} returns once the
 * node is a cluster member and its endpoint accepts connections.
 */
public final class OpenDsqlNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenDsqlNode.class);
  /** In the data folder once the node was a member of a cluster (see {@link JoinPlan}). */
  static final String MEMBER_MARKER = "cluster-member";
  private final ActorSystem<Void> system;
  private final MvccStore store;
  private final Vertx vertx;
  private final PgServer server;
  private final int pgPort;
  private final int clusterPort;
  private final Duration stopTimeout;

  private final JobRunner jobs;
  private final org.apache.pekko.http.javadsl.ServerBinding admin;
  private final MetricsEndpoint metrics;
  private final Duration drainTimeout;
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

  private OpenDsqlNode(ActorSystem<Void> system, MvccStore store, Vertx vertx, PgServer server, int pgPort,
      int clusterPort, Duration stopTimeout, JobRunner jobs, org.apache.pekko.http.javadsl.ServerBinding admin,
      MetricsEndpoint metrics, Duration drainTimeout) {
    this.jobs = jobs;
    this.admin = admin;
    this.metrics = metrics;
    this.drainTimeout = drainTimeout;
    this.stopTimeout = stopTimeout;
    this.system = system;
    this.store = store;
    this.vertx = vertx;
    this.server = server;
    this.pgPort = pgPort;
    this.clusterPort = clusterPort;
  }

  public int pgPort() {
    return pgPort;
  }

  public int clusterPort() {
    return clusterPort;
  }

  /** The control plane's port (ClusterAdmin over gRPC and TLS). */
  public int adminPort() {
    return admin.localAddress().getPort();
  }

  /** The metrics endpoint's port, -1 when there is none. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public static OpenDsqlNode start(NodeSettings s) throws Exception {
    JobSettings jobSettings = new JobSettings(s.config());
    Path data = s.dataDir().toAbsolutePath();
    Files.createDirectories(data);
    byte[] tokenKey = TokenKey.loadOrCreate(data);
    Path memberMarker = data.resolve(MEMBER_MARKER);
    JoinPlan plan = JoinPlan.decide(s.seeds(), s.host() + ":" + s.clusterPort(), Files.exists(memberMarker),
        s.layout().minMembers());
    com.typesafe.config.Config config = s.actorSystemConfig();
    if (plan.waitsForEveryOtherSeed()) {
      // Pekko's first seed forms a cluster once every other seed said it is in none, or after this
      // timeout: a node that was a member must never take the second way (a second cluster).
      config = com.typesafe.config.ConfigFactory.parseString("pekko.cluster.seed-node-timeout = 3650d")
          .withFallback(config);
      LOG.info("this node was a cluster member: it rejoins through {} and forms a cluster only if every"
          + " other seed answers that it is in none", plan.seeds());
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "opendsql", config);
    long systemUp = System.currentTimeMillis();
    MvccStore store = null;
    Vertx vertx = null;
    MetricsEndpoint metrics = null;
    JobRunner jobs = null;
    try {
      var joined = joinCluster(system, s, plan);
      // Every node runs its journal replica from the start, wherever the journal entity lives; it
      // starts while the join goes on (a Raft peer takes seconds to start on a busy machine).
      JournalStores.forSystem(system);
      long journalUp = System.currentTimeMillis();
      awaitJoined(joined, s);
      long joinedAt = System.currentTimeMillis();
      if (!plan.seeds().isEmpty()) Files.writeString(memberMarker, system.address().toString() + "\n");
      Hlc hlc = new Hlc();
      store = new MvccStore(data.resolve("storage"), s.roles().storage().blockCacheBytes(),
          s.roles().storage().newestVersionsBytes());
      NodeEntities entities = new NodeEntities(system, store, hlc, s.layout(), s.roles());
      List<String> asleep = entities.wakeAll(system, s.wakeTimeout(), s.wakeRetryInterval()).toCompletableFuture()
          .get(s.wakeTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
      long awake = System.currentTimeMillis();
      if (!asleep.isEmpty()) {
        LOG.warn("starting to serve while {} did not answer yet (sharding still placing them; asked again every {} s): {}",
            asleep.size(), s.wakeRetryInterval().toSeconds(), asleep);
      }
      ShardedKvStore kv = new ShardedKvStore(system, entities, hlc, s.nodeId(), s.queryProcessor(),
          s.maxClockOffset().toNanos() / 1000);
      if (!plan.seeds().isEmpty()) {
        DeadProcessDowning.start(system, s.config().getDuration("opendsql.node.dead-process-probe-interval"),
            s.config().getDuration("opendsql.node.dead-process-probe-timeout"), kv.quorum()::lostByProbes);
      }
      CatalogCache catalog = new CatalogCache(kv, s.sql().scanPageSize());
      var jobThread = JobRunner.newThread();
      IndexBackfill backfill = new IndexBackfill(kv, "node-" + s.nodeId() + "@" + s.host() + ":"
          + system.address().getPort().orElse(-1), jobSettings, System::currentTimeMillis, catalog::invalidate, jobThread);
      jobs = new JobRunner(backfill, jobSettings, jobThread).start();
      catalog.onJobsChanged(jobs::wake);
      // Limits hold for the whole cluster: each node learns the others' counts from their census.
      NodeSettings.Connections limits = s.connections();
      ConnectionAdmission admission = new ConnectionAdmission(limits.max(), limits.ratePerSecond(), limits.burst(),
          limits.censusStaleAfter().toNanos());
      system.systemActorOf(ConnectionCensus.create(admission, limits.censusInterval()), "connection-census",
          Props.empty());
      ActorSessionFactory sessions = new ActorSessionFactory(system, (user, db, params) -> {
        SqlSession session = new SqlSession(kv, catalog, user, db, s.sql());
        session.applyStartupParameters(params);
        return session;
      }, admission);
      // One event loop per listener: the loops are the connections' threads, nothing else runs there.
      vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(s.pgwire().eventLoops())
          .setPreferNativeTransport(true));
      Tokens tokens = new Tokens(tokenKey, s.config().getString("opendsql.tokens.endpoint"));
      PgServer server = new PgServer(vertx, s.pgwire(), tokens, sessions);
      // Binding includes loading (at first start, making) the TLS pair: slow on a busy machine.
      // A node without the sql role serves no clients (the control plane still uses the pair).
      int port = !s.servesSql() ? -1 : server.start().toCompletionStage().toCompletableFuture()
          .get(s.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
      // A node that leaves on its own (drained, see PlacementRegistry) lets its clients finish too:
      // a transaction under way commits, then the session ends with 57P01, before sharding stops.
      java.time.Duration drainTimeout = s.config().getDuration("opendsql.node.drain-timeout");
      org.apache.pekko.actor.CoordinatedShutdown.get(system.classicSystem()).addTask(
          org.apache.pekko.actor.CoordinatedShutdown.PhaseBeforeServiceUnbind(), "drain-sql-clients",
          () -> {
            try {
              return server.drain(drainTimeout).toCompletionStage().thenApply(done -> org.apache.pekko.Done.done());
            } catch (RuntimeException alreadyClosed) {
              // close() drained the clients and closed the event loops before stopping the system.
              return java.util.concurrent.CompletableFuture.completedFuture(org.apache.pekko.Done.done());
            }
          });
      ClusterInspector inspector = new ClusterInspector(system, entities);
      int metricsPort = s.config().getInt("opendsql.admin.metrics-port");
      metrics = metricsPort < 0 ? null : MetricsEndpoint.start(s.config().getString("opendsql.admin.metrics-host"),
          metricsPort, ClusterMetrics.of(inspector, s.config().getDuration("opendsql.admin.describe-timeout")));
      var admin = AdminEndpoint.bind(system, s.config(), server.sslContext(),
          new AdminService(inspector, tokens,
              s.config().getDuration("opendsql.admin.describe-timeout"),
              s.config().getDuration("opendsql.admin.split-timeout")))
          .get(s.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
      int clusterPort = system.address().getPort().orElse(-1);
      long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      LOG.info("started in {} ms after the JVM: actor system up at {} ms, journal peer at {}, joined at {},"
          + " entities awake at {}, serving at {}", System.currentTimeMillis() - jvmStart, systemUp - jvmStart,
          journalUp - jvmStart, joinedAt - jvmStart, awake - jvmStart, System.currentTimeMillis() - jvmStart);
      return new OpenDsqlNode(system, store, vertx, server, port, clusterPort, s.stopTimeout(), jobs, admin, metrics,
          s.config().getDuration("opendsql.node.drain-timeout"));
    } catch (Exception | Error e) {
      if (jobs != null) jobs.close();
      if (metrics != null) metrics.close();
      if (vertx != null) vertx.close();
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(s.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (store != null) store.close();
      throw e;
    }
  }

  /**
   * Starts joining (or, without seeds, forming) the cluster; the future completes, on the
   * membership events, once this node is up and so are the first {@code min-members} members:
   * entities are placed only then
   * (not through Pekko's min-nr-of-members, which would also stop shard allocation whenever a
   * member is lost).
   */
  private static java.util.concurrent.CompletableFuture<Void> joinCluster(ActorSystem<Void> system, NodeSettings s,
      JoinPlan plan) {
    Cluster cluster = Cluster.get(system);
    var up = MembersUp.await(system, s.layout().minMembers());
    if (plan.seeds().isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      List<Address> seeds = new ArrayList<>();
      for (String hp : plan.seeds()) {
        int colon = hp.lastIndexOf(':');
        seeds.add(new Address("pekko", system.name(), hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1))));
      }
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
    return up;
  }

  private static void awaitJoined(java.util.concurrent.CompletableFuture<Void> up, NodeSettings s) throws Exception {
    try {
      up.get(s.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("node did not become a cluster member with " + s.layout().minMembers()
          + " members up within " + s.joinTimeout().toSeconds() + " s");
    }
  }

  /** Stops the node; a second call (a test, then the JVM's hook) does nothing. */
  @Override
  public void close() throws Exception {
    if (!closing.compareAndSet(false, true)) return;
    try {
      // Clients first: a transaction under way may still commit, nothing new starts.
      server.drain(drainTimeout).toCompletionStage().toCompletableFuture()
          .get(drainTimeout.toMillis() + stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("clients still connected after the drain timeout; closing them");
    }
    // Before the store goes, so no backfill step is left waiting on it.
    jobs.close();
    if (metrics != null) metrics.close();
    try {
      admin.terminate(stopTimeout).toCompletableFuture().get(stopTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
      server.close().toCompletionStage().toCompletableFuture().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
      store.close();
    }
  }
}
