package org.opendsql.sharding.serialization;

import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.adjudicator.state.ConflictWindow;
import org.opendsql.core.range.RangeChange;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.persistence.serialization.EnumNameSerializer;
import org.opendsql.persistence.serialization.KryoRegistrar;
import org.opendsql.persistence.serialization.KryoRegistration;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.census.ConnectionCensus;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The one table of Kryo class ids (from {@link KryoRegistration#FIRST_USER_ID}) for every message
 * that crosses a JVM and every journal event. Ids are wire and journal format: each class has its
 * id written here, a new class takes a new id, an id is never reused or renumbered. The whole
 * table (built-in ids included) is compared with a checked-in golden file by a test, so a change
 * to it, or to a registered record's components, shows as a reviewed diff.
 */
public final class ClusterKryoRegistrar implements KryoRegistrar {
  @Override
  public void register(KryoRegistration r) {
    // The journal event: journals on disk hold these ids.
    r.register(104, JournalProtocol.BatchCommitted.class);
    r.register(105, JournalProtocol.CommittedTxn.class);
    r.register(124, JournalProtocol.RangeEpoch.class);
    r.register(137, RangeChange.Split.class);
    r.register(138, RangeChange.Merge.class);
    r.register(139, RangeChange.MoveJournal.class);

    r.register(100, JournalProtocol.Append.class);
    r.register(101, JournalProtocol.AppendOutcome.class);
    r.register(125, JournalProtocol.Fence.class);
    r.register(126, JournalProtocol.FenceReceipt.class);
    r.register(134, JournalProtocol.FromReplica.class);
    r.register(140, JournalProtocol.ReadDirectory.class);
    r.register(141, JournalProtocol.DirectoryChanges.class);
    r.register(157, JournalProtocol.HandOff.class);

    r.register(102, StorageProtocol.AdvanceClosed.class);
    r.register(103, StorageProtocol.ReplayFrom.class);
    r.register(127, StorageProtocol.ReportApplied.class);
    r.register(106, StorageProtocol.CommittedWrites.class);
    r.register(107, StorageProtocol.Apply.class);
    r.register(108, StorageProtocol.CloseThrough.class);
    r.register(156, StorageProtocol.CloseExcept.class);
    r.register(109, StorageProtocol.ReadAt.class);
    r.register(110, StorageProtocol.ReadResult.class);
    r.register(111, StorageProtocol.ScanAt.class);
    r.register(112, StorageProtocol.ScanResult.class);
    r.register(113, StorageProtocol.Wake.class);
    r.register(123, StorageProtocol.Incarnation.class);
    r.register(128, StorageProtocol.Truncation.class);
    r.register(129, StorageProtocol.SendSnapshotPage.class);
    r.register(130, StorageProtocol.SnapshotPage.class);
    r.register(131, MvccStore.RawVersion.class);
    r.register(132, StorageProtocol.Stop.class);
    r.register(135, StorageProtocol.ReadManyAt.class);
    r.register(136, StorageProtocol.ReadManyResult.class);
    r.register(142, StorageProtocol.ProposeSplit.class);
    r.register(143, StorageProtocol.SplitProposal.class);
    r.register(144, StorageProtocol.HandoffTaken.class);
    r.register(145, StorageProtocol.Describe.class);
    r.register(146, StorageProtocol.ReplicaStatus.class);
    r.register(149, StorageProtocol.CheckHandoff.class);
    r.register(150, StorageProtocol.CheckAbsorbed.class);
    r.register(151, StorageProtocol.Absorbed.class);

    r.register(114, AdjudicatorProtocol.RangeWrites.class);
    r.register(115, AdjudicatorProtocol.CommitTxn.class);
    r.register(116, AdjudicatorProtocol.Outcome.class);
    r.register(117, AdjudicatorProtocol.Prepare.class);
    r.register(118, AdjudicatorProtocol.Vote.class);
    r.register(119, AdjudicatorProtocol.Decide.class);
    r.register(120, AdjudicatorProtocol.Wake.class);
    r.register(121, ConflictWindow.Verdict.class, new EnumNameSerializer<>(ConflictWindow.Verdict.class));
    r.register(122, AdjudicatorProtocol.Incarnation.class);
    r.register(147, AdjudicatorProtocol.SplitRange.class);
    r.register(148, AdjudicatorProtocol.SplitResult.class);
    r.register(152, AdjudicatorProtocol.MergeRange.class);
    r.register(153, AdjudicatorProtocol.MergeResult.class);
    r.register(158, AdjudicatorProtocol.HandOff.class);
    r.register(154, AdjudicatorProtocol.MergeInto.class);
    r.register(155, AdjudicatorProtocol.Merged.class);

    r.register(133, ConnectionCensus.ConnectionsOpen.class);
  }
}
