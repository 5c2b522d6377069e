package org.opendsql.sharding.journal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a journal running in this JVM tells storage shards in the same JVM without a message:
 * the highest journal sequence number it has reserved for a batch. A batch's number is reserved
 * before any of its commit timestamps is taken from the node's clock.
 *
 * <p>Hence the fast path for a read at T on a shard that applied through {@code appliedSeq}:
 * move the shared clock past T, then, if the journal is active here and has reserved nothing
 * beyond {@code appliedSeq}, every later batch gets timestamps above T and every earlier one is
 * applied: T is closed, with no round trip to the journal, provided T is within the journal's
 * durable lease (see {@link Journal}).
 */
public final class LocalJournalState {
  private final AtomicLong reservedSeq = new AtomicLong();
  private volatile boolean active;
  private volatile long lease;

  void activate(long lastSeq) {
    reservedSeq.set(lastSeq);
    active = true;
  }

  void deactivate() {
    active = false;
  }

  void lease(long durableLease) {
    lease = durableLease;
  }

  /** The journal's durable lease: the bound of what may be taken as closed. */
  public long lease() {
    return lease;
  }

  void reserve(long seq) {
    reservedSeq.set(seq);
  }

  /**
   * True when nothing beyond {@code appliedSeq} was reserved by a journal active in this JVM and
   * {@code ts} is within its durable lease.
   */
  public boolean settledAt(long appliedSeq, long ts) {
    return active && ts <= lease && reservedSeq.get() == appliedSeq;
  }
}
