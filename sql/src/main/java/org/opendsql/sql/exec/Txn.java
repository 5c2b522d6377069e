package org.opendsql.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.Write;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.core.codec.Bytes;

/**
 * One transaction's state: its snapshot time and its buffered writes, kept in key order so scans
 * can merge them with storage pages. A limit breach leaves the buffer as it was and throws; the
 * session then fails the transaction, so nothing of it is ever committed.
 */
public final class Txn {
  /** Marks a buffered delete (compared by identity). */
  public static final byte[] TOMBSTONE = new byte[0];

  private final long tauStart;
  private final boolean explicit;
  private final boolean readOnly;
  private final SqlConfig config;
  private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Bytes.UNSIGNED);
  private final TreeSet<byte[]> schemaKeys = new TreeSet<>(Bytes.UNSIGNED);
  /** Keys of rows selected FOR UPDATE and not written (a written key leaves this set). */
  private final TreeSet<byte[]> locked = new TreeSet<>(Bytes.UNSIGNED);
  private long bytes;
  /** Table rows written (not index entries nor DDL's deletions): what the row limit counts. */
  private int rowWrites;
  private boolean ddl;
  private boolean dml;
  private boolean failed;

  public Txn(long tauStart, boolean explicit, boolean readOnly, SqlConfig config) {
    this.tauStart = tauStart;
    this.explicit = explicit;
    this.readOnly = readOnly;
    this.config = config;
  }

  public long tauStart() { return tauStart; }
  public boolean explicit() { return explicit; }
  public boolean readOnly() { return readOnly; }
  public boolean hasDdl() { return ddl; }
  public boolean hasDml() { return dml; }
  public boolean failed() { return failed; }
  public void fail() { failed = true; }
  public void markDdl() { ddl = true; }
  public void markDml() { dml = true; }
  /** Whether COMMIT has anything to adjudicate: writes, or rows selected FOR UPDATE. */
  public boolean hasConflictKeys() { return !writes.isEmpty() || !locked.isEmpty(); }
  public int writeCount() { return writes.size(); }

  public void addSchemaKey(byte[] key) {
    schemaKeys.add(key);
  }

  /**
   * A row selected FOR UPDATE: its key joins the transaction's conflict set, adjudicated at COMMIT
   * like a written key but never written. Outside a block the statement is its own transaction and
   * writes nothing, so it is serializable at its snapshot whatever happens to the row: there is
   * nothing to adjudicate and the key is not kept. Locked keys count against the row limit with
   * the written ones: they travel to the adjudicators the same way.
   */
  public void lock(byte[] key) {
    if (!explicit) return;
    keepLocked(key);
  }

  /**
   * A parent row a foreign key of a written row references: its key joins the conflict set even
   * when the statement is its own transaction, because that transaction writes the child row,
   * which must not commit beside a concurrent delete of its parent.
   */
  public void lockReferenced(byte[] key) {
    keepLocked(key);
  }

  private void keepLocked(byte[] key) {
    if (writes.containsKey(key) || locked.contains(key)) return;
    if (writes.size() + locked.size() + 1 > config.maxRowsPerTxn()) throw Errors.rowLimit();
    locked.add(key);
  }

  /**
   * Buffers a put ({@code value != null}) or a delete. {@code enforceLimits} is true for a table
   * row: it counts against the row limit and is checked against the size limit. DDL's deletions
   * and secondary index entries are not user row modifications, but their bytes still count.
   */
  public void put(byte[] key, byte[] value, boolean enforceLimits) {
    byte[] v = value == null ? TOMBSTONE : value;
    byte[] old = writes.get(key);
    long delta = key.length + v.length - (old == null ? 0 : key.length + old.length);
    if (enforceLimits) {
      boolean newKey = old == null && !locked.contains(key);
      if (newKey && rowWrites + locked.size() + 1 > config.maxRowsPerTxn()) throw Errors.rowLimit();
      if (bytes + delta > config.maxBytesPerTxn()) throw Errors.sizeLimit(config.maxBytesPerTxn());
      if (newKey) rowWrites++;
    }
    writes.put(key, v);
    locked.remove(key);
    bytes += delta;
  }

  /** The buffered value: null when the key was not written, {@link #TOMBSTONE} when deleted. */
  public byte[] buffered(byte[] key) {
    return writes.get(key);
  }

  /**
   * A copy of every buffered write: what one statement whose parts all read the state before any
   * of them wrote (data-modifying WITH) overlays for its reads.
   */
  public NavigableMap<byte[], byte[]> frozenWrites() {
    return new TreeMap<>(writes);
  }

  /** A copy of the buffered writes in [from, to): what a cursor overlays for its whole life. */
  public NavigableMap<byte[], byte[]> overlay(byte[] from, byte[] to) {
    if (writes.isEmpty()) return new TreeMap<>(Bytes.UNSIGNED);
    return new TreeMap<>(writes.subMap(from, true, to, false));
  }

  /** The transaction's buffered state at a SAVEPOINT. */
  public record Mark(TreeMap<byte[], byte[]> writes, TreeSet<byte[]> schemaKeys, TreeSet<byte[]> locked, long bytes,
      int rowWrites, boolean ddl, boolean dml, List<byte[]> retired) {}

  /** A copy of the buffered state (writes are at most the row limit: copying is cheap). */
  public Mark mark() {
    return new Mark(new TreeMap<>(writes), new TreeSet<>(schemaKeys), new TreeSet<>(locked), bytes, rowWrites, ddl, dml,
        List.copyOf(retired));
  }

  /** Back to the state of {@code m} (null: as before the first write), keeping the snapshot time; no longer failed. */
  public void restore(Mark m) {
    writes.clear();
    schemaKeys.clear();
    locked.clear();
    retired.clear();
    if (m != null) {
      retired.addAll(m.retired());
      writes.putAll(m.writes());
      schemaKeys.addAll(m.schemaKeys());
      locked.addAll(m.locked());
    }
    bytes = m == null ? 0 : m.bytes();
    rowWrites = m == null ? 0 : m.rowWrites();
    ddl = m != null && m.ddl();
    dml = m != null && m.dml();
    failed = false;
  }

  /** Key prefixes that DDL of this transaction retired: their rows are deleted once it commits. */
  private final List<byte[]> retired = new ArrayList<>();

  public void retire(byte[] prefix) {
    retired.add(prefix);
  }

  public List<byte[]> retiredPrefixes() {
    return List.copyOf(retired);
  }

  public List<Write> writeList() {
    List<Write> out = new ArrayList<>(writes.size());
    writes.forEach((k, v) -> out.add(new Write(k, v == TOMBSTONE ? null : v)));
    return out;
  }

  /** The keys selected FOR UPDATE and not written, in key order. */
  public List<byte[]> lockedKeyList() {
    return new ArrayList<>(locked);
  }

  public List<byte[]> schemaKeyList() {
    return new ArrayList<>(schemaKeys);
  }
}
