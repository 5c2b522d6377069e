package org.opendsql.storage.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>A journal sends a range only the entries that touch it: each names the previous one it sent
 * that range ({@code prevSeq}), so the entries between are known to hold nothing for this replica
 * and it moves past them; a closed timestamp names the last entry sent to the range through its
 * position ({@code lastForRange}), past which the replica moves once that one is applied. A sender
 * that does not know sets {@code prevSeq = seq - 1} and {@code lastForRange = throughSeq}: every
 * entry then counts.
 *
 * <p>A close except some keys ({@link #closeExcept}) comes while the journal has a batch in flight:
 * nothing at or below its timestamp beyond that batch, which writes only the keys named. It holds
 * for every other key once the replica stands where the journal stood before the batch; for all
 * keys once the replica stands at the batch itself. Only the latest is kept.
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
  /** Closed timestamps waiting for an entry, by the entry they wait for. */
  private final TreeMap<Long, Pending> pendingClosed = new TreeMap<>();
  /** Since when a gap is known (meaningful only while {@code gap}: nanoTime can be any value). */
  private long gapSince;
  private boolean gap;
  private long replayId;
  private long replays;
  private long replayRequestedAt;

  /** The latest close except the keys of the batch in flight, or null. */
  private Partial partial;

  private record Early<E>(long prevSeq, E entry, long closedTs) {}

  private record Partial(long inFlightSeq, long lastForRange, Set<ByteBuffer> keys, long ts) {}

  /** A closed timestamp through {@code throughSeq}, once the entry it waits for is applied. */
  private record Pending(long throughSeq, long ts) {}

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
   * Entry {@code seq} arrived, every entry of this journal since {@code prevSeq} holding nothing for
   * this replica. Returns the entries to apply now, in order (this one and every early one it
   * unblocks), each to be followed by {@link #applied}; empty when it was already applied or is
   * early (then it is held and the gap noted).
   */
  public List<Ready<E>> offer(long seq, long prevSeq, E entry, long entryClosedTs, long nowNanos) {
    if (seq <= appliedSeq) return List.of();
    if (prevSeq > appliedSeq) {
      if (early.size() < maxEarly) early.put(seq, new Early<>(prevSeq, entry, entryClosedTs));
      noteGap(nowNanos);
      return List.of();
    }
    List<Ready<E>> run = new ArrayList<>();
    run.add(new Ready<>(seq, entry, entryClosedTs));
    collectReady(seq, run);
    return run;
  }

  /**
   * The early entries ready now, in order: after {@link #applied} or {@link #closeThrough} moved
   * the position, entries held for a gap that is now known to be empty. Each to be followed by
   * {@link #applied}.
   */
  public List<Ready<E>> drain() {
    if (early.isEmpty()) return List.of();
    List<Ready<E>> run = new ArrayList<>();
    collectReady(appliedSeq, run);
    return run;
  }

  /** Appends to {@code run} the early entries that follow {@code last} with nothing missing between. */
  private void collectReady(long last, List<Ready<E>> run) {
    while (!early.isEmpty()) {
      Map.Entry<Long, Early<E>> next = early.firstEntry();
      if (next.getKey() <= last) {
        early.pollFirstEntry();
        continue;
      }
      if (next.getValue().prevSeq() > last) return;
      early.pollFirstEntry();
      run.add(new Ready<>(next.getKey(), next.getValue().entry(), next.getValue().closedTs()));
      last = next.getKey();
    }
  }

  /** An entry that directly follows the previous one (a replay, or a sender that does not know). */
  public List<Ready<E>> offer(long seq, E entry, long entryClosedTs, long nowNanos) {
    return offer(seq, seq - 1, entry, entryClosedTs, nowNanos);
  }

  /**
   * Entry {@code seq} is applied (durably, with its position): the closed timestamp after it holds,
   * and so does any pending one it reached.
   */
  public void applied(long seq, long entryClosedTs) {
    appliedSeq = Math.max(appliedSeq, seq);
    advance(entryClosedTs);
    releasePending();
  }

  /**
   * The journal closed {@code ts} through entry {@code throughSeq}, the last entry it sent this
   * range at or before it being {@code lastForRange}: once that one is applied, the replica stands
   * at {@code throughSeq} and {@code ts} holds (until then the gap is noted). Then {@link #drain}
   * may have entries to apply.
   */
  public void closeThrough(long throughSeq, long lastForRange, long ts, long nowNanos) {
    if (lastForRange > appliedSeq) {
      pendingClosed.merge(lastForRange, new Pending(throughSeq, ts),
          (a, b) -> new Pending(Math.max(a.throughSeq(), b.throughSeq()), Math.max(a.ts(), b.ts())));
      noteGap(nowNanos);
      return;
    }
    moveTo(throughSeq);
    advance(ts);
    releasePending();
  }

  /** {@link #closeThrough(long, long, long, long)} from a sender for which every entry counts. */
  public void closeThrough(long throughSeq, long ts, long nowNanos) {
    closeThrough(throughSeq, throughSeq, ts, nowNanos);
  }

  /**
   * The journal closed {@code ts} for every key but {@code keys} beyond entry {@code inFlightSeq -
   * 1}, the last entry it sent this range before that being {@code lastForRange}; entry {@code
   * inFlightSeq}, in flight, writes only {@code keys}, and nothing beyond it commits at or below
   * {@code ts}.
   */
  public void closeExcept(long inFlightSeq, long lastForRange, List<byte[]> keys, long ts) {
    if (ts <= closedTs) return;
    Partial p = partial;
    if (p != null && (p.inFlightSeq() > inFlightSeq || p.inFlightSeq() == inFlightSeq && p.ts() >= ts)) return;
    Set<ByteBuffer> set = new HashSet<>(keys.size() * 2);
    for (byte[] k : keys) set.add(ByteBuffer.wrap(k));
    partial = new Partial(inFlightSeq, lastForRange, set, ts);
    settlePartial();
  }

  /** Whether a read of {@code key} at {@code ts} needs nothing more from this journal. */
  public boolean closedFor(byte[] key, long ts) {
    if (ts <= closedTs) return true;
    Partial p = partial;
    return p != null && ts <= p.ts() && appliedSeq >= p.lastForRange() && !p.keys().contains(ByteBuffer.wrap(key));
  }

  /** Standing at the batch a partial close excepted, the close holds for every key. */
  private void settlePartial() {
    Partial p = partial;
    if (p == null || appliedSeq < p.inFlightSeq()) return;
    partial = null;
    advance(p.ts());
  }

  private void releasePending() {
    while (!pendingClosed.isEmpty() && pendingClosed.firstKey() <= appliedSeq) {
      Pending p = pendingClosed.pollFirstEntry().getValue();
      moveTo(p.throughSeq());
      advance(p.ts());
    }
    settlePartial();
    if (!early.isEmpty() && early.firstKey() <= appliedSeq) early.headMap(appliedSeq + 1).clear();
    if (settled()) gap = false;
  }

  /** Nothing held for this replica up to {@code seq}: it stands there. */
  private void moveTo(long seq) {
    if (seq > appliedSeq) appliedSeq = seq;
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
    partial = null;
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
