package org.opendsql.journal.protocol;

import org.opendsql.storage.protocol.StorageProtocol;

/**
 * What the crossbar needs to know of the cluster's layout, and how it reaches a storage replica it
 * has no direct reference to: through Cluster Sharding, which implements this.
 */
public interface FeedRoutes {
  /** The number of key ranges. */
  int ranges();

  /** Storage replicas per range. */
  int replicasPerRange();

  /** The range that owns {@code key}. */
  int rangeOf(byte[] key);

  /** Sends to replica {@code replica} of {@code range}. */
  void tellReplica(int range, int replica, StorageProtocol.Command message);
}
