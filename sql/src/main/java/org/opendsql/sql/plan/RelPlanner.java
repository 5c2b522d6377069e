package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.ParamTypes;
import org.opendsql.sql.expr.SearchCycle;

/**
 * Plans a query into a {@link Rel} tree: FROM items and joins (inner, left, right, full, cross,
 * USING, NATURAL, LATERAL), WHERE, GROUP BY/HAVING, DISTINCT [ON], ORDER BY, LIMIT/OFFSET,
 * derived tables, WITH [RECURSIVE], set operations and VALUES, with subqueries in expressions.
 * Tables must be resolved beforehand ({@code tables}: every name the statement mentions, null
 * for names the catalog does not have, which may still be WITH queries).
 */
public final class RelPlanner implements Binder.Subqueries {
  private final Map<String, TableDef> tables;
  private final ParamTypes params;
  private final Shared shared;
  private final List<Rel.Scan> scans;
  /** True while planning the FROM of a SELECT that says FOR UPDATE: its table's scan locks the rows it reads. */
  private boolean lockingFrom;

  /**
   * A WITH query: {@code uses} the WITH queries its definition names; {@code noRows} for a
   * data-modifying one without RETURNING, which a query may not read.
   */
  private record Cte(int id, String name, RelQuery query, boolean recursiveRef, java.util.Set<Integer> uses,
      boolean noRows) {
    Cte(int id, String name, RelQuery query, boolean recursiveRef) {
      this(id, name, query, recursiveRef, java.util.Set.of(), false);
    }
  }

  /**
   * What the parts of one statement share when its WITH holds data-modifying statements or the
   * statement itself modifies data: the WITH queries every part sees, one numbering of them, and
   * one list of table scans, read once for the whole statement so that every part reads the same
   * snapshot. {@code used} collects the WITH queries named while planning the current part.
   */
  public static final class Shared {
    private final Ctes ctes = new Ctes(null);
    private final List<Rel.Scan> scans = new ArrayList<>();
    private int nextCte;
    private java.util.Set<Integer> used = new java.util.HashSet<>();
    /** The views the statement expanded, and how deep the expansion is now. */
    private final List<TableDef> views = new ArrayList<>();
    private int viewDepth;
    /** The views the statement names itself, and the one whose query is being planned now. */
    private final List<TableDef> namedViews = new ArrayList<>();
    private TableDef namedView;
  }

  /** The WITH queries visible at a level, innermost first. */
  private static final class Ctes {
    final Map<String, Cte> byName = new HashMap<>();
    final Ctes outer;

    Ctes(Ctes outer) {
      this.outer = outer;
    }

    Cte find(String name) {
      for (Ctes c = this; c != null; c = c.outer) {
        Cte x = c.byName.get(name);
        if (x != null) return x;
      }
      return null;
    }
  }

  private Ctes ctes;
  /**
   * Select items planned after a SELECT's own (by identity): the previous row's SEARCH and CYCLE
   * columns a recursive term reads, without changing the statement's syntax tree.
   */
  private final Map<PlainSelect, List<SelectItem<?>>> appendedItems = new java.util.IdentityHashMap<>();

  private List<SelectItem<?>> selectItems(PlainSelect ps) {
    List<SelectItem<?>> extra = appendedItems.get(ps);
    if (extra == null) return ps.getSelectItems();
    List<SelectItem<?>> all = new ArrayList<>(ps.getSelectItems());
    all.addAll(extra);
    return all;
  }

  private RelPlanner(Map<String, TableDef> tables, ParamTypes params) {
    this(tables, params, new Shared());
  }

  private RelPlanner(Map<String, TableDef> tables, ParamTypes params, Shared shared) {
    this.tables = tables;
    this.params = params;
    this.shared = shared == null ? new Shared() : shared;
    this.scans = this.shared.scans;
    this.ctes = this.shared.ctes;
  }

  /** The whole statement as one query. */
  public static Plan.Query plan(Select st, Map<String, TableDef> tables, ParamTypes params) {
    RelPlanner p = new RelPlanner(tables, params);
    RelQuery q = p.query(st, null);
    return new Plan.Query(q, List.copyOf(p.scans), List.copyOf(p.shared.views), List.copyOf(p.shared.namedViews));
  }

  @Override
  public RelQuery plan(Select subquery, Scope outer) {
    return query(subquery, outer);
  }

  // ---------------------------------------------------------------- query forms

  private RelQuery query(Select s, Scope outer) {
    Ctes saved = ctes;
    if (s.getWithItemsList() != null && !s.getWithItemsList().isEmpty()) {
      ctes = new Ctes(ctes);
      for (WithItem<?> w : s.getWithItemsList()) withItem(w, outer);
    }
    try {
      RelQuery q;
      if (s instanceof PlainSelect ps) {
        q = plainSelect(ps, outer);
      } else if (s instanceof SetOperationList so) {
        q = setOperations(so, outer);
      } else if (s instanceof Values v) {
        q = orderAndLimit(values(v, outer), v, outer);
      } else if (s instanceof ParenthesedSelect p) {
        q = query(p.getSelect(), outer);
        q = orderAndLimit(q, p, outer);
      } else {
        throw Errors.unsupported("this query form");
      }
      return q;
    } finally {
      ctes = saved;
    }
  }

  private void withItem(WithItem<?> w, Scope outer) {
    if (!(w.getStatement() instanceof Select)) throw Errors.modifyingWithNotAtTopLevel();
    java.util.Set<Integer> saved = shared.used;
    shared.used = new java.util.HashSet<>();
    try {
      selectWithItem(w, outer);
    } finally {
      shared.used = saved;
    }
  }

  private void selectWithItem(WithItem<?> w, Scope outer) {
    String name = Binder.ident(w.getAlias().getName());
    if (ctes.byName.containsKey(name)) throw Errors.duplicateAlias(name);
    Select body = (Select) w.getStatement();
    List<String> aliases = withAliases(w);
    boolean searchOrCycle = w.getSearchClause() != null || w.getCycleClause() != null;
    if (searchOrCycle && !(w.isRecursive() && mentions(body, name))) throw Errors.withQueryNotRecursive();
    int id = shared.nextCte++;
    if (w.isRecursive() && mentions(body, name)) {
      Select inner = body instanceof ParenthesedSelect p ? p.getSelect() : body;
      if (searchOrCycle && inner instanceof SetOperationList so && so.getSelects().size() == 2
          && so.getOperation(0) instanceof net.sf.jsqlparser.statement.select.UnionOp u) {
        searchOrCycle(w, name, aliases, id, so, u.isAll(), outer);
        return;
      }
      if (!(inner instanceof SetOperationList so) || so.getSelects().size() != 2
          || !(so.getOperation(0) instanceof net.sf.jsqlparser.statement.select.UnionOp u)) {
        throw Errors.recursiveQueryNotUnion(name);
      }
      RelQuery anchor = query(so.getSelect(0), outer);
      List<ColumnDesc> cols = renamed(anchor.columns(), aliases, name);
      Cte work = new Cte(id, name, new RelQuery(new Rel.WorkTable(id), cols, false), true);
      ctes.byName.put(name, work);
      RelQuery rec = query(so.getSelect(1), outer);
      if (rec.columns().size() != cols.size()) throw Errors.setOpColumnCount("UNION");
      Rel recursive = castTo(rec, cols);
      Rel root = new Rel.RecursiveCte(id, anchor.root(), recursive, u.isAll());
      ctes.byName.put(name, new Cte(id, name, new RelQuery(root, cols, anchor.correlated() || rec.correlated()), false,
          java.util.Set.copyOf(shared.used), false));
      return;
    }
    RelQuery q = query(body, outer);
    ctes.byName.put(name, new Cte(id, name, new RelQuery(q.root(), renamed(q.columns(), aliases, name), q.correlated()),
        false, java.util.Set.copyOf(shared.used), false));
  }

