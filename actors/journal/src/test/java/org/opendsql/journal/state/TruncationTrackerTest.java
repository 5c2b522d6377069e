package org.opendsql.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TruncationTrackerTest {
  /** Slots as the journal names them: range id, then replica. */
  private static final String A = "0-0";
  private static final String B = "1-0";
  private static final String C = "2-0";
  private static final List<String> ONE = List.of(A);
  private static final List<String> TWO = List.of(A, B);
  private static final List<String> THREE = List.of(A, B, C);

  /** Drives a wanted truncation through its checkpoint, durable at {@code checkpointSeq}. */
  private static long checkpointAt(TruncationTracker t, long checkpointSeq) {
    assertTrue(t.checkpointWanted());
    t.checkpointStarted();
    assertFalse(t.checkpointWanted());
    return t.batchDurable(checkpointSeq);
  }

  @Test
  void aTruncationStepBelowOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new TruncationTracker(0));
  }

  @Test
  void noTruncationUntilEverySlotReported() {
    TruncationTracker t = new TruncationTracker(10);
    assertFalse(t.reported(A, 100, true, THREE));
    assertFalse(t.reported(B, 100, true, THREE));
    assertFalse(t.checkpointWanted());
    assertTrue(t.reported(C, 50, true, THREE));
    assertEquals(50, checkpointAt(t, 101), "the slowest slot bounds what may go");
  }

  @Test
  void noSlotsRequiredMeansNoTruncation() {
    TruncationTracker t = new TruncationTracker(10);
    assertFalse(t.reported(A, 100, true, List.of()), "with no replica known, nobody vouches for the entries");
    assertFalse(t.checkpointWanted());
  }

  @Test
  void aReportFromASlotNotRequiredBoundsNothing() {
    TruncationTracker t = new TruncationTracker(10);
    // Slot C belongs to a range merged away: its (low) report no longer holds the log back.
    assertFalse(t.reported(C, 5, true, TWO));
    assertFalse(t.reported(A, 40, true, TWO));
    assertTrue(t.reported(B, 30, true, TWO));
    assertEquals(30, checkpointAt(t, 41));
  }

  @Test
  void aRangeNewInTheDirectoryMustReportBeforeAnythingIsDeleted() {
    TruncationTracker t = new TruncationTracker(10);
    assertFalse(t.reported(A, 30, true, TWO));
    // A split added range 2 before range 1's replica reported: its replica must report too.
    assertFalse(t.reported(B, 30, true, THREE));
    assertFalse(t.checkpointWanted());
    assertTrue(t.reported(C, 20, true, THREE));
    assertEquals(20, checkpointAt(t, 31), "the new range's replica bounds what may go");
  }

  @Test
  void noTruncationBeforeTheLogRecovered() {
    TruncationTracker t = new TruncationTracker(10);
    assertFalse(t.reported(A, 100, false, ONE));
    assertFalse(t.checkpointWanted());
    assertTrue(t.reported(A, 100, true, ONE));
  }

  @Test
  void aTruncationIsWantedOnlyOnceEverySlotIsAFullStepPastTheLastOne() {
    TruncationTracker t = new TruncationTracker(10);
    t.reported(A, 9, true, TWO);
    assertFalse(t.reported(B, 20, true, TWO));
    assertTrue(t.reported(A, 10, true, TWO));
    assertEquals(10, checkpointAt(t, 21));
    t.deleted(10, true);
    assertFalse(t.reported(A, 19, true, TWO));
    assertTrue(t.reported(A, 20, true, TWO));
  }

  @Test
  void reportFromAReplacedIncarnationDoesNotCount() {
    TruncationTracker t = new TruncationTracker(10);
    assertFalse(t.reported(B, 100, true, TWO)); // an earlier incarnation of slot B
    t.forget(B); // slot B moved, maybe to a node without the data
    assertFalse(t.reported(A, 100, true, TWO));
    assertFalse(t.reported(A, 120, true, TWO));
    assertFalse(t.checkpointWanted());
    assertTrue(t.reported(B, 40, true, TWO));
    assertEquals(40, checkpointAt(t, 121), "the new incarnation's own position counts, not the old one's");
  }

  @Test
  void oneTruncationAtATime() {
    TruncationTracker t = new TruncationTracker(10);
    assertTrue(t.reported(A, 10, true, ONE));
    assertFalse(t.reported(A, 30, true, ONE), "already wanted");
    t.checkpointStarted();
    assertFalse(t.reported(A, 40, true, ONE), "its checkpoint is being written");
    assertEquals(10, t.batchDurable(41));
    assertFalse(t.reported(A, 50, true, ONE), "its delete is under way");
    t.deleted(10, true);
    assertTrue(t.reported(A, 50, true, ONE));
  }

  @Test
  void checkpointDeletesBelowItselfOnly() {
    TruncationTracker t = new TruncationTracker(10);
    t.reported(A, 30, true, ONE);
    assertEquals(29, checkpointAt(t, 30), "the log keeps its last entry, the checkpoint");
  }

  @Test
  void aBatchThatIsNoCheckpointDeletesNothing() {
    TruncationTracker t = new TruncationTracker(10);
    assertEquals(0, t.batchDurable(5));
    t.reported(A, 30, true, ONE);
    assertEquals(0, t.batchDurable(31), "wanted, but no checkpoint was written yet");
    assertEquals(30, checkpointAt(t, 32));
  }

  @Test
  void aFailedDeleteLeavesTheLogAsItWasAndMayBeRetried() {
    TruncationTracker t = new TruncationTracker(10);
    t.reported(A, 30, true, ONE);
    assertEquals(30, checkpointAt(t, 31));
    t.deleted(30, false);
    assertEquals(0, t.truncatedTo());
    assertTrue(t.reported(A, 31, true, ONE));
    assertEquals(31, checkpointAt(t, 32));
    t.deleted(31, true);
    assertEquals(31, t.truncatedTo());
  }

  @Test
  void aCheckpointThatWouldDeleteNothingNewStartsNoDelete() {
    TruncationTracker t = new TruncationTracker(10);
    t.reported(A, 30, true, ONE);
    assertEquals(30, checkpointAt(t, 31));
    t.deleted(30, true);
    // Defensive: a checkpoint landing where everything below it is already gone deletes nothing
    // and must not leave the tracker believing a delete is under way.
    assertTrue(t.reported(A, 40, true, ONE));
    assertEquals(0, checkpointAt(t, 31));
    assertTrue(t.reported(A, 41, true, ONE), "no delete is left pending");
    assertEquals(30, t.truncatedTo());
  }
}
