package org.opendsql.persistence.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opendsql.persistence.storage.NewestVersions.Version;

class NewestVersionsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Makes {@code v} the key's known newest version, as a reader who found it in the store does. */
  private static void known(NewestVersions n, String key, Version v) {
    n.offerRead(1, b(key), n.stamp(1), v);
  }

  @Test
  void aWriteWithNoKnownEntryIsOnlyAFloor() {
    // With several journals a newer version may already be in the store, unseen here.
    NewestVersions n = new NewestVersions(1 << 20);
    n.offerWritten(1, b("k"), new Version(20, b("written")));
    assertNull(n.newest(1, b("k")), "a floor is not a known version");
    known(n, "k", new Version(15, b("below the floor")));
    assertNull(n.newest(1, b("k")));
    known(n, "k", new Version(25, b("found in the store")));
    assertArrayEquals(b("found in the store"), n.newest(1, b("k")).value());
    assertNull(n.newest(2, b("k")), "key spaces are apart");
  }

  @Test
  void aKnownEntryTakesOnlyNewerWrites() {
    NewestVersions n = new NewestVersions(1 << 20);
    known(n, "k", new Version(20, b("v20")));
    n.offerWritten(1, b("k"), new Version(10, b("v10, from a journal behind")));
    assertArrayEquals(b("v20"), n.newest(1, b("k")).value());
    n.offerWritten(1, b("k"), new Version(30, null));
    assertEquals(30, n.newest(1, b("k")).ts());
    assertNull(n.newest(1, b("k")).value(), "a tombstone is kept as the newest version");
    known(n, "k", new Version(30, b("not newer")));
    assertNull(n.newest(1, b("k")).value());
  }

  @Test
  void aWriteAfterItsKeyWasForgottenDoesNotBecomeKnown() {
    NewestVersions n = new NewestVersions(1 << 20);
    known(n, "k", new Version(20, b("v20")));
    n.changing(1);
    n.changed(1);
    n.offerWritten(1, b("k"), new Version(15, b("v15, from another journal")));
    assertNull(n.newest(1, b("k")), "v20 is still the store's newest");
  }

  @Test
  void aReadStampedBeforeAWriteLandedLosesToIt() {
    NewestVersions n = new NewestVersions(1 << 20);
    long stamp = n.stamp(1);
    n.offerWritten(1, b("k"), new Version(20, b("written")));
    n.offerRead(1, b("k"), stamp, new Version(10, b("read before the write")));
    assertNull(n.newest(1, b("k")));
  }

  @Test
  void aReadStampedBeforeARemovalIsNotTaken() {
    // The reader read the store before a write landed; the write's entry was then removed: taking
    // the read would keep a version older than the store's newest.
    NewestVersions n = new NewestVersions(1 << 20);
    long stamp = n.stamp(1);
    n.offerWritten(1, b("k"), new Version(20, b("written")));
    n.changing(1);
    n.changed(1);
    n.offerRead(1, b("k"), stamp, new Version(10, b("stale")));
    assertNull(n.newest(1, b("k")));
    known(n, "k", new Version(20, b("written")));
    assertEquals(20, n.newest(1, b("k")).ts());
  }

  @Test
  void noReadIsTakenWhileTheSpaceChanges() {
    NewestVersions n = new NewestVersions(1 << 20);
    known(n, "k", new Version(5, b("v")));
    n.changing(1);
    assertNull(n.newest(1, b("k")), "a change forgets the space's entries");
    assertEquals(-1, n.stamp(1));
    n.changing(1);
    n.changed(1);
    assertEquals(-1, n.stamp(1), "nested: still changing");
    n.changed(1);
    assertTrue(n.stamp(1) >= 0);
    assertEquals(0, n.usedBytes());
  }

  @Test
  void aChangeOfAnIntervalForgetsOnlyItsKeys() {
    NewestVersions n = new NewestVersions(1 << 20);
    for (String k : new String[] {"a", "l", "m", "n", "z"}) known(n, k, new Version(5, b(k)));
    long stamp = n.stamp(1);
    n.changing(1, b("l"), b("n"));
    assertNull(n.newest(1, b("l")));
    assertNull(n.newest(1, b("m")));
    assertEquals(-1, n.stamp(1));
    n.changed(1, b("l"), b("n"));
    n.offerRead(1, b("m"), stamp, new Version(5, b("read before the change")));
    assertNull(n.newest(1, b("m")));
    for (String k : new String[] {"a", "n", "z"}) assertArrayEquals(b(k), n.newest(1, b(k)).value(), k);
    n.changing(1, b("b"), null);
    n.changed(1, b("b"), null);
    assertArrayEquals(b("a"), n.newest(1, b("a")).value());
    assertNull(n.newest(1, b("z")));
    assertEquals(n.usedBytes(), NewestVersions.ENTRY_OVERHEAD + 2);
  }

  @Test
  void evictionKeepsTheBudgetAndRefusesReadsStampedBeforeIt() {
    int budget = 64 * 1024;
    NewestVersions n = new NewestVersions(budget);
    long stamp = n.stamp(1);
    for (int i = 0; i < 5_000; i++) known(n, "key-" + i, new Version(i, b("value-" + i)));
    for (int i = 0; i < 5_000; i++) n.offerWritten(2, b("key-" + i), new Version(i, b("value-" + i)));
    assertTrue(n.usedBytes() <= budget, "used " + n.usedBytes());
    assertTrue(n.size() > 100, "eviction keeps most of the budget: " + n.size());
    n.offerRead(1, b("other"), stamp, new Version(1, b("v")));
    assertNull(n.newest(1, b("other")));
    known(n, "key-4999", new Version(4999, b("value-4999")));
    assertEquals(4999, n.newest(1, b("key-4999")).ts());
  }

  @Test
  void aValueTooLargeToKeepLeavesItsTimestampOnly() {
    NewestVersions n = new NewestVersions(64 * 1024);
    known(n, "k", new Version(10, b("small")));
    n.offerWritten(1, b("k"), new Version(20, new byte[2048]));
    Version v = n.newest(1, b("k"));
    assertEquals(20, v.ts());
    assertSame(NewestVersions.NOT_KEPT, v.value());
  }

  @Test
  void aZeroBudgetKeepsNothing() {
    NewestVersions n = new NewestVersions(0);
    assertFalse(n.enabled());
    n.offerWritten(1, b("k"), new Version(10, b("v")));
    assertEquals(-1, n.stamp(1));
    n.offerRead(1, b("k"), 0, new Version(10, b("v")));
    assertNull(n.newest(1, b("k")));
  }
}
