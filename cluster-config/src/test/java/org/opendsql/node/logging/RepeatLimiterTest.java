package org.opendsql.node.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepeatLimiterTest {
  private static final long WINDOW = 1_000;

  @Test
  void aBurstGetsThroughThenRepeatsAreHeldBackUntilTheWindowEnds() {
    RepeatLimiter limiter = new RepeatLimiter(3, WINDOW, 100);
    for (int i = 0; i < 3; i++) assertTrue(limiter.offer("follower failed", i).log());
    for (int i = 3; i < 1000; i++) assertFalse(limiter.offer("follower failed", i).log());
    RepeatLimiter.Verdict next = limiter.offer("follower failed", WINDOW + 5);
    assertTrue(next.log());
    assertEquals(997, next.heldBack());
  }

  @Test
  void distinctTemplatesAreLimitedSeparately() {
    RepeatLimiter limiter = new RepeatLimiter(1, WINDOW, 100);
    assertTrue(limiter.offer("a", 0).log());
    assertFalse(limiter.offer("a", 1).log());
    assertTrue(limiter.offer("b", 2).log());
  }

  @Test
  void aFullTableForgetsRatherThanHoldingBackNewTemplates() {
    RepeatLimiter limiter = new RepeatLimiter(1, WINDOW, 2);
    assertTrue(limiter.offer("a", 0).log());
    assertTrue(limiter.offer("b", 0).log());
    assertTrue(limiter.offer("c", 0).log());
    assertTrue(limiter.offer("a", 1).log());
  }
}
