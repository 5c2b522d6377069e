package org.opendsql.storage.state;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What one replica knows of one journal's stream: the position it applied, the closed timestamp
 * that holds after it, entries and closed timestamps that arrived ahead of a missing entry, and
 * the replay it asked for.
 *
 * <p>Invariants: entries are handed out for applying strictly in sequence order with no gap; a
 * closed timestamp counts only once every entry before it is applied; at most one replay is asked
 * for at a time (a new one only after it ended or was lost for the replay patience).
 *
 * <p>Entries that arrive early (another route, a lost message) are held, not dropped, up to a bound:
 * two routes to one replica (through sharding and directly) may reorder messages, and a gap that
 * persists for the gap patience asks for a replay.
 *
 * @param <E> an entry as received (the feed only orders it)
 */
public final class JournalFeed<E> {
  private final int journal;
  private final int maxEarly;
  private final long gapPatienceNanos;
  private final long replayPatienceNanos;
  private long appliedSeq;
  private long closedTs;
  private long advanceRequestedTo;
  private final TreeMap<Long, Early<E>> early = new TreeMap<>();
  private final TreeMap<Long, Long> pendingClosed = new TreeMap<>();
  /** Since when a gap is known (meaningful only while {@code gap}: nanoTime can be any value). */
  private long gapSince;
  private boolean gap;
  private long replayId;
  private long replays;
  private long replayRequestedAt;

  private record Early<E>(E entry, long closedTs) {}

  /** An entry ready to apply, in order, with the closed timestamp that holds after it. */
  public record Ready<E>(long seq, E entry, long closedTs) {}

  /** Where a replay starts and the id that its end will carry. */
  public record Replay(long fromSeq, long replayId) {}

  public JournalFeed(int journal, long appliedSeq, int maxEarly, long gapPatienceNanos, long replayPatienceNanos) {
    this.journal = journal;
    this.appliedSeq = appliedSeq;
    this.maxEarly = maxEarly;
    this.gapPatienceNanos = gapPatienceNanos;
    this.replayPatienceNanos = replayPatienceNanos;
  }

  public int journal() {
    return journal;
  }

  public long appliedSeq() {
    return appliedSeq;
  }

  public long closedTs() {
    return closedTs;
  }

  /** Nothing held back: no early entry, no closed timestamp waiting for one. */
  public boolean settled() {
    return early.isEmpty() && pendingClosed.isEmpty();
  }

  /** A replay was asked for and has not ended. */
  public boolean replaying() {
    return replayId != 0;
  }

  /**
   * Entry {@code seq} arrived. Returns the entries to apply now, in order (this one and every early
   * one it unblocks), each to be followed by {@link #applied}; empty when it was already applied or
   * is early (then it is held and the gap noted).
   */
  public List<Ready<E>> offer(long seq, E entry, long entryClosedTs, long nowNanos) {
    if (seq <= appliedSeq) return List.of();
    if (seq != appliedSeq + 1) {
      if (early.size() < maxEarly) early.put(seq, new Early<>(entry, entryClosedTs));
      noteGap(nowNanos);
      return List.of();
    }
    List<Ready<E>> run = new ArrayList<>();
    run.add(new Ready<>(seq, entry, entryClosedTs));
    long next = seq + 1;
    Early<E> e;
    while ((e = early.remove(next)) != null) {
      run.add(new Ready<>(next, e.entry(), e.closedTs()));
      next++;
    }
    return run;
  }

  /**
   * Entry {@code seq} is applied (durably, with its position): the closed timestamp after it holds,
   * and so does any pending one it reached.
   */
  public void applied(long seq, long entryClosedTs) {
    appliedSeq = seq;
    early.headMap(appliedSeq + 1).clear();
    advance(entryClosedTs);
    while (!pendingClosed.isEmpty() && pendingClosed.firstKey() <= appliedSeq) {
      advance(pendingClosed.pollFirstEntry().getValue());
    }
    if (settled()) gap = false;
  }

  /**
   * The journal closed {@code ts} through entry {@code throughSeq}: it holds now if that entry is
   * applied, else once it is (the gap is noted).
   */
  public void closeThrough(long throughSeq, long ts, long nowNanos) {
    if (throughSeq > appliedSeq) {
      pendingClosed.merge(throughSeq, ts, Math::max);
      noteGap(nowNanos);
      return;
    }
    advance(ts);
  }

  /**
   * {@code ts} is closed without a message from the journal (it runs in this JVM and is settled at
   * the applied position). Unlike a closed timestamp the journal sent, this says nothing about
   * what was asked of the journal, so a renewal request still goes out.
   */
  public void closedLocally(long ts) {
    if (ts > closedTs) closedTs = ts;
  }

  /** True when {@code replayId} names the replay in progress, which has now ended. */
  public boolean endReplay(long id) {
    if (id == 0 || id != replayId) return false;
    replayId = 0;
    return true;
  }

  /**
   * Whether a request to advance the closed timestamp to {@code ts} should go out: only when none
   * already asked for as much.
   */
  public boolean wantsAdvance(long ts) {
    if (ts <= advanceRequestedTo) return false;
    advanceRequestedTo = ts;
    return true;
  }

  /** A request may have been lost: the next {@link #wantsAdvance} asks again. */
  public void forgetAdvanceRequest() {
    advanceRequestedTo = closedTs;
  }

  /** Whether a request to reach {@code ts} is still outstanding (asked for, not yet closed). */
  public boolean advanceOutstanding() {
    return advanceRequestedTo > closedTs;
  }

  /** A gap has persisted past the gap patience: time to replay (the clock restarts). */
  public boolean gapOverdue(long nowNanos) {
    if (!gap || nowNanos - gapSince <= gapPatienceNanos) return false;
    gapSince = nowNanos;
    return true;
  }

  /**
   * Starts a replay from the entry after the applied one, unless one is in progress and younger
   * than the replay patience (null then).
   */
  public Replay startReplay(long nowNanos) {
    if (replayId != 0 && nowNanos - replayRequestedAt < replayPatienceNanos) return null;
    replayRequestedAt = nowNanos;
    replayId = ++replays;
    return new Replay(appliedSeq + 1, replayId);
  }

  /** The journal incarnation serving the replay is gone: it will never end, so another may start. */
  public void replayLost() {
    replayId = 0;
  }

  /** The data under the feed is being replaced (a snapshot install): forget every position. */
  public void reset() {
    appliedSeq = 0;
    closedTs = 0;
    advanceRequestedTo = 0;
    early.clear();
    pendingClosed.clear();
    gap = false;
    replayId = 0;
  }

  /** The snapshot just installed holds this journal through {@code seq}. */
  public void installedThrough(long seq) {
    appliedSeq = seq;
  }

  private void advance(long ts) {
    if (ts > closedTs) closedTs = ts;
    if (advanceRequestedTo < closedTs) advanceRequestedTo = closedTs;
  }

  private void noteGap(long nowNanos) {
    if (!gap) {
      gap = true;
      gapSince = nowNanos;
    }
  }
}
