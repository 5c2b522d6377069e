package org.opendsql.sql.exec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.DateTimeArith;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.plan.Plan;
import org.opendsql.sql.plan.Rel;
import org.opendsql.sql.plan.WindowCall.BoundKind;
import org.opendsql.sql.plan.WindowCall.Exclusion;
import org.opendsql.sql.plan.WindowCall.Mode;
import org.opendsql.sql.plan.WindowCall;

/**
 * Evaluates a {@link Rel.Window} over its input rows, held in memory: for each call the rows are
 * sorted by its PARTITION BY and ORDER BY (stably, so rows the ORDER BY leaves tied keep their
 * input order), then each partition is walked with PostgreSQL's rules for peers (rows equal in
 * the ORDER BY), frames (ROWS, RANGE, GROUPS; EXCLUDE) and each function's arguments.
 */
final class WindowEval {
  private final EvalContext ctx;

  /** A RANGE bound on a time of day: microseconds since midnight, maybe outside the day. */
  private record TimeTarget(long micros) {}
  private final Consumer<Object[]> charge;

  WindowEval(EvalContext ctx, Consumer<Object[]> charge) {
    this.ctx = ctx;
    this.charge = charge;
  }

  List<Object[]> run(Rel.Window w, List<Object[]> in) {
    int n = in.size();
    int width = w.inputWidth() + w.calls().size();
    Object[][] out = new Object[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOf(in.get(i), width);
      charge.accept(out[i]);
    }
    Integer[] lastOrder = null;
    for (int c = 0; c < w.calls().size(); c++) {
      lastOrder = call(w.calls().get(c), in, out, w.inputWidth() + c);
    }
    // Rows leave in the order of the last window's sort, as PostgreSQL's do.
    List<Object[]> result = new ArrayList<>(n);
    if (lastOrder == null) {
      result.addAll(Arrays.asList(out));
    } else {
      for (Integer i : lastOrder) result.add(out[i]);
    }
    return result;
  }

  private Object eval(Expr e, Object[] row) {
    ctx.row = row;
    return e.eval(ctx);
  }

