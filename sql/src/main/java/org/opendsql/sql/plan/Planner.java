package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ForMode;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.ParamTypes;

/** Builds a {@link Plan} from a parsed statement whose table (if any) is already resolved. */
public final class Planner {
  private Planner() {}

  /** The single table a statement reads or writes, or null; refuses what has more than one. */
  public static Table targetTable(Statement st) {
    if (st instanceof PlainSelect ps) {
      checkSelectShape(ps);
      if (ps.getFromItem() == null) return null;
      if (ps.getFromItem() instanceof Table t) return t;
      if (ps.getFromItem() instanceof ParenthesedSelect) throw Errors.unsupported("subqueries in FROM");
      throw Errors.unsupported("FROM item " + ps.getFromItem());
    }
    if (st instanceof Insert i) return i.getTable();
    if (st instanceof Update u) return u.getTable();
    if (st instanceof Delete d) {
      if (d.getTables() != null && !d.getTables().isEmpty()) throw Errors.unsupported("multi-table DELETE");
      return d.getTable();
    }
    return null;
  }

  private static void checkSelectShape(PlainSelect ps) {
    if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) throw Errors.unsupported("WITH (common table expressions)");
    if (ps.getJoins() != null && !ps.getJoins().isEmpty()) throw Errors.unsupported("JOIN");
    if (ps.getIntoTables() != null) throw Errors.unsupported("SELECT INTO");
    if (ps.getWindowDefinitions() != null) throw Errors.unsupported("window functions");
    if (ps.getFetch() != null) throw Errors.unsupported("FETCH FIRST");
    if (ps.getLateralViews() != null || ps.getTop() != null || ps.getQualify() != null) {
      throw Errors.unsupported("this SELECT syntax");
    }
  }

  /**
   * True for a query the relational engine must run: joins, derived tables, WITH, set operations,
   * VALUES, window functions, or a subquery anywhere in it. The rest (one table or none) streams
   * from storage.
   */
  private static final java.util.regex.Pattern SELECT_WORD =
      java.util.regex.Pattern.compile("\\bselect\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern GROUPING_WORD =
      java.util.regex.Pattern.compile("\\bgrouping\\s*\\(", java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern VALUES_WORD =
      java.util.regex.Pattern.compile("\\bvalues\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern UNNEST_CALL =
      java.util.regex.Pattern.compile("\\b(unnest|generate_series|_pg_expandarray|jsonb?_each(_text)?|jsonb?_array_elements(_text)?|jsonb?_object_keys)\\s*\\(",
          java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern OVER_WORD =
      java.util.regex.Pattern.compile("\\bover\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

  public static boolean needsRelational(Select st) {
    if (!(st instanceof PlainSelect ps)) return true;
    if (ps.getJoins() != null && !ps.getJoins().isEmpty()) return true;
    if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) return true;
    if (ps.getFromItem() != null && !(ps.getFromItem() instanceof Table)) return true;
    if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) return true;
    if (ps.getFetch() != null) return true;
    if (ps.getGroupBy() != null) {
      // Grouping sets, and GROUP BY (), which the parser leaves without items.
      List<?> items = ps.getGroupBy().getGroupByExpressionList();
      if (items == null || items.isEmpty()) return true;
      for (Object g : items) {
        if (GroupingSets.isConstruct((Expression) g)) return true;
        if (g instanceof Column c && c.getColumnName().equals(org.opendsql.sql.parse.GroupingSyntax.DISTINCT)) return true;
        // A set-returning GROUP BY item multiplies the rows before grouping (a ProjectSet).
        if (UNNEST_CALL.matcher(g.toString()).find()) return true;
      }
    }
    String text = ps.toString();
    if (GROUPING_WORD.matcher(text).find()) return true;
    // A set-returning function in the select list multiplies rows: the relational engine's ProjectSet.
    for (SelectItem<?> item : ps.getSelectItems()) {
      if (UNNEST_CALL.matcher(item.toString()).find()) return true;
    }
    // Window functions need the whole input before the first row can be answered.
    if (ps.getWindowDefinitions() != null || OVER_WORD.matcher(text).find()) return true;
    // A second SELECT anywhere (even inside a string literal, which only costs streaming) means a
    // subquery; so does VALUES, as in (a, b) IN (VALUES ...).
    java.util.regex.Matcher m = SELECT_WORD.matcher(text);
    return (m.find() && m.find()) || VALUES_WORD.matcher(text).find();
  }

  /**
   * The relation names as JSqlParser finds them. Its finder reads a FETCH clause's count
   * expression, which it leaves null for a literal count ({@code FETCH FIRST 3 ROWS}) or none;
   * such a count becomes that literal expression (one row without a count) before the walk.
   */
  static java.util.Set<String> sources(Statement st) {
    return new net.sf.jsqlparser.util.TablesNamesFinder<Void>() {
      @Override
      public <S> Void visit(PlainSelect ps, S context) {
        net.sf.jsqlparser.statement.select.Fetch f = ps.getFetch();
        if (f != null && f.getExpression() == null) {
          f.setExpression(f.getFetchJdbcParameter() != null ? f.getFetchJdbcParameter() : new LongValue(fetchCount(f)));
        }
        return super.visit(ps, context);
      }

      @Override
      public <S> Void visit(net.sf.jsqlparser.expression.AnalyticExpression a, S context) {
        super.visit(a, context);
        // The finder skips a window's PARTITION BY and ORDER BY, where subqueries may name tables.
        if (a.getPartitionExpressionList() != null) {
          for (Expression e : a.getPartitionExpressionList()) e.accept(this, context);
        }
        if (a.getOrderByElements() != null) {
          for (OrderByElement o : a.getOrderByElements()) o.getExpression().accept(this, context);
        }
        return null;
      }
    }.getTablesOrOtherSources(st);
  }

  /** FETCH FIRST's literal row count; one row when the clause names none (FETCH FIRST ROW ONLY). */
  static long fetchCount(net.sf.jsqlparser.statement.select.Fetch f) {
    try {
      return f.getRowCount();
    } catch (NullPointerException noCount) {
      // JSqlParser unboxes its absent count.
      return 1;
    }
  }

  /**
   * Every relation name a query mentions (tables and WITH names alike), as the catalog spells them;
   * a system relation as {@code schema.name} (see {@link #systemRelation}).
   */
  public static java.util.Set<String> relationNames(Statement st) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String n : sources(st)) {
      String[] parts = n.split("\\.");
      String name = Binder.ident(parts[parts.length - 1]);
      String schema = parts.length > 1 ? Binder.ident(parts[parts.length - 2]) : null;
      String system = systemRelation(schema, name);
      out.add(system != null ? system : schema != null ? schema + "." + name : name);
    }
    return out;
  }

  /**
   * The key of the system relation a name means ({@code pg_catalog.pg_class}), or null for a user
   * table: a name in pg_catalog or information_schema, or an unqualified one pg_catalog has (it is
   * searched first, as in PostgreSQL).
   */
  static String systemRelation(String schema, String name) {
    if (schema == null) return org.opendsql.sql.catalog.SystemRelations.inPgCatalog(name) != null ? "pg_catalog." + name : null;
    if (schema.equals("sys")) {
      if (org.opendsql.sql.catalog.SystemRelations.find("sys." + name) != null) return "sys." + name;
      throw Errors.undefinedRelation("sys." + name);
    }
    return schema.equals("pg_catalog") || schema.equals("information_schema") ? schema + "." + name : null;
  }

  /**
   * Table name as the planner hands it to the catalog: {@code name} when unqualified (the search
   * path decides), {@code schema.name} when written with its schema ({@code public.name} included;
   * see {@link org.opendsql.sql.catalog.QualifiedNames}).
   */
  public static String tableName(Table t) {
    String schema = t.getSchemaName() == null ? null : Binder.ident(t.getSchemaName());
    String system = systemRelation(schema, Binder.ident(t.getName()));
    if (system != null) return system;
    if (t.getDatabase() != null && t.getDatabase().getDatabaseName() != null) {
      throw Errors.unsupported("cross-database references");
    }
    return schema != null ? schema + "." + Binder.ident(t.getName()) : Binder.ident(t.getName());
  }

  /**
   * True for DML that needs more tables than its target: INSERT ... SELECT, UPDATE ... FROM,
   * DELETE ... USING, or a subquery in it.
   */
  public static boolean dmlNeedsRelational(Statement st) {
    if (st instanceof Insert i) {
      return (i.getSelect() != null && !(i.getSelect() instanceof Values)) || hasSubquery(i.toString());
    }
    if (st instanceof Update u) {
      return u.getFromItem() != null || hasSubquery(u.toString()) || VALUES_WORD.matcher(u.toString()).find();
    }
    if (st instanceof Delete d) {
      return (d.getUsingFromItemList() != null && !d.getUsingFromItemList().isEmpty())
          || (d.getUsingList() != null && !d.getUsingList().isEmpty()) || hasSubquery(d.toString())
          || VALUES_WORD.matcher(d.toString()).find();
    }
    return false;
  }

  private static boolean hasSubquery(String text) {
    return SELECT_WORD.matcher(text).find();
  }

  /** DML whose other tables ({@code tables}: every name it mentions, null when unknown) are resolved. */
  public static Plan planDml(Statement st, TableDef table, Map<String, TableDef> tables, ParamTypes params) {
    return planDml(st, table, tables, params, null);
  }

  /** DML as one part of a statement with WITH queries ({@code shared}: what its parts share, or null). */
  static Plan planDml(Statement st, TableDef table, Map<String, TableDef> tables, ParamTypes params,
      RelPlanner.Shared shared) {
    if (st instanceof Insert i) return insert(i, table, params, tables, shared);
    if (st instanceof Update u) return update(u, table, params, tables, shared);
    return delete((Delete) st, table, params, tables, shared);
  }

  public static Plan plan(Statement st, TableDef table, ParamTypes params) {
    if (st instanceof PlainSelect ps) return select(ps, table, params);
    if (st instanceof SetOperationList) throw Errors.unsupported("UNION/INTERSECT/EXCEPT");
    if (st instanceof Values) throw Errors.unsupported("VALUES as a statement");
    if (st instanceof ParenthesedSelect) throw Errors.unsupported("parenthesized SELECT");
    if (st instanceof Select) throw Errors.unsupported("this SELECT form");
    if (st instanceof Insert i) return insert(i, table, params, null, null);
    if (st instanceof Update u) return update(u, table, params, null, null);
    if (st instanceof Delete d) return delete(d, table, params, null, null);
    if (st instanceof CreateTable ct) return createTable(ct);
    if (st instanceof net.sf.jsqlparser.statement.create.index.CreateIndex ci) return createIndex(ci, List.of(), false);
    if (st instanceof Drop d) return drop(d);
    if (st instanceof net.sf.jsqlparser.statement.create.view.CreateView cv) return createView(cv);
    if (st instanceof net.sf.jsqlparser.statement.create.schema.CreateSchema cs) return createSchema(cs);
    String kind = st.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    throw Errors.unsupported(kind.replace(" STATEMENT", ""));
  }

  // ---------------------------------------------------------------- SELECT

  private static Plan select(PlainSelect ps, TableDef table, ParamTypes params) {
    boolean forUpdate = lockingClause(ps);
    if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) throw Errors.unsupported("DISTINCT ON");
    String qualifier = null;
    if (table != null) {
      Table t = (Table) ps.getFromItem();
      qualifier = t.getAlias() != null ? Binder.ident(t.getAlias().getName()) : org.opendsql.sql.catalog.QualifiedNames.relname(table.name());
      if (t.getAlias() != null && t.getAlias().getAliasColumns() != null) throw Errors.unsupported("column aliases in FROM");
    }
    Binder b = new Binder(table, qualifier, params);
    Plan.Access access = null;
    if (table != null) {
      Expr where = ps.getWhere() == null ? null : b.bindCondition(ps.getWhere(), "WHERE", false);
      access = access(table, where);
    } else if (ps.getWhere() != null) {
      access = new Plan.Access(null, b.bindCondition(ps.getWhere(), "WHERE", false));
    }
    List<Expression> groupBy = new ArrayList<>();
    if (ps.getGroupBy() != null) {
      if (ps.getGroupBy().getGroupingSets() != null && !ps.getGroupBy().getGroupingSets().isEmpty()) {
        throw Errors.unsupported("GROUPING SETS");
      }
      for (Object g : ps.getGroupBy().getGroupByExpressionList()) groupBy.add((Expression) g);
    }
    Binder rowMode = b;
    String q = qualifier;
    Output out = RelPlanner.probeOutputs(() -> outputs(ps.getSelectItems(), table, q, rowMode), rowMode);
    boolean aggregated = !groupBy.isEmpty() || b.sawAggregate() || ps.getHaving() != null;
    if (!aggregated && ps.getOrderByElements() != null) {
      for (OrderByElement o : ps.getOrderByElements()) {
        Binder probe = new Binder(table, qualifier, new ParamTypes(null));
        try {
          probe.bind(o.getExpression(), null);
        } catch (DbException ignored) {
          // names that only resolve as output aliases are handled below
        }
        aggregated |= probe.sawAggregate();
      }
    }
    if (aggregated) {
      b = new Binder(table, qualifier, params);
      List<Expression> resolved = new ArrayList<>();
      for (Expression g : groupBy) resolved.add(groupByItem(g, ps.getSelectItems(), n -> table != null && table.slot(n) >= 0));
      b.enterAggregateMode(resolved);
      out = outputs(ps.getSelectItems(), table, qualifier, b);
    }
    Expr having = ps.getHaving() == null ? null : b.bindCondition(ps.getHaving(), "HAVING", true);
    int visible = out.exprs.size();
    List<Expr> exprs = new ArrayList<>(out.exprs);
    List<Plan.SortKey> sort = new ArrayList<>();
    boolean distinct = ps.getDistinct() != null;
    if (ps.getOrderByElements() != null) {
      for (OrderByElement o : ps.getOrderByElements()) {
        int idx = orderIndex(o.getExpression(), out, exprs, b, distinct);
        JsonBinder.requireOrdering(exprs.get(idx).type());
        boolean asc = o.isAsc();
        boolean nullsFirst = o.getNullOrdering() == null ? !asc
            : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        sort.add(new Plan.SortKey(idx, asc, nullsFirst));
      }
    }
    Expr limit = null;
    Expr offset = null;
    if (ps.getLimit() != null) {
      if (ps.getLimit().getOffset() != null) throw Errors.unsupported("LIMIT offset, count");
      if (ps.getLimit().getRowCount() != null && !ps.getLimit().isLimitAll() && !ps.getLimit().isLimitNull()) {
        limit = countExpr(ps.getLimit().getRowCount(), params, "LIMIT");
      }
    }
    if (ps.getOffset() != null) offset = countExpr(ps.getOffset().getOffset(), params, "OFFSET");
    if (forUpdate) {
      // PostgreSQL's checks, in its order, after the rest of the statement was analysed: the
      // rows of these forms are not table rows, so there is nothing to lock.
      if (distinct) throw Errors.forUpdateNotAllowedWith("DISTINCT clause");
      if (!groupBy.isEmpty()) throw Errors.forUpdateNotAllowedWith("GROUP BY clause");
      if (ps.getHaving() != null) throw Errors.forUpdateNotAllowedWith("HAVING clause");
      if (aggregated) throw Errors.forUpdateNotAllowedWith("aggregate functions");
    }
    if (limit != null && !aggregated && !distinct && !sort.isEmpty() && !readsInOrder(table, access, sort, exprs)) {
      access = orderedByIndex(table, access, sort, exprs);
    }
    if (!aggregated && !distinct && readsInOrder(table, access, sort, exprs)) sort = List.of();
    return new Plan.Select(table, access, aggregated, b.groupExprs(), b.aggs(), having, exprs, visible,
        out.cols, sort, distinct, limit, offset, forUpdate,
        ColumnUse.of(table, access, aggregated, b.groupExprs(), b.aggs(), exprs));
  }

  /**
   * Whether the SELECT reads FOR UPDATE. DSQL's FOR UPDATE never locks or waits: the rows it
   * selects join the transaction's conflict set. So NOWAIT (nothing is waited for) and SKIP
   * LOCKED (no row is ever locked, so none is skipped) change nothing, as in DSQL. The other
   * strengths are refused with DSQL's own error; PostgreSQL's FOR READ ONLY is no locking clause
   * at all, and what PostgreSQL's grammar lacks is a syntax error. An OF list must name FROM items
   * of this SELECT (42P01); with one table it locks that table's rows.
   */
  static boolean lockingClause(PlainSelect ps) {
    ForMode mode = ps.getForMode();
    if (mode == null || mode == ForMode.READ_ONLY) return false;
    if (mode == ForMode.FETCH_ONLY) throw Errors.syntaxErrorAt("FETCH");
    if (ps.isForUpdateBeforeOrderBy()) throw Errors.syntaxErrorAt("ORDER");
    if (ps.getWait() != null) throw Errors.syntaxErrorAt("WAIT");
    if (mode != ForMode.UPDATE) throw Errors.lockingStrengthNotSupported();
    if (ps.getForUpdateTables() != null) {
      for (Table t : ps.getForUpdateTables()) {
        String name = Binder.ident(t.getName());
        Table from = ps.getFromItem() instanceof Table f ? f : null;
        String alias = from == null ? null : from.getAlias() != null ? Binder.ident(from.getAlias().getName()) : Binder.ident(from.getName());
        boolean joined = ps.getJoins() != null && !ps.getJoins().isEmpty();
        if (!joined && !name.equals(alias)) throw Errors.lockedRelationNotInFrom(name);
      }
    }
    return true;
  }

  /**
   * GROUP BY 1 and GROUP BY alias name the select-list item, as in PostgreSQL; a name that is a
   * column of the FROM clause ({@code inputColumn}) means that column, whatever the aliases.
   */
  static Expression groupByItem(Expression g, List<SelectItem<?>> items, java.util.function.Predicate<String> inputColumn) {
    if (g instanceof LongValue l) {
      int k = (int) l.getValue();
      if (k < 1 || k > items.size()) {
        throw Errors.positionNotInSelectList("GROUP BY", k);
      }
      return items.get(k - 1).getExpression();
    }
    if (g instanceof Column c && c.getTable() == null) {
      String name = Binder.ident(c.getColumnName());
      if (inputColumn.test(name)) return g;
      Expression found = null;
      for (SelectItem<?> item : items) {
        if (item.getAlias() == null || !Binder.ident(item.getAlias().getName()).equals(name)) continue;
        if (found != null) throw Errors.ambiguousColumn(name);
        found = item.getExpression();
      }
      if (found != null) return found;
    }
    return g;
  }

  static Expr countExpr(Expression e, ParamTypes params, String clause) {
    Binder b = new Binder(null, null, params);
    Expr x = b.coerce(b.bindNoAggregates(e, PgType.INT8, clause), PgType.INT8);
    if (x.type() != PgType.INT8) {
      if (org.opendsql.sql.expr.Values.category(x.type()) != org.opendsql.sql.expr.Values.Category.NUMBER) {
        throw Errors.argumentTypeMismatch(clause, PgType.INT8.sqlName(), x.type().sqlName());
      }
      x = new Exprs.Cast(x, PgType.INT8, -1, true);
    }
    return x;
  }

  private static int orderIndex(Expression e, Output out, List<Expr> exprs, Binder b, boolean distinct) {
    if (e instanceof LongValue l) {
      int k = (int) l.getValue();
      if (k < 1 || k > out.exprs.size()) {
        throw Errors.positionNotInSelectList("ORDER BY", k);
      }
      return k - 1;
    }
    if (Binder.asColumn(e) instanceof Column c && c.getTable() == null) {
      int i = out.names.indexOf(Binder.ident(c.getColumnName()));
      if (i >= 0) return i;
    }
    for (int i = 0; i < out.exprs.size(); i++) {
      if (out.source.get(i) != null && out.source.get(i).equals(e.toString())) return i;
    }
    if (distinct) {
      throw Errors.orderByNotInDistinctSelectList();
    }
    exprs.add(b.finishUnknown(b.bind(e, null)));
    return exprs.size() - 1;
  }

  private static Output outputs(List<SelectItem<?>> items, TableDef table, String qualifier, Binder b) {
    List<Expr> exprs = new ArrayList<>();
    List<ColumnDesc> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> source = new ArrayList<>();
    for (SelectItem<?> item : items) {
      Expression e = item.getExpression();
      if (e instanceof AllColumns all) {
        if (all instanceof AllTableColumns atc) {
          String q = Binder.ident(atc.getTable().getName());
          if (table == null || !q.equals(qualifier)) {
            throw Errors.missingFromClauseEntry(q);
          }
        }
        if (table == null) throw Errors.selectStarWithoutTables();
        for (int s = 0; s < table.columns().size(); s++) {
          ColumnDef d = table.column(s);
          if (d.hidden()) continue;
          exprs.add(b.bind(new Column(new Table(qualifier), "\"" + d.name().replace("\"", "\"\"") + "\""), null));
          cols.add(tableColumn(table, s, d.name()));
          names.add(d.name());
          source.add(null);
        }
        continue;
      }
      Expr x = b.finishUnknown(b.bind(e, null));
      String name = item.getAlias() != null ? Binder.ident(item.getAlias().getName()) : figureName(e);
      exprs.add(x);
      names.add(name);
      source.add(e.toString());
      int slot = tableSlot(x, e, table, b);
      if (slot >= 0) {
        cols.add(tableColumn(table, slot, name));
      } else {
        cols.add(new ColumnDesc(name, x.type(), x.typmod(), 0, (short) 0));
      }
    }
    return new Output(exprs, cols, names, source);
  }

  private record Output(List<Expr> exprs, List<ColumnDesc> cols, List<String> names, List<String> source) {}

  /** The table slot a plain column reference reads (through GROUP BY when aggregated), or -1. */
  private static int tableSlot(Expr x, Expression e, TableDef table, Binder b) {
    if (table == null || !(e instanceof Column) || !(x instanceof Exprs.ColumnRef ref)) return -1;
    if (!b.isAggMode()) return ref.slot();
    if (ref.slot() < b.groupExprs().size() && b.groupExprs().get(ref.slot()) instanceof Exprs.ColumnRef g) return g.slot();
    return -1;
  }

  static ColumnDesc tableColumn(TableDef t, int slot, String name) {
    ColumnDef d = t.column(slot);
    // The RowDescription names the column as pg_class and pg_attribute do: drivers look it up there.
    return new ColumnDesc(name, d.type(), d.typmod(), (int) org.opendsql.sql.catalog.CatalogSnapshot.relationOid(t),
        (short) org.opendsql.sql.catalog.CatalogSnapshot.attnum(t, slot));
  }

  /** PostgreSQL's FigureColname: the name a select-list item gets without an alias. */
  /** A function's name without its schema, as an identifier ("row_number" quoted or not). */
  private static String functionName(String written) {
    int dot = written.lastIndexOf('.');
    return Binder.ident(dot >= 0 ? written.substring(dot + 1) : written);
  }

  static String figureName(Expression e) {
    return figure(e).name();
  }

  /**
   * PostgreSQL's FigureColnameInternal: a name and its strength (2: a column, function or
   * subquery names it; 1: only a type cast does; 0: nothing does). A cast keeps a stronger name
   * from inside it and otherwise takes its type's name, so {@code x::int} is "x" but
   * {@code 1::int} is "int4" and {@code true::text} is "text" (TRUE is itself a cast to bool).
   */
  private record Figure(String name, int strength) {}

  private static Figure figure(Expression e) {
    if (e instanceof Column c) return new Figure(Binder.ident(c.getColumnName()), 2);
    if (e instanceof net.sf.jsqlparser.expression.DateUnitExpression du) return new Figure(Binder.ident(du.toString()), 2);
    if (e instanceof Function f) {
      String name = functionName(f.getName());
      // Prefix operators parse as calls of functions named by their symbol; PostgreSQL names no operator.
      if (name.equals(org.opendsql.sql.parse.OperatorSyntax.SQRT) || name.equals(org.opendsql.sql.parse.OperatorSyntax.CBRT)
          || JsonBinder.isOperator(name)) {
        return new Figure("?column?", 0);
      }
      return new Figure(name, 2);
    }
    if (e instanceof net.sf.jsqlparser.expression.CollateExpression c) return figure(c.getLeftExpression());
    if (e instanceof net.sf.jsqlparser.expression.ArrayConstructor) return new Figure("array", 2);
    if (e instanceof net.sf.jsqlparser.expression.ArrayExpression a) return figure(a.getObjExpression());
    if (e instanceof net.sf.jsqlparser.expression.AnalyticExpression a) {
      // agg(...) FILTER (...), WITHIN GROUP (...), OVER (...): named after the function.
      return new Figure(functionName(a.getName()), 2);
    }
    if (e instanceof CastExpression c) {
      Figure inner = figure(c.getLeftExpression());
      if (inner.strength() > 1) return inner;
      PgType catalogType = CatalogCasts.target(Binder.typeText(c.getColDataType()));
      if (catalogType != null) {
        return new Figure(org.opendsql.sql.catalog.CatalogSnapshot.typname(
            catalogType.isArray() ? catalogType.elementType() : catalogType), 1);
      }
      try {
        return new Figure(TypeNames.internalName(TypeNames.resolve(Binder.typeText(c.getColDataType())).type()), 1);
      } catch (DbException ex) {
        return inner;
      }
    }
    if (e instanceof net.sf.jsqlparser.expression.TrimFunction t) {
      String spec = t.getTrimSpecification() == null ? "BOTH" : t.getTrimSpecification().name();
      return new Figure(spec.equals("LEADING") ? "ltrim" : spec.equals("TRAILING") ? "rtrim" : "btrim", 2);
    }
    if (e instanceof net.sf.jsqlparser.expression.ExtractExpression) return new Figure("extract", 2);
    if (e instanceof net.sf.jsqlparser.expression.RowGetExpression g) return new Figure(Binder.ident(g.getColumnName()), 2);
    if (e instanceof net.sf.jsqlparser.expression.TimezoneExpression) return new Figure("timezone", 2);
    if (e instanceof net.sf.jsqlparser.expression.OverlapsCondition) return new Figure("overlaps", 2);
    if (e instanceof net.sf.jsqlparser.expression.IntervalExpression) return new Figure("interval", 1);
    if (e instanceof net.sf.jsqlparser.expression.DateTimeLiteralExpression d) {
      return new Figure(switch (d.getType()) {
        case DATE -> "date";
        case TIME -> "time";
        case TIMESTAMP -> "timestamp";
        default -> "timestamptz";
      }, 1);
    }
    if (e instanceof TimeKeyExpression t) return new Figure(t.getStringValue().toLowerCase(Locale.ROOT), 2);
    if (e instanceof net.sf.jsqlparser.expression.operators.relational.ExistsExpression) return new Figure("exists", 2);
    if (e instanceof ParenthesedSelect p && p.getSelect() instanceof PlainSelect inner
        && inner.getSelectItems().size() == 1) {
      SelectItem<?> item = inner.getSelectItems().get(0);
      return item.getAlias() != null ? new Figure(Binder.ident(item.getAlias().getName()), 2) : figure(item.getExpression());
    }
    if (e instanceof BooleanValue) return new Figure("bool", 1);
    if (e instanceof CaseExpression c) {
      // A CASE is named after its ELSE result when that has a name of its own, else "case".
      Figure otherwise = c.getElseExpression() == null ? null : figure(c.getElseExpression());
      return otherwise != null && otherwise.strength() > 1 ? otherwise : new Figure("case", 1);
    }
    if (e instanceof ExpressionList<?> l && l.size() == 1 && !(e instanceof net.sf.jsqlparser.expression.RowConstructor)) {
      return figure(l.get(0));
    }
    if (e instanceof ExpressionList<?>) return new Figure("row", 2);
    return new Figure("?column?", 0);
  }


  /** Point read when the top-level conjuncts fix every key column by equality to a constant/parameter. */
  static Plan.Access access(TableDef table, Expr where) {
    if (where == null) return new Plan.Access(null, null);
    List<Expr> conj = new ArrayList<>();
    flattenAnd(where, conj);
    // A table without a declared key is still read through its secondary indexes.
    if (table.hiddenPk()) return new Plan.Access(null, where, indexRange(table, conj));
    int[] pk = table.pk();
    Expr[] vals = new Expr[pk.length];
    for (Expr c : conj) {
      if (!(c instanceof Exprs.Compare cmp) || cmp.op() != Exprs.CmpOp.EQ) continue;
      Expr col = cmp.left();
      Expr val = cmp.right();
      if (!(col instanceof Exprs.ColumnRef)) {
        col = cmp.right();
        val = cmp.left();
      }
      if (!(col instanceof Exprs.ColumnRef ref) || !val.isRowIndependent()) continue;
      for (int i = 0; i < pk.length; i++) if (pk[i] == ref.slot() && vals[i] == null) vals[i] = val;
    }
    boolean complete = true;
    for (Expr v : vals) complete &= v != null;
    if (complete) return new Plan.Access(List.of(vals), where);
    List<List<Expr>> keySet = keySet(pk, vals, conj);
    if (keySet != null) return new Plan.Access(null, where, null, keySet, null);
    if (pk.length == 1) {
      Expr keys = anyKeys(conj, pk[0]);
      if (keys != null) return new Plan.Access(null, where, null, null, keys);
    }
    return new Plan.Access(null, where, indexRange(table, conj));
  }

  /**
   * Whether the access already returns rows in the ORDER BY's order, so no sort is needed and a
   * LIMIT stops the read early ({@code ORDER BY id LIMIT 20}): scans and key sets come in primary
   * key order, an index range in its key columns' order; columns fixed by equality are constant.
   * Only ascending order with nulls last matches the key encoding (a NOT NULL column ignores the
   * nulls clause).
   */
  static boolean readsInOrder(TableDef table, Plan.Access access, List<Plan.SortKey> sort, List<Expr> exprs) {
    if (sort.isEmpty()) return true;
    if (table == null) return false;
    if (access != null && access.isPoint()) return true;
    // = ANY reads the array's keys in the array's order.
    if (access != null && access.anyKeys() != null) return false;
    int[] order;
    int fixed = 0;
    if (access != null && access.index() != null) {
      // One prefix per IN value: each in order, but not the values' order overall.
      if (access.index().in() != null) return false;
      order = access.index().index().keySlots();
      fixed = access.index().eq().size();
    } else {
      if (table.hiddenPk()) return false;
      order = table.pk();
    }
    Set<Integer> constant = new HashSet<>();
    for (int i = 0; i < fixed; i++) constant.add(order[i]);
    int next = fixed;
    for (Plan.SortKey k : sort) {
      if (!(exprs.get(k.outputIndex()) instanceof Exprs.ColumnRef ref)) return false;
      if (constant.contains(ref.slot())) continue;
      if (next >= order.length || order[next] != ref.slot() || !k.asc()) return false;
      if (k.nullsFirst() && !table.column(ref.slot()).notNull() && !isPkSlot(table, ref.slot())) return false;
      next++;
    }
    return true;
  }

  /**
   * {@code ORDER BY k LIMIT n} over a scan: when a secondary index is ordered by the sort keys,
   * reading it in order needs no sort and the LIMIT stops the read after n rows. Without a LIMIT
   * the whole table would be read row by row through the index, which a scan and a sort beat.
   */
  private static Plan.Access orderedByIndex(TableDef table, Plan.Access access, List<Plan.SortKey> sort, List<Expr> exprs) {
    if (table == null || access == null || access.isPoint() || access.keySet() != null || access.anyKeys() != null
        || access.index() != null) {
      return access;
    }
    for (org.opendsql.sql.catalog.IndexDef ix : table.readableIndexes()) {
      Plan.Access candidate = new Plan.Access(null, access.filter(),
          new Plan.IndexRange(ix, List.of(), null, false, null, false));
      if (readsInOrder(table, candidate, sort, exprs)) return candidate;
    }
    return access;
  }

  private static boolean isPkSlot(TableDef table, int slot) {
    for (int s : table.pk()) if (s == slot) return true;
    return false;
  }

  /** Above this many keys an IN list is left to a range or a scan. */
  private static final int MAX_KEY_SET = 10_000;

  /**
   * The full keys named when each key column not fixed by equality is fixed by an IN list of
   * constants or parameters ({@code k IN (1, 2)}, ORMs' batch loads): their cross product, or null.
   */
  private static List<List<Expr>> keySet(int[] pk, Expr[] fixed, List<Expr> conj) {
    List<List<Expr>> choices = new ArrayList<>();
    long count = 1;
    for (int i = 0; i < pk.length; i++) {
      if (fixed[i] != null) {
        choices.add(List.of(fixed[i]));
        continue;
      }
      List<Expr> items = null;
      for (Expr c : conj) {
        if (c instanceof Exprs.InList in && !in.not() && in.arg() instanceof Exprs.ColumnRef ref && ref.slot() == pk[i]
            && in.items().stream().allMatch(Expr::isRowIndependent)) {
          items = in.items();
          break;
        }
      }
      if (items == null) return null;
      choices.add(items);
      count *= items.size();
      if (count > MAX_KEY_SET) return null;
    }
    List<List<Expr>> keys = new ArrayList<>();
    keys.add(List.of());
    for (List<Expr> options : choices) {
      List<List<Expr>> next = new ArrayList<>(keys.size() * options.size());
      for (List<Expr> prefix : keys) {
        for (Expr o : options) {
          List<Expr> k = new ArrayList<>(prefix);
          k.add(o);
          next.add(k);
        }
      }
      keys = next;
    }
    return keys;
  }

  /** The items of {@code slot IN (...)} when all are known before any row is read (at most MAX_KEY_SET), or null. */
  private static List<Expr> inList(List<Expr> conj, int slot) {
    for (Expr c : conj) {
      if (c instanceof Exprs.InList in && !in.not() && in.arg() instanceof Exprs.ColumnRef ref && ref.slot() == slot
          && in.items().size() <= MAX_KEY_SET && in.items().stream().allMatch(Expr::isRowIndependent)) {
        return in.items();
      }
    }
    return null;
  }

  /** The array of {@code key = ANY (array)}, an array known before any row is read, or null. */
  private static Expr anyKeys(List<Expr> conj, int slot) {
    for (Expr c : conj) {
      if (c instanceof org.opendsql.sql.expr.ArrayExprs.Quantified q && q.op() == Exprs.CmpOp.EQ && !q.all()
          && q.arg() instanceof Exprs.ColumnRef ref && ref.slot() == slot && q.array().isRowIndependent()) {
        return q.array();
      }
    }
    return null;
  }

  /**
   * The best index range the conjuncts allow: the most key columns fixed by equality, then a
   * range on the next one; a unique index fixed whole wins. Null when no index helps.
   */
  private static Plan.IndexRange indexRange(TableDef table, List<Expr> conj) {
    List<org.opendsql.sql.catalog.IndexDef> candidates = new ArrayList<>(table.readableIndexes());
    if (!table.hiddenPk()) {
      candidates.add(new org.opendsql.sql.catalog.IndexDef(TableDef.PRIMARY_INDEX, org.opendsql.sql.catalog.QualifiedNames.relname(table.name()) + "_pkey",
          table.pk(), new int[0], true));
    }
    Plan.IndexRange best = null;
    int bestScore = 0;
    for (org.opendsql.sql.catalog.IndexDef ix : candidates) {
      List<Expr> eq = new ArrayList<>();
      for (int slot : ix.keySlots()) {
        Expr v = bound(conj, slot, Exprs.CmpOp.EQ);
        if (v == null) break;
        eq.add(v);
      }
      List<Expr> lo = null;
      List<Expr> hi = null;
      boolean loInc = false;
      boolean hiInc = false;
      List<Expr> in = eq.size() < ix.keySlots().length ? inList(conj, ix.keySlots()[eq.size()]) : null;
      if (in != null) {
        // ORMs' batch loads: WHERE parent_id IN (...) reads one index prefix per value.
        int score = eq.size() * 4 + 3 + (ix.unique() && eq.size() + 1 == ix.keySlots().length ? 50 : 0);
        if (score > bestScore) {
          bestScore = score;
          best = new Plan.IndexRange(ix, List.copyOf(eq), null, false, null, false, in);
        }
        continue;
      }
      if (eq.size() < ix.keySlots().length) {
        int[] rest = java.util.Arrays.copyOfRange(ix.keySlots(), eq.size(), ix.keySlots().length);
        if ((lo = bound(conj, rest, Exprs.CmpOp.GE)) != null) loInc = true;
        else lo = bound(conj, rest, Exprs.CmpOp.GT);
        if ((hi = bound(conj, rest, Exprs.CmpOp.LE)) != null) hiInc = true;
        else hi = bound(conj, rest, Exprs.CmpOp.LT);
      }
      int score = eq.size() * 4 + (lo != null ? lo.size() : 0) + (hi != null ? hi.size() : 0)
          + (ix.unique() && eq.size() == ix.keySlots().length ? 100 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = new Plan.IndexRange(ix, List.copyOf(eq), lo, loInc, hi, hiInc);
      }
    }
    return best;
  }

  /**
   * The bound a conjunct puts on the key columns {@code slots} (in key order): {@code slots[0] op
   * value} either way round, or a row comparison {@code (slots[0], slots[1], ...) op (values...)}
   * over a prefix of them, whose bound is the tuple of values. The longest such bound wins.
   */
  private static List<Expr> bound(List<Expr> conj, int[] slots, Exprs.CmpOp op) {
    List<Expr> best = null;
    Expr single = bound(conj, slots[0], op);
    if (single != null) best = List.of(single);
    for (Expr c : conj) {
      if (!(c instanceof org.opendsql.sql.expr.RowExprs.Compare rc)) continue;
      List<Expr> cols = rc.left();
      List<Expr> vals = rc.right();
      Exprs.CmpOp k = rc.op();
      if (!(cols.get(0) instanceof Exprs.ColumnRef)) {
        cols = rc.right();
        vals = rc.left();
        k = flip(k);
      }
      if (k != op || cols.size() > slots.length) continue;
      boolean fits = true;
      for (int i = 0; i < cols.size() && fits; i++) {
        fits = cols.get(i) instanceof Exprs.ColumnRef ref && ref.slot() == slots[i] && vals.get(i).isRowIndependent();
      }
      if (fits && (best == null || cols.size() > best.size())) best = List.copyOf(vals);
    }
    return best;
  }

  /** The value a conjunct {@code column op value} (either way round) compares the column with. */
  private static Expr bound(List<Expr> conj, int slot, Exprs.CmpOp op) {
    for (Expr c : conj) {
      if (!(c instanceof Exprs.Compare cmp)) continue;
      if (cmp.left() instanceof Exprs.ColumnRef l && l.slot() == slot && cmp.right().isRowIndependent() && cmp.op() == op) {
        return cmp.right();
      }
      if (cmp.right() instanceof Exprs.ColumnRef r && r.slot() == slot && cmp.left().isRowIndependent() && cmp.op() == flip(op)) {
        return cmp.left();
      }
    }
    return null;
  }

  private static Exprs.CmpOp flip(Exprs.CmpOp op) {
    return switch (op) {
      case LT -> Exprs.CmpOp.GT;
      case LE -> Exprs.CmpOp.GE;
      case GT -> Exprs.CmpOp.LT;
      case GE -> Exprs.CmpOp.LE;
      default -> op;
    };
  }

  private static void flattenAnd(Expr e, List<Expr> out) {
    if (e instanceof Exprs.And a) {
      flattenAnd(a.left(), out);
      flattenAnd(a.right(), out);
    } else {
      out.add(e);
    }
  }

  // ---------------------------------------------------------------- DML

  private static List<Expr> returning(ReturningClause rc, TableDef table, String qualifier, ParamTypes params,
      List<ColumnDesc> cols) {
    if (rc == null) return List.of();
    if (rc.getDataItems() != null && !rc.getDataItems().isEmpty()) throw Errors.unsupported("RETURNING ... INTO");
    Binder b = new Binder(table, qualifier, params);
    Output out = outputs(new ArrayList<>(rc), table, qualifier, b);
    if (b.sawAggregate()) throw Errors.aggregateNotAllowed("RETURNING");
    cols.addAll(out.cols);
    return out.exprs;
  }

  private static Plan insert(Insert ins, TableDef table, ParamTypes params, Map<String, TableDef> tables,
      RelPlanner.Shared shared) {
    if (ins.isUseDuplicate() || ins.isUseSet() || ins.isModifierIgnore()) throw Errors.unsupported("this INSERT syntax");
    if (shared == null && ins.getWithItemsList() != null && !ins.getWithItemsList().isEmpty()) {
      throw Errors.internal("INSERT with WITH planned without its WITH queries");
    }
    net.sf.jsqlparser.statement.insert.Insert.OverridingMode overriding = ins.getOverridingMode() == null
        ? net.sf.jsqlparser.statement.insert.Insert.OverridingMode.NONE : ins.getOverridingMode();
    String qualifier = ins.getTable().getAlias() != null ? Binder.ident(ins.getTable().getAlias().getName()) : org.opendsql.sql.catalog.QualifiedNames.relname(table.name());
    int[] targets;
    if (ins.getColumns() != null && !ins.getColumns().isEmpty()) {
      targets = new int[ins.getColumns().size()];
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < targets.length; i++) {
        if (ins.getColumns().get(i).getArrayConstructor() != null) throw Errors.unsupported("subscripted columns in INSERT");
        String n = Binder.ident(ins.getColumns().get(i).getColumnName());
        int s = table.slot(n);
        if (s < 0) {
          throw Errors.undefinedColumnOfRelation(n, table.name());
        }
        if (!seen.add(s)) throw Errors.duplicateColumn(n);
        targets[i] = s;
      }
    } else {
      targets = table.columns().stream().filter(c -> !c.hidden()).mapToInt(c -> table.slot(c.name())).toArray();
    }
    Plan.OnConflict onConflict = ins.getConflictAction() == null ? null : onConflict(ins, table, qualifier, params);
    boolean explicitCols = ins.getColumns() != null && !ins.getColumns().isEmpty();
    if (tables != null && !ins.isOnlyDefaultValues()) {
      Plan.Query source = RelPlanner.insertSource(ins.getSelect(), tables, params, shared);
      List<ColumnDesc> srcCols = source.columns();
      if (srcCols.size() > targets.length) throw Errors.insertHasMoreExpressions();
      if (explicitCols && srcCols.size() < targets.length) throw Errors.insertHasMoreTargetColumns();
      Expr[] template = new Expr[table.columns().size()];
      for (int i = 0; i < srcCols.size(); i++) {
        ColumnDef d = table.column(targets[i]);
        PgType from = srcCols.get(i).type();
        if (!org.opendsql.sql.expr.Values.assignable(from, d.type())) {
          throw Errors.columnTypeMismatch(d.name(), d.type().sqlName(), from.sqlName());
        }
        template[targets[i]] = identityValue(d, overriding, new Exprs.ColumnRef(i, from, srcCols.get(i).typmod(), srcCols.get(i).name()));
      }
      List<ColumnDesc> cols = new ArrayList<>();
      List<Expr> ret = returning(ins.getReturningClause(), table, qualifier, params, cols);
      return new Plan.Insert(table, List.<Expr[]>of(template), defaults(table, params), ret, cols, source, onConflict);
    }
    List<List<Expression>> rows = new ArrayList<>();
    if (ins.isOnlyDefaultValues()) {
      rows.add(List.of());
    } else {
      Select sel = ins.getSelect();
      if (!(sel instanceof Values v)) {
        throw Errors.unsupported("INSERT ... SELECT");
      }
      ExpressionList<?> list = v.getExpressions();
      if (!list.isEmpty() && list.get(0) instanceof ExpressionList<?>) {
        for (Expression r : list) {
          List<Expression> row = new ArrayList<>();
          for (Expression x : (ExpressionList<?>) r) row.add(x);
          rows.add(row);
        }
      } else {
        List<Expression> row = new ArrayList<>();
        for (Expression x : list) row.add(x);
        rows.add(row);
      }
    }
    Binder b = new Binder(null, null, params);
    List<Expr[]> bound = new ArrayList<>();
    for (List<Expression> row : rows) {
      if (row.size() > targets.length) {
        throw Errors.insertHasMoreExpressions();
      }
      if (explicitCols && row.size() < targets.length && !ins.isOnlyDefaultValues()) {
        throw Errors.insertHasMoreTargetColumns();
      }
      Expr[] slots = new Expr[table.columns().size()];
      for (int i = 0; i < row.size(); i++) {
        Expression x = row.get(i);
        if (isDefaultKeyword(x)) continue;
        ColumnDef d = table.column(targets[i]);
        slots[targets[i]] = identityValue(d, overriding, assignment(b, x, d, "VALUES"));
      }
      bound.add(slots);
    }
    List<ColumnDesc> cols = new ArrayList<>();
    List<Expr> ret = returning(ins.getReturningClause(), table, qualifier, params, cols);
    return new Plan.Insert(table, bound, defaults(table, params), ret, cols, null, onConflict);
  }

  /** ON CONFLICT: the arbiter is the primary key or a unique index with exactly the named columns. */
  private static Plan.OnConflict onConflict(Insert ins, TableDef table, String qualifier, ParamTypes params) {
    net.sf.jsqlparser.statement.insert.InsertConflictTarget target = ins.getConflictTarget();
    net.sf.jsqlparser.statement.insert.InsertConflictAction action = ins.getConflictAction();
    boolean doNothing = action.getConflictActionType() != net.sf.jsqlparser.statement.insert.ConflictActionType.DO_UPDATE;
    boolean primary = false;
    List<org.opendsql.sql.catalog.IndexDef> arbiters = new ArrayList<>();
    if (target == null) {
      if (!doNothing) throw Errors.onConflictNeedsTarget();
      primary = !table.hiddenPk();
      for (org.opendsql.sql.catalog.IndexDef ix : table.readableIndexes()) if (ix.unique()) arbiters.add(ix);
    } else if (target.getConstraintName() != null) {
      String name = Binder.ident(target.getConstraintName());
      org.opendsql.sql.catalog.IndexDef ix = table.index(name);
      if (!table.hiddenPk() && name.equals(org.opendsql.sql.catalog.QualifiedNames.relname(table.name()) + "_pkey")) primary = true;
      else if (ix != null && ix.unique()) arbiters.add(ix);
      else throw Errors.undefinedConstraint(name, table.name());
    } else {
      if (target.getIndexExpression() != null) throw Errors.noMatchingConflictConstraint();
      if (target.getWhereExpression() != null) throw Errors.unsupported("ON CONFLICT ... WHERE (partial unique indexes)");
      Set<Integer> named = new HashSet<>();
      for (String c : target.getIndexColumnNames()) {
        String n = Binder.ident(c);
        int slot = table.slot(n);
        if (slot < 0) throw Errors.undefinedColumn(n);
        named.add(slot);
      }
      Set<Integer> pk = new HashSet<>();
      for (int s : table.pk()) pk.add(s);
      if (!table.hiddenPk() && named.equals(pk)) primary = true;
      for (org.opendsql.sql.catalog.IndexDef ix : table.readableIndexes()) {
        Set<Integer> keys = new HashSet<>();
        for (int s : ix.keySlots()) keys.add(s);
        if (ix.unique() && keys.equals(named)) arbiters.add(ix);
      }
      if (!primary && arbiters.isEmpty()) throw Errors.noMatchingConflictConstraint();
    }
    if (doNothing) return new Plan.OnConflict(true, new int[0], List.of(), null, primary, arbiters);
    Scope s = new Scope(null);
    s.addTable(table, qualifier);
    s.addTable(table, "excluded");
    Binder b = new Binder(s, params, null);
    Expr[] defs = defaults(table, params);
    List<Integer> slots = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    for (UpdateSet set : action.getUpdateSets()) {
      if (set.getColumns().size() != set.getValues().size()) throw Errors.updateColumnCountMismatch();
      for (int i = 0; i < set.getColumns().size(); i++) {
        if (set.getColumns().get(i).getArrayConstructor() != null) {
          throw Errors.unsupported("subscripted columns in ON CONFLICT DO UPDATE");
        }
        String n = Binder.ident(set.getColumns().get(i).getColumnName());
        int slot = table.slot(n);
        if (slot < 0) throw Errors.undefinedColumnOfRelation(n, table.name());
        if (slots.contains(slot)) throw Errors.multipleAssignments(n);
        Expression x = set.getValues().get(i);
        slots.add(slot);
        values.add(isDefaultKeyword(x) ? (defs[slot] != null ? defs[slot] : new Exprs.Const(table.column(slot).type(), null))
            : assignment(b, x, table.column(slot), "UPDATE"));
      }
    }
    Expr where = action.getWhereExpression() == null ? null : b.bindCondition(action.getWhereExpression(), "WHERE", false);
    return new Plan.OnConflict(false, slots.stream().mapToInt(Integer::intValue).toArray(), values, where, primary, arbiters);
  }

  static boolean isDefaultKeyword(Expression x) {
    return x instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("default");
  }

  /** Binds a value for column {@code d}; untyped literals and parameters take the column's type. */
  private static Expr assignment(Binder b, Expression x, ColumnDef d, String clause) {
    Expr e = b.bindNoAggregates(x, d.type(), clause);
    e = b.coerce(e, d.type());
    if (!org.opendsql.sql.expr.Values.assignable(e.type(), d.type())) {
      throw Errors.columnTypeMismatch(d.name(), d.type().sqlName(), e.type().sqlName());
    }
    return e;
  }

  /**
   * An explicit value for column {@code d} as OVERRIDING decides: an identity column defined
   * GENERATED ALWAYS takes one only with OVERRIDING SYSTEM VALUE (428C9 otherwise); OVERRIDING
   * USER VALUE drops the values given for identity columns (null: the sequence's value).
   */
  private static Expr identityValue(ColumnDef d, net.sf.jsqlparser.statement.insert.Insert.OverridingMode overriding,
      Expr value) {
    if (d.identity() == null) return value;
    if (overriding == net.sf.jsqlparser.statement.insert.Insert.OverridingMode.USER) return null;
    if (d.identity() == ColumnDef.Identity.ALWAYS && overriding != net.sf.jsqlparser.statement.insert.Insert.OverridingMode.SYSTEM) {
      throw Errors.identityInsert(d.name());
    }
    return value;
  }

  /** Bound DEFAULT expressions per slot (null: no default); an identity column's is its sequence's nextval. */
  private static Expr[] defaults(TableDef table, ParamTypes params) {
    Expr[] out = new Expr[table.columns().size()];
    for (int s = 0; s < out.length; s++) {
      ColumnDef d = table.column(s);
      if (d.identity() != null) {
        String regclass = "'" + quoteIdent(d.ownedSequence()).replace("'", "''") + "'";
        out[s] = bindDefault(new ColumnDef(d.id(), d.name(), d.type(), d.typmod(), d.notNull(), "nextval(" + regclass + ")",
            false), params);
        continue;
      }
      if (d.defaultSql() == null) continue;
      out[s] = bindDefault(d, params);
    }
    return out;
  }

  public static Expr bindDefault(ColumnDef d, ParamTypes params) {
    Expression x;
    try {
      x = CCJSqlParserUtil.parseExpression(d.defaultSql(), false);
    } catch (JSQLParserException ex) {
      throw Errors.defaultExpressionSyntax(d.name());
    }
    Binder b = new Binder(null, null, params);
    Expr e;
    try {
      e = assignment(b, x, d, "DEFAULT expressions");
    } catch (DbException ex) {
      if (ex.state() == SqlState.UNDEFINED_COLUMN) {
        throw Errors.columnReferenceInDefault();
      }
      throw ex;
    }
    if (e instanceof Exprs.Param) throw Errors.parameterInDefault();
    return e;
  }

  private static Plan update(Update u, TableDef table, ParamTypes params, Map<String, TableDef> tables,
      RelPlanner.Shared shared) {
    if (u.getStartJoins() != null && !u.getStartJoins().isEmpty()) throw Errors.unsupported("UPDATE with JOIN before SET");
    if (u.getFromItem() == null && u.getJoins() != null && !u.getJoins().isEmpty()) throw Errors.unsupported("UPDATE with JOIN");
    if (shared == null && u.getWithItemsList() != null && !u.getWithItemsList().isEmpty()) {
      throw Errors.internal("UPDATE with WITH planned without its WITH queries");
    }
    if (u.getOrderByElements() != null || u.getLimit() != null) throw Errors.unsupported("UPDATE ... ORDER BY/LIMIT");
    String qualifier = u.getTable().getAlias() != null ? Binder.ident(u.getTable().getAlias().getName()) : org.opendsql.sql.catalog.QualifiedNames.relname(table.name());
    RelPlanner.DmlSource src = tables == null ? null
        : RelPlanner.dmlSource(table, qualifier, u.getFromItem(), u.getJoins(), null, u.getWhere(), tables, params, shared);
    Binder b = src != null ? src.binder() : new Binder(table, qualifier, params);
    List<Integer> slots = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    Expr[] defs = defaults(table, params);
    for (UpdateSet set : u.getUpdateSets()) {
      List<Expression> sources = new ArrayList<>(set.getValues());
      RelQuery rowSource = null;
      if (sources.size() == 1 && RowBinder.isRow(sources.get(0))) {
        sources = RowBinder.items(sources.get(0));
      } else if (sources.size() == 1 && RowBinder.unwrap(sources.get(0)) instanceof Select sub && set.getColumns().size() > 1) {
        // SET (a, b) = (SELECT x, y ...): the subquery's one row, column by column.
        rowSource = b.subqueryOf(sub);
        if (rowSource.columns().size() != set.getColumns().size()) throw Errors.updateColumnCountMismatch();
      } else if (sources.size() == 1 && (set.getColumns().size() > 1
          || (set.getColumns() instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?>
              && !(RowBinder.unwrap(sources.get(0)) instanceof Select)))) {
        // SET (a) = (1) too: PostgreSQL wants a ROW() or a sub-SELECT after a parenthesized column list.
        throw Errors.multipleColumnUpdateSource();
      }
      if (rowSource == null && set.getColumns().size() != sources.size()) {
        throw Errors.updateColumnCountMismatch();
      }
      for (int i = 0; i < set.getColumns().size(); i++) {
        net.sf.jsqlparser.schema.Column target = set.getColumns().get(i);
        String n = Binder.ident(target.getColumnName());
        int s = table.slot(n);
        if (s < 0) {
          throw Errors.undefinedColumnOfRelation(n, table.name());
        }
        if (target.getArrayConstructor() != null) {
          if (rowSource != null) throw Errors.unsupported("subscripted assignment from a subquery");
          Expression x = sources.get(i);
          // SET a[i] = v, a[j] = w: each assignment works on the array the one before produced.
          int at = slots.indexOf(s);
          if (at >= 0 && !(values.get(at) instanceof org.opendsql.sql.expr.ArrayExprs.Assign)) throw Errors.multipleAssignments(n);
          ColumnDef d = table.column(s);
          Expr base = at >= 0 ? values.get(at) : b.bind(new net.sf.jsqlparser.schema.Column(quoteIdent(n)), null);
          Expr v = ArrayBinder.assignment(b, base, n, d.typmod(), new ArrayList<>(target.getArrayConstructor().getExpressions()), x);
          if (at >= 0) values.set(at, v);
          else {
            slots.add(s);
            values.add(v);
          }
          continue;
        }
        if (slots.contains(s)) throw Errors.multipleAssignments(n);
        slots.add(s);
        if (rowSource != null) {
          if (table.column(s).identity() == ColumnDef.Identity.ALWAYS) throw Errors.identityUpdate(n);
          Expr e = new RelExprs.RowColumn(rowSource, i);
          if (!org.opendsql.sql.expr.Values.assignable(e.type(), table.column(s).type())) {
            throw Errors.columnTypeMismatch(n, table.column(s).type().sqlName(), e.type().sqlName());
          }
          values.add(e);
          continue;
        }
        Expression x = sources.get(i);
        if (isDefaultKeyword(x)) {
          values.add(defs[s] != null ? defs[s] : new Exprs.Const(table.column(s).type(), null));
        } else {
          if (table.column(s).identity() == ColumnDef.Identity.ALWAYS) throw Errors.identityUpdate(n);
          values.add(assignment(b, x, table.column(s), "UPDATE"));
        }
      }
    }
    List<ColumnDesc> cols = new ArrayList<>();
    int[] setSlots = slots.stream().mapToInt(Integer::intValue).toArray();
    if (src != null) {
      List<Expr> ret = dmlReturning(u.getReturningClause(), b, cols);
      return new Plan.Update(table, null, setSlots, values, ret, cols, src.query());
    }
    Expr where = u.getWhere() == null ? null : b.bindCondition(u.getWhere(), "WHERE", false);
    List<Expr> ret = returning(u.getReturningClause(), table, qualifier, params, cols);
    return new Plan.Update(table, access(table, where), setSlots, values, ret, cols, null);
  }

  private static String quoteIdent(String n) {
    return "\"" + n.replace("\"", "\"\"") + "\"";
  }

  private static Plan delete(Delete d, TableDef table, ParamTypes params, Map<String, TableDef> tables,
      RelPlanner.Shared shared) {
    if (d.getJoins() != null && !d.getJoins().isEmpty()) throw Errors.unsupported("DELETE with JOIN");
    if (d.getTables() != null && !d.getTables().isEmpty()) throw Errors.unsupported("multi-table DELETE");
    if (shared == null && d.getWithItemsList() != null && !d.getWithItemsList().isEmpty()) {
      throw Errors.internal("DELETE with WITH planned without its WITH queries");
    }
    if (d.getOrderByElements() != null || d.getLimit() != null) throw Errors.unsupported("DELETE ... ORDER BY/LIMIT");
    String qualifier = d.getTable().getAlias() != null ? Binder.ident(d.getTable().getAlias().getName()) : org.opendsql.sql.catalog.QualifiedNames.relname(table.name());
    List<ColumnDesc> cols = new ArrayList<>();
    if (tables != null) {
      List<net.sf.jsqlparser.statement.select.FromItem> using = new ArrayList<>();
      if (d.getUsingFromItemList() != null) using.addAll(d.getUsingFromItemList());
      else if (d.getUsingList() != null) using.addAll(d.getUsingList());
      RelPlanner.DmlSource src = RelPlanner.dmlSource(table, qualifier, null, null, using, d.getWhere(), tables, params, shared);
      List<Expr> ret = dmlReturning(d.getReturningClause(), src.binder(), cols);
      return new Plan.Delete(table, null, ret, cols, src.query());
    }
    if (d.getUsingList() != null && !d.getUsingList().isEmpty()) throw Errors.internal("DELETE ... USING planned without its tables");
    Binder b = new Binder(table, qualifier, params);
    Expr where = d.getWhere() == null ? null : b.bindCondition(d.getWhere(), "WHERE", false);
    List<Expr> ret = returning(d.getReturningClause(), table, qualifier, params, cols);
    return new Plan.Delete(table, access(table, where), ret, cols, null);
  }

  private static List<Expr> dmlReturning(ReturningClause rc, Binder b, List<ColumnDesc> cols) {
    if (rc == null) return List.of();
    if (rc.getDataItems() != null && !rc.getDataItems().isEmpty()) throw Errors.unsupported("RETURNING ... INTO");
    List<Expr> out = RelPlanner.selectList(new ArrayList<>(rc), b, cols);
    if (b.sawAggregate()) throw Errors.aggregateNotAllowed("RETURNING");
    return out;
  }

  // ---------------------------------------------------------------- DDL

  private static final Set<String> SPEC_KEYWORDS = Set.of("not", "null", "primary", "unique", "check",
      "references", "constraint", "collate", "generated", "default");

  private static Plan createTable(CreateTable ct) {
    if (ct.getCreateOptionsStrings() != null) {
      for (String o : ct.getCreateOptionsStrings()) {
        String u = o.toUpperCase(Locale.ROOT);
        if (u.contains("TEMP")) throw Errors.unsupported("temporary tables");
        if (u.contains("UNLOGGED")) throw Errors.unsupported("unlogged tables");
        throw Errors.unsupported("CREATE " + o + " TABLE");
      }
    }
    if (ct.isUnlogged()) throw Errors.unsupported("unlogged tables");
    if (ct.getSelect() != null) throw Errors.unsupported("CREATE TABLE ... AS");
    if (ct.getLikeTable() != null) throw Errors.unsupported("CREATE TABLE ... LIKE");
    if (ct.getTableOptionsStrings() != null && !ct.getTableOptionsStrings().isEmpty()) {
      throw Errors.unsupported("table options " + String.join(" ", ct.getTableOptionsStrings()));
    }
    if (ct.getColumnDefinitions() == null || ct.getColumnDefinitions().isEmpty()) {
      throw Errors.unsupported("tables without columns");
    }
    String name = tableName(ct.getTable());
    List<ColumnDef> cols = new ArrayList<>();
    List<String> pkNames = null;
    List<String[]> uniques = new ArrayList<>();
    // CHECK constraints as {name or null, expression text}: column ones first, as PostgreSQL names them.
    List<String[]> checkSpecs = new ArrayList<>();
    List<Plan.IdentitySequence> identities = new ArrayList<>();
    List<Plan.ForeignKey> foreignKeys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ColumnDefinition cd : ct.getColumnDefinitions()) {
      String cname = Binder.ident(cd.getColumnName());
      if (!seen.add(cname)) throw Errors.duplicateColumn(cname);
      TypeNames.Resolved t = TypeNames.resolve(Binder.typeText(cd.getColDataType()));
      boolean notNull = false;
      boolean pk = false;
      String def = null;
      String constraintName = null;
      Object[] identity = null;
      List<String> specs = cd.getColumnSpecs() == null ? List.of() : cd.getColumnSpecs();
      for (int i = 0; i < specs.size(); i++) {
        String s = specs.get(i).toLowerCase(Locale.ROOT);
        if (s.equals("not") && i + 1 < specs.size() && specs.get(i + 1).equalsIgnoreCase("null")) {
          notNull = true;
          i++;
        } else if (s.equals("null")) {
          notNull = false;
        } else if (s.equals("primary") && i + 1 < specs.size() && specs.get(i + 1).equalsIgnoreCase("key")) {
          if (pkNames != null) throw Errors.multiplePrimaryKeys(name);
          pkNames = List.of(cname);
          pk = true;
          i++;
        } else if (s.equals("default")) {
          StringBuilder sb = new StringBuilder();
          while (i + 1 < specs.size() && !SPEC_KEYWORDS.contains(specs.get(i + 1).toLowerCase(Locale.ROOT))) {
            sb.append(specs.get(++i)).append(' ');
          }
          def = sb.toString().trim();
        } else if (s.equals("unique")) {
          uniques.add(new String[] {null, cname});
        } else if (s.startsWith("references")) {
          foreignKeys.add(ForeignKeySyntax.columnReference(constraintName, cname, specs.get(i)));
          constraintName = null;
        } else if (s.equals("check") && i + 1 < specs.size()) {
          checkSpecs.add(new String[] {constraintName, unparenthesized(specs.get(++i))});
          constraintName = null;
        } else if (s.startsWith("generated")) {
          identity = identity(specs.get(i), t.type());
        } else if (s.equals("collate")) {
          throw Errors.unsupported("COLLATE");
        } else if (s.equals("constraint") && i + 1 < specs.size()) {
          constraintName = Binder.ident(specs.get(++i));
        } else {
          throw Errors.unsupported("column option " + specs.get(i));
        }
      }
      if (identity != null) {
        if (def != null) throw Errors.identityWithDefault(cname, name);
        identities.add(new Plan.IdentitySequence(cols.size(), (org.opendsql.sql.catalog.SequenceDef) identity[1]));
        cols.add(new ColumnDef(cols.size() + 1, cname, t.type(), t.typmod(), true, null, false,
            (ColumnDef.Identity) identity[0], null));
      } else {
        cols.add(new ColumnDef(cols.size() + 1, cname, t.type(), t.typmod(), notNull || pk, def, false));
      }
    }
    if (ct.getIndexes() != null) {
      for (Index ix : ct.getIndexes()) {
        String type = ix.getType() == null ? "" : ix.getType().toUpperCase(Locale.ROOT);
        if (type.equals("PRIMARY KEY")) {
          if (pkNames != null) throw Errors.multiplePrimaryKeys(name);
          pkNames = new ArrayList<>();
          for (String n : ix.getColumnsNames()) pkNames.add(Binder.ident(n));
        } else if (type.contains("UNIQUE")) {
          List<String> u = new ArrayList<>();
          u.add(ix.getName() == null ? null : Binder.ident(ix.getName()));
          for (String n : ix.getColumnsNames()) u.add(Binder.ident(n));
          uniques.add(u.toArray(new String[0]));
        } else if (ix instanceof net.sf.jsqlparser.statement.create.table.ForeignKeyIndex f) {
          List<String> columns = new ArrayList<>();
          for (String n : f.getColumnsNames()) columns.add(Binder.ident(n));
          List<String> refs = null;
          if (f.getReferencedColumnNames() != null && !f.getReferencedColumnNames().isEmpty()) {
            refs = new ArrayList<>();
            for (String n : f.getReferencedColumnNames()) refs.add(Binder.ident(n));
          }
          foreignKeys.add(new Plan.ForeignKey(f.getName() == null ? null : Binder.ident(f.getName()), columns,
              tableName(f.getTable()), refs, referentialAction(f.getOnDeleteReferenceOption()),
              referentialAction(f.getOnUpdateReferenceOption())));
        } else if (ix instanceof net.sf.jsqlparser.statement.create.table.CheckConstraint cc) {
          checkSpecs.add(new String[] {cc.getName() == null ? null : Binder.ident(cc.getName()), cc.getExpression().toString()});
        } else {
          throw Errors.unsupported("table constraint " + ix);
        }
      }
    }
    int[] pk;
    boolean hidden = pkNames == null;
    if (hidden) {
      cols.add(new ColumnDef(cols.size() + 1, "__opendsql_rowid", PgType.INT8, -1, true, null, true));
      pk = new int[] {cols.size() - 1};
    } else {
      pk = new int[pkNames.size()];
      for (int i = 0; i < pk.length; i++) {
        String n = pkNames.get(i);
        int s = -1;
        for (int j = 0; j < cols.size(); j++) if (cols.get(j).name().equals(n)) s = j;
        if (s < 0) throw Errors.undefinedKeyColumn(n);
        for (int j = 0; j < i; j++) {
          if (pk[j] == s) throw Errors.duplicateKeyColumn(n);
        }
        pk[i] = s;
        ColumnDef c = cols.get(s);
        if (c.type() == PgType.JSON) throw Errors.noDefaultBtreeOperatorClass(c.type().sqlName());
        if (isJson(c.type())) throw Errors.unsupported(c.type().sqlName() + " as primary key columns");
        cols.set(s, new ColumnDef(c.id(), c.name(), c.type(), c.typmod(), true, c.defaultSql(), false, c.identity(), null));
      }
    }
    ParamTypes noParams = new ParamTypes(null);
    for (ColumnDef c : cols) {
      if (c.defaultSql() == null) continue;
      Expr e = bindDefault(c, noParams);
      if (e instanceof Exprs.Const k && k.value() != null) {
        org.opendsql.sql.expr.Values.cast(k.eval(new EvalContext(new Object[0], null, null, null)), k.type(), c.type(), c.typmod(), false);
      }
    }
    List<org.opendsql.sql.catalog.IndexDef> indexes = new ArrayList<>();
    for (String[] u : uniques) {
      int[] keys = new int[u.length - 1];
      StringBuilder auto = new StringBuilder(org.opendsql.sql.catalog.QualifiedNames.relname(name));
      for (int i = 1; i < u.length; i++) {
        int s = -1;
        for (int j = 0; j < cols.size(); j++) if (cols.get(j).name().equals(u[i]) && !cols.get(j).hidden()) s = j;
        if (s < 0) throw Errors.undefinedKeyColumn(u[i]);
        if (cols.get(s).type() == PgType.JSON) throw Errors.noDefaultBtreeOperatorClass(cols.get(s).type().sqlName());
        if (isJson(cols.get(s).type())) throw Errors.unsupported(cols.get(s).type().sqlName() + " in unique constraints");
        keys[i - 1] = s;
        auto.append('_').append(u[i]);
      }
      if (keys.length > org.opendsql.sql.catalog.IndexDef.MAX_KEY_COLUMNS) {
        throw Errors.tooManyIndexColumns(org.opendsql.sql.catalog.IndexDef.MAX_KEY_COLUMNS);
      }
      String ixName = u[0] != null ? u[0] : uniqueName(auto.append("_key").toString(), indexes);
      indexes.add(new org.opendsql.sql.catalog.IndexDef(TableDef.PRIMARY_INDEX + 1 + indexes.size(), ixName, keys, new int[0], true, true));
    }
    TableDef draft = new TableDef(0, name, cols, pk, hidden, indexes);
    List<org.opendsql.sql.catalog.CheckDef> checks = new ArrayList<>();
    for (String[] c : checkSpecs) checks.add(namedCheck(draft, c[0], c[1], checks, indexes));
    for (Plan.ForeignKey f : foreignKeys) {
      for (String c : f.columns()) {
        if (cols.stream().noneMatch(d -> !d.hidden() && d.name().equals(c))) throw Errors.undefinedForeignKeyColumn(c);
      }
      if (f.parentColumns() != null && f.parentColumns().size() != f.columns().size()) throw Errors.foreignKeyColumnCount();
    }
    return new Plan.CreateTable(name, ct.isIfNotExists(), cols, pk, hidden, indexes, checks, identities, foreignKeys);
  }

  /** A referential action as the parser spells it ("SET NULL", "CASCADE", ...; null: none) as pg_constraint's letter. */
  private static char referentialAction(String words) {
    if (words == null || words.isBlank()) return 'a';
    return ForeignKeySyntax.action(ForeignKeySyntax.tokens(words), new int[] {0});
  }

  private static String unparenthesized(String s) {
    String t = s.trim();
    return t.startsWith("(") && t.endsWith(")") ? t.substring(1, t.length() - 1).trim() : t;
  }

  /**
   * A CHECK constraint of {@code table}, bound once to prove it is a boolean over the table's
   * columns, named {@code name} or as PostgreSQL names it: table_column_check when it reads one
   * column, else table_check, numbered until free.
   */
  public static org.opendsql.sql.catalog.CheckDef namedCheck(TableDef table, String name, String sql,
      List<org.opendsql.sql.catalog.CheckDef> taken, List<org.opendsql.sql.catalog.IndexDef> indexes) {
    Expr e = bindCheck(table, sql);
    Set<String> used = new HashSet<>();
    for (org.opendsql.sql.catalog.CheckDef c : taken) used.add(c.name());
    for (org.opendsql.sql.catalog.IndexDef ix : indexes) used.add(ix.name());
    if (name != null) {
      if (used.contains(name)) throw Errors.duplicateConstraint(name, table.name());
      return new org.opendsql.sql.catalog.CheckDef(name, sql);
    }
    java.util.TreeSet<Integer> slots = new java.util.TreeSet<>();
    referencedSlots(e, slots);
    String stem = org.opendsql.sql.catalog.QualifiedNames.relname(table.name()) + (slots.size() == 1 ? "_" + table.column(slots.first()).name() : "") + "_check";
    String candidate = stem;
    for (int k = 1; used.contains(candidate); k++) candidate = stem + k;
    return new org.opendsql.sql.catalog.CheckDef(candidate, sql);
  }

  /** A CHECK expression bound to the table's row: boolean, no subqueries, aggregates or parameters. */
  public static Expr bindCheck(TableDef table, String sql) {
    Expression x;
    try {
      x = CCJSqlParserUtil.parseExpression(sql, false);
    } catch (JSQLParserException ex) {
      throw Errors.syntaxErrorAt(sql);
    }
    Expr e = new Binder(table, null, new ParamTypes(null)).bind(x, PgType.BOOL);
    if (e.type() != PgType.BOOL) throw Errors.checkNotBoolean(e.type().sqlName());
    return e;
  }

  /** The table slots an expression reads (every record component walked: for naming, not for safety). */
  private static void referencedSlots(Object e, Set<Integer> out) {
    if (e instanceof Exprs.ColumnRef c) {
      out.add(c.slot());
      return;
    }
    if (e instanceof List<?> list) {
      for (Object o : list) referencedSlots(o, out);
      return;
    }
    if (!(e instanceof Record r)) return;
    for (var rc : r.getClass().getRecordComponents()) {
      try {
        referencedSlots(rc.getAccessor().invoke(r), out);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException(ex);
      }
    }
  }

  private static final java.util.regex.Pattern SPEC_TOKEN =
      java.util.regex.Pattern.compile("\"(?:[^\"]|\"\")*\"|[-+]?\\d+|[A-Za-z_][A-Za-z_0-9$]*|\\S");

  /**
   * {@code GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(options)]}, which the parser keeps as one
   * column spec: the kind and the implicit sequence's definition (id and name still to come).
   * Expression-generated columns ({@code AS (expr) STORED}) are not supported.
   */
  private static Object[] identity(String spec, PgType type) {
    List<String> toks = new ArrayList<>();
    java.util.regex.Matcher m = SPEC_TOKEN.matcher(spec);
    while (m.find()) toks.add(m.group());
    int i = 1;
    ColumnDef.Identity kind;
    if (toks.size() > i && toks.get(i).equalsIgnoreCase("always")) {
      kind = ColumnDef.Identity.ALWAYS;
      i++;
    } else if (toks.size() > i + 1 && toks.get(i).equalsIgnoreCase("by") && toks.get(i + 1).equalsIgnoreCase("default")) {
      kind = ColumnDef.Identity.BY_DEFAULT;
      i += 2;
    } else {
      throw Errors.syntaxErrorAt(toks.size() > i ? toks.get(i) : spec);
    }
    if (toks.size() <= i + 1 || !toks.get(i).equalsIgnoreCase("as") || !toks.get(i + 1).equalsIgnoreCase("identity")) {
      throw Errors.unsupported("generated columns");
    }
    i += 2;
    List<String> options = new ArrayList<>();
    if (i < toks.size()) {
      if (!toks.get(i).equals("(") || !toks.get(toks.size() - 1).equals(")")) throw Errors.syntaxErrorAt(toks.get(i));
      options.addAll(toks.subList(i + 1, toks.size() - 1));
    }
    if (type != PgType.INT2 && type != PgType.INT4 && type != PgType.INT8) throw Errors.sequenceType(true);
    SequenceOptions o = SequenceOptions.parse(options, false, true);
    return new Object[] {kind, o.create(0, null, type)};
  }

  /** PostgreSQL's rule for generated names: a number appended until the name is free. */
  public static String uniqueName(String base, List<org.opendsql.sql.catalog.IndexDef> taken) {
    String stem = base.substring(0, base.length() - "_key".length());
    for (int k = 0; ; k++) {
      String candidate = k == 0 ? base : stem + "_key" + k;
      if (taken.stream().noneMatch(x -> x.name().equals(candidate))) return candidate;
    }
  }

  /** CREATE INDEX [ASYNC]; {@code include}: the INCLUDE list, which the parser does not keep. */
  public static Plan createIndex(net.sf.jsqlparser.statement.create.index.CreateIndex ci, List<String> include,
      boolean async) {
    net.sf.jsqlparser.statement.create.table.Index ix = ci.getIndex();
    String using = ix.getUsing() == null ? "btree" : ix.getUsing().toLowerCase(Locale.ROOT);
    if (!using.equals("btree")) throw Errors.unsupported("index access method " + using);
    if (ci.getTailParameters() != null && !ci.getTailParameters().isEmpty()) {
      throw Errors.unsupported("CREATE INDEX " + String.join(" ", ci.getTailParameters()));
    }
    String type = ix.getType() == null ? "" : ix.getType().toUpperCase(Locale.ROOT);
    if (!type.isEmpty() && !type.equals("UNIQUE")) throw Errors.unsupported("CREATE " + type + " INDEX");
    List<String> cols = new ArrayList<>();
    for (net.sf.jsqlparser.statement.create.table.Index.ColumnParams c : ix.getColumns()) {
      String n = c.getColumnName().trim();
      String[] words = n.split("\\s+");
      if (words.length > 1 && words.length <= 3 && words[0].matches("\"?[A-Za-z_][A-Za-z0-9_$]*\"?")) {
        // ASC / DESC / NULLS FIRST|LAST: entries are kept ascending; ranges and equality use them alike.
        n = words[0];
      }
      if (!n.matches("\"?[A-Za-z_][A-Za-z0-9_$ ]*\"?") || c.getParams() != null) {
        throw Errors.unsupported("expression indexes");
      }
      cols.add(Binder.ident(n));
    }
    if (cols.size() > org.opendsql.sql.catalog.IndexDef.MAX_KEY_COLUMNS) {
      throw Errors.tooManyIndexColumns(org.opendsql.sql.catalog.IndexDef.MAX_KEY_COLUMNS);
    }
    String name = ix.getName() == null ? null : Binder.ident(ix.getName());
    return new Plan.CreateIndex(tableName(ci.getTable()), name, type.equals("UNIQUE"), cols, include, ci.isUsingIfNotExists(),
        async);
  }

  private static Plan createView(net.sf.jsqlparser.statement.create.view.CreateView cv) {
    if (cv.isMaterialized()) throw Errors.unsupported("materialized views");
    if (cv.isRecursive()) throw Errors.unsupported("recursive views");
    if (cv.getTemporary() != null && cv.getTemporary() != net.sf.jsqlparser.statement.create.view.TemporaryOption.NONE) {
      throw Errors.unsupported("temporary views");
    }
    if (cv.getCheckOption() != null) throw Errors.unsupported("WITH CHECK OPTION");
    if (cv.getSelect() == null) throw Errors.syntaxErrorAtEnd();
    List<String> columns = null;
    if (cv.getColumnNames() != null && !cv.getColumnNames().isEmpty()) {
      columns = new ArrayList<>();
      for (net.sf.jsqlparser.schema.Column c : cv.getColumnNames()) columns.add(Binder.ident(c.getColumnName()));
    }
    return new Plan.CreateView(tableName(cv.getView()), cv.isOrReplace(), columns, cv.getSelect(), cv.getSelect().toString());
  }

  private static Plan createSchema(net.sf.jsqlparser.statement.create.schema.CreateSchema cs) {
    if (cs.getStatements() != null && !cs.getStatements().isEmpty()) throw Errors.unsupported("CREATE SCHEMA with schema elements");
    if (cs.getSchemaPath() != null && cs.getSchemaPath().size() > 1) throw Errors.unsupported("cross-database references");
    String authorization = cs.getAuthorization() == null ? null : Binder.ident(cs.getAuthorization());
    String name = cs.getSchemaName() != null ? Binder.ident(cs.getSchemaName()) : authorization;
    if (name == null) throw Errors.syntaxErrorAtEnd();
    return new Plan.CreateSchema(name, cs.hasIfNotExists(), authorization);
  }

  private static Plan drop(Drop d) {
    if ("SCHEMA".equalsIgnoreCase(d.getType())) {
      for (String p : d.getParameters() == null ? List.<String>of() : d.getParameters()) {
        if (p.equalsIgnoreCase("CASCADE")) throw Errors.unsupported("DROP SCHEMA ... CASCADE");
        if (!p.equalsIgnoreCase("RESTRICT")) throw Errors.unsupported("DROP SCHEMA " + p);
      }
      if (d.getNames() != null && d.getNames().size() > 1) throw Errors.unsupported("dropping several schemas in one statement");
      return new Plan.DropSchema(Binder.ident(d.getName().getFullyQualifiedName()), d.isIfExists());
    }
    if ("VIEW".equalsIgnoreCase(d.getType())) {
      if (d.getParameters() != null && d.getParameters().stream().anyMatch(x -> x.equalsIgnoreCase("CASCADE"))) {
        throw Errors.unsupported("DROP VIEW ... CASCADE");
      }
      List<String> names = new ArrayList<>();
      for (Table t : d.getNames() != null && !d.getNames().isEmpty() ? d.getNames() : List.of(d.getName())) {
        names.add(tableName(t));
      }
      return new Plan.DropView(names, d.isIfExists());
    }
    if ("INDEX".equalsIgnoreCase(d.getType())) {
      if (d.getParameters() != null && !d.getParameters().isEmpty()) {
        throw Errors.unsupported("DROP INDEX " + String.join(" ", d.getParameters()));
      }
      if (d.getNames() != null && d.getNames().size() > 1) throw Errors.unsupported("dropping several indexes in one statement");
      return new Plan.DropIndex(tableName(d.getName()), d.isIfExists());
    }
    if (!"TABLE".equalsIgnoreCase(d.getType())) throw Errors.unsupported("DROP " + d.getType());
    if (d.getParameters() != null && !d.getParameters().isEmpty()) {
      throw Errors.unsupported("DROP TABLE " + String.join(" ", d.getParameters()));
    }
    if (d.getNames() != null && d.getNames().size() > 1) throw Errors.unsupported("dropping several tables in one statement");
    return new Plan.DropTable(tableName(d.getName()), d.isIfExists());
  }

  /** json and jsonb have no key encoding: they cannot be primary key, unique or index key columns. */
  static boolean isJson(PgType t) {
    PgType e = t.isArray() ? t.elementType() : t;
    return e == PgType.JSON || e == PgType.JSONB;
  }
}
