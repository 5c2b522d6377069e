package org.opendsql.core.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opendsql.core.range.RangeMapTest.k;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DirectoryLogTest {
  @Test
  void aChangeArrivingBeforeTheOneItDependsOnWaits() {
    RangeChange first = new RangeChange.Split(0, 0, k(0x80), 5, 0);
    RangeChange second = new RangeChange.Split(5, 1, k(0xc0), 6, 1);
    DirectoryLog log = new DirectoryLog(RangeMap.initial());
    assertFalse(log.offer(second));
    assertEquals(1, log.waiting().size());
    assertTrue(log.offer(first));
    assertEquals(3, log.map().size());
    assertEquals(2, log.map().version());
    assertTrue(log.waiting().isEmpty());
  }

  @Test
  void aReplayedChangeIsAppliedOnce() {
    RangeChange split = new RangeChange.Split(0, 0, k(0x80), 5, 0);
    DirectoryLog log = new DirectoryLog(RangeMap.initial());
    assertTrue(log.offer(split));
    assertFalse(log.offer(split));
    assertTrue(log.seen(split));
    assertEquals(1, log.map().version());
  }

  /** Two journals' change streams, interleaved at random, give every node the same map. */
  @Test
  void nodesConvergeWhateverTheInterleavingOfJournals() {
    RangeMap base = RangeMap.presplit(List.of(k(0x80)), 2);
    List<RangeChange> journal0 = new ArrayList<>();
    List<RangeChange> journal1 = new ArrayList<>();
    RangeMap truth = base;
    Random rnd = new Random(7);
    long nextId = 10;
    for (int i = 0; i < 200; i++) {
      List<RangeDesc> rs = truth.ranges();
      RangeDesc r = rs.get(rnd.nextInt(rs.size()));
      RangeChange c = new RangeChange.Split(r.id(), r.generation(), k(rnd.nextInt(256), rnd.nextInt(256), 1), nextId, (int) (nextId % 2));
      if (!truth.applicable(c)) continue;
      nextId++;
      truth = truth.apply(c);
      (r.journal() == 0 ? journal0 : journal1).add(c);
    }
    for (int trial = 0; trial < 20; trial++) {
      DirectoryLog log = new DirectoryLog(base);
      int a = 0;
      int b = 0;
      while (a < journal0.size() || b < journal1.size()) {
        boolean takeA = b >= journal1.size() || (a < journal0.size() && rnd.nextBoolean());
        if (takeA) log.offer(journal0.get(a++));
        else log.offer(journal1.get(b++));
        if (rnd.nextInt(10) == 0 && a > 0) log.offer(journal0.get(a - 1));
      }
      assertEquals(truth, log.map());
      assertTrue(log.waiting().isEmpty());
    }
  }
}