  /** One call's values into column {@code col}; returns the sorted order of the input rows. */
  private Integer[] call(WindowCall call, List<Object[]> in, Object[][] out, int col) {
    int n = in.size();
    int np = call.partitionBy().size();
    int no = call.orderBy().size();
    // Each row's sort key: [partition values..., order values...].
    Object[][] keys = new Object[n][];
    for (int i = 0; i < n; i++) {
      Object[] k = new Object[np + no];
      for (int j = 0; j < np; j++) k[j] = eval(call.partitionBy().get(j), in.get(i));
      for (int j = 0; j < no; j++) k[np + j] = eval(call.orderBy().get(j), in.get(i));
      keys[i] = k;
      charge.accept(k);
    }
    List<Plan.SortKey> partKeys = new ArrayList<>();
    for (int j = 0; j < np; j++) partKeys.add(new Plan.SortKey(j, true, false));
    List<Plan.SortKey> orderKeys = new ArrayList<>();
    for (Plan.SortKey k : call.orderKeys()) orderKeys.add(new Plan.SortKey(np + k.outputIndex(), k.asc(), k.nullsFirst()));
    List<Plan.SortKey> all = new ArrayList<>(partKeys);
    all.addAll(orderKeys);
    Comparator<Object[]> byPartition = Executor.comparator(partKeys);
    Comparator<Object[]> byOrder = Executor.comparator(orderKeys);
    Comparator<Object[]> byAll = Executor.comparator(all);
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> byAll.compare(keys[a], keys[b]));
    Sorted s = new Sorted(call, in, idx, keys, byOrder, np);
    // PostgreSQL checks the offsets before reading any row, so an empty input fails too; only a
    // RANGE offset's sign is checked when rows are compared with it.
    s.startOffset = s.offset(call.frame().start(), "starting");
    s.endOffset = s.offset(call.frame().end(), "ending");
    int ps = 0;
    while (ps < n) {
      int pe = ps + 1;
      while (pe < n && byPartition.compare(keys[idx[ps]], keys[idx[pe]]) == 0) pe++;
      s.partition(ps, pe, out, col);
      ps = pe;
    }
    return idx;
  }

  /** The rows of one call in its sort order, walked partition by partition. */
  private final class Sorted {
    final WindowCall call;
    final List<Object[]> in;
    final Integer[] idx;
    final Object[][] keys;
    final Comparator<Object[]> byOrder;
    final int np;
    /** Per sorted position: its peer group's first and last position. */
    final int[] groupStart;
    final int[] groupEnd;
    /** Per sorted position: its peer group's number within the partition. */
    final int[] group;
    int ps;
    int pe;
    /** Frame offsets, evaluated once per execution. */
    Object startOffset;
    Object endOffset;

    Sorted(WindowCall call, List<Object[]> in, Integer[] idx, Object[][] keys, Comparator<Object[]> byOrder, int np) {
      this.call = call;
      this.in = in;
      this.idx = idx;
      this.keys = keys;
      this.byOrder = byOrder;
      this.np = np;
      this.groupStart = new int[idx.length];
      this.groupEnd = new int[idx.length];
      this.group = new int[idx.length];
    }

    Object[] row(int pos) {
      return in.get(idx[pos]);
    }

    void partition(int ps, int pe, Object[][] out, int col) {
      this.ps = ps;
      this.pe = pe;
      int g = -1;
      int start = ps;
      for (int k = ps; k < pe; k++) {
        if (k == ps || byOrder.compare(keys[idx[k - 1]], keys[idx[k]]) != 0) {
          g++;
          start = k;
        }
        group[k] = g;
        groupStart[k] = start;
      }
      for (int k = pe - 1; k >= ps; k--) {
        groupEnd[k] = k == pe - 1 || group[k + 1] != group[k] ? k : groupEnd[k + 1];
      }
      if (call.frame().mode() == Mode.RANGE) {
        for (Object o : new Object[] {startOffset, endOffset}) {
          if (o instanceof org.opendsql.core.types.NumericSpecial sp) {
            if (sp.isNaN() || sp.signum() < 0) throw Errors.invalidRangeOffset();
            throw Errors.nonFiniteNumeric();
          }
          if (o != null && (o instanceof Double d ? d < 0 || d.isNaN()
              : o instanceof PgInterval iv ? iv.compareTo(PgInterval.ZERO) < 0 : ((BigDecimal) o).signum() < 0)) {
            throw Errors.invalidRangeOffset();
          }
        }
      }
      if (call.agg() != null) {
        aggregate(out, col);
        return;
      }
      switch (call.name()) {
        case "row_number" -> {
          for (int k = ps; k < pe; k++) out[idx[k]][col] = (long) (k - ps + 1);
        }
        case "rank" -> {
          for (int k = ps; k < pe; k++) out[idx[k]][col] = (long) (groupStart[k] - ps + 1);
        }
        case "dense_rank" -> {
          for (int k = ps; k < pe; k++) out[idx[k]][col] = (long) (group[k] + 1);
        }
        case "percent_rank" -> {
          int rows = pe - ps;
          for (int k = ps; k < pe; k++) {
            out[idx[k]][col] = rows <= 1 ? 0.0 : (double) (groupStart[k] - ps) / (rows - 1);
          }
        }
        case "cume_dist" -> {
          int rows = pe - ps;
          for (int k = ps; k < pe; k++) out[idx[k]][col] = (double) (groupEnd[k] - ps + 1) / rows;
        }
        case "ntile" -> ntile(out, col);
        case "lag", "lead" -> shift(out, col, call.name().equals("lag") ? -1 : 1);
        case "first_value", "last_value", "nth_value" -> pick(out, col);
        default -> throw Errors.internal("window function " + call.name());
      }
    }

    /** PostgreSQL's buckets: the first (rows mod n) buckets get one row more than the rest. */
    private void ntile(Object[][] out, int col) {
      Object v = eval(call.args().get(0), row(ps));
      if (v == null) {
        for (int k = ps; k < pe; k++) out[idx[k]][col] = null;
        return;
      }
      long buckets = ((Number) v).longValue();
      if (buckets <= 0) throw Errors.ntileNotPositive();
      long rows = pe - ps;
      long per = rows / buckets;
      long extra = rows % buckets;
      for (int k = ps; k < pe; k++) {
        long pos = k - ps;
        long big = extra * (per + 1);
        long b = pos < big ? pos / (per + 1) : extra + (pos - big) / per;
        out[idx[k]][col] = (int) (b + 1);
      }
    }

    /** lag/lead: the offset and the default are evaluated on the current row, the value on the target. */
    private void shift(Object[][] out, int col, int dir) {
      List<Expr> args = call.args();
      for (int k = ps; k < pe; k++) {
        long off = 1;
        if (args.size() > 1) {
          Object o = eval(args.get(1), row(k));
          if (o == null) {
            out[idx[k]][col] = null;
            continue;
          }
          off = ((Number) o).longValue();
        }
        long t = k + dir * off;
        Object v;
        if (t >= ps && t < pe) v = eval(args.get(0), row((int) t));
        else v = args.size() > 2 ? eval(args.get(2), row(k)) : null;
        out[idx[k]][col] = v;
      }
    }

    private void pick(Object[][] out, int col) {
      for (int k = ps; k < pe; k++) {
        int[] f = frame(k);
        int target = -1;
        switch (call.name()) {
          case "first_value" -> target = nth(f, k, 1);
          case "last_value" -> target = last(f, k);
          default -> {
            Object n = eval(call.args().get(1), row(k));
            if (n == null) {
              out[idx[k]][col] = null;
              continue;
            }
            long nth = ((Number) n).longValue();
            if (nth <= 0) throw Errors.nthValueNotPositive();
            target = nth(f, k, nth);
          }
        }
        out[idx[k]][col] = target < 0 ? null : eval(call.args().get(0), row(target));
      }
    }

    private void aggregate(Object[][] out, int col) {
      Plan.AggCall agg = call.agg();
      boolean growing = call.frame().start().kind() == BoundKind.UNBOUNDED_PRECEDING
          && call.frame().exclusion() == Exclusion.NO_OTHERS;
      if (call.frame().end().kind() == BoundKind.UNBOUNDED_FOLLOWING && !growing
          && call.frame().exclusion() == Exclusion.NO_OTHERS && orderInsensitive(agg)) {
        // The frame only shrinks towards the partition's end: walk it backwards, feeding the rows
        // it gains. Fine where the order rows are fed in cannot change the result; a float sum
        // must add in frame order, as PostgreSQL does by aggregating each frame afresh.
        Aggregator tail = new Aggregator(List.of(), List.of(agg));
        int from = pe;
        for (int k = pe - 1; k >= ps; k--) {
          int[] f = frame(k);
          while (from > f[0]) feed(tail, --from);
          out[idx[k]][col] = tail.results().get(0)[0];
        }
        return;
      }
      Aggregator running = null;
      int fed = ps - 1;
      int prevStart = -1;
      int prevEnd = -1;
      Object prev = null;
      for (int k = ps; k < pe; k++) {
        int[] f = frame(k);
        Object v;
        if (growing) {
          // The frame only grows from the partition's start: feed the rows it gained.
          if (running == null) running = new Aggregator(List.of(), List.of(agg));
          while (fed < f[1]) feed(running, ++fed);
          v = running.results().get(0)[0];
        } else if (k > ps && f[0] == prevStart && f[1] == prevEnd && call.frame().exclusion() == Exclusion.NO_OTHERS) {
          v = prev;
        } else {
          Aggregator a = new Aggregator(List.of(), List.of(agg));
          for (int p = f[0]; p <= f[1]; p++) if (!excluded(p, k)) feed(a, p);
          v = a.results().get(0)[0];
        }
        out[idx[k]][col] = v;
        prevStart = f[0];
        prevEnd = f[1];
        prev = v;
      }
    }

    private static boolean orderInsensitive(Plan.AggCall agg) {
      return switch (agg.kind()) {
        case "count", "min", "max" -> true;
        default -> agg.type() != PgType.FLOAT4 && agg.type() != PgType.FLOAT8;
      };
    }

    private void feed(Aggregator a, int pos) {
      ctx.row = row(pos);
      if (call.filter() != null && !Boolean.TRUE.equals(call.filter().eval(ctx))) return;
      ctx.row = row(pos);
      a.add(ctx);
    }

    // ------------------------------------------------------------ frames

    /** The nth (1-based) row of row k's frame, exclusions skipped; -1 if there is none. */
    private int nth(int[] f, int k, long n) {
      long seen = 0;
      for (int p = f[0]; p <= f[1]; p++) {
        if (excluded(p, k)) continue;
        if (++seen == n) return p;
      }
      return -1;
    }

    private int last(int[] f, int k) {
      for (int p = f[1]; p >= f[0]; p--) if (!excluded(p, k)) return p;
      return -1;
    }

    private boolean excluded(int p, int k) {
      return switch (call.frame().exclusion()) {
        case NO_OTHERS -> false;
        case CURRENT_ROW -> p == k;
        case GROUP -> group[p] == group[k];
        case TIES -> p != k && group[p] == group[k];
      };
    }

    /** Row k's frame as sorted positions {@code [first, last]}; first > last when it is empty. */
    private int[] frame(int k) {
      WindowCall.Frame fr = call.frame();
      int first = Math.max(ps, bound(fr.start(), startOffset, k, true));
      int last = Math.min(pe - 1, bound(fr.end(), endOffset, k, false));
      return new int[] {first, last};
    }

    private int bound(WindowCall.Bound b, Object offset, int k, boolean start) {
      switch (b.kind()) {
        case UNBOUNDED_PRECEDING:
          return ps;
        case UNBOUNDED_FOLLOWING:
          return pe - 1;
        case CURRENT_ROW:
          if (call.frame().mode() == Mode.ROWS) return k;
          return start ? groupStart[k] : groupEnd[k];
        default:
          break;
      }
      boolean preceding = b.kind() == BoundKind.PRECEDING;
      switch (call.frame().mode()) {
        case ROWS: {
          long n = (Long) offset;
          long p = preceding ? k - n : k + n;
          return (int) Math.max(ps - 1L, Math.min(pe, p));
        }
        case GROUPS: {
          long n = (Long) offset;
          long g = preceding ? group[k] - n : group[k] + n;
          int lastGroup = group[pe - 1];
          if (g < 0) return start ? ps : ps - 1;
          if (g > lastGroup) return start ? pe : pe - 1;
          // Peer groups are runs: find group g's first or last position from k.
          int p = k;
          if (g < group[k]) {
            while (group[p] != g) p = groupStart[p] - 1;
          } else {
            while (group[p] != g) p = groupEnd[p] + 1;
          }
          return start ? groupStart[p] : groupEnd[p];
        }
        default:
          return rangeBound(preceding, offset, k, start);
      }
    }

    /**
     * RANGE offset: the frame starts at the first row not sorting before {@code key ∓ offset} and
     * ends at the last row not sorting after {@code key ± offset}. A NULL key is in range only of
     * NULL keys, which sort at the partition's one end.
     */
    private int rangeBound(boolean preceding, Object offset, int k, boolean start) {
      Plan.SortKey sk = call.orderKeys().get(0);
      Object cur = keys[idx[k]][np];
      Object target = null;
      if (cur != null) {
        boolean add = preceding != sk.asc();
        if (offset instanceof PgInterval span) {
          target = temporalTarget(cur, span, add);
        } else if (offset instanceof Double d) {
          double x = ((Number) cur).doubleValue();
          target = add ? x + d : x - d;
        } else {
          BigDecimal x = Values.toBig((Number) cur);
          target = add ? x.add((BigDecimal) offset) : x.subtract((BigDecimal) offset);
        }
      }
      if (start) {
        int lo = ps;
        int hi = pe;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (sortCompare(keys[idx[mid]][np], target, sk) < 0) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      }
      int lo = ps;
      int hi = pe;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sortCompare(keys[idx[mid]][np], target, sk) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return lo - 1;
    }

    /** Compares as the window's ORDER BY sorts: its direction and its NULLS placement. */
    private int sortCompare(Object v, Object target, Plan.SortKey sk) {
      if (v == null || target == null) {
        if (v == target) return 0;
        return (v == null) == sk.nullsFirst() ? -1 : 1;
      }
      int c;
      if (target instanceof TimeTarget t) {
        c = Long.compare(PgTemporal.timeMicros(v instanceof OffsetTime o ? o.toLocalTime() : (LocalTime) v), t.micros());
      } else if (!(target instanceof Number)) {
        c = Values.compare(v, target);
      } else if (target instanceof Double t) {
        double x = ((Number) v).doubleValue();
        c = Double.isNaN(x) ? (Double.isNaN(t) ? 0 : 1) : Double.isNaN(t) ? -1 : Double.compare(x + 0.0, t + 0.0);
      } else {
        c = Values.toBig((Number) v).compareTo((BigDecimal) target);
      }
      return sk.asc() ? c : -c;
    }

    /**
     * A date/time key moved by an interval, as PostgreSQL's in_range functions move it: dates
     * as timestamps, timestamptz on the session zone's calendar, times of day without wrapping
     * past midnight (so the target may lie outside the day).
     */
    private Object temporalTarget(Object cur, PgInterval span, boolean add) {
      if (cur instanceof LocalDate d) cur = DateTimeArith.dateTime(d, LocalTime.MIDNIGHT);
      if (cur instanceof LocalDateTime l) return add ? DateTimeArith.plus(l, span) : DateTimeArith.minus(l, span);
      if (cur instanceof Instant i) return add ? DateTimeArith.plus(i, span, ctx.zone) : DateTimeArith.minus(i, span, ctx.zone);
      if (cur instanceof PgInterval v) return add ? DateTimeArith.add(v, span) : DateTimeArith.subtract(v, span);
      LocalTime t = cur instanceof OffsetTime o ? o.toLocalTime() : (LocalTime) cur;
      long m = PgTemporal.timeMicros(t);
      return new TimeTarget(add ? m + span.micros() : m - span.micros());
    }

    private Object offset(WindowCall.Bound b, String which) {
      if (b.offset() == null) return null;
      Object v = eval(b.offset(), null);
      if (v == null) throw Errors.nullFrameOffset(which);
      if (call.frame().mode() == Mode.RANGE) return v;
      long n = ((Number) v).longValue();
      if (n < 0) throw Errors.negativeFrameOffset(which);
      return n;
    }
  }
}
