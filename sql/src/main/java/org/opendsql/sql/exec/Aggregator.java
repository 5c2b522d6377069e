package org.opendsql.sql.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.plan.Plan;

/**
 * Hash aggregation, fed row by row so a scan never has to be held in memory. Without GROUP BY
 * there is exactly one group, even over no rows (count = 0, sum = null), as in SQL.
 *
 * <p>A call's FILTER is tested first; a call with DISTINCT or an ORDER BY inside holds its group's
 * inputs, and at the end sorts them (by its ORDER BY, then, for DISTINCT, by its arguments),
 * drops adjacent duplicates for DISTINCT, and feeds them to its {@link AggState} in that order,
 * as PostgreSQL does (so {@code string_agg(DISTINCT x, ',')} comes out sorted).
 */
final class Aggregator {
  private final List<Expr> groupBy;
  private final List<Plan.AggCall> calls;
  /** The positions of {@code groupBy} this aggregation groups by (a grouping set); the others are NULL. */
  private final int[] keys;
  private final Map<List<Object>, Group> groups = new LinkedHashMap<>();
  /** The one group of an aggregate without GROUP BY, once it exists. */
  private Group only;

  private final class Group {
    final Object[] keyValues;
    final AggState[] states;
    final List<List<Object[]>> held = new ArrayList<>();

    Group(Object[] keyValues) {
      this.keyValues = keyValues;
      this.states = new AggState[calls.size()];
      for (int i = 0; i < states.length; i++) {
        Plan.AggCall c = calls.get(i);
        states[i] = c.kind().equals("grouping") ? new AggState.Constant(groupingMask(c)) : AggState.of(c, zone);
        held.add(holds(c) ? new ArrayList<>() : null);
      }
    }
  }

  /** The session's time zone, in which json_agg and its kin write timestamps with time zone. */
  private java.time.ZoneId zone = java.time.ZoneOffset.UTC;

  /** Told of every input a DISTINCT or ordered call holds, to count it against the query's memory. */
  private java.util.function.Consumer<Object[]> holdCharge = r -> { };

  Aggregator(List<Expr> groupBy, List<Plan.AggCall> calls) {
    this(groupBy, calls, java.util.stream.IntStream.range(0, groupBy.size()).toArray());
  }

  /** An aggregation by the grouping set {@code keys}: positions of {@code groupBy}. */
  Aggregator(List<Expr> groupBy, List<Plan.AggCall> calls, int[] keys) {
    this.groupBy = groupBy;
    this.calls = calls;
    this.keys = keys;
  }

  /**
   * grouping(a, b, ...): one bit per argument, the first the most significant, set when that
   * expression is not grouped by this set. Its arguments are the positions of the expressions.
   */
  private int groupingMask(Plan.AggCall c) {
    int mask = 0;
    for (Expr a : c.args()) {
      int position = (Integer) ((org.opendsql.sql.expr.Exprs.Const) a).value();
      boolean grouped = false;
      for (int k : keys) grouped |= k == position;
      mask = (mask << 1) | (grouped ? 0 : 1);
    }
    return mask;
  }

  /** Sets the memory accounting of held inputs (none by default). */
  Aggregator chargingHeldRows(java.util.function.Consumer<Object[]> charge) {
    this.holdCharge = charge;
    return this;
  }

  private static boolean holds(Plan.AggCall c) {
    return c.distinct() || !c.orderBy().isEmpty();
  }

  void add(EvalContext ctx) {
    zone = ctx.zone;
    if (groupBy.isEmpty() && only == null) only = groups.computeIfAbsent(List.of(), k -> new Group(new Object[0]));
    Group g = groupBy.isEmpty() ? only : group(ctx);
    accumulate(g, ctx);
  }

  private Group group(EvalContext ctx) {
    Object[] keyValues = new Object[groupBy.size()];
    List<Object> key = new ArrayList<>(keys.length);
    for (int i : keys) {
      keyValues[i] = groupBy.get(i).eval(ctx);
      Object k = keyValues[i];
      // char(n): values equal without their trailing padding are one group.
      if (k instanceof String str && groupBy.get(i).type() == org.opendsql.core.types.PgType.BPCHAR) {
        k = org.opendsql.sql.expr.StringFunctions.rtrimSpaces(str);
      }
      key.add(normalize(k));
    }
    return groups.computeIfAbsent(key, k -> new Group(keyValues));
  }

