package org.opendsql.sql.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The job record's state machine: claims and leases, progress, the ends, and its stored form. */
class IndexJobTest {
  private static final long LEASE = 30_000;

  private static IndexJob submitted() {
    return IndexJob.submitted("j1", "t", 1000, "t_a_idx", 2, false, 100);
  }

  @Test
  void aSubmittedJobIsClaimableByAnyNodeAndAClaimHoldsUntilItsLeaseEnds() {
    IndexJob j = submitted();
    assertEquals(IndexJob.Status.SUBMITTED, j.status());
    assertTrue(j.claimableBy("a", 100));
    IndexJob a = j.claimedBy("a", 1_000, LEASE);
    assertEquals(IndexJob.Status.PROCESSING, a.status());
    assertTrue(a.claimableBy("a", 2_000));
    assertFalse(a.claimableBy("b", 2_000));
    assertThrows(IllegalStateException.class, () -> a.claimedBy("b", 2_000, LEASE));
    assertTrue(a.claimableBy("b", 1_000 + LEASE));
  }

  @Test
  void aTakeoverResumesFromTheRecordedKeyAndProgressRenewsTheLease() {
    IndexJob a = submitted().claimedBy("a", 1_000, LEASE).progressed(new byte[] {1, 2}, 500, 5_000, LEASE);
    assertEquals(500, a.rowsProcessed());
    assertEquals(5_000 + LEASE, a.leaseUntilMs());
    assertFalse(a.claimableBy("b", 1_000 + LEASE));
    IndexJob b = a.claimedBy("b", 5_000 + LEASE, LEASE);
    assertEquals("b", b.owner());
    assertArrayEquals(new byte[] {1, 2}, b.resumeAfter());
    assertEquals(500, b.rowsProcessed());
    IndexJob again = b.progressed(null, 0, 6_000 + LEASE, LEASE);
    assertArrayEquals(new byte[] {1, 2}, again.resumeAfter());
  }

  @Test
  void aTruncatedTableRestartsTheBackfill() {
    IndexJob j = submitted().claimedBy("a", 1_000, LEASE).progressed(new byte[] {9}, 10, 2_000, LEASE).restartedOn(1001, 3_000);
    assertEquals(1001, j.tableId());
    assertNull(j.resumeAfter());
    assertEquals(0, j.rowsProcessed());
  }

  @Test
  void finishedJobsStayAsTheyEnded() {
    IndexJob done = submitted().claimedBy("a", 1_000, LEASE).completed(2_000);
    assertTrue(done.finished());
    assertNull(done.owner());
    assertFalse(done.claimableBy("a", 3_000));
    assertSame(done, done.cancelled(3_000));
    assertThrows(IllegalStateException.class, () -> done.failed("x", 3_000));
    IndexJob failed = submitted().claimedBy("a", 1_000, LEASE).failed("duplicate", 2_000);
    assertEquals(IndexJob.Status.FAILED, failed.status());
    assertEquals("duplicate", failed.details());
    IndexJob cancelled = submitted().cancelled(2_000);
    assertEquals("cancelled", cancelled.status().sqlName());
  }

  @Test
  void theStoredFormKeepsEveryField() {
    IndexJob j = IndexJob.submitted("jx", "orders", 1004, "o_idx", 3, true, 7).claimedBy("n", 8, LEASE)
        .progressed(new byte[] {5, 6, 7}, 42, 9, LEASE).failed("why", 10);
    IndexJob back = IndexJob.deserialize(j.serialize());
    assertEquals(j.id(), back.id());
    assertEquals(j.status(), back.status());
    assertEquals(j.table(), back.table());
    assertEquals(j.tableId(), back.tableId());
    assertEquals(j.index(), back.index());
    assertEquals(j.indexId(), back.indexId());
    assertEquals(j.unique(), back.unique());
    assertEquals(j.details(), back.details());
    assertEquals(j.rowsProcessed(), back.rowsProcessed());
    assertArrayEquals(j.resumeAfter(), back.resumeAfter());
    assertEquals(j.owner(), back.owner());
    assertEquals(j.startMs(), back.startMs());
    assertEquals(j.updateMs(), back.updateMs());
    IndexJob fresh = IndexJob.deserialize(submitted().serialize());
    assertNull(fresh.resumeAfter());
    assertNull(fresh.details());
  }

  @Test
  void jobIdsAreTextThatNeverLooksLikeANumber() {
    String id = IndexJob.newId(12345);
    assertTrue(id.matches("j[0-9a-z]{13}"), id);
    assertFalse(id.equals(IndexJob.newId(12346)));
  }
}
