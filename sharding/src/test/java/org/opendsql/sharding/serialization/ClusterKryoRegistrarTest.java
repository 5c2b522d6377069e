package org.opendsql.sharding.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.adjudicator.state.ConflictWindow;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.persistence.serialization.KryoRegistryCheck;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.census.ConnectionCensus;
import org.opendsql.storage.protocol.StorageProtocol;
import org.opendsql.storage.state.RangeRecords;

class ClusterKryoRegistrarTest {
  /** Checked in: the id table is the wire and journal format. */
  private static final Path GOLDEN = Path.of("src", "test", "resources", "kryo-ids.golden");

  private final ClusterKryoRegistrar registrar = new ClusterKryoRegistrar();

  @Test
  void idTableMatchesTheCheckedInGoldenFile() throws IOException {
    List<String> table = KryoRegistryCheck.idTable(registrar);
    if (Boolean.getBoolean("kryo.golden.update")) {
      Files.write(GOLDEN, table, StandardCharsets.UTF_8);
    }
    List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    assertEquals(String.join("\n", golden), String.join("\n", table),
        "the Kryo id table changed: that changes the wire and journal formats. If the change is meant,"
            + " rerun with -Dkryo.golden.update=true and commit the new " + GOLDEN + " with it");
  }

  @Test
  void everyCrossJvmMessageAndItsFieldTypesHaveAClassId() {
    List<Class<?>> messages = KryoRegistryCheck.nestedKryoMessages(JournalProtocol.class, StorageProtocol.class,
        AdjudicatorProtocol.class, ConnectionCensus.class);
    assertTrue(messages.size() > 30, "found " + messages);
    assertEquals(List.of(), KryoRegistryCheck.unregistered(registrar, messages));
  }

  /**
   * Directory changes travel inside list-typed fields (journal events, appends, receipts, refusals),
   * which the deep check cannot see into: each kind must have an id of its own.
   */
  @Test
  void everyKindOfDirectoryChangeHasAClassId() {
    List<Class<?>> kinds = List.of(RangeChange.class.getPermittedSubclasses());
    assertEquals(3, kinds.size(), "found " + kinds);
    assertEquals(List.of(), KryoRegistryCheck.unregistered(registrar, kinds));
  }

  @Test
  void noIdIsRegisteredTwice() {
    List<String> ids = new ArrayList<>();
    for (String line : KryoRegistryCheck.idTable(registrar)) ids.add(line.substring(0, line.indexOf(' ')));
    assertEquals(ids.size(), ids.stream().distinct().count());
  }

  private static final RangeChange.Split SPLIT = new RangeChange.Split(0, 3, new byte[] {0x10, 0x7f}, 1L << 40, 2);
  private static final RangeChange.Merge MERGE = new RangeChange.Merge(4, 1, 9, 2);
  private static final RangeChange.MoveJournal MOVE = new RangeChange.MoveJournal(1L << 40, 1, 5);

  private static void assertSplit(RangeChange.Split expected, RangeChange actual) {
    RangeChange.Split s = assertInstanceOf(RangeChange.Split.class, actual);
    assertEquals(expected.parent(), s.parent());
    assertEquals(expected.parentGeneration(), s.parentGeneration());
    assertArrayEquals(expected.at(), s.at());
    assertEquals(expected.rightId(), s.rightId());
    assertEquals(expected.rightJournal(), s.rightJournal());
  }

  /** The three kinds of change, in this order, as they came back. */
  private static void assertChanges(List<RangeChange> back) {
    assertEquals(3, back.size());
    assertSplit(SPLIT, back.get(0));
    assertEquals(MERGE, back.get(1));
    assertEquals(MOVE, back.get(2));
  }

  @Test
  void journalEventSurvivesARoundTrip() {
    JournalProtocol.BatchCommitted batch = new JournalProtocol.BatchCommitted(List.of(
        new JournalProtocol.CommittedTxn(7, 1234, List.of(new Write(new byte[] {1, 2}, new byte[] {3}),
            new Write(new byte[] {4}, null)), List.of()),
        new JournalProtocol.CommittedTxn(8, 1240, List.of(), List.of(SPLIT))),
        List.of(new JournalProtocol.RangeEpoch(1L << 40, 99)), 5678, -42, 1300, List.of(SPLIT, MERGE, MOVE));
    JournalProtocol.BatchCommitted back = KryoRegistryCheck.roundTrip(registrar, batch);
    JournalProtocol.CommittedTxn t = back.txns().get(0);
    assertEquals(7, t.txnId());
    assertEquals(1234, t.commitTs());
    assertArrayEquals(new byte[] {1, 2}, t.writes().get(0).key());
    assertTrue(t.writes().get(1).isDelete());
    assertEquals(List.of(), t.changes());
    JournalProtocol.CommittedTxn split = back.txns().get(1);
    assertEquals(List.of(), split.writes(), "a split is a transaction without writes");
    assertSplit(SPLIT, split.changes().get(0));
    assertEquals(new JournalProtocol.RangeEpoch(1L << 40, 99), back.fences().get(0));
    assertEquals(5678, back.lease());
    assertEquals(-42, back.batchId());
    assertEquals(1300, back.maxCommitTs());
    assertChanges(back.directory());
  }

