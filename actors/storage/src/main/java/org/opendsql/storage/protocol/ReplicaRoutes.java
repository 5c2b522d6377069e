package org.opendsql.storage.protocol;

/**
 * How a replica reaches the journals that feed it and the other replicas of its range when it
 * knows no direct reference (at start, after one terminated): through Cluster Sharding, which
 * implements this. Also where, on this node, each replica of the range keeps its data.
 */
public interface ReplicaRoutes {
  /** Replicas per range. */
  int replicas();

  /** Journals feeding every replica. */
  int journals();

  /** The key space of this node's store that replica {@code replica} of this range uses. */
  int keySpace(int replica);

  void tellJournal(int journal, StorageProtocol.FeedRequest request);

  /** Sends to replica {@code replica} of the same range. */
  void tellPeer(int replica, StorageProtocol.Command message);
}
