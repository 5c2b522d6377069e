package org.opendsql.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
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
    s.reserve(2, Set.of());
    assertFalse(s.settledAt(0, 1, 100), "entry 2 is reserved, not delivered");
    s.sent(0, 2);
    assertFalse(s.settledAt(1, 1, 100), "sent range 0 but not yet delivered as a whole");
    s.delivered(2);
    s.reserve(3, Set.of());
    s.sent(1, 3);
    s.delivered(3);
    assertTrue(s.settledAt(0, 2, 100), "range 0's last entry is 2; entry 3 went elsewhere");
    assertFalse(s.settledAt(0, 1, 100));
    assertTrue(s.settledAt(1, 3, 100));
    assertFalse(s.settledAt(1, 2, 100));
    s.reserve(4, Set.of());
    assertFalse(s.settledAt(0, 2, 100), "entry 4 is reserved: it may touch range 0");
  }

  private static final byte[] A = {1};
  private static final byte[] B = {2};
  private static final byte[] C = {3};

  private static Set<ByteBuffer> keys(byte[]... ks) {
    Set<ByteBuffer> out = new java.util.HashSet<>();
    for (byte[] k : ks) out.add(ByteBuffer.wrap(k.clone()));
    return out;
  }

  @Test
  void aReadOfAKeyTheBatchInFlightDoesNotWriteDoesNotWaitForIt() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.reserve(2, keys(A));
    assertFalse(s.settledAt(0, 1, 100), "a read of any key may wait for entry 2");
    assertTrue(s.settledFor(0, 1, 100, B), "entry 2 does not write B");
    assertFalse(s.settledFor(0, 1, 100, A), "entry 2 writes A");
    assertFalse(s.settledFor(0, 1, 501, B), "beyond the lease");
    s.deactivate();
    assertFalse(s.settledFor(0, 1, 100, B), "no incarnation active here");
  }

  @Test
  void batchesDeliveredButNotAppliedHereHoldBackOnlyTheKeysTheyWrite() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.reserve(2, keys(A));
    s.sent(0, 2);
    s.delivered(2);
    s.reserve(3, keys(B));
    assertTrue(s.settledFor(0, 1, 100, C), "neither entry 2 (delivered, not applied) nor 3 writes C");
    assertFalse(s.settledFor(0, 1, 100, A), "entry 2 writes A and is not applied");
    assertFalse(s.settledFor(0, 1, 100, B), "entry 3 writes B");
    assertTrue(s.settledFor(0, 2, 100, A), "entry 2 is applied");
    assertFalse(s.settledFor(0, 2, 100, B));
  }

  @Test
  void aBatchOfUnknownKeysHoldsBackEveryRead() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.reserve(2, null);
    assertFalse(s.settledFor(0, 1, 100, A));
    s.unreserve(1);
    assertTrue(s.settledFor(0, 1, 100, A), "the reservation was taken back: nothing was written");
  }

  @Test
  void aReplicaFartherBehindThanTheKeptBatchesWaits() {
    LocalJournalState s = activeAt(1, List.of(0L));
    for (long seq = 2; seq <= 100; seq++) {
      s.reserve(seq, keys(A));
      s.sent(0, seq);
      s.delivered(seq);
    }
    assertFalse(s.settledFor(0, 1, 100, B), "the keys of entries 2 to 36 are no longer kept");
    assertTrue(s.settledFor(0, 90, 100, B), "entries 91 to 100 do not write B");
    assertFalse(s.settledFor(0, 90, 100, A));
    assertFalse(s.settledFor(7, 100, 100, B), "a range unknown here: nothing is known of what was sent it");
  }

  @Test
  void aNewActivationForgetsTheKeysAnEarlierIncarnationReserved() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.reserve(2, keys(A));
    s.deactivate();
    s.reserve(2, keys(A)); // the next incarnation's claim, reserved before it is active
    s.activate(1, List.of(0L));
    s.sent(0, 2);
    s.delivered(2);
    assertFalse(s.settledFor(0, 1, 100, B), "entry 2 is delivered, not applied, and its keys are not this incarnation's to tell");
    assertTrue(s.settledFor(0, 2, 100, B));
  }

  @Test
  void aReservationTakenBackAndMadeAgainNamesTheKeysOfTheBatchWritten() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.reserve(2, keys(A));
    s.unreserve(1);
    s.reserve(2, keys(B));
    assertTrue(s.settledFor(0, 1, 100, A));
    assertFalse(s.settledFor(0, 1, 100, B));
  }

  @Test
  void aBatchOfManyKeysIsKeptAsUnknown() {
    LocalJournalState s = activeAt(1, List.of(0L));
    Set<ByteBuffer> many = new java.util.HashSet<>();
    for (int i = 0; i < 5_000; i++) many.add(ByteBuffer.wrap(new byte[] {9, (byte) (i >> 8), (byte) i}));
    s.reserve(2, many);
    assertFalse(s.settledFor(0, 1, 100, A), "its keys are not kept: every read waits for it");
  }

  @Test
  void aStoppedIncarnationsKeysAreForgotten() {
    LocalJournalState s = activeAt(1, List.of(0L));
    s.reserve(2, keys(A));
    s.deactivate();
    s.activate(1, List.of(0L));
    s.reserve(2, null);
    s.unreserve(1);
    s.sent(0, 2);
    s.delivered(2);
    assertFalse(s.settledFor(0, 1, 100, B), "entry 2's keys are unknown to this incarnation");
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
