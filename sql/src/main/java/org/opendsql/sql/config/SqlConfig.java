package org.opendsql.sql.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * DSQL's transaction limits and the engine's scan page size, read from {@code opendsql.sql}
 * (defaults in this module's reference.conf: DSQL's figures, 3,000 modified rows, 10 MiB of written
 * bytes, 300 s from tau_start to the last statement or commit), and how deeply a statement may
 * nest (parentheses and CASE) before it fails with 54001 without being parsed, and the working
 * memory one query's joins, sorts, aggregates and intermediate results may hold (then 53200), and
 * how many parsed and planned statements a session keeps.
 */
public record SqlConfig(int maxRowsPerTxn, long maxBytesPerTxn, long maxTxnAgeMicros, int scanPageSize,
    int maxNestingDepth, long queryMemoryLimit, int statementCacheSize) {
  /** The defaults of reference.conf. */
  public static final SqlConfig DEFAULT = new SqlConfig(ConfigFactory.defaultReference());

  public SqlConfig {
    if (maxRowsPerTxn < 1 || maxBytesPerTxn < 1 || maxTxnAgeMicros < 1 || scanPageSize < 1
        || maxNestingDepth < 1 || queryMemoryLimit < 1 || statementCacheSize < 0) {
      throw new IllegalArgumentException("opendsql.sql limits must be positive");
    }
  }

  /** From the {@code opendsql.sql} section of {@code config} (the whole tree). */
  public SqlConfig(Config config) {
    this(config.getInt("opendsql.sql.transaction-row-limit"),
        config.getBytes("opendsql.sql.transaction-size-limit"),
        config.getDuration("opendsql.sql.transaction-age-limit").toNanos() / 1000,
        config.getInt("opendsql.sql.scan-page-size"),
        config.getInt("opendsql.sql.max-nesting-depth"),
        config.getBytes("opendsql.sql.query-memory-limit"),
        config.getInt("opendsql.sql.statement-cache-size"));
  }
}
