package org.opendsql.core.kv;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.opendsql.core.scan.PartialAggregates;
import org.opendsql.core.scan.ScanSpec;

/**
 * What the SQL engine needs from the distributed store, and all it may use: multi-version reads
 * at a timestamp, an atomic optimistic commit, and the node's clock. Implementations route each
 * call to the key range's storage replica or adjudicator; the engine never knows where data lives.
 *
 * <p>Keys are compared as unsigned bytes. Every method is non-blocking.
 */
public interface KvStore {
  /** The node's hybrid logical clock: a transaction's tau_start. */
  long now();

  /** A 64-bit id unique across the cluster (hidden primary keys). */
  long uniqueId();

  /**
   * For EXPLAIN: in words, the key ranges a point read of {@code key} ({@code to} null) or a scan
   * of [key, to) touches, e.g. "range 3" or "2 of 40 ranges". Empty where the store has no ranges.
   */
  default String rangesTouched(byte[] key, byte[] to) {
    return "";
  }

  /** The value of {@code key} visible at {@code readTs}, or null. */
  CompletionStage<byte[]> get(byte[] key, long readTs);

  /**
   * Up to {@code limit} entries with {@code from <= key < to} (or {@code after < key < to} when
   * {@code fromExclusive}), visible at {@code readTs}, in key order.
   */
  CompletionStage<ScanPage> scan(byte[] from, boolean fromExclusive, byte[] to, long readTs, int limit);

  /**
   * The values of {@code keys} visible at {@code readTs}, in the same order, null where none. A
   * store with ranges sends one request per range rather than one per key.
   */
  default CompletionStage<List<byte[]>> getAll(List<byte[]> keys, long readTs) {
    @SuppressWarnings("unchecked")
    java.util.concurrent.CompletableFuture<byte[]>[] reads = new java.util.concurrent.CompletableFuture[keys.size()];
    for (int i = 0; i < reads.length; i++) reads[i] = get(keys.get(i), readTs).toCompletableFuture();
    return java.util.concurrent.CompletableFuture.allOf(reads).thenApply(v -> {
      List<byte[]> out = new java.util.ArrayList<>(reads.length);
      for (var f : reads) out.add(f.join());
      return out;
    });
  }

  /** A scan that keeps its place: each {@link #next} returns the entries after the previous page's. */
  interface Cursor {
    /** Up to {@code limit} further entries in key order; {@code more} false once the scan is done. */
    CompletionStage<ScanPage> next(int limit);
  }

  /**
   * A scan of {@code from <= key < to} (or {@code from < key} when {@code fromExclusive}) at
   * {@code readTs}, read page by page. Stores whose ranges each return their own keys keep each
   * range's place, so no range is read twice; this default resumes {@link #scan} from the last key.
   */
  default Cursor openScan(byte[] from, boolean fromExclusive, byte[] to, long readTs) {
    return new Cursor() {
      private byte[] resume = from;
      private boolean exclusive = fromExclusive;

      @Override
      public CompletionStage<ScanPage> next(int limit) {
        return scan(resume, exclusive, to, readTs, limit).thenApply(page -> {
          if (!page.entries().isEmpty()) {
            resume = page.entries().get(page.entries().size() - 1).key();
            exclusive = true;
          }
          return page;
        });
      }
    };
  }

  /**
   * {@link #openScan} of the rows that pass {@code spec}'s filter, shaped by its projection: a
   * store with storage shards evaluates both there, so rows the filter rejects never travel. A page
   * may then hold no entry and still have more; its {@code resumeAfter} says how far it got. This
   * default filters and projects the plain scan's pages here.
   */
  default Cursor openScan(byte[] from, boolean fromExclusive, byte[] to, long readTs, ScanSpec spec) {
    Cursor plain = openScan(from, fromExclusive, to, readTs);
    if (spec == null) return plain;
    java.util.function.Predicate<byte[]> filter = spec.filter() == null ? row -> true : spec.filter().compile();
    return limit -> plain.next(limit).thenApply(page -> {
      List<KvEntry> kept = new java.util.ArrayList<>(page.entries().size());
      for (KvEntry e : page.entries()) if (filter.test(e.value())) kept.add(new KvEntry(e.key(), spec.shape(e.value())));
      return new ScanPage(kept, page.more(), page.resumeAfter());
    });
  }

  /**
   * The aggregates of {@code spec} over the rows in [from, to) visible at {@code readTs} that pass
   * its filter, as {@link PartialAggregates#values()} gives them. A store with storage shards has
   * each shard compute its part and ships only those; this default reads the rows here.
   */
  default CompletionStage<Object[]> aggregate(byte[] from, byte[] to, long readTs, ScanSpec spec) {
    PartialAggregates total = new PartialAggregates(spec.aggregates());
    Cursor rows = openScan(from, false, to, readTs, new ScanSpec(spec.filter(), null, null));
    return AsyncLoop.loop(() -> rows.next(4096).thenApply(page -> {
      for (KvEntry e : page.entries()) total.add(e.value());
      return page.more();
    })).thenApply(v -> total.values());
  }

  /**
   * Commits {@code writes} atomically if no key in them or in {@code lockedKeys}, and no key in
   * {@code schemaKeys}, is in the write set (written or locked) of another transaction that
   * committed after {@code tauStart}. Completes with the commit timestamp, or fails with a {@link
   * org.opendsql.core.error.DbException}: 40001 OC000 for a write conflict, 40001 OC001 when a
   * schema key changed. Nothing is applied on failure.
   *
   * <p>{@code lockedKeys} are the keys of rows the transaction selected FOR UPDATE and did not
   * write: they are adjudicated exactly like written keys (checked, and once committed they count
   * as written at the commit timestamp for every other transaction's check), but they are never
   * written: no new version of them is stored. They are disjoint from the keys of {@code writes}.
   * A transaction with locked keys and no writes is still adjudicated.
   */
  CompletionStage<Long> commit(long tauStart, List<Write> writes, List<byte[]> lockedKeys, List<byte[]> schemaKeys);
}
