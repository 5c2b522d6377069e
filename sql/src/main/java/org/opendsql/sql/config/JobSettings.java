package org.opendsql.sql.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The node's background job runner ({@code opendsql.sql.jobs}): how often it looks for jobs no
 * node runs, how long a claim holds before another node may take the job over, and how many base
 * rows one backfill transaction indexes.
 */
public record JobSettings(Duration pollInterval, Duration lease, int chunkRows) {
  public JobSettings {
    if (pollInterval.isNegative() || pollInterval.isZero() || lease.compareTo(pollInterval) <= 0 || chunkRows < 1) {
      throw new IllegalArgumentException(
          "opendsql.sql.jobs: poll-interval must be positive, lease longer than it, chunk-rows at least 1");
    }
  }

  public JobSettings(Config config) {
    this(config.getDuration("opendsql.sql.jobs.poll-interval"), config.getDuration("opendsql.sql.jobs.lease"),
        config.getInt("opendsql.sql.jobs.chunk-rows"));
  }
}
