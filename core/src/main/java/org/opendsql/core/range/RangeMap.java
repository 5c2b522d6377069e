package org.opendsql.core.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable version of the range directory: ranges sorted by start, disjoint, covering every
 * key. {@link #version} counts the changes applied since the initial layout, so two nodes that
 * applied the same changes hold equal maps with equal versions.
 */
public final class RangeMap {
  private final long version;
  private final RangeDesc[] ranges;

  private RangeMap(long version, RangeDesc[] ranges) {
    this.version = version;
    this.ranges = ranges;
  }

  /** One range over the whole key space, id 0 on journal 0. */
  public static RangeMap initial() {
    return new RangeMap(0, new RangeDesc[] {new RangeDesc(0, RangeDesc.MIN, null, 0, 0)});
  }

  /**
   * Ranges cut at {@code splitPoints} (sorted, distinct, none empty), numbered 0.. from the left
   * and dealt round-robin over {@code journals} journals: a layout fixed by configuration.
   */
  public static RangeMap presplit(List<byte[]> splitPoints, int journals) {
    if (journals < 1) throw new IllegalArgumentException("journals must be positive");
    RangeDesc[] out = new RangeDesc[splitPoints.size() + 1];
    byte[] start = RangeDesc.MIN;
    for (int i = 0; i <= splitPoints.size(); i++) {
      byte[] end = i < splitPoints.size() ? splitPoints.get(i) : null;
      out[i] = new RangeDesc(i, start, end, i % journals, 0);
      start = end;
    }
    return new RangeMap(0, out);
  }

  public long version() {
    return version;
  }

  public int size() {
    return ranges.length;
  }

  public List<RangeDesc> ranges() {
    return Collections.unmodifiableList(Arrays.asList(ranges));
  }

  /** The range holding {@code key}. */
  public RangeDesc rangeOf(byte[] key) {
    return ranges[indexOf(key)];
  }

  /** The ranges holding some key {@code lo <= k < hi} ({@code hi} null: unbounded), in key order. */
  public List<RangeDesc> overlapping(byte[] lo, byte[] hi) {
    int first = indexOf(lo);
    List<RangeDesc> out = new ArrayList<>(2);
    for (int i = first; i < ranges.length && ranges[i].overlaps(lo, hi); i++) out.add(ranges[i]);
    return out;
  }

  /** The range with this id, or null if it is not in this version. */
  public RangeDesc byId(long id) {
    for (RangeDesc r : ranges) {
      if (r.id() == id) return r;
    }
    return null;
  }

  /** Whether {@code change} applies to this version exactly (every range it replaces is here as named). */
  public boolean applicable(RangeChange change) {
    for (long[] idGen : change.replaces()) {
      RangeDesc r = byId(idGen[0]);
      if (r == null || r.generation() != idGen[1]) return false;
    }
    if (change instanceof RangeChange.Split s) {
      RangeDesc p = byId(s.parent());
      return s.rightJournal() >= 0 && Arrays.compareUnsigned(p.start(), s.at()) < 0 && p.contains(s.at())
          && byId(s.rightId()) == null;
    }
    if (change instanceof RangeChange.Merge m) {
      RangeDesc l = byId(m.left());
      RangeDesc r = byId(m.right());
      return l.end() != null && Arrays.equals(l.end(), r.start());
    }
    return ((RangeChange.MoveJournal) change).journal() >= 0;
  }

  /** The next version with {@code change} applied; throws if it is not {@link #applicable}. */
  public RangeMap apply(RangeChange change) {
    if (!applicable(change)) throw new IllegalStateException(change + " does not apply to version " + version);
    List<RangeDesc> out = new ArrayList<>(ranges.length + 1);
    if (change instanceof RangeChange.Split s) {
      for (RangeDesc r : ranges) {
        if (r.id() != s.parent()) {
          out.add(r);
          continue;
        }
        long g = r.generation() + 1;
        out.add(new RangeDesc(r.id(), r.start(), s.at(), r.journal(), g));
        out.add(new RangeDesc(s.rightId(), s.at(), r.end(), s.rightJournal(), g));
      }
    } else if (change instanceof RangeChange.Merge m) {
      RangeDesc right = byId(m.right());
      for (RangeDesc r : ranges) {
        if (r.id() == m.right()) continue;
        out.add(r.id() == m.left()
            ? new RangeDesc(r.id(), r.start(), right.end(), r.journal(), Math.max(r.generation(), right.generation()) + 1)
            : r);
      }
    } else {
      RangeChange.MoveJournal mj = (RangeChange.MoveJournal) change;
      for (RangeDesc r : ranges) {
        out.add(r.id() == mj.range() ? new RangeDesc(r.id(), r.start(), r.end(), mj.journal(), r.generation() + 1) : r);
      }
    }
    return new RangeMap(version + 1, out.toArray(new RangeDesc[0]));
  }

  private int indexOf(byte[] key) {
    int lo = 0;
    int hi = ranges.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (Arrays.compareUnsigned(ranges[mid].start(), key) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeMap m && m.version == version && Arrays.equals(m.ranges, ranges);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(version) * 31 + Arrays.hashCode(ranges);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("RangeMap v").append(version);
    for (RangeDesc r : ranges) b.append(' ').append(r);
    return b.toString();
  }
}
