package org.opendsql.adjudicator.protocol;

import org.opendsql.journal.protocol.JournalProtocol;

/**
 * How an adjudicator reaches the journals and the other ranges' adjudicators when it knows no
 * direct reference: through Cluster Sharding, which implements this.
 */
public interface AdjudicatorRoutes {
  int journals();

  /** The journal that records transactions coordinated by {@code range}. */
  int journalOf(int range);

  void tellJournal(int journal, JournalProtocol.Command message);

  /** Sends to the adjudicator of {@code range}. */
  void tellPeer(int range, AdjudicatorProtocol.Command message);
}
