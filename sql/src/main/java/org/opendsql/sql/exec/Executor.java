package org.opendsql.sql.exec;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.AsyncLoop;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.CatalogSnapshot;
import org.opendsql.sql.catalog.SessionFacts;
import org.opendsql.sql.catalog.SystemRelations;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.IndexDef;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.plan.LookupJoins;
import org.opendsql.sql.plan.Plan;
import org.opendsql.sql.plan.Rel;

/** Runs one bound statement inside a transaction. A new instance per execution. */
public final class Executor {
  private final KvStore kv;
  private final SqlConfig config;
  private final Txn txn;
  private final EvalContext ctx;
  private final TableReader reader;
  /**
   * What a statement's reads see: the live reader, or, for the parts of one statement with
   * data-modifying WITH queries, the transaction's writes as they were before any part wrote.
   * Constraint checks (existing keys, unique values, conflicts) always read live.
   */
  private TableReader queryReader;
  /** Keys of table rows written by the statement's earlier parts (data-modifying WITH), else null. */
  private java.util.Set<ByteBuffer> earlierParts;
  /** Keys of table rows the current part writes, while {@link #earlierParts} is set. */
  private java.util.Set<ByteBuffer> thisPart;
  /** The RETURNING rows of the statement's data-modifying WITH queries that ran, by WITH query id. */
  private final java.util.Map<Integer, List<Object[]>> modifyingResults = new java.util.HashMap<>();
  /** The rows of each table scan of the statement, read once before its parts run, or null. */
  private java.util.Map<Integer, List<Object[]>> preRead;

  public Executor(KvStore kv, SqlConfig config, Txn txn, EvalContext ctx, Runnable checkCancel) {
    this.kv = kv;
    this.config = config;
    this.txn = txn;
    this.ctx = ctx;
    this.reader = new TableReader(kv, txn, checkCancel);
    this.queryReader = reader;
  }

  // ---------------------------------------------------------------- reading

  /** Table rows matching the access path's filter, page by page. */
  private RowSource base(TableDef table, Plan.Access access, int pageSize) {
    return base(table, access, pageSize, null);
  }

  /**
   * {@link #base(TableDef, Plan.Access, int)} for a reader of only the slots {@code needed}
   * (ascending; null: all): the other columns of the rows it returns may read as null.
   */
  private RowSource base(TableDef table, Plan.Access access, int pageSize, int[] needed) {
    Expr filter = access == null ? null : access.filter();
    if (table != null && SystemRelations.isSystem(table)) return systemRows(table, filter);
    if (table == null) {
      boolean[] used = {false};
      return () -> {
        if (used[0]) return CompletableFuture.completedFuture(null);
        used[0] = true;
        Object[] row = new Object[0];
        return CompletableFuture.completedFuture(matches(filter, row) ? List.<Object[]>of(row) : List.of());
      };
    }
    if (access != null && access.isPoint()) {
      boolean[] used = {false};
      return () -> {
        if (used[0]) return CompletableFuture.completedFuture(null);
        used[0] = true;
        byte[] key = pointKey(table, access.pointKey());
        if (key == null) return CompletableFuture.completedFuture(List.of());
        return queryReader.get(key).thenApply(v -> {
          if (v == null) return List.of();
          Object[] row = table.decodeRow(v);
          return matches(filter, row) ? List.<Object[]>of(row) : List.of();
        });
      };
    }
    if (access != null && access.anyKeys() != null) return anyKeys(table, access, filter);
    if (access != null && access.keySet() != null) {
      boolean[] used = {false};
      return () -> {
        if (used[0]) return CompletableFuture.completedFuture(null);
        used[0] = true;
        java.util.TreeSet<byte[]> keys = new java.util.TreeSet<>(org.opendsql.core.codec.Bytes.UNSIGNED);
        for (List<Expr> k : access.keySet()) {
          byte[] key = pointKey(table, k);
          if (key != null) keys.add(key);
        }
        if (keys.isEmpty()) return CompletableFuture.completedFuture(List.of());
        return queryReader.getAll(new ArrayList<>(keys)).thenApply(values -> rowsOf(table, values, filter));
      };
    }
    if (access != null && access.index() != null) return indexScan(table, access, pageSize, needed);
    TableReader.Scan scan = queryReader.scan(table.keyPrefix(), table.keyEnd(), pageSize, pushed(table, filter, needed));
    boolean[] done = {false};
    return () -> {
      if (done[0]) return CompletableFuture.completedFuture(null);
      return scan.next().thenApply(page -> {
        done[0] = page.done();
        List<Object[]> rows = new ArrayList<>(page.entries().size());
        for (KvEntry e : page.entries()) {
          Object[] row = table.decodeRow(e.value());
          if (matches(filter, row)) rows.add(row);
        }
        return rows;
      });
    };
  }