  /**
   * A recursive WITH query with SEARCH and/or CYCLE, as PostgreSQL rewrites it: its columns, then
   * the search sequence column, the cycle mark and the cycle path (see {@link SearchCycle}). The
   * non-recursive term's rows get their first values; the recursive term reads the work-table
   * row's sequence and path (appended to its select list through the WITH query's reference)
   * and extends them with each new row's BY columns. Rows whose mark says a cycle closed are
   * not extended: the work table the recursive term reads leaves them out.
   */
  private void searchOrCycle(WithItem<?> w, String name, List<String> aliases, int id, SetOperationList so,
      boolean all, Scope outer) {
    if (!(so.getSelect(1) instanceof PlainSelect right)) throw Errors.searchCycleRightSideNotSelect();
    String ref = recursiveReference(right, name);
    if (ref == null) throw Errors.searchCycleReferenceNotTopLevel(name);
    net.sf.jsqlparser.statement.select.WithSearchClause search = w.getSearchClause();
    net.sf.jsqlparser.statement.select.WithCycleClause cycle = w.getCycleClause();
    RelQuery anchor = query(so.getSelect(0), outer);
    List<ColumnDesc> cols = renamed(anchor.columns(), aliases, name);
    List<String> names = names(cols);
    int n = cols.size();
    int[] searchBy = search == null ? null : byColumns("search", search.getSearchColumns(), names);
    int[] cycleBy = cycle == null ? null : byColumns("cycle", cycle.getCycleColumns(), names);
    String seqName = search == null ? null : Binder.ident(search.getSequenceColumnName());
    String markName = cycle == null ? null : Binder.ident(cycle.getMarkColumnName());
    String pathName = cycle == null ? null : Binder.ident(cycle.getPathColumnName());
    for (String added : java.util.Arrays.asList(seqName, markName, pathName)) {
      // PostgreSQL meets such a name twice when its rewrite reads the columns back.
      if (added != null && names.contains(added)) throw Errors.ambiguousColumn(added);
    }
    if (markName != null && markName.equals(pathName)) throw Errors.searchCycleNamesSame("cycle mark column name and cycle path column name");
    if (seqName != null && seqName.equals(markName)) throw Errors.searchCycleNamesSame("search sequence column name and cycle mark column name");
    if (seqName != null && seqName.equals(pathName)) throw Errors.searchCycleNamesSame("search sequence column name and cycle path column name");
    Expr markValue = null;
    Expr markDefault = null;
    if (cycle != null) {
      Binder b = new Binder(new Scope(null), params, null);
      Expr v = cycle.getMarkValue() == null ? new Exprs.Const(PgType.BOOL, true) : b.bindNoAggregates(cycle.getMarkValue(), null, "CYCLE");
      Expr d = cycle.getMarkDefault() == null ? new Exprs.Const(PgType.BOOL, false) : b.bindNoAggregates(cycle.getMarkDefault(), null, "CYCLE");
      PgType t = unifyTypes("CYCLE", v.type(), d.type());
      if (t == PgType.UNKNOWN) t = PgType.TEXT;
      markValue = castExpr(b, v, t);
      markDefault = castExpr(b, d, t);
    }
    boolean depth = search != null
        && search.getSearchOrder() == net.sf.jsqlparser.statement.select.WithSearchClause.SearchOrder.DEPTH;
    List<ColumnDesc> ext = new ArrayList<>(cols);
    if (search != null) ext.add(new ColumnDesc(seqName, depth ? PgType.RECORD_ARRAY : PgType.RECORD, -1, 0, (short) 0));
    if (cycle != null) {
      ext.add(new ColumnDesc(markName, markValue.type(), -1, 0, (short) 0));
      ext.add(new ColumnDesc(pathName, PgType.RECORD_ARRAY, -1, 0, (short) 0));
    }
    List<Expr> base = new ArrayList<>();
    for (int i = 0; i < n; i++) base.add(new Exprs.ColumnRef(i, cols.get(i).type(), cols.get(i).typmod(), names.get(i)));
    Rel anchorRel = new Rel.Project(anchor.root(),
        searchCycleRow(base, searchBy, depth, cycleBy, markValue, markDefault, null, null));

    Rel work = new Rel.WorkTable(id);
    if (cycle != null) {
      Expr mark = new Exprs.ColumnRef(ext.size() - 2, markValue.type(), -1, markName);
      work = new Rel.Filter(work, new Exprs.Compare(Exprs.CmpOp.NE, mark, markValue));
    }
    ctes.byName.put(name, new Cte(id, name, new RelQuery(work, ext, false), true));
    List<SelectItem<?>> previous = new ArrayList<>();
    if (search != null) previous.add(new SelectItem<>(new Column(new Table(quote(ref)), quote(seqName))));
    if (cycle != null) previous.add(new SelectItem<>(new Column(new Table(quote(ref)), quote(pathName))));
    appendedItems.put(right, previous);
    RelQuery rec;
    try {
      rec = query(right, outer);
    } finally {
      appendedItems.remove(right);
    }
    if (rec.columns().size() != n + previous.size()) throw Errors.setOpColumnCount("UNION");
    List<Expr> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ColumnDesc c = rec.columns().get(i);
      Expr x = new Exprs.ColumnRef(i, c.type(), c.typmod(), c.name());
      if (c.type() != cols.get(i).type()) {
        unifyTypes("UNION", cols.get(i).type(), c.type());
        x = new Exprs.Cast(x, cols.get(i).type(), -1, true);
      }
      fields.add(x);
    }
    Expr prevSeq = search == null ? null : new Exprs.ColumnRef(n, depth ? PgType.RECORD_ARRAY : PgType.RECORD, -1, seqName);
    Expr prevPath = cycle == null ? null : new Exprs.ColumnRef(n + previous.size() - 1, PgType.RECORD_ARRAY, -1, pathName);
    Rel recursive = new Rel.Project(rec.root(),
        searchCycleRow(fields, searchBy, depth, cycleBy, markValue, markDefault, prevSeq, prevPath));
    Rel root = new Rel.RecursiveCte(id, anchorRel, recursive, all);
    ctes.byName.put(name, new Cte(id, name, new RelQuery(root, ext, anchor.correlated() || rec.correlated()), false,
        java.util.Set.copyOf(shared.used), false));
  }

  /** A row's columns followed by the SEARCH and CYCLE columns computed from them (and from the previous row's). */
  private static List<Expr> searchCycleRow(List<Expr> base, int[] searchBy, boolean depth, int[] cycleBy,
      Expr markValue, Expr markDefault, Expr prevSeq, Expr prevPath) {
    List<Expr> out = new ArrayList<>(base);
    if (searchBy != null) {
      List<Expr> by = pick(base, searchBy);
      out.add(depth ? SearchCycle.path(prevSeq, by) : SearchCycle.breadth(prevSeq, by));
    }
    if (cycleBy != null) {
      List<Expr> by = pick(base, cycleBy);
      out.add(SearchCycle.mark(prevPath, by, markValue, markDefault));
      out.add(SearchCycle.path(prevPath, by));
    }
    return out;
  }

  private static List<Expr> pick(List<Expr> exprs, int[] positions) {
    List<Expr> out = new ArrayList<>();
    for (int p : positions) out.add(exprs.get(p));
    return out;
  }

  /** Positions of a SEARCH or CYCLE clause's BY columns among the WITH query's columns. */
  private static int[] byColumns(String clause, List<Column> by, List<String> names) {
    int[] out = new int[by.size()];
    for (int i = 0; i < out.length; i++) {
      String c = Binder.ident(by.get(i).getColumnName());
      int k = names.indexOf(c);
      if (k < 0) throw Errors.searchCycleColumnNotInList(clause, c);
      for (int j = 0; j < i; j++) if (out[j] == k) throw Errors.searchCycleColumnTwice(clause, c);
      out[i] = k;
    }
    return out;
  }

  /** The name the recursive term's FROM list reads the WITH query {@code name} by, or null when it is not a top-level item there. */
  private static String recursiveReference(PlainSelect right, String name) {
    List<FromItem> items = new ArrayList<>();
    if (right.getFromItem() != null) items.add(right.getFromItem());
    if (right.getJoins() != null) for (Join j : right.getJoins()) items.add(j.getRightItem());
    for (FromItem item : items) {
      if (item instanceof Table t && t.getSchemaName() == null && Binder.ident(t.getName()).equals(name)) {
        return t.getAlias() != null ? Binder.ident(t.getAlias().getName()) : name;
      }
    }
    return null;
  }

  private static List<String> withAliases(WithItem<?> w) {
    if (w.getWithItemList() == null) return null;
    List<String> aliases = new ArrayList<>();
    for (SelectItem<?> i : w.getWithItemList()) aliases.add(Binder.ident(i.getExpression().toString()));
    return aliases;
  }

  // ---------------------------------------------------------------- data-modifying statements in WITH

  /**
   * A statement whose WITH holds INSERT, UPDATE or DELETE, or an INSERT, UPDATE or DELETE with a
   * WITH: each WITH query planned in order (each sees the ones before it), then the main
   * statement. A data-modifying WITH query is read through its RETURNING rows. The main statement
   * and the data-modifying queries it reads (directly or through other WITH queries) run first,
   * in WITH order, the others after the main statement, which is the order PostgreSQL's executor
   * gives them; every part reads the statement's one snapshot.
   */
  public static Plan.ModifyingWith planModifying(net.sf.jsqlparser.statement.Statement st, Map<String, TableDef> tables,
      ParamTypes params) {
    Shared shared = new Shared();
    RelPlanner p = new RelPlanner(tables, params, shared);
    List<WithItem<?>> items = withItems(st);
    List<Integer> modifying = new ArrayList<>();
    List<Plan> plans = new ArrayList<>();
    for (WithItem<?> w : items) {
      if (w.getStatement() instanceof Select) {
        p.withItem(w, null);
        continue;
      }
      String name = Binder.ident(w.getAlias().getName());
      if (shared.ctes.byName.containsKey(name)) throw Errors.duplicateAlias(name);
      if (w.getSearchClause() != null || w.getCycleClause() != null) throw Errors.withQueryNotRecursive();
      shared.used = new java.util.HashSet<>();
      net.sf.jsqlparser.statement.Statement statement = statementOf(w);
      Plan dml = planPart(statement, tables, params, shared);
      int id = shared.nextCte++;
      boolean returns = returning(statement) != null;
      RelQuery rows = new RelQuery(new Rel.DmlResult(id), renamed(dml.columns(), withAliases(w), name), false);
      shared.ctes.byName.put(name, new Cte(id, name, rows, false, java.util.Set.copyOf(shared.used), !returns));
      modifying.add(id);
      plans.add(dml);
    }
    shared.used = new java.util.HashSet<>();
    Plan main;
    if (st instanceof Select sel) {
      RelQuery q = p.queryBody(sel, null);
      main = new Plan.Query(q, shared.scans);
    } else {
      main = planPart(st, tables, params, shared);
    }
    java.util.Set<Integer> needed = new java.util.HashSet<>();
    java.util.Deque<Integer> todo = new java.util.ArrayDeque<>(shared.used);
    while (!todo.isEmpty()) {
      int id = todo.pop();
      if (!needed.add(id)) continue;
      for (Cte c : shared.ctes.byName.values()) if (c.id() == id) todo.addAll(c.uses());
    }
    List<Plan.ModifyingStep> steps = new ArrayList<>();
    for (int i = 0; i < modifying.size(); i++) {
      steps.add(new Plan.ModifyingStep(modifying.get(i), plans.get(i), needed.contains(modifying.get(i))));
    }
    return new Plan.ModifyingWith(steps, main, shared.scans);
  }

  /** True when {@code st} needs {@link #planModifying}: data-modifying WITH queries, or DML with a WITH. */
  public static boolean isModifyingWith(net.sf.jsqlparser.statement.Statement st) {
    List<WithItem<?>> items = withItems(st);
    if (items.isEmpty()) return false;
    return !(st instanceof Select) || items.stream().anyMatch(w -> !(w.getStatement() instanceof Select));
  }

  /** The tables the statement's INSERT, UPDATE and DELETE parts write, as the catalog spells them. */
  public static java.util.Set<String> writtenTables(net.sf.jsqlparser.statement.Statement st) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    List<net.sf.jsqlparser.statement.Statement> parts = new ArrayList<>();
    parts.add(st);
    for (WithItem<?> w : withItems(st)) parts.add(statementOf(w));
    for (net.sf.jsqlparser.statement.Statement part : parts) {
      if (part instanceof Select) continue;
      Table t = Planner.targetTable(part);
      if (t != null) out.add(Planner.tableName(t));
    }
    return out;
  }

  private static List<WithItem<?>> withItems(net.sf.jsqlparser.statement.Statement st) {
    List<WithItem<?>> items = null;
    if (st instanceof Select s) items = s.getWithItemsList();
    else if (st instanceof net.sf.jsqlparser.statement.insert.Insert i) items = i.getWithItemsList();
    else if (st instanceof net.sf.jsqlparser.statement.update.Update u) items = u.getWithItemsList();
    else if (st instanceof net.sf.jsqlparser.statement.delete.Delete d) items = d.getWithItemsList();
    return items == null ? List.of() : items;
  }

  /** A WITH query's statement: the parser wraps a data-modifying one in its parentheses. */
  private static net.sf.jsqlparser.statement.Statement statementOf(WithItem<?> w) {
    Object st = w.getStatement();
    if (st instanceof net.sf.jsqlparser.statement.insert.ParenthesedInsert p) return p.getInsert();
    if (st instanceof net.sf.jsqlparser.statement.update.ParenthesedUpdate p) return p.getUpdate();
    if (st instanceof net.sf.jsqlparser.statement.delete.ParenthesedDelete p) return p.getDelete();
    return (net.sf.jsqlparser.statement.Statement) st;
  }

  private static Object returning(net.sf.jsqlparser.statement.Statement st) {
    if (st instanceof net.sf.jsqlparser.statement.insert.Insert i) return i.getReturningClause();
    if (st instanceof net.sf.jsqlparser.statement.update.Update u) return u.getReturningClause();
    if (st instanceof net.sf.jsqlparser.statement.delete.Delete d) return d.getReturningClause();
    return null;
  }

  /** One INSERT, UPDATE or DELETE of the statement, planned with the statement's WITH queries in sight. */
  private static Plan planPart(net.sf.jsqlparser.statement.Statement st, Map<String, TableDef> tables, ParamTypes params,
      Shared shared) {
    if (!(st instanceof net.sf.jsqlparser.statement.insert.Insert || st instanceof net.sf.jsqlparser.statement.update.Update
        || st instanceof net.sf.jsqlparser.statement.delete.Delete)) {
      throw Errors.unsupported("this statement in WITH");
    }
    Table target = Planner.targetTable(st);
    String name = Planner.tableName(target);
    TableDef def = tables.get(name);
    if (def == null) throw Errors.undefinedRelation(name);
    return Planner.planDml(st, def, Planner.dmlNeedsRelational(st) ? tables : null, params, shared);
  }

  /** A query whose WITH items were planned already (the top level of {@link #planModifying}). */
  private RelQuery queryBody(Select s, Scope outer) {
    if (s instanceof PlainSelect ps) return plainSelect(ps, outer);
    if (s instanceof SetOperationList so) return setOperations(so, outer);
    if (s instanceof Values v) return orderAndLimit(values(v, outer), v, outer);
    if (s instanceof ParenthesedSelect ps) return orderAndLimit(query(ps.getSelect(), outer), ps, outer);
    throw Errors.unsupported("this query form");
  }

  private static boolean mentions(Select body, String name) {
    return Planner.sources(body).stream()
        .anyMatch(t -> Binder.ident(t).equals(name));
  }

  private static List<ColumnDesc> renamed(List<ColumnDesc> cols, List<String> aliases, String rel) {
    if (aliases == null) return cols;
    if (aliases.size() > cols.size()) throw Errors.tooManyColumnAliases(rel, cols.size(), aliases.size());
    List<ColumnDesc> out = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      ColumnDesc c = cols.get(i);
      out.add(i < aliases.size() ? new ColumnDesc(aliases.get(i), c.type(), c.typmod(), c.tableOid(), c.attnum()) : c);
    }
    return out;
  }

  // ---------------------------------------------------------------- DML sources

  /**
   * The rows an UPDATE ... FROM, a DELETE ... USING, or an UPDATE/DELETE whose WHERE holds a
   * subquery acts on: the target table joined with the other items and filtered by WHERE, each
   * row {@code [target row..., other items' columns...]}. {@code binder} binds SET and RETURNING
   * against that row.
   */
  public record DmlSource(Plan.Query query, Binder binder) {}

  public static DmlSource dmlSource(TableDef target, String alias, FromItem from, List<Join> joins,
      List<FromItem> more, Expression where, Map<String, TableDef> tables, ParamTypes params, Shared shared) {
    RelPlanner p = new RelPlanner(tables, params, shared);
    List<Expression> conjuncts = new ArrayList<>();
    if (where != null) splitAnd(where, conjuncts);
    Scope targetScope = new Scope(null);
    targetScope.addTable(target, alias);
    Expr pushed = null;
    for (Expression c : conjuncts) {
      Expr x = p.tryBindAlone(c, targetScope);
      if (x != null) pushed = pushed == null ? x : new Exprs.And(pushed, x);
    }
    Rel.Scan scan = new Rel.Scan(p.scans.size(), target, pushed == null ? new Plan.Access(null, null) : Planner.access(target, pushed), false);
    p.scans.add(scan);
    From acc = null;
    List<FromItem> items = new ArrayList<>();
    if (from != null) items.add(from);
    if (more != null) items.addAll(more);
    for (FromItem item : items) {
      From f = p.fromItem(item, null, null, conjuncts);
      if (acc == null) {
        acc = f;
        if (joins != null) for (Join j : joins) acc = p.join(acc, j, null, List.of());
      } else {
        Scope both = new Scope(null);
        both.append(acc.scope());
        both.append(f.scope());
        acc = new From(new Rel.Join(Rel.JoinKind.INNER, acc.rel(), acc.scope().width(), f.rel(), f.scope().width(),
            null, new int[0], new int[0], false), both);
      }
    }
    Scope scope = new Scope(null);
    scope.append(targetScope);
    if (acc != null) scope.append(acc.scope());
    Binder b = new Binder(scope, params, p);
    Expr cond = where == null ? null : b.bindCondition(where, "WHERE", false);
    Rel rel = scan;
    if (acc != null) {
      List<Integer> lk = new ArrayList<>();
      List<Integer> rk = new ArrayList<>();
      int tw = targetScope.width();
      equiKeys(cond, tw, lk, rk);
      rel = new Rel.Join(Rel.JoinKind.INNER, scan, tw, acc.rel(), acc.scope().width(), cond,
          lk.stream().mapToInt(Integer::intValue).toArray(), rk.stream().mapToInt(Integer::intValue).toArray(), false);
    } else if (cond != null) {
      rel = new Rel.Filter(rel, cond);
    }
    // The scan list stays open: subqueries in SET and RETURNING, bound after this, add theirs.
    return new DmlSource(new Plan.Query(new RelQuery(rel, List.of(), false), p.scans), b);
  }

  /** RETURNING and similar select lists over a DML source's row. */
  public static List<Expr> selectList(List<SelectItem<?>> items, Binder b, List<ColumnDesc> cols) {
    RelPlanner p = (RelPlanner) b.subqueries();
    Output out = p.outputs(items, b.scope(), b);
    cols.addAll(out.cols);
    return out.exprs;
  }

  /** INSERT ... SELECT: the query, planned like any other. */
  public static Plan.Query insertSource(Select select, Map<String, TableDef> tables, ParamTypes params, Shared shared) {
    if (shared == null) return plan(select, tables, params);
    RelPlanner p = new RelPlanner(tables, params, shared);
    return new Plan.Query(p.query(select, null), shared.scans);
  }

  // ---------------------------------------------------------------- FROM

  private record From(Rel rel, Scope scope) {}

  private From from(PlainSelect ps, Scope outer, List<Expression> whereConjuncts) {
    if (ps.getFromItem() == null) return new From(new Rel.OneRow(), new Scope(outer));
    // WHERE conjuncts may filter the inner joins before the first outer one (FROM a, b, c LEFT JOIN
    // d ...: a row they drop would be dropped by WHERE anyway, and a LEFT JOIN keeps its left rows
    // as they are). A RIGHT or FULL join anywhere would turn rows dropped early into NULL-extended
    // ones, and a table on an outer join's nullable side must not be filtered: neither gets them.
    boolean noRightOrFull = ps.getJoins() == null || ps.getJoins().stream().noneMatch(j -> j.isRight() || j.isFull());
    boolean pushing = noRightOrFull;
    From acc = fromItem(ps.getFromItem(), outer, null, pushing ? whereConjuncts : List.of());
    if (ps.getJoins() != null) {
      for (Join j : ps.getJoins()) {
        pushing &= j.isInner() || j.isSimple() || j.isCross()
            || (!j.isLeft() && !j.isRight() && !j.isFull() && !j.isOuter() && !j.isNatural());
        acc = join(acc, j, outer, pushing ? whereConjuncts : List.of());
      }
    }
    return acc;
  }

  private From fromItem(FromItem item, Scope outer, Scope lateralLeft, List<Expression> pushable) {
    if (item instanceof Table t) return table(t, outer, pushable);
    if (item instanceof LateralSubSelect l) {
      Scope inner = lateralLeft != null ? lateralLeft : outer;
      return derived(l.getSelect(), l.getAlias(), inner, outer);
    }
    if (item instanceof net.sf.jsqlparser.statement.select.TableFunction tf) return tableFunction(tf, lateralLeft != null ? lateralLeft : outer, outer);
    if (item instanceof Values v) {
      if (v.getAlias() == null) throw Errors.subqueryNeedsAlias();
      return derived(v, v.getAlias(), outer, outer);
    }
    if (item instanceof ParenthesedSelect p) {
      if (p.getAlias() == null) throw Errors.subqueryNeedsAlias();
      return derived(p, p.getAlias(), outer, outer);
    }
    if (item instanceof ParenthesedFromItem pf) {
      boolean noJoins = pf.getJoins() == null || pf.getJoins().isEmpty();
      if (noJoins && pf.getAlias() != null && pf.getFromItem() instanceof Select sub) {
        // (VALUES ...) AS v(a, b): the parser puts the alias on the parentheses.
        return derived(sub, pf.getAlias(), outer, outer);
      }
      From acc = fromItem(pf.getFromItem(), outer, null, List.of());
      if (pf.getJoins() != null) for (Join j : pf.getJoins()) acc = join(acc, j, outer, List.of());
      if (pf.getAlias() != null) throw Errors.unsupported("an alias on a parenthesized join");
      return acc;
    }
    throw Errors.unsupported("FROM item " + item);
  }

  private From table(Table t, Scope outer, List<Expression> pushable) {
    String name = Planner.tableName(t);
    String alias = t.getAlias() != null ? Binder.ident(t.getAlias().getName()) : Binder.ident(t.getName());
    List<String> colAliases = columnAliases(t.getAlias());
    Cte cte = t.getSchemaName() == null ? ctes.find(name) : null;
    if (cte != null && lockingFrom) throw Errors.unsupported("FOR UPDATE over joins, subqueries or WITH queries");
    if (cte != null && cte.noRows()) throw Errors.withQueryWithoutReturning(name);
    if (cte != null) shared.used.add(cte.id());
    if (cte != null) {
      Scope s = new Scope(outer);
      List<ColumnDesc> cols = renamed(cte.query().columns(), colAliases, alias);
      s.addDerived(alias, names(cols), types(cols), typmods(cols));
      Rel rel = cte.recursiveRef() ? cte.query().root() : new Rel.CteRef(cte.id(), cte.query().root());
      return new From(rel, s);
    }
    TableDef def = tables.get(name);
    if (def == null) throw Errors.undefinedRelation(name);
    if (def.isView()) return view(def, alias, colAliases, outer);
    Scope s = new Scope(outer);
    Scope.Rel r = s.addTable(def, alias);
    if (colAliases != null) {
      if (colAliases.size() > r.names().size()) throw Errors.tooManyColumnAliases(alias, r.names().size(), colAliases.size());
      List<String> names = new ArrayList<>(r.names());
      for (int i = 0; i < colAliases.size(); i++) names.set(i, colAliases.get(i));
      s = new Scope(outer);
      s.addDerived(alias, names, r.types(), r.typmods());
    }
    Expr pushed = null;
    for (Expression c : pushable) {
      Expr x = tryBindAlone(c, s);
      if (x != null) pushed = pushed == null ? x : new Exprs.And(pushed, x);
    }
    Plan.Access access = pushed == null ? new Plan.Access(null, null) : Planner.access(def, pushed);
    Rel.Scan scan = new Rel.Scan(scans.size(), def, access, lockingFrom, shared.namedView);
    scans.add(scan);
    return new From(scan, s);
  }

  /**
   * A view in FROM: its query planned in place, as a derived table named like the view (its
   * columns named as the view names them, then as the FROM item's column aliases rename them).
   */
  private From view(TableDef def, String alias, List<String> colAliases, Scope outer) {
    if (lockingFrom) throw Errors.unsupported("FOR UPDATE over a view");
    if (++shared.viewDepth > MAX_VIEW_DEPTH) throw Errors.stackDepthExceeded();
    Select body;
    try {
      body = (Select) net.sf.jsqlparser.parser.CCJSqlParserUtil.parse(def.viewSql());
    } catch (net.sf.jsqlparser.JSQLParserException e) {
      throw Errors.internal("view " + def.name() + " does not parse: " + e.getMessage());
    }
    shared.views.add(def);
    boolean named = shared.namedView == null;
    if (named) {
      shared.namedViews.add(def);
      shared.namedView = def;
    }
    // Same scans (the executor reads them for the whole statement), but none of this query's WITH names.
    RelQuery q = new RelPlanner(tables, params, shared).query(body, null);
    shared.viewDepth--;
    if (named) shared.namedView = null;
    List<String> names = new ArrayList<>();
    for (org.opendsql.sql.catalog.ColumnDef c : def.columns()) names.add(c.name());
    if (colAliases != null) {
      if (colAliases.size() > names.size()) throw Errors.tooManyColumnAliases(alias, names.size(), colAliases.size());
      for (int i = 0; i < colAliases.size(); i++) names.set(i, colAliases.get(i));
    }
    Scope s = new Scope(outer);
    s.addDerived(alias, names, types(q.columns()), typmods(q.columns()));
    return new From(q.root(), s);
  }

  /** Views over views over views: past this the statement is refused, as a cycle would be. */
  private static final int MAX_VIEW_DEPTH = 32;

  /** A WHERE conjunct that only this table's columns, constants and parameters decide, or null. */
  private Expr tryBindAlone(Expression c, Scope alone) {
    Scope isolated = new Scope(null);
    for (Scope.Rel r : alone.rels()) isolated.addDerived(r.alias(), r.names(), r.types(), r.typmods());
    try {
      ParamTypes probe = new ParamTypes(null);
      Binder b = new Binder(isolated, probe, null);
      Expr x = b.bindCondition(c, "WHERE", false);
      if (probe.finish().size() > 0) {
        return new Binder(isolated, params, null).bindCondition(c, "WHERE", false);
      }
      return x;
    } catch (DbException e) {
      return null;
    }
  }

  private From derived(Select sub, Alias alias, Scope inner, Scope outer) {
    if (alias == null) throw Errors.subqueryNeedsAlias();
    String name = Binder.ident(alias.getName());
    RelQuery q = query(sub, inner);
    List<ColumnDesc> cols = renamed(q.columns(), columnAliases(alias), name);
    Scope s = new Scope(outer);
    s.addDerived(name, names(cols), types(cols), typmods(cols));
    s.readsOuter(readsEnclosing(inner, outer, q.correlated()));
    return new From(q.root(), s);
  }

  /**
   * Whether a FROM item planned against {@code inner} reads the rows of queries enclosing this
   * one. A lateral item's {@code inner} holds the items left of it, which are this level's own:
   * it is marked only by references that pass through it to enclosing levels.
   */
  private static boolean readsEnclosing(Scope inner, Scope outer, boolean itemCorrelated) {
    return inner != outer ? inner.usedOuter() : itemCorrelated;
  }

  /** A set-returning function in FROM; only generate_series over numbers exists. */
  private From tableFunction(net.sf.jsqlparser.statement.select.TableFunction tf, Scope inner, Scope outer) {
    net.sf.jsqlparser.expression.Function f = tf.getFunction();
    String name = f.getName().toLowerCase(java.util.Locale.ROOT);
    if (name.startsWith("pg_catalog.")) name = name.substring("pg_catalog.".length());
    if (name.equals("unnest")) return unnestFrom(tf, inner, outer);
    if (name.equals("pg_get_keywords")) return keywordsFrom(tf, outer);
    if (name.equals("pg_partition_ancestors")) return ancestorsFrom(tf, inner, outer);
    if (JsonBinder.isSetReturning(name)) return jsonFrom(name, tf, inner, outer);
    if (!name.equals("generate_series")) throw Errors.unsupported("set-returning function " + name + " in FROM");
    boolean ordinality = tf.getWithClause() != null;
    if (ordinality && !tf.getWithClause().equalsIgnoreCase("ORDINALITY")) {
      throw Errors.unsupported("WITH " + tf.getWithClause());
    }
    Binder b = new Binder(new Scope(inner), params, this);
    List<Expr> args = new ArrayList<>();
    if (f.getParameters() != null) for (Expression x : f.getParameters()) args.add(b.bindNoAggregates(x, null, "FROM"));
    if (args.size() < 2 || args.size() > 3) throw Errors.unsupported("generate_series with " + args.size() + " arguments");
    String alias = tf.getAlias() != null ? Binder.ident(tf.getAlias().getName()) : "generate_series";
    List<String> given = columnAliases(tf.getAlias());
    PgType t;
    List<Expr> cast = new ArrayList<>();
    if (args.stream().anyMatch(a -> org.opendsql.sql.expr.Values.category(a.type()) == org.opendsql.sql.expr.Values.Category.TIME)) {
      t = timeSeriesType(args);
      cast.add(castExpr(b, args.get(0), t));
      cast.add(castExpr(b, args.get(1), t));
      cast.add(castExpr(b, args.get(2), PgType.INTERVAL));
    } else {
      t = seriesType(args);
      for (Expr a : args) cast.add(castExpr(b, a, t));
    }
    List<String> names = new ArrayList<>(List.of(alias));
    List<PgType> types = new ArrayList<>(List.of(t));
    List<Integer> typmods = new ArrayList<>(List.of(-1));
    if (ordinality) {
      names.add("ordinality");
      types.add(PgType.INT8);
      typmods.add(-1);
    }
    if (given != null) {
      if (given.size() > names.size()) throw Errors.tooManyColumnAliases(alias, names.size(), given.size());
      for (int i = 0; i < given.size(); i++) names.set(i, given.get(i));
    }
    Scope s = new Scope(outer);
    s.addDerived(alias, names, types, typmods);
    s.readsOuter(readsEnclosing(inner, outer, b.scope().usedOuter()));
    return new From(new Rel.Series(cast.get(0), cast.get(1), cast.size() > 2 ? cast.get(2) : null, t, ordinality), s);
  }

  /**
   * A json set-returning function in FROM: its columns are key and value or value, as PostgreSQL
   * names them; json(b)_object_keys has one unnamed column, named like the alias or the function.
   */
  private From jsonFrom(String name, net.sf.jsqlparser.statement.select.TableFunction tf, Scope inner, Scope outer) {
    boolean ordinality = tf.getWithClause() != null;
    if (ordinality && !tf.getWithClause().equalsIgnoreCase("ORDINALITY")) {
      throw Errors.unsupported("WITH " + tf.getWithClause());
    }
    Binder b = new Binder(new Scope(inner), params, this);
    List<Expr> args = new ArrayList<>();
    net.sf.jsqlparser.expression.Function f = tf.getFunction();
    if (f.getParameters() != null) for (Expression x : f.getParameters()) args.add(b.bindNoAggregates(x, null, "FROM"));
    JsonBinder.TableFunction fn = JsonBinder.tableFunction(b, name, args);
    String alias = tf.getAlias() != null ? Binder.ident(tf.getAlias().getName()) : name;
    List<String> names = new ArrayList<>(fn.columns());
    if (name.endsWith("_object_keys")) names.set(0, alias);
    List<PgType> types = new ArrayList<>(fn.types());
    List<Integer> typmods = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) typmods.add(-1);
    if (ordinality) {
      names.add("ordinality");
      types.add(PgType.INT8);
      typmods.add(-1);
    }
    List<String> given = columnAliases(tf.getAlias());
    if (given != null) {
      if (given.size() > names.size()) throw Errors.tooManyColumnAliases(alias, names.size(), given.size());
      for (int i = 0; i < given.size(); i++) names.set(i, given.get(i));
    }
    Scope s = new Scope(outer);
    s.addDerived(alias, names, types, typmods, fn.columns().size() == 1 && !ordinality);
    return new From(new Rel.FunctionScan(name, fn.args(), fn.rows(), ordinality), s);
  }

  /**
   * generate_series(timestamp, timestamp, interval), or timestamptz's: dates take that one, as
   * PostgreSQL's preferred type. Other argument types are 42883.
   */
  static PgType timeSeriesType(List<Expr> args) {
    if (args.size() != 3) throw Functions.undefined("generate_series", args);
    PgType t = args.stream().allMatch(a -> a.type() == PgType.TIMESTAMP || a.type() == PgType.UNKNOWN
        || a.type() == PgType.INTERVAL) ? PgType.TIMESTAMP : PgType.TIMESTAMPTZ;
    for (int i = 0; i < 2; i++) {
      PgType at = args.get(i).type();
      if (at != PgType.UNKNOWN && org.opendsql.sql.expr.Values.category(at) != org.opendsql.sql.expr.Values.Category.TIME) {
        throw Functions.undefined("generate_series", args);
      }
    }
    PgType st = args.get(2).type();
    if (st != PgType.UNKNOWN && st != PgType.INTERVAL) throw Functions.undefined("generate_series", args);
    return t;
  }

  /** pg_get_keywords(): word, catcode, barelabel, catdesc, baredesc per PostgreSQL 15 keyword. */
  private From keywordsFrom(net.sf.jsqlparser.statement.select.TableFunction tf, Scope outer) {
    if (tf.getFunction().getParameters() != null && !tf.getFunction().getParameters().isEmpty()) {
      Binder b = new Binder(new Scope(outer), params, this);
      List<String> types = new ArrayList<>();
      for (Expression x : tf.getFunction().getParameters()) types.add(b.bindNoAggregates(x, null, "FROM").type().sqlName());
      throw Errors.undefinedFunction("pg_get_keywords", types);
    }
    if (tf.getWithClause() != null) throw Errors.unsupported("WITH " + tf.getWithClause() + " on pg_get_keywords");
    String alias = tf.getAlias() != null ? Binder.ident(tf.getAlias().getName()) : "pg_get_keywords";
    List<String> names = new ArrayList<>(List.of("word", "catcode", "barelabel", "catdesc", "baredesc"));
    List<String> given = columnAliases(tf.getAlias());
    if (given != null) {
      if (given.size() > names.size()) throw Errors.tooManyColumnAliases(alias, names.size(), given.size());
      for (int i = 0; i < given.size(); i++) names.set(i, given.get(i));
    }
    Scope s = new Scope(outer);
    s.addDerived(alias, names, List.of(PgType.TEXT, PgType.CHAR, PgType.BOOL, PgType.TEXT, PgType.TEXT),
        List.of(-1, -1, -1, -1, -1));
    return new From(new Rel.FunctionScan("pg_get_keywords", List.of(), args -> {
      List<Object[]> rows = new ArrayList<>();
      for (String[] k : org.opendsql.sql.catalog.CatalogSnapshot.keywords()) {
        String desc = switch (k[1]) {
          case "U" -> "unreserved";
          case "C" -> "unreserved (cannot be function or type name)";
          case "T" -> "reserved (can be function or type name)";
          default -> "reserved";
        };
        boolean bare = k[2].equals("b");
        rows.add(new Object[] {k[0], k[1], bare, desc, bare ? "can be bare label" : "requires AS"});
      }
      return rows.iterator();
    }, false), s);
  }

  /**
   * pg_partition_ancestors(rel) in FROM (psql's \\d asks it for foreign keys): a relation and its
   * partition ancestors, which, with no partitioned tables here, is the relation alone, as relid.
   */
  private From ancestorsFrom(net.sf.jsqlparser.statement.select.TableFunction tf, Scope inner, Scope outer) {
    Binder b = new Binder(new Scope(inner), params, this);
    net.sf.jsqlparser.expression.Function f = tf.getFunction();
    if (f.getParameters() == null || f.getParameters().size() != 1) {
      throw Errors.undefinedFunction("pg_partition_ancestors", List.of());
    }
    Expr rel = castExpr(b, b.bindNoAggregates(f.getParameters().get(0), PgType.REGCLASS, "FROM"), PgType.REGCLASS);
    boolean ordinality = tf.getWithClause() != null;
    if (ordinality && !tf.getWithClause().equalsIgnoreCase("ORDINALITY")) throw Errors.unsupported("WITH " + tf.getWithClause());
    String alias = tf.getAlias() != null ? Binder.ident(tf.getAlias().getName()) : "pg_partition_ancestors";
    List<String> given = columnAliases(tf.getAlias());
    List<String> names = new ArrayList<>(List.of("relid"));
    List<PgType> types = new ArrayList<>(List.of(PgType.REGCLASS));
    if (ordinality) {
      names.add("ordinality");
      types.add(PgType.INT8);
    }
    if (given != null) {
      if (given.size() > names.size()) throw Errors.tooManyColumnAliases(alias, names.size(), given.size());
      for (int i = 0; i < given.size(); i++) names.set(i, given.get(i));
    }
    Scope s = new Scope(outer);
    s.addDerived(alias, names, types, java.util.Collections.nCopies(names.size(), -1));
    s.readsOuter(readsEnclosing(inner, outer, b.scope().usedOuter()));
    return new From(new Rel.FunctionScan("pg_partition_ancestors", List.of(rel), args -> {
      List<Object[]> rows = new ArrayList<>();
      if (args[0] != null) rows.add(new Object[] {args[0]});
      return rows.iterator();
    }, ordinality), s);
  }

  /** generate_series' element type: integer, bigint or numeric as its arguments need. */
  static PgType seriesType(List<Expr> args) {
    PgType t = PgType.INT4;
    for (Expr a : args) {
      PgType at = a.type() == PgType.UNKNOWN ? PgType.INT4 : a.type();
      if (!List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC).contains(at)) {
        throw Errors.unsupported("generate_series over " + at.sqlName());
      }
      t = unifyTypes("generate_series", t, at == PgType.INT2 ? PgType.INT4 : at);
    }
    return t;
  }

  /**
   * unnest(a [, b ...]) [WITH ORDINALITY] in FROM: a column per array, named like the alias when
   * there is one array and no column names, else "unnest"; then "ordinality" (bigint).
   */
  private From unnestFrom(net.sf.jsqlparser.statement.select.TableFunction tf, Scope inner, Scope outer) {
    boolean ordinality = tf.getWithClause() != null;
    if (ordinality && !tf.getWithClause().equalsIgnoreCase("ORDINALITY")) {
      throw Errors.unsupported("WITH " + tf.getWithClause());
    }
    Binder b = new Binder(new Scope(inner), params, this);
    List<Expr> arrays = new ArrayList<>();
    net.sf.jsqlparser.expression.Function f = tf.getFunction();
    if (f.getParameters() != null) for (Expression x : f.getParameters()) arrays.add(b.bindNoAggregates(x, null, "FROM"));
    if (arrays.isEmpty()) throw Errors.undefinedFunction("unnest", List.of());
    for (Expr a : arrays) {
      if (a.type() == PgType.UNKNOWN) throw Errors.ambiguousFunction("unnest", List.of("unknown"));
      if (!a.type().isArray()) throw Errors.undefinedFunction("unnest", arrays.stream().map(x -> x.type().sqlName()).toList());
    }
    String alias = tf.getAlias() != null ? Binder.ident(tf.getAlias().getName()) : "unnest";
    List<String> given = columnAliases(tf.getAlias());
    List<String> names = new ArrayList<>();
    List<PgType> types = new ArrayList<>();
    List<Integer> typmods = new ArrayList<>();
    for (Expr a : arrays) {
      names.add(arrays.size() == 1 && tf.getAlias() != null ? alias : "unnest");
      types.add(a.type().elementType());
      typmods.add(a.typmod());
    }
    if (ordinality) {
      names.add("ordinality");
      types.add(PgType.INT8);
      typmods.add(-1);
    }
    if (given != null) {
      if (given.size() > names.size()) throw Errors.tooManyColumnAliases(alias, names.size(), given.size());
      for (int i = 0; i < given.size(); i++) names.set(i, given.get(i));
    }
    Scope s = new Scope(outer);
    s.addDerived(alias, names, types, typmods);
    s.readsOuter(readsEnclosing(inner, outer, b.scope().usedOuter()));
    return new From(new Rel.Unnest(arrays, ordinality), s);
  }

  private static List<String> columnAliases(Alias a) {
    if (a == null || a.getAliasColumns() == null || a.getAliasColumns().isEmpty()) return null;
    List<String> out = new ArrayList<>();
    for (Alias.AliasColumn c : a.getAliasColumns()) out.add(Binder.ident(c.name));
    return out;
  }

  private From join(From left, Join j, Scope outer, List<Expression> pushable) {
    if (j.isSemi() || j.isStraight() || j.isApply() || j.isWindowJoin()) throw Errors.unsupported("this JOIN form");
    // A function call in FROM may read the items before it (PostgreSQL makes it LATERAL implicitly).
    boolean lateral = j.getRightItem() instanceof LateralSubSelect
        || j.getRightItem() instanceof net.sf.jsqlparser.statement.select.TableFunction;
    Scope leftAsOuter = null;
    if (lateral) {
      leftAsOuter = new Scope(outer);
      leftAsOuter.append(left.scope());
    }
    From right = fromItem(j.getRightItem(), outer, leftAsOuter, pushable);
    Rel.JoinKind kind = j.isFull() ? Rel.JoinKind.FULL : j.isLeft() ? Rel.JoinKind.LEFT
        : j.isRight() ? Rel.JoinKind.RIGHT : Rel.JoinKind.INNER;
    int lw = left.scope().width();
    int rw = right.scope().width();
    Scope both = new Scope(outer);
    both.append(left.scope());
    both.append(right.scope());
    List<String> using = new ArrayList<>();
    if (j.isNatural()) {
      List<String> leftNames = visibleNames(left.scope());
      for (String n : visibleNames(right.scope())) if (leftNames.contains(n)) using.add(n);
    } else if (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty()) {
      for (Column c : j.getUsingColumns()) using.add(Binder.ident(c.getColumnName()));
    }
    Expr cond = null;
    List<Expr[]> mergedPairs = new ArrayList<>();
    List<Integer> lk = new ArrayList<>();
    List<Integer> rk = new ArrayList<>();
    Binder b = new Binder(both, params, this);
    for (String n : using) {
      Expr l = left.scope().resolve(null, n);
      Expr r = right.scope().resolve(null, n);
      if (!(l instanceof Exprs.ColumnRef lc)) throw Errors.undefinedColumnInJoin(n, "left");
      if (!(r instanceof Exprs.ColumnRef rc)) throw Errors.undefinedColumnInJoin(n, "right");
      Expr rr = new Exprs.ColumnRef(lw + rc.slot(), rc.type(), rc.typmod(), n);
      Expr[] u = b.unify(lc, rr, "=");
      Expr eq = new Exprs.Compare(Exprs.CmpOp.EQ, u[0], u[1]);
      cond = cond == null ? eq : new Exprs.And(cond, eq);
      lk.add(lc.slot());
      rk.add(rc.slot());
      if (kind != Rel.JoinKind.FULL) both.merge(n, kind == Rel.JoinKind.RIGHT ? lw + rc.slot() : lc.slot());
      mergedPairs.add(u);
    }
    if (j.getOnExpressions() != null) {
      for (Expression on : j.getOnExpressions()) {
        Expr x = b.bindCondition(on, "JOIN/ON", false);
        cond = cond == null ? x : new Exprs.And(cond, x);
        equiKeys(x, lw, lk, rk);
      }
    }
    if (cond == null && !j.isCross() && !j.isSimple() && !j.isNatural() && kind != Rel.JoinKind.INNER) {
      throw Errors.syntaxErrorAtEnd();
    }
    if (kind == Rel.JoinKind.INNER && !lateral && using.isEmpty()) {
      // WHERE conjuncts over the tables joined so far join them here (a hash join on their
      // equalities), rather than filtering their cross product: FROM a, b, c WHERE a.x = b.y ...
      for (Expression c : pushable) {
        Expr x = tryBindAlone(c, both);
        if (x == null) continue;
        cond = cond == null ? x : new Exprs.And(cond, x);
        equiKeys(x, lw, lk, rk);
      }
    }
    Rel rel = new Rel.Join(kind, left.rel(), lw, right.rel(), rw, cond,
        lk.stream().mapToInt(Integer::intValue).toArray(), rk.stream().mapToInt(Integer::intValue).toArray(), lateral);
    if (kind == Rel.JoinKind.FULL && !using.isEmpty()) {
      // A FULL JOIN's USING column is whichever side has the row: coalesce(left, right), appended.
      List<Expr> exprs = new ArrayList<>();
      for (int i = 0; i < lw + rw; i++) exprs.add(new Exprs.ColumnRef(i, both.typeAt(i), both.typmodAt(i), both.nameAt(i)));
      List<PgType> types = new ArrayList<>();
      List<Integer> typmods = new ArrayList<>();
      for (Expr[] pair : mergedPairs) {
        exprs.add(new Exprs.Coalesce(List.of(pair[0], pair[1]), pair[0].type()));
        types.add(pair[0].type());
        typmods.add(-1);
      }
      Scope.Rel merged = both.addDerived(null, using, types, typmods);
      for (int i = 0; i < using.size(); i++) both.merge(using.get(i), merged.offset() + i);
      rel = new Rel.Project(rel, exprs);
    }
    return new From(rel, both);
  }

  private static List<String> visibleNames(Scope s) {
    List<String> out = new ArrayList<>();
    for (int slot : s.starSlots()) out.add(s.nameAt(slot));
    return out;
  }

  /** Conjuncts {@code left column = right column} a hash join can use. */
  private static void equiKeys(Expr cond, int lw, List<Integer> lk, List<Integer> rk) {
    if (cond instanceof Exprs.And a) {
      equiKeys(a.left(), lw, lk, rk);
      equiKeys(a.right(), lw, lk, rk);
      return;
    }
    if (!(cond instanceof Exprs.Compare c) || c.op() != Exprs.CmpOp.EQ) return;
    if (!(c.left() instanceof Exprs.ColumnRef l) || !(c.right() instanceof Exprs.ColumnRef r)) return;
    // char(n) values equal without their padding need not be equal as hash keys: joined by the condition instead.
    if (Exprs.bpchar(l.type(), r.type())) return;
    if (l.slot() < lw && r.slot() >= lw) {
      lk.add(l.slot());
      rk.add(r.slot() - lw);
    } else if (r.slot() < lw && l.slot() >= lw) {
      lk.add(r.slot());
      rk.add(l.slot() - lw);
    }
  }

  // ---------------------------------------------------------------- SELECT

  private RelQuery plainSelect(PlainSelect ps, Scope outer) {
    return plainSelect(ps, outer, false);
  }

  /** {@code aggregate}: the query aggregates although no aggregate of its own showed before its ORDER BY was bound. */
  private RelQuery plainSelect(PlainSelect ps, Scope outer, boolean aggregate) {
    if (ps.getIntoTables() != null) throw Errors.unsupported("SELECT INTO");
    if (ps.getTop() != null || ps.getQualify() != null || ps.getLateralViews() != null) throw Errors.unsupported("this SELECT syntax");
    boolean locking = Planner.lockingClause(ps);
    if (locking && ps.getFromItem() != null && (ps.getJoins() != null || !(ps.getFromItem() instanceof Table))) {
      throw Errors.unsupported("FOR UPDATE over joins, subqueries or WITH queries");
    }
    List<Expression> conjuncts = new ArrayList<>();
    if (ps.getWhere() != null) splitAnd(ps.getWhere(), conjuncts);
    lockingFrom = locking;
    From f;
    try {
      f = from(ps, outer, conjuncts);
    } finally {
      lockingFrom = false;
    }
    Scope scope = f.scope();
    Binder b = selectBinder(scope, params, this, ps);
    Rel rel = f.rel();
    if (ps.getWhere() != null) rel = new Rel.Filter(rel, b.bindCondition(ps.getWhere(), "WHERE", false));

    GroupingSets grouping = null;
    if (ps.getGroupBy() != null) {
      List<Expression> items = new ArrayList<>();
      if (ps.getGroupBy().getGroupByExpressionList() != null) {
        for (Object g : ps.getGroupBy().getGroupByExpressionList()) items.add((Expression) g);
      }
      if (ps.getGroupBy().getGroupingSets() != null && !ps.getGroupBy().getGroupingSets().isEmpty()) {
        throw Errors.internal("GROUPING SETS reached the planner unrewritten");
      }
      grouping = GroupingSets.expand(items, g -> Planner.groupByItem(g, ps.getSelectItems(), n -> inputColumn(scope, n)));
    }
    Binder rowMode = b;
    Output out = probeOutputs(() -> outputs(selectItems(ps), scope, rowMode), rowMode);
    // GROUP BY () groups too: one group, even over no rows.
    boolean aggregated = aggregate || grouping != null || b.sawAggregate() || ps.getHaving() != null;
    if (!aggregated && ps.getOrderByElements() != null) {
      for (OrderByElement o : ps.getOrderByElements()) {
        Binder probe = selectBinder(scope, new ParamTypes(null), null, ps);
        try {
          probe.bind(o.getExpression(), null);
        } catch (DbException ignored) {
          // names that only resolve as output aliases are handled below
        }
        aggregated |= probe.sawAggregate();
      }
    }
    if (aggregated) {
      b = selectBinder(scope, params, this, ps);
      List<Expression> resolved = grouping == null ? List.of() : grouping.exprs();
      List<int[]> sets = grouping == null ? null : grouping.sets();
      b.windows().forbid("GROUP BY");
      b.enterAggregateMode(resolved, sets);
      b.windows().forbid(null);
      if (sets != null && b.groupExprs().size() > resolved.size()) {
        // Columns a grouped primary key fixes are grouped by in every set.
        List<int[]> widened = new ArrayList<>();
        for (int[] set : sets) {
          int[] w = java.util.Arrays.copyOf(set, set.length + b.groupExprs().size() - resolved.size());
          for (int i = set.length, g = resolved.size(); i < w.length; i++, g++) w[i] = g;
          widened.add(w);
        }
        sets = widened;
      }
      out = outputs(selectItems(ps), scope, b);
      List<Expr> groupExprs = b.groupExprs();
      if (!b.groupSrfs().isEmpty()) {
        // Set-returning GROUP BY items are computed before grouping, as columns after the FROM row's.
        List<Expr> below = new ArrayList<>();
        for (int i = 0; i < scope.width(); i++) below.add(new Exprs.ColumnRef(i, scope.typeAt(i), scope.typmodAt(i), scope.nameAt(i)));
        groupExprs = new ArrayList<>(groupExprs);
        for (int item : b.setReturningGroupItems()) {
          Expr g = groupExprs.get(item);
          groupExprs.set(item, new Exprs.ColumnRef(below.size(), g.type(), g.typmod(), "group"));
          below.add(g);
        }
        rel = new Rel.ProjectSet(rel, below, List.copyOf(b.groupSrfs()));
      }
      rel = new Rel.Aggregate(rel, groupExprs, b.aggs(), sets);
      if (ps.getHaving() != null) {
        b.windows().forbid("HAVING");
        rel = new Rel.Filter(rel, b.bindCondition(ps.getHaving(), "HAVING", true));
        b.windows().forbid(null);
      }
    }
    int visible = out.exprs.size();
    List<Expr> exprs = new ArrayList<>(out.exprs);
    // The text of each of exprs: a subquery written twice (DISTINCT ON and ORDER BY) is one key.
    List<String> texts = new ArrayList<>(out.source);
    List<Plan.SortKey> sort = new ArrayList<>();
    boolean distinct = ps.getDistinct() != null;
    List<SelectItem<?>> distinctOn = distinct ? ps.getDistinct().getOnSelectItems() : null;
    if (ps.getOrderByElements() != null) {
      for (OrderByElement o : ps.getOrderByElements()) {
        int idx = orderIndex(o.getExpression(), out, exprs, texts, b, distinct && distinctOn == null);
        JsonBinder.requireOrdering(exprs.get(idx).type());
        sort.add(sortKey(o, idx));
      }
      // An aggregate of this query inside a subquery of its ORDER BY (ORDER BY (SELECT max(t.x))) shows only now.
      if (!aggregated && b.sawAggregate()) return plainSelect(ps, outer, true);
    }
    if (distinct && distinctOn == null) for (int i = 0; i < visible; i++) JsonBinder.requireEquality(exprs.get(i).type());
    List<Integer> onKeys = new ArrayList<>();
    if (distinctOn != null) {
      for (SelectItem<?> item : distinctOn) onKeys.add(orderIndex(item.getExpression(), out, exprs, texts, b, false));
      for (int i = 0; i < onKeys.size(); i++) {
        if (i >= sort.size() || sort.get(i).outputIndex() != onKeys.get(i)) {
          if (i < sort.size()) throw Errors.distinctOnOrder();
          sort.add(new Plan.SortKey(onKeys.get(i), true, false));
        }
      }
    }
    b.windows().checkDefinitions(b);
    if (locking) {
      // PostgreSQL's checks, in its order: these rows are not table rows, so nothing can be locked.
      if (distinct) throw Errors.forUpdateNotAllowedWith("DISTINCT clause");
      if (ps.getGroupBy() != null) throw Errors.forUpdateNotAllowedWith("GROUP BY clause");
      if (ps.getHaving() != null) throw Errors.forUpdateNotAllowedWith("HAVING clause");
      if (aggregated) throw Errors.forUpdateNotAllowedWith("aggregate functions");
      if (!b.windows().calls().isEmpty()) throw Errors.forUpdateNotAllowedWith("window functions");
    }
    if (!b.windows().calls().isEmpty()) {
      // Everything is bound now, so the row the window reads has its final width.
      int width = aggregated ? b.groupExprs().size() + b.aggs().size() : scope.width();
      b.windows().base = width;
      rel = new Rel.Window(rel, width, List.copyOf(b.windows().calls()));
    }
    rel = b.srfs().isEmpty() ? new Rel.Project(rel, exprs) : new Rel.ProjectSet(rel, exprs, List.copyOf(b.srfs()));
    if (distinctOn != null) {
      // Rows equal on the DISTINCT ON keys are adjacent once sorted; keys move to the front.
      List<Expr> reordered = new ArrayList<>();
      int w = exprs.size();
      for (int k : onKeys) reordered.add(new Exprs.ColumnRef(k, exprs.get(k).type(), exprs.get(k).typmod(), "on"));
      for (int i = 0; i < w; i++) reordered.add(new Exprs.ColumnRef(i, exprs.get(i).type(), exprs.get(i).typmod(), "c"));
      List<Plan.SortKey> shifted = new ArrayList<>();
      for (Plan.SortKey k : sort) shifted.add(new Plan.SortKey(k.outputIndex() + onKeys.size(), k.asc(), k.nullsFirst()));
      rel = new Rel.Sort(new Rel.Project(rel, reordered), shifted);
      rel = new Rel.Distinct(rel, onKeys.size(), true);
      List<Expr> back = new ArrayList<>();
      for (int i = 0; i < w; i++) back.add(new Exprs.ColumnRef(onKeys.size() + i, exprs.get(i).type(), exprs.get(i).typmod(), "c"));
      rel = new Rel.Project(rel, back);
    } else {
      if (distinct) rel = new Rel.Distinct(rel, visible, false);
      if (!sort.isEmpty()) rel = new Rel.Sort(rel, sort);
    }
    rel = limit(rel, ps, sort);
    if (exprs.size() > visible) rel = new Rel.Truncate(rel, visible);
    return new RelQuery(rel, out.cols, scope.usedOuter());
  }

  /**
   * LIMIT, OFFSET and FETCH FIRST over {@code rel}, sorted by {@code sort}: FETCH FIRST n ROWS
   * ONLY is LIMIT n (without n, one row); WITH TIES also keeps the rows that sort equal to the
   * last one, and needs an ORDER BY (42601).
   */
  private Rel limit(Rel rel, Select s, List<Plan.SortKey> sort) {
    Expr limit = null;
    Expr offset = null;
    if (s.getLimit() != null) {
      if (s.getLimit().getOffset() != null) throw Errors.unsupported("LIMIT offset, count");
      if (s.getLimit().getRowCount() != null && !s.getLimit().isLimitAll() && !s.getLimit().isLimitNull()) {
        limit = Planner.countExpr(s.getLimit().getRowCount(), params, "LIMIT");
      }
    }
    if (s.getOffset() != null) offset = Planner.countExpr(s.getOffset().getOffset(), params, "OFFSET");
    List<Plan.SortKey> ties = null;
    if (s.getFetch() != null) {
      if (s.getLimit() != null) throw Errors.syntaxErrorAt("FETCH");
      net.sf.jsqlparser.statement.select.Fetch fetch = s.getFetch();
      if (fetch.getFetchParameters().stream().anyMatch(x -> x.toUpperCase(java.util.Locale.ROOT).contains("TIES"))) {
        if (sort.isEmpty()) throw Errors.withTiesWithoutOrderBy();
        ties = sort;
      }
      if (fetch.getExpression() != null) limit = Planner.countExpr(fetch.getExpression(), params, "LIMIT");
      else if (fetch.getFetchJdbcParameter() != null) limit = Planner.countExpr(fetch.getFetchJdbcParameter(), params, "LIMIT");
      else limit = new Exprs.Const(PgType.INT8, Planner.fetchCount(fetch));
      if (ties != null && limit instanceof Exprs.Const c && c.value() == null) throw Errors.fetchWithTiesNullCount();
    }
    return limit != null || offset != null ? new Rel.Limit(rel, limit, offset, ties) : rel;
  }

  private static Plan.SortKey sortKey(OrderByElement o, int idx) {
    boolean asc = o.isAsc();
    boolean nullsFirst = o.getNullOrdering() == null ? !asc
        : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
    return new Plan.SortKey(idx, asc, nullsFirst);
  }

  private static void splitAnd(Expression e, List<Expression> out) {
    if (e instanceof AndExpression a) {
      splitAnd(a.getLeftExpression(), out);
      splitAnd(a.getRightExpression(), out);
    } else if (e instanceof Parenthesis p) {
      splitAnd(p.getExpression(), out);
    } else if (e instanceof ExpressionList<?> l && l.size() == 1 && !(e instanceof net.sf.jsqlparser.expression.RowConstructor)) {
      splitAnd(l.get(0), out);
    } else {
      out.add(e);
    }
  }

  private record Output(List<Expr> exprs, List<ColumnDesc> cols, List<String> names, List<String> source) {}

  /**
   * The select list bound in row mode, which for a query with aggregates only finds them: the
   * aggregates are placeholders there (typed unknown), so an error that placeholder causes (an
   * array function over array_agg) is no error, and the list is bound again in aggregate mode.
   */
  static <T> T probeOutputs(java.util.function.Supplier<T> bind, Binder b) {
    try {
      return bind.get();
    } catch (DbException e) {
      if (!b.sawAggregate()) throw e;
      return null;
    }
  }

  private Output outputs(List<SelectItem<?>> items, Scope scope, Binder b) {
    List<Expr> exprs = new ArrayList<>();
    List<ColumnDesc> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> source = new ArrayList<>();
    for (SelectItem<?> item : items) {
      Expression e = item.getExpression();
      if (e instanceof AllColumns all) {
        List<Integer> slots;
        if (all instanceof AllTableColumns atc) {
          String q = Binder.ident(atc.getTable().getName());
          Scope.Rel r = scope.find(q);
          if (r == null) throw Errors.missingFromClauseEntry(q);
          slots = new ArrayList<>();
          for (int i = 0; i < r.names().size(); i++) if (!r.hidden().get(i)) slots.add(r.offset() + i);
        } else {
          if (scope.rels().isEmpty()) throw Errors.selectStarWithoutTables();
          slots = scope.starSlots();
        }
        for (int slot : slots) {
          String n = scope.nameAt(slot);
          Expr x = b.isAggMode() ? b.bind(new Column(quote(n)), null)
              : new Exprs.ColumnRef(slot, scope.typeAt(slot), scope.typmodAt(slot), n);
          exprs.add(x);
          cols.add(describe(scope, slot, n));
          names.add(n);
          source.add(null);
        }
        continue;
      }
      Expr x = b.finishUnknown(b.bind(e, null));
      String name = item.getAlias() != null ? Binder.ident(item.getAlias().getName()) : Planner.figureName(e);
      exprs.add(x);
      names.add(name);
      source.add(e.toString());
      boolean column = Binder.asColumn(e) instanceof Column;
      int slot = x instanceof Exprs.ColumnRef ref && column && !b.isAggMode() ? ref.slot() : -1;
      if (slot < 0 && b.isAggMode() && x instanceof Exprs.ColumnRef ref && column
          && ref.slot() < b.groupExprs().size() && b.groupExprs().get(ref.slot()) instanceof Exprs.ColumnRef g) {
        slot = g.slot();
      }
      cols.add(slot >= 0 ? describe(scope, slot, name) : new ColumnDesc(name, x.type(), x.typmod(), 0, (short) 0));
    }
    return new Output(exprs, cols, names, source);
  }

  /** Whether {@code name} is a column some FROM item in sight has (ambiguity counts: the binder reports it). */
  private static boolean inputColumn(Scope scope, String name) {
    try {
      return scope.resolve(null, name) != null;
    } catch (DbException ambiguous) {
      return true;
    }
  }

  /** A binder for a SELECT's own clauses: window functions allowed, its WINDOW clause known. */
  private static Binder selectBinder(Scope scope, ParamTypes params, Binder.Subqueries subqueries, PlainSelect ps) {
    Binder b = new Binder(scope, params, subqueries);
    b.windows().allow();
    b.windows().define(ps.getWindowDefinitions());
    return b;
  }

  private static String quote(String n) {
    return "\"" + n.replace("\"", "\"\"") + "\"";
  }

  private static ColumnDesc describe(Scope scope, int slot, String name) {
    Scope.Rel r = scope.relAt(slot);
    if (r.table() != null) return Planner.tableColumn(r.table(), slot - r.offset(), name);
    return new ColumnDesc(name, scope.typeAt(slot), scope.typmodAt(slot), 0, (short) 0);
  }

  private static int orderIndex(Expression e, Output out, List<Expr> exprs, List<String> texts, Binder b, boolean distinct) {
    if (e instanceof LongValue l) {
      int k = (int) l.getValue();
      if (k < 1 || k > out.exprs.size()) throw Errors.positionNotInSelectList("ORDER BY", k);
      return k - 1;
    }
    if (Binder.asColumn(e) instanceof Column c && c.getTable() == null) {
      int i = out.names.indexOf(Binder.ident(c.getColumnName()));
      if (i >= 0 && out.names.lastIndexOf(Binder.ident(c.getColumnName())) == i) return i;
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) != null && texts.get(i).equals(e.toString()) && (i < out.exprs.size() || !distinct)) return i;
    }
    Expr x = b.finishUnknown(b.bind(e, null));
    for (int i = 0; i < out.exprs.size(); i++) if (out.exprs.get(i).equals(x)) return i;
    if (distinct) throw Errors.orderByNotInDistinctSelectList();
    exprs.add(x);
    texts.add(e.toString());
    return exprs.size() - 1;
  }

  // ---------------------------------------------------------------- set operations and VALUES

  private RelQuery setOperations(SetOperationList so, Scope outer) {
    List<Select> selects = so.getSelects();
    // The parser hangs a locking clause written after the last branch on that branch.
    if (selects.get(selects.size() - 1) instanceof PlainSelect last && Planner.lockingClause(last)) {
      throw Errors.forUpdateNotAllowedWith("UNION/INTERSECT/EXCEPT");
    }
    // INTERSECT binds tighter than UNION and EXCEPT: fold each run of INTERSECTs first.
    List<RelQuery> terms = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    terms.add(branch(selects.get(0), outer));
    for (int i = 1; i < selects.size(); i++) {
      String name = so.getOperation(i - 1).toString().toUpperCase(java.util.Locale.ROOT);
      RelQuery right = branch(selects.get(i), outer);
      if (name.startsWith("INTERSECT")) {
        int last = terms.size() - 1;
        terms.set(last, combine(terms.get(last), name, right));
      } else {
        ops.add(name);
        terms.add(right);
      }
    }
    RelQuery acc = terms.get(0);
    for (int i = 1; i < terms.size(); i++) acc = combine(acc, ops.get(i - 1), terms.get(i));
    List<ColumnDesc> cols = new ArrayList<>();
    for (ColumnDesc c : acc.columns()) {
      cols.add(c.type() == PgType.UNKNOWN ? new ColumnDesc(c.name(), PgType.TEXT, -1, 0, (short) 0) : c);
    }
    return orderAndLimit(new RelQuery(acc.root(), cols, acc.correlated()), so, outer);
  }

  /**
   * One branch of a set operation. A bare NULL or string literal in its select list stays of
   * unknown type (its value is already text or NULL), so that the other branches decide the
   * column's type, as PostgreSQL resolves {@code SELECT NULL UNION SELECT 1} to integer.
   */
  private RelQuery branch(Select s, Scope outer) {
    RelQuery q = query(s, outer);
    if (!(s instanceof PlainSelect ps) || ps.getSelectItems().size() != q.columns().size()) return q;
    List<ColumnDesc> cols = new ArrayList<>(q.columns());
    boolean changed = false;
    for (int i = 0; i < cols.size(); i++) {
      Expression e = ps.getSelectItems().get(i).getExpression();
      boolean literal = e instanceof net.sf.jsqlparser.expression.NullValue
          || (e instanceof net.sf.jsqlparser.expression.StringValue sv && (sv.getPrefix() == null || sv.getPrefix().equalsIgnoreCase("E")));
      if (literal && cols.get(i).type() == PgType.TEXT) {
        cols.set(i, new ColumnDesc(cols.get(i).name(), PgType.UNKNOWN, -1, 0, (short) 0));
        changed = true;
      }
    }
    return changed ? new RelQuery(q.root(), cols, q.correlated()) : q;
  }

  private RelQuery combine(RelQuery acc, String name, RelQuery right) {
    {
      Rel.SetKind kind = name.startsWith("UNION") ? Rel.SetKind.UNION : name.startsWith("INTERSECT")
          ? Rel.SetKind.INTERSECT : name.startsWith("EXCEPT") || name.startsWith("MINUS") ? Rel.SetKind.EXCEPT : null;
      if (kind == null) throw Errors.unsupported(name);
      boolean all = name.contains("ALL");
      if (right.columns().size() != acc.columns().size()) throw Errors.setOpColumnCount(kind.name());
      List<ColumnDesc> cols = new ArrayList<>();
      for (int c = 0; c < acc.columns().size(); c++) {
        ColumnDesc l = acc.columns().get(c);
        PgType t = unifyTypes(kind.name(), l.type(), right.columns().get(c).type());
        // Two unknown literals meet as text: SELECT NULL UNION SELECT NULL UNION SELECT 3 fails as in PostgreSQL.
        if (t == PgType.UNKNOWN) t = PgType.TEXT;
        if (!all) JsonBinder.requireEquality(t);
        int typmod = t == l.type() && t == right.columns().get(c).type() && l.typmod() == right.columns().get(c).typmod() ? l.typmod() : -1;
        cols.add(new ColumnDesc(l.name(), t, typmod, 0, (short) 0));
      }
      Rel rel = new Rel.SetOp(kind, all, castTo(acc, cols), castTo(right, cols));
      return new RelQuery(rel, cols, acc.correlated() || right.correlated());
    }
  }

  /** ORDER BY / LIMIT / FETCH over a set operation or parenthesized query: by output name or position. */
  private RelQuery orderAndLimit(RelQuery q, Select s, Scope outer) {
    List<OrderByElement> order = s.getOrderByElements();
    Rel rel = q.root();
    List<Plan.SortKey> keys = new ArrayList<>();
    int w = q.columns().size();
    boolean widened = false;
    if (order != null && !order.isEmpty()) {
      Scope sc = new Scope(outer);
      sc.addDerived(null, names(q.columns()), types(q.columns()), typmods(q.columns()));
      Binder b = new Binder(sc, params, this);
      List<Expr> extra = new ArrayList<>();
      for (OrderByElement o : order) {
        Expression e = o.getExpression();
        int idx;
        if (e instanceof LongValue l) {
          int k = (int) l.getValue();
          if (k < 1 || k > w) throw Errors.positionNotInSelectList("ORDER BY", k);
          idx = k - 1;
        } else {
          Expr x = b.finishUnknown(b.bind(e, null));
          if (x instanceof Exprs.ColumnRef c) {
            idx = c.slot();
          } else {
            extra.add(x);
            idx = w + extra.size() - 1;
          }
        }
        keys.add(sortKey(o, idx));
      }
      if (!extra.isEmpty()) {
        List<Expr> all = new ArrayList<>();
        for (int i = 0; i < w; i++) all.add(new Exprs.ColumnRef(i, q.columns().get(i).type(), -1, "c"));
        all.addAll(extra);
        rel = new Rel.Project(rel, all);
      }
      rel = new Rel.Sort(rel, keys);
      widened = !extra.isEmpty();
    }
    rel = limit(rel, s, keys);
    if (widened) rel = new Rel.Truncate(rel, w);
    return new RelQuery(rel, q.columns(), q.correlated());
  }

  private RelQuery values(Values v, Scope outer) {
    Scope s = new Scope(outer);
    Binder b = new Binder(s, params, this);
    List<List<Expr>> rows = new ArrayList<>();
    ExpressionList<?> list = v.getExpressions();
    // The parser gives a single row, VALUES (1, 2), as that row's own item list.
    boolean oneRow = list instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?>
        && list.size() > 1 && list.stream().noneMatch(x -> x instanceof ExpressionList<?>);
    for (Expression r : oneRow ? List.<Expression>of(list) : list) {
      List<Expr> row = new ArrayList<>();
      if (r instanceof ExpressionList<?> items && !(r instanceof Parenthesis)) {
        for (Expression x : items) row.add(b.bindNoAggregates(x, null, "VALUES"));
      } else {
        row.add(b.bindNoAggregates(r, null, "VALUES"));
      }
      if (!rows.isEmpty() && row.size() != rows.get(0).size()) throw Errors.valuesListsLengthMismatch();
      rows.add(row);
    }
    int n = rows.get(0).size();
    List<ColumnDesc> cols = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      PgType t = PgType.UNKNOWN;
      for (List<Expr> row : rows) t = t == PgType.UNKNOWN ? row.get(c).type() : unifyTypes("VALUES", t, row.get(c).type());
      if (t == PgType.UNKNOWN) t = PgType.TEXT;
      int typmod = -1;
      for (List<Expr> row : rows) row.set(c, castExpr(b, row.get(c), t));
      cols.add(new ColumnDesc("column" + (c + 1), t, typmod, 0, (short) 0));
    }
    return new RelQuery(new Rel.ValuesRows(rows), cols, s.usedOuter());
  }

  private static Expr castExpr(Binder b, Expr e, PgType t) {
    if (e.type() == t) return e;
    if (e.type() == PgType.UNKNOWN) return b.coerce(e, t);
    return new Exprs.Cast(e, t, -1, true);
  }

  /** Casts a query's columns to {@code cols}' types where they differ (set operation branches). */
  private static Rel castTo(RelQuery q, List<ColumnDesc> cols) {
    boolean same = true;
    for (int i = 0; i < cols.size(); i++) same &= q.columns().get(i).type() == cols.get(i).type();
    if (same) return q.root();
    List<Expr> exprs = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      ColumnDesc from = q.columns().get(i);
      Expr ref = new Exprs.ColumnRef(i, from.type(), from.typmod(), from.name());
      exprs.add(from.type() == cols.get(i).type() ? ref : new Exprs.Cast(ref, cols.get(i).type(), -1, true));
    }
    return new Rel.Project(q.root(), exprs);
  }

  /** PostgreSQL's UNION/CASE/VALUES type resolution for the types this engine has. */
  static PgType unifyTypes(String context, PgType a, PgType b) {
    if (a == b) return a;
    if (a == PgType.UNKNOWN) return b;
    if (b == PgType.UNKNOWN) return a;
    List<PgType> numeric = List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC, PgType.FLOAT4, PgType.FLOAT8);
    if (numeric.contains(a) && numeric.contains(b)) return numeric.get(Math.max(numeric.indexOf(a), numeric.indexOf(b)));
    List<PgType> strings = List.of(PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME);
    if (strings.contains(a) && strings.contains(b)) return a;
    List<PgType> times = List.of(PgType.DATE, PgType.TIMESTAMP, PgType.TIMESTAMPTZ);
    if (times.contains(a) && times.contains(b)) return times.get(Math.max(times.indexOf(a), times.indexOf(b)));
    if ((a == PgType.TIME && b == PgType.TIMETZ) || (a == PgType.TIMETZ && b == PgType.TIME)) return PgType.TIMETZ;
    if (org.opendsql.sql.expr.Values.pgDatetimeCategory(a) && org.opendsql.sql.expr.Values.pgDatetimeCategory(b)) {
      throw Errors.couldNotConvert(context, b.sqlName(), a.sqlName());
    }
    throw Errors.typesCannotBeMatched(context, a.sqlName(), b.sqlName());
  }

  private static List<String> names(List<ColumnDesc> cols) {
    return cols.stream().map(ColumnDesc::name).toList();
  }

  private static List<PgType> types(List<ColumnDesc> cols) {
    return cols.stream().map(c -> c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type()).toList();
  }

  private static List<Integer> typmods(List<ColumnDesc> cols) {
    return cols.stream().map(ColumnDesc::typmod).toList();
  }
}
