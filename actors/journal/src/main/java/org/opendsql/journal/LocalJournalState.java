package org.opendsql.journal;

import java.util.concurrent.atomic.AtomicLong;
import org.opendsql.storage.protocol.LocalJournalView;

/**
 * What a journal running in this JVM tells storage replicas in the same JVM without a message:
 * the highest sequence number it has reserved for a batch, and its durable lease. A batch's number
 * is reserved before any of its commit timestamps is taken from the node's clock.
 *
 * <p>Hence the fast path for a read at T on a replica that applied through {@code appliedSeq}:
 * move the shared clock past T, then, if the journal is active here and has reserved nothing
 * beyond {@code appliedSeq}, every later batch gets timestamps above T and every earlier one is
 * applied: T is closed, with no round trip to the journal, provided T is within the journal's
 * durable lease (see {@link Journal}).
 */
public final class LocalJournalState implements LocalJournalView {
  private final long halfLease;
  private final AtomicLong reservedSeq = new AtomicLong();
  private volatile boolean active;
  private volatile long lease;

  /** @param leaseLength the journals' lease length, in clock units */
  public LocalJournalState(long leaseLength) {
    this.halfLease = leaseLength / 2;
  }

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

  void reserve(long seq) {
    reservedSeq.set(seq);
  }

  @Override
  public boolean settledAt(long appliedSeq, long ts) {
    return active && ts <= lease && reservedSeq.get() == appliedSeq;
  }

  @Override
  public boolean renewalDue(long ts) {
    return ts > lease - halfLease;
  }
}
