package org.opendsql.sql.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.time.Hlc;
import org.opendsql.core.codec.Bytes;

/**
 * An in-memory multi-version store with first-committer-wins commits, counting calls so tests
 * can assert on access paths and read-ahead. Time can be moved forward to test the age limit.
 */
public final class MemKvStore implements KvStore {
  private final TreeMap<byte[], TreeMap<Long, byte[]>> versions = new TreeMap<>(Bytes.UNSIGNED);
  /** The last commit that locked each key FOR UPDATE: it conflicts like a write, stores no version. */
  private final TreeMap<byte[], Long> lockedAt = new TreeMap<>(Bytes.UNSIGNED);
  private final AtomicLong skewMicros = new AtomicLong();
  private final Hlc clock = new Hlc(() -> Hlc.SYSTEM.micros() + skewMicros.get());
  private final AtomicLong ids = new AtomicLong(1);
  public final AtomicInteger gets = new AtomicInteger();
  public final AtomicInteger scans = new AtomicInteger();
  public final AtomicInteger commits = new AtomicInteger();
  public final AtomicLong scannedEntries = new AtomicLong();
  /** Scans that carried a filter storage evaluates, and the entries those returned after it. */
  public final AtomicInteger filteredScans = new AtomicInteger();
  public final AtomicLong filteredEntries = new AtomicLong();
  /** The last filtered or projected scan's request. */
  public volatile ScanSpec lastSpec;
  /** Aggregates computed by the store instead of reading rows out. */
  public final AtomicInteger storeAggregates = new AtomicInteger();

  public void advanceMicros(long micros) {
    skewMicros.addAndGet(micros);
  }

  public void resetCounters() {
    gets.set(0);
    scans.set(0);
    commits.set(0);
    scannedEntries.set(0);
    filteredScans.set(0);
    filteredEntries.set(0);
    storeAggregates.set(0);
  }

  @Override
  public Cursor openScan(byte[] from, boolean fromExclusive, byte[] to, long readTs, ScanSpec spec) {
    Cursor filtered = KvStore.super.openScan(from, fromExclusive, to, readTs, spec);
    if (spec == null) return filtered;
    filteredScans.incrementAndGet();
    lastSpec = spec;
    return limit -> filtered.next(limit).thenApply(page -> {
      filteredEntries.addAndGet(page.entries().size());
      return page;
    });
  }

  @Override
  public CompletionStage<Object[]> aggregate(byte[] from, byte[] to, long readTs, ScanSpec spec) {
    storeAggregates.incrementAndGet();
    return KvStore.super.aggregate(from, to, readTs, spec);
  }

  @Override
  public long now() {
    return clock.now();
  }

  @Override
  public long uniqueId() {
    return ids.getAndIncrement();
  }

  @Override
  public synchronized CompletionStage<byte[]> get(byte[] key, long readTs) {
    gets.incrementAndGet();
    return CompletableFuture.completedFuture(visible(key, readTs));
  }

  private byte[] visible(byte[] key, long readTs) {
    TreeMap<Long, byte[]> v = versions.get(key);
    if (v == null) return null;
    Map.Entry<Long, byte[]> e = v.floorEntry(readTs);
    return e == null ? null : e.getValue();
  }

  @Override
  public synchronized CompletionStage<ScanPage> scan(byte[] from, boolean fromExclusive, byte[] to, long readTs, int limit) {
    scans.incrementAndGet();
    List<KvEntry> out = new ArrayList<>();
    boolean more = false;
    for (Map.Entry<byte[], TreeMap<Long, byte[]>> e : versions.subMap(from, !fromExclusive, to, false).entrySet()) {
      byte[] v = visible(e.getKey(), readTs);
      if (v == null) continue;
      if (out.size() == limit) {
        more = true;
        break;
      }
      out.add(new KvEntry(e.getKey(), v));
    }
    scannedEntries.addAndGet(out.size());
    return CompletableFuture.completedFuture(new ScanPage(out, more));
  }

  @Override
  public synchronized CompletionStage<Long> commit(long tauStart, List<Write> writes, List<byte[]> lockedKeys,
      List<byte[]> schemaKeys) {
    commits.incrementAndGet();
    for (byte[] k : schemaKeys) {
      if (changedAfter(k, tauStart)) return CompletableFuture.failedFuture(Errors.schemaConflict());
    }
    for (Write w : writes) {
      if (changedAfter(w.key(), tauStart)) return CompletableFuture.failedFuture(Errors.writeConflict());
    }
    for (byte[] k : lockedKeys) {
      if (changedAfter(k, tauStart)) return CompletableFuture.failedFuture(Errors.writeConflict());
    }
    long ts = clock.now();
    for (Write w : writes) versions.computeIfAbsent(w.key(), k -> new TreeMap<>()).put(ts, w.value());
    for (byte[] k : lockedKeys) lockedAt.put(k, ts);
    return CompletableFuture.completedFuture(ts);
  }

  private boolean changedAfter(byte[] key, long ts) {
    TreeMap<Long, byte[]> v = versions.get(key);
    Long locked = lockedAt.get(key);
    return (v != null && v.lastKey() > ts) || (locked != null && locked > ts);
  }

  /** How many versions are stored, of every key: what a commit adds to storage. */
  public synchronized int versionCount() {
    int n = 0;
    for (TreeMap<Long, byte[]> v : versions.values()) n += v.size();
    return n;
  }

  /** Writes directly, bypassing transactions: bulk-loads test data. */
  public synchronized void load(List<Write> writes) {
    long ts = clock.now();
    for (Write w : writes) versions.computeIfAbsent(w.key(), k -> new TreeMap<>()).put(ts, w.value());
  }

  /** Number of keys with a live latest version whose key starts with {@code prefix}. */
  public synchronized int liveKeys(byte[] prefix) {
    int n = 0;
    for (Map.Entry<byte[], TreeMap<Long, byte[]>> e : versions.tailMap(prefix, true).entrySet()) {
      if (!Bytes.startsWith(e.getKey(), prefix)) break;
      if (e.getValue().lastEntry().getValue() != null) n++;
    }
    return n;
  }
}
