package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalFeedTest {
  private static final long GAP_PATIENCE = 100;
  private static final long REPLAY_PATIENCE = 1_000;
  /** Not 0: the feed's clock readings are arbitrary nanoTime values. */
  private static final long T = 50_000;

  private static JournalFeed<String> feed(long appliedSeq) {
    return new JournalFeed<>(3, appliedSeq, 8, GAP_PATIENCE, REPLAY_PATIENCE);
  }

  /** Does what the replica does with a run: applies each entry, in the order given. */
  private static List<Long> apply(JournalFeed<String> f, List<JournalFeed.Ready<String>> run) {
    List<Long> seqs = new ArrayList<>();
    for (JournalFeed.Ready<String> r : run) {
      f.applied(r.seq(), r.closedTs());
      seqs.add(r.seq());
    }
    return seqs;
  }

  @Test
  void theNextEntryIsReadyAtOnceAndItsClosedTimestampHoldsOnlyOnceApplied() {
    JournalFeed<String> f = feed(0);
    List<JournalFeed.Ready<String>> run = f.offer(1, "e1", 50, T);
    assertEquals(List.of(new JournalFeed.Ready<>(1, "e1", 50)), run);
    assertEquals(0, f.closedTs(), "the closed timestamp after an entry must wait for the entry itself");
    apply(f, run);
    assertEquals(1, f.appliedSeq());
    assertEquals(50, f.closedTs());
    assertTrue(f.settled());
  }

  @Test
  void earlyEntriesAreAppliedInOrderOnceTheGapFills() {
    JournalFeed<String> f = feed(0);
    assertTrue(f.offer(3, "e3", 30, T).isEmpty());
    assertTrue(f.offer(2, "e2", 20, T).isEmpty());
    assertFalse(f.settled());
    assertEquals(0, f.appliedSeq());
    assertEquals(0, f.closedTs(), "nothing early may count before the missing entry");

    List<JournalFeed.Ready<String>> run = f.offer(1, "e1", 10, T);
    assertEquals(List.of("e1", "e2", "e3"), run.stream().map(JournalFeed.Ready::entry).toList());
    assertEquals(List.of(1L, 2L, 3L), apply(f, run));
    assertEquals(30, f.closedTs());
    assertTrue(f.settled());
  }

  @Test
  void entriesAlreadyAppliedAreIgnored() {
    JournalFeed<String> f = feed(5);
    assertTrue(f.offer(5, "again", 99, T).isEmpty());
    assertTrue(f.offer(2, "old", 99, T).isEmpty());
    assertTrue(f.settled(), "a stale entry is neither held nor a gap");
    assertFalse(f.gapOverdue(T + 10 * GAP_PATIENCE));

    apply(f, f.offer(6, "e6", 60, T));
    assertTrue(f.offer(6, "e6 by the other route", 61, T).isEmpty());
    assertEquals(6, f.appliedSeq());
    assertEquals(60, f.closedTs());
  }

  @Test
  void anEarlyEntryArrivingTwiceIsHandedOutOnce() {
    JournalFeed<String> f = feed(0);
    f.offer(2, "e2", 20, T);
    f.offer(2, "e2", 20, T);
    assertEquals(List.of(1L, 2L), apply(f, f.offer(1, "e1", 10, T)));
  }

  @Test
  void theEarlyBufferIsBoundedAndNoEntryIsHandedOutPastAnEntryItDropped() {
    JournalFeed<String> f = new JournalFeed<>(0, 0, 2, GAP_PATIENCE, REPLAY_PATIENCE);
    f.offer(2, "e2", 0, T);
    f.offer(3, "e3", 0, T);
    f.offer(4, "e4", 0, T); // beyond the bound: dropped
    assertEquals(List.of(1L, 2L, 3L), apply(f, f.offer(1, "e1", 0, T)));
    assertTrue(f.offer(5, "e5", 0, T).isEmpty(), "entry 4 is still missing");
    assertEquals(List.of(4L, 5L), apply(f, f.offer(4, "e4", 0, T)));
  }

  @Test
  void aClosedTimestampAheadOfAMissingEntryWaitsForIt() {
    JournalFeed<String> f = feed(0);
    f.closeThrough(2, 500, T);
    assertEquals(0, f.closedTs());
    assertFalse(f.settled());

    apply(f, f.offer(1, "e1", 0, T));
    assertEquals(0, f.closedTs(), "entry 2 may still commit at or below 500");
    apply(f, f.offer(2, "e2", 0, T));
    assertEquals(500, f.closedTs());
    assertTrue(f.settled());
  }

  @Test
  void pendingClosedTimestampsHoldOneByOneAsTheirEntriesAreApplied() {
    JournalFeed<String> f = feed(0);
    f.closeThrough(1, 300, T);
    f.closeThrough(1, 200, T); // a late, lower one for the same entry must not undo the higher
    f.closeThrough(2, 400, T);
    apply(f, f.offer(1, "e1", 0, T));
    assertEquals(300, f.closedTs());
    apply(f, f.offer(2, "e2", 0, T));
    assertEquals(400, f.closedTs());
  }

  @Test
  void aClosedTimestampThroughAnAppliedEntryHoldsAtOnceAndNeverMovesBack() {
    JournalFeed<String> f = feed(4);
    f.closeThrough(4, 700, T);
    assertEquals(700, f.closedTs());
    f.closeThrough(3, 650, T);
    f.closedLocally(600);
    apply(f, f.offer(5, "replayed, no closed timestamp", 0, T));
    assertEquals(700, f.closedTs());
    assertTrue(f.settled());
  }

  @Test
  void aGapAsksForAReplayOnlyAfterThePatienceAndTheClockRestarts() {
    JournalFeed<String> f = feed(0);
    f.offer(2, "e2", 0, T);
    f.offer(3, "e3", 0, T + 50); // the gap dates from the first sign of it
    assertFalse(f.gapOverdue(T + GAP_PATIENCE));
    assertTrue(f.gapOverdue(T + GAP_PATIENCE + 1));
    assertFalse(f.gapOverdue(T + GAP_PATIENCE + 2), "one replay per patience, not one per tick");
    assertTrue(f.gapOverdue(T + 2 * GAP_PATIENCE + 2));
  }

  @Test
  void aPendingClosedTimestampIsAGapToo() {
    JournalFeed<String> f = feed(0);
    f.closeThrough(5, 900, T);
    assertTrue(f.gapOverdue(T + GAP_PATIENCE + 1));
  }

  @Test
  void noGapIsOverdueOnceTheFeedSettles() {
    JournalFeed<String> f = feed(0);
    assertFalse(f.gapOverdue(T + 10 * GAP_PATIENCE), "no gap was ever seen");
    f.offer(2, "e2", 0, T);
    apply(f, f.offer(1, "e1", 0, T + 10));
    assertFalse(f.gapOverdue(T + 10 * GAP_PATIENCE));
  }

  @Test
  void secondReplayIsNotAskedWhileTheFirstIsYoung() {
    JournalFeed<String> f = feed(7);
    JournalFeed.Replay first = f.startReplay(T);
    assertEquals(8, first.fromSeq(), "a replay starts after the applied entry");
    assertTrue(f.replaying());
    assertNull(f.startReplay(T + REPLAY_PATIENCE - 1));

    JournalFeed.Replay second = f.startReplay(T + REPLAY_PATIENCE);
    assertNotNull(second, "a replay unanswered for the patience is presumed lost");
    assertNotEquals(first.replayId(), second.replayId());
    assertFalse(f.endReplay(first.replayId()), "the superseded replay's end does not end the new one");
    assertTrue(f.replaying());
    assertTrue(f.endReplay(second.replayId()));
    assertFalse(f.replaying());
    assertFalse(f.endReplay(second.replayId()), "a replay ends once");
  }

  @Test
  void aCloseThroughOutsideAnyReplayEndsNone() {
    JournalFeed<String> f = feed(0);
    f.startReplay(T);
    assertFalse(f.endReplay(0));
    assertTrue(f.replaying());
  }

  @Test
  void aReplayLostWithItsJournalIsReplacedAtOnce() {
    JournalFeed<String> f = feed(2);
    JournalFeed.Replay first = f.startReplay(T);
    f.replayLost();
    assertFalse(f.replaying());
    JournalFeed.Replay next = f.startReplay(T + 1);
    assertNotNull(next);
    assertNotEquals(first.replayId(), next.replayId());
  }

  @Test
  void anAdvanceIsAskedOnceUntilTheJournalAnswersOrTheRequestIsForgotten() {
    JournalFeed<String> f = feed(0);
    assertTrue(f.wantsAdvance(100));
    assertTrue(f.advanceOutstanding());
    assertFalse(f.wantsAdvance(100));
    assertFalse(f.wantsAdvance(90), "a request for more already covers a lower one");
    assertTrue(f.wantsAdvance(150));

    f.forgetAdvanceRequest();
    assertTrue(f.wantsAdvance(150), "a request that may be lost is asked again");

    f.closeThrough(0, 150, T);
    assertFalse(f.advanceOutstanding());
    assertFalse(f.wantsAdvance(150));
  }

  @Test
  void aLocallyClosedTimestampStillLetsARenewalRequestGoOut() {
    JournalFeed<String> f = feed(0);
    f.closedLocally(200);
    assertEquals(200, f.closedTs());
    assertTrue(f.wantsAdvance(200));
  }

  @Test
  void resetForgetsEveryPositionAndTheInstallSetsWhereTheReplayStarts() {
    JournalFeed<String> f = feed(0);
    apply(f, f.offer(1, "e1", 10, T));
    f.offer(4, "e4", 40, T);
    f.closeThrough(9, 90, T);
    f.wantsAdvance(500);
    JournalFeed.Replay before = f.startReplay(T);

    f.reset();
    assertEquals(0, f.appliedSeq());
    assertEquals(0, f.closedTs());
    assertTrue(f.settled());
    assertFalse(f.replaying());
    assertFalse(f.advanceOutstanding());
    assertFalse(f.gapOverdue(T + 10 * GAP_PATIENCE));

    f.installedThrough(40);
    assertEquals(40, f.appliedSeq());
    JournalFeed.Replay after = f.startReplay(T + 1);
    assertEquals(41, after.fromSeq());
    assertNotEquals(before.replayId(), after.replayId(), "ids stay unique across installs");
    assertFalse(f.endReplay(before.replayId()), "a replay asked of the replaced data ends nothing");
    assertEquals(List.of(41L), apply(f, f.offer(41, "e41", 0, T)));
  }

  @Test
  void anEntryNamingAnAppliedPredecessorIsReadyAcrossTheEntriesThatHeldNothingForThisRange() {
    JournalFeed<String> f = feed(4);
    List<JournalFeed.Ready<String>> run = f.offer(9, 4, "e9", 90, T);
    assertEquals(List.of(9L), apply(f, run));
    assertEquals(9, f.appliedSeq());
    assertEquals(90, f.closedTs());
    assertTrue(f.settled());
    assertFalse(f.gapOverdue(T + GAP_PATIENCE + 1), "no gap: entries 5 to 8 held nothing for it");
  }

  @Test
  void anEntryNamingAMissingPredecessorWaitsForItThenBothApplyInOrder() {
    JournalFeed<String> f = feed(4);
    assertTrue(f.offer(9, 7, "e9", 90, T).isEmpty(), "entry 7 was sent this range and is missing");
    assertFalse(f.settled());
    assertTrue(f.gapOverdue(T + GAP_PATIENCE + 1));
    List<JournalFeed.Ready<String>> run = f.offer(7, 4, "e7", 70, T);
    assertEquals(List.of(7L, 9L), apply(f, run));
    assertEquals(90, f.closedTs());
    assertTrue(f.settled());
  }

  @Test
  void aClosedTimestampNamingTheLastEntrySentMovesTheReplicaPastEntriesThatHeldNothing() {
    JournalFeed<String> f = feed(0);
    apply(f, f.offer(3, 0, "e3", 30, T));
    f.closeThrough(12, 3, 120, T);
    assertEquals(12, f.appliedSeq(), "entries 4 to 12 held nothing for this range");
    assertEquals(120, f.closedTs());
    assertTrue(f.drain().isEmpty());
    // The next entry names 3 as its predecessor: still ready, nothing between was for it.
    assertEquals(List.of(15L), apply(f, f.offer(15, 3, "e15", 150, T)));
    assertEquals(150, f.closedTs());
  }

  @Test
  void aClosedTimestampNamingAnEntryNotYetAppliedWaitsForIt() {
    JournalFeed<String> f = feed(0);
    f.closeThrough(12, 5, 120, T);
    assertEquals(0, f.appliedSeq());
    assertEquals(0, f.closedTs(), "entry 5 was sent and is not applied");
    assertFalse(f.settled());
    apply(f, f.offer(5, 0, "e5", 50, T));
    assertEquals(12, f.appliedSeq(), "once 5 is in, the replica stands at 12");
    assertEquals(120, f.closedTs());
    assertTrue(f.settled());
  }

  @Test
  void aClosedTimestampAndAnEarlyEntryBothWaitingForTheSameEntryHoldUntilItComes() {
    JournalFeed<String> f = feed(0);
    // Entry 8 names 6, which this replica has not seen; the journal then closes through 7 with 6
    // as the last entry sent: 6 is still missing, so nothing moves.
    assertTrue(f.offer(8, 6, "e8", 80, T).isEmpty());
    f.closeThrough(7, 6, 70, T);
    assertTrue(f.drain().isEmpty());
    // Entry 6, the first sent this range: ready, and 8 follows it.
    assertEquals(List.of(6L, 8L), apply(f, f.offer(6, 0, "e6", 60, T)));
    assertEquals(8, f.appliedSeq());
    assertEquals(80, f.closedTs());
  }

  private static final byte[] A = {1};
  private static final byte[] B = {2};

  @Test
  void aCloseExceptServesOtherKeysOnceTheEntryBeforeTheBatchIsApplied() {
    JournalFeed<String> f = feed(0);
    f.offer(1, "e1", 10, T);
    // Entry 2 (in flight) writes A; the last entry sent this range before it is 1, not applied yet.
    f.closeExcept(2, 1, List.of(A), 100);
    assertFalse(f.closedFor(B, 100), "entry 1 may write B: not applied yet");
    f.applied(1, 10);
    assertTrue(f.closedFor(B, 100), "nothing beyond entry 2 commits at or below 100, and entry 2 does not write B");
    assertTrue(f.closedFor(B, 60));
    assertFalse(f.closedFor(B, 101), "beyond the close");
    assertFalse(f.closedFor(A, 100), "entry 2 writes A: a read of it waits for the entry");
    assertTrue(f.closedFor(A, 10), "the closed timestamp after entry 1 still holds for every key");
    assertEquals(10, f.closedTs(), "a close except some keys is not a closed timestamp");
  }

  @Test
  void aCloseExceptHoldsForEveryKeyOnceTheBatchItExceptedIsApplied() {
    JournalFeed<String> f = feed(1);
    f.closeExcept(2, 1, List.of(A), 100);
    List<JournalFeed.Ready<String>> run = f.offer(2, "e2", 90, T);
    apply(f, run);
    assertEquals(100, f.closedTs(), "standing at entry 2, nothing at or below 100 is missing");
    assertTrue(f.closedFor(A, 100));
  }

  @Test
  void aCloseExceptHoldsForEveryKeyOnceACloseThroughMovesPastTheBatch() {
    JournalFeed<String> f = feed(1);
    f.closeExcept(3, 1, List.of(A), 100);
    // Entry 2 was sent elsewhere, entry 3 (the batch) too: the close through 3 moves the position.
    f.closeThrough(3, 1, 80, T);
    assertEquals(3, f.appliedSeq());
    assertEquals(100, f.closedTs());
  }

  @Test
  void anOlderCloseExceptDoesNotReplaceANewerOne() {
    JournalFeed<String> f = feed(1);
    f.closeExcept(3, 1, List.of(A), 200);
    f.closeExcept(2, 1, List.of(B), 150);
    assertTrue(f.closedFor(B, 200), "the newer close (entry 3 writes A only) is kept");
    assertFalse(f.closedFor(A, 200));
    f.closeExcept(3, 1, List.of(A), 180);
    assertTrue(f.closedFor(B, 200), "a lower timestamp for the same batch changes nothing");
  }

  @Test
  void aSnapshotInstallForgetsACloseExcept() {
    JournalFeed<String> f = feed(1);
    f.closeExcept(2, 1, List.of(A), 100);
    f.reset();
    f.installedThrough(1);
    assertFalse(f.closedFor(B, 100));
  }
}
