package org.opendsql.journal.protocol;

import org.opendsql.core.range.LiveDirectory;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * What the crossbar needs to know of the cluster's layout (this node's copy of the range
 * directory), and how it reaches a storage replica it has no direct reference to: through Cluster
 * Sharding, which implements this.
 */
public interface FeedRoutes {
  LiveDirectory directory();

  /** Storage replicas per range. */
  int replicasPerRange();

  /** Sends to replica {@code replica} of {@code range}. */
  void tellReplica(long range, int replica, StorageProtocol.Command message);
}
