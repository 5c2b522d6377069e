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
 * applied: T is closed, with no round trip to the journal.
 */
public final class LocalJournalState {
  private final AtomicLong reservedSeq = new AtomicLong();
  private volatile boolean active;

  void activate(long lastSeq) {
    reservedSeq.set(lastSeq);
    active = true;
  }

  void deactivate() {
    active = false;
  }

  void reserve(long seq) {
    reservedSeq.set(seq);
  }

  /** True when nothing beyond {@code appliedSeq} was reserved by a journal active in this JVM. */
  public boolean settledAt(long appliedSeq) {
    return active && reservedSeq.get() == appliedSeq;
  }
}