  @Test
  void directoryChangesTravelWithAppendsReceiptsAndDirectoryReads() {
    JournalProtocol.Append append = KryoRegistryCheck.roundTrip(registrar, new JournalProtocol.Append(3, 10, 20,
        List.of(new JournalProtocol.RangeEpoch(0, 1)), List.of(), List.of(SPLIT), null));
    assertEquals(3, append.txnId());
    assertEquals(20, append.deadlineTs());
    assertSplit(SPLIT, append.changes().get(0));
    assertNull(append.replyTo());

    JournalProtocol.FenceReceipt receipt = KryoRegistryCheck.roundTrip(registrar,
        new JournalProtocol.FenceReceipt(2, 1L << 40, 500, 7, List.of(SPLIT, MERGE, MOVE)));
    assertEquals(2, receipt.journal());
    assertEquals(1L << 40, receipt.range());
    assertEquals(500, receipt.maxAssignedTs());
    assertEquals(7, receipt.fence());
    assertChanges(receipt.changes());

    assertEquals(new JournalProtocol.ReadDirectory(12, null),
        KryoRegistryCheck.roundTrip(registrar, new JournalProtocol.ReadDirectory(12, null)));
    JournalProtocol.DirectoryChanges changes = KryoRegistryCheck.roundTrip(registrar,
        new JournalProtocol.DirectoryChanges(1, 12, List.of(SPLIT, MERGE, MOVE)));
    assertEquals(1, changes.journal());
    assertEquals(12, changes.from());
    assertChanges(changes.changes());
  }

  @Test
  void refusalsCarryTheChangesThatMovedTheKeys() {
    AdjudicatorProtocol.Outcome outcome = KryoRegistryCheck.roundTrip(registrar,
        AdjudicatorProtocol.Outcome.movedBy(5, List.of(SPLIT, MERGE, MOVE)));
    assertEquals(5, outcome.txnId());
    assertNull(outcome.error());
    assertChanges(outcome.moved());
    assertNull(KryoRegistryCheck.roundTrip(registrar, AdjudicatorProtocol.Outcome.committed(6, 77)).moved(),
        "no change: null, not empty");

    AdjudicatorProtocol.Vote vote = KryoRegistryCheck.roundTrip(registrar, new AdjudicatorProtocol.Vote(1, 1L << 40,
        ConflictWindow.Verdict.OK, 3, null, List.of(SPLIT, MERGE, MOVE)));
    assertEquals(1L << 40, vote.range());
    assertChanges(vote.moved());

    StorageProtocol.ReadResult read = KryoRegistryCheck.roundTrip(registrar,
        new StorageProtocol.ReadResult(null, null, false, List.of(SPLIT, MERGE, MOVE)));
    assertChanges(read.moved());
    StorageProtocol.CommittedWrites writes = KryoRegistryCheck.roundTrip(registrar,
        new StorageProtocol.CommittedWrites(9, List.of(), List.of(SPLIT, MERGE, MOVE)));
    assertEquals(9, writes.commitTs());
    assertChanges(writes.changes());
  }

