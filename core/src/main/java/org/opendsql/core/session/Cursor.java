package org.opendsql.core.session;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The running result of one execution. Rows are produced only as they are fetched: a consumer
 * that stops fetching stops the reads behind it (this is how backpressure reaches storage).
 * A cursor is used by one caller at a time and must be closed if abandoned before done.
 */
public interface Cursor {
  List<ColumnDesc> columns();

  /** At most {@code max} further rows; a failed stage carries a DbException. */
  CompletionStage<RowBatch> fetch(int max);

  /** Abandons the cursor (portal closed or connection gone). Idempotent. */
  void close();
}
