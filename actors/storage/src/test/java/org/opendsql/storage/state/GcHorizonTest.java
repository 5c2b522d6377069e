package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GcHorizonTest {
  private static final long INTERVAL = 1_000;
  private static final long RETENTION = 500;
  private static final long T0 = 7;
  /** The first moment a collection may run. */
  private static final long DUE = T0 + INTERVAL + 1;

  private static GcHorizon fresh() {
    return new GcHorizon(0, INTERVAL, RETENTION, T0);
  }

  @Test
  void aReplicaStartsFromTheHorizonStoredWithItsData() {
    GcHorizon gc = new GcHorizon(300, INTERVAL, RETENTION, T0);
    assertEquals(300, gc.horizon());
    assertTrue(gc.refuses(299));
    assertFalse(gc.refuses(300));
  }

  @Test
  void readsBelowTheHorizonAreRefusedOnceItMoved() {
    GcHorizon gc = fresh();
    assertFalse(gc.refuses(1));
    assertTrue(gc.collectDue(DUE, () -> 10_000, 20_000, false));
    assertEquals(10_000 - RETENTION, gc.horizon());
    assertTrue(gc.refuses(9_499));
    assertFalse(gc.refuses(9_500));
  }

  @Test
  void noCollectionBeforeAnIntervalHasPassed() {
    GcHorizon gc = fresh();
    assertFalse(gc.collectDue(T0 + INTERVAL, () -> 10_000, 20_000, false));
    assertEquals(0, gc.horizon());
  }

  @Test
  void theHorizonMovesAtMostOncePerInterval() {
    GcHorizon gc = fresh();
    assertTrue(gc.collectDue(DUE, () -> 10_000, 20_000, false));
    assertFalse(gc.collectDue(DUE + 1, () -> 15_000, 20_000, false));
    assertEquals(9_500, gc.horizon());
    assertTrue(gc.collectDue(DUE + INTERVAL + 1, () -> 15_000, 20_000, false));
    assertEquals(14_500, gc.horizon());
  }

  @Test
  void theHorizonStaysBelowTheClosedTimestamp() {
    GcHorizon gc = fresh();
    assertFalse(gc.collectDue(DUE, () -> 10_000, 9_500, false), "versions a read at the horizon needs may not be applied");
    assertEquals(0, gc.horizon());
    assertTrue(gc.collectDue(DUE + INTERVAL + 1, () -> 10_000, 9_501, false));
    assertEquals(9_500, gc.horizon());
  }

  @Test
  void noCollectionWhileASnapshotInstallIsUnderWay() {
    GcHorizon gc = fresh();
    assertFalse(gc.collectDue(DUE, () -> 10_000, 20_000, true));
    assertEquals(0, gc.horizon());
  }

  @Test
  void aClockYoungerThanTheRetentionCollectsNothing() {
    GcHorizon gc = fresh();
    assertFalse(gc.collectDue(DUE, () -> RETENTION, 20_000, false));
    assertFalse(gc.collectDue(DUE + INTERVAL + 1, () -> RETENTION - 1, 20_000, false));
    assertEquals(0, gc.horizon());
  }

  @Test
  void theHorizonNeverMovesBackWhenTheClockIsBehindIt() {
    GcHorizon gc = new GcHorizon(9_000, INTERVAL, RETENTION, T0);
    assertFalse(gc.collectDue(DUE, () -> 8_500, 20_000, false));
    assertEquals(9_000, gc.horizon());
  }

  @Test
  void horizonNeverMovesBelowAnInstalledOne() {
    GcHorizon gc = new GcHorizon(1_000, INTERVAL, RETENTION, T0);
    gc.raiseTo(5_000);
    assertEquals(5_000, gc.horizon());
    gc.raiseTo(3_000);
    assertEquals(5_000, gc.horizon(), "the stricter horizon holds");
    assertFalse(gc.collectDue(DUE, () -> 4_500, 20_000, false));
    assertEquals(5_000, gc.horizon());
    assertTrue(gc.refuses(4_999));
  }
}
