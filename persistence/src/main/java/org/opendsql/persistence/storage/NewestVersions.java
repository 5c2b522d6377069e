package org.opendsql.persistence.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.opendsql.core.codec.Bytes;

/**
 * The newest stored version of recently read or written keys, per key space, within a byte budget:
 * a point read at or above a key's newest version needs no RocksDB seek (a seek walks the memtables
 * and every level, since no bloom filter can strip the version suffix).
 *
 * <p><b>Invariant</b>: a <em>known</em> entry is the newest version of its key among the versions
 * whose write has completed (the store writes a version, then offers it here, then returns). A
 * write does not tell that by itself: with several journals, versions of a key arrive in any
 * timestamp order, and a newer one may be in the store with no entry here (evicted, cleared, or
 * written before a restart). So:
 *
 * <ul>
 *   <li>{@link #offerWritten} after a store write: over a known entry the newer of the two stays;
 *       with no known entry the key gets a <em>floor</em> (its newest version is at least this
 *       new), which a read treats as a miss.
 *   <li>{@link #offerRead} by a reader who found the newest version in the store: taken if at or
 *       above the floor and newer than a known entry. The reader may have read before a concurrent
 *       write landed: that write's own offer then either came first (the floor or the newer known
 *       entry refuses the read's) or comes after (newer wins). What could undo that is a removal
 *       in between, so every removal moves the key space's stamp first, and a read offer is taken
 *       only if the stamp it took before reading the store is still current, checked under the
 *       key's lock.
 *   <li>{@link #changing}/{@link #changed} around a store change that may add older versions or
 *       remove the newest (installs, copies, drops): the space's entries go, and no read offer
 *       stamped before or during the change is taken.
 * </ul>
 *
 * Writes to one key space come from one writer at a time (the store's rule), so {@link #offerWritten}
 * never races a change of its own space. Eviction drops one sixteenth of a space at a time (a
 * segment of its keys by hash), taking spaces and segments in turn: no scan, no bookkeeping per read.
 */
final class NewestVersions {
  /** What an entry costs beyond its key and value bytes (map node, key and entry objects). */
  static final int ENTRY_OVERHEAD = 112;
  private static final int SEGMENTS = 16;

  /**
   * A version: {@code value} null for a tombstone, {@link #NOT_KEPT} when too large to keep here;
   * {@code floor} when only known to be at or below the key's newest.
   */
  record Version(long ts, byte[] value, boolean floor) {
    Version(long ts, byte[] value) {
      this(ts, value, false);
    }
  }

  /** The value of a version known to be the newest but too large to keep: read it from the store. */
  static final byte[] NOT_KEPT = new byte[0];

