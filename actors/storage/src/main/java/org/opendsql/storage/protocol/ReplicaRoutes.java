package org.opendsql.storage.protocol;

import org.opendsql.core.range.LiveDirectory;

/**
 * How a replica reaches the journals that feed it, other replicas (of its range, or of the range
 * it was split from) and its range's adjudicator when it knows no direct reference: through
 * Cluster Sharding, which implements this. Also this node's copy of the range directory.
 */
public interface ReplicaRoutes {
  /** Replicas per range. */
  int replicas();

  /** Journals feeding every replica. */
  int journals();

  /** This node's copy of the directory. */
  LiveDirectory directory();

  void tellJournal(int journal, StorageProtocol.FeedRequest request);

  /** Sends to replica {@code replica} of range {@code range}. */
  void tellReplica(long range, int replica, StorageProtocol.Command message);

  /**
   * Asks the adjudicator of {@code range} to split it at {@code at} if it is still at {@code
   * generation} (the replica's own trigger; the outcome shows in the directory).
   */
  void requestSplit(long range, long generation, byte[] at);

  /**
   * Asks the adjudicator of {@code range} to take in its right neighbour if it is still at {@code
   * generation} (the replica's own trigger, when both are small and cold).
   */
  void requestMerge(long range, long generation);

  /** This node's copy of the directory may be behind: ask the journals for their changes now. */
  void refreshDirectory();
}
