package org.opendsql.sql.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendsql.core.error.Errors;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.plan.Rel;
import org.opendsql.sql.plan.RelQuery;

/**
 * Evaluates a {@link Rel} tree in memory over table rows already read from storage, so it never
 * waits: joins (hash join on equal keys, nested loop otherwise, outer joins by tracking matches),
 * aggregation, window functions, sorts, DISTINCT [ON], set operations, WITH queries (each
 * evaluated once per execution) and recursive WITH (to a fixed point), and the subqueries inside
 * expressions.
 * Every row held is counted against the query's memory limit: past it, 53200.
 */
final class RelEval implements EvalContext.SubqueryRunner {
  private final EvalContext ctx;
  private final List<List<Object[]>> scans = new ArrayList<>();
  private final long memoryLimit;
  private final Map<Integer, List<Object[]>> ctes = new HashMap<>();
  private final Map<Integer, List<Object[]>> work = new HashMap<>();
  private final Map<RelQuery, List<Object[]>> uncorrelated = new IdentityHashMap<>();
  private long memory;

  RelEval(EvalContext ctx, long memoryLimit) {
    this.ctx = ctx;
    this.memoryLimit = memoryLimit;
  }

  /** The RETURNING rows of the statement's data-modifying WITH queries, by WITH query id. */
  private Map<Integer, List<Object[]>> modifying = Map.of();

  void modifyingResults(Map<Integer, List<Object[]>> results) {
    this.modifying = results;
  }

  /** A page of scan {@code id}'s rows, read from storage in scan order before evaluation. */
  void addScanRows(int id, List<Object[]> rows) {
    while (scans.size() <= id) scans.add(new ArrayList<>());
    for (Object[] r : rows) charge(r);
    scans.get(id).addAll(rows);
  }

  @Override
  public List<Object[]> run(Object query, EvalContext c) {
    RelQuery q = (RelQuery) query;
    if (!q.correlated()) {
      List<Object[]> cached = uncorrelated.get(q);
      if (cached != null) return cached;
    }
    Object[] row = c.row;
    c.pushOuter(row);
    try {
      List<Object[]> out = eval(q.root());
      if (!q.correlated()) uncorrelated.put(q, out);
      return out;
    } finally {
      c.popOuter();
      c.row = row;
    }
  }

  private void charge(Object[] row) {
    long size = 24L + 8L * row.length;
    for (Object v : row) {
      if (v instanceof String s) size += 40 + 2L * s.length();
      else if (v instanceof byte[] b) size += 16 + b.length;
      else if (v != null) size += 24;
    }
    memory += size;
    if (memory > memoryLimit) throw Errors.queryMemoryExceeded(memoryLimit);
  }

  private Object eval(Expr e, Object[] row) {
    ctx.row = row;
    return e.eval(ctx);
  }

  private boolean test(Expr cond, Object[] row) {
    return cond == null || Boolean.TRUE.equals(eval(cond, row));
  }

  /** EXPLAIN ANALYZE: per operator, the rows it produced and the time it took (its inputs' included). */
  private java.util.Map<Object, long[]> stats;

  void recordStats(java.util.Map<Object, long[]> into) {
    this.stats = into;
  }

  /** Results evaluated ahead (a lookup join's other side), each used once by the evaluation proper. */
  private final Map<Rel, List<Object[]>> ahead = new java.util.IdentityHashMap<>();

  /** {@code rel}'s rows, evaluated ahead of the tree: its next evaluation returns them. */
  void evaluatedAhead(Rel rel, List<Object[]> rows) {
    ahead.put(rel, rows);
  }

  List<Object[]> eval(Rel rel) {
    List<Object[]> early = ahead.remove(rel);
    if (early != null) return early;
    if (stats == null) return evalNode(rel);
    long t0 = System.nanoTime();
    List<Object[]> rows = evalNode(rel);
    long[] s = stats.computeIfAbsent(rel, k -> new long[3]);
    s[0] += rows.size();
    s[1] += System.nanoTime() - t0;
    s[2]++;
    return rows;
  }

