package org.opendsql.node;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start one node. Defaults give the embedded single-node database: data under
 * {@code ./data}, PostgreSQL wire on 127.0.0.1:5432, TLS with a self-signed certificate.
 *
 * @param seeds cluster addresses ({@code host:port}) to join; empty means "I am the first node"
 * @param journals journals the cluster writes commits to (each commit wholly to one); every node
 *     must say the same
 * @param minMembers members that must be up before entities are placed (a fresh cluster's size)
 * @param storageReplicas storage replicas per range (0: automatic, see {@link
 *     #effectiveStorageReplicas}); every node must say the same
 */
public record NodeSettings(
    Path dataDir,
    String host,
    int pgPort,
    int clusterPort,
    List<String> seeds,
    int nodeId,
    int ranges,
    int journals,
    int minMembers,
    boolean devPlaintext,
    Limits limits,
    long maxClockOffsetMicros,
    JournalReplication replication,
    int storageReplicas) {

  /** Replicas per range: as configured, or (0) three, but no more than a fresh cluster's size. */
  public int effectiveStorageReplicas() {
    return storageReplicas > 0 ? storageReplicas : Math.max(1, Math.min(3, minMembers));
  }

  /**
   * How the journal's log is stored: {@code peers} empty means one replica in this node's folder
   * (the single-node default); otherwise a Raft group (Apache Ratis) of these peers
   * ({@code id=host:port}), of which this node runs {@code self}. Every node lists the same peers.
   */
  public record JournalReplication(List<String> peers, String self) {
    public static JournalReplication local() {
      return new JournalReplication(List.of(), null);
    }

    public boolean replicated() {
      return !peers.isEmpty();
    }
  }

  /** Admission limits (DSQL's defaults); the connection count is per node here. */
  public record Limits(int maxConnections, double connectionsPerSecond, int connectionBurst,
      java.time.Duration maxConnectionAge) {
    public static Limits defaults() {
      return new Limits(10_000, 100, 1_000, java.time.Duration.ofMinutes(60));
    }
  }

  public static NodeSettings defaults() {
    return new NodeSettings(Path.of("data"), "127.0.0.1", 5432, 0, List.of(), 0, 8, 1, 1, false,
        Limits.defaults(), 0, JournalReplication.local(), 0);
  }

  public NodeSettings withLimits(Limits l) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, nodeId, ranges, journals, minMembers,
        devPlaintext, l, maxClockOffsetMicros, replication, storageReplicas);
  }

  public NodeSettings withDataDir(Path d) {
    return new NodeSettings(d, host, pgPort, clusterPort, seeds, nodeId, ranges, journals, minMembers,
        devPlaintext, limits, maxClockOffsetMicros, replication, storageReplicas);
  }

  public NodeSettings withPgPort(int p) {
    return new NodeSettings(dataDir, host, p, clusterPort, seeds, nodeId, ranges, journals, minMembers,
        devPlaintext, limits, maxClockOffsetMicros, replication, storageReplicas);
  }

  public NodeSettings withCluster(int port, List<String> seedNodes, int members) {
    return new NodeSettings(dataDir, host, pgPort, port, List.copyOf(seedNodes), nodeId, ranges,
        journals, members, devPlaintext, limits, maxClockOffsetMicros, replication, storageReplicas);
  }

  public NodeSettings withNodeId(int id) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, id, ranges, journals, minMembers,
        devPlaintext, limits, maxClockOffsetMicros, replication, storageReplicas);
  }

  public NodeSettings withRanges(int r) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, nodeId, r, journals, minMembers,
        devPlaintext, limits, maxClockOffsetMicros, replication, storageReplicas);
  }

  public NodeSettings withJournals(int j) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, nodeId, ranges, j, minMembers,
        devPlaintext, limits, maxClockOffsetMicros, replication, storageReplicas);
  }

  public NodeSettings withStorageReplicas(int n) {
    if (n < 1 || n > 7) throw new IllegalArgumentException("--storage-replicas must be 1..7");
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, nodeId, ranges, journals, minMembers,
        devPlaintext, limits, maxClockOffsetMicros, replication, n);
  }

  public NodeSettings withDevPlaintext(boolean b) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, nodeId, ranges, journals, minMembers,
        b, limits, maxClockOffsetMicros, replication, storageReplicas);
  }
}
