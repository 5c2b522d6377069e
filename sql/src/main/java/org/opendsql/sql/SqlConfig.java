package org.opendsql.sql;

/**
 * DSQL's transaction limits and the engine's scan page size. The defaults are DSQL's figures:
 * 3,000 modified rows, 10 MiB of written bytes, 300 s from tau_start to the last statement or
 * commit.
 */
public record SqlConfig(int maxRowsPerTxn, long maxBytesPerTxn, long maxTxnAgeMicros, int scanPageSize) {
  public static final SqlConfig DEFAULT = new SqlConfig(3_000, 10L * 1024 * 1024, 300_000_000L, 256);

  public SqlConfig {
    if (maxRowsPerTxn < 1 || maxBytesPerTxn < 1 || maxTxnAgeMicros < 1 || scanPageSize < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
