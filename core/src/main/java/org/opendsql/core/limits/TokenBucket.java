package org.opendsql.core.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. Used for
 * the new-connection rate (DSQL: 100/s, burst 1,000). Thread-safe; never blocks.
 */
public final class TokenBucket {
  private double ratePerNano;
  private double burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  public TokenBucket(double ratePerSecond, int burst) {
    this(ratePerSecond, burst, System::nanoTime);
  }

  public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime) {
    if (ratePerSecond <= 0 || burst < 1) throw new IllegalArgumentException("rate and burst must be positive");
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  /**
   * Changes the rate and the burst from now on (a node's share of a cluster-wide rate changes
   * with the number of nodes); tokens already saved up are capped at the new burst.
   */
  public synchronized void reconfigure(double ratePerSecond, int burst) {
    if (ratePerSecond <= 0 || burst < 1) throw new IllegalArgumentException("rate and burst must be positive");
    long now = nanoTime.getAsLong();
    tokens = Math.min(this.burst, tokens + (now - last) * ratePerNano);
    last = now;
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    tokens = Math.min(tokens, burst);
  }

  /** Takes one token if there is one. */
  public synchronized boolean tryAcquire() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
