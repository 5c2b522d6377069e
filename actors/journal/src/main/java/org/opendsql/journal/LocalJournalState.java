package org.opendsql.journal;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.opendsql.storage.protocol.LocalJournalView;

/**
 * What a journal running in this JVM tells storage replicas in the same JVM without a message:
 * the highest sequence number it has reserved for a batch, and its durable lease. A batch's number
 * is reserved before any of its commit timestamps is taken from the node's clock.
 *
 * <p>It also keeps, per range, the last entry this incarnation sent that range (the crossbar sends
 * a range only the entries that touch it), and the last entry delivered at all.
 *
 * <p>Hence the fast path for a read at T on a replica of range r that applied through {@code
 * appliedSeq}: move the shared clock past T, then, if the journal is active here, every batch it
 * reserved a number for has been delivered, and the last entry sent to r is at or below {@code
 * appliedSeq}, every later batch gets timestamps above T and every earlier one that touched r is
 * applied: T is closed, with no round trip to the journal, provided T is within the journal's
 * durable lease (see {@link Journal}). The delivered number is written after the per-range ones
 * and read before them, so a reader that sees a batch delivered also sees where it went.
 *
 * <p>For a read of one key there is more: each reservation also names the keys its batch writes
 * (published before the reservation itself, kept for the last {@value #KEPT} batches). A batch not
 * yet applied here (in flight, or delivered and not yet applied) that does not write the key
 * cannot hold a version of it at or below T, so the read need not wait for it: under group commit
 * a batch is nearly always in flight, and a read waiting for it would wait for its fsync. A
 * reservation the reader did not see belongs to a batch whose timestamps come from the clock after
 * the reader moved it past T.
 */
public final class LocalJournalState implements LocalJournalView {
  private static final int KEPT = 64;
  /** The most keys a batch is kept with; a bigger one is kept as unknown. */
  static final int MAX_KEYS = 4096;

  /** The keys batch {@code seq} writes; null: not known (it changes the directory, or writes many). */
  private record BatchKeys(long seq, Set<ByteBuffer> keys) {}

  private final long halfLease;
  /** Slot {@code seq % KEPT}: the keys of batch {@code seq}, written before the batch is reserved. */
  private final AtomicReferenceArray<BatchKeys> recent = new AtomicReferenceArray<>(KEPT);
  private final AtomicLong reservedSeq = new AtomicLong();
  private final AtomicLong deliveredSeq = new AtomicLong();
  /** Per range: the last entry sent it since activation (entries before are the ranges known then). */
  private final java.util.concurrent.ConcurrentHashMap<Long, Long> lastSent = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean active;
  private volatile long lease;

  /** @param leaseLength the journals' lease length, in clock units */
  public LocalJournalState(long leaseLength) {
    this.halfLease = leaseLength / 2;
  }

  /**
   * This incarnation delivers from the entry after {@code lastSeq} on; the ranges of {@code known}
   * (this node's directory then) had every entry through it sent by earlier incarnations or in the
   * log; a range learned later is unknown until something is sent to it.
   */
  void activate(long lastSeq, java.util.Collection<Long> known) {
    lastSent.clear();
    // An earlier incarnation's reservations may name batches that never landed, or landed under
    // other numbers: only this incarnation's own count. (This incarnation's claim, reserved before
    // it activates, is forgotten too: a read waits for it to be applied. It writes nothing.)
    forgetKeys();
    for (long r : known) lastSent.put(r, lastSeq);
    deliveredSeq.set(lastSeq);
    reservedSeq.set(lastSeq);
    active = true;
  }

  /**
   * The last entry sent to {@code range} through the last delivered one, or -1 when unknown (a
   * range this incarnation learned of and has sent nothing yet, or no incarnation active here).
   */
  long lastSentTo(long range) {
    Long last = lastSent.get(range);
    return last == null ? -1 : last;
  }

  void sent(long range, long seq) {
    lastSent.put(range, seq);
  }

  void delivered(long seq) {
    deliveredSeq.set(seq);
  }

  void deactivate() {
    active = false;
    forgetKeys();
  }

  private void forgetKeys() {
    for (int i = 0; i < KEPT; i++) recent.set(i, null);
  }

  void lease(long durableLease) {
    lease = durableLease;
  }

  /**
   * Batch {@code seq}, writing {@code keys} (null: unknown), is about to take commit timestamps.
   * A batch of many keys is kept as unknown: its set would be held for {@value #KEPT} batches.
   */
  void reserve(long seq, Set<ByteBuffer> keys) {
    Set<ByteBuffer> kept = keys == null || keys.size() > MAX_KEYS ? null : keys;
    recent.set((int) Math.floorMod(seq, (long) KEPT), new BatchKeys(seq, kept));
    reservedSeq.set(seq);
  }

  /** The reserved batch was not written after all: the log still ends at {@code lastSeq}. */
  void unreserve(long lastSeq) {
    reservedSeq.set(lastSeq);
  }

  @Override
  public boolean settledAt(long range, long appliedSeq, long ts) {
    if (!active || ts > lease) return false;
    long reserved = reservedSeq.get();
    if (deliveredSeq.get() < reserved) return false;
    long last = lastSentTo(range);
    return last >= 0 && last <= appliedSeq;
  }

  @Override
  public boolean settledFor(long range, long appliedSeq, long ts, byte[] key) {
    if (!active || ts > lease) return false;
    long delivered = deliveredSeq.get();
    long reserved = Math.max(reservedSeq.get(), delivered);
    long last = lastSentTo(range);
    if (last < 0) return false;
    // Batches that may hold versions not in the store yet: those after what is applied here, or,
    // when everything sent the range is applied, only those not delivered yet.
    long from = last <= appliedSeq ? Math.max(delivered, appliedSeq) : appliedSeq;
    if (from >= reserved) return true;
    if (reserved - from > KEPT) return false;
    ByteBuffer k = ByteBuffer.wrap(key);
    for (long s = from + 1; s <= reserved; s++) {
      BatchKeys b = recent.get((int) Math.floorMod(s, (long) KEPT));
      if (b == null || b.seq() != s || b.keys() == null || b.keys().contains(k)) return false;
    }
    return true;
  }

  @Override
  public boolean renewalDue(long ts) {
    return ts > lease - halfLease;
  }
}
