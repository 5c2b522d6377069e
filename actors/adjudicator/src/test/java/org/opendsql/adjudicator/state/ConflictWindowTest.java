package org.opendsql.adjudicator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictWindowTest {
  private static final byte[] K1 = {1};
  private static final byte[] K2 = {2};
  private static final byte[] SCHEMA = {9};

  @Test
  void concurrentWritersOfOneKeyFirstCommitterWins() {
    ConflictWindow w = new ConflictWindow(0);
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(1, 100, List.of(K1), List.of()));
    assertEquals(ConflictWindow.Verdict.WRITE_CONFLICT, w.prepare(2, 100, List.of(K1), List.of()),
        "a key held by a prepared transaction cannot be prepared again");
    w.commit(1, 150);
    assertEquals(ConflictWindow.Verdict.WRITE_CONFLICT, w.prepare(2, 100, List.of(K1), List.of()),
        "a key committed after tau_start conflicts");
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(3, 150, List.of(K1), List.of()),
        "a transaction that began at or after the commit may write the key");
  }

  @Test
  void writeSkewOverRowsBothSelectedForUpdateLetsOnlyTheFirstCommitterThrough() {
    // T1 and T2 each selected K1 and K2 FOR UPDATE; T1 writes K1, T2 writes K2. Each one's
    // conflict keys are then {K1, K2}: its write plus the row it only locked.
    ConflictWindow w = new ConflictWindow(0);
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(1, 100, List.of(K1, K2), List.of()));
    assertEquals(ConflictWindow.Verdict.WRITE_CONFLICT, w.prepare(2, 100, List.of(K2, K1), List.of()),
        "T1 holds the key T2 only locked while T1 awaits its journal");
    w.commit(1, 150);
    assertEquals(ConflictWindow.Verdict.WRITE_CONFLICT, w.prepare(2, 100, List.of(K2, K1), List.of()),
        "T1's locked key K2 counts as written at T1's commit timestamp");
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(3, 150, List.of(K2), List.of()),
        "a transaction that began at or after that commit may write the locked key");
  }

  @Test
  void disjointWriteSetsBothPrepare() {
    ConflictWindow w = new ConflictWindow(0);
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(1, 100, List.of(K1), List.of()));
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(2, 100, List.of(K2), List.of()));
    assertEquals(2, w.preparedCount());
  }

  @Test
  void abortReleasesKeysWithoutRecordingACommit() {
    ConflictWindow w = new ConflictWindow(0);
    w.prepare(1, 100, List.of(K1), List.of());
    w.abort(1);
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(2, 50, List.of(K1), List.of()));
    assertEquals(0, w.trackedKeys());
  }

  @Test
  void schemaKeyChangedAfterStartIsASchemaConflict() {
    ConflictWindow w = new ConflictWindow(0);
    w.prepare(1, 100, List.of(SCHEMA), List.of());
    w.commit(1, 120);
    assertEquals(ConflictWindow.Verdict.SCHEMA_CONFLICT, w.prepare(2, 110, List.of(K1), List.of(SCHEMA)));
    assertFalse(w.isPrepared(2), "a refused transaction holds nothing");
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(3, 130, List.of(K1), List.of(SCHEMA)));
  }

  @Test
  void transactionsOlderThanTheWindowAreRefused() {
    ConflictWindow w = new ConflictWindow(1000);
    assertEquals(ConflictWindow.Verdict.TOO_OLD, w.prepare(1, 999, List.of(K1), List.of()));
    w.prune(2000);
    assertEquals(2000, w.lowWatermark());
    assertEquals(ConflictWindow.Verdict.TOO_OLD, w.prepare(2, 1500, List.of(K1), List.of()));
  }

  @Test
  void pruneForgetsOnlyCommitsAtOrBeforeTheHorizon() {
    ConflictWindow w = new ConflictWindow(0);
    w.prepare(1, 10, List.of(K1), List.of());
    w.commit(1, 20);
    w.prepare(2, 10, List.of(K2), List.of());
    w.commit(2, 40);
    w.prune(30);
    assertEquals(1, w.trackedKeys());
    assertEquals(ConflictWindow.Verdict.WRITE_CONFLICT, w.prepare(3, 35, List.of(K2), List.of()));
  }

  @Test
  void expiredPreparedTransactionFencesItsKeysConservatively() {
    ConflictWindow w = new ConflictWindow(0);
    w.prepare(1, 100, List.of(K1), List.of());
    w.expire(1, 500);
    assertTrue(w.prepare(2, 400, List.of(K1), List.of()) == ConflictWindow.Verdict.WRITE_CONFLICT,
        "a transaction that began before the expiry may not overwrite the possibly committed key");
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(3, 500, List.of(K1), List.of()));
  }

  @Test
  void commitDecidedBeforeARestartIsStillRecorded() {
    ConflictWindow w = new ConflictWindow(100);
    w.recordCommit(List.of(K1), 300);
    assertEquals(ConflictWindow.Verdict.WRITE_CONFLICT, w.prepare(2, 200, List.of(K1), List.of()));
    assertEquals(ConflictWindow.Verdict.OK, w.prepare(3, 300, List.of(K1), List.of()));
  }
}
