package org.opendsql.qp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;

class RangeScanCursorTest {
  /** Ranges holding disjoint sorted keys, answering pages as storage does; counts entries served. */
  private static final class Ranges {
    final List<List<byte[]>> keys = new ArrayList<>();
    long served;

    Ranges(int n, int total, long seed) {
      Random rnd = new Random(seed);
      List<TreeSet<Integer>> sets = new ArrayList<>();
      for (int r = 0; r < n; r++) sets.add(new TreeSet<>());
      for (int i = 0; i < total; i++) sets.get(rnd.nextInt(n)).add(rnd.nextInt(1_000_000));
      for (TreeSet<Integer> s : sets) {
        List<byte[]> ks = new ArrayList<>();
        for (int k : s) ks.add(key(k));
        keys.add(ks);
      }
    }

    /**
     * A page as a shard with a pushed-down filter answers it: examines at most {@code budget} keys,
     * returns those {@code keep} accepts, and says the last key it examined.
     */
    ScanPage filteredPage(int range, byte[] from, boolean exclusive, int limit, int budget,
        java.util.function.Predicate<byte[]> keep) {
      List<KvEntry> out = new ArrayList<>();
      byte[] through = null;
      int examined = 0;
      for (byte[] k : keys.get(range)) {
        int c = Arrays.compareUnsigned(k, from);
        if (c < 0 || (c == 0 && exclusive)) continue;
        if (out.size() == limit || examined == budget) return new ScanPage(out, true, through);
        examined++;
        through = k;
        if (keep.test(k)) out.add(new KvEntry(k, new byte[0]));
      }
      served += out.size();
      return new ScanPage(out, false, through);
    }

    ScanPage page(int range, byte[] from, boolean exclusive, int limit) {
      List<KvEntry> out = new ArrayList<>();
      boolean more = false;
      for (byte[] k : keys.get(range)) {
        int c = Arrays.compareUnsigned(k, from);
        if (c < 0 || (c == 0 && exclusive)) continue;
        if (out.size() == limit) {
          more = true;
          break;
        }
        out.add(new KvEntry(k, new byte[0]));
      }
      served += out.size();
      return new ScanPage(out, more);
    }
  }

  private static byte[] key(int k) {
    return new byte[] {(byte) (k >>> 24), (byte) (k >>> 16), (byte) (k >>> 8), (byte) k};
  }

  private static List<byte[]> drain(Ranges ranges, RangeScanCursor cursor, int pageSize) {
    List<byte[]> out = new ArrayList<>();
    while (true) {
      for (int r : cursor.toFetch()) {
        cursor.offer(r, ranges.page(r, cursor.resumeKey(r), cursor.resumeExclusive(r), pageSize));
      }
      ScanPage p = cursor.take(pageSize);
      assertTrue(p.entries().size() <= pageSize);
      for (KvEntry e : p.entries()) out.add(e.key());
      if (!p.more()) return out;
    }
  }

  @Test
  void everyKeyOfEveryRangeComesOutOnceInKeyOrder() {
    for (long seed = 0; seed < 50; seed++) {
      Random rnd = new Random(seed);
      int n = 1 + rnd.nextInt(9);
      int pageSize = 1 + rnd.nextInt(40);
      Ranges ranges = new Ranges(n, rnd.nextInt(2000), seed);
      List<byte[]> expected = new ArrayList<>();
      for (List<byte[]> ks : ranges.keys) expected.addAll(ks);
      expected.sort(Arrays::compareUnsigned);
      List<byte[]> got = drain(ranges, new RangeScanCursor(n, new byte[0], false), pageSize);
      assertEquals(expected.size(), got.size(), "seed " + seed);
      for (int i = 0; i < got.size(); i++) assertArrayEquals(expected.get(i), got.get(i), "seed " + seed);
    }
  }

  @Test
  void filteredRangesThatReturnFewOrNoEntriesPerPageStillYieldEveryPassingKeyInOrder() {
    for (long seed = 0; seed < 50; seed++) {
      Random rnd = new Random(seed);
      int n = 1 + rnd.nextInt(9);
      int pageSize = 1 + rnd.nextInt(40);
      int budget = 1 + rnd.nextInt(30);
      int modulus = 1 + rnd.nextInt(20);
      java.util.function.Predicate<byte[]> keep = k -> (k[3] & 0xFF) % modulus == 0;
      Ranges ranges = new Ranges(n, rnd.nextInt(2000), seed);
      List<byte[]> expected = new ArrayList<>();
      for (List<byte[]> ks : ranges.keys) for (byte[] k : ks) if (keep.test(k)) expected.add(k);
      expected.sort(Arrays::compareUnsigned);
      RangeScanCursor cursor = new RangeScanCursor(n, new byte[0], false);
      List<byte[]> got = new ArrayList<>();
      while (true) {
        for (int r : cursor.toFetch()) {
          cursor.offer(r, ranges.filteredPage(r, cursor.resumeKey(r), cursor.resumeExclusive(r), pageSize, budget, keep));
        }
        ScanPage p = cursor.take(pageSize);
        for (KvEntry e : p.entries()) got.add(e.key());
        if (!p.more()) break;
        if (p.entries().size() < pageSize) assertTrue(p.resumeAfter() != null, "a short page says how far it got");
      }
      assertEquals(expected.size(), got.size(), "seed " + seed);
      for (int i = 0; i < got.size(); i++) assertArrayEquals(expected.get(i), got.get(i), "seed " + seed);
    }
  }

  @Test
  void eachRangeIsReadOnceNotOncePerMergedPage() {
    Ranges ranges = new Ranges(8, 20_000, 7);
    long total = ranges.keys.stream().mapToLong(List::size).sum();
    drain(ranges, new RangeScanCursor(8, new byte[0], false), 256);
    assertEquals(total, ranges.served);
  }

  @Test
  void theStartKeyIsHonouredExclusively() {
    Ranges ranges = new Ranges(3, 0, 1);
    ranges.keys.set(0, new ArrayList<>(List.of(key(1), key(4))));
    ranges.keys.set(1, new ArrayList<>(List.of(key(2), key(5))));
    ranges.keys.set(2, new ArrayList<>(List.of(key(3))));
    List<byte[]> got = drain(ranges, new RangeScanCursor(3, key(2), true), 2);
    assertEquals(3, got.size());
    assertArrayEquals(key(3), got.get(0));
    assertArrayEquals(key(5), got.get(2));
  }

  @Test
  void aRangeWhoseBufferRanOutStopsThePageAtItsLastKey() {
    RangeScanCursor c = new RangeScanCursor(2, new byte[0], false);
    c.offer(0, new ScanPage(List.of(new KvEntry(key(1), new byte[0]), new KvEntry(key(3), new byte[0])), true));
    c.offer(1, new ScanPage(List.of(new KvEntry(key(2), new byte[0]), new KvEntry(key(9), new byte[0])), false));
    ScanPage p = c.take(10);
    // Range 0 may hold 4..8: key 9 must wait for its next page.
    assertEquals(3, p.entries().size());
    assertTrue(p.more());
    assertArrayEquals(new int[] {0}, c.toFetch());
    c.offer(0, new ScanPage(List.of(), false));
    ScanPage rest = c.take(10);
    assertEquals(1, rest.entries().size());
    assertFalse(rest.more());
  }

  private static void assertArrayEquals(byte[] a, byte[] b) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
  }

  private static void assertArrayEquals(byte[] a, byte[] b, String msg) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, msg);
  }

  private static void assertArrayEquals(int[] a, int[] b) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
  }
}
