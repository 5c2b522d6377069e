package org.opendsql.core.limits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  @Test
  void burstIsAvailableAtOnceThenTheRateRefills() {
    AtomicLong now = new AtomicLong();
    TokenBucket b = new TokenBucket(100, 1000, now::get);
    for (int i = 0; i < 1000; i++) assertTrue(b.tryAcquire(), "token " + i + " of the burst");
    assertFalse(b.tryAcquire(), "the burst is spent");
    now.addAndGet(10_000_000L);
    assertTrue(b.tryAcquire(), "10 ms at 100/s refills one token");
    assertFalse(b.tryAcquire());
  }

  @Test
  void savedTokensNeverExceedTheBurst() {
    AtomicLong now = new AtomicLong();
    TokenBucket b = new TokenBucket(100, 5, now::get);
    now.addAndGet(60_000_000_000L);
    int taken = 0;
    while (b.tryAcquire()) taken++;
    assertTrue(taken == 5, "took " + taken);
  }
}