  private List<Object[]> evalNode(Rel rel) {
    if (rel instanceof Rel.Scan s) return s.id() < scans.size() ? scans.get(s.id()) : List.of();
    if (rel instanceof Rel.Series s) return series(s);
    if (rel instanceof Rel.Unnest u) return unnest(u);
    if (rel instanceof Rel.FunctionScan f) return functionScan(f);
    if (rel instanceof Rel.ProjectSet p) return projectSet(p);
    if (rel instanceof Rel.OneRow) {
      List<Object[]> one = new ArrayList<>();
      one.add(new Object[0]);
      return one;
    }
    if (rel instanceof Rel.ValuesRows v) {
      List<Object[]> out = new ArrayList<>();
      for (List<Expr> exprs : v.rows()) {
        Object[] r = new Object[exprs.size()];
        for (int i = 0; i < r.length; i++) r[i] = eval(exprs.get(i), null);
        charge(r);
        out.add(r);
      }
      return out;
    }
    if (rel instanceof Rel.Filter f) {
      List<Object[]> out = new ArrayList<>();
      for (Object[] r : eval(f.in())) if (test(f.cond(), r)) out.add(r);
      return out;
    }
    if (rel instanceof Rel.Project p) {
      List<Object[]> in = eval(p.in());
      List<Object[]> out = new ArrayList<>(in.size());
      for (Object[] r : in) {
        Object[] o = new Object[p.exprs().size()];
        for (int i = 0; i < o.length; i++) o[i] = eval(p.exprs().get(i), r);
        charge(o);
        out.add(o);
      }
      return out;
    }
    if (rel instanceof Rel.Join j) return join(j);
    if (rel instanceof Rel.Aggregate a) {
      List<Aggregator> aggs = new ArrayList<>();
      if (a.sets() == null) aggs.add(new Aggregator(a.groupBy(), a.aggs()).chargingHeldRows(this::charge));
      else for (int[] set : a.sets()) aggs.add(new Aggregator(a.groupBy(), a.aggs(), set).chargingHeldRows(this::charge));
      for (Object[] r : eval(a.in())) {
        ctx.row = r;
        for (Aggregator agg : aggs) agg.add(ctx);
      }
      List<Object[]> out = new ArrayList<>();
      for (Aggregator agg : aggs) out.addAll(agg.results());
      for (Object[] r : out) charge(r);
      return out;
    }
    if (rel instanceof Rel.Window w) return new WindowEval(ctx, this::charge).run(w, eval(w.in()));
    if (rel instanceof Rel.Sort s) {
      List<Object[]> rows = new ArrayList<>(eval(s.in()));
      rows.sort(Executor.comparator(s.keys()));
      return rows;
    }
    if (rel instanceof Rel.Distinct d) return distinct(eval(d.in()), d.keys(), d.adjacentOnly());
    if (rel instanceof Rel.Limit l) {
      long limit = count(l.limit(), true);
      if (l.ties() != null && l.limit() != null && limit < 0) throw Errors.fetchWithTiesNullCount();
      long offset = Math.max(0, count(l.offset(), false));
      List<Object[]> in = eval(l.in());
      int from = (int) Math.min(in.size(), offset);
      int to = limit < 0 ? in.size() : (int) Math.min(in.size(), from + limit);
      if (l.ties() != null && to > from) {
        java.util.Comparator<Object[]> order = Executor.comparator(l.ties());
        while (to < in.size() && order.compare(in.get(to - 1), in.get(to)) == 0) to++;
      }
      return new ArrayList<>(in.subList(from, to));
    }
    if (rel instanceof Rel.Truncate t) {
      List<Object[]> out = new ArrayList<>();
      for (Object[] r : eval(t.in())) out.add(r.length == t.width() ? r : Arrays.copyOf(r, t.width()));
      return out;
    }
    if (rel instanceof Rel.SetOp s) return setOp(s);
    if (rel instanceof Rel.CteRef c) {
      List<Object[]> rows = ctes.get(c.id());
      if (rows == null) {
        rows = eval(c.definition());
        ctes.put(c.id(), rows);
      }
      return rows;
    }
    if (rel instanceof Rel.WorkTable w) return work.getOrDefault(w.id(), List.of());
    if (rel instanceof Rel.DmlResult d) {
      List<Object[]> rows = modifying.get(d.id());
      if (rows == null) throw Errors.internal("WITH query " + d.id() + " read before it ran");
      return rows;
    }
    if (rel instanceof Rel.RecursiveCte r) return recursive(r);
    throw Errors.internal("unexpected operator " + rel.getClass().getSimpleName());
  }

