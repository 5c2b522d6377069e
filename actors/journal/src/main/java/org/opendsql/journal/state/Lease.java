package org.opendsql.journal.state;

/**
 * The closed-timestamp lease of one journal incarnation.
 *
 * <p>Every batch carries a lease, the journal's clock plus the lease length; a closed timestamp is
 * published only up to the highest lease already durable in the log. A new incarnation moves its
 * clock past the highest recovered lease before it assigns anything, so every commit timestamp it
 * assigns lies above every closed timestamp an earlier incarnation published, whatever that node's
 * clock said.
 *
 * <p>Renewal: a lease-only batch is written when a reader waits for a timestamp beyond the lease,
 * or ahead of need once less than half the lease is left and reads keep asking.
 */
public final class Lease {
  private final long length;
  private long durable;
  private long wanted;

  /** @param length how far ahead of the clock a batch's lease reaches, in clock units */
  public Lease(long length) {
    this.length = length;
  }

  /** The lease a batch written now carries. */
  public long forBatchAt(long clockNow) {
    return clockNow + length;
  }

  /** A batch carrying {@code lease} is durable. */
  public void durable(long lease) {
    durable = Math.max(durable, lease);
  }

  public long durable() {
    return durable;
  }

  /** The highest timestamp that may be published as closed now: the clock, bounded by the lease. */
  public long closable(long clockNow) {
    return Math.min(clockNow, durable);
  }

  /** A reader waits for {@code ts}: if the lease does not reach it, a renewal is wanted. */
  public void wantClosed(long ts) {
    if (ts > durable) wanted = Math.max(wanted, ts);
  }

  /** Some reader waits beyond the durable lease. */
  public boolean renewalWanted() {
    return wanted > durable;
  }

  /** Less than half the lease is left at {@code clockNow}: renew before readers have to wait. */
  public boolean runningOut(long clockNow) {
    return clockNow + length / 2 > durable;
  }
}
