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

  @Test
  void aWrittenVersionReplacesOnlyAnOlderOne() {
    NewestVersions n = new NewestVersions(1 << 20);
    n.offerWritten(1, b("k"), new Version(20, b("new")));
    n.offerWritten(1, b("k"), new Version(10, b("old")));
    assertEquals(20, n.newest(1, b("k")).ts());
    n.offerWritten(1, b("k"), new Version(30, null));
    assertEquals(30, n.newest(1, b("k")).ts());
    assertNull(n.newest(1, b("k")).value(), "a tombstone is kept as the newest version");
    assertNull(n.newest(2, b("k")), "key spaces are apart");
  }

  @Test
  void aReadVersionDoesNotReplaceANewerWrittenOne() {
    NewestVersions n = new NewestVersions(1 << 20);
    long stamp = n.stamp(1);
    n.offerWritten(1, b("k"), new Version(20, b("written")));
    n.offerRead(1, b("k"), stamp, new Version(10, b("read before the write")));
    assertArrayEquals(b("written"), n.newest(1, b("k")).value());
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
    long fresh = n.stamp(1);
    n.offerRead(1, b("k"), fresh, new Version(20, b("written")));
    assertEquals(20, n.newest(1, b("k")).ts());
  }

  @Test
  void noReadIsTakenWhileTheSpaceChanges() {
    NewestVersions n = new NewestVersions(1 << 20);
    n.offerWritten(1, b("k"), new Version(5, b("v")));
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
  void evictionKeepsTheBudgetAndRefusesReadsStampedBeforeIt() {
    int budget = 64 * 1024;
    NewestVersions n = new NewestVersions(budget);
    long stamp = n.stamp(1);
    for (int i = 0; i < 5_000; i++) n.offerWritten(1, b("key-" + i), new Version(i, b("value-" + i)));
    assertTrue(n.usedBytes() <= budget, "used " + n.usedBytes());
    assertTrue(n.size() > 100, "eviction keeps most of the budget: " + n.size());
    n.offerRead(1, b("other"), stamp, new Version(1, b("v")));
    assertNull(n.newest(1, b("other")));
  }

  @Test
  void aValueTooLargeToKeepLeavesItsTimestampOnly() {
    NewestVersions n = new NewestVersions(64 * 1024);
    n.offerWritten(1, b("k"), new Version(10, b("small")));
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
    assertNull(n.newest(1, b("k")));
  }
}
