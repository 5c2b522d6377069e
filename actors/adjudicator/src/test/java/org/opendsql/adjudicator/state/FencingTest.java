package org.opendsql.adjudicator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.adjudicator.state.Fencing.Step;
import org.opendsql.core.time.Hlc;

class FencingTest {
  /** The node's physical clock in micros: it stands still unless a test moves it. */
  private final long[] micros = {1_000};
  private final Hlc hlc = new Hlc(() -> micros[0]);

  @Test
  void theEpochComesFromTheClockAndEveryJournalStartsUnfenced() {
    Fencing f = new Fencing(hlc, 3);
    assertEquals(Hlc.fromMicros(1_000), f.epoch());
    assertEquals(Set.of(0, 1, 2), f.unfenced());
    assertFalse(f.complete());
  }

  @Test
  void fencingCompletesOnceEveryJournalHoldsTheEpoch() {
    Fencing f = new Fencing(hlc, 3);
    long e = f.epoch();
    assertEquals(Step.PENDING, f.receipt(0, e));
    assertEquals(Step.PENDING, f.receipt(2, e));
    assertEquals(Set.of(1), f.unfenced());
    assertFalse(f.complete());
    assertEquals(Step.COMPLETE, f.receipt(1, e));
    assertTrue(f.complete());
    assertEquals(e, f.epoch());
  }

  @Test
  void aRepeatedReceiptIsStale() {
    Fencing f = new Fencing(hlc, 2);
    long e = f.epoch();
    f.receipt(0, e);
    assertEquals(Step.STALE, f.receipt(0, e));
    assertFalse(f.complete(), "one journal twice is not two journals");
  }

  @Test
  void aReceiptBelowTheEpochIsStaleAndFencesNothing() {
    Fencing f = new Fencing(hlc, 2);
    assertEquals(Step.STALE, f.receipt(0, f.epoch() - 1));
    assertEquals(Set.of(0, 1), f.unfenced());
  }

  @Test
  void aReceiptFromAnUnknownJournalIsStale() {
    Fencing f = new Fencing(hlc, 2);
    assertEquals(Step.STALE, f.receipt(5, f.epoch()));
    assertEquals(Set.of(0, 1), f.unfenced());
  }

  @Test
  void higherFenceInForceRaisesTheEpochAndRefencesAll() {
    Fencing f = new Fencing(hlc, 3);
    long first = f.epoch();
    assertEquals(Step.PENDING, f.receipt(0, first));
    long higher = first + 1_000;
    assertEquals(Step.REFENCE, f.receipt(1, higher));
    long second = f.epoch();
    assertTrue(second > higher);
    assertEquals(Set.of(0, 1, 2), f.unfenced(), "journal 0 holds only the old epoch");

    assertEquals(Step.STALE, f.receipt(2, first), "a late answer to the first round");
    assertEquals(Step.STALE, f.receipt(2, higher));
    assertEquals(Step.PENDING, f.receipt(0, second));
    assertEquals(Step.PENDING, f.receipt(2, second));
    assertEquals(Step.COMPLETE, f.receipt(1, second));
  }

  @Test
  void aClockBehindThePredecessorStillEndsWithAnEpochAboveIt() {
    Fencing f = new Fencing(hlc, 1);
    long predecessor = Hlc.fromMicros(5_000_000); // its node's clock ran far ahead of ours
    assertEquals(Step.REFENCE, f.receipt(0, predecessor));
    assertTrue(f.epoch() > predecessor);
    assertEquals(Step.COMPLETE, f.receipt(0, f.epoch()));
  }
}
