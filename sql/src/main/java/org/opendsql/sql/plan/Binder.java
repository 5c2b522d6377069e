package org.opendsql.sql.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsUnknownExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.ParamTypes;
import org.opendsql.sql.expr.RowExprs;
import org.opendsql.sql.expr.Values;

/**
 * Turns JSqlParser expressions into typed {@link Expr}s against a {@link Scope}: the FROM
 * clause's relations and, for correlated subqueries, the enclosing queries'. Subqueries inside an
 * expression are planned through the {@link Subqueries} the planner provides; without one they
 * are refused.
 *
 * <p>In aggregate mode, expressions are bound against the grouped row {@code [group values...,
 * aggregate values...]}: a subexpression textually equal to a GROUP BY item becomes a reference
 * to it, an aggregate call registers itself, and any other column is a grouping error.
 */
public final class Binder {
  public static final String VERSION =
      "PostgreSQL 15.0 on x86_64-pc-linux-gnu, compiled by OpenDSQL, 64-bit";

  /** Plans a subquery met inside an expression, against the binder's scope as its outer scope. */
  public interface Subqueries {
    RelQuery plan(Select subquery, Scope outer);
  }

  private final Scope scope;
  private final ParamTypes params;
  private final Subqueries subqueries;

  private boolean aggMode;
  private final List<String> groupKeys = new ArrayList<>();
  private final List<Expr> groupExprs = new ArrayList<>();
  private final List<Plan.AggCall> aggs = new ArrayList<>();
  private boolean inAggArg;
  private boolean sawAggregate;
  private String noAggregatesClause;
  /** The set-returning calls of the select list, in order: they make the projection a ProjectSet. */
  private final List<org.opendsql.sql.expr.SetReturning> srfs = new ArrayList<>();
  /**
   * The set-returning calls of GROUP BY items (GROUP BY unnest(a)): PostgreSQL evaluates them
   * before grouping, so each of their rows is grouped. Which items hold them: {@link #setReturningGroupItems}.
   */
  private final List<org.opendsql.sql.expr.SetReturning> groupSrfs = new ArrayList<>();
  private final List<Integer> setReturningGroupItems = new ArrayList<>();
  private boolean bindingGroupItem;
  /** The window function calls met at this level (see {@link WindowBinder}). */
  private final WindowBinder windows = new WindowBinder();

  public Binder(TableDef table, String qualifier, ParamTypes params) {
    this(Scope.ofTable(table, qualifier), params, null);
  }

  public Binder(Scope scope, ParamTypes params, Subqueries subqueries) {
    this.scope = scope;
    this.params = params;
    this.subqueries = subqueries;
  }

  Scope scope() { return scope; }

  Subqueries subqueries() { return subqueries; }

  ParamTypes params() { return params; }

  /** Switches to aggregate mode with these GROUP BY items (bound in row mode first). */
  void enterAggregateMode(List<Expression> groupBy) {
    enterAggregateMode(groupBy, null);
  }

  /**
   * Aggregate mode over grouping {@code sets} (positions of {@code groupBy}; null: one set of all).
   * Columns added for functional dependence come after the items; every set groups by them.
   */
  void enterAggregateMode(List<Expression> groupBy, List<int[]> sets) {
    for (Expression g : groupBy) {
      int before = srfs.size();
      Expr e;
      bindingGroupItem = true;
      try {
        e = bindNoAggregates(g, null, "GROUP BY");
      } finally {
        bindingGroupItem = false;
      }
      if (srfs.size() > before) setReturningGroupItems.add(groupExprs.size());
      JsonBinder.requireEquality(e.type());
      groupExprs.add(finishUnknown(e));
      groupKeys.add(g.toString());
    }
    groupSrfs.addAll(srfs);
    srfs.clear();
    addFunctionallyDependentColumns(sets);
    aggMode = true;
  }

  /**
   * Grouping by a table's whole primary key fixes the rest of its row, so PostgreSQL lets those
   * columns be selected ungrouped. They join the group keys (hidden), which changes no group.
   * With grouping sets only a key grouped by every set counts, as in PostgreSQL.
   */
  private void addFunctionallyDependentColumns(List<int[]> sets) {
    for (Scope.Rel r : scope.rels()) {
      if (r.table() == null || r.table().hiddenPk()) continue;
      boolean whole = true;
      for (int pk : r.table().pk()) {
        int g = groupedSlot(r.offset() + pk);
        whole &= g >= 0 && (sets == null || sets.stream().allMatch(set -> java.util.Arrays.stream(set).anyMatch(k -> k == g)));
      }
      if (!whole) continue;
      for (int i = 0; i < r.names().size(); i++) {
        int slot = r.offset() + i;
        if (groupedSlot(slot) >= 0) continue;
        groupExprs.add(new Exprs.ColumnRef(slot, r.types().get(i), r.typmods().get(i), r.names().get(i)));
        groupKeys.add("\u0000dependent " + slot);
      }
    }
  }

  /**
   * Where a subquery reads column {@code slot} of this level: in the group row once this level
   * groups (42803 for a column it does not group by), in the FROM row otherwise and inside an
   * aggregate's arguments, which read the rows being aggregated.
   */
  int outerReference(int slot, String name) {
    if (!aggMode || inAggArg) return slot;
    int g = groupedSlot(slot);
    if (g < 0) throw Errors.ungroupedColumn(scope.relAt(slot).alias(), name);
    return g;
  }

  /** The group key that is exactly this column, or -1. */
  private int groupedSlot(int slot) {
    for (int i = 0; i < groupExprs.size(); i++) {
      if (groupExprs.get(i) instanceof Exprs.ColumnRef c && c.slot() == slot) return i;
    }
    return -1;
  }

  List<Expr> groupExprs() { return groupExprs; }
  List<Plan.AggCall> aggs() { return aggs; }

  boolean sawAggregate() { return sawAggregate; }

  boolean isAggMode() { return aggMode; }

  WindowBinder windows() { return windows; }

  List<org.opendsql.sql.expr.SetReturning> srfs() { return srfs; }

  List<org.opendsql.sql.expr.SetReturning> groupSrfs() { return groupSrfs; }

  /** Positions of the GROUP BY items that hold set-returning calls. */
  List<Integer> setReturningGroupItems() { return setReturningGroupItems; }

  /** unnest(array) in a select list; elsewhere set-returning functions are refused. */
  private Expr unnest(List<Expr> args) {
    if (args.size() != 1) throw Errors.unsupported("unnest of several arrays outside FROM");
    Expr a = args.get(0);
    if (a.type() == PgType.UNKNOWN) throw Errors.ambiguousFunction("unnest", List.of("unknown"));
    if (!a.type().isArray()) throw undefinedFunction("unnest", args);
    return setReturning("unnest", List.of(a), a.type().elementType(),
        (v, c) -> org.opendsql.sql.expr.ArrayExprs.elements(v[0]).iterator());
  }

