package org.opendsql.sql;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.QuerySession;
import org.opendsql.core.time.Hlc;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.TimeZones;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.QualifiedNames;
import org.opendsql.sql.catalog.SessionFacts;
import org.opendsql.sql.catalog.SystemRelations;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.sql.config.Settings;
import org.opendsql.sql.config.StartupOptions;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.exec.AdvisoryLocks;
import org.opendsql.sql.exec.Cursors;
import org.opendsql.sql.exec.Executor;
import org.opendsql.sql.exec.Txn;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.ParamTypes;
import org.opendsql.sql.parse.FrontParser;
import org.opendsql.sql.parse.IndexSyntax;
import org.opendsql.sql.parse.SqlParser;
import org.opendsql.sql.plan.Plan;
import org.opendsql.sql.plan.Binder;
import org.opendsql.sql.plan.Planner;
import org.opendsql.sql.plan.RelPlanner;

/**
 * One connection's SQL session over a {@link KvStore}. Not thread-safe: the wire layer makes one
 * call at a time, as {@link QuerySession} requires.
 *
 * <p>State: {@code inBlock} after BEGIN until COMMIT/ROLLBACK; {@code txn} holds tau_start and
 * the write buffer, created lazily at the first statement (so a block's snapshot is taken by its
 * first real statement, as in PostgreSQL's REPEATABLE READ). Outside a block the statements up to
 * the client's next {@link #sync} form one implicit transaction, as PostgreSQL runs a simple
 * Query's statements, or the Executes before a Sync: a failing statement rolls back all of them,
 * BEGIN turns it into a block, COMMIT commits it.
 */
public final class SqlSession implements QuerySession {
  private final KvStore kv;
  private final CatalogCache catalog;
  private final String user;
  private final String database;
  private final SqlConfig config;
  private final Settings settings;

