package org.opendsql.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opendsql.adjudicator.AdjudicatorSettings;
import org.opendsql.journal.JournalSettings;
import org.opendsql.pgwire.PgServerConfig;
import org.opendsql.qp.QueryProcessorSettings;
import org.opendsql.sharding.ClusterLayout;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.storage.StorageSettings;

/**
 * Everything one node runs with, read and checked from the one {@code opendsql} tree before
 * anything starts (see {@link NodeConfig} for where the tree comes from). The defaults give the
 * embedded single-node database: data under {@code ./data}, PostgreSQL wire on 127.0.0.1:5432,
 * TLS with a self-signed certificate.
 *
 * @param config the whole tree the actor system starts with (Pekko's settings included)
 * @param seeds cluster addresses ({@code host:port}) to join; empty means "I am the first node"
 * @param nodeId unique in the cluster (0..1023): it keeps the ids the node makes unique
 * @param maxClockOffset the bound on clock offsets between nodes, which commits wait out
 * @param journalPeers the journal's Raft group ({@code id=host:port}), the same on every node;
 *     empty: one local journal store in the data folder
 * @param journalSelf which of {@code journalPeers} this node runs
 */
public record NodeSettings(
    Config config,
    Path dataDir,
    String host,
    int clusterPort,
    List<String> seeds,
    int nodeId,
    Duration maxClockOffset,
    List<String> journalPeers,
    String journalSelf,
    Duration joinTimeout,
    Duration wakeTimeout,
    Duration wakeRetryInterval,
    Duration stopTimeout,
    Connections connections,
    ClusterLayout layout,
    PgServerConfig pgwire,
    SqlConfig sql,
    QueryProcessorSettings queryProcessor,
    NodeEntities.RoleSettings roles,
    java.util.Set<String> nodeRoles) {

  /**
   * Connection admission for the whole cluster (DSQL: 10,000 connections, 100 new ones a second
   * with bursts of 1,000), and how often nodes tell each other their counts.
   */
  public record Connections(int max, double ratePerSecond, int burst, Duration censusInterval,
      Duration censusStaleAfter) {
    public Connections {
      if (max < 1) throw new IllegalArgumentException("opendsql.connections.max must be at least 1");
      if (!(ratePerSecond > 0)) throw new IllegalArgumentException("opendsql.connections.rate must be positive");
      if (burst < 1) throw new IllegalArgumentException("opendsql.connections.burst must be at least 1");
      if (censusInterval.isNegative() || censusInterval.isZero() || censusStaleAfter.compareTo(censusInterval) <= 0) {
        throw new IllegalArgumentException(
            "opendsql.connections.census-interval must be positive and census-stale-after longer");
      }
    }

    Connections(Config c) {
      this(c.getInt("opendsql.connections.max"), c.getDouble("opendsql.connections.rate"),
          c.getInt("opendsql.connections.burst"), c.getDuration("opendsql.connections.census-interval"),
          c.getDuration("opendsql.connections.census-stale-after"));
    }
  }

  public NodeSettings {
    if (nodeId < 0 || nodeId > 1023) throw new IllegalArgumentException("opendsql.node.node-id must be 0..1023");
    if (clusterPort < 0 || clusterPort > 65535) {
      throw new IllegalArgumentException("opendsql.node.cluster-port must be 0..65535");
    }
    for (String seed : seeds) {
      int colon = seed.lastIndexOf(':');
      if (colon < 1 || !seed.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException("a seed is HOST:PORT, not \"" + seed + "\"");
      }
    }
    if (maxClockOffset.isNegative()) throw new IllegalArgumentException("opendsql.node.max-clock-offset must be >= 0");
    if (!journalPeers.isEmpty() && journalPeers.stream().noneMatch(p -> p.startsWith(journalSelf + "="))) {
      throw new IllegalArgumentException("--journal-self (opendsql.node.journal-self) must name one of --journal-peers");
    }
    if (roles.storage().gcRetention().toNanos() / 1000 < sql.maxTxnAgeMicros()) {
      throw new IllegalArgumentException("opendsql.storage.gc-retention must be at least"
          + " opendsql.sql.transaction-age-limit: a transaction could read versions already collected");
    }
  }

  /** Reads and checks every setting of {@code config} (the whole, resolved tree). */
  public NodeSettings(Config config) {
    this(renamed(config),
        Path.of(config.getString("opendsql.node.data-dir")),
        config.getString("opendsql.node.host"),
        config.getInt("opendsql.node.cluster-port"),
        List.copyOf(config.getStringList("opendsql.node.seeds")),
        nodeId(config),
        config.getDuration("opendsql.node.max-clock-offset"),
        List.copyOf(config.getStringList("opendsql.node.journal-peers")),
        config.getString("opendsql.node.journal-self"),
        config.getDuration("opendsql.node.join-timeout"),
        config.getDuration("opendsql.node.wake-timeout"),
        config.getDuration("opendsql.node.wake-retry-interval"),
        config.getDuration("opendsql.node.stop-timeout"),
        new Connections(config),
        new ClusterLayout(config),
        new PgServerConfig(config),
        new SqlConfig(config),
        new QueryProcessorSettings(config),
        roles(config),
        org.opendsql.sharding.NodeRoles.check(config.getStringList("opendsql.node.roles")));
  }

  /** Keys that moved: a setting under its old name would silently not apply. */
  private static Config renamed(Config c) {
    if (c.hasPath("opendsql.storage.journal-truncate-every")) {
      throw new IllegalArgumentException(
          "opendsql.storage.journal-truncate-every is now opendsql.journal.truncate-every");
    }
    return c;
  }

  private static int nodeId(Config c) {
    if (!c.getIsNull("opendsql.node.node-id")) return c.getInt("opendsql.node.node-id");
    if (!c.getStringList("opendsql.node.seeds").isEmpty()) {
      // Ids made by a node (hidden keys, transaction ids) are unique only with a unique node id.
      throw new IllegalArgumentException("a cluster member needs --node-id N, unique in the cluster (0..1023)");
    }
    return 0;
  }

  private static NodeEntities.RoleSettings roles(Config c) {
    ClusterLayout layout = new ClusterLayout(c);
    JournalSettings journal = new JournalSettings(c);
    if (layout.storageReplicas() < 2 && layout.minMembers() > 1) {
      // One replica per range on a cluster: a range re-created on another node has no peer to
      // copy from and must replay the whole journal, so nothing may be deleted from it.
      journal = journal.neverTruncating();
    }
    return new NodeEntities.RoleSettings(new AdjudicatorSettings(c), journal, new StorageSettings(c));
  }

  /** Whether this node serves clients (the PostgreSQL wire endpoint and its query processor). */
  public boolean servesSql() {
    return nodeRoles.contains(org.opendsql.sharding.NodeRoles.SQL);
  }

  public boolean replicatedJournal() {
    return !journalPeers.isEmpty();
  }

  /**
   * The tree the actor system starts with: the configured one, plus the journal store that the
   * Raft group (if any) implies.
   */
  public Config actorSystemConfig() {
    if (!replicatedJournal()) return config;
    Map<String, Object> m = new HashMap<>();
    m.put("opendsql.journal.store-factory", "org.opendsql.persistence.journal.raft.RaftJournalStore$Factory");
    m.put("opendsql.journal.raft.peers", journalPeers);
    m.put("opendsql.journal.raft.self", journalSelf);
    // One group per cluster: the id only has to be the same on every peer.
    m.put("opendsql.journal.raft.group-id", UUID.nameUUIDFromBytes(
        String.join(",", journalPeers).getBytes(StandardCharsets.UTF_8)).toString());
    return ConfigFactory.parseMap(m).withFallback(config);
  }
}
