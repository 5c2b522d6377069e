package org.opendsql.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.protocol.JournalProtocol.Append;
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.CommittedTxn;
import org.opendsql.journal.protocol.JournalProtocol.Fence;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;

class SequencerTest {
  private static final long LEASE_LENGTH = Hlc.fromMicros(500);
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  /** The node's physical clock in micros: it stands still unless a test moves it. */
  private final long[] micros = {1_000_000};
  private final Hlc hlc = new Hlc(() -> micros[0]);
  private final FenceTable fences = new FenceTable();
  private final Lease lease = new Lease(LEASE_LENGTH);
  private final AtomicLong batchIds = new AtomicLong();
  /** The directory changes already durable in the journal (what the journal keeps for checkpoints). */
  private final List<RangeChange> recorded = new ArrayList<>();
  private final Sequencer seq =
      new Sequencer(hlc, fences, lease, batchIds::incrementAndGet, () -> List.copyOf(recorded));

  private static Append append(long txnId, long tauStart) {
    return append(txnId, tauStart, NO_DEADLINE, List.of());
  }

  private static Append append(long txnId, long tauStart, long deadline, List<RangeEpoch> epochs) {
    List<Write> writes = List.of(new Write(new byte[] {(byte) txnId}, new byte[] {1}));
    return new Append(txnId, tauStart, deadline, epochs, writes, List.of(), null);
  }

  /** A directory change decided like a transaction: no writes, one change. */
  private static Append change(long txnId, long deadline, List<RangeEpoch> epochs, RangeChange change) {
    return new Append(txnId, 0, deadline, epochs, List.of(), List.of(change), null);
  }

  private static RangeChange.Split split(long parent, long parentGeneration, String at, long rightId) {
    return new RangeChange.Split(parent, parentGeneration, at.getBytes(StandardCharsets.UTF_8),
        rightId, 0);
  }

  private static List<Long> txnIds(BatchCommitted b) {
    return b.txns().stream().map(CommittedTxn::txnId).toList();
  }

  private static List<Long> commitTs(BatchCommitted b) {
    return b.txns().stream().map(CommittedTxn::commitTs).toList();
  }

  private BatchCommitted flushWritten() {
    Sequencer.Flush f = seq.flush(false, false);
    assertNotNull(f.written());
    return f.written().batch();
  }

  @Test
  void aSecondCopyOfAnAppendIsNotCommittedAgain() {
    seq.recovered(0);
    seq.add(append(1, 0));
    seq.add(append(1, 0));
    assertEquals(List.of(1L), txnIds(flushWritten()), "one commit of the transaction");
    seq.persisted(1);
    seq.add(append(1, 0));
    seq.add(append(2, 0));
    assertEquals(List.of(2L), txnIds(flushWritten()), "a copy arriving after the first was written is dropped too");
  }

  @Test
  void theKeysOfWhatWaitsAreKnownUnlessSomethingWaitingChangesTheDirectory() {
    seq.recovered(0);
    seq.add(append(1, 0));
    seq.add(append(2, 0));
    assertEquals(Set.of(java.nio.ByteBuffer.wrap(new byte[] {1}), java.nio.ByteBuffer.wrap(new byte[] {2})),
        seq.pendingKeys(100));
    seq.add(change(3, NO_DEADLINE, List.of(), split(0, 0, "m", 7)));
    assertNull(seq.pendingKeys(100), "a split moves keys between ranges: its batch may touch any key");
    flushWritten();
    assertEquals(Set.of(), seq.pendingKeys(100), "the batch took everything that waited");
  }

  @Test
  void keysBeyondTheLimitAreNotCollected() {
    seq.recovered(0);
    seq.add(append(1, 0));
    seq.add(append(2, 0));
    assertNull(seq.pendingKeys(1), "two keys wait, one is the limit");
    assertEquals(2, seq.pendingKeys(2).size());
  }

  @Test
  void nothingIsBuiltBeforeTheLogRecovered() {
    seq.add(append(1, 0));
    assertFalse(seq.recovered());
    assertTrue(seq.hasWork());
    assertThrows(IllegalStateException.class, () -> seq.flush(true, false));
    assertEquals(0, hlc.peek(), "no commit timestamp was taken from the clock");
    seq.recovered(0);
    assertEquals(List.of(1L), txnIds(flushWritten()));
  }

  @Test
  void recoveryMovesTheClockPastTheRecoveredLeaseAndCommits() {
    long recoveredCommit = Hlc.fromMicros(5_000_000);
    long recoveredLease = Hlc.fromMicros(9_000_000); // a predecessor's clock was far ahead of ours
    seq.learnRecovered(recoveredCommit, Map.of(), recoveredLease);
    seq.recovered(17);
    assertEquals(17, seq.lastSeq());
    assertEquals(recoveredCommit, seq.maxAssignedTs());
    seq.add(append(1, 0));
    BatchCommitted b = flushWritten();
    assertTrue(b.txns().get(0).commitTs() > recoveredLease,
        "every commit lies above every closed timestamp the predecessor could have published");
  }

