package org.opendsql.persistence.storage;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest stored version of recently read or written keys, per key space, within a byte budget:
 * a point read at or above a key's newest version needs no RocksDB seek (a seek walks the memtables
 * and every level, since no bloom filter can strip the version suffix).
 *
 * <p><b>Invariant</b>: an entry, when present, is the newest version of its key among the versions
 * whose write has completed (the store writes a version, then offers it here, then returns). Three
 * ways in, each keeping it:
 *
 * <ul>
 *   <li>{@link #offerWritten} after a store write, unconditionally: the newer of the two stays.
 *   <li>{@link #offerRead} by a reader who found the newest version in the store: it may have read
 *       before a concurrent write landed. The newer-wins rule covers a write that has offered its
 *       version already, unless that entry was removed in between; every removal therefore moves
 *       the key space's stamp first, and a read offer is taken only if the stamp it took before
 *       reading the store is still current, checked under the key's lock.
 *   <li>{@link #changing}/{@link #changed} around a store change that may add older versions or
 *       remove the newest (installs, copies, drops): the space's entries go, and no read offer
 *       stamped before or during the change is taken.
 * </ul>
 *
 * Writes to one key space come from one writer at a time (the store's rule), so {@link #offerWritten}
 * never races a change of its own space.
 */
final class NewestVersions {
  /** What an entry costs beyond its key and value bytes (map node, key and entry objects). */
  static final int ENTRY_OVERHEAD = 112;

  /** A version: {@code value} null for a tombstone, {@link #NOT_KEPT} when too large to keep here. */
  record Version(long ts, byte[] value) {}

  /** The value of a version known to be the newest but too large to keep: read it from the store. */
  static final byte[] NOT_KEPT = new byte[0];

  private static final class Key {
    final byte[] bytes;
    final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
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

  private static final class Space {
    /**
     * Odd while entries are being removed (a change or an eviction); moves before the first removal
     * and after the last. Changed only under the space's lock, so that removals do not interleave.
     */
    final AtomicLong stamp = new AtomicLong();
    /** Changes under way (under the space's lock). */
    int changes;
    final ConcurrentHashMap<Key, Version> entries = new ConcurrentHashMap<>();
  }

  private final long budgetBytes;
  /** A larger value is not kept, only its timestamp (so that an older entry cannot stand in for it). */
  private final long maxValueBytes;
  private final AtomicLong usedBytes = new AtomicLong();
  private final AtomicBoolean evicting = new AtomicBoolean();
  private final ConcurrentHashMap<Integer, Space> spaces = new ConcurrentHashMap<>();

  /** A budget of 0 keeps nothing. */
  NewestVersions(long budgetBytes) {
    if (budgetBytes < 0) throw new IllegalArgumentException("negative budget " + budgetBytes);
    this.budgetBytes = budgetBytes;
    this.maxValueBytes = budgetBytes / 64;
  }

  boolean enabled() {
    return budgetBytes > 0;
  }

  /** The key's newest version if known, else null. */
  Version newest(int space, byte[] key) {
    Space s = spaces.get(space);
    return s == null ? null : s.entries.get(new Key(key));
  }

  /** To take before reading the store for {@link #offerRead}: -1 while the space's entries are being removed. */
  long stamp(int space) {
    if (budgetBytes == 0) return -1;
    long st = space(space).stamp.get();
    return (st & 1) == 0 ? st : -1;
  }

  /** A version the reader found to be the key's newest, after taking {@code stamp}. */
  void offerRead(int space, byte[] key, long stamp, Version v) {
    if (stamp < 0) return;
    Space s = space(space);
    long[] delta = {0};
    s.entries.compute(new Key(key), (k, old) -> {
      if (s.stamp.get() != stamp) return old;
      return newer(k, old, v, delta);
    });
    account(delta[0]);
  }

  /** A version just written to the store. */
  void offerWritten(int space, byte[] key, Version v) {
    if (budgetBytes == 0) return;
    Space s = space(space);
    long[] delta = {0};
    s.entries.compute(new Key(key), (k, old) -> newer(k, old, v, delta));
    account(delta[0]);
  }

  /** Before a store change of the space that may add older versions or remove its newest ones. */
  void changing(int space) {
    Space s = space(space);
    synchronized (s) {
      if (s.changes++ == 0) s.stamp.incrementAndGet();
      clear(s);
    }
  }

  /** After that change: read offers may be taken again. */
  void changed(int space) {
    Space s = space(space);
    synchronized (s) {
      clear(s);
      if (--s.changes == 0) s.stamp.incrementAndGet();
    }
  }

  long usedBytes() {
    return usedBytes.get();
  }

  int size() {
    int n = 0;
    for (Space s : spaces.values()) n += s.entries.size();
    return n;
  }

  private Space space(int space) {
    Space s = spaces.get(space);
    return s != null ? s : spaces.computeIfAbsent(space, x -> new Space());
  }

  private Version newer(Key k, Version old, Version v, long[] delta) {
    if (old != null && old.ts() >= v.ts()) return old;
    if (v.value() != null && v.value().length > maxValueBytes) v = new Version(v.ts(), NOT_KEPT);
    delta[0] += cost(k, v) - (old == null ? 0 : cost(k, old));
    return v;
  }

  private static long cost(Key k, Version v) {
    return ENTRY_OVERHEAD + k.bytes.length + (v.value() == null ? 0 : v.value().length);
  }

  private void clear(Space s) {
    for (Iterator<Map.Entry<Key, Version>> it = s.entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Version> e = it.next();
      if (s.entries.remove(e.getKey(), e.getValue())) usedBytes.addAndGet(-cost(e.getKey(), e.getValue()));
    }
  }

  private void account(long delta) {
    if (delta == 0) return;
    if (usedBytes.addAndGet(delta) > budgetBytes) evict();
  }

  /**
   * Brings the entries down to seven eighths of the budget, taking them in the maps' own order
   * (hash order: no better than random, and no bookkeeping on the read path). One thread evicts at
   * a time; the others go on.
   */
  private void evict() {
    if (!evicting.compareAndSet(false, true)) return;
    try {
      long target = budgetBytes - budgetBytes / 8;
      for (Space s : spaces.values()) {
        if (usedBytes.get() <= target) break;
        synchronized (s) {
          // A space being changed was cleared and its stamp is odd already.
          if (s.changes > 0) continue;
          s.stamp.incrementAndGet();
          try {
            for (Iterator<Map.Entry<Key, Version>> it = s.entries.entrySet().iterator();
                it.hasNext() && usedBytes.get() > target; ) {
              Map.Entry<Key, Version> e = it.next();
              if (s.entries.remove(e.getKey(), e.getValue())) usedBytes.addAndGet(-cost(e.getKey(), e.getValue()));
            }
          } finally {
            s.stamp.incrementAndGet();
          }
        }
      }
    } finally {
      evicting.set(false);
    }
  }
}
