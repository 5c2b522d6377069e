package org.opendsql.sql.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.plan.Plan;

/**
 * Hash aggregation, fed row by row so a scan never has to be held in memory. Without GROUP BY
 * there is exactly one group, even over no rows (count = 0, sum = null), as in SQL.
 */
final class Aggregator {
  private final List<Expr> groupBy;
  private final List<Plan.AggCall> calls;
  private final Map<List<Object>, Group> groups = new LinkedHashMap<>();

  private final class Group {
    final Object[] keyValues;
    final Object[] acc;
    final long[] counts;
    final List<Set<Object>> seen = new ArrayList<>();

    Group(Object[] keyValues) {
      this.keyValues = keyValues;
      this.acc = new Object[calls.size()];
      this.counts = new long[calls.size()];
      for (Plan.AggCall c : calls) seen.add(c.distinct() ? new HashSet<>() : null);
    }
  }

  Aggregator(List<Expr> groupBy, List<Plan.AggCall> calls) {
    this.groupBy = groupBy;
    this.calls = calls;
  }

  void add(EvalContext ctx) {
    Object[] keyValues = new Object[groupBy.size()];
    List<Object> key = new ArrayList<>(keyValues.length);
    for (int i = 0; i < keyValues.length; i++) {
      keyValues[i] = groupBy.get(i).eval(ctx);
      key.add(normalize(keyValues[i]));
    }
    Group g = groups.computeIfAbsent(key, k -> new Group(keyValues));
    for (int i = 0; i < calls.size(); i++) {
      Plan.AggCall c = calls.get(i);
      if (c.arg() == null) {
        g.counts[i]++;
        continue;
      }
      Object v = c.arg().eval(ctx);
      if (v == null) continue;
      if (g.seen.get(i) != null && !g.seen.get(i).add(normalize(v))) continue;
      g.counts[i]++;
      switch (c.kind()) {
        case "count" -> { }
        case "min" -> g.acc[i] = g.acc[i] == null || Values.compare(v, g.acc[i]) < 0 ? v : g.acc[i];
        case "max" -> g.acc[i] = g.acc[i] == null || Values.compare(v, g.acc[i]) > 0 ? v : g.acc[i];
        default -> g.acc[i] = addTo(g.acc[i], v, c);
      }
    }
  }

  private static Object addTo(Object acc, Object v, Plan.AggCall c) {
    boolean floating = c.type() == PgType.FLOAT8 || c.type() == PgType.FLOAT4;
    if (floating) return (acc == null ? 0.0 : (Double) acc) + ((Number) v).doubleValue();
    BigDecimal b = Values.toBig((Number) v);
    return acc == null ? b : ((BigDecimal) acc).add(b);
  }

  /** Equal SQL values must group together: 1.0 and 1.00, -0.0 and 0.0. */
  private static Object normalize(Object v) {
    if (v instanceof BigDecimal d) return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (v instanceof Double d && d == 0.0) return 0.0;
    if (v instanceof byte[] b) return java.nio.ByteBuffer.wrap(b);
    return v;
  }

  /** The grouped rows: {@code [group values..., aggregate values...]}. */
  List<Object[]> results() {
    if (groups.isEmpty() && groupBy.isEmpty()) groups.put(List.of(), new Group(new Object[0]));
    List<Object[]> out = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      Object[] row = new Object[groupBy.size() + calls.size()];
      System.arraycopy(g.keyValues, 0, row, 0, g.keyValues.length);
      for (int i = 0; i < calls.size(); i++) row[groupBy.size() + i] = finish(calls.get(i), g.acc[i], g.counts[i]);
      out.add(row);
    }
    return out;
  }

  private static Object finish(Plan.AggCall c, Object acc, long count) {
    switch (c.kind()) {
      case "count":
        return count;
      case "min":
      case "max":
        return acc;
      case "sum":
        if (acc == null) return null;
        if (c.type() == PgType.INT8) {
          BigDecimal b = (BigDecimal) acc;
          if (b.unscaledValue().bitLength() > 63) throw Values.outOfRange(PgType.INT8);
          return b.longValueExact();
        }
        if (c.type() == PgType.FLOAT4) return ((Double) acc).floatValue();
        return acc;
      default:
        if (acc == null) return null;
        if (c.type() == PgType.FLOAT8) return (Double) acc / count;
        return Values.divide((BigDecimal) acc, BigDecimal.valueOf(count));
    }
  }
}
