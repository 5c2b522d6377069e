package org.opendsql.persistence.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;

class MvccStoreTest {
  private static final int R = 7;

  @TempDir Path dir;
  private MvccStore store;

  @BeforeEach
  void open() {
    store = new MvccStore(dir, 8L << 20);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] b(int... v) {
    byte[] r = new byte[v.length];
    for (int i = 0; i < v.length; i++) r[i] = (byte) v[i];
    return r;
  }

  private static Write put(String k, String v) {
    return new Write(b(k), b(v));
  }

  private static Write del(String k) {
    return new Write(b(k), null);
  }

  private static String str(byte[] v) {
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  private static List<String> keys(ScanPage p) {
    return p.entries().stream().map(e -> str(e.key())).toList();
  }

  @Test
  void eachJournalHasItsOwnAppliedPositionAndAnEntryIsAppliedWhole() {
    store.applyAll(R, 0, List.of(new MvccStore.Commit(10, List.of(put("a", "1"))),
        new MvccStore.Commit(11, List.of(put("b", "2")))), 5);
    store.applyAll(R, 1, List.of(new MvccStore.Commit(12, List.of(put("a", "3")))), 9);
    assertEquals(5, store.appliedPosition(R, 0));
    assertEquals(9, store.appliedPosition(R, 1));
    assertEquals(0, store.appliedPosition(R + 1, 1));
    assertEquals("1", str(store.get(R, b("a"), 10)));
    assertEquals("3", str(store.get(R, b("a"), 12)));
    assertEquals("2", str(store.get(R, b("b"), 11)));
    store.dropRange(R);
    assertEquals(0, store.appliedPosition(R, 0));
    assertEquals(0, store.appliedPosition(R, 1));
  }

  @Test
  void aRangeSnapshotCopiedPageByPageReproducesEveryVersionAndPositionAsOfItsCreation() {
    for (int i = 0; i < 50; i++) {
      store.applyAll(R, 0, List.of(new MvccStore.Commit(10 + i, List.of(put("k" + (i % 7), "v" + i)))), i + 1);
    }
    store.applyAll(R, 1, List.of(new MvccStore.Commit(100, List.of(del("k3")))), 4);
    store.apply(R + 1, 5, List.of(put("other", "x")), 1);
    List<MvccStore.RawVersion> copied = new java.util.ArrayList<>();
    long[] positions;
    try (MvccStore.RangeSnapshot snap = store.snapshot(R)) {
      // Written after the snapshot: must not be part of the copy.
      store.applyAll(R, 0, List.of(new MvccStore.Commit(200, List.of(put("late", "x")))), 51);
      positions = snap.positions(2);
      byte[] after = null;
      while (true) {
        List<MvccStore.RawVersion> page = snap.page(after, 64);
        if (page.isEmpty()) break;
        copied.addAll(page);
        after = page.get(page.size() - 1).key();
      }
    }
    assertEquals(51, copied.size(), "50 puts and one tombstone, nothing of the later write or other ranges");
    int target = 40;
    store.installVersions(target, copied);
    store.installPositions(target, positions, 7);
    assertEquals(7, store.gcHorizon(target));
    assertEquals(50, store.appliedPosition(target, 0));
    assertEquals(4, store.appliedPosition(target, 1));
    for (long ts : new long[] {10, 30, 59, 99, 100, 300}) {
      for (int k = 0; k < 7; k++) {
        assertEquals(str(store.get(R, b("k" + k), Math.min(ts, 199))), str(store.get(target, b("k" + k), ts)),
            "k" + k + " at " + ts);
      }
    }
    assertNull(store.get(target, b("late"), 300));
    assertNull(store.get(target, b("other"), 300));
  }

  @Test
  void copyRangeReplacesTheTargetWithTheSourcePositionsLast() {
    store.applyAll(R, 0, List.of(new MvccStore.Commit(10, List.of(put("a", "1"), put("b", "2")))), 3);
    store.gc(R, 5);
    store.apply(41, 1, List.of(put("stale", "x")), 99);
    MvccStore.Copied copied = store.copyRange(R, 41, 2, 16);
    assertEquals(2, copied.versions());
    assertEquals(3, store.appliedPosition(41, 0));
    assertEquals(0, store.appliedPosition(41, 1), "the target's own positions are gone with its data");
    assertEquals(5, store.gcHorizon(41));
    assertEquals("2", str(store.get(41, b("b"), 10)));
    assertNull(store.get(41, b("stale"), 10));
  }

  @Test
  void closingTheStoreReleasesSnapshotsStillOpen() {
    store.apply(R, 5, List.of(put("a", "1")), 1);
    MvccStore.RangeSnapshot snap = store.snapshot(R);
    assertEquals(1, snap.page(null, 1024).size());
    store.close();
    snap.close();
    store = new MvccStore(dir, 8L << 20);
    assertEquals("1", str(store.get(R, b("a"), 5)));
  }

  @Test
  void readAtTimestampSeesNewestVersionAtOrBelowItAndTombstonesHide() {
    store.apply(R, 10, List.of(put("k", "v1")), 1);
    store.apply(R, 20, List.of(put("k", "v2")), 2);
    store.apply(R, 30, List.of(del("k")), 3);
    store.apply(R, 40, List.of(put("k", "v4")), 4);
    assertNull(store.get(R, b("k"), 9));
    assertEquals("v1", str(store.get(R, b("k"), 10)));
    assertEquals("v1", str(store.get(R, b("k"), 19)));
    assertEquals("v2", str(store.get(R, b("k"), 20)));
    assertEquals("v2", str(store.get(R, b("k"), 29)));
    assertNull(store.get(R, b("k"), 30));
    assertNull(store.get(R, b("k"), 39));
    assertEquals("v4", str(store.get(R, b("k"), Long.MAX_VALUE)));
    assertNull(store.get(R, b("other"), Long.MAX_VALUE));
    assertEquals(4, store.appliedPosition(R));
  }

  @Test
  void emptyValueIsAPutNotADelete() {
    store.apply(R, 10, List.of(new Write(b("k"), new byte[0])), 1);
    assertArrayEquals(new byte[0], store.get(R, b("k"), 10));
    assertEquals(1, store.scan(R, null, false, null, 10, 10).entries().size());
  }

  @Test
  void scanReturnsOneVisibleVersionPerKeyAndHidesTombstonesAndFutureVersions() {
    store.apply(R, 10, List.of(put("a", "a1"), put("b", "b1"), put("c", "c1")), 1);
    store.apply(R, 20, List.of(put("a", "a2"), del("b"), put("d", "d2")), 2);
    ScanPage at15 = store.scan(R, null, false, null, 15, 100);
    assertEquals(List.of("a", "b", "c"), keys(at15));
    assertEquals("a1", str(at15.entries().get(0).value()));
    assertFalse(at15.more());
    ScanPage at20 = store.scan(R, null, false, null, 20, 100);
    assertEquals(List.of("a", "c", "d"), keys(at20));
    assertEquals("a2", str(at20.entries().get(0).value()));
    assertEquals(List.of(), keys(store.scan(R, null, false, null, 5, 100)));
  }

  @Test
  void aFilteredScanExaminesABoundedNumberOfRowsAndSaysWhereItStopped() {
    store.apply(R, 10, List.of(put("a", "1"), put("b", "2"), put("c", "3"), put("d", "4"), put("e", "5"),
        put("f", "7")), 1);
    store.apply(R, 20, List.of(del("c")), 2);
    java.util.function.UnaryOperator<byte[]> evenOnly = v -> (v[0] - '0') % 2 == 0 ? b("even" + str(v)) : null;
    ScanPage first = store.scan(R, null, false, null, 30, 10, evenOnly, 2);
    assertEquals(List.of("b"), keys(first));
    assertEquals("even2", str(first.entries().get(0).value()), "the value comes back as keep shaped it");
    assertTrue(first.more());
    assertEquals("b", str(first.resumeAfter()));
    // The deleted row c is skipped without counting; d passes, e is examined and rejected.
    ScanPage second = store.scan(R, first.resumeAfter(), true, null, 30, 10, evenOnly, 2);
    assertEquals(List.of("d"), keys(second));
    assertTrue(second.more());
    assertEquals("e", str(second.resumeAfter()));
    ScanPage last = store.scan(R, second.resumeAfter(), true, null, 30, 10, evenOnly, 2);
    assertEquals(List.of(), keys(last));
    assertFalse(last.more());
    ScanPage rejectedAll = store.scan(R, null, false, null, 30, 10, v -> null, 100);
    assertEquals(List.of(), keys(rejectedAll));
    assertFalse(rejectedAll.more());
  }

  @Test
  void scanHonoursBoundsExclusiveStartLimitAndMore() {
    store.apply(R, 10, List.of(put("a", "1"), put("b", "2"), put("c", "3"), put("d", "4"), put("e", "5")), 1);
    assertEquals(List.of("b", "c", "d"), keys(store.scan(R, b("b"), false, b("e"), 10, 100)));
    assertEquals(List.of("c", "d"), keys(store.scan(R, b("b"), true, b("e"), 10, 100)));
    assertEquals(List.of("c", "d", "e"), keys(store.scan(R, b("bb"), false, null, 10, 100)));

    ScanPage p1 = store.scan(R, null, false, null, 10, 2);
    assertEquals(List.of("a", "b"), keys(p1));
    assertTrue(p1.more());
    ScanPage p2 = store.scan(R, b("b"), true, null, 10, 2);
    assertEquals(List.of("c", "d"), keys(p2));
    assertTrue(p2.more());
    ScanPage p3 = store.scan(R, b("d"), true, null, 10, 2);
    assertEquals(List.of("e"), keys(p3));
    assertFalse(p3.more());
    // Exactly filling the page at the end of the bounds reports no more.
    ScanPage p4 = store.scan(R, b("c"), false, b("e"), 10, 2);
    assertEquals(List.of("c", "d"), keys(p4));
    assertFalse(p4.more());
    assertThrows(IllegalArgumentException.class, () -> store.scan(R, null, false, null, 10, 0));
  }

  @Test
  void prefixFreeKeysSharingPrefixesKeepKeyOrderAndBoundsThatArePrefixesWork() {
    // Prefix-free, but sharing prefixes; the timestamps make the ~ts suffix bytes vary widely.
    byte[] k1 = b(1, 2, 0);
    byte[] k2 = b(1, 2, 1);
    byte[] k3 = b(1, 3);
    byte[] k4 = b(1, 0xFF, 0);
    store.apply(R, 5, List.of(new Write(k2, b("k2@5")), new Write(k4, b("k4@5"))), 1);
    store.apply(R, 0x0100_0000_0000_0000L, List.of(new Write(k1, b("k1")), new Write(k3, b("k3"))), 2);
    store.apply(R, 0x0200_0000_0000_0000L, List.of(new Write(k2, b("k2@big"))), 3);
    long readTs = Long.MAX_VALUE;
    List<KvEntry> all = store.scan(R, null, false, null, readTs, 100).entries();
    assertEquals(4, all.size());
    assertArrayEquals(k1, all.get(0).key());
    assertArrayEquals(k2, all.get(1).key());
    assertArrayEquals(k3, all.get(2).key());
    assertArrayEquals(k4, all.get(3).key());
    assertEquals("k2@big", str(all.get(1).value()));
    assertEquals("k2@5", str(store.get(R, k2, 6)));

    // Bounds that are proper prefixes of stored keys (not keys themselves).
    assertEquals(2, store.scan(R, b(1, 2), false, b(1, 3), readTs, 100).entries().size());
    assertEquals(2, store.scan(R, b(1, 2), true, b(1, 3), readTs, 100).entries().size());
    assertEquals(0, store.scan(R, null, false, b(1, 2), readTs, 100).entries().size());
    List<KvEntry> tail = store.scan(R, b(1, 2, 0), true, null, readTs, 100).entries();
    assertEquals(3, tail.size());
    assertArrayEquals(k2, tail.get(0).key());
    assertNull(store.get(R, b(1, 2), readTs));
  }

  @Test
  void rangesAreIsolatedIncludingTheExtremeRangeIds() {
    for (int range : new int[] {0, 1, -1, Integer.MAX_VALUE}) {
      store.apply(range, 10, List.of(put("k", "r" + range)), range);
    }
    for (int range : new int[] {0, 1, -1, Integer.MAX_VALUE}) {
      assertEquals("r" + range, str(store.get(range, b("k"), 10)));
      ScanPage p = store.scan(range, null, false, null, 10, 10);
      assertEquals(1, p.entries().size());
      assertFalse(p.more());
      assertEquals(range, store.appliedPosition(range));
    }
    store.dropRange(1);
    store.dropRange(-1);
    assertNull(store.get(1, b("k"), 10));
    assertNull(store.get(-1, b("k"), 10));
    assertEquals(0, store.appliedPosition(1));
    assertEquals("r0", str(store.get(0, b("k"), 10)));
    assertEquals("r" + Integer.MAX_VALUE, str(store.get(Integer.MAX_VALUE, b("k"), 10)));
  }

  @Test
  void gcKeepsNewestVersionAtOrBelowHorizonAndRemovesShadowedVersionsAndDeadTombstones() {
    store.apply(R, 10, List.of(put("k1", "v10"), put("k2", "v10")), 1);
    store.apply(R, 20, List.of(put("k1", "v20"), del("k2")), 2);
    store.apply(R, 30, List.of(put("k1", "v30"), put("k3", "v30")), 3);
    store.apply(R, 40, List.of(del("k3")), 4);

    // Removed: k1@10 (shadowed by k1@20), k2@20 (tombstone newest <= 25) and k2@10 under it.
    assertEquals(0, store.gcHorizon(R));
    assertEquals(3, store.gc(R, 25));
    assertEquals(25, store.gcHorizon(R), "kept with the data, so a restarted replica still refuses older reads");
    assertEquals("v20", str(store.get(R, b("k1"), 25)));
    assertEquals("v30", str(store.get(R, b("k1"), 35)));
    assertNull(store.get(R, b("k1"), 15)); // reads below the horizon are no longer served
    assertNull(store.get(R, b("k2"), 25));
    assertEquals("v30", str(store.get(R, b("k3"), 35))); // above the horizon: untouched
    assertNull(store.get(R, b("k3"), 45));
    assertEquals(0, store.gc(R, 25));

    // Later horizon: k1@20 shadowed by k1@30; k3's tombstone and its version go.
    assertEquals(3, store.gc(R, 50));
    assertEquals(List.of("k1"), keys(store.scan(R, null, false, null, Long.MAX_VALUE, 10)));
    assertEquals("v30", str(store.get(R, b("k1"), 50)));
  }

  @Test
  void reopenKeepsVersionsAndAppliedPosition() {
    store.apply(R, 10, List.of(put("k", "v1")), 41);
    store.apply(R, 20, List.of(put("k", "v2")), 42);
    store.close();
    store = new MvccStore(dir, 8L << 20);
    assertEquals(42, store.appliedPosition(R));
    assertEquals(0, store.appliedPosition(R + 1));
    assertEquals("v1", str(store.get(R, b("k"), 15)));
    assertEquals("v2", str(store.get(R, b("k"), 25)));
  }

  @Test
  void scansConcurrentWithTheWriterSeeEachCommittedBatchWhole() throws Exception {
    int keyCount = 10;
    int batches = 200;
    java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.CompletableFuture<Void> writer =
        java.util.concurrent.CompletableFuture.runAsync(() -> {
          for (long ts = 1; ts <= batches; ts++) {
            List<Write> writes = new java.util.ArrayList<>();
            for (int k = 0; k < keyCount; k++) writes.add(put("k" + k, Long.toString(ts)));
            store.apply(R, ts, writes, ts);
            committed.set(ts);
          }
        });
    int checks = 0;
    while (!writer.isDone() || checks == 0) {
      long ts = committed.get();
      if (ts == 0) {
        Thread.onSpinWait();
        continue;
      }
      ScanPage p = store.scan(R, null, false, null, ts, 100);
      assertEquals(keyCount, p.entries().size());
      for (KvEntry e : p.entries()) assertEquals(ts, Long.parseLong(str(e.value())));
      checks++;
    }
    writer.get();
    assertEquals(batches, store.appliedPosition(R));
    assertTrue(checks > 0);
  }

  @Test
  void afterReopeningAPointReadFindsTheNewestVersionAndTheOnesBelowIt() {
    store.apply(R, 10, List.of(put("k", "v1")), 1);
    store.apply(R, 20, List.of(put("k", "v2")), 2);
    store.apply(R, 30, List.of(del("k")), 3);
    store.apply(R, 40, List.of(put("k", "v4")), 4);
    for (int i = 0; i < 6; i++) store.apply(R, 50 + i, List.of(put("hot", "h" + i)), 5 + i);
    store.close();
    store = new MvccStore(dir, 8L << 20);
    // The first read of each key is below its newest version: found by stepping down, or a seek.
    assertNull(store.get(R, b("k"), 9));
    assertEquals("v1", str(store.get(R, b("k"), 15)));
    assertNull(store.get(R, b("k"), 35));
    assertEquals("v4", str(store.get(R, b("k"), 45)));
    assertEquals("h0", str(store.get(R, b("hot"), 50)));
    assertEquals("h5", str(store.get(R, b("hot"), 99)));
    assertEquals("h2", str(store.get(R, b("hot"), 52)));
    assertNull(store.get(R, b("hot"), 49));
  }

  @Test
  void aJournalBehindWritingAnOlderVersionAfterTheNewerWasForgottenDoesNotHideIt() {
    // Journal 0 wrote k@20; its entry is forgotten (a restart, an interval dropped elsewhere in the
    // space); journal 1, behind, then writes k@15.
    store.applyAll(R, 0, List.of(new MvccStore.Commit(20, List.of(put("k", "v20")))), 1);
    assertEquals("v20", str(store.get(R, b("k"), 25)));
    store.close();
    store = new MvccStore(dir, 8L << 20);
    store.applyAll(R, 1, List.of(new MvccStore.Commit(15, List.of(put("k", "v15")))), 1);
    assertEquals("v20", str(store.get(R, b("k"), 25)));
    store.applyAll(R, 0, List.of(new MvccStore.Commit(30, List.of(put("j", "j30")))), 2);
    store.dropInterval(R, b("x"), b("z"));
    store.applyAll(R, 1, List.of(new MvccStore.Commit(16, List.of(put("k", "v16")))), 2);
    assertEquals("v20", str(store.get(R, b("k"), 25)));
    assertEquals("v16", str(store.get(R, b("k"), 19)));
  }

  @Test
  void aKeyThatIsAPrefixOfAnotherIsReadAsAtATimestamp() {
    store.apply(R, 10, List.of(put("m/1", "one"), put("m/10", "ten")), 1);
    store.close();
    store = new MvccStore(dir, 8L << 20);
    assertEquals("one", str(store.get(R, b("m/1"), 20)));
    assertEquals("ten", str(store.get(R, b("m/10"), 20)));
  }

  @Test
  void aValueReadIsTheCallersToChange() {
    store.apply(R, 10, List.of(put("k", "value")), 1);
    store.get(R, b("k"), 10)[0] = 'X';
    assertEquals("value", str(store.get(R, b("k"), 10)));
    store.close();
    store = new MvccStore(dir, 8L << 20);
    store.get(R, b("k"), 10)[0] = 'Y';
    assertEquals("value", str(store.get(R, b("k"), 10)));
  }

  @Test
  void aRangeReplacedOrDroppedReadsItsNewContentNotWhatWasKeptOfTheOld() {
    store.apply(R, 50, List.of(put("k", "kept")), 1);
    assertEquals("kept", str(store.get(R, b("k"), 60)));
    store.apply(R + 1, 10, List.of(put("k", "older, copied in")), 1);
    store.copyRange(R + 1, R, 1, 1024);
    assertEquals("older, copied in", str(store.get(R, b("k"), 60)));
    store.dropRange(R);
    assertNull(store.get(R, b("k"), 60));
    store.apply(R, 70, List.of(put("k", "again")), 2);
    store.dropInterval(R, b("a"), b("z"));
    assertNull(store.get(R, b("k"), 80));
    byte[] rawKey = MvccStore.versionKey(R, b("k"), 5);
    store.installVersions(R, List.of(new MvccStore.RawVersion(java.util.Arrays.copyOfRange(rawKey, 4, rawKey.length),
        b(0, 'i'))));
    assertEquals("i", str(store.get(R, b("k"), 80)));
  }

  @Test
  void pointReadsBesideTheWriterAndEvictionsSeeTheNewestAppliedVersion(@TempDir Path small) throws Exception {
    // A budget far below the keys written: entries are evicted all the time while readers offer
    // theirs. Keys of one width: user keys are prefix-free.
    MvccStore s = new MvccStore(small, 8L << 20, 16 * 1024);
    try {
      int keys = 500;
      int rounds = 40;
      java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.CompletableFuture<Void> writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
        long ts = 0;
        for (int r = 0; r < rounds; r++) {
          for (int k = 0; k < keys; k++) {
            ts++;
            s.apply(R, ts, List.of(put(String.format("k%04d", k), Long.toString(ts))), ts);
            applied.set(ts);
          }
        }
      });
      java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<Integer>> checks = new java.util.ArrayList<>();
        for (int t = 0; t < 2; t++) {
          checks.add(readers.submit(() -> {
            int n = 0;
            java.util.Random random = new java.util.Random();
            while (!writer.isDone()) {
              long ts = applied.get();
              if (ts < keys) continue;
              int k = random.nextInt(keys);
              // Key k was last written at or below ts at the largest ts' <= ts with ts' % keys == k + 1 (mod keys).
              long expected = ts - Math.floorMod(ts - (k + 1), keys);
              assertEquals(Long.toString(expected), str(s.get(R, b(String.format("k%04d", k)), ts)), k + " at " + ts);
              n++;
            }
            return n;
          }));
        }
        for (java.util.concurrent.Future<Integer> c : checks) assertTrue(c.get() > 0);
      } finally {
        readers.shutdownNow();
      }
      writer.get();
    } finally {
      s.close();
    }
  }

  @Test
  void closedStoreRejectsCallsInsteadOfCrashing() {
    store.close();
    assertThrows(StorageException.class, () -> store.get(R, b("k"), 1));
    assertThrows(StorageException.class, () -> store.apply(R, 1, List.of(), 1));
  }
}
