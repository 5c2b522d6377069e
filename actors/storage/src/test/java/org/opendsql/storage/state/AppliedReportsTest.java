package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedReportsTest {
  private static final long INTERVAL = 1_000;
  private static final long T0 = 3;

  /** The n-th moment a report may be due (each a full interval after the previous). */
  private static long tick(int n) {
    return T0 + n * (INTERVAL + 1);
  }

  @Test
  void nothingIsDueBeforeTheInterval() {
    AppliedReports r = new AppliedReports(1, INTERVAL, T0);
    assertNull(r.due(T0 + INTERVAL, new long[] {5}, 0, false));
    AppliedReports.Sync sync = r.due(tick(1), new long[] {5}, 0, false);
    assertNotNull(sync);
    assertArrayEquals(new long[] {5}, sync.positions());
    assertEquals(0, sync.generation());
  }

  @Test
  void aSyncCarriesThePositionsAsTheyWereWhenTaken() {
    AppliedReports r = new AppliedReports(2, INTERVAL, T0);
    long[] applied = {5, 6};
    AppliedReports.Sync sync = r.due(tick(1), applied, 0, false);
    applied[0] = 50; // applying goes on while the WAL syncs: those entries are not durable yet
    assertArrayEquals(new long[] {5, 6}, sync.positions());
    assertEquals(List.of(0, 1), r.synced(sync, 0, false));
  }

  @Test
  void onlyJournalsThatMovedAreNewsAfterASync() {
    AppliedReports r = new AppliedReports(3, INTERVAL, T0);
    assertEquals(List.of(0, 2), r.synced(r.due(tick(1), new long[] {5, 0, 2}, 0, false), 0, false));
    assertEquals(List.of(1), r.synced(r.due(tick(2), new long[] {5, 1, 2}, 0, false), 0, false));
  }

  @Test
  void nothingIsSyncedWhenNoPositionMoved() {
    AppliedReports r = new AppliedReports(1, INTERVAL, T0);
    r.synced(r.due(tick(1), new long[] {5}, 0, false), 0, false);
    assertNull(r.due(tick(2), new long[] {5}, 0, false));
  }

  @Test
  void oneSyncAtATime() {
    AppliedReports r = new AppliedReports(1, INTERVAL, T0);
    AppliedReports.Sync first = r.due(tick(1), new long[] {5}, 0, false);
    assertNull(r.due(tick(2), new long[] {7}, 0, false));
    assertEquals(List.of(0), r.synced(first, 0, false));
    assertNotNull(r.due(tick(3), new long[] {7}, 0, false));
  }

  @Test
  void aFailedSyncReportsNothingAndIsRetriedAtTheNextInterval() {
    AppliedReports r = new AppliedReports(1, INTERVAL, T0);
    r.due(tick(1), new long[] {5}, 0, false);
    r.syncFailed();
    assertNull(r.due(tick(1) + 1, new long[] {5}, 0, false));
    AppliedReports.Sync retry = r.due(tick(2), new long[] {5}, 0, false);
    assertNotNull(retry, "the failed position was never reported, so it is still news");
    assertEquals(List.of(0), r.synced(retry, 0, false));
  }

  @Test
  void aSyncBegunBeforeAnInstallReportsNothing() {
    AppliedReports r = new AppliedReports(1, INTERVAL, T0);
    AppliedReports.Sync sync = r.due(tick(1), new long[] {9}, 4, false);
    assertEquals(List.of(), r.synced(sync, 5, false), "the install replaced the positions this sync took");
    assertNotNull(r.due(tick(2), new long[] {9}, 5, false), "nothing was marked reported");
  }

  @Test
  void nothingIsReportedWhileAnInstallIsUnderWay() {
    AppliedReports r = new AppliedReports(1, INTERVAL, T0);
    assertNull(r.due(tick(1), new long[] {5}, 1, true));
    AppliedReports.Sync sync = r.due(tick(1), new long[] {5}, 1, false);
    assertEquals(List.of(), r.synced(sync, 1, true));
  }

  @Test
  void afterAResetEveryPositionIsNewsAgain() {
    AppliedReports r = new AppliedReports(1, INTERVAL, T0);
    r.synced(r.due(tick(1), new long[] {5}, 0, false), 0, false);
    r.reset();
    AppliedReports.Sync sync = r.due(tick(2), new long[] {3}, 1, false);
    assertNotNull(sync, "the installed data's position, even below the old one, must be reported");
    assertEquals(List.of(0), r.synced(sync, 1, false));
  }
}