  /** A catalog relation's rows, made from the catalog as the transaction sees it. */
  private RowSource systemRows(TableDef table, Expr filter) {
    boolean[] used = {false};
    return () -> {
      if (used[0]) return CompletableFuture.completedFuture(null);
      used[0] = true;
      if (table.name().equals(SystemRelations.SYS_JOBS)) {
        return jobs().thenApply(all -> {
          List<Object[]> rows = new ArrayList<>();
          for (Object[] row : all) if (matches(filter, row)) rows.add(row);
          return rows;
        });
      }
      return loadCatalog().thenApply(snapshot -> {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : SystemRelations.rows(SystemRelations.of(table), snapshot)) if (matches(filter, row)) rows.add(row);
        return rows;
      });
    };
  }

  /** sys.jobs' rows: every job record with its progress, as the transaction sees them. */
  private CompletionStage<List<Object[]>> jobs() {
    TableReader.Scan scan = queryReader.scan(CatalogKeys.jobsPrefix(), CatalogKeys.jobsEnd(), config.scanPageSize());
    byte[] progressStart = CatalogKeys.jobProgressPrefix();
    TableReader.Scan progress = queryReader.scan(progressStart, org.opendsql.core.codec.Bytes.prefixEnd(progressStart),
        config.scanPageSize());
    List<org.opendsql.sql.job.IndexJob> jobs = new ArrayList<>();
    java.util.Map<String, org.opendsql.sql.job.JobProgress> done = new java.util.HashMap<>();
    return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) jobs.add(org.opendsql.sql.job.IndexJob.deserialize(e.value()));
      return !page.done();
    })).thenCompose(v -> AsyncLoop.loop(() -> progress.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        String id = (String) org.opendsql.core.codec.KeyCodec.decode(e.key(), List.of(PgType.TEXT))[0];
        done.put(id, org.opendsql.sql.job.JobProgress.deserialize(e.value()));
      }
      return !page.done();
    }))).thenApply(v -> SystemRelations.jobRows(jobs, done));
  }

  /**
   * The catalog as this statement's transaction sees it (its own DDL included), read once per
   * execution: the system relations' rows and the catalog functions' answers come from it.
   */
  public CompletionStage<CatalogSnapshot> loadCatalog() {
    if (ctx.catalog != null) return CompletableFuture.completedFuture(ctx.catalog);
    TableReader.Scan tables = queryReader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
    List<TableDef> defs = new ArrayList<>();
    byte[] seqStart = CatalogKeys.sequencesPrefix();
    TableReader.Scan sequences = queryReader.scan(seqStart, org.opendsql.core.codec.Bytes.prefixEnd(seqStart), config.scanPageSize());
    List<org.opendsql.sql.catalog.SequenceDef> seqs = new ArrayList<>();
    return AsyncLoop.loop(() -> tables.next().thenApply(page -> {
      for (KvEntry e : page.entries()) defs.add(TableDef.deserialize(e.value()));
      return !page.done();
    })).thenCompose(v -> AsyncLoop.loop(() -> sequences.next().thenApply(page -> {
      for (KvEntry e : page.entries()) seqs.add(org.opendsql.sql.catalog.SequenceDef.deserialize(e.value()));
      return !page.done();
    }))).thenApply(v -> {
      SessionFacts facts = ctx.catalogSession != null ? ctx.catalogSession
          : SessionFacts.defaults(ctx.user, ctx.database);
      ctx.catalog = CatalogSnapshot.of(defs, seqs, facts);
      return ctx.catalog;
    });
  }

  /**
   * {@code key = ANY (array)}: one point read per distinct key of the array, all at once, the rows
   * in key order; NULL elements and values the key type cannot hold exactly match nothing.
   */
  private RowSource anyKeys(TableDef table, Plan.Access access, Expr filter) {
    boolean[] used = {false};
    return () -> {
      if (used[0]) return CompletableFuture.completedFuture(null);
      used[0] = true;
      java.util.TreeMap<byte[], Boolean> keys = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
      Expr arrayExpr = access.anyKeys();
      org.opendsql.core.types.PgArray array = (org.opendsql.core.types.PgArray) arrayExpr.eval(ctx.withRow(null));
      ColumnDef col = table.column(table.pk()[0]);
      PgType elementType = arrayExpr.type().elementType();
      if (array != null) {
        for (Object v : array.items()) {
          Object k = exactKey(v, elementType, col);
          if (k != null) keys.put(table.keyOf(List.of(k)), Boolean.TRUE);
        }
      }
      List<CompletableFuture<byte[]>> reads = new ArrayList<>();
      for (byte[] key : keys.keySet()) reads.add(reader.get(key).toCompletableFuture());
      return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(x -> {
        List<Object[]> rows = new ArrayList<>();
        for (CompletableFuture<byte[]> r : reads) {
          byte[] value = r.join();
          if (value == null) continue;
          Object[] row = table.decodeRow(value);
          if (matches(filter, row)) rows.add(row);
        }
        return rows;
      });
    };
  }

  /** {@code v} as the key column's type when it converts exactly, else null (no row can match). */
  private static Object exactKey(Object v, PgType from, ColumnDef col) {
    if (v == null) return null;
    Object c;
    try {
      c = Values.cast(v, from, col.type(), -1, true);
    } catch (DbException ex) {
      if (ex.state() == SqlState.NUMERIC_VALUE_OUT_OF_RANGE) return null;
      throw ex;
    }
    return Values.compare(c, v) == 0 ? c : null;
  }

  /** The rows of the stored values (null: no row) that pass {@code filter}. */
  private List<Object[]> rowsOf(TableDef table, List<byte[]> values, Expr filter) {
    List<Object[]> rows = new ArrayList<>(values.size());
    for (byte[] value : values) {
      if (value == null) continue;
      Object[] row = table.decodeRow(value);
      if (matches(filter, row)) rows.add(row);
    }
    return rows;
  }

  private boolean matches(Expr filter, Object[] row) {
    return filter == null || Boolean.TRUE.equals(filter.eval(ctx.withRow(row)));
  }

  /**
   * The key the WHERE's equalities name, or null when no row can match (a null, or a value the
   * key column's type cannot hold exactly, such as 1.5 for an integer key).
   */
  private byte[] pointKey(TableDef table, List<Expr> exprs) {
    int[] pk = table.pk();
    List<Object> vals = new ArrayList<>(pk.length);
    for (int i = 0; i < pk.length; i++) {
      Expr e = exprs.get(i);
      Object v = e.eval(ctx.withRow(null));
      if (v == null) return null;
      ColumnDef col = table.column(pk[i]);
      Object c;
      try {
        c = Values.cast(v, e.type(), col.type(), -1, true);
      } catch (DbException ex) {
        if (ex.state() == SqlState.NUMERIC_VALUE_OUT_OF_RANGE) return null;
        throw ex;
      }
      if (Values.compare(c, v) != 0) return null;
      vals.add(c);
    }
    return table.keyOf(vals);
  }

  /**
   * Rows through an index range. The primary key's entries are the rows; a secondary index's
   * entries name rows by primary key, read a page at a time with the reads in parallel. A bound
   * that does not convert exactly to the column's type is left to the filter.
   */
  private RowSource indexScan(TableDef table, Plan.Access access, int pageSize, int[] needed) {
    IndexDef ix = access.index().index();
    boolean primary = ix.id() == TableDef.PRIMARY_INDEX;
    List<byte[][]> ranges = indexRanges(table, access.index());
    if (ranges.isEmpty()) return RowSource.EMPTY;
    Expr filter = access.filter();
    // A secondary index's entries are not rows: only the primary key's range is filtered in storage.
    // An entry holds the primary key, key and INCLUDE columns: where those are all the reader
    // needs, the entries are the rows (an index-only scan).
    boolean indexOnly = !primary && covers(table, ix, needed);
    ScanSpec spec = primary ? pushed(table, filter, needed) : null;
    Iterator<byte[][]> next = ranges.iterator();
    TableReader.Scan[] scan = {null};
    return () -> {
      while (scan[0] == null) {
        if (!next.hasNext()) return CompletableFuture.completedFuture(null);
        byte[][] r = next.next();
        scan[0] = queryReader.scan(r[0], r[1], pageSize, spec);
      }
      TableReader.Scan current = scan[0];
      return current.next().thenCompose(page -> {
        if (page.done()) scan[0] = null;
        if (primary || indexOnly) {
          List<Object[]> rows = new ArrayList<>(page.entries().size());
          for (KvEntry e : page.entries()) {
            Object[] row = table.decodeRow(e.value());
            if (matches(filter, row)) rows.add(row);
          }
          return CompletableFuture.completedFuture(rows);
        }
        List<byte[]> keys = new ArrayList<>(page.entries().size());
        for (KvEntry e : page.entries()) keys.add(table.key(table.decodeRow(e.value())));
        if (keys.isEmpty()) return CompletableFuture.completedFuture(List.<Object[]>of());
        return queryReader.getAll(keys).thenApply(values -> rowsOf(table, values, filter));
      });
    };
  }

  /**
   * The key intervals of an index range, in key order: one, or with an IN list one prefix per
   * distinct value that the key column's type holds exactly (NULLs and others match nothing).
   */
  private List<byte[][]> indexRanges(TableDef table, Plan.IndexRange r) {
    if (r.in() == null) {
      byte[][] bounds = indexBounds(table, r);
      return bounds == null ? List.of() : List.<byte[][]>of(bounds);
    }
    IndexDef ix = r.index();
    List<Object> eq = new ArrayList<>();
    for (int i = 0; i < r.eq().size(); i++) {
      Object v = exact(r.eq().get(i), table.column(ix.keySlots()[i]));
      if (v == null || v == NO_MATCH) return List.of();
      eq.add(v);
    }
    java.util.TreeMap<byte[], byte[]> prefixes = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
    for (Expr item : r.in()) {
      Object v = exact(item, table.column(ix.keySlots()[eq.size()]));
      if (v == null || v == NO_MATCH) continue;
      List<Object> k = new ArrayList<>(eq);
      k.add(v);
      byte[] prefix = table.indexKeyPrefix(ix, k);
      prefixes.put(prefix, org.opendsql.core.codec.Bytes.prefixEnd(prefix));
    }
    List<byte[][]> out = new ArrayList<>(prefixes.size());
    prefixes.forEach((from, to) -> out.add(new byte[][] {from, to}));
    return out;
  }

  /** The [start, end) keys of an index range, or null when no entry can match. */
  private byte[][] indexBounds(TableDef table, Plan.IndexRange r) {
    IndexDef ix = r.index();
    List<Object> eq = new ArrayList<>();
    for (int i = 0; i < r.eq().size(); i++) {
      Object v = exact(r.eq().get(i), table.column(ix.keySlots()[i]));
      if (v == null || v == NO_MATCH) return null;
      eq.add(v);
    }
    byte[] prefix = table.indexKeyPrefix(ix, eq);
    byte[] start = prefix;
    byte[] end = org.opendsql.core.codec.Bytes.prefixEnd(prefix);
    if (r.lo() != null) {
      List<Object> k = boundKey(table, ix, eq, r.lo());
      if (k == null) return null;
      if (k.size() > eq.size()) {
        byte[] key = table.indexKeyPrefix(ix, k);
        boolean whole = k.size() == eq.size() + r.lo().size();
        start = r.loInclusive() || !whole ? key : org.opendsql.core.codec.Bytes.prefixEnd(key);
      }
    }
    if (r.hi() != null) {
      List<Object> k = boundKey(table, ix, eq, r.hi());
      if (k == null) return null;
      if (k.size() > eq.size()) {
        byte[] key = table.indexKeyPrefix(ix, k);
        boolean whole = k.size() == eq.size() + r.hi().size();
        end = r.hiInclusive() || !whole ? org.opendsql.core.codec.Bytes.prefixEnd(key) : key;
      }
    }
    return new byte[][] {start, end};
  }

  private static final Object NO_MATCH = new Object();

  /**
   * What storage evaluates of {@code filter} on the table's rows and which columns it returns
   * ({@code needed} slots; null: all), or null when it does neither.
   */
  private ScanSpec pushed(TableDef table, Expr filter, int[] needed) {
    Pushdown.Filter f = Pushdown.filter(filter, table, ctx);
    int[] projection = null;
    if (needed != null && needed.length < table.columns().size()) {
      projection = new int[needed.length];
      for (int i = 0; i < needed.length; i++) projection[i] = table.column(needed[i]).id();
    }
    return f.rowFilter() == null && projection == null ? null : new ScanSpec(f.rowFilter(), projection, null);
  }

  /** Whether the entries of index {@code ix} hold every slot in {@code needed} (null: all columns). */
  private static boolean covers(TableDef table, IndexDef ix, int[] needed) {
    if (needed == null) return false;
    java.util.BitSet held = new java.util.BitSet();
    for (int s : table.pk()) held.set(s);
    for (int s : ix.keySlots()) held.set(s);
    for (int s : ix.includeSlots()) held.set(s);
    for (int s : needed) if (!held.get(s)) return false;
    return true;
  }

  /** Aggregates storage computes over [bounds[0], bounds[1]) of a table ({@code bounds} null: no row can match). */
  private record StorageAggregate(ScanSpec spec, byte[][] bounds) {}

  /**
   * {@code SELECT count(*), sum(x), ... FROM t [WHERE ...]} over a table or a primary-key range:
   * each storage shard aggregates its own rows and only partial results travel. Null when the
   * query has another shape or a filter storage cannot evaluate completely.
   */
  private StorageAggregate storageAggregate(Plan.Select p) {
    Plan.Access a = p.access();
    if (!p.aggregated() || !p.groupBy().isEmpty() || p.forUpdate() || p.table() == null) return null;
    if (a != null && (a.isPoint() || a.keySet() != null || a.anyKeys() != null)) return null;
    boolean primaryRange = a != null && a.index() != null;
    if (primaryRange && (a.index().index().id() != TableDef.PRIMARY_INDEX || a.index().in() != null)) return null;
    List<org.opendsql.core.scan.AggSpec> aggs = Pushdown.aggregates(p.aggs(), p.table());
    if (aggs == null || aggs.isEmpty()) return null;
    Pushdown.Filter f = Pushdown.filter(a == null ? null : a.filter(), p.table(), ctx);
    if (!f.complete()) return null;
    byte[][] bounds = primaryRange ? indexBounds(p.table(), a.index()) : new byte[][] {p.table().keyPrefix(), p.table().keyEnd()};
    return new StorageAggregate(new ScanSpec(f.rowFilter(), null, aggs), bounds);
  }

  /**
   * The one aggregated row of {@link #storageAggregate}, through HAVING and the outputs; null when
   * storage cannot compute it, or this transaction wrote to the interval (storage does not see
   * those writes): the rows are then aggregated here.
   */
  private CompletionStage<List<Object[]>> aggregatedInStorage(Plan.Select p) {
    StorageAggregate sa = storageAggregate(p);
    if (sa == null) return null;
    CompletionStage<Object[]> values = sa.bounds() == null
        ? CompletableFuture.completedFuture(new org.opendsql.core.scan.PartialAggregates(sa.spec().aggregates()).values())
        : queryReader.aggregate(sa.bounds()[0], sa.bounds()[1], sa.spec());
    if (values == null) return null;
    return values.thenApply(v -> {
      List<Object[]> grouped = new ArrayList<>(1);
      if (matches(p.having(), v)) grouped.add(v);
      return project(grouped, p.outputs(), p.outputs().size());
    });
  }

  /** EXPLAIN's note on what storage evaluates of a read's filter. */
  private String storageFilterNote(TableDef table, Expr filter) {
    Pushdown.Filter f = Pushdown.filter(filter, table, ctx);
    if (f.rowFilter() == null) return "";
    int n = f.rowFilter().tests().size();
    return " (" + n + (n == 1 ? " condition" : " conditions") + " evaluated in storage" + (f.complete() ? ")" : ", the rest here)");
  }


  /**
   * The key values of a range bound: the equal prefix, then the bound's values as far as each
   * converts exactly to its key column. A bound cut short by a value no key can hold exactly, or
   * by a NULL past its first value, only narrows to the prefix before it (inclusive), and the
   * filter decides the rest. Null when no row can match: a NULL first value makes the comparison
   * unknown for every row.
   */
  private List<Object> boundKey(TableDef table, IndexDef ix, List<Object> eq, List<Expr> bound) {
    List<Object> k = new ArrayList<>(eq);
    for (int i = 0; i < bound.size(); i++) {
      Object v = exact(bound.get(i), table.column(ix.keySlots()[eq.size() + i]));
      if (v == null && i == 0) return null;
      if (v == null || v == NO_MATCH) break;
      k.add(v);
    }
    return k;
  }

  /** {@code e}'s value in the column's type; null for NULL; NO_MATCH when no value of the type equals it. */
  private Object exact(Expr e, ColumnDef col) {
    Object v = e.eval(ctx.withRow(null));
    if (v == null) return null;
    Object c;
    try {
      c = Values.cast(v, e.type(), col.type(), -1, true);
    } catch (DbException ex) {
      if (ex.state() == SqlState.NUMERIC_VALUE_OUT_OF_RANGE) return NO_MATCH;
      throw ex;
    }
    return Values.compare(c, v) == 0 ? c : NO_MATCH;
  }

  /** Drains a source into memory, refusing (row limit) once more than {@code max} rows arrive. */
  private CompletionStage<List<Object[]>> collect(RowSource src, int max) {
    List<Object[]> all = new ArrayList<>();
    return AsyncLoop.loop(() -> src.next().thenApply(rows -> {
      if (rows == null) return false;
      all.addAll(rows);
      if (max >= 0 && all.size() > max) throw Errors.rowLimit();
      return true;
    })).thenApply(v -> all);
  }

  // ---------------------------------------------------------------- SELECT

  public CompletionStage<Cursor> select(Plan.Select p, Cursors.Completion completion) {
    long limit = count(p.limit(), Errors::negativeLimit);
    long offset = count(p.offset(), Errors::negativeOffset);
    if (offset < 0) offset = 0;
    boolean streaming = !materialize && !p.aggregated() && p.sort().isEmpty() && !p.distinct();
    if (streaming) {
      int page = config.scanPageSize();
      if (limit >= 0 && p.access() != null && storageFiltersAll(p)) {
        page = (int) Math.max(1, Math.min(page, limit + offset));
      }
      RowSource src = locking(p, base(p.table(), p.access(), page, ColumnUse.of(p)));
      RowSource projected = () -> src.next().thenApply(rows -> rows == null ? null : project(rows, p.outputs(), p.visible()));
      return CompletableFuture.completedFuture(Cursors.stream(p.columns(), projected, offset, limit, completion));
    }
    CompletionStage<List<Object[]>> inStorage = p.aggregated() ? aggregatedInStorage(p) : null;
    RowSource src = inStorage != null ? null : locking(p, base(p.table(), p.access(), config.scanPageSize(), ColumnUse.of(p)));
    long off = offset;
    CompletionStage<List<Object[]>> rowsStage;
    if (inStorage != null) {
      rowsStage = inStorage;
    } else if (p.aggregated()) {
      Aggregator agg = new Aggregator(p.groupBy(), p.aggs());
      rowsStage = AsyncLoop.loop(() -> src.next().thenApply(rows -> {
        if (rows == null) return false;
        for (Object[] r : rows) agg.add(ctx.withRow(r));
        return true;
      })).thenApply(v -> {
        List<Object[]> grouped = new ArrayList<>();
        for (Object[] g : agg.results()) if (matches(p.having(), g)) grouped.add(g);
        return project(grouped, p.outputs(), p.outputs().size());
      });
    } else {
      rowsStage = collect(() -> src.next().thenApply(rows -> rows == null ? null : project(rows, p.outputs(), p.outputs().size())), -1);
    }
    return rowsStage.thenApply(rows -> {
      if (p.distinct()) rows = distinct(rows, p.visible());
      if (!p.sort().isEmpty()) rows.sort(comparator(p.sort()));
      List<Object[]> out = new ArrayList<>();
      long skip = off;
      for (Object[] r : rows) {
        if (skip > 0) {
          skip--;
          continue;
        }
        if (limit >= 0 && out.size() >= limit) break;
        out.add(r.length == p.visible() ? r : Arrays.copyOf(r, p.visible()));
      }
      completion.accept(null);
      return Cursors.list(p.columns(), out, "SELECT " + out.size());
    });
  }

  /**
   * Whether every row storage returns for this read passes its whole filter (none, or one storage
   * evaluates completely): a LIMIT then bounds the first page, as no row is lost to the filter here.
   */
  private boolean storageFiltersAll(Plan.Select p) {
    Expr filter = p.access().filter();
    return filter == null || (p.access().index() == null && Pushdown.filter(filter, p.table(), ctx).complete());
  }

  /**
   * Computes a SELECT's rows while the statement executes rather than as the client fetches them:
   * a statement that may call sequence functions is run again when one needs the store, which is
   * only possible before any row has left.
   */
  private boolean materialize;

  public void materialize() {
    materialize = true;
  }

  /** Set by EXPLAIN ANALYZE: the relational operators' rows and times go here. */
  private java.util.Map<Object, long[]> explainStats;

  public void collectExplainStats(java.util.Map<Object, long[]> into) {
    this.explainStats = into;
  }

  /**
   * EXPLAIN's lines for {@code p}: the operator tree with, for each table read, how it reads and
   * the key ranges it touches; with {@code stats} (EXPLAIN ANALYZE) the rows each operator
   * produced and its time, its inputs' included.
   */
  public List<Object[]> explain(Plan p, java.util.Map<Object, long[]> stats, long rows, long nanos) {
    List<String> out = new ArrayList<>();
    String total = stats == null ? "" : "  (actual rows=" + rows + " time=" + ms(nanos) + " ms)";
    if (p instanceof Plan.Query q) {
      for (LookupJoins.Lookup l : LookupJoins.find(q.query().root())) explainLookups.add(l.scan());
      explainRel(q.query().root(), 0, out, stats);
    } else if (p instanceof Plan.Select s) {
      int depth = 0;
      if (s.limit() != null || s.offset() != null) out.add(line(depth++, "Limit" + total));
      if (!s.sort().isEmpty()) out.add(line(depth++, "Sort" + (depth == 1 ? total : "")));
      if (s.distinct()) out.add(line(depth++, "Unique" + (depth == 1 ? total : "")));
      if (s.aggregated()) {
        String where = storageAggregate(s) != null ? ", computed by each range's storage shard" : "";
        out.add(line(depth++, "Aggregate (" + s.groupBy().size() + " group keys, " + s.aggs().size() + " aggregates"
            + where + ")" + (depth == 1 ? total : "")));
      }
      String read = access(s.table(), s.access());
      if (s.access() != null && s.access().index() != null && covers(s.table(), s.access().index().index(), ColumnUse.of(s))) {
        read = read.replace("Index Range Scan", "Index Only Scan");
      }
      out.add(line(depth, read + (depth == 0 ? total : "")));
      if (s.access() != null && s.access().filter() != null) {
        out.add((depth == 0 ? "  " : "  ".repeat(depth * 2 - 1) + "      ") + "Filter: the WHERE clause"
            + (pushable(s.access()) ? storageFilterNote(s.table(), s.access().filter()) : ""));
      }
    } else if (p instanceof Plan.Insert i) {
      out.add(line(0, "Insert on " + i.table().name() + total));
      if (i.source() != null) explainRel(i.source().query().root(), 1, out, stats);
      else out.add(line(1, "Values (" + i.rows().size() + " rows)"));
    } else if (p instanceof Plan.Update u) {
      out.add(line(0, "Update on " + u.table().name() + total));
      if (u.source() != null) explainRel(u.source().query().root(), 1, out, stats);
      else out.add(line(1, access(u.table(), u.access())));
    } else if (p instanceof Plan.Delete d) {
      out.add(line(0, "Delete on " + d.table().name() + total));
      if (d.source() != null) explainRel(d.source().query().root(), 1, out, stats);
      else out.add(line(1, access(d.table(), d.access())));
    } else if (p instanceof Plan.ModifyingWith w) {
      for (Plan.ModifyingStep step : w.steps()) {
        out.add(line(0, "WITH query " + step.id() + (step.beforeMain() ? " (runs first)" : " (runs after the main statement)")));
        for (Object[] r : explain(step.dml(), stats, 0, 0)) if (!((String) r[0]).startsWith("Execution Time")) out.add("  " + r[0]);
      }
      for (Object[] r : explain(w.main(), stats, 0, 0)) if (!((String) r[0]).startsWith("Execution Time")) out.add((String) r[0]);
    } else {
      throw Errors.unsupported("EXPLAIN of " + p.getClass().getSimpleName());
    }
    List<Object[]> rowsOut = new ArrayList<>();
    for (String l : out) rowsOut.add(new Object[] {l});
    if (stats != null) rowsOut.add(new Object[] {"Execution Time: " + ms(nanos) + " ms"});
    return rowsOut;
  }

  private static String ms(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
  }

  private static String line(int depth, String text) {
    return depth == 0 ? text : "  ".repeat(depth * 2 - 1) + "->  " + text;
  }

  /** Whether a read scans the table's rows (a whole table or a primary-key range), where storage filters them. */
  private static boolean pushable(Plan.Access a) {
    return !a.isPoint() && a.keySet() == null && a.anyKeys() == null
        && (a.index() == null || a.index().index().id() == TableDef.PRIMARY_INDEX);
  }

  private String access(TableDef t, Plan.Access a) {
    if (t == null) return "Result";
    if (a != null && a.isPoint()) {
      byte[] key = pointKey(t, a.pointKey());
      return "Point Read on " + t.name() + (key == null ? " (no key can match)" : " (" + kv.rangesTouched(key, null) + ")");
    }
    if (a != null && a.keySet() != null) {
      return "Multi-Point Read on " + t.name() + " (" + a.keySet().size() + " keys)";
    }
    if (a != null && a.anyKeys() != null) return "Point Reads on " + t.name() + " (each key of an array)";
    String ranges = kv.rangesTouched(t.keyPrefix(), t.keyEnd());
    String where = ranges.isEmpty() ? "" : " (" + ranges + ")";
    if (a != null && a.index() != null) {
      IndexDef ix = a.index().index();
      int ranged = Math.max(a.index().lo() == null ? 0 : a.index().lo().size(), a.index().hi() == null ? 0 : a.index().hi().size());
      String bounds = a.index().eq().size() + " equal key columns"
          + (ranged == 1 ? " and a range" : ranged > 1 ? " and a range over " + ranged + " columns" : "");
      return ix.id() == TableDef.PRIMARY_INDEX ? "Key Range Scan on " + t.name() + " (" + bounds + ")" + where
          : "Index Range Scan using " + ix.name() + " on " + t.name() + " (" + bounds + ")" + where;
    }
    return "Scan on " + t.name() + where;
  }

  private final java.util.Set<Rel.Scan> explainLookups =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private void explainRel(Rel rel, int depth, List<String> out, java.util.Map<Object, long[]> stats) {
    if (rel instanceof Rel.Truncate t) {
      explainRel(t.in(), depth, out, stats);
      return;
    }
    long[] st = stats == null ? null : stats.get(rel);
    String actual = st == null ? "" : "  (actual rows=" + st[0] + " time=" + ms(st[1]) + " ms"
        + (st[2] > 1 ? " loops=" + st[2] : "") + ")";
    List<Rel> inputs = new ArrayList<>();
    String text;
    if (rel instanceof Rel.Scan s && explainLookups.contains(s)) {
      text = "Key Lookup on " + s.table().name() + " (the other side's join keys; a scan past " + MAX_LOOKUP_KEYS + " keys)";
    } else if (rel instanceof Rel.Scan s) {
      text = access(s.table(), s.access()) + (s.access() != null && s.access().filter() != null ? " with filter"
          + (pushable(s.access()) ? storageFilterNote(s.table(), s.access().filter()) : "") : "");
    } else if (rel instanceof Rel.Series) {
      text = "Function Scan on generate_series";
    } else if (rel instanceof Rel.FunctionScan f) {
      text = "Function Scan on " + f.name();
    } else if (rel instanceof Rel.Unnest) {
      text = "Function Scan on unnest";
    } else if (rel instanceof Rel.ProjectSet p) {
      text = "ProjectSet (" + p.srfs().size() + " set-returning functions)";
      inputs.add(p.in());
    } else if (rel instanceof Rel.OneRow) {
      text = "Result";
    } else if (rel instanceof Rel.ValuesRows v) {
      text = "Values Scan (" + v.rows().size() + " rows)";
    } else if (rel instanceof Rel.Filter f) {
      text = "Filter";
      inputs.add(f.in());
    } else if (rel instanceof Rel.Project p) {
      text = "Project (" + p.exprs().size() + " columns)";
      inputs.add(p.in());
    } else if (rel instanceof Rel.Join j) {
      String kind = j.kind().name().charAt(0) + j.kind().name().substring(1).toLowerCase(java.util.Locale.ROOT);
      text = (j.lateral() ? "Nested Loop Lateral" : j.leftKeys().length > 0 ? "Hash Join" : "Nested Loop") + " (" + kind + ")";
      inputs.add(j.left());
      inputs.add(j.right());
    } else if (rel instanceof Rel.Aggregate a) {
      text = "HashAggregate (" + a.groupBy().size() + " group keys, " + a.aggs().size() + " aggregates"
          + (a.sets() == null ? "" : ", " + a.sets().size() + " grouping sets") + ")";
      inputs.add(a.in());
    } else if (rel instanceof Rel.Window w) {
      text = "WindowAgg (" + w.calls().size() + " window functions)";
      inputs.add(w.in());
    } else if (rel instanceof Rel.Sort s) {
      text = "Sort (" + s.keys().size() + " keys)";
      inputs.add(s.in());
    } else if (rel instanceof Rel.Distinct d) {
      text = d.adjacentOnly() ? "Unique (DISTINCT ON " + d.keys() + " keys)" : "HashDistinct";
      inputs.add(d.in());
    } else if (rel instanceof Rel.Limit l) {
      text = "Limit";
      inputs.add(l.in());
    } else if (rel instanceof Rel.SetOp s) {
      String k = s.kind().name().charAt(0) + s.kind().name().substring(1).toLowerCase(java.util.Locale.ROOT);
      text = k + (s.all() ? " All" : "");
      inputs.add(s.left());
      inputs.add(s.right());
    } else if (rel instanceof Rel.CteRef c) {
      text = "CTE Scan (WITH query " + c.id() + ")";
      inputs.add(c.definition());
    } else if (rel instanceof Rel.WorkTable w) {
      text = "WorkTable Scan (WITH query " + w.id() + ")";
    } else if (rel instanceof Rel.DmlResult d) {
      text = "RETURNING rows of WITH query " + d.id();
    } else if (rel instanceof Rel.RecursiveCte r) {
      text = "Recursive Union" + (r.all() ? " All" : "");
      inputs.add(r.anchor());
      inputs.add(r.recursive());
    } else {
      text = rel.getClass().getSimpleName();
    }
    out.add(line(depth, text + actual));
    for (Rel in : inputs) explainRel(in, depth + 1, out, stats);
  }

  /**
   * A relational query: reads every table scan it names (point reads or filtered scans, pages in
   * key order), then evaluates the operator tree in memory, within the query's memory limit.
   */
  public CompletionStage<Cursor> query(Plan.Query q, Cursors.Completion completion) {
    return evaluate(q).thenApply(rows -> {
      completion.accept(null);
      return Cursors.list(q.columns(), rows, "SELECT " + rows.size());
    });
  }

  /**
   * Reads a relational query's scans, then evaluates it: all its rows. A scan a join can read by
   * key ({@link LookupJoins}) is read last: the join's other side is evaluated first and, if it
   * yields at most {@link #MAX_LOOKUP_KEYS} keys, only those rows are read.
   */
  private CompletionStage<List<Object[]>> evaluate(Plan.Query q) {
    RelEval eval = new RelEval(ctx, config.queryMemoryLimit());
    if (explainStats != null) eval.recordStats(explainStats);
    eval.modifyingResults(modifyingResults);
    ctx.subqueries = eval;
    if (preRead != null) {
      for (Rel.Scan s : q.scans()) eval.addScanRows(s.id(), preRead.getOrDefault(s.id(), List.of()));
      return CompletableFuture.completedFuture(eval.eval(q.query().root()));
    }
    List<LookupJoins.Lookup> lookups = LookupJoins.find(q.query().root());
    java.util.Set<Rel.Scan> deferred = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (LookupJoins.Lookup l : lookups) deferred.add(l.scan());
    java.util.Iterator<Rel.Scan> scans = q.scans().stream().filter(s -> !deferred.contains(s)).iterator();
    return AsyncLoop.loop(() -> {
      if (!scans.hasNext()) return CompletableFuture.completedFuture(false);
      return readScan(scans.next(), eval).thenApply(v -> true);
    }).thenCompose(v -> readLookups(lookups, deferred, eval))
        .thenApply(v -> eval.eval(q.query().root()));
  }

  /** Above this many distinct keys from the other side, a lookup join's table is scanned instead. */
  static final int MAX_LOOKUP_KEYS = 10_000;

  /** Point reads go to storage in batches of this many keys. */
  private static final int LOOKUP_BATCH = 2048;

  private CompletionStage<Void> readScan(Rel.Scan s, RelEval eval) {
    RowSource src = base(s.table(), s.access(), config.scanPageSize());
    long t0 = System.nanoTime();
    return AsyncLoop.loop(() -> src.next().thenApply(rows -> {
      if (rows == null) return false;
      addScanRows(s, rows, eval);
      return true;
    })).thenApply(v -> {
      if (explainStats != null) explainStats.computeIfAbsent(s, k -> new long[3])[1] += System.nanoTime() - t0;
      return null;
    });
  }

  private void addScanRows(Rel.Scan s, List<Object[]> rows, RelEval eval) {
    if (s.forUpdate()) for (Object[] r : rows) txn.lock(s.table().key(r));
    eval.addScanRows(s.id(), rows);
  }

  /** Reads the deferred scans, each once the scans its join's other side needs are read. */
  private CompletionStage<Void> readLookups(List<LookupJoins.Lookup> lookups, java.util.Set<Rel.Scan> pending,
      RelEval eval) {
    return AsyncLoop.loop(() -> {
      if (pending.isEmpty()) return CompletableFuture.completedFuture(false);
      LookupJoins.Lookup ready = null;
      for (LookupJoins.Lookup l : lookups) {
        if (!pending.contains(l.scan())) continue;
        boolean partnerRead = true;
        for (Rel.Scan s : LookupJoins.scansWithin(l.partner(), lookups)) partnerRead &= !pending.contains(s);
        if (partnerRead) {
          ready = l;
          break;
        }
      }
      if (ready == null) throw new IllegalStateException("lookup joins depend on each other");
      LookupJoins.Lookup l = ready;
      pending.remove(l.scan());
      List<Object[]> partnerRows = eval.eval(l.partner());
      eval.evaluatedAhead(l.partner(), partnerRows);
      List<byte[]> keys = lookupKeys(l, partnerRows);
      if (keys == null) return readScan(l.scan(), eval).thenApply(v -> true);
      long t0 = System.nanoTime();
      java.util.Iterator<List<byte[]>> batches = partition(keys, LOOKUP_BATCH).iterator();
      Expr filter = l.scan().access() == null ? null : l.scan().access().filter();
      return AsyncLoop.loop(() -> {
        if (!batches.hasNext()) return CompletableFuture.completedFuture(false);
        return queryReader.getAll(batches.next()).thenApply(values -> {
          addScanRows(l.scan(), rowsOf(l.scan().table(), values, filter), eval);
          return true;
        });
      }).thenApply(v -> {
        if (explainStats != null) explainStats.computeIfAbsent(l.scan(), k -> new long[3])[1] += System.nanoTime() - t0;
        return true;
      });
    }).thenApply(v -> null);
  }

  private static <T> List<List<T>> partition(List<T> list, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i += size) out.add(list.subList(i, Math.min(list.size(), i + size)));
    return out;
  }

  /**
   * The distinct primary keys the other side's rows name, in key order; null when there are too
   * many, or a value cannot be turned into a key column's type for certain (the table is then
   * scanned). A row with a null key value matches nothing.
   */
  private List<byte[]> lookupKeys(LookupJoins.Lookup l, List<Object[]> partnerRows) {
    TableDef t = l.scan().table();
    int[] pk = t.pk();
    java.util.TreeSet<byte[]> keys = new java.util.TreeSet<>(org.opendsql.core.codec.Bytes.UNSIGNED);
    List<Object> vals = new ArrayList<>(pk.length);
    rows:
    for (Object[] row : partnerRows) {
      vals.clear();
      for (int i = 0; i < pk.length; i++) {
        Object v = row[l.partnerSlots()[i]];
        if (v == null) continue rows;
        Object k = keyValue(v, t.column(pk[i]).type());
        if (k == UNCONVERTIBLE) return null;
        if (k == NO_MATCH) continue rows;
        vals.add(k);
      }
      keys.add(t.keyOf(vals));
      if (keys.size() > MAX_LOOKUP_KEYS) return null;
    }
    return new ArrayList<>(keys);
  }

  private static final Object UNCONVERTIBLE = new Object();

  /**
   * {@code v} as a value of key type {@code type} equal to it under the join's comparison;
   * NO_MATCH when no value of the type equals it (1.5 for an integer key); UNCONVERTIBLE where the
   * comparison and the key encoding could disagree (floats' signed zeros, blank-padded text).
   */
  private static Object keyValue(Object v, PgType type) {
    switch (type) {
      case INT2, INT4, INT8 -> {
        if (!(v instanceof Number n)) return UNCONVERTIBLE;
        BigDecimal d = n instanceof BigDecimal b ? b : n instanceof Double || n instanceof Float
            ? null : BigDecimal.valueOf(n.longValue());
        if (d == null) return UNCONVERTIBLE;
        try {
          long x = d.longValueExact();
          if (type == PgType.INT2) return x == (short) x ? (Object) (short) x : NO_MATCH;
          if (type == PgType.INT4) return x == (int) x ? (Object) (int) x : NO_MATCH;
          return x;
        } catch (ArithmeticException e) {
          return NO_MATCH;
        }
      }
      case NUMERIC -> {
        if (v instanceof BigDecimal b) return b;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return BigDecimal.valueOf(((Number) v).longValue());
        return UNCONVERTIBLE;
      }
      case TEXT, VARCHAR -> {
        return v instanceof String ? v : UNCONVERTIBLE;
      }
      case UUID, DATE, TIMESTAMP, TIMESTAMPTZ, BOOL -> {
        Class<?> c = switch (type) {
          case UUID -> java.util.UUID.class;
          case DATE -> java.time.LocalDate.class;
          case TIMESTAMP -> java.time.LocalDateTime.class;
          case TIMESTAMPTZ -> java.time.Instant.class;
          default -> Boolean.class;
        };
        return c.isInstance(v) ? v : UNCONVERTIBLE;
      }
      default -> {
        return UNCONVERTIBLE;
      }
    }
  }


  /**
   * The rows a DML statement acts on, each once: read through its access path, or, with a source
   * (other tables, subqueries), the source's rows {@code [target row..., other columns...]} with
   * the first row of each target key kept.
   */
  private CompletionStage<List<Object[]>> dmlRows(TableDef t, Plan.Access access, Plan.Query source) {
    if (source == null) return collect(base(t, access, config.scanPageSize()), config.maxRowsPerTxn());
    return evaluate(source).thenApply(rows -> {
      java.util.Set<java.nio.ByteBuffer> seen = new java.util.HashSet<>();
      List<Object[]> out = new ArrayList<>();
      int width = t.columns().size();
      for (Object[] r : rows) {
        if (!seen.add(java.nio.ByteBuffer.wrap(t.key(Arrays.copyOf(r, width))))) continue;
        out.add(r);
        if (out.size() > config.maxRowsPerTxn()) throw Errors.rowLimit();
      }
      return out;
    });
  }

  /**
   * FOR UPDATE: each table row read past the filter joins the transaction's conflict set as it is
   * read. A LIMIT stops the reads, and so the locking, after the page that satisfied it; rows an
   * OFFSET skips are locked, as in PostgreSQL; a sort reads, and so locks, every matching row.
   */
  private RowSource locking(Plan.Select p, RowSource src) {
    if (!p.forUpdate() || p.table() == null) return src;
    TableDef t = p.table();
    return () -> src.next().thenApply(rows -> {
      if (rows != null) for (Object[] r : rows) txn.lock(t.key(r));
      return rows;
    });
  }

  private long count(Expr e, Supplier<DbException> negative) {
    if (e == null) return -1;
    Object v = e.eval(ctx.withRow(null));
    if (v == null) return -1;
    long n = ((Number) v).longValue();
    if (n < 0) throw negative.get();
    return n;
  }

  private List<Object[]> project(List<Object[]> rows, List<Expr> outputs, int n) {
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      ctx.withRow(r);
      Object[] o = new Object[n];
      for (int i = 0; i < n; i++) o[i] = outputs.get(i).eval(ctx);
      out.add(o);
    }
    return out;
  }

  private static List<Object[]> distinct(List<Object[]> rows, int visible) {
    Set<List<Object>> seen = new LinkedHashSet<>();
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows) {
      List<Object> k = new ArrayList<>(visible);
      for (int i = 0; i < visible; i++) {
        Object v = r[i];
        if (v instanceof java.math.BigDecimal d) v = d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
        if (v instanceof byte[] b) v = ByteBuffer.wrap(b);
        k.add(v);
      }
      if (seen.add(k)) out.add(r);
    }
    return out;
  }

  static Comparator<Object[]> comparator(List<Plan.SortKey> keys) {
    return (a, b) -> {
      for (Plan.SortKey k : keys) {
        Object x = a[k.outputIndex()];
        Object y = b[k.outputIndex()];
        int c;
        if (x == null || y == null) {
          if (x == y) continue;
          c = (x == null) == k.nullsFirst() ? -1 : 1;
          return c;
        }
        c = Values.compare(x, y);
        if (c != 0) return k.asc() ? c : -c;
      }
      return 0;
    };
  }

  // ---------------------------------------------------------------- DML

  /** A DML statement's outcome: its RETURNING rows and its command tag. */
  private record Done(List<Object[]> rows, String tag) {}

  private static CompletionStage<Cursor> cursor(Plan p, CompletionStage<Done> done) {
    return done.thenApply(d -> Cursors.list(p.columns(), d.rows(), d.tag()));
  }

  public CompletionStage<Cursor> insert(Plan.Insert p) {
    return cursor(p, insertDone(p));
  }

  private CompletionStage<Done> insertDone(Plan.Insert p) {
    if (p.source() == null) return insertRows(p, p.rows(), null);
    return evaluate(p.source()).thenCompose(rows -> {
      if (rows.size() > config.maxRowsPerTxn()) throw Errors.rowLimit();
      return insertRows(p, java.util.Collections.nCopies(rows.size(), p.rows().get(0)), rows);
    });
  }

  /** {@code sources}: the source row each template row reads (INSERT ... SELECT), or null. */
  private CompletionStage<Done> insertRows(Plan.Insert p, List<Expr[]> templates, List<Object[]> sources) {
    TableDef t = p.table();
    Iterator<Expr[]> rows = templates.iterator();
    List<Object[]> returned = new ArrayList<>();
    java.util.Set<java.nio.ByteBuffer> touched = new java.util.HashSet<>();
    int[] n = {0};
    int[] next = {0};
    return AsyncLoop.loop(() -> {
      if (!rows.hasNext()) return CompletableFuture.completedFuture(false);
      Object[] source = sources == null ? null : sources.get(next[0]++);
      Object[] row = buildRow(t, rows.next(), p.defaults(), source);
      byte[] key = t.key(row);
      CompletionStage<Object[]> conflict = p.onConflict() == null ? CompletableFuture.completedFuture(null)
          : conflicting(t, p.onConflict(), row);
      return conflict.thenCompose(clash -> {
        if (clash != null) {
          if (p.onConflict().doNothing()) return CompletableFuture.completedFuture(true);
          byte[] clashKey = t.key(clash);
          if (!touched.add(java.nio.ByteBuffer.wrap(clashKey))) throw Errors.onConflictAffectsRowTwice();
          return upsert(p, t, clashKey, clash, row, returned, n);
        }
        return reader.get(key).thenCompose(existing -> {
          if (existing != null) throw duplicate(t, row);
          return maintainIndexes(t, null, row).thenApply(v -> {
            putRow(key, t.encodeRow(row));
            touched.add(java.nio.ByteBuffer.wrap(key));
            n[0]++;
            addReturning(p.returning(), row, returned);
            return true;
          });
        });
      });
    }).thenApply(v -> new Done(returned, "INSERT 0 " + n[0]));
  }

  /** The existing row that holds the proposed row's key in one of the arbiters, or null. */
  private CompletionStage<Object[]> conflicting(TableDef t, Plan.OnConflict oc, Object[] row) {
    CompletionStage<Object[]> found = oc.primaryArbiter()
        ? reader.get(t.key(row)).thenApply(v -> v == null ? null : t.decodeRow(v))
        : CompletableFuture.completedFuture(null);
    for (IndexDef ix : oc.arbiterIndexes()) {
      found = found.thenCompose(prev -> {
        if (prev != null || !t.uniqueKeyed(ix, row)) return CompletableFuture.completedFuture(prev);
        return reader.get(t.indexKey(ix, row)).thenCompose(entry -> entry == null
            ? CompletableFuture.completedFuture(null)
            : reader.get(t.key(t.decodeRow(entry))).thenApply(v -> v == null ? null : t.decodeRow(v)));
      });
    }
    return found;
  }

  /** ON CONFLICT DO UPDATE: the existing row, updated from {@code [existing..., proposed...]}. */
  private CompletionStage<Boolean> upsert(Plan.Insert p, TableDef t, byte[] key, Object[] existing, Object[] proposed,
      List<Object[]> returned, int[] n) {
    Plan.OnConflict oc = p.onConflict();
    Object[] both = new Object[existing.length * 2];
    System.arraycopy(existing, 0, both, 0, existing.length);
    System.arraycopy(proposed, 0, both, existing.length, proposed.length);
    ctx.withRow(both);
    if (oc.where() != null && !Boolean.TRUE.equals(oc.where().eval(ctx))) return CompletableFuture.completedFuture(true);
    Object[] row = existing.clone();
    for (int i = 0; i < oc.setSlots().length; i++) {
      Expr e = oc.setValues().get(i);
      ColumnDef c = t.column(oc.setSlots()[i]);
      ctx.withRow(both);
      row[oc.setSlots()[i]] = Values.cast(e.eval(ctx), e.type(), c.type(), c.typmod(), false);
    }
    checkRow(t, row);
    byte[] newKey = t.key(row);
    if (Arrays.equals(key, newKey)) {
      return maintainIndexes(t, existing, row).thenApply(v -> {
        putRow(key, t.encodeRow(row));
        n[0]++;
        addReturning(p.returning(), row, returned);
        return true;
      });
    }
    return reader.get(newKey).thenCompose(clash -> {
      if (clash != null) throw duplicate(t, row);
      return maintainIndexes(t, existing, row).thenApply(v -> {
        putRow(key, null);
        putRow(newKey, t.encodeRow(row));
        n[0]++;
        addReturning(p.returning(), row, returned);
        return true;
      });
    });
  }

  private Object[] buildRow(TableDef t, Expr[] values, Expr[] defaults, Object[] source) {
    Object[] row = new Object[t.columns().size()];
    ctx.withRow(source);
    for (int s = 0; s < row.length; s++) {
      ColumnDef c = t.column(s);
      if (c.hidden()) {
        row[s] = kv.uniqueId();
        continue;
      }
      Expr e = values[s] != null ? values[s] : defaults[s];
      if (e != null) row[s] = Values.cast(e.eval(ctx), e.type(), c.type(), c.typmod(), false);
    }
    checkRow(t, row);
    return row;
  }

  /** A table's CHECK constraints bound to its rows, in name order (PostgreSQL's): bound once per definition. */
  private static final java.util.Map<TableDef, List<Object[]>> BOUND_CHECKS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static List<Object[]> boundChecks(TableDef t) {
    if (t.checks().isEmpty()) return List.of();
    return BOUND_CHECKS.computeIfAbsent(t, d -> d.checks().stream()
        .sorted(java.util.Comparator.comparing(org.opendsql.sql.catalog.CheckDef::name))
        .map(c -> new Object[] {c.name(), org.opendsql.sql.plan.Planner.bindCheck(d, c.sql())})
        .toList());
  }

  /** NOT NULL, then CHECK constraints: a row fails a check only when it evaluates to false. */
  private void checkRow(TableDef t, Object[] row) {
    checkNotNull(t, row);
    for (Object[] c : boundChecks(t)) {
      if (Boolean.FALSE.equals(((Expr) c[1]).eval(ctx.withRow(row)))) {
        throw Errors.checkViolation(t.name(), (String) c[0], tuple(t, row, null));
      }
    }
  }

  private static void checkNotNull(TableDef t, Object[] row) {
    for (int s = 0; s < row.length; s++) {
      ColumnDef c = t.column(s);
      if (c.notNull() && row[s] == null) {
        throw Errors.notNullViolation(c.name(), t.name(), tuple(t, row, null));
      }
    }
  }

  private static String tuple(TableDef t, Object[] row, int[] slots) {
    StringBuilder sb = new StringBuilder("(");
    int[] which = slots != null ? slots
        : java.util.stream.IntStream.range(0, row.length).filter(s -> !t.column(s).hidden()).toArray();
    for (int i = 0; i < which.length; i++) {
      if (i > 0) sb.append(", ");
      Object v = row[which[i]];
      sb.append(v == null ? "null" : PgText.format(t.column(which[i]).type(), v));
    }
    return sb.append(')').toString();
  }

  private static DbException duplicate(TableDef t, Object[] row) {
    int[] pk = t.pk();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < pk.length; i++) {
      if (i > 0) names.append(", ");
      names.append(t.column(pk[i]).name());
    }
    return Errors.uniqueViolation(t.name() + "_pkey", names.toString(), tuple(t, row, pk));
  }

  public CompletionStage<Cursor> update(Plan.Update p) {
    return cursor(p, updateDone(p));
  }

  private CompletionStage<Done> updateDone(Plan.Update p) {
    TableDef t = p.table();
    int width = t.columns().size();
    return dmlRows(t, p.access(), p.source()).thenApply(rows -> notWrittenEarlier(t, rows)).thenCompose(rows -> {
      Iterator<Object[]> it = rows.iterator();
      List<Object[]> returned = new ArrayList<>();
      return AsyncLoop.loop(() -> {
        if (!it.hasNext()) return CompletableFuture.completedFuture(false);
        Object[] joined = it.next();
        Object[] old = joined.length == width ? joined : Arrays.copyOf(joined, width);
        Object[] row = old.clone();
        for (int i = 0; i < p.setSlots().length; i++) {
          Expr e = p.setValues().get(i);
          ColumnDef c = t.column(p.setSlots()[i]);
          ctx.withRow(joined);
          row[p.setSlots()[i]] = Values.cast(e.eval(ctx), e.type(), c.type(), c.typmod(), false);
        }
        checkRow(t, row);
        Object[] after = joined.clone();
        System.arraycopy(row, 0, after, 0, width);
        byte[] oldKey = t.key(old);
        byte[] newKey = t.key(row);
        if (Arrays.equals(oldKey, newKey)) {
          return maintainIndexes(t, old, row).thenApply(v -> {
            putRow(oldKey, t.encodeRow(row));
            addReturning(p.returning(), after, returned);
            return true;
          });
        }
        return reader.get(newKey).thenCompose(existing -> {
          if (existing != null) throw duplicate(t, row);
          return maintainIndexes(t, old, row).thenApply(v -> {
            putRow(oldKey, null);
            putRow(newKey, t.encodeRow(row));
            addReturning(p.returning(), after, returned);
            return true;
          });
        });
      }).thenApply(v -> new Done(returned, "UPDATE " + rows.size()));
    });
  }

  /**
   * Moves a row's secondary index entries from {@code old} to {@code row} (either may be null),
   * refusing a value a unique index already holds (23505). The entries are written in this
   * transaction like the row, so a concurrent writer of the same unique value conflicts at commit.
   */
  private CompletionStage<Void> maintainIndexes(TableDef t, Object[] old, Object[] row) {
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (IndexDef ix : t.indexes()) {
      byte[] oldKey = old == null ? null : t.indexKey(ix, old);
      byte[] newKey = row == null ? null : t.indexKey(ix, row);
      boolean same = oldKey != null && newKey != null && Arrays.equals(oldKey, newKey);
      if (oldKey != null && !same) txn.put(oldKey, null, false);
      if (newKey == null) continue;
      byte[] value = t.indexValue(ix, row);
      if (same || !t.uniqueKeyed(ix, row)) {
        txn.put(newKey, value, false);
        continue;
      }
      chain = chain.thenCompose(v -> reader.get(newKey).thenApply(existing -> {
        if (existing != null) throw uniqueViolation(t, ix, row);
        txn.put(newKey, value, false);
        return null;
      }));
    }
    return chain;
  }

  private static DbException uniqueViolation(TableDef t, IndexDef ix, Object[] row) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < ix.keySlots().length; i++) {
      if (i > 0) names.append(", ");
      names.append(t.column(ix.keySlots()[i]).name());
    }
    return Errors.uniqueViolation(ix.name(), names.toString(), tuple(t, row, ix.keySlots()));
  }

  private void addReturning(List<Expr> returning, Object[] row, List<Object[]> out) {
    if (!returning.isEmpty()) out.addAll(project(List.<Object[]>of(row), returning, returning.size()));
  }

  public CompletionStage<Cursor> delete(Plan.Delete p) {
    return cursor(p, deleteDone(p));
  }

  private CompletionStage<Done> deleteDone(Plan.Delete p) {
    TableDef t = p.table();
    int width = t.columns().size();
    return dmlRows(t, p.access(), p.source()).thenApply(rows -> notWrittenEarlier(t, rows)).thenApply(rows -> {
      List<Object[]> returned = new ArrayList<>();
      for (Object[] joined : rows) {
        Object[] row = joined.length == width ? joined : Arrays.copyOf(joined, width);
        for (IndexDef ix : t.indexes()) txn.put(t.indexKey(ix, row), null, false);
        putRow(t.key(row), null);
        addReturning(p.returning(), joined, returned);
      }
      return new Done(returned, "DELETE " + rows.size());
    });
  }

  /**
   * Buffers a table row's write (null: its deletion), noting its key while the statement's parts
   * run (data-modifying WITH), so that a later part leaves that row alone.
   */
  private void putRow(byte[] key, byte[] value) {
    txn.put(key, value, true);
    if (thisPart != null) thisPart.add(ByteBuffer.wrap(key));
  }

  /**
   * The rows an UPDATE or DELETE acts on, less those an earlier part of the same statement
   * wrote: PostgreSQL skips a row its own command already changed.
   */
  private List<Object[]> notWrittenEarlier(TableDef t, List<Object[]> rows) {
    if (earlierParts == null || earlierParts.isEmpty()) return rows;
    int width = t.columns().size();
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      if (!earlierParts.contains(ByteBuffer.wrap(t.key(r.length == width ? r : Arrays.copyOf(r, width))))) out.add(r);
    }
    return out;
  }

  // ---------------------------------------------------------------- data-modifying WITH

  /**
   * A statement with data-modifying WITH queries (or a DML statement with WITH): every table scan
   * of every part is read first, from one snapshot, and every part reads the transaction's
   * writes as they were before the statement; then the parts run in the plan's order, each
   * data-modifying WITH query exactly once, its RETURNING rows kept for the parts that read them.
   */
  public CompletionStage<Cursor> modifyingWith(Plan.ModifyingWith w, Cursors.Completion completion) {
    queryReader = reader.snapshot();
    earlierParts = new java.util.HashSet<>();
    java.util.Map<Integer, List<Object[]>> scanned = new java.util.HashMap<>();
    java.util.Iterator<Rel.Scan> scans = w.scans().iterator();
    CompletionStage<Void> read = AsyncLoop.loop(() -> {
      if (!scans.hasNext()) return CompletableFuture.completedFuture(false);
      Rel.Scan s = scans.next();
      List<Object[]> rows = new ArrayList<>();
      scanned.put(s.id(), rows);
      RowSource src = base(s.table(), s.access(), config.scanPageSize());
      return AsyncLoop.loop(() -> src.next().thenApply(page -> {
        if (page == null) return false;
        if (s.forUpdate()) for (Object[] r : page) txn.lock(s.table().key(r));
        rows.addAll(page);
        return true;
      })).thenApply(v -> true);
    });
    Done[] main = {null};
    List<Plan.ModifyingStep> before = w.steps().stream().filter(Plan.ModifyingStep::beforeMain).toList();
    List<Plan.ModifyingStep> after = w.steps().stream().filter(x -> !x.beforeMain()).toList();
    return read.thenCompose(v -> {
      preRead = scanned;
      return steps(before.iterator());
    }).thenCompose(v -> part(w.main()).thenAccept(d -> main[0] = d))
        .thenCompose(v -> steps(after.iterator()))
        .thenApply(v -> {
          completion.accept(null);
          return Cursors.list(w.columns(), main[0].rows(), main[0].tag());
        });
  }

  private CompletionStage<Void> steps(Iterator<Plan.ModifyingStep> it) {
    return AsyncLoop.loop(() -> {
      if (!it.hasNext()) return CompletableFuture.completedFuture(false);
      Plan.ModifyingStep step = it.next();
      return part(step.dml()).thenApply(d -> {
        modifyingResults.put(step.id(), d.rows());
        return true;
      });
    });
  }

  /** One part of the statement; the rows it writes are off limits to the parts after it. */
  private CompletionStage<Done> part(Plan p) {
    thisPart = new java.util.HashSet<>();
    CompletionStage<Done> d;
    if (p instanceof Plan.Insert i) d = insertDone(i);
    else if (p instanceof Plan.Update u) d = updateDone(u);
    else if (p instanceof Plan.Delete x) d = deleteDone(x);
    else if (p instanceof Plan.Query q) d = evaluate(q).thenApply(rows -> new Done(rows, "SELECT " + rows.size()));
    else throw Errors.internal("unexpected part " + p.getClass().getSimpleName());
    return d.thenApply(done -> {
      earlierParts.addAll(thisPart);
      thisPart = null;
      return done;
    });
  }

  // ---------------------------------------------------------------- DDL

  public CompletionStage<Void> createTable(Plan.CreateTable p) {
    byte[] catalogKey = CatalogKeys.tableKey(p.name());
    SequenceDdl sequences = new SequenceDdl(txn, reader);
    return sequences.nameFree(p.name()).thenCompose(free -> {
      if (!free) {
        if (p.ifNotExists()) return CompletableFuture.completedFuture(null);
        throw Errors.duplicateTable(p.name());
      }
      return sequences.createIdentities(p.name(), p.columnDefs(), p.identities()).thenCompose(columns -> {
        byte[] counterKey = CatalogKeys.counterKey();
        return reader.get(counterKey).thenApply(c -> {
          long id = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
          txn.put(counterKey, ByteBuffer.allocate(8).putLong(id + 1).array(), false);
          TableDef def = new TableDef(id, p.name(), columns, p.pk(), p.hiddenPk(), p.indexes(), p.checks(), 0);
          txn.put(catalogKey, def.serialize(), false);
          return null;
        });
      });
    });
  }

  public CompletionStage<Void> createSequence(Plan.CreateSequence p) {
    return new SequenceDdl(txn, reader).create(p);
  }

  public CompletionStage<Void> alterSequence(Plan.AlterSequence p) {
    return new SequenceDdl(txn, reader).alter(p);
  }

  public CompletionStage<Void> dropSequence(Plan.DropSequence p) {
    return new SequenceDdl(txn, reader).drop(p);
  }

  /**
   * Deletes the catalog row; the table's rows and index entries are deleted after the commit
   * ({@link Reclaimer}): no statement can reach them once the name is gone, as ids are never reused.
   */
  public CompletionStage<Void> dropTable(Plan.DropTable p) {
    byte[] catalogKey = CatalogKeys.tableKey(p.name());
    txn.addSchemaKey(catalogKey);
    byte[] sequenceKey = CatalogKeys.sequenceKey(p.name());
    return reader.getAll(List.of(catalogKey, sequenceKey)).thenCompose(found -> {
      byte[] existing = found.get(0);
      if (existing == null) {
        if (found.get(1) != null) throw Errors.notATable(p.name());
        if (p.ifExists()) return CompletableFuture.completedFuture(null);
        throw Errors.undefinedTable(p.name());
      }
      TableDef def = TableDef.deserialize(existing);
      if (def.isView()) throw Errors.notATable(p.name(), "Use DROP VIEW to remove a view.");
      txn.put(catalogKey, null, false);
      retire(def);
      CompletionStage<Void> cancel = def.indexes().stream().anyMatch(IndexDef::building) ? cancelJobs(def, 0)
          : CompletableFuture.completedFuture(null);
      return cancel.thenCompose(x -> new SequenceDdl(txn, reader).dropOwned(def));
    });
  }

  // ---------------------------------------------------------------- views

  /**
   * CREATE [OR REPLACE] VIEW: a catalog entry in the tables' namespace holding the query and its
   * output columns ({@code columns}, from planning it). Replacing keeps the old columns, in order,
   * with their names and types, and may add columns after them, as PostgreSQL requires.
   */
  public CompletionStage<Void> createView(Plan.CreateView p, List<ColumnDef> columns) {
    byte[] key = CatalogKeys.tableKey(p.name());
    txn.addSchemaKey(key);
    return reader.getAll(List.of(key, CatalogKeys.sequenceKey(p.name()))).thenCompose(found -> {
      if (found.get(1) != null) throw Errors.duplicateRelation(p.name());
      String sql = p.query().toString();
      if (found.get(0) != null) {
        TableDef old = TableDef.deserialize(found.get(0));
        if (!p.orReplace()) throw Errors.duplicateRelation(p.name());
        if (!old.isView()) throw Errors.notAView(p.name());
        if (columns.size() < old.columns().size()) throw Errors.viewDropsColumns();
        for (int i = 0; i < old.columns().size(); i++) {
          ColumnDef was = old.column(i);
          ColumnDef now = columns.get(i);
          if (!was.name().equals(now.name())) throw Errors.viewColumnChanged("name", was.name());
          if (was.type() != now.type() || was.typmod() != now.typmod()) throw Errors.viewColumnChanged("data type", was.name());
        }
        txn.put(key, TableDef.view(old.id(), p.name(), columns, sql).serialize(), false);
        return CompletableFuture.<Void>completedFuture(null);
      }
      byte[] counterKey = CatalogKeys.counterKey();
      return reader.get(counterKey).thenApply(c -> {
        long id = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
        txn.put(counterKey, ByteBuffer.allocate(8).putLong(id + 1).array(), false);
        txn.put(key, TableDef.view(id, p.name(), columns, sql).serialize(), false);
        return null;
      });
    });
  }

  public CompletionStage<Void> dropView(Plan.DropView p) {
    List<byte[]> keys = new ArrayList<>();
    for (String n : p.names()) {
      byte[] k = CatalogKeys.tableKey(n);
      keys.add(k);
      txn.addSchemaKey(k);
    }
    return reader.getAll(keys).thenApply(found -> {
      for (int i = 0; i < keys.size(); i++) {
        String n = p.names().get(i);
        if (found.get(i) == null) {
          if (p.ifExists()) continue;
          throw Errors.undefinedView(n);
        }
        if (!TableDef.deserialize(found.get(i)).isView()) throw Errors.notAView(n);
        txn.put(keys.get(i), null, false);
      }
      return null;
    });
  }

  /**
   * COMMENT ON: the comment lives in its table's definition (keyed by column, index or constraint
   * id), so it is written, renamed and dropped with the table on the normal DDL path.
   */
  public CompletionStage<Void> comment(Plan.Comment given) {
    // An empty comment removes the comment, as in PostgreSQL.
    Plan.Comment p = given.text() != null && given.text().isEmpty()
        ? new Plan.Comment(given.target(), given.relation(), given.member(), null) : given;
    if (p.target() == Plan.CommentTarget.INDEX) {
      return tableOfIndex(p.relation()).thenApply(def -> {
        if (def == null) throw Errors.undefinedRelation(p.relation());
        IndexDef ix = def.index(p.relation());
        long ixId = ix != null ? ix.id() : TableDef.PRIMARY_INDEX;
        writeDef(def.withComment("i" + ixId, p.text()));
        return null;
      });
    }
    return reader.get(CatalogKeys.tableKey(p.relation())).thenApply(bytes -> {
      if (bytes == null) throw Errors.undefinedRelation(p.relation());
      TableDef def = TableDef.deserialize(bytes);
      String key = switch (p.target()) {
        case TABLE -> {
          if (def.isView()) throw Errors.notAKindOf(def.name(), "table");
          yield "";
        }
        case VIEW -> {
          if (!def.isView()) throw Errors.notAKindOf(def.name(), "view");
          yield "";
        }
        case COLUMN -> {
          int slot = def.slot(p.member());
          if (slot < 0) throw Errors.undefinedColumnOf(p.member(), def.name());
          yield "c" + def.column(slot).id();
        }
        case CONSTRAINT -> {
          boolean exists = (!def.hiddenPk() && !def.isView() && p.member().equals(def.name() + "_pkey"))
              || def.checks().stream().anyMatch(c -> c.name().equals(p.member()))
              || def.indexes().stream().anyMatch(ix -> ix.constraint() && ix.name().equals(p.member()));
          if (!exists) throw Errors.undefinedConstraint(p.member(), def.name());
          yield "k" + p.member();
        }
        default -> throw Errors.internal("COMMENT ON " + p.target());
      };
      writeDef(def.withComment(key, p.text()));
      return null;
    });
  }

  private void writeDef(TableDef def) {
    byte[] key = CatalogKeys.tableKey(def.name());
    txn.addSchemaKey(key);
    txn.put(key, def.serialize(), false);
  }

  /** The table with the index named {@code name} (its primary key's, {@code table_pkey}, too), or null. */
  private CompletionStage<TableDef> tableOfIndex(String name) {
    TableReader.Scan tables = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
    TableDef[] found = {null};
    return AsyncLoop.loop(() -> tables.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        TableDef def = TableDef.deserialize(e.value());
        if (def.index(name) != null || (!def.isView() && !def.hiddenPk() && name.equals(def.name() + "_pkey"))) found[0] = def;
      }
      return found[0] == null && !page.done();
    })).thenApply(v -> found[0]);
  }

  /** The table's rows and index entries: deleted once this transaction commits. */
  private void retire(TableDef def) {
    txn.retire(def.keyPrefix());
    for (IndexDef ix : def.indexes()) txn.retire(def.indexPrefix(ix));
  }

  // ---------------------------------------------------------------- ALTER TABLE

  /**
   * ALTER TABLE: the actions apply in order to the table's definition, which is written once.
   * What the rows already hold is checked where a change depends on it (SET NOT NULL, ADD CHECK),
   * and changes that would rewrite rows are taken only on a table without rows, as DSQL does for
   * indexes (0A000 otherwise). Every transaction that used the table before fails with OC001.
   */
  public CompletionStage<Void> alterTable(Plan.AlterTable p) {
    byte[] key = CatalogKeys.tableKey(p.tableName());
    txn.addSchemaKey(key);
    return reader.get(key).thenCompose(bytes -> {
      if (bytes == null) {
        if (p.ifExists()) return CompletableFuture.completedFuture(null);
        throw Errors.undefinedRelation(p.tableName());
      }
      TableDef[] def = {TableDef.deserialize(bytes)};
      if (def[0].isView()) throw Errors.notATable(p.tableName(), null);
      Iterator<Plan.AlterAction> actions = p.actions().iterator();
      return AsyncLoop.loop(() -> {
        if (!actions.hasNext()) return CompletableFuture.completedFuture(false);
        return alter(def[0], actions.next()).thenApply(next -> {
          def[0] = next;
          return true;
        });
      }).thenCompose(v -> {
        if (!def[0].name().equals(p.tableName())) {
          byte[] renamed = CatalogKeys.tableKey(def[0].name());
          txn.addSchemaKey(renamed);
          txn.put(key, null, false);
          txn.put(renamed, def[0].serialize(), false);
        } else {
          txn.put(key, def[0].serialize(), false);
        }
        return CompletableFuture.completedFuture(null);
      });
    });
  }

  private CompletionStage<TableDef> alter(TableDef def, Plan.AlterAction a) {
    if (a instanceof Plan.AddColumn c) return addColumn(def, c);
    if (a instanceof Plan.DropColumn c) return dropColumn(def, c);
    if (a instanceof Plan.RenameColumn r) {
      int s = def.slot(r.from());
      if (s < 0) throw Errors.undefinedColumn(r.from());
      if (def.slot(r.to()) >= 0) throw Errors.duplicateColumnOf(r.to(), def.name());
      ColumnDef c = def.column(s);
      TableDef renamed = def.withColumn(s, c.withName(r.to()));
      List<org.opendsql.sql.catalog.CheckDef> checks = new ArrayList<>();
      for (var ck : def.checks()) checks.add(new org.opendsql.sql.catalog.CheckDef(ck.name(), renameIdentifier(ck.sql(), r.from(), r.to())));
      return done(renamed.withChecks(checks));
    }
    if (a instanceof Plan.RenameTable r) {
      return reader.get(CatalogKeys.tableKey(r.to())).thenCompose(other -> {
        if (other != null) throw Errors.duplicateRelation(r.to());
        if (def.indexes().stream().noneMatch(IndexDef::building)) return done(def.withName(r.to()));
        // A build in progress finds its table by name: its job follows the rename in this transaction.
        TableReader.Scan jobs = reader.scan(CatalogKeys.jobsPrefix(), CatalogKeys.jobsEnd(), config.scanPageSize());
        return AsyncLoop.loop(() -> jobs.next().thenApply(page -> {
          for (KvEntry e : page.entries()) {
            org.opendsql.sql.job.IndexJob job = org.opendsql.sql.job.IndexJob.deserialize(e.value());
            if (!job.finished() && job.table().equals(def.name())) txn.put(e.key(), job.onTable(r.to()).serialize(), false);
          }
          return !page.done();
        })).thenApply(v -> def.withName(r.to()));
      });
    }
    if (a instanceof Plan.SetDefault d) {
      int s = slotOf(def, d.column());
      ColumnDef c = def.column(s);
      if (c.identity() != null && d.sql() != null) throw Errors.identityColumnDefault(c.name(), def.name());
      ColumnDef changed = c.withDefault(d.sql());
      if (d.sql() != null) org.opendsql.sql.plan.Planner.bindDefault(changed, new org.opendsql.sql.expr.ParamTypes(null));
      return done(def.withColumn(s, changed));
    }
    if (a instanceof Plan.SetNotNull n) {
      int s = slotOf(def, n.column());
      ColumnDef c = def.column(s);
      if (!n.notNull() && def.isPk(s)) throw Errors.columnInPrimaryKey(c.name());
      if (!n.notNull() && c.identity() != null) throw Errors.identityColumnNotNull(c.name(), def.name());
      TableDef changed = def.withColumn(s, c.withNotNull(n.notNull() || def.isPk(s)));
      if (!n.notNull() || c.notNull()) return done(changed);
      return anyRow(def, row -> row[s] == null).thenApply(found -> {
        if (found) throw Errors.columnContainsNulls(c.name(), def.name());
        return changed;
      });
    }
    if (a instanceof Plan.AddConstraint k) return addConstraint(def, k);
    if (a instanceof Plan.DropConstraint d) return dropConstraint(def, d);
    if (a instanceof Plan.RenameConstraint r) {
      if (constraintTaken(def, r.to())) throw Errors.duplicateConstraint(r.to(), def.name());
      List<org.opendsql.sql.catalog.CheckDef> checks = new ArrayList<>();
      boolean found = false;
      for (var ck : def.checks()) {
        found |= ck.name().equals(r.from());
        checks.add(ck.name().equals(r.from()) ? new org.opendsql.sql.catalog.CheckDef(r.to(), ck.sql()) : ck);
      }
      if (found) return done(def.withChecks(checks));
      IndexDef ix = def.index(r.from());
      if (ix == null || !ix.unique()) throw Errors.undefinedConstraintOf(r.from(), def.name());
      List<IndexDef> ixs = new ArrayList<>();
      for (IndexDef x : def.indexes()) {
        ixs.add(x == ix ? x.withName(r.to()) : x);
      }
      return done(def.withIndexes(ixs));
    }
    throw Errors.internal("unexpected ALTER TABLE action " + a);
  }

  private CompletionStage<TableDef> addColumn(TableDef def, Plan.AddColumn c) {
    if (def.slot(c.name()) >= 0) {
      if (c.ifNotExists()) return done(def);
      throw Errors.duplicateColumnOf(c.name(), def.name());
    }
    org.opendsql.sql.plan.TypeNames.Resolved type = org.opendsql.sql.plan.TypeNames.resolve(c.typeText());
    ColumnDef col = new ColumnDef(0, c.name(), type.type(), type.typmod(), c.notNull() || c.primaryKey(), c.defaultSql(), false);
    Object constantDefault = null;
    boolean volatileDefault = false;
    if (c.defaultSql() != null) {
      Expr d = org.opendsql.sql.plan.Planner.bindDefault(col, new org.opendsql.sql.expr.ParamTypes(null));
      if (d instanceof org.opendsql.sql.expr.Exprs.Const k) constantDefault = k.value();
      else volatileDefault = true;
    }
    TableDef added = def.withAddedColumn(col);
    boolean filled = constantDefault != null || volatileDefault;
    boolean nullsOnly = c.notNull() && !filled;
    boolean indexed = c.unique() || c.primaryKey();
    CompletionStage<Boolean> rows = filled || nullsOnly || indexed ? hasRows(def) : done(false);
    return rows.thenCompose(any -> {
      if (any && nullsOnly) throw Errors.columnContainsNulls(c.name(), def.name());
      if (any && c.primaryKey()) throw Errors.unsupported("ALTER TABLE ... ADD PRIMARY KEY on a table that has rows");
      if (any && c.unique()) throw Errors.indexOnPopulatedTable(def.name());
      // Existing rows would read the new column as NULL: with a default they are rewritten, in
      // this transaction and within its row limit (a volatile default is evaluated per row).
      CompletionStage<TableDef> next = any && filled ? fillColumn(def, added, added.slot(c.name())).thenApply(v -> added)
          : done(added);
      if (c.unique()) {
        next = next.thenCompose(d -> addConstraint(d, new Plan.AddConstraint(null, Plan.ConstraintKind.UNIQUE, List.of(c.name()), null)));
      }
      if (c.primaryKey()) {
        next = next.thenCompose(d -> addConstraint(d, new Plan.AddConstraint(null, Plan.ConstraintKind.PRIMARY_KEY, List.of(c.name()), null)));
      }
      for (String check : c.checks()) {
        next = next.thenCompose(d -> addConstraint(d, new Plan.AddConstraint(null, Plan.ConstraintKind.CHECK, List.of(), check)));
      }
      return next;
    });
  }

  /** Writes every row of the table again with the new column's default in {@code slot}. */
  private CompletionStage<Void> fillColumn(TableDef before, TableDef after, int slot) {
    Expr d = org.opendsql.sql.plan.Planner.bindDefault(after.column(slot), new org.opendsql.sql.expr.ParamTypes(null));
    ColumnDef col = after.column(slot);
    TableReader.Scan scan = reader.scan(before.keyPrefix(), before.keyEnd(), config.scanPageSize());
    return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        Object[] row = after.decodeRow(e.value());
        row[slot] = Values.cast(d.eval(ctx.withRow(null)), d.type(), col.type(), col.typmod(), false);
        putRow(e.key(), after.encodeRow(row));
      }
      return !page.done();
    }));
  }

  private CompletionStage<TableDef> dropColumn(TableDef def, Plan.DropColumn c) {
    int s = def.slot(c.name());
    if (s < 0) {
      if (c.ifExists()) return done(def);
      throw Errors.undefinedColumnOf(c.name(), def.name());
    }
    if (def.isPk(s) && !def.hiddenPk()) throw Errors.unsupported("dropping a primary key column");
    if (def.column(s).ownedSequence() != null) throw Errors.unsupported("dropping a column that owns a sequence");
    long visible = def.columns().stream().filter(x -> !x.hidden()).count();
    if (visible == 1) throw Errors.unsupported("tables without columns");
    List<byte[]> dropped = new ArrayList<>();
    for (IndexDef ix : def.indexes()) {
      for (int k : ix.keySlots()) if (k == s) dropped.add(def.indexPrefix(ix));
      for (int k : ix.includeSlots()) if (k == s) dropped.add(def.indexPrefix(ix));
    }
    TableDef without = def.withoutColumn(s);
    // PostgreSQL drops the constraints that read the column with it.
    List<org.opendsql.sql.catalog.CheckDef> checks = new ArrayList<>();
    for (var ck : def.checks()) {
      try {
        org.opendsql.sql.plan.Planner.bindCheck(without, ck.sql());
        checks.add(ck);
      } catch (DbException e) {
        if (e.state() != SqlState.UNDEFINED_COLUMN) throw e;
      }
    }
    TableDef result = without.withChecks(checks);
    return deleteRanges(dropped.iterator()).thenApply(v -> result);
  }

  private CompletionStage<TableDef> addConstraint(TableDef def, Plan.AddConstraint k) {
    if (k.name() != null && constraintTaken(def, k.name())) throw Errors.duplicateConstraint(k.name(), def.name());
    switch (k.kind()) {
      case CHECK -> {
        org.opendsql.sql.catalog.CheckDef check =
            org.opendsql.sql.plan.Planner.namedCheck(def, k.name(), k.checkSql(), def.checks(), def.indexes());
        Expr e = org.opendsql.sql.plan.Planner.bindCheck(def, check.sql());
        List<org.opendsql.sql.catalog.CheckDef> checks = new ArrayList<>(def.checks());
        checks.add(check);
        return anyRow(def, row -> Boolean.FALSE.equals(e.eval(ctx.withRow(row)))).thenApply(violated -> {
          if (violated) throw Errors.checkViolatedByExistingRow(def.name(), check.name());
          return def.withChecks(checks);
        });
      }
      case UNIQUE -> {
        int[] keys = slots(def, k.columns());
        if (keys.length > IndexDef.MAX_KEY_COLUMNS) throw Errors.tooManyIndexColumns(IndexDef.MAX_KEY_COLUMNS);
        String name = k.name() != null ? k.name()
            : org.opendsql.sql.plan.Planner.uniqueName(def.name() + "_" + String.join("_", k.columns()) + "_key", def.indexes());
        return reader.get(CatalogKeys.tableKey(name)).thenCompose(table -> {
          if (table != null) throw Errors.duplicateRelation(name);
          return hasRows(def);
        }).thenApply(rows -> {
          if (rows) throw Errors.indexOnPopulatedTable(def.name());
          List<IndexDef> all = new ArrayList<>(def.indexes());
          all.add(new IndexDef(def.nextIndexId(), name, keys, new int[0], true, true));
          return def.withIndexes(all);
        });
      }
      default -> {
        if (!def.hiddenPk()) throw Errors.multiplePrimaryKeys(def.name());
        int[] keys = slots(def, k.columns());
        return hasRows(def).thenApply(rows -> {
          if (rows) throw Errors.unsupported("ALTER TABLE ... ADD PRIMARY KEY on a table that has rows");
          List<ColumnDef> cols = new ArrayList<>();
          for (int i = 0; i < def.columns().size(); i++) {
            ColumnDef c = def.column(i);
            if (c.hidden()) continue;
            boolean key = false;
            for (int s : keys) key |= s == i;
            cols.add(key ? c.withNotNull(true) : c);
          }
          // The hidden row id was the last column: the other slots, and so the indexes, stay.
          return new TableDef(def.id(), def.name(), cols, keys, false, def.indexes(), def.checks(), def.nextColumnId());
        });
      }
    }
  }

  private CompletionStage<TableDef> dropConstraint(TableDef def, Plan.DropConstraint d) {
    List<org.opendsql.sql.catalog.CheckDef> checks = new ArrayList<>(def.checks());
    if (checks.removeIf(c -> c.name().equals(d.name()))) return done(def.withChecks(checks));
    IndexDef ix = def.index(d.name());
    if (ix != null && ix.unique()) {
      List<IndexDef> rest = new ArrayList<>(def.indexes());
      rest.remove(ix);
      return deleteRanges(List.of(def.indexPrefix(ix)).iterator()).thenApply(v -> def.withIndexes(rest));
    }
    if (!def.hiddenPk() && d.name().equals(def.name() + "_pkey")) throw Errors.unsupported("dropping a primary key");
    if (d.ifExists()) return done(def);
    throw Errors.undefinedConstraintOf(d.name(), def.name());
  }

  private static boolean constraintTaken(TableDef def, String name) {
    return def.checks().stream().anyMatch(c -> c.name().equals(name)) || def.index(name) != null
        || (!def.hiddenPk() && name.equals(def.name() + "_pkey"));
  }

  private static int slotOf(TableDef def, String column) {
    int s = def.slot(column);
    if (s < 0) throw Errors.undefinedColumnOf(column, def.name());
    return s;
  }

  /** {@code sql} with every unquoted or quoted identifier {@code from} replaced by {@code to} (strings untouched). */
  private static String renameIdentifier(String sql, String from, String to) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (org.opendsql.sql.parse.Lexer.Tok t : org.opendsql.sql.parse.Lexer.tokens(sql)) {
      boolean word = t.kind() == org.opendsql.sql.parse.Lexer.Kind.WORD && t.text().toLowerCase(java.util.Locale.ROOT).equals(from);
      boolean quoted = t.kind() == org.opendsql.sql.parse.Lexer.Kind.QUOTED_IDENT && t.text().equals(from);
      if (!word && !quoted) continue;
      out.append(sql, at, t.start()).append('"').append(to.replace("\"", "\"\"")).append('"');
      at = t.end();
    }
    return out.append(sql.substring(at)).toString();
  }

  private CompletionStage<Boolean> hasRows(TableDef def) {
    return reader.scan(def.keyPrefix(), def.keyEnd(), 1).next().thenApply(page -> !page.entries().isEmpty());
  }

  /** Whether some row of the table (as this transaction sees it) satisfies {@code test}. */
  private CompletionStage<Boolean> anyRow(TableDef def, java.util.function.Predicate<Object[]> test) {
    TableReader.Scan scan = reader.scan(def.keyPrefix(), def.keyEnd(), config.scanPageSize());
    boolean[] found = {false};
    return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        if (test.test(def.decodeRow(e.value()))) {
          found[0] = true;
          return false;
        }
      }
      return !page.done();
    })).thenApply(v -> found[0]);
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }

  /**
   * TRUNCATE: each table gets a new id, so its rows and index entries (under the old id) are gone
   * for every statement at once, in one catalog write per table; a transaction that read or wrote
   * the table before fails with OC001. The old rows are deleted after the commit.
   */
  public CompletionStage<Void> truncate(Plan.Truncate p) {
    List<byte[]> keys = new ArrayList<>();
    for (String name : p.tables()) {
      byte[] k = CatalogKeys.tableKey(name);
      keys.add(k);
      txn.addSchemaKey(k);
    }
    byte[] counterKey = CatalogKeys.counterKey();
    List<TableDef> truncated = new ArrayList<>();
    return reader.getAll(keys).thenCompose(defs -> reader.get(counterKey).thenApply(c -> {
      long next = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
      for (int i = 0; i < defs.size(); i++) {
        if (defs.get(i) == null) throw Errors.undefinedRelation(p.tables().get(i));
        if (TableDef.deserialize(defs.get(i)).isView()) throw Errors.notATable(p.tables().get(i), null);
      }
      for (int i = 0; i < defs.size(); i++) {
        TableDef old = TableDef.deserialize(defs.get(i));
        TableDef fresh = old.withId(next++);
        txn.put(keys.get(i), fresh.serialize(), false);
        retire(old);
        truncated.add(old);
      }
      txn.put(counterKey, ByteBuffer.allocate(8).putLong(next).array(), false);
      return null;
    })).thenCompose(v -> {
      if (!p.restartIdentity()) return CompletableFuture.<Void>completedFuture(null);
      SequenceDdl sequences = new SequenceDdl(txn, reader);
      Iterator<TableDef> it = truncated.iterator();
      return AsyncLoop.loop(() -> it.hasNext() ? sequences.restartOwned(it.next()).thenApply(x -> true)
          : CompletableFuture.completedFuture(false));
    });
  }

  /** Deletes every key under each prefix, in this transaction's buffer. */
  private CompletionStage<Void> deleteRanges(Iterator<byte[]> prefixes) {
    return AsyncLoop.loop(() -> {
      if (!prefixes.hasNext()) return CompletableFuture.completedFuture(false);
      byte[] prefix = prefixes.next();
      TableReader.Scan scan = reader.scan(prefix, org.opendsql.core.codec.Bytes.prefixEnd(prefix), config.scanPageSize());
      return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
        for (KvEntry e : page.entries()) txn.put(e.key(), null, false);
        return !page.done();
      })).thenApply(v -> true);
    });
  }

  /**
   * CREATE INDEX on a table without rows (as DSQL's synchronous CREATE INDEX): the definition joins
   * the table's, so every later write maintains the index in its own transaction. CREATE INDEX ASYNC
   * adds it as building (maintained by every write committed after this DDL, used by no read) and
   * writes its job in the same transaction; the node's job runner backfills the older rows.
   * Completes with the job's id (null for a synchronous build or an index that already exists).
   */
  public CompletionStage<String> createIndex(Plan.CreateIndex p) {
    byte[] catalogKey = CatalogKeys.tableKey(p.tableName());
    txn.addSchemaKey(catalogKey);
    return reader.get(catalogKey).thenCompose(existing -> {
      if (existing == null) throw Errors.undefinedRelation(p.tableName());
      TableDef def = TableDef.deserialize(existing);
      if (def.isView()) throw Errors.notATable(p.tableName(), null);
      int[] keys = slots(def, p.keyColumns());
      for (int k : keys) {
        PgType kt = def.column(k).type().isArray() ? def.column(k).type().elementType() : def.column(k).type();
        if (kt == PgType.JSON) throw Errors.noDefaultBtreeOperatorClass(def.column(k).type().sqlName());
        if (kt == PgType.JSONB) throw Errors.unsupported(def.column(k).type().sqlName() + " as index key columns");
      }
      int[] include = slots(def, p.include());
      String name = p.name();
      if (name == null) {
        // PostgreSQL's default: table_columns_idx, numbered while taken.
        String base = def.name() + "_" + String.join("_", p.keyColumns()) + "_idx";
        name = base;
        for (int k = 1; def.index(name) != null; k++) name = base + k;
      }
      String chosen = name;
      if (def.index(chosen) != null) {
        if (p.ifNotExists()) return CompletableFuture.<String>completedFuture(null);
        throw Errors.duplicateRelation(chosen);
      }
      return reader.get(CatalogKeys.tableKey(chosen)).thenCompose(table -> {
        if (table != null) throw Errors.duplicateRelation(chosen);
        List<IndexDef> all = new ArrayList<>(def.indexes());
        long indexId = def.nextIndexId();
        if (p.async()) {
          all.add(new IndexDef(indexId, chosen, keys, include, p.unique(), false, true));
          txn.put(catalogKey, def.withIndexes(all).serialize(), false);
          String jobId = org.opendsql.sql.job.IndexJob.newId(kv.uniqueId());
          org.opendsql.sql.job.IndexJob job = org.opendsql.sql.job.IndexJob.submitted(jobId, def.name(), def.id(), chosen,
              indexId, p.unique(), System.currentTimeMillis());
          txn.put(CatalogKeys.jobKey(jobId), job.serialize(), false);
          return CompletableFuture.completedFuture(jobId);
        }
        TableReader.Scan rows = reader.scan(def.keyPrefix(), def.keyEnd(), 1);
        return rows.next().thenApply(page -> {
          if (!page.entries().isEmpty()) throw Errors.indexOnPopulatedTable(def.name());
          all.add(new IndexDef(indexId, chosen, keys, include, p.unique()));
          txn.put(catalogKey, def.withIndexes(all).serialize(), false);
          return (String) null;
        });
      });
    });
  }

  /**
   * Cancels the unfinished jobs building {@code def}'s indexes ({@code indexId} 0: all of them), in
   * this DDL transaction: the runner's next chunk then conflicts with it and stops.
   */
  private CompletionStage<Void> cancelJobs(TableDef def, long indexId) {
    TableReader.Scan jobs = reader.scan(CatalogKeys.jobsPrefix(), CatalogKeys.jobsEnd(), config.scanPageSize());
    long now = System.currentTimeMillis();
    return AsyncLoop.loop(() -> jobs.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        org.opendsql.sql.job.IndexJob job = org.opendsql.sql.job.IndexJob.deserialize(e.value());
        if (job.finished() || !job.table().equals(def.name()) || (indexId != 0 && job.indexId() != indexId)) continue;
        txn.put(e.key(), job.cancelled(now).serialize(), false);
      }
      return !page.done();
    }));
  }

  private static int[] slots(TableDef def, List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = def.slot(names.get(i));
      if (out[i] < 0) throw Errors.undefinedColumn(names.get(i));
    }
    return out;
  }

  /** DROP INDEX: found by name among the tables' definitions; its entries go with it. */
  public CompletionStage<Void> dropIndex(Plan.DropIndex p) {
    TableReader.Scan tables = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
    TableDef[] found = {null};
    return AsyncLoop.loop(() -> tables.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        TableDef def = TableDef.deserialize(e.value());
        if (def.index(p.name()) != null) found[0] = def;
      }
      return found[0] == null && !page.done();
    })).thenCompose(v -> {
      TableDef def = found[0];
      if (def == null) {
        if (p.ifExists()) return CompletableFuture.completedFuture(null);
        throw Errors.undefinedIndex(p.name());
      }
      byte[] catalogKey = CatalogKeys.tableKey(def.name());
      txn.addSchemaKey(catalogKey);
      IndexDef ix = def.index(p.name());
      List<IndexDef> rest = new ArrayList<>(def.indexes());
      rest.remove(ix);
      txn.put(catalogKey, def.withIndexes(rest).serialize(), false);
      // A build's entries are deleted by the job runner once it sees the job cancelled: deleting them
      // here would conflict with every chunk the backfill commits meanwhile, so the DROP might never win.
      if (ix.building()) return cancelJobs(def, ix.id());
      return deleteRanges(List.of(def.indexPrefix(ix)).iterator());
    });
  }
}
