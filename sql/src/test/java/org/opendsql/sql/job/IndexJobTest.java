package org.opendsql.sql.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The job record's state machine and its progress: claims and leases, resume keys, the ends, the stored forms. */
class IndexJobTest {
  private static final long LEASE = 30_000;

  private static IndexJob submitted() {
    return IndexJob.submitted("j1", "t", 1000, "t_a_idx", 2, false, 100);
  }

  @Test
  void aFreshJobIsClaimableByAnyNodeAndAClaimHoldsUntilItsLeaseEnds() {
    JobProgress p = JobProgress.initial(1000);
    assertTrue(p.claimableBy("a", 100));
    JobProgress a = p.claimedBy("a", 1_000, LEASE);
    assertTrue(a.claimableBy("a", 2_000));
    assertFalse(a.claimableBy("b", 2_000));
    assertThrows(IllegalStateException.class, () -> a.claimedBy("b", 2_000, LEASE));
    assertTrue(a.claimableBy("b", 1_000 + LEASE));
  }

  @Test
  void aTakeoverResumesFromTheRecordedKeyAndEveryChunkRenewsTheClaim() {
    JobProgress a = JobProgress.initial(1000).claimedBy("a", 1_000, LEASE).progressed(new byte[] {1, 2}, 500);
    a = a.claimedBy("a", 5_000, LEASE);
    assertEquals(500, a.rowsProcessed());
    assertEquals(5_000 + LEASE, a.leaseUntilMs());
    assertFalse(a.claimableBy("b", 1_000 + LEASE));
    JobProgress b = a.claimedBy("b", 5_000 + LEASE, LEASE);
    assertEquals("b", b.owner());
    assertArrayEquals(new byte[] {1, 2}, b.resumeAfter());
    assertEquals(500, b.rowsProcessed());
    assertArrayEquals(new byte[] {1, 2}, b.progressed(null, 0).resumeAfter());
  }

  @Test
  void aTruncatedTableRestartsTheBackfill() {
    JobProgress p = JobProgress.initial(1000).progressed(new byte[] {9}, 10).restartedOn(1001);
    assertEquals(1001, p.tableId());
    assertNull(p.resumeAfter());
    assertEquals(0, p.rowsProcessed());
  }

  @Test
  void finishedJobsStayAsTheyEndedAndDroppedBuildsAwaitCleanup() {
    IndexJob started = submitted().started(500);
    assertEquals(IndexJob.Status.PROCESSING, started.status());
    IndexJob done = started.completed(2_000);
    assertTrue(done.finished());
    assertFalse(done.needsRunner());
    assertSame(done, done.cancelled(3_000));
    assertThrows(IllegalStateException.class, () -> done.failed("x", 3_000));
    IndexJob failed = submitted().failed("duplicate", 2_000);
    assertEquals(IndexJob.Status.FAILED, failed.status());
    assertEquals("duplicate", failed.details());
    assertTrue(failed.needsRunner());
    IndexJob cancelled = submitted().cancelled(2_000);
    assertEquals("cancelled", cancelled.status().sqlName());
    assertTrue(cancelled.cleanupPending());
    assertFalse(cancelled.cleaned(3_000).needsRunner());
    assertEquals("cancelled", cancelled.cleaned(3_000).status().sqlName());
    assertEquals("t2", submitted().onTable("t2").table());
  }

  @Test
  void theStoredFormsKeepEveryField() {
    IndexJob j = IndexJob.submitted("jx", "orders", 1004, "o_idx", 3, true, 7).started(8).failed("why", 10);
    assertEquals(j, IndexJob.deserialize(j.serialize()));
    IndexJob fresh = submitted();
    assertEquals(fresh, IndexJob.deserialize(fresh.serialize()));
    JobProgress p = JobProgress.initial(5).claimedBy("n", 8, LEASE).progressed(new byte[] {5, 6, 7}, 42);
    JobProgress back = JobProgress.deserialize(p.serialize());
    assertEquals(p.tableId(), back.tableId());
    assertArrayEquals(p.resumeAfter(), back.resumeAfter());
    assertEquals(p.rowsProcessed(), back.rowsProcessed());
    assertEquals(p.owner(), back.owner());
    assertEquals(p.leaseUntilMs(), back.leaseUntilMs());
    assertNull(JobProgress.deserialize(JobProgress.initial(5).serialize()).owner());
  }

  @Test
  void jobIdsAreTextThatNeverLooksLikeANumber() {
    String id = IndexJob.newId(12345);
    assertTrue(id.matches("j[0-9a-z]{13}"), id);
    assertFalse(id.equals(IndexJob.newId(12346)));
  }
}
