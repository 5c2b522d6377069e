package org.opendsql.node;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start one node. Defaults give the embedded single-node database: data under
 * {@code ./data}, PostgreSQL wire on 127.0.0.1:5432, TLS with a self-signed certificate.
 *
 * @param seeds cluster addresses ({@code host:port}) to join; empty means "I am the first node"
 * @param minMembers members that must be up before entities are placed (a fresh cluster's size)
 */
public record NodeSettings(
    Path dataDir,
    String host,
    int pgPort,
    int clusterPort,
    List<String> seeds,
    int nodeId,
    int ranges,
    int minMembers,
    boolean devPlaintext,
    int maxConnections,
    long maxClockOffsetMicros) {

  public static NodeSettings defaults() {
    return new NodeSettings(Path.of("data"), "127.0.0.1", 5432, 0, List.of(), 0, 8, 1, false,
        10_000, 0);
  }

  public NodeSettings withDataDir(Path d) {
    return new NodeSettings(d, host, pgPort, clusterPort, seeds, nodeId, ranges, minMembers,
        devPlaintext, maxConnections, maxClockOffsetMicros);
  }

  public NodeSettings withPgPort(int p) {
    return new NodeSettings(dataDir, host, p, clusterPort, seeds, nodeId, ranges, minMembers,
        devPlaintext, maxConnections, maxClockOffsetMicros);
  }

  public NodeSettings withCluster(int port, List<String> seedNodes, int members) {
    return new NodeSettings(dataDir, host, pgPort, port, List.copyOf(seedNodes), nodeId, ranges,
        members, devPlaintext, maxConnections, maxClockOffsetMicros);
  }

  public NodeSettings withNodeId(int id) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, id, ranges, minMembers,
        devPlaintext, maxConnections, maxClockOffsetMicros);
  }

  public NodeSettings withRanges(int r) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, nodeId, r, minMembers,
        devPlaintext, maxConnections, maxClockOffsetMicros);
  }

  public NodeSettings withDevPlaintext(boolean b) {
    return new NodeSettings(dataDir, host, pgPort, clusterPort, seeds, nodeId, ranges, minMembers,
        b, maxConnections, maxClockOffsetMicros);
  }
}
