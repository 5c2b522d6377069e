package org.opendsql.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;

class ConnectionAdmissionTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(0);

  private static String code(DbException e) {
    return e == null ? null : e.state().code();
  }

  @Test
  void otherNodesConnectionsCountAgainstTheClusterLimitUntilTheirReportsGoStale() {
    ConnectionAdmission a = new ConnectionAdmission(5, 1000, 1000, 3 * SECOND, now::get);
    a.peerReported("n2", 3);
    assertNull(a.tryAdmit());
    assertNull(a.tryAdmit());
    assertEquals("53300", code(a.tryAdmit()), "3 elsewhere + 2 here is the limit");
    assertEquals(2, a.localOpen(), "a refused connection is not counted");
    a.peerReported("n2", 2);
    assertNull(a.tryAdmit());
    now.addAndGet(4 * SECOND);
    assertEquals(0, a.othersOpen(), "a node that stopped reporting left the cluster");
    assertNull(a.tryAdmit());
    assertNull(a.tryAdmit());
    assertEquals("53300", code(a.tryAdmit()));
    a.release();
    assertNull(a.tryAdmit());
  }

  @Test
  void theNewConnectionRateIsSharedByTheNodesThatReport() {
    ConnectionAdmission a = new ConnectionAdmission(10_000, 30, 30, 3 * SECOND, now::get);
    a.peerReported("n2", 0);
    a.peerReported("n3", 0);
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      DbException e = a.tryAdmit();
      if (e == null) admitted++;
      else assertEquals("53400", code(e));
    }
    assertEquals(10, admitted, "a third of the burst of 30");
    now.addAndGet(SECOND);
    admitted = 0;
    for (int i = 0; i < 100; i++) {
      if (a.tryAdmit() == null) admitted++;
    }
    assertEquals(10, admitted, "a third of 30 a second");
  }
}
