package org.opendsql.journal;

import org.opendsql.core.range.RangeChange;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.persistence.serialization.KryoRegistrar;
import org.opendsql.persistence.serialization.KryoRegistration;

/**
 * The Kryo ids this module's tests configure ({@code opendsql.serialization.registrar}): the
 * journal event and what it contains (directory changes included), with the ids the cluster's registrar gives them. Messages
 * between actors of one test system are never serialized.
 */
public final class JournalTestRegistrar implements KryoRegistrar {
  @Override
  public void register(KryoRegistration r) {
    r.register(104, JournalProtocol.BatchCommitted.class);
    r.register(105, JournalProtocol.CommittedTxn.class);
    r.register(124, JournalProtocol.RangeEpoch.class);
    r.register(137, RangeChange.Split.class);
    r.register(138, RangeChange.Merge.class);
    r.register(139, RangeChange.MoveJournal.class);
  }
}
