package org.opendsql.storage.state;

/**
 * The garbage-collection horizon of one replica: versions older than it may be gone, so reads
 * below it are refused (transaction age limit) rather than answered from pruned history.
 *
 * <p>Rule: at most once per interval the horizon moves to "clock minus retention" (the longest a
 * transaction may live, plus a margin), but only below the closed timestamp (versions a read at or
 * above the horizon needs are all applied) and never while a snapshot install is under way; it
 * never moves back. A copied or restarted replica starts from the horizon stored with its data.
 */
public final class GcHorizon {
  private final long intervalNanos;
  private final long retention;
  private long horizon;
  private long lastRunNanos;

  /**
   * @param horizon where the horizon stands (as stored with the data)
   * @param retention how far behind the clock it trails, in clock units
   */
  public GcHorizon(long horizon, long intervalNanos, long retention, long nowNanos) {
    this.horizon = horizon;
    this.intervalNanos = intervalNanos;
    this.retention = retention;
    this.lastRunNanos = nowNanos;
  }

  public long horizon() {
    return horizon;
  }

  /** A read at {@code ts} could miss collected versions. */
  public boolean refuses(long ts) {
    return ts < horizon;
  }

  /**
   * Whether a collection is due now: if so the horizon has moved and the caller collects the
   * versions below {@link #horizon()}.
   *
   * @param clock the node clock's current timestamp, read only when a collection is due
   */
  public boolean collectDue(long nowNanos, java.util.function.LongSupplier clock, long closedTs, boolean installing) {
    if (nowNanos - lastRunNanos <= intervalNanos) return false;
    lastRunNanos = nowNanos;
    long candidate = clock.getAsLong() - retention;
    if (candidate <= 0 || candidate >= closedTs || installing || candidate <= horizon) return false;
    horizon = candidate;
    return true;
  }

  /** A snapshot installed with its own horizon: the stricter one holds. */
  public void raiseTo(long installed) {
    horizon = Math.max(horizon, installed);
  }
}
