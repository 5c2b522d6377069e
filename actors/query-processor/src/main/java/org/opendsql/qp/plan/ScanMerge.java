package org.opendsql.qp.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;

/**
 * Merges the pages of one scan that every range answered into one page in key order.
 *
 * <p>Invariant: the merged page never skips a key. A range that has more past its page's last key
 * bounds what may be returned: nothing above the smallest such last key can be ordered yet, so the
 * page stops there (and says there is more) even if other ranges returned keys beyond it.
 */
public final class ScanMerge {
  private ScanMerge() {}

  public static ScanPage merge(List<ScanPage> pages, int limit) {
    List<KvEntry> all = new ArrayList<>();
    byte[] cutoff = null;
    boolean more = false;
    for (ScanPage p : pages) {
      all.addAll(p.entries());
      if (p.more()) {
        more = true;
        byte[] last = p.entries().isEmpty() ? null : p.entries().get(p.entries().size() - 1).key();
        if (last != null && (cutoff == null || Arrays.compareUnsigned(last, cutoff) < 0)) cutoff = last;
      }
    }
    all.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
    List<KvEntry> out = new ArrayList<>(Math.min(limit, all.size()));
    for (KvEntry e : all) {
      if (out.size() == limit || (cutoff != null && Arrays.compareUnsigned(e.key(), cutoff) > 0)) {
        more = true;
        break;
      }
      out.add(e);
    }
    return new ScanPage(out, more);
  }
}