  @Test
  void splitMessagesSurviveARoundTrip() {
    AdjudicatorProtocol.SplitRange ask = KryoRegistryCheck.roundTrip(registrar,
        new AdjudicatorProtocol.SplitRange(-1, null, null));
    assertEquals(-1, ask.generation());
    assertNull(ask.at());
    AdjudicatorProtocol.SplitRange at = KryoRegistryCheck.roundTrip(registrar,
        new AdjudicatorProtocol.SplitRange(4, new byte[] {9, 9}, null));
    assertArrayEquals(new byte[] {9, 9}, at.at());

    AdjudicatorProtocol.SplitResult made = KryoRegistryCheck.roundTrip(registrar,
        new AdjudicatorProtocol.SplitResult(0, SPLIT, 1234, null));
    assertEquals(0, made.range());
    assertSplit(SPLIT, made.split());
    assertEquals(1234, made.commitTs());
    assertNull(made.refusal());
    AdjudicatorProtocol.SplitResult refused = KryoRegistryCheck.roundTrip(registrar,
        new AdjudicatorProtocol.SplitResult(0, null, 0, "generation moved"));
    assertNull(refused.split());
    assertEquals("generation moved", refused.refusal());

    assertNull(KryoRegistryCheck.roundTrip(registrar, new StorageProtocol.ProposeSplit(null)).replyTo());
    StorageProtocol.SplitProposal proposal = KryoRegistryCheck.roundTrip(registrar,
        new StorageProtocol.SplitProposal(1L << 40, 3, new byte[] {1, 2, 3}));
    assertEquals(1L << 40, proposal.range());
    assertEquals(3, proposal.generation());
    assertArrayEquals(new byte[] {1, 2, 3}, proposal.at());
    assertNull(KryoRegistryCheck.roundTrip(registrar, new StorageProtocol.SplitProposal(0, 0, null)).at());
    assertEquals(new StorageProtocol.HandoffTaken(1L << 40),
        KryoRegistryCheck.roundTrip(registrar, new StorageProtocol.HandoffTaken(1L << 40)));
    assertEquals(new StorageProtocol.CheckHandoff(1L << 41, 2),
        KryoRegistryCheck.roundTrip(registrar, new StorageProtocol.CheckHandoff(1L << 41, 2)));
  }

  @Test
  void replicaFiguresSurviveARoundTrip() {
    assertNull(KryoRegistryCheck.roundTrip(registrar, new StorageProtocol.Describe(null)).replyTo());
    StorageProtocol.ReplicaStatus status = KryoRegistryCheck.roundTrip(registrar, new StorageProtocol.ReplicaStatus(
        1L << 40, 2, 5, new byte[] {0x10}, null, 1000, 65536, 12.5, 3.25, true));
    assertEquals(1L << 40, status.range());
    assertEquals(2, status.replica());
    assertEquals(5, status.generation());
    assertArrayEquals(new byte[] {0x10}, status.start());
    assertNull(status.end(), "the last range: no end");
    assertEquals(1000, status.keys());
    assertEquals(65536, status.bytes());
    assertEquals(12.5, status.readsPerSecond());
    assertEquals(3.25, status.writesPerSecond());
    assertTrue(status.serving());
  }

  @Test
  void aSnapshotPageCarriesItsRangesBounds() {
    RangeDesc desc = new RangeDesc(1L << 40, new byte[] {0x10}, new byte[] {0x20}, 1, 4);
    StorageProtocol.SnapshotPage page = KryoRegistryCheck.roundTrip(registrar, new StorageProtocol.SnapshotPage(
        77, 1L << 40, 1, new long[] {10, 20}, 300, RangeRecords.encode(desc),
        List.of(new MvccStore.RawVersion(new byte[] {0x11}, new byte[] {5})), false, false));
    assertEquals(77, page.transferId());
    assertEquals(1L << 40, page.fromRange());
    assertEquals(1, page.fromReplica());
    assertArrayEquals(new long[] {10, 20}, page.positions());
    assertEquals(300, page.gcHorizon());
    assertEquals(desc, RangeRecords.decodeRange(page.rangeDesc()));
    assertArrayEquals(new byte[] {0x11}, page.versions().get(0).key());
    assertEquals(false, page.done());

    StorageProtocol.SnapshotPage refusal = KryoRegistryCheck.roundTrip(registrar,
        StorageProtocol.SnapshotPage.refusal(78, 3, 2));
    assertTrue(refusal.refused());
    assertNull(refusal.rangeDesc());
    assertEquals(3, refusal.fromRange());

    StorageProtocol.SendSnapshotPage ask = KryoRegistryCheck.roundTrip(registrar,
        new StorageProtocol.SendSnapshotPage(77, new byte[] {0x11}, 1L << 40, null));
    assertEquals(1L << 40, ask.of());
    assertArrayEquals(new byte[] {0x11}, ask.afterKey());
  }

  @Test
  void voteVerdictIsWrittenByName() {
    AdjudicatorProtocol.Vote v = KryoRegistryCheck.roundTrip(registrar,
        new AdjudicatorProtocol.Vote(1, 2, ConflictWindow.Verdict.SCHEMA_CONFLICT, 5, null, null));
    assertEquals(ConflictWindow.Verdict.SCHEMA_CONFLICT, v.verdict());
  }

  @Test
  void aReplicaRequestWrappedForSharingTravelsWhole() {
    JournalProtocol.FromReplica back = KryoRegistryCheck.roundTrip(registrar,
        new JournalProtocol.FromReplica(new StorageProtocol.ReplayFrom(1L << 40, 1, 40, 7, null)));
    assertEquals(new StorageProtocol.ReplayFrom(1L << 40, 1, 40, 7, null), back.request());
  }
}
