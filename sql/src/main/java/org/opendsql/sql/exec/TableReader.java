package org.opendsql.sql.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.scan.ScanSpec;

/**
 * Reads at the transaction's tau_start with its own writes laid over storage: point gets check
 * the buffer first; scans merge each storage page with the buffered keys up to that page's last
 * key (buffered values win, tombstones hide), so the merged stream stays in key order.
 */
public final class TableReader {
  private final KvStore kv;
  private final Txn txn;
  private final Runnable checkCancel;
  /** The transaction's writes as they were when a statement began, or null to read them live. */
  private final NavigableMap<byte[], byte[]> frozen;

  public TableReader(KvStore kv, Txn txn, Runnable checkCancel) {
    this(kv, txn, checkCancel, null);
  }

  private TableReader(KvStore kv, Txn txn, Runnable checkCancel, NavigableMap<byte[], byte[]> frozen) {
    this.kv = kv;
    this.txn = txn;
    this.checkCancel = checkCancel;
    this.frozen = frozen;
  }

  /** A reader that sees the transaction's writes as they are now, and none made after. */
  public TableReader snapshot() {
    return new TableReader(kv, txn, checkCancel, txn.frozenWrites());
  }

  /** This transaction's value of {@code key} as this reader sees it (TOMBSTONE: deleted), or null if it wrote none. */
  private byte[] overlaid(byte[] key) {
    return frozen != null ? frozen.get(key) : txn.buffered(key);
  }

  public CompletionStage<byte[]> get(byte[] key) {
    checkCancel.run();
    byte[] b = overlaid(key);
    if (b != null) return CompletableFuture.completedFuture(b == Txn.TOMBSTONE ? null : b);
    return kv.get(key, txn.tauStart());
  }

  /** The values of {@code keys} (null where none), this transaction's writes laid over; storage read in one batch. */
  public CompletionStage<List<byte[]>> getAll(List<byte[]> keys) {
    checkCancel.run();
    byte[][] out = new byte[keys.size()][];
    List<byte[]> unbuffered = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      byte[] b = overlaid(keys.get(i));
      if (b == null) {
        unbuffered.add(keys.get(i));
        slots.add(i);
      } else {
        out[i] = b == Txn.TOMBSTONE ? null : b;
      }
    }
    if (unbuffered.isEmpty()) return CompletableFuture.completedFuture(java.util.Arrays.asList(out));
    return kv.getAll(unbuffered, txn.tauStart()).thenApply(values -> {
      for (int j = 0; j < slots.size(); j++) out[slots.get(j)] = values.get(j);
      return java.util.Arrays.asList(out);
    });
  }

  public Scan scan(byte[] from, byte[] to, int pageSize) {
    return scan(from, to, pageSize, null);
  }

  /**
   * A scan whose stored rows storage filters and projects by {@code spec} (null: none). This
   * transaction's own writes in the interval are laid over unfiltered: the caller still applies
   * the statement's whole filter to every row.
   */
  public Scan scan(byte[] from, byte[] to, int pageSize, ScanSpec spec) {
    return new Scan(from, to, pageSize, overlay(from, to), spec);
  }

  private NavigableMap<byte[], byte[]> overlay(byte[] from, byte[] to) {
    return frozen != null ? new java.util.TreeMap<>(frozen.subMap(from, true, to, false)) : txn.overlay(from, to);
  }

  /**
   * The aggregates of {@code spec} over the stored rows of [from, to), computed where they are
   * stored; null when this transaction wrote in the interval (storage does not see those writes:
   * the caller aggregates rows itself).
   */
  public CompletionStage<Object[]> aggregate(byte[] from, byte[] to, ScanSpec spec) {
    if (!overlay(from, to).isEmpty()) return null;
    checkCancel.run();
    return kv.aggregate(from, to, txn.tauStart(), spec);
  }

  /** A merged page; {@code done} once storage and buffer are both exhausted. */
  public record Page(List<KvEntry> entries, boolean done) {}

  /** Pages grow to this many entries on a long scan: fewer round trips, bounded messages. */
  private static final int MAX_PAGE = 2048;

  public final class Scan {
    private final byte[] to;
    private final NavigableMap<byte[], byte[]> overlay;
    private final KvStore.Cursor cursor;
    private int pageSize;
    private boolean done;

    Scan(byte[] from, byte[] to, int pageSize, NavigableMap<byte[], byte[]> overlay, ScanSpec spec) {
      this.to = to;
      this.pageSize = pageSize;
      this.overlay = overlay;
      this.cursor = spec == null ? kv.openScan(from, false, to, txn.tauStart())
          : kv.openScan(from, false, to, txn.tauStart(), spec);
    }

    /**
     * The next merged page. A scan read to its end grows its pages (doubling up to MAX_PAGE): the
     * first page stays small for a statement that stops early, a long scan takes few round trips.
     */
    public CompletionStage<Page> next() {
      if (done) return CompletableFuture.completedFuture(new Page(List.of(), true));
      checkCancel.run();
      int size = pageSize;
      pageSize = Math.max(pageSize, Math.min(MAX_PAGE, pageSize * 2));
      return cursor.next(size).thenApply(this::merge);
    }

    private Page merge(ScanPage page) {
      List<KvEntry> stored = page.entries();
      boolean last = !page.more() || page.resumeAfter() == null;
      // Storage accounted for every key through resumeAfter (a filtered page may end past its last entry).
      byte[] upper = last ? to : page.resumeAfter();
      NavigableMap<byte[], byte[]> mine = overlay.headMap(upper, !last);
      List<KvEntry> out = new ArrayList<>(stored.size() + mine.size());
      Iterator<Map.Entry<byte[], byte[]>> it = mine.entrySet().iterator();
      Map.Entry<byte[], byte[]> o = it.hasNext() ? it.next() : null;
      for (KvEntry e : stored) {
        while (o != null && Bytes.UNSIGNED.compare(o.getKey(), e.key()) < 0) {
          if (o.getValue() != Txn.TOMBSTONE) out.add(new KvEntry(o.getKey(), o.getValue()));
          o = it.hasNext() ? it.next() : null;
        }
        if (o != null && Bytes.UNSIGNED.compare(o.getKey(), e.key()) == 0) {
          if (o.getValue() != Txn.TOMBSTONE) out.add(new KvEntry(o.getKey(), o.getValue()));
          o = it.hasNext() ? it.next() : null;
        } else {
          out.add(e);
        }
      }
      while (o != null) {
        if (o.getValue() != Txn.TOMBSTONE) out.add(new KvEntry(o.getKey(), o.getValue()));
        o = it.hasNext() ? it.next() : null;
      }
      mine.clear();
      done = last;
      return new Page(out, last);
    }
  }
}
