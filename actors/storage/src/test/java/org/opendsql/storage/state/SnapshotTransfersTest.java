package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotTransfersTest {
  private static final long IDLE = 1_000;
  private static final long T = 30_000;

  @Test
  void anOpenTransferIsFoundByItsIdWithItsPositionsAndHorizon() {
    SnapshotTransfers<String> t = new SnapshotTransfers<>(IDLE);
    t.open(7, "snap", new long[] {4, 5}, 300, T);
    SnapshotTransfers.Outgoing<String> o = t.touch(7, T + 10);
    assertEquals("snap", o.snapshot());
    assertArrayEquals(new long[] {4, 5}, o.positions());
    assertEquals(300, o.gcHorizon());
  }

  @Test
  void anUnknownTransferIsNotFound() {
    SnapshotTransfers<String> t = new SnapshotTransfers<>(IDLE);
    t.open(7, "snap", new long[0], 0, T);
    assertNull(t.touch(8, T));
    assertNull(t.close(8));
  }

  @Test
  void aTransferIdlePastTheBoundIsReleasedAndAUsedOneIsKept() {
    SnapshotTransfers<String> t = new SnapshotTransfers<>(IDLE);
    t.open(1, "a", new long[0], 0, T);
    t.open(2, "b", new long[0], 0, T);
    t.touch(2, T + 600);
    assertEquals(List.of(), t.closeIdle(T + IDLE));
    assertEquals(List.of("a"), t.closeIdle(T + IDLE + 1));
    assertNull(t.touch(1, T + IDLE + 2), "a peer asking after the release must start over");
    assertEquals(List.of(), t.closeIdle(T + 600 + IDLE));
    assertEquals(List.of("b"), t.closeIdle(T + 600 + IDLE + 1));
  }

  @Test
  void aClosedTransferIsReleasedOnlyOnce() {
    SnapshotTransfers<String> t = new SnapshotTransfers<>(IDLE);
    t.open(1, "a", new long[0], 0, T);
    assertSame("a", t.close(1));
    assertNull(t.close(1));
    assertEquals(List.of(), t.closeIdle(T + 100 * IDLE));
    assertEquals(List.of(), t.closeAll());
  }

  @Test
  void stoppingReleasesEverySnapshot() {
    SnapshotTransfers<String> t = new SnapshotTransfers<>(IDLE);
    t.open(1, "a", new long[0], 0, T);
    t.open(2, "b", new long[0], 0, T);
    t.open(3, "c", new long[0], 0, T);
    assertEquals(Set.of("a", "b", "c"), Set.copyOf(t.closeAll()));
    assertNull(t.touch(2, T));
    assertEquals(List.of(), t.closeAll());
  }
}
