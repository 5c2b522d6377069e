package org.opendsql.core.scan;

import java.util.List;

/**
 * What a scan asks of the storage shard besides the key interval: rows passing {@code filter},
 * only the columns {@code projection} names (ascending column ids; null: all), and, when {@code
 * aggregates} is not empty, no rows at all but those aggregates over the rows that pass.
 */
public record ScanSpec(RowFilter filter, int[] projection, List<AggSpec> aggregates) {
  public ScanSpec {
    aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
    if (projection != null) {
      projection = projection.clone();
      java.util.Arrays.sort(projection);
    }
  }

  public boolean aggregating() {
    return !aggregates.isEmpty();
  }

  /** What the shard keeps of a stored row that passed the filter. */
  public byte[] shape(byte[] row) {
    return projection == null ? row : org.opendsql.core.codec.RowCodec.project(row, projection);
  }
}