  private static final class Key {
    final byte[] bytes;
    final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Bytes.hash(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class Segment {
    final ConcurrentHashMap<Key, Version> entries = new ConcurrentHashMap<>();
    final AtomicLong bytes = new AtomicLong();
  }

  private static final class Space {
    /**
     * Odd while entries are being removed (a change or an eviction); moves before the first removal
     * and after the last. Changed only under the space's lock, so that removals do not interleave.
     */
    final AtomicLong stamp = new AtomicLong();
    /** Changes under way (under the space's lock). */
    int changes;
    /** Replaced, never emptied in place: a dropped segment's memory goes with it. */
    final Segment[] segments = new Segment[SEGMENTS];
    /** The segment the next eviction of this space drops (under the space's lock). */
    int nextEvicted;

    Space() {
      for (int i = 0; i < SEGMENTS; i++) segments[i] = new Segment();
    }

    Segment segment(Key k) {
      int h = k.hash ^ (k.hash >>> 16);
      return segments[h & (SEGMENTS - 1)];
    }
  }

  private final long budgetBytes;
  /** A larger value is not kept, only its timestamp (so that an older entry cannot stand in for it). */
  private final long maxValueBytes;
  private final AtomicLong usedBytes = new AtomicLong();
  private final AtomicBoolean evicting = new AtomicBoolean();
  private final ConcurrentHashMap<Integer, Space> spaces = new ConcurrentHashMap<>();
  /** Where the next eviction starts among the spaces (under {@link #evicting}). */
  private int nextSpace;

  /** A budget of 0 keeps nothing. */
  NewestVersions(long budgetBytes) {
    if (budgetBytes < 0) throw new IllegalArgumentException("negative budget " + budgetBytes);
    this.budgetBytes = budgetBytes;
    this.maxValueBytes = budgetBytes / 64;
  }

  boolean enabled() {
    return budgetBytes > 0;
  }

  /** The key's newest version if known, else null (a floor is not known). */
  Version newest(int space, byte[] key) {
    Space s = spaces.get(space);
    if (s == null) return null;
    Key k = new Key(key);
    Version v = s.segment(k).entries.get(k);
    return v == null || v.floor() ? null : v;
  }

  /** To take before reading the store for {@link #offerRead}: -1 while the space's entries are being removed. */
  long stamp(int space) {
    if (budgetBytes == 0) return -1;
    long st = space(space).stamp.get();
    return (st & 1) == 0 ? st : -1;
  }

  /**
   * A version the reader found to be the key's newest, after taking {@code stamp}. The key's and
   * the value's arrays become this cache's: the caller passes its own copies.
   */
  void offerRead(int space, byte[] key, long stamp, Version v) {
    if (stamp < 0) return;
    Space s = space(space);
    Key k = new Key(key);
    Segment seg = s.segment(k);
    long[] delta = {0};
    seg.entries.compute(k, (x, old) -> {
      if (s.stamp.get() != stamp || old != null && (old.floor() ? old.ts() > v.ts() : old.ts() >= v.ts())) return old;
      return replace(x, old, kept(v), delta);
    });
    account(seg, delta[0]);
  }

  /** A version just written to the store; the arrays become this cache's, as for {@link #offerRead}. */
  void offerWritten(int space, byte[] key, Version v) {
    if (budgetBytes == 0) return;
    Space s = space(space);
    Key k = new Key(key);
    Segment seg = s.segment(k);
    long[] delta = {0};
    seg.entries.compute(k, (x, old) -> {
      if (old != null && old.ts() >= v.ts()) return old;
      if (old == null || old.floor()) return replace(x, old, new Version(v.ts(), null, true), delta);
      return replace(x, old, kept(v), delta);
    });
    account(seg, delta[0]);
  }

  /** Before a store change of the space that may add older versions or remove its newest ones. */
  void changing(int space) {
    changing(space, null, null, true);
  }

  /** After that change: read offers may be taken again. */
  void changed(int space) {
    changed(space, null, null, true);
  }

  /**
   * Before a store change of the user keys {@code lo <= k < hi} only (null {@code hi}: to the end):
   * the other keys' entries stay (a split drops the half it hands off: that must not empty the
   * half that stays).
   */
  void changing(int space, byte[] lo, byte[] hi) {
    changing(space, lo, hi, false);
  }

  /** After {@link #changing(int, byte[], byte[])}. */
  void changed(int space, byte[] lo, byte[] hi) {
    changed(space, lo, hi, false);
  }

  private void changing(int space, byte[] lo, byte[] hi, boolean whole) {
    Space s = space(space);
    synchronized (s) {
      if (s.changes++ == 0) s.stamp.incrementAndGet();
      forget(s, lo, hi, whole);
    }
  }

  private void changed(int space, byte[] lo, byte[] hi, boolean whole) {
    Space s = space(space);
    synchronized (s) {
      forget(s, lo, hi, whole);
      if (--s.changes == 0) s.stamp.incrementAndGet();
    }
  }

  /** Under the space's lock, with its stamp odd. */
  private void forget(Space s, byte[] lo, byte[] hi, boolean whole) {
    if (whole) {
      for (int i = 0; i < SEGMENTS; i++) drop(s, i);
      return;
    }
    for (Segment seg : s.segments) {
      for (java.util.Map.Entry<Key, Version> e : seg.entries.entrySet()) {
        byte[] k = e.getKey().bytes;
        if (Arrays.compareUnsigned(k, lo) < 0 || hi != null && Arrays.compareUnsigned(k, hi) >= 0) continue;
        if (seg.entries.remove(e.getKey(), e.getValue())) {
          long c = cost(e.getKey(), e.getValue());
          seg.bytes.addAndGet(-c);
          usedBytes.addAndGet(-c);
        }
      }
    }
  }

  long usedBytes() {
    return usedBytes.get();
  }

  int size() {
    int n = 0;
    for (Space s : spaces.values()) {
      for (Segment seg : s.segments) n += seg.entries.size();
    }
    return n;
  }

  private Space space(int space) {
    Space s = spaces.get(space);
    return s != null ? s : spaces.computeIfAbsent(space, x -> new Space());
  }

  private Version kept(Version v) {
    return v.value() != null && v.value().length > maxValueBytes ? new Version(v.ts(), NOT_KEPT, false) : v;
  }

  private static Version replace(Key k, Version old, Version v, long[] delta) {
    delta[0] += cost(k, v) - (old == null ? 0 : cost(k, old));
    return v;
  }

  private static long cost(Key k, Version v) {
    byte[] value = v.value();
    return ENTRY_OVERHEAD + k.bytes.length + (value == null ? 0 : value.length);
  }

  /** Under the space's lock, with its stamp odd. */
  private void drop(Space s, int i) {
    Segment old = s.segments[i];
    s.segments[i] = new Segment();
    usedBytes.addAndGet(-old.bytes.get());
  }

  private void account(Segment seg, long delta) {
    if (delta == 0) return;
    seg.bytes.addAndGet(delta);
    if (usedBytes.addAndGet(delta) > budgetBytes) evict();
  }

  /**
   * Drops segments, one space after another, until the entries are down to fifteen sixteenths of
   * the budget. One thread evicts at a time; the others go on. The total is then counted again from
   * the live segments (an offer that raced a drop counted into a segment that is gone).
   */
  private void evict() {
    if (!evicting.compareAndSet(false, true)) return;
    try {
      long target = budgetBytes - budgetBytes / SEGMENTS;
      List<Space> all = new ArrayList<>(spaces.values());
      for (int tried = 0; tried < all.size() * SEGMENTS && usedBytes.get() > target; tried++) {
        Space s = all.get(Math.floorMod(nextSpace++, all.size()));
        synchronized (s) {
          // A space being changed holds nothing.
          if (s.changes > 0) continue;
          s.stamp.incrementAndGet();
          drop(s, s.nextEvicted);
          s.nextEvicted = (s.nextEvicted + 1) % SEGMENTS;
          s.stamp.incrementAndGet();
        }
      }
      long live = 0;
      for (Space s : all) {
        for (Segment seg : s.segments) live += seg.bytes.get();
      }
      usedBytes.set(live);
    } finally {
      evicting.set(false);
    }
  }
}
