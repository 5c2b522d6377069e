package org.opendsql.core.range;

import java.util.Arrays;
import org.opendsql.core.codec.Bytes;

/**
 * One key range: keys {@code k} with {@code start <= k < end} in unsigned byte order. An empty
 * {@code start} is the beginning of the key space; a null {@code end} is its end.
 *
 * @param id the range's identity: its adjudicator and storage replicas are named after it
 * @param journal the journal its transactions are appended to
 * @param generation bumped by every change that alters the range, so a change can name the
 *     exact version it replaces
 */
public record RangeDesc(long id, byte[] start, byte[] end, int journal, long generation) {
  public static final byte[] MIN = new byte[0];

  public RangeDesc {
    if (start == null) throw new IllegalArgumentException("start must not be null");
    if (end != null && Arrays.compareUnsigned(start, end) >= 0) {
      throw new IllegalArgumentException("empty range " + Bytes.hex(start) + ".." + Bytes.hex(end));
    }
    if (journal < 0) throw new IllegalArgumentException("journal must not be negative");
  }

  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(start, key) <= 0 && (end == null || Arrays.compareUnsigned(key, end) < 0);
  }

  /** Whether any key {@code lo <= k < hi} lies here ({@code hi} null: no upper bound). */
  public boolean overlaps(byte[] lo, byte[] hi) {
    boolean startsBeforeHi = hi == null || Arrays.compareUnsigned(start, hi) < 0;
    boolean endsAfterLo = end == null || Arrays.compareUnsigned(lo, end) < 0;
    return startsBeforeHi && endsAfterLo;
  }

  public RangeDesc withBounds(byte[] newStart, byte[] newEnd, long newGeneration) {
    return new RangeDesc(id, newStart, newEnd, journal, newGeneration);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeDesc r && r.id == id && r.journal == journal && r.generation == generation
        && Arrays.equals(r.start, start) && Arrays.equals(r.end, end);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + Long.hashCode(generation);
  }

  @Override
  public String toString() {
    return "Range[" + id + "@" + generation + " " + Bytes.hex(start) + ".." + (end == null ? "" : Bytes.hex(end))
        + " j" + journal + "]";
  }
}
