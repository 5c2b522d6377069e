package org.opendsql.qp.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;

/**
 * The state of one scan across several ranges that each return their own keys in order: a buffer
 * per range and where each range resumes. The caller fetches a page for every range {@link
 * #toFetch()} names, {@link #offer}s it, then {@link #take}s merged entries.
 *
 * <p>Each range is read once, page after page, from where its last page ended: a merged page never
 * re-reads what another range already returned (a stateless merge reads every range's page again
 * for each merged page, ranges times the rows).
 *
 * <p>Invariant: entries come out in key order and none is skipped. An entry is emitted only when
 * no range could still hold a smaller key: every range either has a buffered entry or is
 * exhausted, or its next keys lie beyond its last fetched key, which bounds what may be emitted.
 */
public final class RangeScanCursor {
  private final List<KvEntry>[] buffers;
  private final int[] positions;
  private final byte[][] resume;
  private final boolean[] exclusive;
  private final boolean[] exhausted;

  @SuppressWarnings("unchecked")
  public RangeScanCursor(int ranges, byte[] from, boolean fromExclusive) {
    buffers = new List[ranges];
    positions = new int[ranges];
    resume = new byte[ranges][];
    exclusive = new boolean[ranges];
    exhausted = new boolean[ranges];
    for (int r = 0; r < ranges; r++) {
      buffers[r] = List.of();
      resume[r] = from;
      exclusive[r] = fromExclusive;
    }
  }

  /** The ranges whose buffer is empty and that may have more keys: each needs a page before {@link #take}. */
  public int[] toFetch() {
    int[] out = new int[buffers.length];
    int n = 0;
    for (int r = 0; r < buffers.length; r++) {
      if (!exhausted[r] && positions[r] == buffers[r].size()) out[n++] = r;
    }
    return Arrays.copyOf(out, n);
  }

  public byte[] resumeKey(int range) {
    return resume[range];
  }

  public boolean resumeExclusive(int range) {
    return exclusive[range];
  }

  /** Range {@code range}'s next page, which starts where its previous page ended. */
  public void offer(int range, ScanPage page) {
    List<KvEntry> entries = page.entries();
    buffers[range] = entries;
    positions[range] = 0;
    // An empty page ends the range even if it says more: resuming from the same key would repeat it.
    exhausted[range] = !page.more() || entries.isEmpty();
    if (!entries.isEmpty()) {
      resume[range] = entries.get(entries.size() - 1).key();
      exclusive[range] = true;
    }
  }

  /**
   * Up to {@code limit} entries in key order, stopping early where a range with an empty buffer
   * may still hold smaller keys; {@code more} while any range has keys left.
   */
  public ScanPage take(int limit) {
    byte[] cutoff = null;
    for (int r = 0; r < buffers.length; r++) {
      if (!exhausted[r] && positions[r] == buffers[r].size()) {
        if (cutoff == null || Arrays.compareUnsigned(resume[r], cutoff) < 0) cutoff = resume[r];
      }
    }
    List<KvEntry> out = new ArrayList<>(Math.min(limit, 1024));
    while (out.size() < limit) {
      int min = -1;
      byte[] minKey = null;
      for (int r = 0; r < buffers.length; r++) {
        if (positions[r] < buffers[r].size()) {
          byte[] k = buffers[r].get(positions[r]).key();
          if (minKey == null || Arrays.compareUnsigned(k, minKey) < 0) {
            min = r;
            minKey = k;
          }
        }
      }
      if (min < 0 || (cutoff != null && Arrays.compareUnsigned(minKey, cutoff) > 0)) break;
      out.add(buffers[min].get(positions[min]++));
      if (positions[min] == buffers[min].size() && !exhausted[min]) {
        // This range's later keys are unknown: nothing beyond its last key may go out before its next page.
        if (cutoff == null || Arrays.compareUnsigned(resume[min], cutoff) < 0) cutoff = resume[min];
      }
    }
    return new ScanPage(out, hasMore());
  }

  private boolean hasMore() {
    for (int r = 0; r < buffers.length; r++) {
      if (!exhausted[r] || positions[r] < buffers[r].size()) return true;
    }
    return false;
  }
}
