package org.opendsql.adjudicator.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The adjudicator's pure core for one key range: the recent commit time of each key and the keys
 * held by prepared (voted yes, not yet decided) transactions.
 *
 * <p>Invariants: a transaction is allowed to prepare only if none of its write keys was committed
 * after its tau_start or is held by another prepared transaction (first committer wins), and none
 * of its schema keys was (OC001). Transactions older than {@link #lowWatermark()} are refused
 * because the window no longer (or not yet) knows everything committed since they began.
 *
 * <p>A transaction's write keys here are its whole write set for conflict detection: the keys it
 * writes and the keys of rows it selected FOR UPDATE. The window neither knows nor needs the
 * difference (only the journal does, which never receives the locked keys).
 */
public final class ConflictWindow {
  public enum Verdict { OK, WRITE_CONFLICT, SCHEMA_CONFLICT, TOO_OLD }

  private final Map<ByteKey, Long> lastCommit = new HashMap<>();
  private final Map<ByteKey, Long> heldBy = new HashMap<>();
  private final Map<Long, List<ByteKey>> prepared = new HashMap<>();
  private long lowWatermark;

  public ConflictWindow(long lowWatermark) {
    this.lowWatermark = lowWatermark;
  }

  public long lowWatermark() {
    return lowWatermark;
  }

  public Verdict prepare(long txnId, long tauStart, List<byte[]> writeKeys, List<byte[]> schemaKeys) {
    if (tauStart < lowWatermark) return Verdict.TOO_OLD;
    for (byte[] k : schemaKeys) {
      ByteKey bk = new ByteKey(k);
      if (changedAfter(bk, tauStart, txnId)) return Verdict.SCHEMA_CONFLICT;
    }
    List<ByteKey> keys = new ArrayList<>(writeKeys.size());
    for (byte[] k : writeKeys) {
      ByteKey bk = new ByteKey(k);
      if (changedAfter(bk, tauStart, txnId)) return Verdict.WRITE_CONFLICT;
      keys.add(bk);
    }
    for (ByteKey bk : keys) heldBy.put(bk, txnId);
    prepared.put(txnId, keys);
    return Verdict.OK;
  }

  private boolean changedAfter(ByteKey k, long tauStart, long txnId) {
    Long held = heldBy.get(k);
    if (held != null && held != txnId) return true;
    Long c = lastCommit.get(k);
    return c != null && c > tauStart;
  }

  public boolean isPrepared(long txnId) {
    return prepared.containsKey(txnId);
  }

  /** Records the decided commit: its keys now carry {@code commitTs}; releases them. */
  public void commit(long txnId, long commitTs) {
    List<ByteKey> keys = prepared.remove(txnId);
    if (keys == null) return;
    for (ByteKey k : keys) {
      heldBy.remove(k, txnId);
      lastCommit.merge(k, commitTs, Math::max);
    }
  }

  /** A commit decided elsewhere for a transaction this window never prepared (it restarted since). */
  public void recordCommit(List<byte[]> keys, long commitTs) {
    for (byte[] k : keys) lastCommit.merge(new ByteKey(k), commitTs, Math::max);
  }

  public void abort(long txnId) {
    List<ByteKey> keys = prepared.remove(txnId);
    if (keys == null) return;
    for (ByteKey k : keys) heldBy.remove(k, txnId);
  }

  /**
   * A prepared transaction whose outcome can no longer be learned: treat its keys as committed at
   * {@code asOf} so that no transaction that began before then can overwrite them. This can only
   * cause false conflicts, never a lost update.
   */
  public void expire(long txnId, long asOf) {
    commit(txnId, asOf);
  }

  /** Forgets commits at or before {@code horizon}; transactions older than it are refused. */
  public void prune(long horizon) {
    if (horizon <= lowWatermark) return;
    lowWatermark = horizon;
    Iterator<Long> it = lastCommit.values().iterator();
    while (it.hasNext()) {
      if (it.next() <= horizon) it.remove();
    }
  }

  public int trackedKeys() {
    return lastCommit.size();
  }

  public int preparedCount() {
    return prepared.size();
  }
}
