package org.opendsql.adjudicator;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * An adjudicator's tunables, read from {@code opendsql.adjudicator} (defaults in this module's
 * reference.conf).
 *
 * @param voteTimeout how long a coordinator waits for the other ranges' votes (then 40001)
 * @param journalTimeout how long a coordinator waits for the journal (then 08007, keys fenced)
 * @param preparedTtl how long a voter holds a prepared transaction's keys without a decision
 * @param window how long committed keys are remembered (longer than the transaction age limit)
 * @param pruneInterval how often the window forgets what is older than {@code window}
 * @param fenceRetry how soon a fence request unanswered by some journal is sent again
 * @param stashCapacity commands held while a new incarnation fences its predecessors
 */
public record AdjudicatorSettings(
    Duration voteTimeout,
    Duration journalTimeout,
    Duration preparedTtl,
    Duration window,
    Duration pruneInterval,
    Duration fenceRetry,
    int stashCapacity) {

  public AdjudicatorSettings {
    for (Duration d : new Duration[] {voteTimeout, journalTimeout, preparedTtl, window, pruneInterval, fenceRetry}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("opendsql.adjudicator durations must be positive");
      }
    }
    if (stashCapacity < 1) throw new IllegalArgumentException("opendsql.adjudicator.stash-capacity must be at least 1");
  }

  /** From the {@code opendsql.adjudicator} section of {@code config} (the whole tree). */
  public AdjudicatorSettings(Config config) {
    this(config.getDuration("opendsql.adjudicator.vote-timeout"),
        config.getDuration("opendsql.adjudicator.journal-timeout"),
        config.getDuration("opendsql.adjudicator.prepared-ttl"),
        config.getDuration("opendsql.adjudicator.window"),
        config.getDuration("opendsql.adjudicator.prune-interval"),
        config.getDuration("opendsql.adjudicator.fence-retry"),
        config.getInt("opendsql.adjudicator.stash-capacity"));
  }
}
