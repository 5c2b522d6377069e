package org.opendsql.core.scan;

import java.util.List;
import java.util.function.Predicate;
import org.opendsql.core.codec.ByteSink;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.codec.RowCodec;
import org.opendsql.core.types.PgType;

/**
 * A conjunction of {@link ColumnCondition}s over rows in {@link RowCodec} encoding: what a storage
 * shard evaluates so that rows a scan's WHERE rejects never leave it. No tests: every row passes.
 */
public record RowFilter(List<ColumnCondition> tests) {
  public RowFilter {
    tests = List.copyOf(tests);
  }

  /** The filter ready to test rows: decodes only the tested columns, once per row. */
  public Predicate<byte[]> compile() {
    if (tests.isEmpty()) return row -> true;
    int maxId = 0;
    for (ColumnCondition t : tests) maxId = Math.max(maxId, t.columnId());
    int[] slotOfId = new int[maxId + 1];
    java.util.Arrays.fill(slotOfId, -1);
    int slots = 0;
    for (ColumnCondition t : tests) if (slotOfId[t.columnId()] < 0) slotOfId[t.columnId()] = slots++;
    PgType[] types = new PgType[slots];
    int[] slotOfTest = new int[tests.size()];
    for (int i = 0; i < tests.size(); i++) {
      ColumnCondition t = tests.get(i);
      slotOfTest[i] = slotOfId[t.columnId()];
      types[slotOfTest[i]] = t.type();
    }
    ColumnCondition[] all = tests.toArray(new ColumnCondition[0]);
    ByteSink sink = new ByteSink(32);
    return row -> {
      Object[] values = RowCodec.decode(row, slotOfId, types);
      byte[][] encoded = new byte[types.length][];
      for (int i = 0; i < all.length; i++) {
        int s = slotOfTest[i];
        Object v = values[s];
        if (v != null && encoded[s] == null) {
          sink.reset();
          KeyCodec.writeValue(sink, types[s], v);
          encoded[s] = sink.toByteArray();
        }
        if (!all[i].passes(v == null ? null : encoded[s])) return false;
      }
      return true;
    };
  }
}
