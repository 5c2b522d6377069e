package org.opendsql.adjudicator.protocol;

import org.opendsql.core.range.LiveDirectory;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * How an adjudicator reaches the journals, the other ranges' adjudicators and its range's storage
 * replicas when it knows no direct reference: through Cluster Sharding, which implements this.
 * Also this node's copy of the range directory.
 */
public interface AdjudicatorRoutes {
  int journals();

  LiveDirectory directory();

  void tellJournal(int journal, JournalProtocol.Command message);

  /** Sends to the adjudicator of {@code range}. */
  void tellPeer(long range, AdjudicatorProtocol.Command message);

  /** Sends to replica {@code replica} of {@code range}. */
  void tellReplica(long range, int replica, StorageProtocol.Command message);
}
