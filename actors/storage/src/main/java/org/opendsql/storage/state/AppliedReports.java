package org.opendsql.storage.state;

import java.util.ArrayList;
import java.util.List;

/**
 * When a replica reports its applied journal positions, and which reports are news.
 *
 * <p>Invariant: a position is reported only after it was made durable (the store's WAL synced
 * after the position was taken), and only by the install generation that took it: a sync begun
 * before a snapshot install must not report positions the install has since replaced. A journal
 * deletes an entry once every replica reported past it, so a report that outruns the disk could
 * lose an entry some replica still needs.
 */
public final class AppliedReports {
  private final long intervalNanos;
  private final long[] reported;
  private boolean syncing;
  private long lastReportNanos;

  /** Positions to make durable, then report if still current. */
  public record Sync(long[] positions, long generation) {}

  public AppliedReports(int journals, long intervalNanos, long nowNanos) {
    this.reported = new long[journals];
    this.intervalNanos = intervalNanos;
    this.lastReportNanos = nowNanos;
  }

  /**
   * A report is due: returns the positions to sync (null when not due, a sync is under way, an
   * install is under way, or nothing moved since the last report).
   */
  /** Whether {@link #due} would start a sync now (it changes nothing). */
  public boolean wouldReport(long nowNanos, long[] applied, boolean installing) {
    if (syncing || installing || nowNanos - lastReportNanos <= intervalNanos) return false;
    for (int j = 0; j < applied.length; j++) {
      if (applied[j] > reported[j]) return true;
    }
    return false;
  }

  public Sync due(long nowNanos, long[] applied, long generation, boolean installing) {
    if (syncing || installing || nowNanos - lastReportNanos <= intervalNanos) return null;
    lastReportNanos = nowNanos;
    boolean moved = false;
    for (int j = 0; j < applied.length; j++) moved |= applied[j] > reported[j];
    if (!moved) return null;
    syncing = true;
    return new Sync(applied.clone(), generation);
  }

  /** The sync failed: nothing is reported, the next one is tried at the next interval. */
  public void syncFailed() {
    syncing = false;
  }

  /**
   * The sync finished: returns the journals whose position is news (now marked reported), none if
   * an install began since the sync did or one is under way.
   */
  public List<Integer> synced(Sync sync, long generationNow, boolean installing) {
    syncing = false;
    if (installing || sync.generation() != generationNow) return List.of();
    List<Integer> news = new ArrayList<>();
    for (int j = 0; j < reported.length; j++) {
      if (sync.positions()[j] > reported[j]) {
        reported[j] = sync.positions()[j];
        news.add(j);
      }
    }
    return news;
  }

  /** The data was replaced: every position is news again. */
  public void reset() {
    java.util.Arrays.fill(reported, 0);
  }
}