  /**
   * information_schema._pg_expandarray(array): a row (x, n) per element, its value and its 1-based
   * position; {@code field} "x" or "n" for only that field (as {@code (_pg_expandarray(a)).n}).
   */
  private Expr expandArray(List<Expr> args, String field) {
    if (args.size() != 1 || !args.get(0).type().isArray()) throw undefinedFunction("_pg_expandarray", args);
    PgType elem = args.get(0).type().elementType();
    if (field == null) {
      List<PgType> types = List.of(elem, PgType.INT4);
      return setReturning("_pg_expandarray", args, PgType.RECORD, (v, c) -> {
        List<Object> items = org.opendsql.sql.expr.ArrayExprs.elements(v[0]);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          rows.add(new org.opendsql.core.types.RecordValue(java.util.Arrays.asList(items.get(i), i + 1), types, List.of("x", "n")));
        }
        return rows.iterator();
      });
    }
    if (field.equals("x")) {
      return setReturning("_pg_expandarray", args, elem, (v, c) -> org.opendsql.sql.expr.ArrayExprs.elements(v[0]).iterator());
    }
    if (!field.equals("n")) throw Errors.undefinedColumn(field);
    return setReturning("_pg_expandarray", args, PgType.INT4, (v, c) -> {
      int n = org.opendsql.sql.expr.ArrayExprs.elements(v[0]).size();
      return java.util.stream.IntStream.rangeClosed(1, n).boxed().map(i -> (Object) i).iterator();
    });
  }

  /**
   * {@code (expr).field}. A record's shape is known only when it is made, so a field of a record
   * read from a column or subquery is untyped: its text takes the type its context gives it, as a
   * literal's does.
   */
  private Expr fieldSelection(net.sf.jsqlparser.expression.RowGetExpression g) {
    String field = ident(g.getColumnName());
    Expression inner = g.getExpression();
    while (inner instanceof net.sf.jsqlparser.expression.Parenthesis p) inner = p.getExpression();
    if (inner instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> list && list.size() == 1) {
      inner = (Expression) list.get(0);
    }
    if (inner instanceof Function f && (functionName(f.getName()).equals("information_schema._pg_expandarray")
        || functionName(f.getName()).equals("_pg_expandarray"))) {
      return expandArray(bindAll(f.getParameters() == null ? List.of() : f.getParameters()), field);
    }
    Expr rec = bind(inner, null);
    if (rec.type() != PgType.RECORD) throw Errors.notComposite(field, rec.type().sqlName());
    return new Exprs.SessionCall("." + field, List.of(rec), PgType.UNKNOWN, (c, a) -> {
      org.opendsql.core.types.RecordValue r = (org.opendsql.core.types.RecordValue) a[0];
      for (int i = 0; i < r.values().size(); i++) {
        if (r.name(i).equals(field)) {
          Object v = r.values().get(i);
          return v == null ? null : org.opendsql.core.types.PgText.format(r.types().get(i), v, c.zone);
        }
      }
      throw Errors.undefinedColumn(field);
    });
  }

  /** generate_series(from, to [, step]) over integers or numerics, or over timestamps by an interval, in a select list. */
  private Expr generateSeries(List<Expr> args) {
    if (args.size() < 2 || args.size() > 3) throw undefinedFunction("generate_series", args);
    if (args.stream().anyMatch(a -> Values.category(a.type()) == Values.Category.TIME)) {
      PgType t = RelPlanner.timeSeriesType(args);
      List<Expr> typed = List.of(toType(args.get(0), t), toType(args.get(1), t), toType(args.get(2), PgType.INTERVAL));
      return setReturning("generate_series", typed, t,
          (v, c) -> org.opendsql.sql.expr.SetReturning.timeSeries(v[0], v[1], (org.opendsql.core.types.PgInterval) v[2], c.zone));
    }
    PgType t = RelPlanner.seriesType(args);
    List<Expr> typed = new ArrayList<>();
    for (Expr a : args) typed.add(toType(a, t));
    return setReturning("generate_series", typed, t,
        (v, c) -> org.opendsql.sql.expr.SetReturning.series((Number) v[0], (Number) v[1], v.length > 2 ? (Number) v[2] : null, t));
  }

  /** A json set-returning function in a select list: one value per row, a record (key, value) for the _each ones. */
  private Expr jsonSetReturning(String name, List<Expr> args) {
    JsonBinder.TableFunction f = JsonBinder.tableFunction(this, name, args);
    boolean record = f.columns().size() > 1;
    List<PgType> types = f.types();
    List<String> names = f.columns();
    return setReturning(name, f.args(), record ? PgType.RECORD : types.get(0), (v, ctx) -> {
      java.util.Iterator<Object[]> rows = f.rows().apply(v);
      return new java.util.Iterator<Object>() {
        public boolean hasNext() { return rows.hasNext(); }

        public Object next() {
          Object[] r = rows.next();
          return record ? new org.opendsql.core.types.RecordValue(java.util.Arrays.asList(r), types, names) : r[0];
        }
      };
    });
  }

  private Expr setReturning(String name, List<Expr> args, PgType type,
      java.util.function.BiFunction<Object[], org.opendsql.sql.expr.EvalContext, java.util.Iterator<Object>> rows) {
    if ((noAggregatesClause != null && !bindingGroupItem) || inAggArg) {
      throw Errors.setReturningNotAllowed(inAggArg ? "aggregate function calls" : noAggregatesClause);
    }
    org.opendsql.sql.expr.SetReturning f = new org.opendsql.sql.expr.SetReturning(name, args, srfs.size(), type, rows);
    srfs.add(f);
    return f;
  }

  private static void refuseSetReturning(Expression e, String clause) {
    e.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Function f, S context) {
        String name = functionName(f.getName());
        if (name.equals("unnest") || name.equals("generate_series")) throw Errors.setReturningNotAllowed(clause);
        return super.visit(f, context);
      }
    }, null);
  }

  /** The clause being bound where aggregates (and so window functions) are an error, or null. */
  String noAggregatesClause() { return noAggregatesClause; }

  boolean inAggregateArgument() { return inAggArg; }

  /** Binds in a clause where aggregates are an error (WHERE, VALUES, SET, LIMIT). */
  Expr bindNoAggregates(Expression e, PgType expected, String clause) {
    String prev = noAggregatesClause;
    noAggregatesClause = clause;
    try {
      return bind(e, expected);
    } finally {
      noAggregatesClause = prev;
    }
  }

  /** Binds a WHERE/HAVING-style condition: must be boolean. */
  Expr bindCondition(Expression e, String clause, boolean aggregatesAllowed) {
    // PostgreSQL refuses a set-returning call there even where it equals a GROUP BY item.
    if (aggMode) refuseSetReturning(e, clause);
    Expr x = aggregatesAllowed ? bind(e, PgType.BOOL) : bindNoAggregates(e, PgType.BOOL, clause);
    x = coerce(x, PgType.BOOL);
    if (x.type() != PgType.BOOL) {
      throw Errors.argumentTypeMismatch(clause, PgType.BOOL.sqlName(), x.type().sqlName());
    }
    return x;
  }

  public Expr bind(Expression e, PgType expected) {
    if (aggMode && !inAggArg) {
      int gi = groupKeys.indexOf(e.toString());
      if (gi >= 0) {
        Expr g = groupExprs.get(gi);
        return new Exprs.ColumnRef(gi, g.type(), g.typmod(), e.toString());
      }
    }
    if (e instanceof NullValue) return new Exprs.Const(PgType.UNKNOWN, null);
    if (e instanceof LongValue l) {
      Object v = Values.integerLiteral(l.getStringValue());
      PgType t = v instanceof Integer ? PgType.INT4 : v instanceof Long ? PgType.INT8 : PgType.NUMERIC;
      return new Exprs.Const(t, v);
    }
    if (e instanceof DoubleValue d) {
      BigDecimal v = new BigDecimal(d.toString());
      return new Exprs.Const(PgType.NUMERIC, v.scale() < 0 ? v.setScale(0) : v);
    }
    if (e instanceof StringValue s) return new Exprs.Const(PgType.UNKNOWN, stringValue(s));
    if (e instanceof BooleanValue b) return new Exprs.Const(PgType.BOOL, b.getValue());
    if (e instanceof JdbcParameter p) return bindParam(p, expected);
    if (e instanceof Column c && c.getArrayConstructor() != null) return subscripted(e);
    if (e instanceof Column c) return bindColumn(c);
    // The parser reads a bare day, month, year ... as a date unit; in PostgreSQL it names a column.
    if (e instanceof net.sf.jsqlparser.expression.DateUnitExpression du) return bindColumn(new Column(du.toString()));
    if (e instanceof ExpressionList<?> list) {
      if (list.size() == 1 && !(e instanceof net.sf.jsqlparser.expression.RowConstructor)) return bind(list.get(0), expected);
      return rowValue(list);
    }
    if (e instanceof SignedExpression s) {
      Expr inner = bind(s.getExpression(), expected);
      if (s.getSign() == '+') return inner;
      if (s.getSign() != '-') throw Errors.unsupported("operator " + s.getSign());
      if (inner instanceof Exprs.Const c && c.value() != null && Values.category(c.type()) == Values.Category.NUMBER) {
        if (c.type() == PgType.INT8 && ((Long) c.value()) == -(long) Integer.MIN_VALUE) {
          return new Exprs.Const(PgType.INT4, Integer.MIN_VALUE);
        }
        if (c.type() == PgType.NUMERIC && c.value() instanceof BigDecimal big
            && big.compareTo(new BigDecimal("9223372036854775808")) == 0) {
          return new Exprs.Const(PgType.INT8, Long.MIN_VALUE);
        }
        return new Exprs.Const(c.type(), Values.negate(c.value(), c.type()));
      }
      if (inner instanceof Exprs.Const c && c.value() != null && c.type() == PgType.INTERVAL) {
        return new Exprs.Const(c.type(), Values.negate(c.value(), c.type()), c.typmod());
      }
      if (inner.type() == PgType.INTERVAL) return new Exprs.Negate(inner);
      inner = coerce(inner, PgType.NUMERIC);
      requireNumber(inner, "-");
      return new Exprs.Negate(inner);
    }
    if (e instanceof net.sf.jsqlparser.expression.ArrayConstructor ac) return ArrayBinder.constructor(this, ac, expected);
    if (e instanceof net.sf.jsqlparser.expression.ArrayExpression) return subscripted(e);
    if (e instanceof net.sf.jsqlparser.expression.operators.relational.JsonOperator j) {
      String op = j.getStringExpression();
      Expr l = bind(j.getLeftExpression(), null);
      Expr r = bind(j.getRightExpression(), null);
      if (JsonBinder.isOperator(op)) return JsonBinder.operator(this, op, l, r);
      if (!op.equals("@>") && !op.equals("<@")) throw Errors.unsupported("operator " + op);
      Expr json = JsonBinder.containment(this, op, l, r);
      return json != null ? json : ArrayBinder.containment(this, op, l, r);
    }
    if (e instanceof net.sf.jsqlparser.expression.operators.relational.DoubleAnd d) {
      return ArrayBinder.containment(this, "&&", bind(d.getLeftExpression(), null), bind(d.getRightExpression(), null));
    }
    if (e instanceof CastExpression c) return bindCast(c);
    if (e instanceof net.sf.jsqlparser.expression.CollateExpression c) return collate(c, expected);
    if (e instanceof Addition a) return arith('+', a.getLeftExpression(), a.getRightExpression());
    if (e instanceof Subtraction a) return arith('-', a.getLeftExpression(), a.getRightExpression());
    if (e instanceof Multiplication a) return arith('*', a.getLeftExpression(), a.getRightExpression());
    if (e instanceof Division a) return arith('/', a.getLeftExpression(), a.getRightExpression());
    if (e instanceof Modulo a) return arith('%', a.getLeftExpression(), a.getRightExpression());
    if (e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd a) return bitwise("&", a.getLeftExpression(), a.getRightExpression());
    if (e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr a) return bitwise("|", a.getLeftExpression(), a.getRightExpression());
    if (e instanceof Concat c) {
      Expr l = bind(c.getLeftExpression(), null);
      Expr r = bind(c.getRightExpression(), null);
      Expr jsonb = JsonBinder.concat(this, l, r);
      if (jsonb != null) return jsonb;
      Expr arrays = ArrayBinder.concat(this, l, r);
      if (arrays != null) return arrays;
      if (isBytea(l, r) && isBytea(r, l)) {
        // byteacat: bytea || bytea (an untyped literal on either side taken as bytea) stays bytea.
        return new Exprs.Call("byteacat", List.of(coerce(l, PgType.BYTEA), coerce(r, PgType.BYTEA)), PgType.BYTEA, true,
            v -> org.opendsql.sql.expr.ByteFunctions.concat((byte[]) v[0], (byte[]) v[1]), true);
      }
      return new Exprs.Concat(textOperand(coerce(l, PgType.TEXT)), textOperand(coerce(r, PgType.TEXT)));
    }
    if (e instanceof ComparisonOperator op && isSimpleComparison(op)) return compare(op);
    if (e instanceof AndExpression a) {
      return new Exprs.And(bool(a.getLeftExpression(), "AND"), bool(a.getRightExpression(), "AND"));
    }
    if (e instanceof OrExpression o) {
      return new Exprs.Or(bool(o.getLeftExpression(), "OR"), bool(o.getRightExpression(), "OR"));
    }
    if (e instanceof NotExpression n) return new Exprs.Not(bool(n.getExpression(), "NOT"));
    if (e instanceof IsNullExpression n && RowBinder.isRow(n.getLeftExpression())) {
      return RowBinder.isNull(this, RowBinder.items(n.getLeftExpression()), n.isNot());
    }
    if (e instanceof IsNullExpression n) {
      return new Exprs.IsNull(finishUnknown(bind(n.getLeftExpression(), null)), n.isNot());
    }
    if (e instanceof InExpression in) return bindIn(in);
    if (e instanceof Between b) return Operators.between(this, b);
    if (e instanceof LikeExpression l) return Operators.like(this, l);
    if (e instanceof IsBooleanExpression ib) return Operators.isBoolean(this, ib);
    if (e instanceof IsUnknownExpression iu) return Operators.isUnknown(this, iu);
    if (e instanceof IsDistinctExpression id) return Operators.isDistinct(this, id);
    if (e instanceof RegExpMatchOperator rm) return Operators.regexMatch(this, rm);
    if (e instanceof TrimFunction tf) return Operators.trim(this, tf);
    if (e instanceof BitwiseXor bx) return Operators.power(this, bx);
    if (e instanceof ExtractExpression ex) return Operators.extract(this, ex);
    if (e instanceof DateTimeLiteralExpression dl) return Operators.dateTimeLiteral(dl);
    if (e instanceof net.sf.jsqlparser.expression.IntervalExpression ie) return Operators.intervalLiteral(ie);
    if (e instanceof net.sf.jsqlparser.expression.TimezoneExpression tz) return Operators.atTimeZone(this, tz);
    if (e instanceof net.sf.jsqlparser.expression.OverlapsCondition o) return Operators.overlaps(this, o);
    if (e instanceof net.sf.jsqlparser.expression.DateUnitExpression) return bindColumn((Column) asColumn(e));
    if (e instanceof Function f) return bindFunction(f, expected);
    if (e instanceof TimeKeyExpression t) return timeKey(t.getStringValue());
    if (e instanceof CaseExpression c) return bindCase(c);
    if (e instanceof net.sf.jsqlparser.expression.RowGetExpression g) return fieldSelection(g);
    if (e instanceof Select sub) return scalarSubquery(sub);
    if (e instanceof ExistsExpression ex) {
      if (!(ex.getRightExpression() instanceof Select sub)) throw Errors.unsupported("EXISTS " + ex.getRightExpression());
      Expr x = new RelExprs.Exists(subquery(sub));
      return ex.isNot() ? new Exprs.Not(x) : x;
    }
    if (e instanceof AnalyticExpression a && a.getType() != net.sf.jsqlparser.expression.AnalyticType.OVER
        && a.getWindowName() == null) {
      return bindAggregateSyntax(a);
    }
    if (e instanceof AnalyticExpression a) return windows.bind(this, a);
    throw Errors.unsupported("expression " + e);
  }

  /** {@code e} is bytea, or an untyped literal beside a bytea {@code other}. */
  private static boolean isBytea(Expr e, Expr other) {
    return e.type() == PgType.BYTEA || (e.type() == PgType.UNKNOWN && other.type() == PgType.BYTEA);
  }

  /** A date unit keyword where JSqlParser read a column named day, month, year, ...: that column. */
  static Expression asColumn(Expression e) {
    if (e instanceof net.sf.jsqlparser.expression.DateUnitExpression du) return new Column(du.toString().toLowerCase(Locale.ROOT));
    return e;
  }

  /** A char(n) operand of a text operator is text: its padding goes (bpchar to text drops trailing spaces). */
  static Expr textOperand(Expr e) {
    return e.type() == PgType.BPCHAR ? new Exprs.Cast(e, PgType.TEXT, -1, false) : e;
  }

  /**
   * {@code x COLLATE name}: the database's collation is C, so C and its aliases change nothing;
   * any other name does not exist, as in a PostgreSQL initialized with --locale=C.
   */
  private Expr collate(net.sf.jsqlparser.expression.CollateExpression c, PgType expected) {
    String name = c.getCollate().trim();
    if (name.toLowerCase(Locale.ROOT).startsWith("pg_catalog.")) name = name.substring("pg_catalog.".length());
    name = ident(name);
    if (!COLLATIONS.contains(name)) throw Errors.undefinedCollation(name);
    Expr inner = bind(c.getLeftExpression(), expected);
    if (inner.type() != PgType.UNKNOWN && Values.category(inner.type()) != Values.Category.STRING) {
      throw Errors.collationsNotSupported(inner.type().sqlName());
    }
    return inner;
  }

  private static final java.util.Set<String> COLLATIONS = java.util.Set.of("C", "POSIX", "default", "ucs_basic");

  /** {@code a[i]}, {@code t.a[i:j]}, {@code (expr)[i][j]}: the base and all its subscripts in order. */
  private Expr subscripted(Expression e) {
    List<Expression> subs = new ArrayList<>();
    Expression obj = e;
    while (obj instanceof net.sf.jsqlparser.expression.ArrayExpression ae) {
      if (ae.getIndexExpression() == null) throw Errors.unsupported("subscript " + ae);
      subs.add(0, ae.getIndexExpression());
      obj = ae.getObjExpression();
    }
    if (obj instanceof Column c && c.getArrayConstructor() != null) {
      subs.addAll(0, c.getArrayConstructor().getExpressions());
      obj = new Column(c.getTable(), c.getColumnName());
    }
    return ArrayBinder.subscripts(this, bind(obj, null), subs);
  }

  private static boolean isSimpleComparison(ComparisonOperator op) {
    return op instanceof EqualsTo || op instanceof NotEqualsTo || op instanceof GreaterThan
        || op instanceof GreaterThanEquals || op instanceof MinorThan || op instanceof MinorThanEquals;
  }

  static String stringValue(StringValue s) {
    String v = s.getValue().replace("''", "'");
    String prefix = s.getPrefix();
    if (prefix != null && prefix.equalsIgnoreCase("E")) return unescapeE(v);
    if (prefix != null) throw Errors.unsupported("string literal prefix " + prefix);
    return v;
  }

  private static String unescapeE(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch != '\\' || i + 1 >= v.length()) {
        sb.append(ch);
        continue;
      }
      char n = v.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '\'' -> sb.append('\'');
        case '\\' -> sb.append('\\');
        default -> sb.append(n);
      }
    }
    return sb.toString();
  }

  private Expr bindParam(JdbcParameter p, PgType expected) {
    Integer idx = p.getIndex();
    if (idx == null || idx < 1) throw Errors.syntaxErrorAt("?");
    params.infer(idx - 1, expected);
    return new Exprs.Param(idx - 1, params);
  }

  private Expr bindColumn(Column c) {
    String name = ident(c.getColumnName());
    String q = c.getTable() == null || c.getTable().getName() == null ? null : ident(c.getTable().getName());
    Expr ref = scope.resolve(q, name);
    if (ref != null) {
      // A column of an enclosing query is a constant for this one; only this level's must be grouped.
      if (aggMode && !inAggArg && ref instanceof Exprs.ColumnRef col) {
        int g = groupedSlot(col.slot());
        if (g >= 0) return new Exprs.ColumnRef(g, col.type(), col.typmod(), name);
        throw Errors.ungroupedColumn(scope.relAt(col.slot()).alias(), name);
      }
      return ref;
    }
    if (q == null && !c.getColumnName().startsWith("\"")) {
      Expr special = specialName(name);
      if (special != null) return special;
    }
    if (q == null && scope.knows(name)) return wholeRow(name);
    if (q != null && !scope.knows(q)) {
      throw Errors.missingFromClauseEntry(q);
    }
    throw q == null ? Errors.undefinedColumn(name) : Errors.undefinedColumn(q, name);
  }

  /** A row constructor as a value ({@code SELECT ROW(1, 'a')}): a record; {@code t.*} inside it stands for t's columns. */
  private Expr rowValue(List<? extends Expression> items) {
    List<Expr> out = new ArrayList<>();
    for (Expression x : items) {
      if (x instanceof net.sf.jsqlparser.statement.select.AllTableColumns atc) {
        String alias = ident(atc.getTable().getName());
        if (!scope.knows(alias)) throw Errors.missingFromClauseEntry(alias);
        out.addAll(((RowExprs.Value) wholeRow(alias)).items());
      } else {
        out.add(finishUnknown(bind(x, null)));
      }
    }
    return new RowExprs.Value(out);
  }

  /** A FROM item's name used as a column ({@code SELECT t FROM t}): the record of its visible columns. */
  private Expr wholeRow(String alias) {
    Scope.Rel r = null;
    for (Scope s = scope; s != null && r == null; s = s.outer()) r = s.find(alias);
    if (r.scalar()) {
      String n = r.names().get(0);
      return bindColumn(new Column(new net.sf.jsqlparser.schema.Table(alias), "\"" + n.replace("\"", "\"\"") + "\""));
    }
    List<Expr> items = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < r.names().size(); i++) {
      if (r.hidden().get(i)) continue;
      String n = r.names().get(i);
      names.add(n);
      items.add(bindColumn(new Column(new net.sf.jsqlparser.schema.Table(alias), "\"" + n.replace("\"", "\"\"") + "\"")));
    }
    return new RowExprs.Value(items, names);
  }

  /** {@code x op ANY|SOME|ALL (subquery)}. */
  private Expr quantified(ComparisonOperator op, AnyComparisonExpression any) {
    boolean all = any.getAnyType() == net.sf.jsqlparser.expression.AnyType.ALL;
    List<Expression> row = RowBinder.items(op.getLeftExpression());
    if (row != null) {
      String sym = op instanceof NotEqualsTo ? "<>" : op.getStringExpression();
      return RowBinder.quantified(this, cmpOp(op), sym, row, any.getSelect(), all);
    }
    Expr l = bind(op.getLeftExpression(), null);
    RelQuery q = subquery(any.getSelect());
    if (q.columns().size() != 1) throw Errors.subqueryTooManyColumns();
    PgType t = q.columns().get(0).type();
    if (l.type() == PgType.UNKNOWN) l = coerce(l, t == PgType.UNKNOWN ? PgType.TEXT : t);
    if (!Values.comparable(l.type(), t)) throw Errors.undefinedOperator(l.type().sqlName(), op.getStringExpression(), t.sqlName());
    return new RelExprs.Quantified(cmpOp(op), l, q, all);
  }

  /** A subquery inside an expression, planned against this binder's scope. */
  RelQuery subqueryOf(Select sub) {
    return subquery(sub);
  }

  private RelQuery subquery(Select sub) {
    if (subqueries == null) throw Errors.unsupported("subqueries here");
    Binder prev = scope.planningSubqueriesOf(this);
    try {
      return subqueries.plan(sub, scope);
    } finally {
      scope.planningSubqueriesOf(prev);
    }
  }

  private Expr scalarSubquery(Select sub) {
    RelQuery q = subquery(sub);
    if (q.columns().size() != 1) throw Errors.subqueryTooManyColumns();
    return new RelExprs.Scalar(q);
  }

  private Expr specialName(String name) {
    return switch (name) {
      case "current_user", "session_user", "user", "current_role" ->
          new Exprs.SessionValue(name, PgType.NAME, c -> c.user);
      case "current_catalog" -> new Exprs.SessionValue(name, PgType.NAME, c -> c.database);
      case "current_schema" -> new Exprs.SessionValue(name, PgType.NAME, org.opendsql.sql.expr.CatalogFunctions::currentSchema);
      case "current_timestamp", "current_date", "localtimestamp", "current_time", "localtime" -> timeKey(name);
      default -> null;
    };
  }

  private Expr timeKey(String raw) {
    String k = raw.toLowerCase(Locale.ROOT);
    return switch (k) {
      case "current_timestamp" -> new Exprs.SessionValue(k, PgType.TIMESTAMPTZ, c -> c.txnTime);
      case "current_date" -> new Exprs.SessionValue(k, PgType.DATE, c -> LocalDate.ofInstant(c.txnTime, c.zone));
      case "localtimestamp" ->
          new Exprs.SessionValue(k, PgType.TIMESTAMP, c -> LocalDateTime.ofInstant(c.txnTime, c.zone));
      case "current_time" -> new Exprs.SessionValue(k, PgType.TIMETZ, c -> {
        var z = c.txnTime.atZone(c.zone);
        return java.time.OffsetTime.of(z.toLocalTime(), z.getOffset());
      });
      case "localtime" -> new Exprs.SessionValue(k, PgType.TIME, c -> LocalDateTime.ofInstant(c.txnTime, c.zone).toLocalTime());
      default -> throw Errors.unsupported(raw);
    };
  }

  private Expr bindCast(CastExpression c) {
    if (c.getColDataType() == null) throw Errors.unsupported("cast " + c);
    PgType catalogType = CatalogCasts.target(typeText(c.getColDataType()));
    if (catalogType != null) return CatalogCasts.cast(bind(c.getLeftExpression(), catalogType), catalogType);
    TypeNames.Resolved t = TypeNames.resolve(typeText(c.getColDataType()));
    Expr inner = bind(c.getLeftExpression(), t.type());
    if (inner instanceof Exprs.Const k && k.type() == PgType.UNKNOWN && k.value() != null
        && readAtRunTime(t.type(), (String) k.value())) {
      return new Exprs.Cast(k, t.type(), t.typmod(), true);
    }
    if (inner instanceof Exprs.Const k && k.type() == PgType.UNKNOWN) {
      Object v = k.value() == null ? null : Values.cast(
          PgText.parse(t.type(), (String) k.value(), java.time.ZoneOffset.UTC, t.typmod()), t.type(), t.type(), t.typmod(), true);
      return new Exprs.Const(t.type(), v, t.typmod());
    }
    if (inner instanceof Exprs.Param p && p.type() == t.type() && t.typmod() < 0) return inner;
    if (inner.type() == PgType.UNKNOWN) inner = finishUnknown(inner);
    if (inner.type() == t.type() && t.typmod() < 0) return inner;
    checkCastable(inner.type(), t.type());
    return new Exprs.Cast(inner, t.type(), t.typmod(), true);
  }

  static String typeText(net.sf.jsqlparser.statement.create.table.ColDataType d) {
    StringBuilder sb = new StringBuilder(d.getDataType());
    if (d.getArgumentsStringList() != null && !d.getArgumentsStringList().isEmpty()) {
      sb.append('(').append(String.join(",", d.getArgumentsStringList())).append(')');
    }
    if (d.getArrayData() != null && !d.getArrayData().isEmpty()) sb.append("[]");
    return sb.toString();
  }

  /**
   * Whether a literal of type {@code t} must be read when the statement runs, not when it is
   * planned: what it means depends on the session's time zone (timestamptz, timetz) or on the
   * clock (now, today, tomorrow, yesterday).
   */
  static boolean readAtRunTime(PgType t, String literal) {
    if (t == PgType.TIMESTAMPTZ || t == PgType.TIMETZ) return true;
    if (t != PgType.DATE && t != PgType.TIMESTAMP && t != PgType.TIME) return false;
    String l = literal.toLowerCase(Locale.ROOT);
    return l.contains("now") || l.contains("today") || l.contains("tomorrow") || l.contains("yesterday");
  }

  private static void checkCastable(PgType from, PgType to) {
    if (from.isArray() && to.isArray()) {
      // PostgreSQL names the element types in the error.
      checkCastable(from.elementType(), to.elementType());
      return;
    }
    if (from.isArray() != to.isArray() && Values.category(from) != Values.Category.STRING
        && Values.category(to) != Values.Category.STRING) {
      throw Errors.cannotCast(from.sqlName(), to.sqlName());
    }
    Values.Category f = Values.category(from);
    Values.Category t = Values.category(to);
    boolean dateTime = f == Values.Category.TIME && t == Values.Category.TIME;
    boolean ok = (f == t && (f != Values.Category.TIME || dateTime)) || f == Values.Category.STRING
        || t == Values.Category.STRING || Values.temporalCast(from, to)
        || (from == PgType.INT4 && to == PgType.BOOL) || (from == PgType.BOOL && to == PgType.INT4)
        || (from == PgType.JSONB && (to == PgType.BOOL || (t == Values.Category.NUMBER && to != PgType.OID)));
    if (!ok) {
      throw Errors.cannotCast(from.sqlName(), to.sqlName());
    }
  }

  private Expr arith(char op, Expression le, Expression re) {
    Expr l = bind(le, null);
    Expr r = bind(re, l.type() == PgType.UNKNOWN ? null : l.type());
    if (op == '-' && l.type() == PgType.JSONB) return JsonBinder.minus(this, l, r);
    if (JsonBinder.isJson(l.type()) || JsonBinder.isJson(r.type())) {
      throw Errors.undefinedOperator(l.type().sqlName(), String.valueOf(op), r.type().sqlName());
    }
    Expr temporal = Operators.dateArith(this, op, l, r);
    if (temporal != null) return temporal;
    if (l.type() == PgType.UNKNOWN && r.type() != PgType.UNKNOWN) l = coerce(l, r.type());
    if (r.type() == PgType.UNKNOWN && l.type() != PgType.UNKNOWN) r = coerce(r, l.type());
    if (l.type() == PgType.UNKNOWN && r.type() == PgType.UNKNOWN) {
      l = coerce(l, PgType.NUMERIC);
      r = coerce(r, PgType.NUMERIC);
    }
    if (Values.category(l.type()) != Values.Category.NUMBER || Values.category(r.type()) != Values.Category.NUMBER) {
      throw Errors.undefinedOperator(l.type().sqlName(), String.valueOf(op), r.type().sqlName());
    }
    PgType t = Values.arithType(l.type(), r.type());
    if (op == '%' && (t == PgType.FLOAT4 || t == PgType.FLOAT8)) {
      throw Errors.undefinedOperator(l.type().sqlName(), "%", r.type().sqlName());
    }
    return new Exprs.Arith(op, l, r, t);
  }

  /** Integer {@code &} and {@code |}: both operands taken to the wider integer type, as PostgreSQL's int2and ... int8or. */
  private Expr bitwise(String op, Expression le, Expression re) {
    Expr l = bind(le, null);
    Expr r = bind(re, l.type() == PgType.UNKNOWN ? null : l.type());
    if (l.type() == PgType.UNKNOWN) l = coerce(l, r.type() == PgType.UNKNOWN ? PgType.INT4 : r.type());
    if (r.type() == PgType.UNKNOWN) r = coerce(r, l.type());
    java.util.Set<PgType> ints = java.util.Set.of(PgType.INT2, PgType.INT4, PgType.INT8);
    if (!ints.contains(l.type()) || !ints.contains(r.type())) {
      throw Errors.undefinedOperator(l.type().sqlName(), op, r.type().sqlName());
    }
    PgType t = Values.promote(l.type(), r.type());
    Expr lt = toType(l, t);
    Expr rt = toType(r, t);
    return new Exprs.SessionCall(op, List.of(lt, rt), t, (c, a) -> {
      long x = ((Number) a[0]).longValue();
      long y = ((Number) a[1]).longValue();
      long v = op.equals("&") ? x & y : x | y;
      return t == PgType.INT2 ? (Object) (short) v : t == PgType.INT4 ? (Object) (int) v : (Object) v;
    });
  }

  private void requireNumber(Expr e, String op) {
    if (Values.category(e.type()) != Values.Category.NUMBER) {
      throw Errors.undefinedPrefixOperator(op, e.type().sqlName());
    }
  }

  /** An operand of a boolean test (IS TRUE, IS UNKNOWN): must be boolean. */
  Expr boolOperand(Expression e, String op) {
    return bool(e, op);
  }

  private Expr bool(Expression e, String op) {
    Expr x = coerce(bind(e, PgType.BOOL), PgType.BOOL);
    if (x.type() != PgType.BOOL) {
      throw Errors.argumentTypeMismatch(op, PgType.BOOL.sqlName(), x.type().sqlName());
    }
    return x;
  }

  private Expr compare(ComparisonOperator op) {
    if (op.getRightExpression() instanceof AnyComparisonExpression any) return quantified(op, any);
    if (op.getRightExpression() instanceof Function f && f.getParameters() != null && f.getParameters().size() == 1) {
      String q = f.getName().toUpperCase(Locale.ROOT);
      if (q.equals("ANY") || q.equals("SOME") || q.equals("ALL")) {
        return ArrayBinder.quantified(this, cmpOp(op), op.getStringExpression(), op.getLeftExpression(),
            (Expression) f.getParameters().get(0), q.equals("ALL"));
      }
    }
    String sym = op instanceof NotEqualsTo ? "<>" : op.getStringExpression();
    Exprs.CmpOp k = cmpOp(op);
    if (RowBinder.isRow(op.getLeftExpression()) || RowBinder.isRow(op.getRightExpression())) {
      return RowBinder.compare(this, k, sym, op.getLeftExpression(), op.getRightExpression());
    }
    Expr l = bind(op.getLeftExpression(), null);
    Expr r = bind(op.getRightExpression(), l.type() == PgType.UNKNOWN ? null : l.type());
    Expr[] u = unify(l, r, sym);
    return new Exprs.Compare(k, u[0], u[1]);
  }

  private static Exprs.CmpOp cmpOp(ComparisonOperator op) {
    if (op instanceof EqualsTo) return Exprs.CmpOp.EQ;
    if (op instanceof NotEqualsTo) return Exprs.CmpOp.NE;
    if (op instanceof GreaterThan) return Exprs.CmpOp.GT;
    if (op instanceof GreaterThanEquals) return Exprs.CmpOp.GE;
    if (op instanceof MinorThan) return Exprs.CmpOp.LT;
    return Exprs.CmpOp.LE;
  }

  /** {@link #unify} for the operator classes outside this one. */
  Expr[] unifyForCompare(Expr l, Expr r, String op) {
    return unify(l, r, op);
  }

  /** Gives an untyped side the other side's type, then checks the two can be compared. */
  Expr[] unify(Expr l, Expr r, String op) {
    if (l.type() == PgType.UNKNOWN && r.type() != PgType.UNKNOWN) l = coerce(l, r.type());
    else if (r.type() == PgType.UNKNOWN && l.type() != PgType.UNKNOWN) r = coerce(r, l.type());
    else if (l.type() == PgType.UNKNOWN) {
      l = coerce(l, PgType.TEXT);
      r = coerce(r, PgType.TEXT);
    }
    if (!Values.comparable(l.type(), r.type())) {
      throw Errors.undefinedOperator(l.type().sqlName(), op, r.type().sqlName());
    }
    return sameKind(l, r);
  }

  private static final List<PgType> DATETIMES = List.of(PgType.DATE, PgType.TIMESTAMP, PgType.TIMESTAMPTZ);

  /**
   * Comparable operands of different types brought to the one PostgreSQL compares in: date <
   * timestamp < timestamptz (in the session's zone), time to timetz, char(n) to text opposite
   * text (bpchar = varchar keeps char(n)'s blank-insensitive comparison).
   */
  private static Expr[] sameKind(Expr l, Expr r) {
    PgType a = l.type();
    PgType b = r.type();
    if (a == b) return new Expr[] {l, r};
    if (DATETIMES.contains(a) && DATETIMES.contains(b)) {
      PgType t = DATETIMES.get(Math.max(DATETIMES.indexOf(a), DATETIMES.indexOf(b)));
      return new Expr[] {a == t ? l : new Exprs.Cast(l, t, -1, false), b == t ? r : new Exprs.Cast(r, t, -1, false)};
    }
    if ((a == PgType.TIME && b == PgType.TIMETZ) || (a == PgType.TIMETZ && b == PgType.TIME)) {
      return new Expr[] {a == PgType.TIME ? new Exprs.Cast(l, PgType.TIMETZ, -1, false) : l,
          b == PgType.TIME ? new Exprs.Cast(r, PgType.TIMETZ, -1, false) : r};
    }
    if ((a == PgType.TIME && b == PgType.INTERVAL) || (a == PgType.INTERVAL && b == PgType.TIME)) {
      // time casts to interval implicitly: time < interval compares two intervals.
      return new Expr[] {a == PgType.TIME ? new Exprs.Cast(l, PgType.INTERVAL, -1, false) : l,
          b == PgType.TIME ? new Exprs.Cast(r, PgType.INTERVAL, -1, false) : r};
    }
    if ((a == PgType.BPCHAR && b == PgType.TEXT) || (a == PgType.TEXT && b == PgType.BPCHAR)) {
      return new Expr[] {textOperand(l), textOperand(r)};
    }
    return new Expr[] {l, r};
  }

  /** Resolves an untyped literal or parameter to {@code t}; typed expressions pass through. */
  Expr coerce(Expr e, PgType t) {
    if (e.type() != PgType.UNKNOWN) return e;
    if (t.isReg() || t == PgType.CHAR) return CatalogCasts.cast(e, t);
    if (e instanceof Exprs.Const c && c.value() != null && readAtRunTime(t, (String) c.value())) {
      return new Exprs.Cast(c, t, -1, false);
    }
    if (e instanceof Exprs.Const c) {
      return new Exprs.Const(t, c.value() == null ? null : PgText.parse(t, (String) c.value()));
    }
    if (e instanceof Exprs.Param p) {
      params.infer(p.index(), t);
      return p;
    }
    return new Exprs.Cast(e, t, -1, false);
  }

  /** An unknown that reaches an output or an operand with no context becomes text. */
  Expr finishUnknown(Expr e) {
    return e.type() == PgType.UNKNOWN ? coerce(e, PgType.TEXT) : e;
  }

  private Expr bindIn(InExpression in) {
    List<Expression> row = RowBinder.items(in.getLeftExpression());
    if (row != null) return RowBinder.in(this, row, in.getRightExpression(), in.isNot());
    if (in.getRightExpression() instanceof Select sub) {
      Expr v = bind(in.getLeftExpression(), null);
      RelQuery q = subquery(sub);
      if (q.columns().size() != 1) throw Errors.subqueryTooManyColumns();
      PgType t = q.columns().get(0).type();
      if (v.type() == PgType.UNKNOWN) v = coerce(v, t == PgType.UNKNOWN ? PgType.TEXT : t);
      if (!Values.comparable(v.type(), t)) throw Errors.undefinedOperator(v.type().sqlName(), "=", t.sqlName());
      return new RelExprs.In(v, q, in.isNot());
    }
    if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
      throw Errors.unsupported("IN " + in.getRightExpression());
    }
    Expr v = bind(in.getLeftExpression(), null);
    List<Expr> items = new ArrayList<>();
    for (Expression x : list) items.add(bind(x, v.type() == PgType.UNKNOWN ? null : v.type()));
    if (v.type() == PgType.UNKNOWN) {
      PgType t = PgType.TEXT;
      for (Expr x : items) if (x.type() != PgType.UNKNOWN) t = x.type();
      v = coerce(v, t);
    }
    List<Expr> out = new ArrayList<>();
    for (Expr x : items) out.add(unify(v, x, "=")[1]);
    return new Exprs.InList(v, out, in.isNot());
  }

  private Expr bindCase(CaseExpression c) {
    Expr subject = c.getSwitchExpression() == null ? null : bind(c.getSwitchExpression(), null);
    List<Expr> whens = new ArrayList<>();
    List<Expr> thens = new ArrayList<>();
    PgType t = PgType.UNKNOWN;
    for (WhenClause w : c.getWhenClauses()) {
      if (subject == null) {
        whens.add(bool(w.getWhenExpression(), "CASE"));
      } else {
        Expr[] u = unify(subject, bind(w.getWhenExpression(), subject.type()), "=");
        whens.add(new Exprs.Compare(Exprs.CmpOp.EQ, u[0], u[1]));
      }
      Expr th = bind(w.getThenExpression(), null);
      thens.add(th);
      if (th.type() != PgType.UNKNOWN) t = t == PgType.UNKNOWN ? th.type() : commonType(t, th.type(), "CASE");
    }
    Expr otherwise = c.getElseExpression() == null ? null : bind(c.getElseExpression(), null);
    if (otherwise != null && otherwise.type() != PgType.UNKNOWN) {
      t = t == PgType.UNKNOWN ? otherwise.type() : commonType(t, otherwise.type(), "CASE");
    }
    if (t == PgType.UNKNOWN) t = PgType.TEXT;
    List<Expr> cthens = new ArrayList<>();
    for (Expr th : thens) cthens.add(toType(th, t));
    return new Exprs.Case(whens, cthens, otherwise == null ? null : toType(otherwise, t), t);
  }

  /** The type a list of branches resolves to (CASE, COALESCE, GREATEST): all unknown is text. */
  PgType commonTypeOf(List<Expr> args, String ctx) {
    PgType t = PgType.UNKNOWN;
    for (Expr a : args) if (a.type() != PgType.UNKNOWN) t = t == PgType.UNKNOWN ? a.type() : commonType(t, a.type(), ctx);
    return t == PgType.UNKNOWN ? PgType.TEXT : t;
  }

  PgType commonType(PgType a, PgType b, String ctx) {
    if (a == b) return a;
    if (a.isArray() && b.isArray()) {
      PgType element;
      try {
        element = commonType(a.elementType(), b.elementType(), ctx);
      } catch (DbException e) {
        throw Errors.typesCannotBeMatched(ctx, a.sqlName(), b.sqlName());
      }
      return ArrayBinder.arrayOf(element);
    }
    if (Values.category(a) == Values.Category.NUMBER && Values.category(b) == Values.Category.NUMBER) {
      return Values.promote(a, b);
    }
    if (Values.category(a) == Values.Category.STRING && Values.category(b) == Values.Category.STRING) return PgType.TEXT;
    if (DATETIMES.contains(a) && DATETIMES.contains(b)) return DATETIMES.get(Math.max(DATETIMES.indexOf(a), DATETIMES.indexOf(b)));
    if (Values.category(a) == Values.Category.TIMEOFDAY && Values.category(b) == Values.Category.TIMEOFDAY) return PgType.TIMETZ;
    if (Values.pgDatetimeCategory(a) && Values.pgDatetimeCategory(b)) {
      throw Errors.couldNotConvert(ctx.equals("CASE") ? "CASE/WHEN" : ctx, b.sqlName(), a.sqlName());
    }
    throw Errors.typesCannotBeMatched(ctx, a.sqlName(), b.sqlName());
  }

  Expr toType(Expr e, PgType t) {
    e = coerce(e, t);
    return e.type() == t ? e : new Exprs.Cast(e, t, -1, true);
  }

  private Expr bindFunction(Function f, PgType expected) {
    String name = functionName(f.getName());
    if (name.equals("grouping") && f.getMultipartName().size() == 1) return bindGrouping(f);
    if (RowBinder.isRow(f)) return rowValue(RowBinder.items(f));
    if (name.equals("array") && f.getParameters() != null && f.getParameters().size() == 1
        && f.getParameters().get(0) instanceof Select sub) {
      return ArrayBinder.subquery(subquery(sub));
    }
    if (Aggregates.isAggregate(name)) {
      boolean star = f.getParameters() != null && f.getParameters().size() == 1
          && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns;
      List<Expression> params = new ArrayList<>();
      if (f.getParameters() != null && !star) params.addAll(f.getParameters());
      return bindAggregate(name, params, star, f.isDistinct(), null, f.getOrderByElements());
    }
    if (Aggregates.isOrderedSet(name)) {
      if (!enterAggregateCall()) return new Exprs.Const(PgType.UNKNOWN, null);
      throw undefinedFunction(name, bindAll(f.getParameters() == null ? List.of() : f.getParameters()));
    }
    if (f.isDistinct()) throw Errors.notAnAggregate("DISTINCT", name);
    if (f.getOrderByElements() != null) throw Errors.notAnAggregate("ORDER BY", name);
    if (f.getKeep() != null) throw Errors.unsupported("function call syntax in " + f);
    List<Expr> args = new ArrayList<>();
    if (f.getNamedParameters() != null) {
      for (Expression p : Functions.positional(name, f.getNamedParameters())) args.add(bind(p, null));
    } else if (f.getParameters() != null) {
      List<Expression> ps = new ArrayList<>(f.getParameters());
      if (ps.stream().anyMatch(p -> p instanceof net.sf.jsqlparser.expression.OracleNamedFunctionParameter)) {
        ps = Functions.namedArguments(name, ps);
      }
      for (Expression p : ps) args.add(p == null ? null : bind(p, null));
    }
    if (name.equals("make_interval")) args = Functions.makeIntervalDefaults(args);
    if (f.isDistinct() || f.isAllColumns()) throw undefinedFunction(name, args);
    switch (name) {
      case "version":
        noArgs(name, args);
        return new Exprs.Const(PgType.TEXT, VERSION);
      case "current_database":
        noArgs(name, args);
        return new Exprs.SessionValue(name, PgType.NAME, c -> c.database);
      case "current_schema":
        noArgs(name, args);
        return new Exprs.SessionValue(name, PgType.NAME, org.opendsql.sql.expr.CatalogFunctions::currentSchema);
      case "now":
      case "transaction_timestamp":
        noArgs(name, args);
        return new Exprs.SessionValue(name, PgType.TIMESTAMPTZ, c -> c.txnTime);
      case "clock_timestamp":
      case "statement_timestamp":
        noArgs(name, args);
        return new Exprs.SessionValue(name, PgType.TIMESTAMPTZ, c -> Instant.now());
      case "gen_random_uuid":
        noArgs(name, args);
        return new Exprs.SessionValue(name, PgType.UUID, c -> UUID.randomUUID());
      case "_pg_expandarray", "information_schema._pg_expandarray":
        return expandArray(args, null);
      case "unnest":
        return unnest(args);
      case "generate_series":
        return generateSeries(args);
      case "json_each", "json_each_text", "jsonb_each", "jsonb_each_text", "json_array_elements",
          "json_array_elements_text", "jsonb_array_elements", "jsonb_array_elements_text", "json_object_keys",
          "jsonb_object_keys":
        return jsonSetReturning(name, args);
      case "coalesce": {
        if (args.isEmpty()) throw undefinedFunction(name, args);
        PgType t = PgType.UNKNOWN;
        for (Expr a : args) if (a.type() != PgType.UNKNOWN) t = t == PgType.UNKNOWN ? a.type() : commonType(t, a.type(), "COALESCE");
        if (t == PgType.UNKNOWN) t = expected == null ? PgType.TEXT : expected;
        List<Expr> typed = new ArrayList<>();
        for (Expr a : args) typed.add(toType(a, t));
        return new Exprs.Coalesce(typed, t);
      }
      default: {
        Expr call = Functions.bind(name, args, this);
        if (call == null && WindowBinder.WINDOW_ONLY.contains(name)) throw Errors.windowFunctionNeedsOver(name);
        if (call == null) throw undefinedFunction(name, args);
        return call;
      }
    }
  }

  /** A called function's name: schema pg_catalog dropped, folded unless quoted ("|/" is an operator's). */
  static String functionName(String written) {
    String name = written.trim();
    if (name.toLowerCase(Locale.ROOT).startsWith("pg_catalog.")) name = name.substring("pg_catalog.".length());
    return ident(name);
  }

  private static void noArgs(String name, List<Expr> args) {
    if (!args.isEmpty()) throw undefinedFunction(name, args);
  }

  private static DbException undefinedFunction(String name, List<Expr> args) {
    return Errors.undefinedFunction(name, args.stream().map(a -> a.type().sqlName()).toList());
  }

  /** {@code agg(...) FILTER (WHERE ...)} and {@code agg(...) WITHIN GROUP (ORDER BY ...)}. */
  private Expr bindAggregateSyntax(AnalyticExpression a) {
    String name = a.getName().toLowerCase(Locale.ROOT);
    if (name.startsWith("pg_catalog.")) name = name.substring("pg_catalog.".length());
    boolean withinGroup = a.getType() == net.sf.jsqlparser.expression.AnalyticType.WITHIN_GROUP;
    if (withinGroup && !Aggregates.isOrderedSet(name) && !Aggregates.isAggregate(name)) {
      List<Expression> all = new ArrayList<>();
      if (a.getExpression() != null) all.add(a.getExpression());
      if (a.getOffset() != null) all.add(a.getOffset());
      for (var o : a.getOrderByElements()) all.add(o.getExpression());
      throw undefinedFunction(name, bindAll(all));
    }
    if (!withinGroup && !Aggregates.isAggregate(name)) {
      if (!Aggregates.isOrderedSet(name)) throw Errors.notAnAggregate("FILTER", name);
    }
    boolean star = a.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns;
    List<Expression> params = new ArrayList<>();
    if (a.getExpression() != null && !star) {
      params.add(a.getExpression());
      if (a.getOffset() != null) params.add(a.getOffset());
      if (a.getDefaultValue() != null) params.add(a.getDefaultValue());
    }
    if (withinGroup != Aggregates.isOrderedSet(name)) {
      // PostgreSQL looks the call up with the sorted values as extra arguments (or without them).
      if (!enterAggregateCall()) return new Exprs.Const(PgType.UNKNOWN, null);
      List<Expression> all = new ArrayList<>(params);
      if (withinGroup) for (var o : a.getOrderByElements()) all.add(o.getExpression());
      throw undefinedFunction(name, bindAll(all));
    }
    if (withinGroup) {
      return bindOrderedSetAggregate(name, params, a.getFilterExpression(), a.getOrderByElements());
    }
    return bindAggregate(name, params, star, a.isDistinct(), a.getFilterExpression(), a.getFuncOrderBy());
  }

  /**
   * grouping(a, b, ...): which of its arguments the current grouping set leaves out, one bit
   * each, the first the most significant. Each must be a GROUP BY item of this query (42803). It
   * is a pseudo-aggregate whose value the aggregation fixes per grouping set.
   */
  private Expr bindGrouping(Function f) {
    if (noAggregatesClause != null) throw Errors.groupingNotAllowed(noAggregatesClause);
    if (inAggArg) throw Errors.nestedAggregate();
    if (f.getParameters() == null || f.getParameters().isEmpty()) throw Errors.syntaxErrorAt(")");
    if (f.getParameters().size() > 31) throw Errors.groupingTooManyArguments();
    // grouping() is an aggregate to PostgreSQL: a set-returning argument is refused even where it is a GROUP BY item.
    for (Expression p : f.getParameters()) refuseSetReturning(p, "aggregate function calls");
    if (!aggMode) {
      sawAggregate = true;
      return new Exprs.Const(PgType.UNKNOWN, null);
    }
    List<Expr> positions = new ArrayList<>();
    if (f.getParameters() != null) {
      for (Expression p : f.getParameters()) {
        int gi = groupKeys.indexOf(p.toString());
        if (gi < 0) throw Errors.groupingArgumentNotGrouped();
        positions.add(new Exprs.Const(PgType.INT4, gi));
      }
    }
    aggs.add(new Plan.AggCall("grouping", null, false, PgType.INT4, positions, null, null));
    return new Exprs.ColumnRef(groupExprs.size() + aggs.size() - 1, PgType.INT4, -1, "grouping");
  }

  /** Checks common to every aggregate call; false in row mode, where the call is only noted. */
  private boolean enterAggregateCall() {
    if (noAggregatesClause != null) throw Errors.aggregateNotAllowed(noAggregatesClause);
    if (inAggArg) throw Errors.nestedAggregate();
    if (!aggMode) {
      sawAggregate = true;
      return false;
    }
    return true;
  }

  /**
   * PostgreSQL's rule for an aggregate inside a subquery: it belongs to the innermost query whose
   * columns its arguments read. When they read only enclosing queries' columns, that query
   * computes it over its own groups (binding it with its binder, {@code bindThere}), and here it
   * is a reference to that query's group row. Null when the aggregate is this level's; 42803 in
   * a LATERAL item of the query it belongs to, as in PostgreSQL.
   */
  private Expr outerAggregate(List<Expression> syntax, java.util.function.Function<Binder, Expr> bindThere) {
    int level = aggregateLevel(syntax);
    if (level <= 0) return null;
    Binder owner = scope.level(level).binder();
    // No binder plans subqueries at that level while its FROM clause is planned: this is a LATERAL item there.
    if (owner == null) throw Errors.aggregateNotAllowed("FROM clause of their own query level");
    Expr x = bindThere.apply(owner);
    if (!(x instanceof Exprs.ColumnRef c)) return x;
    return scope.outerRef(level, c.slot(), c.type(), c.typmod(), c.name());
  }

  /** The fewest levels out any column in {@code syntax} resolves (not looking into subqueries); 0 without columns. */
  private int aggregateLevel(List<Expression> syntax) {
    int[] min = {Integer.MAX_VALUE};
    net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void> columns = new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<>() {
      @Override
      public <S> Void visit(Column c, S context) {
        String q = c.getTable() == null || c.getTable().getName() == null ? null : ident(c.getTable().getName());
        int level = scope.levelOf(q, ident(c.getColumnName()));
        if (level >= 0) min[0] = Math.min(min[0], level);
        return null;
      }
    };
    for (Expression e : syntax) if (e != null) e.accept(columns, null);
    return min[0] == Integer.MAX_VALUE ? 0 : min[0];
  }

  private static List<Expression> aggregateSyntax(List<Expression> params, Expression filter,
      List<net.sf.jsqlparser.statement.select.OrderByElement> order) {
    List<Expression> all = new ArrayList<>(params);
    if (filter != null) all.add(filter);
    if (order != null) for (var o : order) all.add(o.getExpression());
    return all;
  }

  private Expr bindAggregate(String name, List<Expression> params, boolean star, boolean distinct,
      Expression filterSyntax, List<net.sf.jsqlparser.statement.select.OrderByElement> orderSyntax) {
    Expr outer = outerAggregate(aggregateSyntax(params, filterSyntax, orderSyntax),
        owner -> owner.bindAggregate(name, params, star, distinct, filterSyntax, orderSyntax));
    if (outer != null) return outer;
    if (!enterAggregateCall()) return new Exprs.Const(PgType.UNKNOWN, null);
    if (star && !name.equals("count")) throw undefinedFunction(name, List.of());
    if (!star && params.isEmpty()) {
      if (name.equals("count")) throw Errors.parameterlessAggregate(name);
      throw undefinedFunction(name, List.of());
    }
    List<Expr> args = new ArrayList<>();
    Expr filter = null;
    List<Plan.AggOrder> order = new ArrayList<>();
    inAggArg = true;
    try {
      boolean row = name.equals("count") && params.size() == 1
          && params.get(0) instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> list
          && list.size() > 1;
      if (row) {
        for (Expression x : (ExpressionList<?>) params.get(0)) args.add(finishUnknown(bind(x, null)));
      } else {
        for (Expression x : params) args.add(bind(x, null));
        Aggregates.Signature sig = Aggregates.resolve(name, args);
        for (int i = 0; i < args.size(); i++) args.set(i, toType(args.get(i), sig.args().get(i)));
      }
      if (orderSyntax != null) {
        for (net.sf.jsqlparser.statement.select.OrderByElement o : orderSyntax) {
          if (distinct && params.stream().noneMatch(p -> p.toString().equals(o.getExpression().toString()))) {
            throw Errors.aggregateDistinctOrderBy();
          }
          order.add(aggOrder(o));
        }
      }
      if (filterSyntax != null) filter = bindNoAggregates(filterSyntax, PgType.BOOL, "FILTER");
    } finally {
      inAggArg = false;
    }
    if (filter != null) filter = filterCondition(filter);
    PgType t = name.equals("count") ? PgType.INT8 : Aggregates.resolve(name, args).result();
    aggs.add(new Plan.AggCall(name, args.isEmpty() ? null : args.get(0), distinct, t, args, filter, order));
    return new Exprs.ColumnRef(groupExprs.size() + aggs.size() - 1, t, -1, name);
  }

  /** percentile_cont / percentile_disc / mode: the direct arguments, then the sorted value. */
  private Expr bindOrderedSetAggregate(String name, List<Expression> params, Expression filterSyntax,
      List<net.sf.jsqlparser.statement.select.OrderByElement> orderSyntax) {
    // Like PostgreSQL, the direct arguments do not decide the level: only the sorted and filtered values do.
    Expr outer = outerAggregate(aggregateSyntax(List.of(), filterSyntax, orderSyntax),
        owner -> owner.bindOrderedSetAggregate(name, params, filterSyntax, orderSyntax));
    if (outer != null) return outer;
    if (!enterAggregateCall()) return new Exprs.Const(PgType.UNKNOWN, null);
    if (orderSyntax == null || orderSyntax.size() != 1) throw Errors.unsupported(name + " over several sort keys");
    List<Expr> direct = new ArrayList<>();
    Plan.AggOrder key;
    Expr filter = null;
    inAggArg = true;
    try {
      // Direct arguments are read on the group's rows: PostgreSQL requires them constant within it.
      for (Expression x : params) direct.add(bind(x, null));
      key = aggOrder(orderSyntax.get(0));
      if (filterSyntax != null) filter = bindNoAggregates(filterSyntax, PgType.BOOL, "FILTER");
    } finally {
      inAggArg = false;
    }
    if (filter != null) filter = filterCondition(filter);
    Aggregates.Signature sig = Aggregates.resolveOrderedSet(name, direct, key.expr());
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < direct.size(); i++) args.add(toType(direct.get(i), sig.args().get(i)));
    Expr sorted = toType(key.expr(), sig.args().get(sig.args().size() - 1));
    args.add(sorted);
    Plan.AggOrder k = new Plan.AggOrder(sorted, key.asc(), key.nullsFirst());
    aggs.add(new Plan.AggCall(name, args.get(0), false, sig.result(), args, filter, List.of(k)));
    return new Exprs.ColumnRef(groupExprs.size() + aggs.size() - 1, sig.result(), -1, name);
  }

  /** Binds expressions only to name their types in an error. */
  private List<Expr> bindAll(List<? extends Expression> xs) {
    List<Expr> out = new ArrayList<>();
    boolean prev = inAggArg;
    inAggArg = true;
    try {
      for (Expression x : xs) out.add(bind(x, null));
    } finally {
      inAggArg = prev;
    }
    return out;
  }

  private Plan.AggOrder aggOrder(net.sf.jsqlparser.statement.select.OrderByElement o) {
    Expr x = finishUnknown(bind(o.getExpression(), null));
    boolean asc = o.isAsc();
    boolean nullsFirst = o.getNullOrdering() == null ? !asc
        : o.getNullOrdering() == net.sf.jsqlparser.statement.select.OrderByElement.NullOrdering.NULLS_FIRST;
    return new Plan.AggOrder(x, asc, nullsFirst);
  }

  private Expr filterCondition(Expr x) {
    x = coerce(x, PgType.BOOL);
    if (x.type() != PgType.BOOL) throw Errors.argumentTypeMismatch("FILTER", PgType.BOOL.sqlName(), x.type().sqlName());
    return x;
  }

  /** PostgreSQL folds unquoted identifiers to lower case and keeps quoted ones verbatim. */
  public static String ident(String raw) {
    if (raw == null) return null;
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
    }
    return raw.toLowerCase(Locale.ROOT);
  }
}