  private List<Object[]> functionScan(Rel.FunctionScan f) {
    Object[] args = new Object[f.args().size()];
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      args[i] = eval(f.args().get(i), null);
      if (args[i] == null) return out;
    }
    java.util.Iterator<Object[]> rows = f.rows().apply(args);
    while (rows.hasNext()) {
      Object[] r = rows.next();
      if (f.ordinality()) {
        r = java.util.Arrays.copyOf(r, r.length + 1);
        r[r.length - 1] = (long) out.size() + 1;
      }
      charge(r);
      out.add(r);
    }
    return out;
  }

  private List<Object[]> unnest(Rel.Unnest u) {
    List<List<Object>> arrays = new ArrayList<>();
    int n = 0;
    for (Expr e : u.arrays()) {
      List<Object> items = org.opendsql.sql.expr.ArrayExprs.elements(eval(e, null));
      arrays.add(items);
      n = Math.max(n, items.size());
    }
    List<Object[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object[] r = new Object[arrays.size() + (u.ordinality() ? 1 : 0)];
      for (int a = 0; a < arrays.size(); a++) r[a] = i < arrays.get(a).size() ? arrays.get(a).get(i) : null;
      if (u.ordinality()) r[arrays.size()] = (long) i + 1;
      charge(r);
      out.add(r);
    }
    return out;
  }

  private List<Object[]> projectSet(Rel.ProjectSet p) {
    List<Object[]> out = new ArrayList<>();
    Object[] saved = ctx.srfValues;
    try {
      for (Object[] r : eval(p.in())) {
        ctx.srfValues = null;
        ctx.row = r;
        List<java.util.Iterator<Object>> sets = new ArrayList<>();
        for (org.opendsql.sql.expr.SetReturning f : p.srfs()) sets.add(f.rows(ctx));
        while (true) {
          Object[] current = new Object[sets.size()];
          boolean any = false;
          for (int s = 0; s < current.length; s++) {
            if (sets.get(s).hasNext()) {
              current[s] = sets.get(s).next();
              any = true;
            }
          }
          if (!any) break;
          ctx.srfValues = current;
          Object[] o = new Object[p.exprs().size()];
          for (int k = 0; k < o.length; k++) o[k] = eval(p.exprs().get(k), r);
          charge(o);
          out.add(o);
        }
      }
    } finally {
      ctx.srfValues = saved;
    }
    return out;
  }

  private List<Object[]> series(Rel.Series s) {
    Object a = eval(s.start(), null);
    Object b = eval(s.stop(), null);
    Object st = s.step() == null ? 1 : eval(s.step(), null);
    List<Object[]> out = new ArrayList<>();
    if (a == null || b == null || st == null) return out;
    if (s.type() == org.opendsql.core.types.PgType.TIMESTAMP || s.type() == org.opendsql.core.types.PgType.TIMESTAMPTZ) {
      return timeSeries(a, b, (org.opendsql.core.types.PgInterval) st, s.ordinality());
    }
    java.util.Iterator<Object> values = org.opendsql.sql.expr.SetReturning.series((Number) a, (Number) b, (Number) st, s.type());
    while (values.hasNext()) {
      Object value = values.next();
      Object[] r = s.ordinality() ? new Object[] {value, (long) out.size() + 1} : new Object[] {value};
      charge(r);
      out.add(r);
    }
    return out;
  }

  /** generate_series over timestamps (see {@link org.opendsql.sql.expr.SetReturning#timeSeries}). */
  private List<Object[]> timeSeries(Object start, Object stop, org.opendsql.core.types.PgInterval step, boolean ordinality) {
    List<Object[]> out = new ArrayList<>();
    java.util.Iterator<Object> values = org.opendsql.sql.expr.SetReturning.timeSeries(start, stop, step, ctx.zone);
    while (values.hasNext()) {
      Object v = values.next();
      Object[] r = ordinality ? new Object[] {v, (long) out.size() + 1} : new Object[] {v};
      charge(r);
      out.add(r);
    }
    return out;
  }

  private long count(Expr e, boolean isLimit) {
    if (e == null) return -1;
    Object v = eval(e, null);
    if (v == null) return -1;
    long n = ((Number) v).longValue();
    if (n < 0) throw isLimit ? Errors.negativeLimit() : Errors.negativeOffset();
    return n;
  }

  // ---------------------------------------------------------------- joins

  private List<Object[]> join(Rel.Join j) {
    List<Object[]> left = eval(j.left());
    List<Object[]> out = new ArrayList<>();
    int lw = j.leftWidth();
    int rw = j.rightWidth();
    if (j.lateral()) {
      for (Object[] l : left) {
        ctx.pushOuter(l);
        List<Object[]> right;
        try {
          right = eval(j.right());
        } finally {
          ctx.popOuter();
        }
        boolean matched = false;
        for (Object[] r : right) {
          Object[] both = concat(l, r, lw, rw);
          if (test(j.cond(), both)) {
            matched = true;
            emit(out, both);
          }
        }
        if (!matched && j.kind() == Rel.JoinKind.LEFT) emit(out, concat(l, null, lw, rw));
      }
      return out;
    }
    List<Object[]> right = eval(j.right());
    boolean[] rightMatched = new boolean[right.size()];
    Map<List<Object>, List<Integer>> index = null;
    if (j.leftKeys().length > 0) {
      index = new HashMap<>();
      for (int i = 0; i < right.size(); i++) {
        List<Object> k = key(right.get(i), j.rightKeys());
        if (k != null) index.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    for (Object[] l : left) {
      boolean matched = false;
      List<Integer> candidates;
      if (index != null) {
        List<Object> k = key(l, j.leftKeys());
        candidates = k == null ? List.of() : index.getOrDefault(k, List.of());
      } else {
        candidates = null;
      }
      int n = candidates == null ? right.size() : candidates.size();
      for (int c = 0; c < n; c++) {
        int ri = candidates == null ? c : candidates.get(c);
        Object[] both = concat(l, right.get(ri), lw, rw);
        if (test(j.cond(), both)) {
          matched = true;
          rightMatched[ri] = true;
          emit(out, both);
        }
      }
      if (!matched && (j.kind() == Rel.JoinKind.LEFT || j.kind() == Rel.JoinKind.FULL)) emit(out, concat(l, null, lw, rw));
    }
    if (j.kind() == Rel.JoinKind.RIGHT || j.kind() == Rel.JoinKind.FULL) {
      for (int i = 0; i < right.size(); i++) if (!rightMatched[i]) emit(out, concat(null, right.get(i), lw, rw));
    }
    return out;
  }

  private void emit(List<Object[]> out, Object[] row) {
    charge(row);
    out.add(row);
  }

  private static Object[] concat(Object[] l, Object[] r, int lw, int rw) {
    Object[] both = new Object[lw + rw];
    if (l != null) System.arraycopy(l, 0, both, 0, lw);
    if (r != null) System.arraycopy(r, 0, both, lw, rw);
    return both;
  }

  /** Hash key of the join columns; null when one is NULL (NULL never equals anything). */
  private static List<Object> key(Object[] row, int[] slots) {
    List<Object> k = new ArrayList<>(slots.length);
    for (int s : slots) {
      Object v = row[s];
      if (v == null) return null;
      k.add(normalize(v));
    }
    return k;
  }

  /** Equal values of different Java classes (1 as int, bigint, numeric 1.0) hash alike. */
  static Object normalize(Object v) {
    if (v instanceof org.opendsql.core.types.PgArray a) {
      // Arrays are equal when shaped alike with equal elements (1.0 and 1.00 are one numeric).
      java.util.List<Object> key = new java.util.ArrayList<>();
      key.add(java.util.Arrays.toString(a.dims()) + java.util.Arrays.toString(a.lbounds()));
      for (Object e : a.items()) key.add(e == null ? java.util.Optional.empty() : normalize(e));
      return key;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      // Stripped like numerics: 10 must hash as numeric 10 does (1E+1), or they never join.
      long x = ((Number) v).longValue();
      return x == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(x).stripTrailingZeros();
    }
    if (v instanceof BigDecimal d) return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (v instanceof Float f) return BigDecimal.valueOf(f.doubleValue()).stripTrailingZeros();
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) return d;
      return d == 0.0 ? BigDecimal.ZERO : BigDecimal.valueOf(d).stripTrailingZeros();
    }
    if (v instanceof byte[] b) return java.nio.ByteBuffer.wrap(b);
    return v;
  }

  private static List<Object> rowKey(Object[] row, int n) {
    List<Object> k = new ArrayList<>(n);
    for (int i = 0; i < n; i++) k.add(row[i] == null ? NullKey.NULL : normalize(row[i]));
    return k;
  }

  /** DISTINCT and set operations treat NULLs as equal to each other. */
  private enum NullKey { NULL }

  // ---------------------------------------------------------------- distinct and set operations

  private static List<Object[]> distinct(List<Object[]> rows, int keys, boolean adjacentOnly) {
    List<Object[]> out = new ArrayList<>();
    if (adjacentOnly) {
      List<Object> prev = null;
      for (Object[] r : rows) {
        List<Object> k = rowKey(r, keys);
        if (!k.equals(prev)) out.add(r);
        prev = k;
      }
      return out;
    }
    Set<List<Object>> seen = new HashSet<>();
    for (Object[] r : rows) if (seen.add(rowKey(r, keys))) out.add(r);
    return out;
  }

  private List<Object[]> setOp(Rel.SetOp s) {
    List<Object[]> left = eval(s.left());
    List<Object[]> right = eval(s.right());
    int w = left.isEmpty() ? (right.isEmpty() ? 0 : right.get(0).length) : left.get(0).length;
    if (s.kind() == Rel.SetKind.UNION) {
      List<Object[]> all = new ArrayList<>(left);
      all.addAll(right);
      return s.all() ? all : distinct(all, w, false);
    }
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    for (Object[] r : right) counts.merge(rowKey(r, w), 1, Integer::sum);
    List<Object[]> out = new ArrayList<>();
    Set<List<Object>> emitted = new HashSet<>();
    for (Object[] r : left) {
      List<Object> k = rowKey(r, w);
      int c = counts.getOrDefault(k, 0);
      if (s.kind() == Rel.SetKind.INTERSECT) {
        if (s.all()) {
          if (c > 0) {
            counts.put(k, c - 1);
            out.add(r);
          }
        } else if (c > 0 && emitted.add(k)) {
          out.add(r);
        }
      } else {
        if (s.all()) {
          if (c > 0) counts.put(k, c - 1);
          else out.add(r);
        } else if (c == 0 && emitted.add(k)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private List<Object[]> recursive(Rel.RecursiveCte r) {
    List<Object[]> result = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    List<Object[]> frontier = new ArrayList<>();
    for (Object[] row : eval(r.anchor())) {
      if (r.all() || seen.add(rowKey(row, row.length))) {
        result.add(row);
        frontier.add(row);
      }
    }
    while (!frontier.isEmpty()) {
      work.put(r.id(), frontier);
      List<Object[]> next = new ArrayList<>();
      for (Object[] row : eval(r.recursive())) {
        if (r.all() || seen.add(rowKey(row, row.length))) {
          charge(row);
          next.add(row);
        }
      }
      result.addAll(next);
      frontier = next;
    }
    work.remove(r.id());
    return result;
  }
}