  private Txn txn;
  private boolean inBlock;
  private boolean blockFailed;
  private boolean blockReadOnly;
  private volatile boolean cancelRequested;
  private String zoneSetting;
  /**
   * Statements this session prepared, by text and declared parameter types: a repeated text is
   * parsed and planned once. Safe to reuse because every execution re-checks the tables a plan
   * was bound to ({@link #replanIfStale}) and plans fold nothing that depends on session settings.
   */
  private final Map<String, SqlPrepared> prepared = new java.util.LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, SqlPrepared> eldest) {
      return size() > config.statementCacheSize();
    }
  };
  private ZoneId zone;

  public SqlSession(KvStore kv, CatalogCache catalog, String user, String database) {
    this(kv, catalog, user, database, SqlConfig.DEFAULT);
  }

  public SqlSession(KvStore kv, CatalogCache catalog, String user, String database, SqlConfig config) {
    this.kv = kv;
    this.catalog = catalog;
    this.user = user;
    this.database = database;
    this.config = config;
    this.settings = new Settings(user);
    this.sequences = new org.opendsql.sql.exec.Sequences(kv);
  }

  /**
   * Applies startup-packet parameters (application_name, TimeZone, ...); refuses bad ones. The
   * reported ones among them are drained with the first {@link #drainParameterChanges()}, after
   * the wire's defaults, so the client ends up with the session's values.
   */
  public void applyStartupParameters(Map<String, String> params) {
    params.forEach((k, v) -> {
      if (k.equals("options")) {
        StartupOptions.parse(v).forEach((name, value) -> settings.set(name, value, false));
      } else if (!k.equals("user") && !k.equals("database") && !k.equals("replication")) {
        settings.set(k, v, false);
      }
    });
  }

  // ---------------------------------------------------------------- prepare

  @Override
  public CompletionStage<Prepared> prepare(String sql, int[] declaredParamOids) {
    try {
      String key = declaredParamOids == null || declaredParamOids.length == 0 ? sql
          : sql + '\u0000' + java.util.Arrays.toString(declaredParamOids);
      SqlPrepared cached = prepared.get(key);
      if (cached != null) {
        if (!endsFailure(cached.plan())) checkNotFailed();
        if (cached.statement() == null) return done(cached);
        // A table it reads may have changed since (ALTER TABLE): the statement is planned again.
        return replanIfStale(cached, cached.plan(), catalogTs()).thenApply(current -> {
          if (current == cached.plan()) return (Prepared) cached;
          SqlPrepared fresh = new SqlPrepared(cached.sql(), cached.statement(), current, cached.paramTypes(),
              cached.declaredOids());
          prepared.put(key, fresh);
          return (Prepared) fresh;
        }).exceptionallyCompose(this::failStatement);
      }
      Plan front = FrontParser.parse(sql);
      if (front != null) {
        if (!endsFailure(front)) checkNotFailed();
        String text = front instanceof Plan.Empty ? "" : sql;
        return done(new SqlPrepared(text, null, front, List.of(), declaredParamOids));
      }
      checkNotFailed();
      Plan alter = org.opendsql.sql.parse.AlterSyntax.parse(sql);
      if (alter != null) return done(new SqlPrepared(sql, null, alter, List.of(), declaredParamOids));
      IndexSyntax.Split index = IndexSyntax.split(sql);
      if (index != null) {
        if (index.nullsNotDistinct()) throw Errors.unsupported("NULLS NOT DISTINCT");
        Statement ci = SqlParser.parseOne(index.sql(), config.maxNestingDepth());
        List<String> include = index.include().stream().map(org.opendsql.sql.plan.Binder::ident).toList();
        Plan p = Planner.createIndex((net.sf.jsqlparser.statement.create.index.CreateIndex) ci, include, index.async());
        return done(new SqlPrepared(sql, ci, p, List.of(), declaredParamOids));
      }
      Statement st = SqlParser.parseOne(sql, config.maxNestingDepth());
      if (st == null) return done(new SqlPrepared("", null, new Plan.Empty(), List.of(), declaredParamOids));
      return plan(st, declaredParamOids, catalogTs())
          .thenApply(r -> {
            SqlPrepared p = new SqlPrepared(sql, st, r.plan, r.params.finish(), declaredParamOids);
            prepared.put(key, p);
            return (Prepared) p;
          })
          .exceptionallyCompose(this::failStatement);
    } catch (DbException | StackOverflowError e) {
      return failStatement(e);
    }
  }

  private record Planned(Plan plan, ParamTypes params) {}

  private CompletionStage<Planned> plan(Statement st, int[] oids, long readTs) {
    if (st instanceof net.sf.jsqlparser.statement.ExplainStatement explain) {
      boolean analyze = explainOptions(explain);
      return plan(explain.getStatement(), oids, readTs)
          .thenApply(r -> new Planned(new Plan.Explain(r.plan, analyze), r.params));
    }
    ParamTypes params = new ParamTypes(oids);
    Plan advisoryCall = org.opendsql.sql.plan.AdvisoryCalls.plan(st, params);
    if (advisoryCall != null) return done(new Planned(advisoryCall, params));
    Plan jobCall = org.opendsql.sql.plan.JobCalls.plan(st, params);
    if (jobCall != null) return done(new Planned(jobCall, params));
    if (RelPlanner.isModifyingWith(st)) {
      java.util.Set<String> names = Planner.relationNames(st);
      names.addAll(RelPlanner.writtenTables(st));
      return lookupAll(names, readTs).thenApply(defs -> new Planned(RelPlanner.planModifying(st, defs, params), params));
    }
    if (st instanceof Select sel && (Planner.needsRelational(sel) || readsSystemRelation(sel))) {
      return lookupAll(Planner.relationNames(sel), readTs)
          .thenApply(defs -> new Planned(RelPlanner.plan(sel, defs, params), params));
    }
    Table target = Planner.targetTable(st);
    if (target == null) return done(new Planned(Planner.plan(st, null, params), params));
    String name = Planner.tableName(target);
    if (SystemRelations.find(name) != null) throw Errors.systemCatalogWrite(Binder.ident(target.getName()));
    if (Planner.dmlNeedsRelational(st)) {
      java.util.Set<String> names = Planner.relationNames(st);
      names.add(name);
      return lookupAll(names, readTs).thenApply(defs -> {
        TableDef def = defs.get(name);
        if (def == null) throw Errors.undefinedRelation(name);
        if (def.isView()) throw Errors.unsupported(verb(st) + " on a view");
        return new Planned(Planner.planDml(st, def, defs, params), params);
      });
    }
    return lookup(name, readTs).thenCompose(def -> {
      if (def == null) throw Errors.undefinedRelation(name);
      if (def.isView()) {
        if (!(st instanceof Select sel)) throw Errors.unsupported(verb(st) + " on a view");
        java.util.Set<String> names = Planner.relationNames(sel);
        return lookupAll(names, readTs).thenApply(defs -> new Planned(RelPlanner.plan(sel, defs, params), params));
      }
      return done(new Planned(Planner.plan(st, def, params), params));
    });
  }

  /** EXPLAIN's options: whether to ANALYZE; FORMAT other than TEXT and plan-only options are refused. */
  private static boolean explainOptions(net.sf.jsqlparser.statement.ExplainStatement explain) {
    if (explain.getStatement() == null) throw Errors.unsupported("EXPLAIN of a table");
    boolean analyze = false;
    if (explain.getOptions() != null) {
      for (var o : explain.getOptions().values()) {
        String v = o.getValue() == null ? "" : o.getValue().trim().toLowerCase(java.util.Locale.ROOT);
        boolean on = v.isEmpty() || v.equals("true") || v.equals("on") || v.equals("1");
        switch (o.getType()) {
          case ANALYZE -> analyze = on;
          case FORMAT -> {
            if (!v.equals("text")) throw Errors.unsupported("EXPLAIN (FORMAT " + v.toUpperCase(java.util.Locale.ROOT) + ")");
          }
          case VERBOSE, COSTS, BUFFERS, TIMING, SUMMARY, SETTINGS, WAL -> {
            // These only choose what PostgreSQL prints; the plan here has no costs or buffers to show.
          }
          default -> throw Errors.unsupported("EXPLAIN option " + o.getType());
        }
      }
    }
    return analyze;
  }

  /** Each name's table, or null for names the catalog lacks (they may be WITH queries). */
  private CompletionStage<Map<String, TableDef>> lookupAll(java.util.Set<String> names, long readTs) {
    Map<String, TableDef> out = new java.util.HashMap<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(names);
    return org.opendsql.core.kv.AsyncLoop.loop(() -> {
      String n = todo.poll();
      if (n == null) return done(false);
      if (out.containsKey(n)) return done(true);
      return lookup(n, readTs).thenApply(def -> {
        out.put(n, def);
        // A view's query names relations of its own: the statement needs them too.
        if (def != null && def.isView() && out.size() < 10_000) todo.addAll(Executor.viewRelations(def));
        return true;
      });
    }).thenApply(v -> out);
  }

  private static String verb(Statement st) {
    return st instanceof net.sf.jsqlparser.statement.insert.Insert ? "INSERT"
        : st instanceof net.sf.jsqlparser.statement.update.Update ? "UPDATE"
        : st instanceof net.sf.jsqlparser.statement.delete.Delete ? "DELETE" : "this statement";
  }

  /** Whether a query reads a pg_catalog or information_schema relation (which only the relational engine reads). */
  private static boolean readsSystemRelation(Select sel) {
    for (String n : Planner.relationNames(sel)) if (SystemRelations.find(n) != null) return true;
    return false;
  }

  /**
   * The table as this transaction sees it: its own uncommitted DDL first, then the cache. A
   * system relation's name ({@code pg_catalog.pg_class}) is its fixed definition.
   */
  private CompletionStage<TableDef> lookup(String name, long readTs) {
    SystemRelations.Def system = SystemRelations.find(name);
    if (system != null) return done(system.table());
    if (QualifiedNames.isQualified(name)) return lookupExact(QualifiedNames.canonical(name), readTs);
    String path = settings.get("search_path");
    if (path.equals(DEFAULT_SEARCH_PATH) && !user.equals(QualifiedNames.PUBLIC)) {
      // The common case: only public can hold the name unless a schema is named as the user.
      return catalog.schemas(readTs).thenCompose(schemas -> schemas.contains(user)
          ? firstFound(List.of(user + "." + name, name).iterator(), readTs) : lookupExact(name, readTs));
    }
    return catalog.schemas(readTs).thenCompose(schemas -> {
      List<String> relationSchemas = new SessionFacts(user, database, SessionFacts.listedSchemas(path, user, schemas),
          List.of()).relationSchemas();
      return firstFound(QualifiedNames.candidates(name, relationSchemas).iterator(), readTs);
    });
  }

  private static final String DEFAULT_SEARCH_PATH = "\"$user\", public";

  /** The first of {@code candidates} (catalog names, in search-path order) that exists, or null. */
  private CompletionStage<TableDef> firstFound(java.util.Iterator<String> candidates, long readTs) {
    if (!candidates.hasNext()) return done(null);
    return lookupExact(candidates.next(), readTs).thenCompose(def -> def != null ? done(def) : firstFound(candidates, readTs));
  }

  /** The relation with catalog name {@code name}: this transaction's own DDL first, then the cache. */
  private CompletionStage<TableDef> lookupExact(String name, long readTs) {
    if (txn != null) {
      byte[] own = txn.buffered(CatalogKeys.tableKey(name));
      if (own == Txn.TOMBSTONE) return done(null);
      if (own != null) return done(TableDef.deserialize(own));
    }
    return catalog.find(name, readTs);
  }

  private long catalogTs() {
    return txn != null ? txn.tauStart() : kv.now();
  }

  // ---------------------------------------------------------------- execute

  @Override
  public CompletionStage<Cursor> execute(Prepared statement, Object[] params) {
    cancelRequested = false;
    SqlPrepared p = (SqlPrepared) statement;
    Object[] args = params == null ? new Object[0] : params;
    Plan plan = p.plan();
    try {
      if (plan instanceof Plan.Empty) return done(Cursors.list(List.of(), List.of(), ""));
      if (plan instanceof Plan.Txn t) return transactionControl(t);
      if (plan instanceof Plan.Savepoint s) return savepoint(s);
      checkNotFailed();
      if (plan instanceof Plan.Set s) return done(set(s));
      if (plan instanceof Plan.Show s) return done(show(s));
      boolean first = txn == null;
      if (first) {
        txn = new Txn(kv.now(), inBlock, blockReadOnly, config);
      } else {
        checkAge(txn);
      }
      Txn t = txn;
      boolean sequenced = mayUseSequences(p, plan);
      if (sequenced) sequences.beginStatement();
      return replanIfStale(p, plan, t.tauStart())
          .thenCompose(current -> {
            // The client was told the statement's columns when it was described.
            if (current != plan && !current.columns().equals(plan.columns())) throw Errors.cachedPlanChangedResultType();
            return sequenced ? runSequenced(current, t, args, p.readsCatalog(), 0) : run(current, t, args, false, p.readsCatalog());
          })
          .exceptionallyCompose(this::failStatement);
    } catch (DbException | StackOverflowError e) {
      return failStatement(e);
    }
  }

  /** Re-plans when the table's definition changed since prepare (dropped and re-created, ...). */
  private CompletionStage<Plan> replanIfStale(SqlPrepared p, Plan plan, long readTs) {
    if (plan instanceof Plan.Explain e) {
      // EXPLAIN shows the plan the statement would run with now: an index that became valid since is in it.
      return replanIfStale(p, e.inner(), readTs).thenCompose(inner -> inner == e.inner() ? done(plan)
          : plan(p.statement(), p.declaredOids(), readTs).thenApply(Planned::plan));
    }
    if (plan instanceof Plan.Query || plan instanceof Plan.ModifyingWith) {
      List<TableDef> used = new java.util.ArrayList<>();
      tablesOf(plan, used);
      java.util.Set<String> names = new java.util.TreeSet<>();
      for (TableDef d : used) names.add(d.name());
      return lookupAll(names, readTs).thenCompose(defs -> {
        for (TableDef d : used) {
          TableDef now = defs.get(d.name());
          if (now != d && (now == null || !java.util.Arrays.equals(now.serialize(), d.serialize()))) {
            return plan(p.statement(), p.declaredOids(), readTs).thenApply(Planned::plan);
          }
        }
        return done(plan);
      });
    }
    if (plan.table() == null) return done(plan);
    return lookup(plan.table().name(), readTs).thenCompose(def -> {
      if (def == plan.table()) return done(plan);
      if (def == null) {
        throw Errors.undefinedRelation(plan.table().name());
      }
      if (def.id() == plan.table().id() && java.util.Arrays.equals(def.serialize(), plan.table().serialize())) {
        return done(plan);
      }
      return plan(p.statement(), p.declaredOids(), readTs).thenApply(Planned::plan);
    });
  }

  /** Every table a plan was bound to: its scans' and its DML targets'. */
  private static void tablesOf(Plan plan, List<TableDef> out) {
    if (plan instanceof Plan.Query q) {
      for (org.opendsql.sql.plan.Rel.Scan s : q.scans()) out.add(s.table());
      out.addAll(q.views());
    } else if (plan instanceof Plan.ModifyingWith w) {
      for (org.opendsql.sql.plan.Rel.Scan s : w.scans()) out.add(s.table());
      for (Plan.ModifyingStep step : w.steps()) tablesOf(step.dml(), out);
      tablesOf(w.main(), out);
    } else if (plan.table() != null) {
      out.add(plan.table());
    }
  }

  /** How often one statement may need the store for its sequence functions before it gives up. */
  private static final int MAX_SEQUENCE_ROUNDS = 32;

  /**
   * Runs a statement that may call sequence functions: when one needs the store (a {@link
   * org.opendsql.sql.exec.Sequences.Shortfall}), the statement's writes are rolled back, the store
   * work is done without blocking, and the statement runs again.
   */
  private CompletionStage<Cursor> runSequenced(Plan plan, Txn t, Object[] args, boolean readsCatalog, int round) {
    Txn.Mark mark = t.mark();
    CompletionStage<Cursor> attempt;
    try {
      attempt = run(plan, t, args, true, readsCatalog);
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    return attempt.handle((cursor, err) -> {
      if (err == null) return done(cursor);
      Throwable cause = err;
      while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
      if (!(cause instanceof org.opendsql.sql.exec.Sequences.Shortfall shortfall) || round >= MAX_SEQUENCE_ROUNDS) {
        if (cause instanceof org.opendsql.sql.exec.Sequences.Shortfall) {
          return CompletableFuture.<Cursor>failedFuture(Errors.internal("sequence values could not be reserved"));
        }
        return CompletableFuture.<Cursor>failedFuture(cause);
      }
      t.restore(mark);
      sequences.retryStatement();
      return shortfall.resolve().thenCompose(v -> runSequenced(plan, t, args, readsCatalog, round + 1));
    }).thenCompose(c -> c);
  }

  /**
   * Whether a statement may call a sequence function: its text names one, or it writes a table
   * with a column whose default draws from a sequence. Over-approximating only costs a copy of the
   * write buffer and computing a SELECT's rows up front.
   */
  private static boolean mayUseSequences(SqlPrepared p, Plan plan) {
    if (p.namesSequenceFunction()) return true;
    TableDef target = plan instanceof Plan.Insert || plan instanceof Plan.Update ? plan.table() : null;
    if (target == null && plan instanceof Plan.ModifyingWith) return true;
    if (target == null) return false;
    for (org.opendsql.sql.catalog.ColumnDef c : target.columns()) {
      if (c.identity() != null || c.ownedSequence() != null
          || (c.defaultSql() != null && c.defaultSql().toLowerCase(java.util.Locale.ROOT).contains("nextval"))) {
        return true;
      }
    }
    return false;
  }

  private CompletionStage<Cursor> run(Plan plan, Txn t, Object[] args, boolean materialize, boolean readsCatalog) {
    java.util.concurrent.CompletableFuture<java.util.Set<String>> schemas = catalog.schemas(t.tauStart()).toCompletableFuture();
    if (schemas.isDone() && !schemas.isCompletedExceptionally()) return run(plan, t, args, materialize, readsCatalog, schemas.join());
    // The catalog cache was dropped (a DDL committed): the schemas are read before the statement runs.
    return schemas.thenCompose(loaded -> run(plan, t, args, materialize, readsCatalog, loaded));
  }

  private CompletionStage<Cursor> run(Plan plan, Txn t, Object[] args, boolean materialize, boolean readsCatalog,
      java.util.Set<String> userSchemas) {
    Instant txnTime = KeyCodec.fromMicros(Hlc.physicalMicros(t.tauStart()));
    EvalContext ctx = new EvalContext(args, txnTime, user, database, zone());
    ctx.random = random;
    ctx.catalogSession = new SessionFacts(user, database, SessionFacts.listedSchemas(settings.get("search_path"), user, userSchemas),
        settings.all());
    sequences.readOnly(t.readOnly());
    ctx.sequences = sequences;
    ctx.settings = (name, value, local) -> {
      set(new Plan.Set(name, value, local));
      return settings.get(name);
    };
    if (plan instanceof Plan.Advisory a) return advisory(a, ctx);
    if (plan instanceof Plan.WaitForJob w) {
      Object id = w.jobId().eval(ctx.withRow(null));
      String tag = w.call() ? "CALL" : "SELECT 1";
      if (id == null) return done(Cursors.list(w.columns(), List.<Object[]>of(new Object[] {null}), tag));
      return org.opendsql.sql.exec.JobWait.await(kv, id.toString(), this::checkCancel)
          .thenApply(ok -> Cursors.list(w.columns(), List.<Object[]>of(new Object[] {ok}), tag));
    }
    Executor ex = new Executor(kv, config, t, ctx, this::checkCancel);
    if (materialize) ex.materialize();
    if (plan instanceof Plan.Explain e) return explain(e, t, ex);
    if (readsCatalog) return ex.loadCatalog().thenCompose(v -> runWith(plan, t, ex));
    return runWith(plan, t, ex);
  }

  /**
   * Statements that may call a catalog function or cast to a reg* type, which read the catalog
   * while they evaluate: it is loaded (as the transaction sees it) before they run.
   */
  private static final java.util.regex.Pattern CATALOG_WORDS = java.util.regex.Pattern.compile(
      "(?i)\\b(pg_\\w+|reg(class|type|proc|namespace|role)|format_type|obj_description|col_description|"
      + "has_\\w+_privilege|to_reg\\w+)\\b");

  static boolean readsCatalog(String sql) {
    return CATALOG_WORDS.matcher(sql).find();
  }

  /**
   * EXPLAIN renders the plan; EXPLAIN ANALYZE runs it first (a write is written, as PostgreSQL
   * does), reading every row, and adds each operator's rows and time.
   */
  private CompletionStage<Cursor> explain(Plan.Explain e, Txn t, Executor ex) {
    if (!e.analyze()) return done(Cursors.list(e.columns(), ex.explain(e.inner(), null, 0, 0), "EXPLAIN"));
    Map<Object, long[]> stats = new java.util.IdentityHashMap<>();
    ex.collectExplainStats(stats);
    long t0 = System.nanoTime();
    return runWith(e.inner(), t, ex).thenCompose(cursor -> {
      long[] rows = {0};
      return org.opendsql.core.kv.AsyncLoop.loop(() -> cursor.fetch(1000).thenApply(b -> {
        rows[0] += b.rows().size();
        return !b.done();
      })).thenApply(v -> {
        cursor.close();
        return Cursors.list(e.columns(), ex.explain(e.inner(), stats, rows[0], System.nanoTime() - t0), "EXPLAIN");
      });
    });
  }

  private CompletionStage<Cursor> runWith(Plan plan, Txn t, Executor ex) {
    if (!isAdmin() && (plan instanceof Plan.Select || plan instanceof Plan.Query || plan instanceof Plan.Insert
        || plan instanceof Plan.Update || plan instanceof Plan.Delete || plan instanceof Plan.ModifyingWith)) {
      return authorize(plan, t).thenCompose(v -> runAuthorized(plan, t, ex));
    }
    return runAuthorized(plan, t, ex);
  }

  private boolean isAdmin() {
    return user.equals(org.opendsql.sql.exec.Executor.ADMIN);
  }

  // ---------------------------------------------------------------- privileges

  /**
   * Whether the session's role holds what {@code plan} needs: SELECT on each table it reads,
   * INSERT/UPDATE/DELETE on the one it writes (UPDATE too for FOR UPDATE), USAGE on each schema
   * other than public. The grants are read at the transaction's snapshot and join its schema-key
   * set, so a REVOKE that commits before this transaction does fails it with OC001.
   */
  private CompletionStage<Void> authorize(Plan plan, Txn t) {
    java.util.Map<String, Integer> needed = new java.util.LinkedHashMap<>();
    java.util.Set<String> views = new java.util.HashSet<>();
    requiredPrivileges(plan, needed, views);
    needed.keySet().removeIf(n -> SystemRelations.find(n) != null || n.startsWith("pg_catalog.") || n.startsWith("information_schema."));
    if (needed.isEmpty()) return done(null);
    List<String[]> objects = new java.util.ArrayList<>();
    for (String table : needed.keySet()) objects.add(new String[] {"t", table});
    for (String table : needed.keySet()) {
      String schema = QualifiedNames.schemaOf(table);
      if (!schema.equals(QualifiedNames.PUBLIC) && objects.stream().noneMatch(o -> o[0].equals("s") && o[1].equals(schema))) {
        objects.add(new String[] {"s", schema});
      }
    }
    List<Integer> wanted = new java.util.ArrayList<>(needed.values());
    while (wanted.size() < objects.size()) wanted.add(org.opendsql.sql.catalog.Privileges.USAGE);
    // Schemas are checked first: without USAGE PostgreSQL names the schema, not the table.
    return held(objects, t).thenApply(masks -> {
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < objects.size(); i++) {
          boolean schema = objects.get(i)[0].equals("s");
          if (schema != (pass == 0) || (masks.get(i) & wanted.get(i)) == wanted.get(i)) continue;
          throw schema ? Errors.permissionDenied("schema", objects.get(i)[1])
              : Errors.permissionDenied(views.contains(objects.get(i)[1]) ? "view" : "table", QualifiedNames.relname(objects.get(i)[1]));
        }
      }
      return null;
    });
  }

  /**
   * The privilege bits the session's role holds, its own grants and PUBLIC's, on each of {@code
   * objects} ({kind, catalog name}), read at the transaction's snapshot in one round trip; the
   * grant keys join the transaction's schema keys, so a REVOKE committed meanwhile fails it (OC001).
   */
  private CompletionStage<List<Integer>> held(List<String[]> objects, Txn t) {
    List<byte[]> keys = new java.util.ArrayList<>();
    for (String[] o : objects) {
      keys.add(CatalogKeys.grantKey(o[0], o[1], user));
      keys.add(CatalogKeys.grantKey(o[0], o[1], org.opendsql.sql.catalog.Privileges.PUBLIC));
    }
    for (byte[] k : keys) t.addSchemaKey(k);
    return kv.getAll(keys, t.tauStart()).thenApply(found -> {
      List<Integer> masks = new java.util.ArrayList<>();
      for (int i = 0; i < objects.size(); i++) {
        masks.add(org.opendsql.sql.catalog.Privileges.decode(found.get(2 * i))
            | org.opendsql.sql.catalog.Privileges.decode(found.get(2 * i + 1)));
      }
      return masks;
    });
  }

  /**
   * Table or view (catalog name) to the privilege bits {@code plan} needs on it; {@code views}
   * collects which of them are views. A table read through a view is the view owner's business
   * (admin's), so its reader needs SELECT on the view alone, as in PostgreSQL.
   */
  private static void requiredPrivileges(Plan plan, java.util.Map<String, Integer> out, java.util.Set<String> views) {
    int select = org.opendsql.sql.catalog.Privileges.SELECT;
    if (plan instanceof Plan.Select s) {
      if (s.table() != null) {
        need(out, s.table(), select | (s.forUpdate() ? org.opendsql.sql.catalog.Privileges.UPDATE : 0), views);
      }
      return;
    }
    if (plan instanceof Plan.Query q) {
      for (org.opendsql.sql.plan.Rel.Scan sc : q.scans()) {
        if (sc.view() != null) need(out, sc.view(), select, views);
        else need(out, sc.table(), select | (sc.forUpdate() ? org.opendsql.sql.catalog.Privileges.UPDATE : 0), views);
      }
      for (TableDef v : q.namedViews()) need(out, v, select, views);
      return;
    }
    if (plan instanceof Plan.ModifyingWith w) {
      for (org.opendsql.sql.plan.Rel.Scan sc : w.scans()) need(out, sc.view() != null ? sc.view() : sc.table(), select, views);
      for (Plan.ModifyingStep step : w.steps()) requiredPrivileges(step.dml(), out, views);
      requiredPrivileges(w.main(), out, views);
      return;
    }
    int verb = plan instanceof Plan.Insert ? org.opendsql.sql.catalog.Privileges.INSERT
        : plan instanceof Plan.Update ? org.opendsql.sql.catalog.Privileges.UPDATE : org.opendsql.sql.catalog.Privileges.DELETE;
    if (plan.table() != null) need(out, plan.table(), verb, views);
    java.util.Map<String, Integer> read = new java.util.LinkedHashMap<>();
    if (plan instanceof Plan.Insert i && i.source() != null) requiredPrivileges(i.source(), read, views);
    if (plan instanceof Plan.Update u && u.source() != null) requiredPrivileges(u.source(), read, views);
    if (plan instanceof Plan.Delete d && d.source() != null) requiredPrivileges(d.source(), read, views);
    // A DML statement's source is only read, whatever it locks.
    for (String n : read.keySet()) out.merge(n, select, (a, b) -> a | b);
  }

  private static void need(java.util.Map<String, Integer> out, TableDef t, int bits, java.util.Set<String> views) {
    if (SystemRelations.isSystem(t)) return;
    out.merge(t.name(), bits, (a, b) -> a | b);
    if (t.isView()) views.add(t.name());
  }

  /**
   * A role other than admin may change objects only in a schema where it holds CREATE (PostgreSQL
   * asks for ownership to alter or drop; objects here have no owner but admin), and TRUNCATE a
   * table only with TRUNCATE on it.
   */
  private CompletionStage<Void> authorizeDdl(Plan plan, Txn t) {
    if (isAdmin()) return done(null);
    List<String> objects = new java.util.ArrayList<>();
    if (plan instanceof Plan.Truncate tr) {
      List<String[]> tables = tr.tables().stream().map(n -> new String[] {"t", n}).toList();
      return held(tables, t).thenApply(masks -> {
        for (int i = 0; i < masks.size(); i++) {
          if ((masks.get(i) & org.opendsql.sql.catalog.Privileges.TRUNCATE) == 0) {
            throw Errors.permissionDenied("table", QualifiedNames.relname(tr.tables().get(i)));
          }
        }
        return null;
      });
    }
    if (plan instanceof Plan.CreateTable p) objects.add(p.name());
    else if (plan instanceof Plan.CreateView p) objects.add(p.name());
    else if (plan instanceof Plan.CreateSequence p) objects.add(p.name());
    else if (plan instanceof Plan.AlterSequence p) objects.add(p.name());
    else if (plan instanceof Plan.DropSequence p) objects.addAll(p.names());
    else if (plan instanceof Plan.DropTable p) objects.add(p.name());
    else if (plan instanceof Plan.DropView p) objects.addAll(p.names());
    else if (plan instanceof Plan.AlterTable p) objects.add(p.tableName());
    else if (plan instanceof Plan.CreateIndex p) objects.add(p.tableName());
    else if (plan instanceof Plan.DropIndex p) objects.add(p.name());
    else if (plan instanceof Plan.Comment p && p.relation() != null) objects.add(p.relation());
    java.util.Set<String> schemas = new java.util.LinkedHashSet<>();
    for (String o : objects) schemas.add(QualifiedNames.schemaOf(o));
    if (schemas.isEmpty()) return done(null);
    List<String> list = List.copyOf(schemas);
    return held(list.stream().map(n -> new String[] {"s", n}).toList(), t).thenApply(masks -> {
      for (int i = 0; i < list.size(); i++) {
        if ((masks.get(i) & org.opendsql.sql.catalog.Privileges.CREATE) == 0) throw Errors.permissionDenied("schema", list.get(i));
      }
      return null;
    });
  }

  /**
   * Admission of a role other than admin: it must exist and may log in, and a token issued to an
   * identity admits it only if AWS IAM GRANT mapped that identity to the role.
   */
  @Override
  public CompletionStage<Void> admit(String identity) {
    if (isAdmin()) return done(null);
    List<byte[]> keys = new java.util.ArrayList<>();
    keys.add(CatalogKeys.roleKey(user));
    if (identity != null) keys.add(CatalogKeys.iamMappingKey(user, identity));
    return kv.getAll(keys, kv.now()).thenApply(found -> {
      if (found.get(0) == null) throw Errors.loginRoleMissing(user);
      if (!org.opendsql.sql.catalog.RoleDef.deserialize(found.get(0)).login()) throw Errors.loginNotPermitted(user);
      if (identity != null && found.get(1) == null) throw Errors.identityNotMapped(user, identity);
      return null;
    });
  }

  private CompletionStage<Cursor> runAuthorized(Plan plan, Txn t, Executor ex) {
    if (plan instanceof Plan.Analyze a) {
      if (!isAdmin()) throw Errors.adminOnly("to ANALYZE (only admin gathers statistics)");
      // PostgreSQL analyzes in a read-only transaction too; here statistics are rows of the
      // transaction, so a read-only one keeps the ones there are.
      if (t.readOnly()) return done(Cursors.list(List.of(), List.of(), "ANALYZE"));
      return ex.analyze(a).thenApply(v -> Cursors.list(List.of(), List.of(), "ANALYZE"));
    }
    if (plan instanceof Plan.Select s) {
      if (s.forUpdate() && s.table() != null && t.readOnly()) throw Errors.readOnlyTransaction("SELECT FOR UPDATE");
      return ex.select(s, err -> {
        if (err != null && txn == t) {
          if (inBlock) blockFailed = true;
          else txn = null;
        }
      });
    }
    if (plan instanceof Plan.Query q) {
      if (t.readOnly() && q.scans().stream().anyMatch(org.opendsql.sql.plan.Rel.Scan::forUpdate)) {
        throw Errors.readOnlyTransaction("SELECT FOR UPDATE");
      }
      return ex.query(q, err -> {
        if (err != null && txn == t) {
          if (inBlock) blockFailed = true;
          else txn = null;
        }
      });
    }
    if (plan instanceof Plan.Insert || plan instanceof Plan.Update || plan instanceof Plan.Delete) {
      beginDml(plan, t);
      return plan instanceof Plan.Insert i ? ex.insert(i)
          : plan instanceof Plan.Update u ? ex.update(u) : ex.delete((Plan.Delete) plan);
    }
    if (plan instanceof Plan.ModifyingWith w) {
      for (Plan.ModifyingStep step : w.steps()) beginDml(step.dml(), t);
      if (!(w.main() instanceof Plan.Query)) beginDml(w.main(), t);
      if (t.readOnly() && w.scans().stream().anyMatch(org.opendsql.sql.plan.Rel.Scan::forUpdate)) {
        throw Errors.readOnlyTransaction("SELECT FOR UPDATE");
      }
      return ex.modifyingWith(w, err -> {
        if (err != null && txn == t) {
          if (inBlock) blockFailed = true;
          else txn = null;
        }
      });
    }
    if (plan instanceof Plan.CreateTable || plan instanceof Plan.DropTable || plan instanceof Plan.CreateIndex
        || plan instanceof Plan.DropIndex || plan instanceof Plan.Truncate || plan instanceof Plan.AlterTable
        || plan instanceof Plan.CreateSequence || plan instanceof Plan.AlterSequence || plan instanceof Plan.DropSequence
        || plan instanceof Plan.CreateView || plan instanceof Plan.DropView || plan instanceof Plan.Comment
        || plan instanceof Plan.CreateSchema || plan instanceof Plan.DropSchema || plan instanceof Plan.CreateRole
        || plan instanceof Plan.DropRole || plan instanceof Plan.Grant || plan instanceof Plan.IamGrant) {
      if (t.hasDml()) throw Errors.ddlInTransaction();
      if (t.hasDdl()) throw Errors.multipleDdl();
      String tag = plan instanceof Plan.CreateTable ? "CREATE TABLE" : plan instanceof Plan.DropTable ? "DROP TABLE"
          : plan instanceof Plan.CreateIndex ? "CREATE INDEX" : plan instanceof Plan.Truncate ? "TRUNCATE TABLE"
          : plan instanceof Plan.AlterTable ? "ALTER TABLE"
          : plan instanceof Plan.CreateSequence ? "CREATE SEQUENCE" : plan instanceof Plan.AlterSequence ? "ALTER SEQUENCE"
          : plan instanceof Plan.DropSequence ? "DROP SEQUENCE" : plan instanceof Plan.CreateView ? "CREATE VIEW"
          : plan instanceof Plan.DropView ? "DROP VIEW" : plan instanceof Plan.Comment ? "COMMENT"
          : plan instanceof Plan.CreateSchema ? "CREATE SCHEMA" : plan instanceof Plan.DropSchema ? "DROP SCHEMA"
          : plan instanceof Plan.CreateRole ? "CREATE ROLE" : plan instanceof Plan.DropRole ? "DROP ROLE"
          : plan instanceof Plan.Grant g ? (g.revoke() ? "REVOKE" : "GRANT")
          : plan instanceof Plan.IamGrant ig ? (ig.revoke() ? "AWS IAM REVOKE" : "AWS IAM GRANT") : "DROP INDEX";
      if (t.readOnly()) throw Errors.readOnlyTransaction(tag);
      t.markDdl();
      boolean adminOnly = plan instanceof Plan.CreateSchema || plan instanceof Plan.DropSchema || plan instanceof Plan.CreateRole
          || plan instanceof Plan.DropRole || plan instanceof Plan.Grant || plan instanceof Plan.IamGrant;
      if (adminOnly && !isAdmin()) throw Errors.adminOnly("for " + tag + " (only admin manages schemas, roles and privileges)");
      String[] jobId = {null};
      return ex.resolveNames(plan).thenCompose(resolved -> authorizeDdl(resolved, t).thenApply(v -> resolved))
          .thenCompose(resolved -> ddl(resolved, t, ex, jobId))
          // CREATE INDEX ASYNC answers with its job's id, as DSQL does (none when IF NOT EXISTS found the index).
          .thenApply(v -> Cursors.list(plan.columns(),
              jobId[0] == null ? List.<Object[]>of() : List.<Object[]>of(new Object[] {jobId[0]}), tag));
    }
    throw Errors.internal("unexpected plan " + plan.getClass().getSimpleName());
  }

  /** DSQL's quota of schemas besides public. */
  private static final int MAX_SCHEMAS = 10;

  /** Runs a resolved DDL plan; {@code jobId}: where CREATE INDEX ASYNC leaves its job's id. */
  private CompletionStage<Void> ddl(Plan plan, Txn t, Executor ex, String[] jobId) {
      return plan instanceof Plan.CreateTable ct ? ex.createTable(ct)
          : plan instanceof Plan.CreateSchema cs ? ex.createSchema(cs, user, MAX_SCHEMAS)
          : plan instanceof Plan.CreateRole cr ? ex.createRole(cr)
          : plan instanceof Plan.DropRole dr ? ex.dropRole(dr)
          : plan instanceof Plan.Grant g ? ex.grant(g)
          : plan instanceof Plan.IamGrant ig ? ex.iamGrant(ig)
          : plan instanceof Plan.DropSchema ds ? ex.dropSchema(ds)
          : plan instanceof Plan.DropTable dt ? ex.dropTable(dt)
          : plan instanceof Plan.Truncate tr ? ex.truncate(tr)
          : plan instanceof Plan.AlterTable at ? ex.alterTable(at)
          : plan instanceof Plan.CreateView cv ? viewColumns(cv, t).thenCompose(cols -> ex.createView(cv, cols))
          : plan instanceof Plan.DropView dv ? ex.dropView(dv)
          : plan instanceof Plan.CreateSequence cs ? ex.createSequence(cs)
          : plan instanceof Plan.AlterSequence as ? ex.alterSequence(as).thenRun(() -> sequences.forget(as.name(), false))
          : plan instanceof Plan.DropSequence ds ? ex.dropSequence(ds).thenRun(() -> ds.names().forEach(n -> sequences.forget(n, true)))
          : plan instanceof Plan.Comment cm ? ex.comment(cm)
          : plan instanceof Plan.CreateIndex ci ? ex.createIndex(ci).thenAccept(id -> jobId[0] = id)
          : ex.dropIndex((Plan.DropIndex) plan);
  }

  /**
   * The columns of a view being created: its query planned as the transaction sees the catalog,
   * named by the view's column list where it gives names; a query with parameters is 42P02, as
   * PostgreSQL has none to bind.
   */
  private CompletionStage<List<org.opendsql.sql.catalog.ColumnDef>> viewColumns(Plan.CreateView cv, Txn t) {
    return plan(cv.query(), new int[0], t.tauStart()).thenApply(planned -> {
      if (!planned.params().finish().isEmpty()) throw Errors.undefinedParameter(1);
      List<org.opendsql.core.session.ColumnDesc> cols = planned.plan().columns();
      List<String> names = cv.columnNames();
      if (names != null && names.size() > cols.size()) throw Errors.viewHasTooManyColumnNames();
      List<org.opendsql.sql.catalog.ColumnDef> out = new java.util.ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < cols.size(); i++) {
        String n = names != null && i < names.size() ? names.get(i) : cols.get(i).name();
        if (!seen.add(n)) throw Errors.duplicateColumn(n);
        out.add(new org.opendsql.sql.catalog.ColumnDef(i + 1, n, cols.get(i).type(), cols.get(i).typmod(), false, null, false));
      }
      return out;
    });
  }

  /** DSQL's rules for a statement that writes table rows: no DDL beside it, not in a read-only transaction. */
  private static void beginDml(Plan plan, Txn t) {
    if (t.hasDdl()) throw Errors.ddlInTransaction();
    String verb = plan instanceof Plan.Insert ? "INSERT" : plan instanceof Plan.Update ? "UPDATE" : "DELETE";
    if (t.readOnly()) throw Errors.readOnlyTransaction(verb);
    t.markDml();
    t.addSchemaKey(CatalogKeys.tableKey(plan.table().name()));
  }

  @Override
  public CompletionStage<Void> sync(boolean commit) {
    if (inBlock || txn == null) return done(null);
    Txn implicit = txn;
    txn = null;
    settings.endTransaction();
    releaseTransactionLocks();
    if (!commit) return done(null);
    try {
      return commit(implicit);
    } catch (DbException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<Void> commit(Txn t) {
    if (!t.hasConflictKeys()) {
      return done(null);
    }
    checkAge(t);
    return kv.commit(t.tauStart(), t.writeList(), t.lockedKeyList(), t.schemaKeyList()).handle((ts, err) -> {
      if (err != null) {
        DbException e = DbException.of(err);
        if (e.getMessage() != null && e.getMessage().contains("OC001")) catalog.invalidate();
        throw e;
      }
      if (t.hasDdl()) {
        catalog.invalidate(ts);
        // It may have submitted a job (CREATE INDEX ASYNC): this node's runner looks now, not at its next poll.
        catalog.jobsChanged();
      }
      List<byte[]> retired = t.retiredPrefixes();
      if (!retired.isEmpty()) {
        // Nothing waits for this: the rows are unreachable already, deleting them only frees space.
        org.opendsql.sql.exec.Reclaimer.reclaim(kv, retired);
      }
      return null;
    });
  }

  /** nextval and its kin: the values this session reserved, and what currval and lastval return. */
  private final org.opendsql.sql.exec.Sequences sequences;

  /** random()'s generator: one per session, so setseed() holds for the session's later statements. */
  private final org.opendsql.sql.expr.PgPrng random = new org.opendsql.sql.expr.PgPrng();

  /** The session's TimeZone as a zone, parsed again only when the setting changed. */
  private ZoneId zone() {
    String setting = settings.get("TimeZone");
    if (!setting.equals(zoneSetting)) {
      zone = TimeZones.parse(setting).id();
      zoneSetting = setting;
    }
    return zone;
  }

  private void checkAge(Txn t) {
    long age = Hlc.physicalMicros(kv.now()) - Hlc.physicalMicros(t.tauStart());
    if (age > config.maxTxnAgeMicros()) throw Errors.ageLimit(java.time.Duration.ofNanos(config.maxTxnAgeMicros() * 1000));
  }

  private void checkCancel() {
    if (cancelRequested) {
      cancelRequested = false;
      throw Errors.queryCanceled();
    }
  }

  /** The statements a failed block still accepts: those that end it or roll back past the failure. */
  private static boolean endsFailure(Plan p) {
    return p instanceof Plan.Txn || p instanceof Plan.Empty
        || (p instanceof Plan.Savepoint s && s.kind() == Plan.SavepointKind.ROLLBACK_TO);
  }

  private void checkNotFailed() {
    if (inBlock && blockFailed) throw Errors.inFailedTransaction();
  }

  /** A statement failed: a block becomes failed; outside one, its transaction is gone. */
  private <T> CompletionStage<T> failStatement(Throwable err) {
    DbException e = DbException.of(err);
    if (inBlock) {
      blockFailed = true;
    } else {
      txn = null;
      releaseTransactionLocks();
    }
    return CompletableFuture.failedFuture(e);
  }

  private CompletionStage<Cursor> transactionControl(Plan.Txn t) {
    switch (t.kind()) {
      case BEGIN:
        if (!inBlock) {
          // Statements already run since the last sync stay in the transaction BEGIN opens, as
          // PostgreSQL turns an implicit transaction into a block.
          inBlock = true;
          blockFailed = false;
          blockReadOnly = t.readOnly();
        }
        return done(tagOnly("BEGIN"));
      case ROLLBACK:
        endBlock();
        return done(tagOnly("ROLLBACK"));
      default:
        if (!inBlock) {
          // COMMIT without BEGIN commits the implicit transaction it ends (PostgreSQL warns).
          Txn implicit = txn;
          txn = null;
          if (implicit == null) return done(tagOnly("COMMIT"));
          try {
            return commit(implicit).thenApply(v -> tagOnly("COMMIT"));
          } catch (DbException e) {
            return CompletableFuture.failedFuture(e);
          }
        }
        if (blockFailed) {
          endBlock();
          return done(tagOnly("ROLLBACK"));
        }
        Txn committing = txn;
        endBlock();
        if (committing == null) return done(tagOnly("COMMIT"));
        try {
          return commit(committing).thenApply(v -> tagOnly("COMMIT"));
        } catch (DbException e) {
          return CompletableFuture.failedFuture(e);
        }
    }
  }

  /** The block's savepoints, oldest first: a name may repeat, the latest one counts. */
  private final List<SavepointMark> savepoints = new java.util.ArrayList<>();

  /** {@code txn} null: the block had run no statement yet. */
  private record SavepointMark(String name, Txn.Mark txn, Settings.Mark settings) {}

  /**
   * SAVEPOINT, RELEASE and ROLLBACK TO, over the session's write buffer: writes never leave the
   * session before COMMIT, so rolling back to a savepoint is restoring a copy of the buffer (and
   * of the settings), and the transaction keeps its snapshot. ROLLBACK TO also ends a failed
   * block's failure, as in PostgreSQL.
   */
  private CompletionStage<Cursor> savepoint(Plan.Savepoint s) {
    String command = switch (s.kind()) {
      case SAVEPOINT -> "SAVEPOINT";
      case RELEASE -> "RELEASE SAVEPOINT";
      case ROLLBACK_TO -> "ROLLBACK TO SAVEPOINT";
    };
    if (!inBlock) throw Errors.savepointOutsideBlock(command);
    if (s.kind() != Plan.SavepointKind.ROLLBACK_TO) checkNotFailed();
    if (s.kind() == Plan.SavepointKind.SAVEPOINT) {
      savepoints.add(new SavepointMark(s.name(), txn == null ? null : txn.mark(), settings.mark()));
      return done(tagOnly("SAVEPOINT"));
    }
    int at = savepoints.size() - 1;
    while (at >= 0 && !savepoints.get(at).name().equals(s.name())) at--;
    if (at < 0) throw Errors.undefinedSavepoint(s.name());
    SavepointMark m = savepoints.get(at);
    if (s.kind() == Plan.SavepointKind.RELEASE) {
      savepoints.subList(at, savepoints.size()).clear();
      return done(tagOnly("RELEASE"));
    }
    savepoints.subList(at + 1, savepoints.size()).clear();
    if (txn != null) txn.restore(m.txn());
    settings.restore(m.settings());
    blockFailed = false;
    return done(tagOnly("ROLLBACK"));
  }

  /** The session's advisory locks; its rows are written only once a lock is taken. */
  private AdvisoryLocks advisoryLocks;

  private AdvisoryLocks advisoryLocks() {
    if (advisoryLocks == null) advisoryLocks = new AdvisoryLocks(kv);
    return advisoryLocks;
  }

  /** SELECT pg_advisory_lock(...) and its kin: one row, void or boolean. */
  private CompletionStage<Cursor> advisory(Plan.Advisory a, EvalContext ctx) {
    Object[] v = new Object[a.args().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.args().get(i).eval(ctx.withRow(null));
      if (v[i] == null) return done(Cursors.list(a.columns(), List.<Object[]>of(new Object[] {null}), "SELECT 1"));
    }
    AdvisoryLocks locks = advisoryLocks();
    AdvisoryLocks.Key key = v.length == 0 ? null : v.length == 1 ? AdvisoryLocks.Key.of(((Number) v[0]).longValue())
        : AdvisoryLocks.Key.of(((Number) v[0]).intValue(), ((Number) v[1]).intValue());
    CompletionStage<Object> result = switch (a.kind()) {
      case LOCK -> locks.lock(key, false, this::checkCancel).thenApply(x -> "");
      case XACT_LOCK -> locks.lock(key, true, this::checkCancel).thenApply(x -> "");
      case TRY_LOCK -> locks.tryLock(key, false).thenApply(x -> x);
      case TRY_XACT_LOCK -> locks.tryLock(key, true).thenApply(x -> x);
      case UNLOCK -> locks.unlock(key).thenApply(x -> x);
      case UNLOCK_ALL -> locks.unlockAll().thenApply(x -> "");
    };
    return result.thenApply(r -> Cursors.list(a.columns(), List.<Object[]>of(new Object[] {r}), "SELECT 1"));
  }

  /** The transaction ended: its transaction-level advisory locks go with it. */
  private void releaseTransactionLocks() {
    if (advisoryLocks != null && advisoryLocks.holdsAny()) advisoryLocks.endTransaction();
  }

  private void endBlock() {
    releaseTransactionLocks();
    savepoints.clear();
    inBlock = false;
    blockFailed = false;
    blockReadOnly = false;
    txn = null;
    settings.endTransaction();
  }

  private static Cursor tagOnly(String tag) {
    return Cursors.list(List.of(), List.of(), tag);
  }

  private Cursor set(Plan.Set s) {
    if (s.local() && !inBlock) {
      // PostgreSQL warns and does nothing: SET LOCAL outside a transaction block has no effect.
      settings.get(s.name());
      return tagOnly("SET");
    }
    settings.set(s.name(), s.value(), s.local());
    return tagOnly("SET");
  }

  private Cursor show(Plan.Show s) {
    if (s.name().equals("all")) return Cursors.list(s.columns(), settings.all(), "SHOW");
    String v = settings.get(s.name());
    return Cursors.list(s.columns(), List.<Object[]>of(new Object[] {v}), "SHOW");
  }

  // ---------------------------------------------------------------- the rest

  @Override
  public char transactionStatus() {
    if (!inBlock) return 'I';
    return blockFailed ? 'E' : 'T';
  }

  @Override
  public Map<String, String> drainParameterChanges() {
    return settings.drain();
  }

  @Override
  public void cancel() {
    cancelRequested = true;
  }

  @Override
  public void close() {
    endBlock();
    if (advisoryLocks != null) advisoryLocks.close();
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }
}