  @Test
  void recoveredFencesHoldBeforeAnyDecision() {
    seq.learnRecovered(0, Map.of(4L, 10L), 0);
    seq.recovered(0);
    seq.add(append(1, 0, NO_DEADLINE, List.of(new RangeEpoch(4, 9))));
    Sequencer.Flush f = seq.flush(false, false);
    assertNull(f.written());
    assertEquals(1, f.refused().size());
  }

  @Test
  void commitTimestampsStrictlyIncreaseAcrossBatches() {
    seq.recovered(0);
    List<Long> all = new ArrayList<>();
    seq.add(append(1, 0));
    seq.add(append(2, 0));
    seq.add(append(3, 0));
    BatchCommitted first = flushWritten();
    all.addAll(commitTs(first));
    assertEquals(all.get(2), first.maxCommitTs());
    seq.persisted(1);
    seq.add(append(4, 0));
    seq.add(append(5, 0)); // the physical clock has not moved: only the logical part orders them
    BatchCommitted second = flushWritten();
    all.addAll(commitTs(second));
    assertEquals(all.get(4), second.maxCommitTs());
    for (int i = 1; i < all.size(); i++) assertTrue(all.get(i) > all.get(i - 1), "at " + i + ": " + all);
  }

  @Test
  void aCommitTimestampLiesAboveItsTransactionsStartEvenAheadOfTheClock() {
    seq.recovered(0);
    long farAhead = Hlc.fromMicros(micros[0] + 60_000_000);
    seq.add(append(1, farAhead));
    seq.add(append(2, 0));
    List<Long> ts = commitTs(flushWritten());
    assertTrue(ts.get(0) > farAhead);
    assertTrue(ts.get(1) > ts.get(0), "a later transaction with an older start still commits later");
  }

  @Test
  void appendsArrivingWhileABatchIsInFlightWaitForTheNext() {
    seq.recovered(0);
    seq.add(append(1, 0));
    BatchCommitted first = flushWritten();
    seq.add(append(2, 0));
    seq.add(append(3, 0));
    assertTrue(seq.inFlight());
    assertTrue(seq.hasWork());
    assertThrows(IllegalStateException.class, () -> seq.flush(false, false), "one batch in flight at most");

    Sequencer.InFlight done = seq.persisted(1);
    assertSame(first, done.batch());
    assertEquals(List.of(1L), done.appends().stream().map(Append::txnId).toList());
    assertEquals(1, seq.lastSeq());
    assertFalse(seq.inFlight());
    assertEquals(List.of(2L, 3L), txnIds(flushWritten()), "everything that waited goes in one batch");
    assertFalse(seq.hasWork());
  }

  @Test
  void fencedDecisionIsRefusedAndNeverWritten() {
    seq.recovered(0);
    Append fenced = append(1, 0, NO_DEADLINE, List.of(new RangeEpoch(2, 1), new RangeEpoch(4, 10)));
    Append current = append(2, 0, NO_DEADLINE, List.of(new RangeEpoch(2, 1), new RangeEpoch(4, 11)));
    seq.add(fenced);
    seq.add(current);
    seq.addFence(new Fence(4, 11, null)); // arrived after the append: it still holds for it
    Sequencer.Flush f = seq.flush(false, false);
    assertEquals(1, f.refused().size());
    assertSame(fenced, f.refused().get(0).append());
    assertEquals(SqlState.SERIALIZATION_FAILURE, f.refused().get(0).error().state());
    assertEquals(List.of(2L), txnIds(f.written().batch()));
    assertEquals(List.of(current), f.written().appends());
    assertEquals(List.of(new RangeEpoch(4, 11)), f.written().batch().fences());
  }

  @Test
  void anAppendWhoseTimestampWouldPassItsDeadlineIsRefused() {
    seq.recovered(0);
    long now = Hlc.fromMicros(micros[0]);
    Append late = append(1, 0, now - 1, List.of()); // the clock is already past its deadline
    seq.add(late);
    seq.add(append(2, 0, now + 1_000, List.of()));
    Sequencer.Flush f = seq.flush(false, false);
    assertEquals(List.of(late), f.refused().stream().map(Sequencer.Refusal::append).toList());
    assertEquals(SqlState.SERIALIZATION_FAILURE, f.refused().get(0).error().state());
    BatchCommitted b = f.written().batch();
    assertEquals(List.of(2L), txnIds(b));
    assertTrue(b.txns().get(0).commitTs() <= now + 1_000);
    assertEquals(b.txns().get(0).commitTs(), seq.maxAssignedTs(), "a refused transaction assigned nothing");
  }

  @Test
  void onlyRefusalsWriteNoBatch() {
    seq.recovered(0);
    seq.add(append(1, 0, 0, List.of()));
    Sequencer.Flush f = seq.flush(false, false);
    assertNull(f.written());
    assertEquals(1, f.refused().size());
    assertFalse(seq.inFlight());
    assertFalse(seq.hasWork());
  }

  @Test
  void anEmptyBatchIsWrittenOnlyToRenewOrCheckpoint() {
    seq.recovered(0);
    assertNull(seq.flush(false, false).written());
    assertFalse(seq.inFlight());
    Sequencer.InFlight renewal = seq.flush(true, false).written();
    assertNotNull(renewal);
    assertTrue(renewal.batch().txns().isEmpty());
    assertTrue(seq.inFlight());
  }

