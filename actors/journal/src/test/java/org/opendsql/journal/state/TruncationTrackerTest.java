package org.opendsql.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TruncationTrackerTest {
  /** Drives a wanted truncation through its checkpoint, durable at {@code checkpointSeq}. */
  private static long checkpointAt(TruncationTracker t, long checkpointSeq) {
    assertTrue(t.checkpointWanted());
    t.checkpointStarted();
    assertFalse(t.checkpointWanted());
    return t.batchDurable(checkpointSeq);
  }

  @Test
  void aTruncationStepBelowOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new TruncationTracker(2, 0));
  }

  @Test
  void noTruncationUntilEverySlotReported() {
    TruncationTracker t = new TruncationTracker(3, 10);
    assertFalse(t.reported(0, 100, true));
    assertFalse(t.reported(1, 100, true));
    assertFalse(t.checkpointWanted());
    assertTrue(t.reported(2, 50, true));
    assertEquals(50, checkpointAt(t, 101), "the slowest slot bounds what may go");
  }

  @Test
  void noTruncationBeforeTheLogRecovered() {
    TruncationTracker t = new TruncationTracker(1, 10);
    assertFalse(t.reported(0, 100, false));
    assertFalse(t.checkpointWanted());
    assertTrue(t.reported(0, 100, true));
  }

  @Test
  void aTruncationIsWantedOnlyOnceEverySlotIsAFullStepPastTheLastOne() {
    TruncationTracker t = new TruncationTracker(2, 10);
    t.reported(0, 9, true);
    assertFalse(t.reported(1, 20, true));
    assertTrue(t.reported(0, 10, true));
    assertEquals(10, checkpointAt(t, 21));
    t.deleted(10, true);
    assertFalse(t.reported(0, 19, true));
    assertTrue(t.reported(0, 20, true));
  }

  @Test
  void reportFromAReplacedIncarnationDoesNotCount() {
    TruncationTracker t = new TruncationTracker(2, 10);
    assertFalse(t.reported(1, 100, true)); // an earlier incarnation of slot 1
    t.forget(1); // slot 1 moved, maybe to a node without the data
    assertFalse(t.reported(0, 100, true));
    assertFalse(t.reported(0, 120, true));
    assertFalse(t.checkpointWanted());
    assertTrue(t.reported(1, 40, true));
    assertEquals(40, checkpointAt(t, 121), "the new incarnation's own position counts, not the old one's");
  }

  @Test
  void oneTruncationAtATime() {
    TruncationTracker t = new TruncationTracker(1, 10);
    assertTrue(t.reported(0, 10, true));
    assertFalse(t.reported(0, 30, true), "already wanted");
    t.checkpointStarted();
    assertFalse(t.reported(0, 40, true), "its checkpoint is being written");
    assertEquals(10, t.batchDurable(41));
    assertFalse(t.reported(0, 50, true), "its delete is under way");
    t.deleted(10, true);
    assertTrue(t.reported(0, 50, true));
  }

  @Test
  void checkpointDeletesBelowItselfOnly() {
    TruncationTracker t = new TruncationTracker(1, 10);
    t.reported(0, 30, true);
    assertEquals(29, checkpointAt(t, 30), "the log keeps its last entry, the checkpoint");
  }

  @Test
  void aBatchThatIsNoCheckpointDeletesNothing() {
    TruncationTracker t = new TruncationTracker(1, 10);
    assertEquals(0, t.batchDurable(5));
    t.reported(0, 30, true);
    assertEquals(0, t.batchDurable(31), "wanted, but no checkpoint was written yet");
    assertEquals(30, checkpointAt(t, 32));
  }

  @Test
  void aFailedDeleteLeavesTheLogAsItWasAndMayBeRetried() {
    TruncationTracker t = new TruncationTracker(1, 10);
    t.reported(0, 30, true);
    assertEquals(30, checkpointAt(t, 31));
    t.deleted(30, false);
    assertEquals(0, t.truncatedTo());
    assertTrue(t.reported(0, 31, true));
    assertEquals(31, checkpointAt(t, 32));
    t.deleted(31, true);
    assertEquals(31, t.truncatedTo());
  }

  @Test
  void aCheckpointThatWouldDeleteNothingNewStartsNoDelete() {
    TruncationTracker t = new TruncationTracker(1, 10);
    t.reported(0, 30, true);
    assertEquals(30, checkpointAt(t, 31));
    t.deleted(30, true);
    // Defensive: a checkpoint landing where everything below it is already gone deletes nothing
    // and must not leave the tracker believing a delete is under way.
    assertTrue(t.reported(0, 40, true));
    assertEquals(0, checkpointAt(t, 31));
    assertTrue(t.reported(0, 41, true), "no delete is left pending");
    assertEquals(30, t.truncatedTo());
  }
}
