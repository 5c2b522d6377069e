package org.opendsql.core.range;

import java.util.ArrayList;
import java.util.List;

/**
 * When a range splits or merges, from its replicas' own figures. A range splits when it passes
 * any threshold; two neighbours merge when both are small and cold and the result would stay
 * well under the split thresholds (so a merge is not undone by the next split).
 *
 * @param maxBytes split above this many bytes of live data
 * @param maxKeys split above this many live keys
 * @param maxOpsPerSecond split above this many reads plus writes per second
 * @param mergeBelowBytes a range below this size (and a quarter of the ops threshold) may merge
 */
public record SplitPolicy(long maxBytes, long maxKeys, double maxOpsPerSecond, long mergeBelowBytes) {
  public SplitPolicy {
    if (maxBytes < 1 || maxKeys < 2 || maxOpsPerSecond <= 0) throw new IllegalArgumentException("split thresholds must be positive");
    if (mergeBelowBytes < 0 || mergeBelowBytes * 2 > maxBytes) {
      throw new IllegalArgumentException("merge threshold must be at most half the split threshold");
    }
  }

  /** What a range's replica reports about it. */
  public record RangeStats(long range, long bytes, long keys, double readsPerSecond, double writesPerSecond) {
    public double ops() {
      return readsPerSecond + writesPerSecond;
    }
  }

  /** Why the range should split, or null if it should not. */
  public String splitReason(RangeStats s) {
    if (s.bytes() > maxBytes) return "size " + s.bytes() + " > " + maxBytes + " bytes";
    if (s.keys() > maxKeys) return "keys " + s.keys() + " > " + maxKeys;
    if (s.ops() > maxOpsPerSecond) return "load " + Math.round(s.ops()) + " > " + Math.round(maxOpsPerSecond) + " ops/s";
    return null;
  }

  /** Whether a size split (weights are bytes) rather than a load split (weights are accesses) is due. */
  public boolean splitsBySize(RangeStats s) {
    return s.bytes() > maxBytes || s.keys() > maxKeys;
  }

  /**
   * Neighbour pairs to merge, from stats of adjacent ranges in key order: each range in at most
   * one pair, both small and cold, together under the merge threshold's double.
   */
  public List<RangeStats[]> mergePairs(List<RangeStats> inKeyOrder) {
    List<RangeStats[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < inKeyOrder.size(); i++) {
      RangeStats a = inKeyOrder.get(i);
      RangeStats b = inKeyOrder.get(i + 1);
      if (cold(a) && cold(b) && a.bytes() + b.bytes() <= 2 * mergeBelowBytes && a.keys() + b.keys() <= maxKeys / 2) {
        out.add(new RangeStats[] {a, b});
        i++;
      }
    }
    return out;
  }

  /** Whether a range this size and this busy could be half of a merge. */
  public boolean mayMerge(RangeStats s) {
    return mergeBelowBytes > 0 && cold(s);
  }

  private boolean cold(RangeStats s) {
    return s.bytes() < mergeBelowBytes && s.ops() < maxOpsPerSecond / 4;
  }
}
