package org.opendsql.journal;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * A journal entity's tunables, read from {@code opendsql.journal} (defaults in this module's
 * reference.conf; the same section configures the journal plugin in opendsql-persistence).
 *
 * @param lease how far ahead of its clock a batch's closed-timestamp lease reaches: longer means
 *     fewer lease-only batches while nothing commits, shorter a smaller jump of the clock (and of
 *     commit waits) right after a new incarnation takes over
 * @param replayChunk entries read per step when a storage replica asks for a replay
 * @param stashCapacity commands held while the log recovers
 * @param truncateEvery delete entries once every storage replica slot reported this many entries
 *     durably applied past the last truncation (each truncation costs a checkpoint batch and a delete)
 * @param logRestartMinBackoff first wait before the log restarts after a failed write
 * @param logRestartMaxBackoff longest wait between log restarts
 */
public record JournalSettings(
    Duration lease,
    int replayChunk,
    int stashCapacity,
    long truncateEvery,
    Duration logRestartMinBackoff,
    Duration logRestartMaxBackoff) {

  public JournalSettings {
    if (lease.isNegative() || lease.toMillis() < 10) {
      throw new IllegalArgumentException("opendsql.journal.lease must be at least 10ms");
    }
    if (replayChunk < 1) throw new IllegalArgumentException("opendsql.journal.replay-chunk must be at least 1");
    if (stashCapacity < 1) throw new IllegalArgumentException("opendsql.journal.stash-capacity must be at least 1");
    if (truncateEvery < 1) throw new IllegalArgumentException("opendsql.journal.truncate-every must be at least 1");
    if (logRestartMinBackoff.isNegative() || logRestartMaxBackoff.compareTo(logRestartMinBackoff) < 0) {
      throw new IllegalArgumentException("opendsql.journal.log-restart-backoff: min must be >= 0 and max >= min");
    }
  }

  /** From the {@code opendsql.journal} section of {@code config} (the whole tree). */
  public JournalSettings(Config config) {
    this(config.getDuration("opendsql.journal.lease"),
        config.getInt("opendsql.journal.replay-chunk"),
        config.getInt("opendsql.journal.stash-capacity"),
        config.getLong("opendsql.journal.truncate-every"),
        config.getDuration("opendsql.journal.log-restart-backoff.min"),
        config.getDuration("opendsql.journal.log-restart-backoff.max"));
  }

  /** The same settings, but entries are never deleted. */
  public JournalSettings neverTruncating() {
    return new JournalSettings(lease, replayChunk, stashCapacity, Long.MAX_VALUE, logRestartMinBackoff,
        logRestartMaxBackoff);
  }
}
