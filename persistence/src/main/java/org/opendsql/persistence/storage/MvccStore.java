package org.opendsql.persistence.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The multi-version store of all storage-shard replicas on one node: one RocksDB instance, ranges
 * separated by a 4-byte range-id prefix.
 *
 * <p>Data key: {@code rangeId (4 bytes BE) + userKey + ~commitTs (8 bytes BE)}, so RocksDB's
 * bytewise order lists a key's versions newest first and a read at T is one seek to {@code
 * userKey + ~T}. Value: one flag byte (0 put, 1 tombstone) followed by the value bytes.
 *
 * <p><b>Relied-upon invariant: user keys are prefix-free</b> (the SQL key codec never produces a
 * key that is a proper prefix of another key in the same range). That is what makes the raw order
 * of {@code userKey + suffix} equal to user-key order and lets the user key be recovered by dropping
 * the last 8 bytes; with a prefix pair, versions of "a" would interleave with key "a\0...".
 *
 * <p>The applied position of each range is kept in a separate column family and written in the
 * same WriteBatch as the data, so after any crash data and position agree. Writes are not fsync'd
 * (the WAL is on, so a process crash loses nothing; a machine crash can lose a tail, which is
 * re-applied from the journal starting after the recovered applied position).
 *
 * <p>Point reads first look at the newest versions kept on the heap ({@link NewestVersions}): a
 * read at or above a key's newest version needs no seek.
 *
 * <p>Concurrency: any number of readers; writes to one range ({@link #apply}, {@link #gc}, {@link
 * #dropRange}) must come from a single writer per range. {@link #close} waits for in-flight calls.
 * Timestamps are non-negative (HLC values).
 */
public final class MvccStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte PUT = 0;
  private static final byte TOMBSTONE = 1;
  private static final byte META_APPLIED = 1;
  private static final byte META_GC_HORIZON = 2;
  private static final byte META_BLOB = 3;
  private static final byte META_SPACE_NAME = 4;
  private static final byte META_SPACE_NEXT = 5;
  private static final int TS_BYTES = 8;
  private static final int GC_BATCH = 10_000;
  private static final byte[] META_CF = "meta".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final RocksDB db;
  private final ColumnFamilyHandle data;
  private final ColumnFamilyHandle meta;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final LRUCache cache;
  private final BloomFilter bloom;
  private final WriteOptions writeOptions;
  private final ReadOptions readOptions;
  private final NewestVersions newest;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** RocksDB refuses to close with snapshots held: {@link #close} releases what is left. */
  private final java.util.Set<RangeSnapshot> openSnapshots = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private boolean closed;

  /** What {@link #MvccStore(Path, long)} keeps of keys' newest versions. */
  public static final long DEFAULT_NEWEST_VERSIONS_BYTES = 16L << 20;

  /** Opens (creating if needed) the store in {@code dir} with a block cache of that size. */
  public MvccStore(Path dir, long blockCacheBytes) {
    this(dir, blockCacheBytes, DEFAULT_NEWEST_VERSIONS_BYTES);
  }

  /**
   * Opens the store with a block cache of {@code blockCacheBytes} and up to {@code
   * newestVersionsBytes} of recently read or written keys' newest versions kept on the heap (0:
   * none), which a point read at or above them takes without a RocksDB seek.
   */
  public MvccStore(Path dir, long blockCacheBytes, long newestVersionsBytes) {
    newest = new NewestVersions(newestVersionsBytes);
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StorageException("cannot create " + dir, e);
    }
    dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    cache = new LRUCache(blockCacheBytes);
    // Whole-key bloom filters only help exact gets (the meta column family); MVCC reads are seeks
    // because the version suffix is unknown, and a fixed-length prefix extractor cannot strip it.
    bloom = new BloomFilter(10);
    BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom);
    cfOptions =
        new ColumnFamilyOptions()
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setTableFormatConfig(table);
    List<ColumnFamilyDescriptor> descriptors =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
            new ColumnFamilyDescriptor(META_CF, cfOptions));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      cfOptions.close();
      bloom.close();
      cache.close();
      dbOptions.close();
      throw new StorageException("cannot open MVCC store at " + dir, e);
    }
    data = handles.get(0);
    meta = handles.get(1);
    writeOptions = new WriteOptions(); // sync=false on purpose: storage is rebuilt from the journal
    readOptions = new ReadOptions();
  }

  /**
   * Atomically writes {@code writes} as versions at {@code commitTs} and records {@code
   * appliedPosition} for the range. Re-applying the same position is harmless (same keys, same
   * values).
   */
  public void apply(int rangeId, long commitTs, List<Write> writes, long appliedPosition) {
    applyAll(rangeId, 0, List.of(new Commit(commitTs, writes)), appliedPosition);
  }

  /** The writes of one committed transaction, versioned at its commit timestamp. */
  public record Commit(long commitTs, List<Write> writes) {}

  /** A version as {@link #applyAll} stored it: raw key and flagged value. */
  private record Written(byte[] key, long ts, byte[] value) {}

  /**
   * Applies several transactions and records the applied position of {@code source} (a journal)
   * in ONE atomic write: a crash leaves either all of a journal entry's writes for the range with
   * its position, or none. Each source has its own position; versions from several sources may
   * interleave in time, which multi-versioning makes harmless.
   */
  public void applyAll(int rangeId, int source, List<Commit> commits, long appliedPosition) {
    for (Commit c : commits) {
      if (c.commitTs() < 0) throw new IllegalArgumentException("negative commit timestamp " + c.commitTs());
    }
    lifecycle.readLock().lock();
    // Offered after the write, with the bytes written: what is kept is exactly what was stored.
    List<Written> written = newest.enabled() ? new ArrayList<>() : null;
    try (WriteBatch batch = new WriteBatch()) {
      ensureOpen();
      for (Commit c : commits) {
        for (Write w : c.writes()) {
          byte[] value;
          if (w.isDelete()) {
            value = new byte[] {TOMBSTONE};
          } else {
            byte[] v = w.value();
            value = new byte[1 + v.length];
            value[0] = PUT;
            System.arraycopy(v, 0, value, 1, v.length);
          }
          byte[] key = versionKey(rangeId, w.key(), c.commitTs());
          batch.put(data, key, value);
          if (written != null) written.add(new Written(key, c.commitTs(), value));
        }
      }
      batch.put(meta, metaKey(rangeId, source), longBytes(appliedPosition));
      db.write(writeOptions, batch);
      if (written != null) {
        for (Written w : written) {
          newest.offerWritten(rangeId, Arrays.copyOfRange(w.key(), 4, w.key().length - TS_BYTES),
              new NewestVersions.Version(w.ts(), w.value()[0] == TOMBSTONE ? null
                  : Arrays.copyOfRange(w.value(), 1, w.value().length)));
        }
      }
    } catch (RocksDBException e) {
      throw new StorageException("apply to range " + rangeId + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The last position recorded by {@link #apply} for the range, 0 if none. */
  public long appliedPosition(int rangeId) {
    return appliedPosition(rangeId, 0);
  }

  /** The last position of {@code source} recorded by {@link #applyAll} for the range, 0 if none. */
  public long appliedPosition(int rangeId, int source) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      byte[] v = db.get(meta, readOptions, metaKey(rangeId, source));
      return v == null ? 0 : readLong(v, 0);
    } catch (RocksDBException e) {
      throw new StorageException("reading applied position of range " + rangeId + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The value of the newest version at or below {@code readTs}; null if none or a tombstone. */
  public byte[] get(int rangeId, byte[] key, long readTs) {
    if (readTs < 0) return null;
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return getOpen(rangeId, key, readTs);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private byte[] getOpen(int rangeId, byte[] key, long readTs) {
    NewestVersions.Version known = newest.newest(rangeId, key);
    if (known != null) {
      if (known.ts() <= readTs && known.value() != NewestVersions.NOT_KEPT) {
        return known.value() == null ? null : known.value().clone();
      }
      return getAt(rangeId, key, readTs);
    }
    long stamp = newest.stamp(rangeId);
    if (stamp < 0) return getAt(rangeId, key, readTs);
    try (RocksIterator it = db.newIterator(data, readOptions)) {
      // The smallest suffix a version can have (commit timestamps are not negative): the seek
      // lands on the key's newest version, which is kept. Not the all-zero suffix: that would land
      // on the versions of a longer key this one is a prefix of (raw keys of the kv tests are not
      // prefix-free) instead of stepping over them as a read at a timestamp does.
      it.seek(versionKey(rangeId, key, Long.MAX_VALUE));
      if (!it.isValid() || !isVersionOf(it.key(), rangeId, key)) return null;
      for (int older = 0; ; older++) {
        byte[] raw = it.key();
        long ts = ~readLong(raw, raw.length - TS_BYTES);
        byte[] v = it.value();
        byte[] value = v[0] == TOMBSTONE ? null : Arrays.copyOfRange(v, 1, v.length);
        if (older == 0) newest.offerRead(rangeId, key.clone(), stamp, new NewestVersions.Version(ts, value));
        if (ts <= readTs) return older == 0 && value != null ? value.clone() : value;
        // A read below the newest version: a few steps down, else a seek.
        if (older == 4) return getAt(rangeId, key, readTs);
        it.next();
        if (!it.isValid() || !isVersionOf(it.key(), rangeId, key)) return null;
      }
    }
  }

  private byte[] getAt(int rangeId, byte[] key, long readTs) {
    try (RocksIterator it = db.newIterator(data, readOptions)) {
      it.seek(versionKey(rangeId, key, readTs));
      if (!it.isValid() || !isVersionOf(it.key(), rangeId, key)) {
        return null;
      }
      byte[] v = it.value();
      return v[0] == TOMBSTONE ? null : Arrays.copyOfRange(v, 1, v.length);
    }
  }

  /**
   * Up to {@code limit} visible entries in ascending unsigned key order, from {@code from}
   * (null = start of range; exclusive when {@code fromExclusive}) to {@code to} (exclusive; null =
   * end of range). {@code more} is true only when another key (possibly deleted or newer than
   * readTs) exists in the bounds after the last entry returned.
   */
  public ScanPage scan(int rangeId, byte[] from, boolean fromExclusive, byte[] to, long readTs, int limit) {
    return scan(rangeId, from, fromExclusive, to, readTs, limit, null, Integer.MAX_VALUE);
  }

  /**
   * {@link #scan} that returns only the visible entries whose value {@code keep} accepts (null:
   * all), each value as {@code keep} returns it (a projection), and stops after examining {@code
   * maxExamined} visible entries: the page's {@code resumeAfter} is then the last key examined,
   * past its last entry, and the caller resumes after it.
   */
  public ScanPage scan(int rangeId, byte[] from, boolean fromExclusive, byte[] to, long readTs, int limit,
      java.util.function.UnaryOperator<byte[]> keep, int maxExamined) {
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    if (readTs < 0) return new ScanPage(List.of(), false);
    byte[] rangePrefix = intBytes(rangeId);
    byte[] rangeEnd = nextPrefix(rangePrefix);
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return scanOpen(rangeId, rangePrefix, rangeEnd, from, fromExclusive, to, readTs, limit, keep, maxExamined);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private ScanPage scanOpen(
      int rangeId, byte[] rangePrefix, byte[] rangeEnd, byte[] from, boolean fromExclusive, byte[] to,
      long readTs, int limit, java.util.function.UnaryOperator<byte[]> keep, int maxExamined) {
    List<KvEntry> out = new ArrayList<>(Math.min(limit, 1024));
    boolean more = false;
    byte[] examinedThrough = null;
    int examined = 0;
    try (Slice upper = rangeEnd == null ? null : new Slice(rangeEnd);
        ReadOptions ro = upper == null ? new ReadOptions() : new ReadOptions().setIterateUpperBound(upper);
        RocksIterator it = db.newIterator(data, ro)) {
      it.seek(from == null ? rangePrefix : concat(rangePrefix, from));
      while (it.isValid()) {
        byte[] raw = it.key();
        if (!startsWith(raw, rangePrefix)) break;
        byte[] uk = Arrays.copyOfRange(raw, 4, raw.length - TS_BYTES);
        if (to != null && Arrays.compareUnsigned(uk, to) >= 0) break;
        if (from != null) {
          int c = Arrays.compareUnsigned(uk, from);
          if (c < 0 || (c == 0 && fromExclusive)) {
            skipPast(it, rangeId, uk);
            continue;
          }
        }
        if (out.size() == limit || examined == maxExamined) {
          more = true;
          break;
        }
        if (~readLong(raw, raw.length - TS_BYTES) > readTs) {
          it.seek(versionKey(rangeId, uk, readTs));
          if (!it.isValid() || !isVersionOf(it.key(), rangeId, uk)) continue;
        }
        byte[] v = it.value();
        if (v[0] == PUT) {
          examined++;
          byte[] value = Arrays.copyOfRange(v, 1, v.length);
          if (keep != null) value = keep.apply(value);
          if (value != null) out.add(new KvEntry(uk, value));
        }
        examinedThrough = uk;
        skipPast(it, rangeId, uk);
      }
    }
    if (keep == null || !more) return new ScanPage(out, more);
    return new ScanPage(out, true, examinedThrough);
  }

  /**
   * Removes versions no read at or after {@code horizonTs} can see: for each key, every version
   * older than its newest version at or below the horizon, and that newest version too when it is a
   * tombstone. Versions above the horizon are untouched. Returns the number of versions removed.
   */
  public long gc(int rangeId, long horizonTs) {
    byte[] rangePrefix = intBytes(rangeId);
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return gcOpen(rangeId, rangePrefix, horizonTs);
    } catch (RocksDBException e) {
      throw new StorageException("gc of range " + rangeId + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private long gcOpen(int rangeId, byte[] rangePrefix, long horizonTs) throws RocksDBException {
    long removed = 0;
    try (RocksIterator it = db.newIterator(data, readOptions)) {
      WriteBatch batch = new WriteBatch();
      try {
        byte[] currentKey = null;
        boolean sawNewestAtHorizon = false;
        for (it.seek(rangePrefix); it.isValid(); it.next()) {
          byte[] raw = it.key();
          if (!startsWith(raw, rangePrefix)) break;
          byte[] uk = Arrays.copyOfRange(raw, 4, raw.length - TS_BYTES);
          if (currentKey == null || !Arrays.equals(uk, currentKey)) {
            currentKey = uk;
            sawNewestAtHorizon = false;
          }
          long ts = ~readLong(raw, raw.length - TS_BYTES);
          if (ts > horizonTs) continue;
          boolean delete;
          if (!sawNewestAtHorizon) {
            sawNewestAtHorizon = true;
            delete = it.value()[0] == TOMBSTONE;
          } else {
            delete = true;
          }
          if (delete) {
            batch.delete(data, raw);
            removed++;
            if (batch.count() >= GC_BATCH) {
              db.write(writeOptions, batch);
              batch.close();
              batch = new WriteBatch();
            }
          }
        }
        // The horizon goes with the last deletions: a restarted replica refuses reads below it.
        batch.put(meta, gcHorizonKey(rangeId), longBytes(Math.max(horizonTs, gcHorizonOpen(rangeId))));
        db.write(writeOptions, batch);
      } finally {
        batch.close();
      }
    }
    return removed;
  }

  /**
   * Makes everything written so far survive a machine crash (fsync of the WAL). A position read
   * before this call returns is durable once it returns: what a replica may report as applied
   * for journal truncation.
   */
  public void syncWal() {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw new StorageException("syncing the storage WAL failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** One stored version of a range, as exported by {@link RangeSnapshot}: key without range prefix. */
  public record RawVersion(byte[] key, byte[] value) {}

  /**
   * A consistent copy-on-read view of one range (every version and the applied positions, from
   * the same RocksDB snapshot), read page by page; it pins old files until closed.
   */
  public final class RangeSnapshot implements AutoCloseable {
    private final int rangeId;
    private final byte[] lo;
    private final byte[] hi;
    private final org.rocksdb.Snapshot snapshot;
    private final ReadOptions options;
    private boolean released;

    private RangeSnapshot(int rangeId, byte[] lo, byte[] hi) {
      this.rangeId = rangeId;
      this.lo = lo;
      this.hi = hi;
      this.snapshot = db.getSnapshot();
      this.options = new ReadOptions().setSnapshot(snapshot);
    }

    /** The applied position of each source 0..sources-1 in this snapshot. */
    public long[] positions(int sources) {
      long[] out = new long[sources];
      lifecycle.readLock().lock();
      try {
        ensureOpen();
        for (int s = 0; s < sources; s++) {
          byte[] v = db.get(meta, options, metaKey(rangeId, s));
          out[s] = v == null ? 0 : readLong(v, 0);
        }
        return out;
      } catch (RocksDBException e) {
        throw new StorageException("reading positions of range " + rangeId + " failed", e);
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    /** The GC horizon in this snapshot: versions below it may be gone. */
    public long gcHorizon() {
      lifecycle.readLock().lock();
      try {
        ensureOpen();
        byte[] v = db.get(meta, options, gcHorizonKey(rangeId));
        return v == null ? 0 : readLong(v, 0);
      } catch (RocksDBException e) {
        throw new StorageException("reading the GC horizon of range " + rangeId + " failed", e);
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    /**
     * Versions after {@code afterKey} (null: from the start), in key order, until about {@code
     * maxBytes} of keys and values; an empty page means the end.
     */
    public List<RawVersion> page(byte[] afterKey, int maxBytes) {
      byte[] prefix = intBytes(rangeId);
      List<RawVersion> out = new ArrayList<>();
      lifecycle.readLock().lock();
      try {
        ensureOpen();
        return pageOpen(prefix, afterKey, maxBytes, out);
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    private List<RawVersion> pageOpen(byte[] prefix, byte[] afterKey, int maxBytes, List<RawVersion> out) {
      try (RocksIterator it = db.newIterator(data, options)) {
        if (afterKey == null) {
          it.seek(lo == null ? prefix : concat(prefix, lo));
        } else {
          it.seek(concat(prefix, afterKey));
          if (it.isValid() && Arrays.equals(it.key(), concat(prefix, afterKey))) it.next();
        }
        int bytes = 0;
        for (; it.isValid() && bytes < maxBytes; it.next()) {
          byte[] raw = it.key();
          if (!startsWith(raw, prefix)) break;
          if (hi != null && Arrays.compareUnsigned(raw, 4, raw.length - TS_BYTES, hi, 0, hi.length) >= 0) break;
          byte[] value = it.value();
          out.add(new RawVersion(Arrays.copyOfRange(raw, 4, raw.length), value));
          bytes += raw.length + value.length;
        }
        return out;
      }
    }

    @Override
    public void close() {
      lifecycle.readLock().lock();
      try {
        release();
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    private synchronized void release() {
      if (released) return;
      released = true;
      openSnapshots.remove(this);
      if (!closed) db.releaseSnapshot(snapshot);
      options.close();
    }
  }

  /** A consistent view of {@code rangeId} to copy to a new replica elsewhere. */
  public RangeSnapshot snapshot(int rangeId) {
    return snapshot(rangeId, null, null);
  }

  /**
   * A consistent view of the user keys {@code lo <= k < hi} of key space {@code rangeId} (null
   * bounds: open).
   */
  public RangeSnapshot snapshot(int rangeId, byte[] lo, byte[] hi) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      RangeSnapshot snap = new RangeSnapshot(rangeId, lo, hi);
      openSnapshots.add(snap);
      return snap;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** What {@link #copyRange} copied: the positions and GC horizon it installed, and how many versions. */
  public record Copied(long[] positions, long gcHorizon, long versions) {}

  /**
   * Replaces {@code toRangeId}'s content by a consistent copy of {@code fromRangeId}'s (versions,
   * positions of sources 0..sources-1, GC horizon), positions last as in a copy from a peer.
   */
  public Copied copyRange(int fromRangeId, int toRangeId, int sources, int pageBytes) {
    newest.changing(toRangeId);
    try {
      dropRange(toRangeId);
      try (RangeSnapshot snap = snapshot(fromRangeId)) {
        long[] positions = snap.positions(sources);
        long horizon = snap.gcHorizon();
        long versions = installPages(snap, toRangeId, pageBytes);
        installPositions(toRangeId, positions, horizon);
        return new Copied(positions, horizon, versions);
      }
    } finally {
      newest.changed(toRangeId);
    }
  }

  /**
   * Replaces {@code toRangeId}'s content by a consistent copy of the keys {@code lo <= k < hi} of
   * {@code fromRangeId}, then sets the positions and GC horizon given (those of the moment the
   * interval stopped changing in the source), last.
   */
  public long copyInterval(int fromRangeId, int toRangeId, byte[] lo, byte[] hi, int pageBytes, long[] positions,
      long gcHorizon) {
    newest.changing(toRangeId);
    try {
      dropRange(toRangeId);
      long versions;
      try (RangeSnapshot snap = snapshot(fromRangeId, lo, hi)) {
        versions = installPages(snap, toRangeId, pageBytes);
      }
      installPositions(toRangeId, positions, gcHorizon);
      return versions;
    } finally {
      newest.changed(toRangeId);
    }
  }

  /** Installs every version of {@code snap} into {@code toRangeId}, page by page; returns how many. */
  private long installPages(RangeSnapshot snap, int toRangeId, int pageBytes) {
    long versions = 0;
    byte[] after = null;
    for (List<RawVersion> page; !(page = snap.page(after, pageBytes)).isEmpty(); ) {
      installVersions(toRangeId, page);
      versions += page.size();
      after = page.get(page.size() - 1).key();
    }
    return versions;
  }

  /** Deletes every version of the user keys {@code lo <= k < hi} (null {@code hi}: to the end) of a key space. */
  public void dropInterval(int rangeId, byte[] lo, byte[] hi) {
    byte[] prefix = intBytes(rangeId);
    byte[] start = concat(prefix, lo);
    byte[] end = hi == null ? nextPrefix(prefix) : concat(prefix, hi);
    lifecycle.readLock().lock();
    newest.changing(rangeId, lo, hi);
    try (WriteBatch batch = new WriteBatch()) {
      ensureOpen();
      if (end == null) {
        try (RocksIterator it = db.newIterator(data, readOptions)) {
          for (it.seek(start); it.isValid() && startsWith(it.key(), prefix); it.next()) batch.delete(data, it.key());
        }
      } else {
        batch.deleteRange(data, start, end);
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("dropping keys of range " + rangeId + " failed", e);
    } finally {
      newest.changed(rangeId, lo, hi);
      lifecycle.readLock().unlock();
    }
  }

  /**
   * The key space named {@code name} in this store, allocated on first use and kept across
   * restarts: a replica's data stays where it was whatever the cluster's range ids are.
   */
  public synchronized int space(String name) {
    Integer known = existingSpace(name);
    if (known != null) return known;
    lifecycle.readLock().lock();
    try (WriteBatch batch = new WriteBatch()) {
      ensureOpen();
      byte[] next = db.get(meta, readOptions, new byte[] {META_SPACE_NEXT});
      int id = next == null ? 1 : (int) readLong(next, 0);
      batch.put(meta, spaceNameKey(name), longBytes(id));
      batch.put(meta, new byte[] {META_SPACE_NEXT}, longBytes(id + 1L));
      db.write(writeOptions, batch);
      return id;
    } catch (RocksDBException e) {
      throw new StorageException("allocating a key space for " + name + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The key space named {@code name}, or null if none was allocated. */
  public Integer existingSpace(String name) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      byte[] v = db.get(meta, readOptions, spaceNameKey(name));
      return v == null ? null : (int) readLong(v, 0);
    } catch (RocksDBException e) {
      throw new StorageException("reading the key space of " + name + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Stores a small record of a key space's owner under {@code tag} and {@code name} (null value: deletes it). */
  public void putRecord(int rangeId, byte tag, byte[] name, byte[] value) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      if (value == null) db.delete(meta, writeOptions, recordKey(rangeId, tag, name));
      else db.put(meta, writeOptions, recordKey(rangeId, tag, name), value);
    } catch (RocksDBException e) {
      throw new StorageException("writing a record of range " + rangeId + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The record stored by {@link #putRecord}, or null. */
  public byte[] record(int rangeId, byte tag, byte[] name) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return db.get(meta, readOptions, recordKey(rangeId, tag, name));
    } catch (RocksDBException e) {
      throw new StorageException("reading a record of range " + rangeId + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Every record of the key space under {@code tag}, as {name, value} pairs. */
  public List<byte[][]> records(int rangeId, byte tag) {
    byte[] prefix = recordKey(rangeId, tag, new byte[0]);
    List<byte[][]> out = new ArrayList<>();
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      try (RocksIterator it = db.newIterator(meta, readOptions)) {
        for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
          byte[] k = it.key();
          out.add(new byte[][] {Arrays.copyOfRange(k, prefix.length, k.length), it.value()});
        }
      }
      return out;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Writes versions exported by a peer's {@link RangeSnapshot} into {@code rangeId}. The applied
   * positions are set separately, last, by {@link #installPositions}: a crash in between leaves the
   * range with no position, so its replica starts the copy again instead of trusting half of it.
   */
  public void installVersions(int rangeId, List<RawVersion> versions) {
    byte[] prefix = intBytes(rangeId);
    lifecycle.readLock().lock();
    newest.changing(rangeId);
    try (WriteBatch batch = new WriteBatch()) {
      ensureOpen();
      for (RawVersion v : versions) batch.put(data, concat(prefix, v.key()), v.value());
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("installing versions into range " + rangeId + " failed", e);
    } finally {
      newest.changed(rangeId);
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Sets the applied position of each source 0..n-1 of {@code rangeId} and its GC horizon (the
   * copied snapshot's), in one write.
   */
  public void installPositions(int rangeId, long[] positions, long gcHorizon) {
    lifecycle.readLock().lock();
    try (WriteBatch batch = new WriteBatch()) {
      ensureOpen();
      for (int s = 0; s < positions.length; s++) batch.put(meta, metaKey(rangeId, s), longBytes(positions[s]));
      batch.put(meta, gcHorizonKey(rangeId), longBytes(gcHorizon));
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("installing positions of range " + rangeId + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The horizon of the last {@link #gc} of the range (0 if none): reads below it may miss versions. */
  public long gcHorizon(int rangeId) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return gcHorizonOpen(rangeId);
    } catch (RocksDBException e) {
      throw new StorageException("reading the GC horizon of range " + rangeId + " failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private long gcHorizonOpen(int rangeId) throws RocksDBException {
    byte[] v = db.get(meta, readOptions, gcHorizonKey(rangeId));
    return v == null ? 0 : readLong(v, 0);
  }

  /** Deletes all versions and the applied position of a range (its replica left this node). */
  public void dropRange(int rangeId) {
    byte[] rangePrefix = intBytes(rangeId);
    byte[] rangeEnd = nextPrefix(rangePrefix);
    lifecycle.readLock().lock();
    newest.changing(rangeId);
    try (WriteBatch batch = new WriteBatch()) {
      ensureOpen();
      if (rangeEnd != null) {
        batch.deleteRange(data, rangePrefix, rangeEnd);
      } else {
        try (RocksIterator it = db.newIterator(data, readOptions)) {
          for (it.seek(rangePrefix); it.isValid() && startsWith(it.key(), rangePrefix); it.next()) {
            batch.delete(data, it.key());
          }
        }
      }
      byte[] metaEnd = java.util.Arrays.copyOf(metaKey(rangeId, -1), 10);
      batch.deleteRange(meta, metaKey(rangeId, 0), metaEnd);
      batch.delete(meta, gcHorizonKey(rangeId));
      byte[] records = recordKey(rangeId, (byte) 0, new byte[0]);
      batch.deleteRange(meta, Arrays.copyOf(records, 5), nextPrefix(Arrays.copyOf(records, 5)));
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("dropping range " + rangeId + " failed", e);
    } finally {
      newest.changed(rangeId);
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) return;
      for (RangeSnapshot snap : List.copyOf(openSnapshots)) snap.release();
      closed = true;
      try {
        db.flushWal(true);
      } catch (RocksDBException e) {
        // Best effort only: the WAL is re-read on open anyway and the journal can rebuild the rest.
      }
      readOptions.close();
      writeOptions.close();
      data.close();
      meta.close();
      db.close();
      cfOptions.close();
      bloom.close();
      cache.close();
      dbOptions.close();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) throw new StorageException("MVCC store is closed");
  }

  // Moves to the first entry of the next user key: a few next() calls cover the usual one or two
  // versions; a seek bounds the cost for keys with many versions.
  private static void skipPast(RocksIterator it, int rangeId, byte[] uk) {
    for (int i = 0; i < 3; i++) {
      it.next();
      if (!it.isValid() || !isVersionOf(it.key(), rangeId, uk)) return;
    }
    it.seek(versionKey(rangeId, uk, 0)); // the oldest possible version of uk
    while (it.isValid() && isVersionOf(it.key(), rangeId, uk)) it.next();
  }

  private static boolean isVersionOf(byte[] raw, int rangeId, byte[] uk) {
    if (raw.length != 4 + uk.length + TS_BYTES) return false;
    if (readInt(raw) != rangeId) return false;
    return Arrays.equals(raw, 4, 4 + uk.length, uk, 0, uk.length);
  }

  static byte[] versionKey(int rangeId, byte[] userKey, long ts) {
    byte[] k = new byte[4 + userKey.length + TS_BYTES];
    putInt(k, 0, rangeId);
    System.arraycopy(userKey, 0, k, 4, userKey.length);
    putLong(k, 4 + userKey.length, ~ts);
    return k;
  }

  private static byte[] gcHorizonKey(int rangeId) {
    byte[] k = new byte[5];
    k[0] = META_GC_HORIZON;
    putInt(k, 1, rangeId);
    return k;
  }

  private static byte[] recordKey(int rangeId, byte tag, byte[] name) {
    byte[] k = new byte[6 + name.length];
    k[0] = META_BLOB;
    putInt(k, 1, rangeId);
    k[5] = tag;
    System.arraycopy(name, 0, k, 6, name.length);
    return k;
  }

  private static byte[] spaceNameKey(String name) {
    byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] k = new byte[1 + n.length];
    k[0] = META_SPACE_NAME;
    System.arraycopy(n, 0, k, 1, n.length);
    return k;
  }

  private static byte[] metaKey(int rangeId, int source) {
    byte[] k = new byte[9];
    k[0] = META_APPLIED;
    putInt(k, 1, rangeId);
    putInt(k, 5, source);
    return k;
  }

  private static byte[] intBytes(int v) {
    byte[] b = new byte[4];
    putInt(b, 0, v);
    return b;
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    return b;
  }

  /** The smallest byte string greater than every string starting with p, or null if none exists. */
  private static byte[] nextPrefix(byte[] p) {
    byte[] n = p.clone();
    for (int i = n.length - 1; i >= 0; i--) {
      if (n[i] != (byte) 0xFF) {
        n[i]++;
        return Arrays.copyOf(n, i + 1);
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static int readInt(byte[] b) {
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xFF);
    return v;
  }
}
