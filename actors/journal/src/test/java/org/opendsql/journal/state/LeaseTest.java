package org.opendsql.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeaseTest {
  private static final long LENGTH = 1_000;

  private static Lease durableTo(long end) {
    Lease l = new Lease(LENGTH);
    l.durable(end);
    return l;
  }

  @Test
  void aBatchCarriesTheClockPlusTheLength() {
    assertEquals(6_000, new Lease(LENGTH).forBatchAt(5_000));
  }

  @Test
  void nothingIsClosableBeforeALeaseIsDurable() {
    assertEquals(0, new Lease(LENGTH).closable(5_000));
  }

  @Test
  void leaseBoundsTheClosedTimestamp() {
    Lease l = durableTo(6_000);
    assertEquals(5_000, l.closable(5_000));
    assertEquals(6_000, l.closable(7_000), "a successor may assign anything above the durable lease");
  }

  @Test
  void theDurableLeaseNeverShrinks() {
    Lease l = durableTo(6_000);
    l.durable(5_500); // an older batch's lease
    assertEquals(6_000, l.durable());
    assertEquals(6_000, l.closable(9_000));
  }

  @Test
  void aReaderBeyondTheLeaseWantsARenewalUntilADurableLeaseCoversIt() {
    Lease l = durableTo(6_000);
    l.wantClosed(5_000);
    assertFalse(l.renewalWanted(), "the lease already reaches it");
    l.wantClosed(6_500);
    assertTrue(l.renewalWanted());
    l.durable(6_400);
    assertTrue(l.renewalWanted(), "still short of the reader");
    l.durable(7_000);
    assertFalse(l.renewalWanted());
  }

  @Test
  void theLeaseRunsOutWhenLessThanHalfOfItIsLeft() {
    Lease l = durableTo(6_000);
    assertFalse(l.runningOut(5_500));
    assertTrue(l.runningOut(5_501));
  }

}