  private void accumulate(Group g, EvalContext ctx) {
    for (int i = 0; i < calls.size(); i++) {
      Plan.AggCall c = calls.get(i);
      if (c.kind().equals("grouping")) continue;
      if (c.filter() != null && !Boolean.TRUE.equals(c.filter().eval(ctx))) continue;
      List<Expr> args = c.args();
      List<Plan.AggOrder> order = c.orderBy();
      Object[] v = new Object[args.size() + (g.held.get(i) == null ? 0 : order.size())];
      for (int a = 0; a < args.size(); a++) v[a] = args.get(a).eval(ctx);
      if (g.held.get(i) == null) {
        g.states[i].add(v);
        continue;
      }
      for (int o = 0; o < order.size(); o++) v[args.size() + o] = order.get(o).expr().eval(ctx);
      holdCharge.accept(v);
      g.held.get(i).add(v);
    }
  }

  /** Equal SQL values must group together: 1.0 and 1.00, -0.0 and 0.0. */
  private static Object normalize(Object v) {
    if (v instanceof org.opendsql.core.types.PgArray a) {
      // Arrays are equal when shaped alike with equal elements (1.0 and 1.00 are one numeric).
      java.util.List<Object> key = new java.util.ArrayList<>();
      key.add(java.util.Arrays.toString(a.dims()) + java.util.Arrays.toString(a.lbounds()));
      for (Object e : a.items()) key.add(e == null ? java.util.Optional.empty() : normalize(e));
      return key;
    }
    if (v instanceof BigDecimal d) return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (v instanceof Double d && d == 0.0) return 0.0;
    if (v instanceof Float f && f == 0.0f) return 0.0f;
    if (v instanceof byte[] b) return java.nio.ByteBuffer.wrap(b);
    return v;
  }

  /** The grouped rows: {@code [group values..., aggregate values...]}. */
  List<Object[]> results() {
    if (groups.isEmpty() && keys.length == 0) groups.put(List.of(), new Group(new Object[groupBy.size()]));
    List<Object[]> out = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      Object[] row = new Object[groupBy.size() + calls.size()];
      System.arraycopy(g.keyValues, 0, row, 0, g.keyValues.length);
      for (int i = 0; i < calls.size(); i++) {
        if (g.held.get(i) != null) replay(calls.get(i), g.held.get(i), g.states[i]);
        row[groupBy.size() + i] = g.states[i].result();
      }
      out.add(row);
    }
    return out;
  }

  /** Sorts a call's held inputs, drops DISTINCT duplicates, and feeds its state. */
  private static void replay(Plan.AggCall c, List<Object[]> rows, AggState state) {
    int nArgs = c.args().size();
    List<Plan.AggOrder> order = c.orderBy();
    Comparator<Object[]> cmp = (a, b) -> 0;
    for (int o = 0; o < order.size(); o++) {
      int col = nArgs + o;
      Plan.AggOrder k = order.get(o);
      cmp = cmp.thenComparing((a, b) -> compare(a[col], b[col], k.asc(), k.nullsFirst()));
    }
    if (c.distinct()) {
      for (int a = 0; a < nArgs; a++) {
        int col = a;
        cmp = cmp.thenComparing((x, y) -> compare(x[col], y[col], true, false));
      }
    }
    rows.sort(cmp);
    Object[] prev = null;
    for (Object[] r : rows) {
      if (c.distinct() && prev != null && sameArgs(prev, r, nArgs)) continue;
      prev = r;
      state.add(nArgs == r.length ? r : Arrays.copyOf(r, nArgs));
    }
    rows.clear();
  }

  private static boolean sameArgs(Object[] a, Object[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (a[i] == null || b[i] == null) {
        if (a[i] != b[i]) return false;
      } else if (Values.compare(a[i], b[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  private static int compare(Object a, Object b, boolean asc, boolean nullsFirst) {
    if (a == null || b == null) {
      if (a == b) return 0;
      return (a == null) == nullsFirst ? -1 : 1;
    }
    int c = Values.compare(a, b);
    return asc ? c : -c;
  }
}
