package org.opendsql.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a journal tells replicas in its JVM: per-range sends, reservations, deliveries, the lease. */
class LocalJournalStateTest {
  private static final long LEASE_LENGTH = 1_000;

  private static LocalJournalState activeAt(long lastSeq, List<Long> known) {
    LocalJournalState s = new LocalJournalState(LEASE_LENGTH);
    s.lease(500);
    s.activate(lastSeq, known);
    return s;
  }

  @Test
  void nothingIsSettledBeforeActivationNorAfterDeactivation() {
    LocalJournalState s = new LocalJournalState(LEASE_LENGTH);
    s.lease(500);
    assertFalse(s.settledAt(0, 10, 100), "no incarnation active here");
    assertEquals(-1, s.lastSentTo(0));
    s.activate(4, List.of(0L));
    assertTrue(s.settledAt(0, 4, 100));
    s.deactivate();
    assertFalse(s.settledAt(0, 4, 100));
  }

  @Test
  void atActivationTheKnownRangesStandAtTheEntryBeforeAndOthersAreUnknown() {
    LocalJournalState s = activeAt(4, List.of(0L, 1L));
    assertEquals(4, s.lastSentTo(0));
    assertEquals(4, s.lastSentTo(1));
    assertEquals(-1, s.lastSentTo(2));
    assertTrue(s.settledAt(0, 4, 100));
    assertTrue(s.settledAt(1, 9, 100), "a replica past the last entry sent its range");
    assertFalse(s.settledAt(0, 3, 100), "an earlier incarnation may have sent range 0 anything through entry 4");
    assertFalse(s.settledAt(2, 100, 100), "a range unknown here: nothing is known of what was sent it");
    assertFalse(s.settledAt(0, 4, 501), "beyond the lease");
    assertTrue(s.settledAt(0, 4, 500), "at the lease");
  }

  @Test
  void aRangeIsSettledOnceItsLastEntryIsAppliedThoughOthersGotLaterOnesAndNeverWhileABatchIsReservedUndelivered() {
    LocalJournalState s = activeAt(1, List.of(0L, 1L));
    s.reserve(2);
    assertFalse(s.settledAt(0, 1, 100), "entry 2 is reserved, not delivered");
    s.sent(0, 2);
    assertFalse(s.settledAt(1, 1, 100), "sent range 0 but not yet delivered as a whole");
    s.delivered(2);
    s.reserve(3);
    s.sent(1, 3);
    s.delivered(3);
    assertTrue(s.settledAt(0, 2, 100), "range 0's last entry is 2; entry 3 went elsewhere");
    assertFalse(s.settledAt(0, 1, 100));
    assertTrue(s.settledAt(1, 3, 100));
    assertFalse(s.settledAt(1, 2, 100));
    s.reserve(4);
    assertFalse(s.settledAt(0, 2, 100), "entry 4 is reserved: it may touch range 0");
  }

  @Test
  void aCloseThroughNamesTheLastEntrySentTheRangeAtOrBeforeItsPosition() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.sent(0, 3);
    s.delivered(3);
    assertEquals(3, Crossbar.lastForRange(s, 0, 5));
    assertEquals(2, Crossbar.lastForRange(s, 0, 2), "never beyond the position closed");
    assertEquals(5, Crossbar.lastForRange(s, 7, 5), "a range unknown here: every entry counts");
  }

  @Test
  void aNewActivationForgetsWhatAnEarlierIncarnationSent() {
    LocalJournalState s = activeAt(1, List.of(0L, 1L));
    s.sent(1, 2);
    s.delivered(2);
    s.activate(9, List.of(0L));
    assertEquals(9, s.lastSentTo(0));
    assertEquals(-1, s.lastSentTo(1));
  }

  @Test
  void aRenewalIsDueWithinHalfALeaseOfItsEnd() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.lease(2_000);
    assertFalse(s.renewalDue(1_500));
    assertTrue(s.renewalDue(1_501));
  }
}
