package org.opendsql.qp;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The query processor's tunables, read from {@code opendsql.query-processor} (defaults in this
 * module's reference.conf).
 *
 * @param readTimeout how long a read waits for a storage replica (then 40001)
 * @param commitTimeout how long a commit waits for its adjudicator (then 08007: outcome unknown)
 * @param firstReplicaPatience how long a read waits for the nearest replica before asking another
 *     known one (its node may be gone and not yet declared dead)
 * @param avoidBehindReplicaFor how long a replica that said it is catching up is avoided
 */
public record QueryProcessorSettings(Duration readTimeout, Duration commitTimeout, Duration firstReplicaPatience,
    Duration avoidBehindReplicaFor) {

  public QueryProcessorSettings {
    for (Duration d : new Duration[] {readTimeout, commitTimeout, firstReplicaPatience, avoidBehindReplicaFor}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("opendsql.query-processor durations must be positive");
      }
    }
  }

  /** From the {@code opendsql.query-processor} section of {@code config} (the whole tree). */
  public QueryProcessorSettings(Config config) {
    this(config.getDuration("opendsql.query-processor.read-timeout"),
        config.getDuration("opendsql.query-processor.commit-timeout"),
        config.getDuration("opendsql.query-processor.first-replica-patience"),
        config.getDuration("opendsql.query-processor.avoid-behind-replica-for"));
  }
}
