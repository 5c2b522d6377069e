package org.opendsql.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;

class FenceTableTest {
  @Test
  void fencesOnlyRise() {
    FenceTable t = new FenceTable();
    t.raise(1, 10);
    t.raise(1, 5); // a late fence from an incarnation already superseded
    assertEquals(10, t.inForce(1, 0));
    t.raise(1, 20);
    assertEquals(20, t.inForce(1, 0));
  }

  @Test
  void aDecisionByAnIncarnationOlderThanTheFenceIsFencedOut() {
    FenceTable t = new FenceTable();
    t.raise(1, 10);
    assertTrue(t.fencedOut(List.of(new RangeEpoch(1, 9))));
    assertFalse(t.fencedOut(List.of(new RangeEpoch(1, 10))), "the fencing incarnation itself decides");
    assertFalse(t.fencedOut(List.of(new RangeEpoch(1, 11))));
  }

  @Test
  void oneFencedRangeFencesOutTheWholeDecision() {
    FenceTable t = new FenceTable();
    t.raise(1, 10);
    t.raise(2, 3);
    assertTrue(t.fencedOut(List.of(new RangeEpoch(2, 3), new RangeEpoch(1, 9))));
    assertFalse(t.fencedOut(List.of(new RangeEpoch(2, 3), new RangeEpoch(1, 10))));
  }

  @Test
  void aRangeWithoutAFenceFencesNothing() {
    FenceTable t = new FenceTable();
    t.raise(1, 10);
    assertFalse(t.fencedOut(List.of(new RangeEpoch(3, 0))));
    assertFalse(t.fencedOut(List.of()));
    assertEquals(77, t.inForce(3, 77));
  }

  @Test
  void rangesAreToldApartByTheirWholeLongId() {
    FenceTable t = new FenceTable();
    long high = (1L << 40) | 1; // a range id past int, equal to range 1 in its low 32 bits
    t.raise(high, 10);
    assertTrue(t.fencedOut(List.of(new RangeEpoch(high, 9))));
    assertFalse(t.fencedOut(List.of(new RangeEpoch(1, 9))), "range 1 has no fence");
    assertEquals(10, t.inForce(high, 0));
    assertEquals(0, t.inForce(1, 0));
  }

  @Test
  void recoveredFencesMergeWithoutLoweringAny() {
    FenceTable t = new FenceTable();
    t.raise(1, 10);
    t.raiseAll(Map.of(1L, 5L, 2L, 7L));
    assertEquals(10, t.inForce(1, 0));
    assertEquals(7, t.inForce(2, 0));
  }

  @Test
  void allListsEveryFenceInForce() {
    FenceTable t = new FenceTable();
    t.raise(1, 10);
    t.raise(2, 7);
    t.raise(1, 12);
    assertEquals(Set.of(new RangeEpoch(1, 12), new RangeEpoch(2, 7)), Set.copyOf(t.all()));
    assertEquals(2, t.all().size());
  }
}
