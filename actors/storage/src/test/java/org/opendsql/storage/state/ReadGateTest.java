package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.storage.state.ReadGate.Admission;

class ReadGateTest {
  private static final long MAX_WAIT = 1_000;
  private static final long T = 70_000;

  private static GcHorizon horizonAt(long horizon) {
    return new GcHorizon(horizon, 1_000, 100, 0);
  }

  private static final GcHorizon NO_HORIZON = horizonAt(0);

  @Test
  void readsBelowTheHorizonAreRefused() {
    GcHorizon gc = horizonAt(50);
    assertEquals(Admission.TOO_OLD, ReadGate.admit(49, false, 1_000, gc, false, false));
    assertEquals(Admission.TOO_OLD, ReadGate.admit(49, true, 1_000, gc, true, true),
        "no replica can answer from pruned history, so none is suggested");
    assertEquals(Admission.SERVE, ReadGate.admit(50, false, 1_000, gc, false, false),
        "the horizon itself is still complete");
  }

  @Test
  void aReadIsServedOnlyOnceTheClosedTimestampCoversIt() {
    assertEquals(Admission.SERVE, ReadGate.admit(100, false, 100, NO_HORIZON, false, false));
    assertEquals(Admission.PARK, ReadGate.admit(101, false, 100, NO_HORIZON, false, false));
  }

  @Test
  void nothingIsServedDuringAnInstall() {
    assertEquals(Admission.PARK, ReadGate.admit(10, false, 100, NO_HORIZON, true, true));
    assertEquals(Admission.ELSEWHERE, ReadGate.admit(10, true, 100, NO_HORIZON, true, true));
  }

  @Test
  void aReaderIsSentElsewhereOnlyWhenItKnowsAnotherReplicaAndThisOneIsCatchingUp() {
    assertEquals(Admission.ELSEWHERE, ReadGate.admit(200, true, 100, NO_HORIZON, false, true));
    assertEquals(Admission.PARK, ReadGate.admit(200, true, 100, NO_HORIZON, false, false),
        "a replica that is merely a little behind answers soon");
    assertEquals(Admission.PARK, ReadGate.admit(200, false, 100, NO_HORIZON, false, true));
  }

  @Test
  void aCoveredReadIsServedWhileAJournalReplays() {
    assertEquals(Admission.SERVE, ReadGate.admit(100, true, 100, NO_HORIZON, false, true));
  }

  @Test
  void parkedReadsAreReleasedInArrivalOrderOnceTheClosedTimestampCoversThem() {
    ReadGate<String> gate = new ReadGate<>(MAX_WAIT);
    gate.park("a", 300, T);
    gate.park("b", 100, T);
    gate.park("c", 200, T);
    gate.park("d", 400, T);
    assertEquals(List.of("b", "c"), gate.release(250, NO_HORIZON).serve());
    assertEquals(400, gate.highestWaiting());
    assertEquals(List.of(), gate.release(250, NO_HORIZON).serve(), "a released read is not answered twice");
    assertEquals(List.of("a", "d"), gate.release(400, NO_HORIZON).serve());
    assertTrue(gate.isEmpty());
    assertEquals(0, gate.highestWaiting());
  }

  @Test
  void parkedReadsExpireAfterTheBoundAndOnlyThey() {
    ReadGate<String> gate = new ReadGate<>(MAX_WAIT);
    gate.park("early", 300, T);
    gate.park("late", 200, T + 500);
    assertEquals(List.of(), gate.expire(T + MAX_WAIT));
    assertEquals(List.of("early"), gate.expire(T + MAX_WAIT + 1));
    assertFalse(gate.isEmpty());
    assertEquals(200, gate.highestWaiting());
    assertEquals(List.of("late"), gate.expire(T + 500 + MAX_WAIT + 1));
    assertTrue(gate.isEmpty());
  }

  @Test
  void anExpiredReadIsNotReleasedLater() {
    ReadGate<String> gate = new ReadGate<>(MAX_WAIT);
    gate.park("r", 100, T);
    gate.expire(T + MAX_WAIT + 1);
    assertEquals(List.of(), gate.release(1_000, NO_HORIZON).serve());
  }

  @Test
  void aParkedReadTheHorizonPassedWhileItWaitedIsRefusedNotServed() {
    ReadGate<String> gate = new ReadGate<>(MAX_WAIT);
    gate.park("old", 100, T);
    gate.park("new", 300, T);
    // A snapshot installed meanwhile brought a horizon of 200: versions "old" needs may be gone.
    ReadGate.Released<String> released = gate.release(400, horizonAt(200));
    assertEquals(List.of("old"), released.tooOld());
    assertEquals(List.of("new"), released.serve());
    assertTrue(gate.isEmpty());
  }

  @Test
  void aParkedReadBelowTheHorizonIsRefusedEvenBeforeTheClosedTimestampCoversIt() {
    ReadGate<String> gate = new ReadGate<>(MAX_WAIT);
    gate.park("old", 100, T);
    ReadGate.Released<String> released = gate.release(50, horizonAt(200));
    assertEquals(List.of("old"), released.tooOld());
    assertEquals(List.of(), released.serve());
  }

  @Test
  void aParkedReadWhoseKeysAreClosedIsServedBeforeTheClosedTimestampCoversIt() {
    ReadGate<String> gate = new ReadGate<>(MAX_WAIT);
    gate.park("key a", 300, T);
    gate.park("key b", 300, T);
    gate.park("key c", 500, T);
    ReadGate.Released<String> released = gate.release(100, NO_HORIZON,
        (read, ts) -> !read.equals("key a") && ts <= 400);
    assertEquals(List.of("key b"), released.serve(), "b is closed at 300; a is written by the batch in flight");
    assertEquals(List.of("key a", "key c"), gate.release(500, NO_HORIZON).serve());
  }

  @Test
  void aReadBelowTheHorizonIsRefusedEvenIfItsKeyIsClosed() {
    ReadGate<String> gate = new ReadGate<>(MAX_WAIT);
    gate.park("key", 150, T);
    ReadGate.Released<String> released = gate.release(100, horizonAt(200), (read, ts) -> true);
    assertEquals(List.of("key"), released.tooOld());
    assertTrue(released.serve().isEmpty());
  }
}
