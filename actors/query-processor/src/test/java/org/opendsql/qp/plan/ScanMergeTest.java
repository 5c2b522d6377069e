package org.opendsql.qp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;

class ScanMergeTest {
  private static ScanPage page(boolean more, String... keys) {
    List<KvEntry> entries = new ArrayList<>();
    for (String k : keys) entries.add(new KvEntry(k.getBytes(StandardCharsets.UTF_8), new byte[] {1}));
    return new ScanPage(entries, more);
  }

  private static List<String> keys(ScanPage p) {
    return p.entries().stream().map(e -> new String(e.key(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void completePagesMergeInKeyOrder() {
    ScanPage merged = ScanMerge.merge(List.of(page(false, "b", "e"), page(false, "a", "d"), page(false, "c")), 10);
    assertEquals(List.of("a", "b", "c", "d", "e"), keys(merged));
    assertFalse(merged.more());
  }

  @Test
  void aRangeWithMoreBoundsThePageSoNoKeyIsSkipped() {
    // Range 1 stopped at "c" and may hold "d": "e" from range 2 must wait for the next page.
    ScanPage merged = ScanMerge.merge(List.of(page(true, "a", "c"), page(false, "b", "e")), 10);
    assertEquals(List.of("a", "b", "c"), keys(merged));
    assertTrue(merged.more());
  }

  @Test
  void theSmallestLastKeyOfTheRangesWithMoreIsTheBound() {
    ScanPage merged = ScanMerge.merge(List.of(page(true, "a", "f"), page(true, "b", "c"), page(false, "d")), 10);
    assertEquals(List.of("a", "b", "c"), keys(merged));
    assertTrue(merged.more());
  }

  @Test
  void theLimitCutsThePageAndSaysThereIsMore() {
    ScanPage merged = ScanMerge.merge(List.of(page(false, "a", "c"), page(false, "b", "d")), 3);
    assertEquals(List.of("a", "b", "c"), keys(merged));
    assertTrue(merged.more());
  }

  @Test
  void keysCompareAsUnsignedBytes() {
    ScanPage high = new ScanPage(List.of(new KvEntry(new byte[] {(byte) 0x80}, new byte[0])), false);
    ScanPage low = new ScanPage(List.of(new KvEntry(new byte[] {0x7f}, new byte[0])), false);
    ScanPage merged = ScanMerge.merge(List.of(high, low), 10);
    assertEquals(0x7f, merged.entries().get(0).key()[0]);
  }
}
