package org.opendsql.core.range;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opendsql.core.codec.KeyCodec;

/**
 * Where to split a range, chosen from a sample of its keys in key order, each weighted by what
 * the split should halve (bytes for a size split, reads and writes for a load split).
 *
 * <p>A boundary between two tables or indexes is preferred when it leaves each side at least
 * {@link #TABLE_BOUNDARY_SHARE} of the weight, so a table tends to get ranges of its own;
 * otherwise the weighted median. The key returned is the shortest one that still separates the
 * two samples around it, to keep the directory small; any key is a valid boundary because a key
 * is the unit of storage.
 */
public final class SplitPoint {
  public static final double TABLE_BOUNDARY_SHARE = 0.2;

  private SplitPoint() {}

  /** One sampled key and its weight. */
  public record Sample(byte[] key, long weight) {}

  /**
   * The split key for {@code range}, strictly inside it with weight on both sides, or empty if
   * the samples do not allow one (fewer than two distinct keys in the range, or no weight).
   */
  public static Optional<byte[]> choose(RangeDesc range, List<Sample> samples) {
    List<Sample> in = samples.stream().filter(s -> range.contains(s.key()) && s.weight() >= 0).toList();
    if (in.size() < 2) return Optional.empty();
    long total = 0;
    for (Sample s : in) total += s.weight();
    if (total <= 0) return Optional.empty();

    int bestBoundary = -1;
    long bestBoundaryGap = Long.MAX_VALUE;
    long cum = in.get(0).weight();
    for (int i = 1; i < in.size(); i++) {
      byte[] prev = in.get(i - 1).key();
      byte[] key = in.get(i).key();
      int pl = KeyCodec.prefixLength(key);
      boolean newIndex = pl > 0 && (KeyCodec.prefixLength(prev) != pl || !Arrays.equals(prev, 0, pl, key, 0, pl));
      long left = cum;
      if (newIndex && cum > 0 && Math.min(left, total - left) >= TABLE_BOUNDARY_SHARE * total) {
        long gap = Math.abs(total - 2 * left);
        if (gap < bestBoundaryGap) {
          bestBoundaryGap = gap;
          bestBoundary = i;
        }
      }
      cum += in.get(i).weight();
    }
    if (bestBoundary > 0) {
      byte[] key = in.get(bestBoundary).key();
      byte[] at = Arrays.copyOf(key, KeyCodec.prefixLength(key));
      if (Arrays.compareUnsigned(at, in.get(bestBoundary - 1).key()) > 0 && range.contains(at)
          && Arrays.compareUnsigned(at, range.start()) > 0) {
        return Optional.of(at);
      }
    }

    cum = 0;
    for (int i = 0; i < in.size(); i++) {
      if (i > 0 && cum > 0 && 2 * cum >= total && Arrays.compareUnsigned(in.get(i - 1).key(), in.get(i).key()) < 0) {
        return Optional.of(separator(in.get(i - 1).key(), in.get(i).key()));
      }
      cum += in.get(i).weight();
    }
    // Everything is on the first key or the last: split just before the last key if that leaves weight on both sides.
    int last = in.size() - 1;
    long right = in.get(last).weight();
    if (right > 0 && total - right > 0 && Arrays.compareUnsigned(in.get(last - 1).key(), in.get(last).key()) < 0) {
      return Optional.of(separator(in.get(last - 1).key(), in.get(last).key()));
    }
    return Optional.empty();
  }

  /** The shortest prefix of {@code hi} greater than {@code lo} (given {@code lo < hi}). */
  static byte[] separator(byte[] lo, byte[] hi) {
    int mismatch = Arrays.mismatch(lo, hi);
    return Arrays.copyOf(hi, mismatch + 1);
  }
}
