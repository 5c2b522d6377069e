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
 * <p>A range's page may account for keys past its last entry (storage filtered them out): its
 * {@code resumeAfter} is where that range resumes, and what bounds the merge.
 *
 * <p>Invariant: entries come out in key order and none is skipped. An entry is emitted only when
 * no range could still hold a smaller key: every range either has a buffered entry or is
 * exhausted, or its next keys lie beyond its last fetched key, which bounds what may be emitted.
 */
public final class RangeScanCursor {
  private final KvEntry[][] buffers;
  private final int[] positions;
  private final byte[][] resume;
  private final boolean[] exclusive;
  private final boolean[] exhausted;

  private static final KvEntry[] EMPTY = new KvEntry[0];

  public RangeScanCursor(int ranges, byte[] from, boolean fromExclusive) {
    buffers = new KvEntry[ranges][];
    positions = new int[ranges];
    resume = new byte[ranges][];
    exclusive = new boolean[ranges];
    exhausted = new boolean[ranges];
    for (int r = 0; r < ranges; r++) {
      buffers[r] = EMPTY;
      resume[r] = from;
      exclusive[r] = fromExclusive;
    }
  }

  /** The ranges whose buffer is empty and that may have more keys: each needs a page before {@link #take}. */
  public int[] toFetch() {
    int[] out = new int[buffers.length];
    int n = 0;
    for (int r = 0; r < buffers.length; r++) {
      if (!exhausted[r] && positions[r] == buffers[r].length) out[n++] = r;
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
    buffers[range] = entries.toArray(EMPTY);
    positions[range] = 0;
    byte[] through = page.resumeAfter();
    // A page that accounts for no key ends the range even if it says more: resuming from the same
    // key would repeat it. A filtered page may account for keys past its entries, or have none.
    exhausted[range] = !page.more() || through == null;
    if (through != null) {
      resume[range] = through;
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
      if (!exhausted[r] && positions[r] == buffers[r].length) {
        if (cutoff == null || Arrays.compareUnsigned(resume[r], cutoff) < 0) cutoff = resume[r];
      }
    }
    List<KvEntry> out = new ArrayList<>(Math.min(limit, 1024));
    // A binary min-heap of the ranges with buffered entries, by head key: about log2(ranges)
    // comparisons per entry rather than one per range.
    int[] heap = new int[buffers.length];
    int n = 0;
    for (int r = 0; r < buffers.length; r++) {
      if (positions[r] < buffers[r].length) heap[n++] = r;
    }
    for (int i = n / 2 - 1; i >= 0; i--) siftDown(heap, n, i);
    while (out.size() < limit && n > 0) {
      int min = heap[0];
      if (cutoff != null && Arrays.compareUnsigned(head(min), cutoff) > 0) break;
      out.add(buffers[min][positions[min]++]);
      if (positions[min] == buffers[min].length) {
        heap[0] = heap[--n];
        if (!exhausted[min] && (cutoff == null || Arrays.compareUnsigned(resume[min], cutoff) < 0)) {
          // This range's later keys are unknown: nothing beyond its last key may go out before its next page.
          cutoff = resume[min];
        }
      }
      siftDown(heap, n, 0);
    }
    boolean more = hasMore();
    if (!more || out.size() == limit || cutoff == null) return new ScanPage(out, more);
    // Everything up to the cutoff has gone out, including keys the ranges' filters skipped.
    return new ScanPage(out, true, cutoff);
  }

  private byte[] head(int range) {
    return buffers[range][positions[range]].key();
  }

  private void siftDown(int[] heap, int n, int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= n) return;
      int c = l + 1 < n && Arrays.compareUnsigned(head(heap[l + 1]), head(heap[l])) < 0 ? l + 1 : l;
      if (Arrays.compareUnsigned(head(heap[c]), head(heap[i])) >= 0) return;
      int t = heap[i];
      heap[i] = heap[c];
      heap[c] = t;
      i = c;
    }
  }

  private boolean hasMore() {
    for (int r = 0; r < buffers.length; r++) {
      if (!exhausted[r] || positions[r] < buffers[r].length) return true;
    }
    return false;
  }
}
