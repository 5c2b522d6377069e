package org.opendsql.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HlcTest {
  @Test
  void nowIsStrictlyIncreasingEvenWhenPhysicalTimeStandsStill() {
    AtomicLong micros = new AtomicLong(1_000);
    Hlc hlc = new Hlc(micros::get);
    long a = hlc.now();
    long b = hlc.now();
    assertTrue(b > a);
    assertEquals(1_000, Hlc.physicalMicros(b));
  }

  @Test
  void updateMovesPastARemoteTimestampFromTheFuture() {
    AtomicLong micros = new AtomicLong(1_000);
    Hlc hlc = new Hlc(micros::get);
    long remote = Hlc.fromMicros(5_000) + 3;
    long merged = hlc.update(remote);
    assertTrue(merged > remote);
    assertTrue(hlc.now() > merged, "later local timestamps stay above what was seen");
  }

  @Test
  void physicalTimeWinsOnceItPassesTheLogicalClock() {
    AtomicLong micros = new AtomicLong(1_000);
    Hlc hlc = new Hlc(micros::get);
    hlc.update(Hlc.fromMicros(2_000));
    micros.set(3_000);
    assertEquals(Hlc.fromMicros(3_000), hlc.now());
  }

  @Test
  void commitWaitCoversTheClockOffsetBound() {
    AtomicLong micros = new AtomicLong(1_000);
    Hlc hlc = new Hlc(micros::get);
    long ts = Hlc.fromMicros(1_000) + 5;
    assertEquals(1, hlc.commitWaitMicros(ts, 0));
    assertEquals(251, hlc.commitWaitMicros(ts, 250));
    micros.set(1_300);
    assertEquals(0, hlc.commitWaitMicros(ts, 250));
  }
}
