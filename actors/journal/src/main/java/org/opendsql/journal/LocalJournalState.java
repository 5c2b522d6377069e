package org.opendsql.journal;

import java.util.concurrent.atomic.AtomicLong;
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
 */
public final class LocalJournalState implements LocalJournalView {
  private final long halfLease;
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
  }

  void lease(long durableLease) {
    lease = durableLease;
  }

  void reserve(long seq) {
    reservedSeq.set(seq);
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
  public boolean renewalDue(long ts) {
    return ts > lease - halfLease;
  }
}