  @Test
  void aCheckpointCarriesEveryFenceAndEveryRecordedDirectoryChangeAndOtherBatchesOnlyTheNewOnes() {
    RangeChange.Split first = split(0, 0, "m", 1);
    RangeChange.Split second = split(1, 1, "t", 2);
    recorded.add(first);
    recorded.add(second);
    seq.learnRecovered(0, Map.of(1L, 5L, 2L, 6L), 0);
    seq.recovered(0);
    seq.addFence(new Fence(3, 7, null));
    Sequencer.InFlight plain = seq.flush(false, false).written();
    assertEquals(List.of(new RangeEpoch(3, 7)), plain.batch().fences());
    assertEquals(1, plain.fences().size(), "its receipt waits for this batch");
    assertTrue(plain.batch().directory().isEmpty(), "changes already durable are not written again");
    seq.persisted(1);

    Sequencer.InFlight checkpoint = seq.flush(false, true).written();
    assertNotNull(checkpoint, "a checkpoint is written even with nothing waiting");
    assertEquals(Set.of(new RangeEpoch(1, 5), new RangeEpoch(2, 6), new RangeEpoch(3, 7)),
        Set.copyOf(checkpoint.batch().fences()));
    assertTrue(checkpoint.fences().isEmpty(), "no receipt is owed for fences already durable");
    assertEquals(List.of(first, second), checkpoint.batch().directory(),
        "every directory change recorded before it, in order");
  }

  @Test
  void aDirectoryChangeIsCommittedLikeATransactionInItsOwnEntry() {
    seq.recovered(0);
    RangeChange.Split s = split(0, 0, "m", 7);
    seq.add(append(1, 0));
    seq.add(change(2, NO_DEADLINE, List.of(new RangeEpoch(0, 3)), s));
    BatchCommitted b = flushWritten();
    assertEquals(List.of(1L, 2L), txnIds(b));
    assertTrue(b.txns().get(0).changes().isEmpty(), "a plain transaction changes no range");
    CommittedTxn split = b.txns().get(1);
    assertEquals(List.of(s), split.changes());
    assertTrue(split.writes().isEmpty(), "a split writes nothing");
    assertTrue(split.commitTs() > b.txns().get(0).commitTs(), "it takes its place in commit order");
    assertTrue(b.directory().isEmpty(), "only a checkpoint repeats the recorded directory");
  }

  @Test
  void aDirectoryChangeDecidedByAFencedIncarnationIsRefusedAndNeverWritten() {
    seq.recovered(0);
    seq.addFence(new Fence(0, 5, null));
    Append stale = change(1, NO_DEADLINE, List.of(new RangeEpoch(0, 4)), split(0, 0, "m", 7));
    seq.add(stale);
    Sequencer.Flush f = seq.flush(false, false);
    assertEquals(List.of(stale), f.refused().stream().map(Sequencer.Refusal::append).toList());
    assertTrue(f.written().batch().txns().isEmpty(), "the split took no place in the batch");
    assertEquals(List.of(new RangeEpoch(0, 5)), f.written().batch().fences(), "only the fence is written");
  }

  @Test
  void aDurableBatchMakesItsLeaseDurableAboveEveryCommitItCarries() {
    seq.recovered(0);
    seq.add(append(1, 0));
    BatchCommitted b = flushWritten();
    assertEquals(0, lease.durable(), "a lease counts only once its batch is durable");
    assertTrue(b.lease() > b.maxCommitTs());
    seq.persisted(5);
    assertEquals(b.lease(), lease.durable());
    assertEquals(5, seq.lastSeq());
  }

  @Test
  void eachBatchHasItsOwnId() {
    seq.recovered(0);
    long first = seq.flush(true, false).written().batch().batchId();
    seq.persisted(1);
    long second = seq.flush(true, false).written().batch().batchId();
    assertTrue(first != 0 && second != 0 && first != second);
  }

  @Test
  void aLogRestartTellsWhetherTheBatchInFlightLanded() {
    seq.recovered(0);
    seq.add(append(1, 0));
    long batchId = flushWritten().batchId();
    assertTrue(seq.inFlightLanded(batchId));
    assertFalse(seq.inFlightLanded(batchId + 1), "another batch at that position is an earlier incarnation's");

    Sequencer.InFlight lost = seq.abandon();
    assertEquals(List.of(1L), lost.appends().stream().map(Append::txnId).toList());
    assertFalse(seq.inFlight());
    assertFalse(seq.inFlightLanded(batchId));
    assertEquals(0, seq.lastSeq(), "an abandoned batch does not advance the log");
  }

  @Test
  void stoppingDrainsTheAppendsNotYetInABatch() {
    seq.recovered(0);
    seq.add(append(1, 0));
    seq.add(append(2, 0));
    assertEquals(List.of(1L, 2L), seq.drainBuffer().stream().map(Append::txnId).toList());
    assertFalse(seq.hasWork());
    assertNull(seq.flush(false, false).written());
  }
}
