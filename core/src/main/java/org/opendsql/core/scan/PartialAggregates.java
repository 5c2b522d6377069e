package org.opendsql.core.scan;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.opendsql.core.codec.ByteSink;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.codec.RowCodec;
import org.opendsql.core.types.PgType;

/**
 * The running values of a list of {@link AggSpec}s: fed rows in a storage shard ({@link #add}),
 * shipped as one encoded row ({@link #encode}), combined from every range in the query processor
 * ({@link #merge}). Counts and sums add; min and max keep the smallest or largest value in key
 * order, which is SQL's order for the types {@link AggSpec#pushable} admits.
 */
public final class PartialAggregates {
  private final AggSpec[] specs;
  private final Object[] values;
  private final byte[][] bestKeys;
  private final int[] slotOfId;
  private final PgType[] typeOfSlot;
  private final int[] slotOfSpec;
  private final int[] resultIds;
  private final PgType[] resultTypes;
  private final ByteSink sink = new ByteSink(32);

  public PartialAggregates(List<AggSpec> aggs) {
    specs = aggs.toArray(new AggSpec[0]);
    values = new Object[specs.length];
    bestKeys = new byte[specs.length][];
    int maxId = 0;
    for (AggSpec a : specs) maxId = Math.max(maxId, a.columnId());
    slotOfId = new int[maxId + 1];
    Arrays.fill(slotOfId, -1);
    int slots = 0;
    for (AggSpec a : specs) {
      if (a.kind() != AggSpec.Kind.COUNT_ROWS && slotOfId[a.columnId()] < 0) slotOfId[a.columnId()] = slots++;
    }
    typeOfSlot = new PgType[slots];
    slotOfSpec = new int[specs.length];
    resultIds = new int[specs.length];
    resultTypes = new PgType[specs.length];
    for (int i = 0; i < specs.length; i++) {
      AggSpec a = specs[i];
      slotOfSpec[i] = a.kind() == AggSpec.Kind.COUNT_ROWS ? -1 : slotOfId[a.columnId()];
      if (slotOfSpec[i] >= 0) typeOfSlot[slotOfSpec[i]] = a.type();
      resultIds[i] = i;
      resultTypes[i] = a.resultType();
      if (a.kind() == AggSpec.Kind.COUNT_ROWS || a.kind() == AggSpec.Kind.COUNT) values[i] = 0L;
    }
  }

  /** Counts one stored row (in RowCodec encoding). */
  public void add(byte[] row) {
    Object[] cols = typeOfSlot.length == 0 ? null : RowCodec.decode(row, slotOfId, typeOfSlot);
    for (int i = 0; i < specs.length; i++) {
      Object v = slotOfSpec[i] < 0 ? null : cols[slotOfSpec[i]];
      accumulate(i, v, specs[i].kind() == AggSpec.Kind.COUNT_ROWS || v != null ? 1 : 0, v);
    }
  }

  /** Adds another range's partial results, as {@link #encode} made them. */
  public void merge(byte[] partial) {
    Object[] other = RowCodec.decode(partial, resultIds, resultTypes);
    for (int i = 0; i < specs.length; i++) {
      Object v = other[i];
      if (v == null) continue;
      switch (specs[i].kind()) {
        case COUNT_ROWS, COUNT -> values[i] = (Long) values[i] + (Long) v;
        case SUM -> values[i] = values[i] == null ? v : add(values[i], v);
        case MIN, MAX -> accumulate(i, v, 1, v);
      }
    }
  }

  private void accumulate(int i, Object input, long rows, Object v) {
    AggSpec a = specs[i];
    switch (a.kind()) {
      case COUNT_ROWS, COUNT -> values[i] = (Long) values[i] + rows;
      case SUM -> {
        if (input == null) return;
        Object term = a.type() == PgType.INT8 ? BigDecimal.valueOf(((Number) input).longValue())
            : (Object) ((Number) input).longValue();
        values[i] = values[i] == null ? term : add(values[i], term);
      }
      case MIN, MAX -> {
        if (v == null) return;
        sink.reset();
        KeyCodec.writeValue(sink, a.type(), v);
        byte[] key = sink.toByteArray();
        int c = bestKeys[i] == null ? 0 : Arrays.compareUnsigned(key, bestKeys[i]);
        if (bestKeys[i] == null || (a.kind() == AggSpec.Kind.MIN ? c < 0 : c > 0)) {
          bestKeys[i] = key;
          values[i] = v;
        }
      }
    }
  }

  /** sum(int2/int4) is bigint and fails on overflow as PostgreSQL's does; sum(int8) is numeric. */
  private static Object add(Object a, Object b) {
    if (a instanceof BigDecimal x) return x.add((BigDecimal) b);
    return Math.addExact((Long) a, (Long) b);
  }

  /** The partial results as one row: aggregate i is column id i; an empty sum, min or max is absent. */
  public byte[] encode() {
    return RowCodec.encode(resultIds, resultTypes, values);
  }

  /** The final values, in the order of the specs: counts as Long, sums as Long or BigDecimal, null for no input. */
  public Object[] values() {
    return values.clone();
  }
}
