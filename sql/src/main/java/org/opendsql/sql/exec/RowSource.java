package org.opendsql.sql.exec;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** A pull-based stream of rows, one storage page (or less) per call; null means exhausted. */
public interface RowSource {
  RowSource EMPTY = () -> java.util.concurrent.CompletableFuture.completedFuture(null);

  CompletionStage<List<Object[]>> next();
}
