package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.parse.WindowSyntax;

/**
 * The window function calls of one query level, as its {@link Binder} meets them: each call is
 * bound against the window's input row and becomes a reference to the column {@link Rel.Window}
 * appends for it. Where that column sits is known only once the whole SELECT is bound (in an
 * aggregated query, ORDER BY may still add aggregates to the row the window reads), so the
 * planner sets {@link #base} last and the references read it when evaluated.
 */
final class WindowBinder {
  static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist");
  static final Set<String> WINDOW_ONLY = Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
      "ntile", "lag", "lead", "first_value", "last_value", "nth_value");
  private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg");

  /** A window as written, its expressions not yet bound (each call binds them at its own level). */
  private record Spec(List<Expression> partition, List<OrderByElement> order, WindowElement frame) {}

  private final Map<String, Spec> named = new HashMap<>();
  private final List<WindowCall> calls = new ArrayList<>();
  /** Only a SELECT list or ORDER BY planned by the relational engine has a window node to feed. */
  private boolean allowed;
  private String forbiddenIn;
  private boolean inArguments;
  private boolean inDefinition;
  /** Slot of the first window column in the row the projection reads; -1 until planned. */
  int base = -1;

  void allow() {
    allowed = true;
  }

  /** Window functions in {@code clause} (GROUP BY, HAVING) are an error until this is called with null. */
  void forbid(String clause) {
    forbiddenIn = clause;
  }

  List<WindowCall> calls() {
    return calls;
  }

  /** The WINDOW clause: each definition may build on an earlier one, as in PostgreSQL. */
  void define(List<WindowDefinition> defs) {
    if (defs == null) return;
    for (WindowDefinition d : defs) {
      String name = Binder.ident(d.getWindowName());
      checkFrameSyntax(d.getWindowElement());
      if (named.containsKey(name)) throw Errors.duplicateWindow(name);
      named.put(name, resolve(d.getPartitionExpressionList(), d.getOrderByElements(), d.getWindowElement(), true));
    }
  }

  /** Copies a referenced window ({@code OVER (w ORDER BY ...)}): SQL's rules for what may be added. */
  private Spec resolve(ExpressionList<?> partitionList, List<OrderByElement> order, WindowElement frame, boolean inClause) {
    List<Expression> parts = new ArrayList<>();
    if (partitionList != null) for (Expression e : partitionList) parts.add(e);
    List<OrderByElement> own = order == null ? List.of() : order;
    String ref = null;
    if (!parts.isEmpty() && parts.get(0) instanceof Column c && c.getTable() == null) {
      String n = Binder.ident(c.getColumnName());
      if (n.startsWith(WindowSyntax.REF_MARK)) {
        ref = n.substring(WindowSyntax.REF_MARK.length());
        parts.remove(0);
      }
    }
    if (ref == null) return new Spec(parts, own, frame);
    Spec base = named.get(ref);
    if (base == null) throw Errors.undefinedWindow(ref);
    if (!parts.isEmpty()) throw Errors.cannotOverrideWindowClause("PARTITION BY", ref);
    if (!own.isEmpty() && !base.order.isEmpty()) throw Errors.cannotOverrideWindowClause("ORDER BY", ref);
    if (base.frame != null) throw Errors.cannotCopyWindowWithFrame(ref, !inClause && own.isEmpty() && frame == null);
    return new Spec(base.partition, own.isEmpty() ? base.order : own, frame);
  }

  Expr bind(Binder b, AnalyticExpression a) {
    if (a.getType() == AnalyticType.FILTER_ONLY) throw Errors.unsupported("FILTER on aggregates");
    if (a.getType() != AnalyticType.OVER) throw Errors.unsupported("WITHIN GROUP");
    if (forbiddenIn != null) throw Errors.windowFunctionNotAllowed(forbiddenIn);
    String clause = b.noAggregatesClause();
    if (clause != null) throw Errors.windowFunctionNotAllowed(clause.equals("JOIN/ON") ? "JOIN conditions" : clause);
    if (!allowed) throw Errors.unsupported("window functions in this clause");
    if (inArguments) throw Errors.nestedWindowFunction();
    if (inDefinition) throw Errors.windowFunctionNotAllowed("window definitions");
    if (b.inAggregateArgument()) throw Errors.windowFunctionInAggregate();
    checkFrameSyntax(a.getWindowElement());
    String name = functionName(a);
    if (a.isDistinct() || a.isUnique()) throw Errors.notImplementedForWindowFunctions("DISTINCT");
    if (a.getFuncOrderBy() != null && !a.getFuncOrderBy().isEmpty()) {
      throw Errors.notImplementedForWindowFunctions("aggregate ORDER BY");
    }
    if (a.isIgnoreNulls() || a.isIgnoreNullsOutside() || a.getKeep() != null) throw Errors.unsupported("IGNORE NULLS");

    boolean star = a.isAllColumns() || a.getExpression() instanceof AllColumns;
    List<Expr> args = new ArrayList<>();
    Expr filter = null;
    inArguments = true;
    try {
      for (Expression x : new Expression[] {star ? null : a.getExpression(), a.getOffset(), a.getDefaultValue()}) {
        if (x != null) args.add(b.bind(x, null));
      }
      if (a.getFilterExpression() != null) filter = b.bindCondition(a.getFilterExpression(), "FILTER", true);
    } finally {
      inArguments = false;
    }

    Spec spec;
    if (a.getWindowName() != null) {
      String w = Binder.ident(a.getWindowName());
      spec = named.get(w);
      if (spec == null) throw Errors.undefinedWindow(w);
    } else {
      spec = resolve(a.getPartitionExpressionList(), a.getOrderByElements(), a.getWindowElement(), false);
    }
    List<Expr> partition = new ArrayList<>();
    List<Expr> order = new ArrayList<>();
    List<Plan.SortKey> keys = new ArrayList<>();
    inDefinition = true;
    try {
      for (Expression p : spec.partition) partition.add(b.finishUnknown(b.bind(p, null)));
      for (OrderByElement o : spec.order) {
        order.add(b.finishUnknown(b.bind(o.getExpression(), null)));
        boolean asc = o.isAsc();
        boolean nullsFirst = o.getNullOrdering() == null ? !asc : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        keys.add(new Plan.SortKey(order.size() - 1, asc, nullsFirst));
      }
    } finally {
      inDefinition = false;
    }
    // Row-mode binding of a query that turns out to aggregate is only a probe for aggregates: its
    // types are placeholders, and the query is bound again in aggregate mode.
    if (!b.isAggMode() && b.sawAggregate()) return new Exprs.Const(PgType.UNKNOWN, null);

    Plan.AggCall agg = null;
    PgType type;
    if (RANKING.contains(name)) {
      if (star || !args.isEmpty()) throw undefined(name, args, star);
      type = name.equals("percent_rank") || name.equals("cume_dist") ? PgType.FLOAT8 : PgType.INT8;
    } else if (name.equals("ntile")) {
      if (star || args.size() != 1) throw undefined(name, args, star);
      Expr n = toInt4(b, args.get(0));
      if (n == null) throw undefined(name, args, false);
      args.set(0, n);
      type = PgType.INT4;
    } else if (name.equals("lag") || name.equals("lead")) {
      if (star || args.isEmpty()) throw undefined(name, args, star);
      if (args.get(0).type() == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
      if (args.size() > 1) {
        Expr off = toInt4(b, args.get(1));
        if (off == null) throw undefined(name, args, false);
        args.set(1, off);
      }
      type = args.get(0).type();
      if (args.size() > 2) {
        // lag(anycompatible, integer, anycompatible): the value and the default meet in a common type.
        Expr def = args.get(2);
        type = def.type() == PgType.UNKNOWN ? type : b.commonTypeOf(List.of(args.get(0), def), name);
        args.set(0, b.toType(args.get(0), type));
        args.set(2, b.toType(def, type));
      }
    } else if (name.equals("first_value") || name.equals("last_value") || name.equals("nth_value")) {
      int arity = name.equals("nth_value") ? 2 : 1;
      if (star || args.size() != arity) throw undefined(name, args, star);
      if (args.get(0).type() == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
      if (arity == 2) {
        Expr n = toInt4(b, args.get(1));
        if (n == null) throw undefined(name, args, false);
        args.set(1, n);
      }
      type = args.get(0).type();
    } else if (AGGREGATES.contains(name)) {
      Expr arg = null;
      if (star) {
        if (!name.equals("count")) throw undefined(name + "(*)", List.of(), false);
      } else {
        if (args.size() != 1) throw undefined(name, args, false);
        arg = b.finishUnknown(args.get(0));
        args.set(0, arg);
      }
      type = arg == null ? PgType.INT8 : Aggregates.resolve(name, List.of(arg)).result();
      agg = new Plan.AggCall(name, arg, false, type);
    } else if (Aggregates.isAggregate(name)) {
      // The rest of the plain aggregates (bool_and, string_agg, stddev, ...) over a window frame.
      if (star || args.isEmpty()) throw undefined(name, args, star);
      Aggregates.Signature sig = Aggregates.resolve(name, args);
      for (int i = 0; i < args.size(); i++) args.set(i, b.toType(args.get(i), sig.args().get(i)));
      type = sig.result();
      agg = new Plan.AggCall(name, args.get(0), false, type, List.copyOf(args), null, null);
    } else {
      Expr scalar;
      try {
        scalar = Functions.bind(name, args, b);
      } catch (DbException e) {
        scalar = null;
      }
      if (scalar != null) throw Errors.notWindowFunction(name);
      throw undefined(name, args, star);
    }
    if (filter != null && agg == null) throw Errors.filterOnNonAggregateWindowFunction();
    WindowCall.Frame frame = frame(b, spec.frame, order);
    calls.add(new WindowCall(name, args, agg, filter, partition, order, keys, frame, type));
    return new WindowRef(this, calls.size() - 1, type);
  }

  /** The function's name as PostgreSQL folds it; pg_catalog is the only schema it can be in. */
  static String functionName(AnalyticExpression a) {
    String n = a.getName();
    if (n.toLowerCase(Locale.ROOT).startsWith("pg_catalog.")) n = n.substring("pg_catalog.".length());
    return Binder.ident(n);
  }

  /**
   * PostgreSQL binds every WINDOW definition, used or not, so a bad name in an unused one still
   * fails the statement (and an ungrouped column, in a grouped query).
   */
  void checkDefinitions(Binder b) {
    inDefinition = true;
    try {
      for (Spec s : named.values()) {
        for (Expression p : s.partition) b.bind(p, null);
        for (OrderByElement o : s.order) b.bind(o.getExpression(), null);
      }
    } finally {
      inDefinition = false;
    }
  }

  private static DbException undefined(String name, List<Expr> args, boolean star) {
    if (star) return Errors.undefinedFunction(name + "(*)", List.of());
    return Errors.undefinedFunction(name, args.stream().map(x -> x.type().sqlName()).toList());
  }

  /** An integer argument (ntile's buckets, lag's offset, nth_value's n): smallint widens, bigint does not. */
  private static Expr toInt4(Binder b, Expr e) {
    return switch (e.type()) {
      case UNKNOWN -> b.coerce(e, PgType.INT4);
      case INT4 -> e;
      case INT2 -> new Exprs.Cast(e, PgType.INT4, -1, false);
      default -> null;
    };
  }

  // ---------------------------------------------------------------- frames

  /** The bound combinations PostgreSQL's grammar refuses, with its words, before anything is bound. */
  private static void checkFrameSyntax(WindowElement el) {
    if (el == null) return;
    if (el.getRange() == null) {
      WindowOffset s = el.getOffset();
      WindowCall.BoundKind k = kind(s);
      if (k == WindowCall.BoundKind.UNBOUNDED_FOLLOWING) throw Errors.invalidFrame("frame start cannot be UNBOUNDED FOLLOWING");
      if (k == WindowCall.BoundKind.FOLLOWING) throw Errors.invalidFrame("frame starting from following row cannot end with current row");
      return;
    }
    WindowCall.BoundKind s = kind(el.getRange().getStart());
    WindowCall.BoundKind e = kind(el.getRange().getEnd());
    if (s == WindowCall.BoundKind.UNBOUNDED_FOLLOWING) throw Errors.invalidFrame("frame start cannot be UNBOUNDED FOLLOWING");
    if (e == WindowCall.BoundKind.UNBOUNDED_PRECEDING) throw Errors.invalidFrame("frame end cannot be UNBOUNDED PRECEDING");
    if (s == WindowCall.BoundKind.CURRENT_ROW && e == WindowCall.BoundKind.PRECEDING) {
      throw Errors.invalidFrame("frame starting from current row cannot have preceding rows");
    }
    if (s == WindowCall.BoundKind.FOLLOWING && (e == WindowCall.BoundKind.PRECEDING || e == WindowCall.BoundKind.CURRENT_ROW)) {
      throw Errors.invalidFrame("frame starting from following row cannot have preceding rows");
    }
  }

  private static WindowCall.BoundKind kind(WindowOffset o) {
    if (o == null || o.getType() == null) throw Errors.syntaxError("invalid window frame");
    return switch (o.getType()) {
      case PRECEDING -> o.getExpression() == null ? WindowCall.BoundKind.UNBOUNDED_PRECEDING : WindowCall.BoundKind.PRECEDING;
      case FOLLOWING -> o.getExpression() == null ? WindowCall.BoundKind.UNBOUNDED_FOLLOWING : WindowCall.BoundKind.FOLLOWING;
      case CURRENT -> WindowCall.BoundKind.CURRENT_ROW;
      default -> throw Errors.syntaxError("invalid window frame");
    };
  }

  private static WindowCall.Frame frame(Binder b, WindowElement el, List<Expr> order) {
    if (el == null) return WindowCall.Frame.DEFAULT;
    WindowCall.Mode mode = switch (el.getType()) {
      case ROWS -> WindowCall.Mode.ROWS;
      case RANGE -> WindowCall.Mode.RANGE;
      case GROUPS -> WindowCall.Mode.GROUPS;
    };
    WindowOffset s = el.getRange() == null ? el.getOffset() : el.getRange().getStart();
    WindowOffset e = el.getRange() == null ? null : el.getRange().getEnd();
    if (mode == WindowCall.Mode.GROUPS && order.isEmpty()) throw Errors.groupsNeedsOrderBy();
    WindowCall.Bound start = bound(b, mode, s, order);
    WindowCall.Bound end = e == null ? new WindowCall.Bound(WindowCall.BoundKind.CURRENT_ROW, null) : bound(b, mode, e, order);
    WindowCall.Exclusion ex = el.getExclusion() == null ? WindowCall.Exclusion.NO_OTHERS : switch (el.getExclusion()) {
      case CURRENT_ROW -> WindowCall.Exclusion.CURRENT_ROW;
      case GROUP -> WindowCall.Exclusion.GROUP;
      case TIES -> WindowCall.Exclusion.TIES;
      case NO_OTHERS -> WindowCall.Exclusion.NO_OTHERS;
    };
    return new WindowCall.Frame(mode, start, end, ex);
  }

  private static WindowCall.Bound bound(Binder b, WindowCall.Mode mode, WindowOffset o, List<Expr> order) {
    WindowCall.BoundKind k = kind(o);
    if (k != WindowCall.BoundKind.PRECEDING && k != WindowCall.BoundKind.FOLLOWING) return new WindowCall.Bound(k, null);
    if (mode == WindowCall.Mode.RANGE && order.size() != 1) throw Errors.rangeOffsetNeedsOneOrderColumn();
    // The offset is evaluated once, before any row: it may not read the row (PostgreSQL: 42P10).
    Binder ob = new Binder((TableDef) null, null, b.params());
    Expr x;
    try {
      x = ob.bind(o.getExpression(), null);
    } catch (DbException ex) {
      if (ex.state() == SqlState.UNDEFINED_COLUMN || ex.state() == SqlState.UNDEFINED_TABLE) {
        throw Errors.frameOffsetHasVariables(mode.name());
      }
      throw ex;
    }
    if (mode != WindowCall.Mode.RANGE) {
      if (x.type() == PgType.UNKNOWN) x = ob.coerce(x, PgType.INT8);
      if (x.type() != PgType.INT8) {
        if (Values.category(x.type()) != Values.Category.NUMBER) {
          throw Errors.argumentTypeMismatch(mode.name(), PgType.INT8.sqlName(), x.type().sqlName());
        }
        x = new Exprs.Cast(x, PgType.INT8, -1, false);
      }
      return new WindowCall.Bound(k, x);
    }
    PgType key = order.get(0).type();
    PgType off = x.type();
    boolean integerOffset = off == PgType.INT2 || off == PgType.INT4 || off == PgType.INT8 || off == PgType.UNKNOWN;
    PgType shift;
    switch (key) {
      case INT2, INT4, INT8 -> {
        if (!integerOffset) throw Errors.rangeOffsetNotSupported(key.sqlName(), off.sqlName());
        shift = PgType.NUMERIC;
      }
      case NUMERIC -> {
        if (!integerOffset && off != PgType.NUMERIC) throw Errors.rangeOffsetNotSupported(key.sqlName(), off.sqlName());
        shift = PgType.NUMERIC;
      }
      case FLOAT4, FLOAT8 -> {
        if (!integerOffset && Values.category(off) != Values.Category.NUMBER) {
          throw Errors.rangeOffsetNotSupported(key.sqlName(), off.sqlName());
        }
        shift = PgType.FLOAT8;
      }
      // The date/time types and interval take interval offsets (a date's range is computed as a timestamp's).
      case DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ, INTERVAL -> {
        if (off != PgType.UNKNOWN && off != PgType.INTERVAL) throw Errors.rangeOffsetNotSupported(key.sqlName(), off.sqlName());
        shift = PgType.INTERVAL;
      }
      // varchar sorts with text's operators, which PostgreSQL names.
      default -> throw Errors.rangeOffsetNotSupported((key == PgType.VARCHAR ? PgType.TEXT : key).sqlName(), null);
    }
    x = off == PgType.UNKNOWN ? ob.coerce(x, shift) : off == shift ? x : new Exprs.Cast(x, shift, -1, false);
    return new WindowCall.Bound(k, x);
  }

  /** A window call's result: the column the window node appended for it. */
  record WindowRef(WindowBinder owner, int index, PgType type) implements Expr {
    public Object eval(EvalContext c) {
      return c.row[owner.base + index];
    }
  }
}
