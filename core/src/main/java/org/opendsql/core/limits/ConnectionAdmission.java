package org.opendsql.core.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;

/**
 * Admission of new connections against cluster-wide limits (DSQL: 10,000 connections and 100
 * new connections a second, burst 1,000, per cluster). Each node counts its own connections
 * exactly and learns the other nodes' counts from their reports ({@link #peerReported}); a
 * report not renewed within {@code staleAfterNanos} is forgotten (its node left). The rate is
 * shared: each node admits rate / nodes a second, burst / nodes at most.
 *
 * <p>Reports lag (a fraction of a second), so nodes admitting at the same moment can together
 * exceed the limit by what they admitted within that lag; a node never exceeds it alone.
 */
public final class ConnectionAdmission {
  private record Peer(int open, long seenAt) {}

  private final int maxConnections;
  private final double ratePerSecond;
  private final int burst;
  private final long staleAfterNanos;
  private final LongSupplier nanoTime;
  private final TokenBucket newConnections;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, Peer> peers = new ConcurrentHashMap<>();
  private volatile int sharedBy = 1;

  public ConnectionAdmission(int maxConnections, double ratePerSecond, int burst, long staleAfterNanos) {
    this(maxConnections, ratePerSecond, burst, staleAfterNanos, System::nanoTime);
  }

  public ConnectionAdmission(int maxConnections, double ratePerSecond, int burst, long staleAfterNanos,
      LongSupplier nanoTime) {
    if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be positive");
    this.maxConnections = maxConnections;
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.staleAfterNanos = staleAfterNanos;
    this.nanoTime = nanoTime;
    this.newConnections = new TokenBucket(ratePerSecond, burst, nanoTime);
  }

  /** Admits one connection (call {@link #release} when it closes), or says why not. */
  public DbException tryAdmit() {
    int others = othersOpen();
    // Counted first: attempts refused for a full cluster must not use up the rate.
    if (open.incrementAndGet() + others > maxConnections) {
      open.decrementAndGet();
      return Errors.tooManyConnections();
    }
    if (!newConnections.tryAcquire()) {
      open.decrementAndGet();
      return Errors.connectionRateExceeded();
    }
    return null;
  }

  public void release() {
    open.decrementAndGet();
  }

  /** This node's open connections (what it reports to the others). */
  public int localOpen() {
    return open.get();
  }

  /** Node {@code node} has {@code open} connections now. */
  public void peerReported(String node, int open) {
    peers.put(node, new Peer(open, nanoTime.getAsLong()));
  }

  /** The other nodes' connections, as last reported by the nodes still reporting. */
  public int othersOpen() {
    long now = nanoTime.getAsLong();
    peers.values().removeIf(p -> now - p.seenAt() > staleAfterNanos);
    int sum = 0;
    int nodes = 1;
    for (Peer p : peers.values()) {
      sum += p.open();
      nodes++;
    }
    if (nodes != sharedBy) {
      sharedBy = nodes;
      newConnections.reconfigure(ratePerSecond / nodes, Math.max(1, burst / nodes));
    }
    return sum;
  }
}
