package org.opendsql.core.range;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeMapTest {
  static byte[] k(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
    return out;
  }

  @Test
  void initialMapIsOneRangeOverEveryKey() {
    RangeMap m = RangeMap.initial();
    assertEquals(1, m.size());
    assertEquals(0, m.rangeOf(k()).id());
    assertEquals(0, m.rangeOf(k(0xff, 0xff, 0xff)).id());
    assertEquals(1, m.overlapping(k(), null).size());
  }

  @Test
  void splitKeepsTheLeftIdAndGivesTheRightHalfTheNewOne() {
    RangeMap m = RangeMap.initial().apply(new RangeChange.Split(0, 0, k(0x80), 7, 0));
    assertEquals(1, m.version());
    assertEquals(0, m.rangeOf(k(0x7f, 0xff)).id());
    assertEquals(7, m.rangeOf(k(0x80)).id());
    assertEquals(7, m.rangeOf(k(0x80, 0)).id());
    assertEquals(1, m.byId(0).generation());
    assertEquals(1, m.byId(7).generation());
    assertArrayEquals(k(0x80), m.byId(0).end());
    assertNull(m.byId(7).end());
  }

  @Test
  void splitOfAnOldGenerationOrAtTheStartOrOutsideDoesNotApply() {
    RangeMap m = RangeMap.initial().apply(new RangeChange.Split(0, 0, k(0x80), 7, 0));
    assertFalse(m.applicable(new RangeChange.Split(0, 0, k(0x40), 8, 0)), "stale generation");
    assertFalse(m.applicable(new RangeChange.Split(7, 1, k(0x80), 8, 0)), "at the range's start");
    assertFalse(m.applicable(new RangeChange.Split(0, 1, k(0x90), 8, 0)), "outside the range");
    assertFalse(m.applicable(new RangeChange.Split(0, 1, k(0x40), 7, 0)), "id in use");
    assertTrue(m.applicable(new RangeChange.Split(0, 1, k(0x40), 8, 0)));
    assertThrows(IllegalStateException.class, () -> m.apply(new RangeChange.Split(0, 0, k(0x40), 8, 0)));
  }

  @Test
  void scansTouchOnlyTheOverlappingRangesInKeyOrder() {
    RangeMap m = RangeMap.presplit(List.of(k(0x20), k(0x40), k(0x60), k(0x80)), 2);
    assertEquals(5, m.size());
    assertEquals(List.of(1L, 2L), ids(m.overlapping(k(0x30), k(0x50))));
    assertEquals(List.of(1L), ids(m.overlapping(k(0x30), k(0x40))), "end is exclusive");
    assertEquals(List.of(2L), ids(m.overlapping(k(0x40), k(0x40, 0))));
    assertEquals(List.of(3L, 4L), ids(m.overlapping(k(0x60), null)));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids(m.overlapping(k(), null)));
    assertEquals(1, m.byId(3).journal());
  }

  @Test
  void mergeJoinsNeighboursOnly() {
    RangeMap m = RangeMap.presplit(List.of(k(0x20), k(0x40)), 1);
    assertFalse(m.applicable(new RangeChange.Merge(0, 0, 2, 0)), "not neighbours");
    RangeMap merged = m.apply(new RangeChange.Merge(1, 0, 2, 0));
    assertEquals(2, merged.size());
    assertNull(merged.byId(2));
    assertEquals(1, merged.rangeOf(k(0x50)).id());
    assertEquals(1, merged.byId(1).generation());
  }

  @Test
  void everyKeyHasExactlyOneRangeAfterRandomSplitsAndMerges() {
    Random rnd = new Random(42);
    RangeMap m = RangeMap.initial();
    long nextId = 1;
    for (int step = 0; step < 2000; step++) {
      List<RangeDesc> rs = m.ranges();
      RangeDesc r = rs.get(rnd.nextInt(rs.size()));
      if (rnd.nextInt(3) > 0) {
        byte[] at = k(rnd.nextInt(256), rnd.nextInt(256));
        RangeChange.Split s = new RangeChange.Split(r.id(), r.generation(), at, nextId, (int) (nextId % 3));
        if (m.applicable(s)) {
          m = m.apply(s);
          nextId++;
        }
      } else {
        int i = rs.indexOf(r);
        if (i + 1 < rs.size()) {
          RangeDesc right = rs.get(i + 1);
          m = m.apply(new RangeChange.Merge(r.id(), r.generation(), right.id(), right.generation()));
        }
      }
      List<RangeDesc> now = m.ranges();
      assertEquals(0, now.get(0).start().length);
      assertNull(now.get(now.size() - 1).end());
      for (int j = 0; j + 1 < now.size(); j++) assertArrayEquals(now.get(j).end(), now.get(j + 1).start());
      byte[] probe = k(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
      int holders = 0;
      for (RangeDesc d : now) if (d.contains(probe)) holders++;
      assertEquals(1, holders);
      assertTrue(m.rangeOf(probe).contains(probe));
    }
  }

  static List<Long> ids(List<RangeDesc> rs) {
    List<Long> out = new ArrayList<>();
    for (RangeDesc r : rs) out.add(r.id());
    return out;
  }
}
