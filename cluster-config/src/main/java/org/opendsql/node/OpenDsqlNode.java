package org.opendsql.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.actor.Address;
import org.opendsql.core.auth.Tokens;
import org.opendsql.core.limits.ConnectionAdmission;
import org.opendsql.sharding.census.ConnectionCensus;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.journal.JournalStores;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.pgwire.PgServer;
import org.opendsql.pgwire.PgServerConfig;
import org.opendsql.qp.ActorSessionFactory;
import org.opendsql.qp.ShardedKvStore;
import org.opendsql.adjudicator.AdjudicatorSettings;
import org.opendsql.journal.JournalSettings;
import org.opendsql.qp.QueryProcessorSettings;
import org.opendsql.sharding.ClusterLayout;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.storage.StorageSettings;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database node: a Pekko cluster member hosting sharded adjudicators, journal and storage
 * shards, a query processor, and the PostgreSQL wire endpoint. {@link #start} returns once the
 * node is a cluster member and its endpoint accepts connections.
 */
public final class OpenDsqlNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenDsqlNode.class);
  private static final Duration CENSUS_INTERVAL = Duration.ofMillis(250);
  /** A node that missed this many reports has left (or is cut off) as far as admission goes. */
  private static final long CENSUS_STALE_NANOS = 12 * CENSUS_INTERVAL.toNanos();
  private final NodeSettings settings;
  private final ActorSystem<Void> system;
  private final MvccStore store;
  private final Vertx vertx;
  private final PgServer server;
  private final int pgPort;
  private final int clusterPort;

  private OpenDsqlNode(NodeSettings settings, ActorSystem<Void> system, MvccStore store, Vertx vertx,
      PgServer server, int pgPort, int clusterPort) {
    this.settings = settings;
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

  public ActorSystem<Void> system() {
    return system;
  }

  public static OpenDsqlNode start(NodeSettings s) throws Exception {
    Path data = s.dataDir().toAbsolutePath();
    Files.createDirectories(data);
    byte[] tokenKey = TokenKey.loadOrCreate(data);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "opendsql", pekkoConfig(s, data));
    MvccStore store = null;
    Vertx vertx = null;
    try {
      // Every node runs its journal replica from the start, wherever the journal entity lives.
      JournalStores.forSystem(system);
      joinCluster(system, s);
      Hlc hlc = new Hlc();
      store = MvccStore.open(data.resolve("storage"));
      Config config = system.settings().config();
      ClusterLayout layout = new ClusterLayout(s.ranges(), s.journals(), s.effectiveStorageReplicas(), s.minMembers());
      NodeEntities entities = new NodeEntities(system, store, hlc, layout, new NodeEntities.RoleSettings(
          new AdjudicatorSettings(config), journalSettings(config, layout), new StorageSettings(config)));
      List<String> asleep = entities.wakeAll(Duration.ofSeconds(30)).toCompletableFuture().get(60, TimeUnit.SECONDS);
      if (!asleep.isEmpty()) {
        LOG.warn("starting to serve while {} did not answer yet (sharding still placing them): {}",
            asleep.size(), asleep);
      }
      entities.keepReplicasRunning(system, Duration.ofSeconds(5));
      ShardedKvStore kv = new ShardedKvStore(system, entities, hlc, s.nodeId(), new QueryProcessorSettings(config),
          s.maxClockOffsetMicros());
      CatalogCache catalog = new CatalogCache(kv);
      // Limits hold for the whole cluster: each node learns the others' counts from their census.
      ConnectionAdmission admission = new ConnectionAdmission(s.limits().maxConnections(),
          s.limits().connectionsPerSecond(), s.limits().connectionBurst(), CENSUS_STALE_NANOS);
      system.systemActorOf(ConnectionCensus.create(admission, CENSUS_INTERVAL), "connection-census",
          org.apache.pekko.actor.typed.Props.empty());
      ActorSessionFactory sessions = new ActorSessionFactory(system, (user, db, params) -> {
        SqlSession session = new SqlSession(kv, catalog, user, db);
        session.applyStartupParameters(params);
        return session;
      }, admission);
      vertx = Vertx.vertx();
      PgServerConfig pg = PgServerConfig.defaults()
          .withHost(s.host())
          .withPort(s.pgPort())
          .withSelfSignedDir(data.resolve("tls"))
          .withAllowPlaintext(s.devPlaintext())
          .withMaxConnectionAge(s.limits().maxConnectionAge());
      PgServer server = new PgServer(vertx, pg, new Tokens(tokenKey), sessions);
      int port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      int clusterPort = system.address().getPort().orElse(-1);
      return new OpenDsqlNode(s, system, store, vertx, server, port, clusterPort);
    } catch (Exception | Error e) {
      if (vertx != null) vertx.close();
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (store != null) store.close();
      throw e;
    }
  }

  private static void joinCluster(ActorSystem<Void> system, NodeSettings s) throws InterruptedException {
    Cluster cluster = Cluster.get(system);
    if (s.seeds().isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      List<Address> seeds = new ArrayList<>();
      for (String hp : s.seeds()) {
        int colon = hp.lastIndexOf(':');
        seeds.add(new Address("pekko", "opendsql", hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1))));
      }
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    // Entities are placed only once the new cluster has its first members (not through
    // min-nr-of-members: that would also stop shard allocation whenever a member is lost).
    while (cluster.selfMember().status() != MemberStatus.up() || upMembers(cluster) < s.minMembers()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("node did not become a cluster member within 120 s");
      }
      Thread.sleep(20);
    }
  }

  private static int upMembers(Cluster cluster) {
    int up = 0;
    for (org.apache.pekko.cluster.Member m : cluster.state().getMembers()) {
      if (m.status() == MemberStatus.up()) up++;
    }
    return up;
  }

  static JournalSettings journalSettings(Config c, ClusterLayout layout) {
    JournalSettings settings = new JournalSettings(c);
    if (layout.storageReplicas() < 2 && layout.minMembers() > 1) {
      // One replica per range on a cluster: a range re-created on another node has no peer to
      // copy from and must replay the whole journal, so nothing may be deleted from it.
      LOG.warn("one storage replica per range on a cluster: journals are never truncated");
      return settings.neverTruncating();
    }
    return settings;
  }

  private static Config pekkoConfig(NodeSettings s, Path data) {
    Map<String, Object> m = new HashMap<>();
    m.put("pekko.remote.artery.canonical.hostname", s.host());
    m.put("pekko.remote.artery.canonical.port", s.clusterPort());
    m.put("opendsql.journal.dir", data.resolve("journal").toString());
    if (s.replication().replicated()) {
      m.put("opendsql.journal.store-factory", "org.opendsql.persistence.journal.raft.RaftJournalStore$Factory");
      m.put("opendsql.journal.raft.peers", s.replication().peers());
      m.put("opendsql.journal.raft.self", s.replication().self());
      // One group per cluster: the id only has to be the same on every peer.
      m.put("opendsql.journal.raft.group-id", java.util.UUID.nameUUIDFromBytes(
          String.join(",", s.replication().peers()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }
    // -D system properties override the node's defaults, as they would any application.conf.
    return ConfigFactory.parseMap(m)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(ConfigFactory.parseResources("opendsql-node.conf"))
        .withFallback(ConfigFactory.load());
  }

  @Override
  public void close() throws Exception {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      store.close();
    }
  }
}
