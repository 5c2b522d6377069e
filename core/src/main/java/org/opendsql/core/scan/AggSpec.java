package org.opendsql.core.scan;

import org.opendsql.core.types.PgType;

/**
 * An aggregate a storage shard computes over the rows of its range that pass the scan's filter:
 * {@code count(*)} ({@link Kind#COUNT_ROWS}; {@code columnId} unused), or count, sum, min or max
 * of the column {@code columnId} of {@code type}. Only forms whose partial results combine
 * exactly are accepted (see {@link #pushable}).
 */
public record AggSpec(Kind kind, int columnId, PgType type) {
  public enum Kind { COUNT_ROWS, COUNT, SUM, MIN, MAX }

  public AggSpec {
    if (kind != Kind.COUNT_ROWS && !pushable(kind, type)) {
      throw new IllegalArgumentException(kind + " of " + type + " is not computed in storage");
    }
  }

  public static AggSpec countRows() {
    return new AggSpec(Kind.COUNT_ROWS, -1, PgType.INT8);
  }

  /**
   * Whether storage computes {@code kind} of a column of {@code type}: sums of integers (exact in
   * any order), and min/max of types whose equal values always print alike (not numeric, whose
   * 1.0 and 1.00 are equal, nor floats' -0 and 0, nor intervals' '1 day' and '24 hours').
   */
  public static boolean pushable(Kind kind, PgType type) {
    return switch (kind) {
      case COUNT_ROWS -> true;
      case COUNT -> !type.isArray() && ColumnCondition.testable(type);
      case SUM -> type == PgType.INT2 || type == PgType.INT4 || type == PgType.INT8;
      case MIN, MAX -> switch (type) {
        case INT2, INT4, INT8, TEXT, VARCHAR, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> true;
        default -> false;
      };
    };
  }

  /** The type of this aggregate's partial and final value: count bigint, sum(int8) numeric, sum(int2/4) bigint. */
  public PgType resultType() {
    return switch (kind) {
      case COUNT_ROWS, COUNT -> PgType.INT8;
      case SUM -> type == PgType.INT8 ? PgType.NUMERIC : PgType.INT8;
      case MIN, MAX -> type;
    };
  }
}
