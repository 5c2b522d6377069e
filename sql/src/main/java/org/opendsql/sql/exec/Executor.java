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
import org.opendsql.sql.catalog.SchemaDef;
import org.opendsql.sql.catalog.QualifiedNames;
import org.opendsql.sql.catalog.ForeignKeyDef;
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
    TableReader.Scan schemaScan = queryReader.scan(CatalogKeys.schemasPrefix(), CatalogKeys.schemasEnd(), config.scanPageSize());
    List<SchemaDef> schemas = new ArrayList<>();
    return AsyncLoop.loop(() -> tables.next().thenApply(page -> {
      for (KvEntry e : page.entries()) defs.add(TableDef.deserialize(e.value()));
      return !page.done();
    })).thenCompose(v -> AsyncLoop.loop(() -> sequences.next().thenApply(page -> {
      for (KvEntry e : page.entries()) seqs.add(org.opendsql.sql.catalog.SequenceDef.deserialize(e.value()));
      return !page.done();
    }))).thenCompose(v -> AsyncLoop.loop(() -> schemaScan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) schemas.add(SchemaDef.deserialize(e.value()));
      return !page.done();
    }))).thenApply(v -> {
      SessionFacts facts = ctx.catalogSession != null ? ctx.catalogSession
          : SessionFacts.defaults(ctx.user, ctx.database);
      ctx.catalog = CatalogSnapshot.of(defs, seqs, schemas, facts);
      return ctx.catalog;
    }).thenCompose(snapshot -> loadRoles(snapshot));
  }

  /** The created roles and the identity mappings, as the transaction sees them, added to {@code snapshot}. */
  private CompletionStage<CatalogSnapshot> loadRoles(CatalogSnapshot snapshot) {
    List<org.opendsql.sql.catalog.RoleDef> roles = new ArrayList<>();
    List<String[]> mappings = new ArrayList<>();
    byte[] rolesStart = CatalogKeys.rolesPrefix();
    byte[] iamStart = CatalogKeys.iamMappingsPrefix();
    TableReader.Scan roleScan = queryReader.scan(rolesStart, org.opendsql.core.codec.Bytes.prefixEnd(rolesStart), config.scanPageSize());
    TableReader.Scan iamScan = queryReader.scan(iamStart, org.opendsql.core.codec.Bytes.prefixEnd(iamStart), config.scanPageSize());
    return AsyncLoop.loop(() -> roleScan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) roles.add(org.opendsql.sql.catalog.RoleDef.deserialize(e.value()));
      return !page.done();
    })).thenCompose(v -> AsyncLoop.loop(() -> iamScan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        Object[] k = org.opendsql.core.codec.KeyCodec.decode(e.key(), List.of(PgType.TEXT, PgType.TEXT));
        mappings.add(new String[] {(String) k[0], (String) k[1], new String(e.value(), java.nio.charset.StandardCharsets.UTF_8)});
      }
      return !page.done();
    }))).thenCompose(v -> {
      java.util.Map<Long, Long> counts = new java.util.HashMap<>();
      byte[] statsStart = CatalogKeys.statsPrefix();
      TableReader.Scan stats = queryReader.scan(statsStart, org.opendsql.core.codec.Bytes.prefixEnd(statsStart), config.scanPageSize());
      return AsyncLoop.loop(() -> stats.next().thenApply(page -> {
        for (KvEntry e : page.entries()) {
          long id = (Long) org.opendsql.core.codec.KeyCodec.decode(e.key(), List.of(PgType.INT8))[0];
          counts.put(id, ByteBuffer.wrap(e.value()).getLong());
        }
        return !page.done();
      })).thenCompose(x -> loadGrants()).thenApply(grants -> snapshot.withRoles(roles, mappings).withRowCounts(counts)
          .withGrants(grants));
    });
  }

  /** Every stored grant, by object ({@link CatalogSnapshot#grantObject}), as the transaction sees them. */
  private CompletionStage<java.util.Map<String, List<org.opendsql.sql.catalog.Acl.Grant>>> loadGrants() {
    java.util.Map<String, List<org.opendsql.sql.catalog.Acl.Grant>> out = new java.util.HashMap<>();
    byte[] start = CatalogKeys.grantsPrefix();
    TableReader.Scan scan = queryReader.scan(start, org.opendsql.core.codec.Bytes.prefixEnd(start), config.scanPageSize());
    return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        List<Object> k = grantKeyParts(e.key());
        long[] order = org.opendsql.sql.catalog.Privileges.order(e.value());
        out.computeIfAbsent(CatalogSnapshot.grantObject((String) k.get(0), (String) k.get(1)), x -> new ArrayList<>())
            .add(new org.opendsql.sql.catalog.Acl.Grant((String) k.get(2), org.opendsql.sql.catalog.Privileges.decode(e.value()),
                order[0], order[1]));
      }
      return !page.done();
    })).thenApply(v -> out);
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
      RowSource src = locking(p, base(p.table(), p.access(), page, p.columnsRead()));
      RowSource projected = () -> src.next().thenApply(rows -> rows == null ? null : project(rows, p.outputs(), p.visible()));
      return CompletableFuture.completedFuture(Cursors.stream(p.columns(), projected, offset, limit, completion));
    }
    CompletionStage<List<Object[]>> inStorage = p.aggregated() ? aggregatedInStorage(p) : null;
    RowSource src = inStorage != null ? null : locking(p, base(p.table(), p.access(), config.scanPageSize(), p.columnsRead()));
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
      if (s.access() != null && s.access().index() != null && covers(s.table(), s.access().index().index(), s.columnsRead())) {
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
    RowChanges changes = new RowChanges();
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
          return upsert(p, t, clashKey, clash, row, returned, n, changes);
        }
        return reader.get(key).thenCompose(existing -> {
          if (existing != null) throw duplicate(t, row);
          return maintainIndexes(t, null, row).thenApply(v -> {
            putRow(key, t.encodeRow(row));
            touched.add(java.nio.ByteBuffer.wrap(key));
            n[0]++;
            changes.add(null, row);
            addReturning(p.returning(), row, returned);
            return true;
          });
        });
      });
    }).thenCompose(v -> enforceForeignKeys(t, changes)).thenApply(v -> new Done(returned, "INSERT 0 " + n[0]));
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
      List<Object[]> returned, int[] n, RowChanges changes) {
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
    changes.add(existing, row);
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
    return Errors.uniqueViolation(QualifiedNames.relname(t.name()) + "_pkey", names.toString(), tuple(t, row, pk));
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
      RowChanges changes = new RowChanges();
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
        changes.add(old, row);
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
      }).thenCompose(v -> enforceForeignKeys(t, changes)).thenApply(v -> new Done(returned, "UPDATE " + rows.size()));
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
    return dmlRows(t, p.access(), p.source()).thenApply(rows -> notWrittenEarlier(t, rows)).thenCompose(rows -> {
      List<Object[]> returned = new ArrayList<>();
      RowChanges changes = new RowChanges();
      for (Object[] joined : rows) {
        Object[] row = joined.length == width ? joined : Arrays.copyOf(joined, width);
        for (IndexDef ix : t.indexes()) txn.put(t.indexKey(ix, row), null, false);
        putRow(t.key(row), null);
        changes.add(row, null);
        addReturning(p.returning(), joined, returned);
      }
      return enforceForeignKeys(t, changes).thenApply(v -> new Done(returned, "DELETE " + rows.size()));
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
        return reader.get(counterKey).thenCompose(c -> {
          long id = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
          txn.put(counterKey, ByteBuffer.allocate(8).putLong(id + 1).array(), false);
          TableDef def = new TableDef(id, p.name(), columns, p.pk(), p.hiddenPk(), p.indexes(), p.checks(), 0);
          return attachForeignKeys(def, p.foreignKeys(), false).thenApply(withKeys -> {
            txn.put(catalogKey, withKeys.serialize(), false);
            return null;
          });
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
      return refuseIfReferenced(def, java.util.Set.of(def.name()))
          .thenCompose(v -> refuseIfViewsUse(java.util.Set.of(def.name()), "table"))
          .thenCompose(v -> forgetReferences(def))
          .thenCompose(v -> deleteRanges(List.of(CatalogKeys.grantsOnPrefix("t", def.name())).iterator()))
          .thenCompose(v -> {
            txn.put(catalogKey, null, false);
            retire(def);
            CompletionStage<Void> cancel = def.indexes().stream().anyMatch(IndexDef::building) ? cancelJobs(def, 0)
                : CompletableFuture.completedFuture(null);
            return cancel.thenCompose(x -> new SequenceDdl(txn, reader).dropOwned(def));
          });
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
    return reader.getAll(keys).thenCompose(found -> {
      java.util.Set<String> dropping = new LinkedHashSet<>();
      for (int i = 0; i < keys.size(); i++) {
        String n = p.names().get(i);
        if (found.get(i) == null) {
          if (p.ifExists()) continue;
          throw Errors.undefinedView(n);
        }
        if (!TableDef.deserialize(found.get(i)).isView()) throw Errors.notAView(n);
        dropping.add(n);
      }
      return refuseIfViewsUse(dropping, "view")
          .thenCompose(v -> deleteRanges(dropping.stream().map(n -> CatalogKeys.grantsOnPrefix("t", n)).iterator()))
          .thenApply(v -> {
            for (int i = 0; i < keys.size(); i++) if (found.get(i) != null) txn.put(keys.get(i), null, false);
            return null;
          });
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
        IndexDef ix = def.index(QualifiedNames.relname(p.relation()));
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
          boolean exists = (!def.hiddenPk() && !def.isView() && p.member().equals(QualifiedNames.relname(def.name()) + "_pkey"))
              || def.checks().stream().anyMatch(c -> c.name().equals(p.member()))
              || def.foreignKey(p.member()) != null
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
    return indexOwner(name, true);
  }

  /**
   * The table that has the index {@code name} (a catalog name: {@code s.i} or, in public, {@code i}),
   * found among the tables of the index's schema; {@code primary}: a primary key's index counts.
   */
  private CompletionStage<TableDef> indexOwner(String name, boolean primary) {
    String schema = QualifiedNames.schemaOf(name);
    String index = QualifiedNames.relname(name);
    TableReader.Scan tables = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
    TableDef[] found = {null};
    return AsyncLoop.loop(() -> tables.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        TableDef def = TableDef.deserialize(e.value());
        if (!QualifiedNames.schemaOf(def.name()).equals(schema)) continue;
        String pkey = QualifiedNames.relname(def.name()) + "_pkey";
        if (def.index(index) != null || (primary && !def.isView() && !def.hiddenPk() && index.equals(pkey))) found[0] = def;
      }
      return found[0] == null && !page.done();
    })).thenApply(v -> found[0]);
  }

  // ---------------------------------------------------------------- schemas and names

  /** The user schemas the session's search path lists, in order: where unqualified names are looked up and created. */
  private List<String> pathSchemas() {
    return ctx.catalogSession != null ? ctx.catalogSession.relationSchemas() : List.of(QualifiedNames.PUBLIC);
  }

  /**
   * The DDL plan with its names as the catalog keys them: an unqualified name becomes the first
   * match along the search path (a name to create: the path's first schema), a qualified one
   * loses a {@code public.}; an object created in another schema needs that schema to exist.
   */
  public CompletionStage<Plan> resolveNames(Plan plan) {
    if (plan instanceof Plan.CreateTable p) {
      return creationName(p.name()).thenApply(n -> new Plan.CreateTable(n, p.ifNotExists(), p.columnDefs(), p.pk(),
          p.hiddenPk(), p.indexes(), p.checks(), p.identities(), p.foreignKeys()));
    }
    if (plan instanceof Plan.CreateView p) {
      return creationName(p.name()).thenApply(n -> new Plan.CreateView(n, p.orReplace(), p.columnNames(), p.query(), p.text()));
    }
    if (plan instanceof Plan.CreateSequence p) {
      return creationName(p.name()).thenApply(n -> new Plan.CreateSequence(n, p.ifNotExists(), p.options()));
    }
    if (plan instanceof Plan.AlterSequence p) {
      return existingName(p.name(), p.ifExists()).thenApply(n -> new Plan.AlterSequence(n, p.ifExists(), p.options()));
    }
    if (plan instanceof Plan.DropSequence p) return existingNames(p.names(), p.ifExists()).thenApply(n -> new Plan.DropSequence(n, p.ifExists()));
    if (plan instanceof Plan.DropTable p) return existingName(p.name(), p.ifExists()).thenApply(n -> new Plan.DropTable(n, p.ifExists()));
    if (plan instanceof Plan.DropView p) return existingNames(p.names(), p.ifExists()).thenApply(n -> new Plan.DropView(n, p.ifExists()));
    if (plan instanceof Plan.Truncate p) return existingNames(p.tables(), false).thenApply(n -> new Plan.Truncate(n, p.restartIdentity()));
    if (plan instanceof Plan.AlterTable p) {
      return existingName(p.tableName(), p.ifExists()).thenApply(n -> new Plan.AlterTable(n, p.ifExists(), p.actions()));
    }
    if (plan instanceof Plan.CreateIndex p) {
      return existingName(p.tableName()).thenApply(n -> new Plan.CreateIndex(n, p.name(), p.unique(), p.keyColumns(),
          p.include(), p.ifNotExists(), p.async()));
    }
    if (plan instanceof Plan.DropIndex p) return indexName(p.name()).thenApply(n -> new Plan.DropIndex(n, p.ifExists()));
    if (plan instanceof Plan.Comment p) {
      CompletionStage<String> n = p.target() == Plan.CommentTarget.INDEX ? indexName(p.relation())
          : p.relation() == null ? done(null) : existingName(p.relation());
      return n.thenApply(r -> new Plan.Comment(p.target(), r, p.member(), p.text()));
    }
    return done(plan);
  }

  private CompletionStage<String> creationName(String name) {
    String n = QualifiedNames.creationName(name, pathSchemas());
    if (n == null) throw Errors.noSchemaSelected();
    if (QualifiedNames.relname(n).indexOf('.') >= 0) throw Errors.unsupported("a '.' in a relation name");
    String schema = QualifiedNames.schemaOf(n);
    if (schema.equals(QualifiedNames.PUBLIC)) return done(n);
    if (CatalogSnapshot.isSystemSchema(schema)) throw Errors.systemSchemaCreate(QualifiedNames.relname(n), schema);
    byte[] key = CatalogKeys.schemaKey(schema);
    txn.addSchemaKey(key);
    return reader.get(key).thenApply(found -> {
      if (found == null) throw Errors.undefinedSchema(schema);
      // Rewritten unchanged so that a concurrent DROP SCHEMA, which checks its key, and this
      // CREATE cannot both commit: the schema is never dropped with a relation left in it.
      txn.put(key, found, false);
      return n;
    });
  }

  /** The first of the name's candidates that is a table, view or sequence; else the first candidate (for the error). */
  private CompletionStage<String> existingName(String name) {
    return existingName(name, false);
  }

  /** {@code ifExists}: a schema that does not exist is no error either (the statement then skips the object). */
  private CompletionStage<String> existingName(String name, boolean ifExists) {
    List<String> candidates = QualifiedNames.candidates(name, pathSchemas());
    if (candidates.isEmpty()) return done(name);
    if (QualifiedNames.isQualified(name)) {
      // As in PostgreSQL, naming a schema that does not exist is 3F000 (not 42P01) outside queries.
      String schema = QualifiedNames.schemaOf(candidates.get(0));
      if (schema.equals(QualifiedNames.PUBLIC) || CatalogSnapshot.isSystemSchema(schema)) return done(candidates.get(0));
      return reader.get(CatalogKeys.schemaKey(schema)).thenApply(found -> {
        if (found == null && !ifExists) throw Errors.undefinedSchema(schema);
        return candidates.get(0);
      });
    }
    if (candidates.size() == 1) return done(candidates.get(0));
    List<byte[]> keys = new ArrayList<>();
    for (String c : candidates) {
      keys.add(CatalogKeys.tableKey(c));
      keys.add(CatalogKeys.sequenceKey(c));
    }
    return reader.getAll(keys).thenApply(found -> {
      for (int i = 0; i < candidates.size(); i++) {
        if (found.get(2 * i) != null || found.get(2 * i + 1) != null) return candidates.get(i);
      }
      return candidates.get(0);
    });
  }

  private CompletionStage<List<String>> existingNames(List<String> names, boolean ifExists) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = names.iterator();
    return AsyncLoop.loop(() -> {
      if (!it.hasNext()) return done(false);
      return existingName(it.next(), ifExists).thenApply(n -> out.add(n));
    }).thenApply(v -> out);
  }

  /** The first of an index name's candidates whose schema has such an index; else the first candidate. */
  private CompletionStage<String> indexName(String name) {
    List<String> candidates = QualifiedNames.candidates(name, pathSchemas());
    if (candidates.size() <= 1) return done(candidates.isEmpty() ? name : candidates.get(0));
    Iterator<String> it = candidates.iterator();
    String[] found = {null};
    return AsyncLoop.loop(() -> {
      if (!it.hasNext()) return done(false);
      String c = it.next();
      return indexOwner(c, true).thenApply(def -> {
        if (def != null) found[0] = c;
        return def == null;
      });
    }).thenApply(v -> found[0] != null ? found[0] : candidates.get(0));
  }

  /**
   * CREATE SCHEMA: a catalog entry with an id from the tables' counter; at most {@code
   * maxSchemas} besides public. {@code user}: the session's role, the only one it may be for.
   */
  public CompletionStage<Void> createSchema(Plan.CreateSchema p, String user, int maxSchemas) {
    if (p.authorization() != null && !p.authorization().equals(user)) {
      throw Errors.unsupported("CREATE SCHEMA AUTHORIZATION for another role");
    }
    String name = p.name();
    if (name.startsWith("pg_")) throw Errors.reservedSchemaName(name);
    if (name.indexOf('.') >= 0) throw Errors.unsupported("a '.' in a schema name");
    byte[] key = CatalogKeys.schemaKey(name);
    txn.addSchemaKey(key);
    if (CatalogSnapshot.namespaceOid(name) != 0) {
      if (p.ifNotExists()) return done(null);
      throw Errors.duplicateSchema(name);
    }
    TableReader.Scan all = reader.scan(CatalogKeys.schemasPrefix(), CatalogKeys.schemasEnd(), config.scanPageSize());
    int[] count = {0};
    boolean[] exists = {false};
    return AsyncLoop.loop(() -> all.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        count[0]++;
        if (SchemaDef.deserialize(e.value()).name().equals(name)) exists[0] = true;
      }
      return !page.done();
    })).thenCompose(v -> {
      if (exists[0]) {
        if (p.ifNotExists()) return done(null);
        throw Errors.duplicateSchema(name);
      }
      if (count[0] >= maxSchemas) throw Errors.tooManySchemas(maxSchemas);
      byte[] counterKey = CatalogKeys.counterKey();
      return reader.get(counterKey).thenApply(c -> {
        long id = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
        txn.put(counterKey, ByteBuffer.allocate(8).putLong(id + 1).array(), false);
        txn.put(key, new SchemaDef(id, name, user).serialize(), false);
        return null;
      });
    });
  }

  /** DROP SCHEMA [RESTRICT]: only an empty schema; public and PostgreSQL's own are not dropped here. */
  public CompletionStage<Void> dropSchema(Plan.DropSchema p) {
    String name = p.name();
    if (CatalogSnapshot.namespaceOid(name) != 0) throw Errors.unsupported("DROP SCHEMA " + name);
    byte[] key = CatalogKeys.schemaKey(name);
    txn.addSchemaKey(key);
    return reader.get(key).thenCompose(found -> {
      if (found == null) {
        if (p.ifExists()) return done(null);
        throw Errors.undefinedSchema(name);
      }
      String prefix = name + ".";
      TableReader.Scan tables = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
      byte[] seqStart = CatalogKeys.sequencesPrefix();
      TableReader.Scan seqs = reader.scan(seqStart, org.opendsql.core.codec.Bytes.prefixEnd(seqStart), config.scanPageSize());
      boolean[] used = {false};
      return AsyncLoop.loop(() -> tables.next().thenApply(page -> {
        for (KvEntry e : page.entries()) used[0] |= TableDef.deserialize(e.value()).name().startsWith(prefix);
        return !used[0] && !page.done();
      })).thenCompose(v -> used[0] ? done(null) : AsyncLoop.loop(() -> seqs.next().thenApply(page -> {
        for (KvEntry e : page.entries()) {
          used[0] |= org.opendsql.sql.catalog.SequenceDef.deserialize(e.value()).name().startsWith(prefix);
        }
        return !used[0] && !page.done();
      }))).thenCompose(v -> {
        if (used[0]) throw Errors.schemaNotEmpty(name);
        txn.put(key, null, false);
        return deleteRanges(List.of(CatalogKeys.grantsOnPrefix("s", name)).iterator());
      });
    });
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
          return moveGrants(p.tableName(), def[0].name());
        }
        txn.put(key, def[0].serialize(), false);
        return CompletableFuture.<Void>completedFuture(null);
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
      return rewriteViews(def, (sql, names) -> org.opendsql.sql.plan.ViewRenames.renameColumn(sql, def.name(), r.from(), r.to(), names))
          .thenApply(v -> renamed.withChecks(checks));
    }
    if (a instanceof Plan.RenameTable r) {
      // RENAME TO names a relation of the table's own schema.
      if (r.to().indexOf('.') >= 0) throw Errors.unsupported("a '.' in a relation name");
      String to = QualifiedNames.in(QualifiedNames.schemaOf(def.name()), r.to());
      return reader.get(CatalogKeys.tableKey(to)).thenCompose(other -> {
        if (other != null) throw Errors.duplicateRelation(r.to());
        return rewriteViews(def, (sql, names) -> org.opendsql.sql.plan.ViewRenames.renameTable(sql, def.name(), r.to(), names));
      }).thenCompose(rewritten -> {
        if (def.indexes().stream().noneMatch(IndexDef::building)) return renameReferences(def, to);
        // A build in progress finds its table by name: its job follows the rename in this transaction.
        TableReader.Scan jobs = reader.scan(CatalogKeys.jobsPrefix(), CatalogKeys.jobsEnd(), config.scanPageSize());
        return AsyncLoop.loop(() -> jobs.next().thenApply(page -> {
          for (KvEntry e : page.entries()) {
            org.opendsql.sql.job.IndexJob job = org.opendsql.sql.job.IndexJob.deserialize(e.value());
            if (!job.finished() && job.table().equals(def.name())) txn.put(e.key(), job.onTable(to).serialize(), false);
          }
          return !page.done();
        })).thenCompose(v -> renameReferences(def, to));
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
    if (a instanceof Plan.AddForeignKey f) return attachForeignKeys(def, List.of(f.key()), true);
    if (a instanceof Plan.RenameConstraint r) {
      if (constraintTaken(def, r.to())) throw Errors.duplicateConstraint(r.to(), def.name());
      List<org.opendsql.sql.catalog.CheckDef> checks = new ArrayList<>();
      boolean found = false;
      for (var ck : def.checks()) {
        found |= ck.name().equals(r.from());
        checks.add(ck.name().equals(r.from()) ? new org.opendsql.sql.catalog.CheckDef(r.to(), ck.sql()) : ck);
      }
      if (found) return done(def.withChecks(checks));
      if (def.foreignKey(r.from()) != null) {
        List<ForeignKeyDef> fks = new ArrayList<>();
        for (ForeignKeyDef f : def.foreignKeys()) fks.add(f.name().equals(r.from()) ? f.withName(r.to()) : f);
        return done(def.withForeignKeys(fks));
      }
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
    return refuseIfColumnReferenced(def, def.column(s)).thenCompose(v -> dropColumnAt(def, c, s));
  }

  /** 2BP01 when a foreign key (of another table or this one) references the column. */
  private CompletionStage<Void> refuseIfColumnReferenced(TableDef def, ColumnDef column) {
    Iterator<String> children = def.referencedBy().iterator();
    return AsyncLoop.loop(() -> {
      if (!children.hasNext()) return done(false);
      String childName = children.next();
      CompletionStage<TableDef> child = childName.equals(def.name()) ? done(def)
          : reader.get(CatalogKeys.tableKey(childName)).thenApply(b -> b == null ? null : TableDef.deserialize(b));
      return child.thenApply(ch -> {
        if (ch == null) return true;
        for (ForeignKeyDef fk : ch.foreignKeys()) {
          if (!fk.parent().equals(def.name())) continue;
          for (int id : fk.parentColumnIds()) {
            if (id == column.id()) {
              throw Errors.dropReferencedColumn(column.name(), QualifiedNames.relname(def.name()), fk.name(),
                  QualifiedNames.relname(ch.name()));
            }
          }
        }
        return true;
      });
    }).thenApply(v -> null);
  }

  /**
   * A rename of {@code def} or of one of its columns: every view whose query reads it gets the
   * query {@code rewrite} makes, in this DDL transaction, so the view goes on working as
   * PostgreSQL's does (it binds its relations by OID). A view's names are resolved along the
   * session's search path, as DROP resolves them.
   */
  private CompletionStage<Void> rewriteViews(TableDef def,
      java.util.function.BiFunction<String, org.opendsql.sql.plan.ViewRenames.Names, String> rewrite) {
    TableReader.Scan scan = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
    java.util.Map<String, TableDef> all = new java.util.HashMap<>();
    return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        TableDef d = TableDef.deserialize(e.value());
        all.put(d.name(), d);
      }
      return !page.done();
    })).thenApply(v -> {
      List<String> path = pathSchemas();
      org.opendsql.sql.plan.ViewRenames.Names names = new org.opendsql.sql.plan.ViewRenames.Names() {
        @Override
        public String resolve(String written) {
          for (String candidate : QualifiedNames.candidates(written, path)) if (all.containsKey(candidate)) return candidate;
          return null;
        }

        @Override
        public List<String> columns(String catalogName) {
          TableDef d = all.get(catalogName);
          return d == null ? null : d.columns().stream().map(ColumnDef::name).toList();
        }
      };
      for (TableDef view : all.values()) {
        if (!view.isView() || view.name().equals(def.name())) continue;
        boolean reads = false;
        for (String used : viewRelations(view)) reads |= def.name().equals(names.resolve(used));
        if (!reads) continue;
        String sql = rewrite.apply(view.viewSql(), names);
        if (sql.equals(view.viewSql())) continue;
        byte[] key = CatalogKeys.tableKey(view.name());
        txn.addSchemaKey(key);
        txn.put(key, view.withViewSql(sql).serialize(), false);
      }
      return null;
    });
  }

  /**
   * RENAME TO: the tables this one references list it by its new name, and the tables that
   * reference it name their parent anew (a self-reference is rewritten in the definition itself).
   */
  private CompletionStage<TableDef> renameReferences(TableDef def, String to) {
    String from = def.name();
    java.util.Set<String> others = new LinkedHashSet<>();
    for (ForeignKeyDef fk : def.foreignKeys()) if (!fk.parent().equals(from)) others.add(fk.parent());
    for (String child : def.referencedBy()) if (!child.equals(from)) others.add(child);
    Iterator<String> it = others.iterator();
    return AsyncLoop.loop(() -> {
      if (!it.hasNext()) return done(false);
      String other = it.next();
      byte[] key = CatalogKeys.tableKey(other);
      txn.addSchemaKey(key);
      return reader.get(key).thenApply(b -> {
        if (b == null) return true;
        TableDef o = TableDef.deserialize(b);
        List<String> refs = new ArrayList<>();
        for (String r : o.referencedBy()) refs.add(r.equals(from) ? to : r);
        List<ForeignKeyDef> fks = new ArrayList<>();
        for (ForeignKeyDef f : o.foreignKeys()) fks.add(f.parent().equals(from) ? f.withParent(to) : f);
        txn.put(key, o.withReferencedBy(refs).withForeignKeys(fks).serialize(), false);
        return true;
      });
    }).thenApply(v -> {
      List<String> refs = new ArrayList<>();
      for (String r : def.referencedBy()) refs.add(r.equals(from) ? to : r);
      List<ForeignKeyDef> fks = new ArrayList<>();
      for (ForeignKeyDef f : def.foreignKeys()) fks.add(f.parent().equals(from) ? f.withParent(to) : f);
      return def.withName(to).withReferencedBy(refs).withForeignKeys(fks);
    });
  }

  private CompletionStage<TableDef> dropColumnAt(TableDef def, Plan.DropColumn c, int s) {
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
            : org.opendsql.sql.plan.Planner.uniqueName(QualifiedNames.relname(def.name()) + "_" + String.join("_", k.columns()) + "_key", def.indexes());
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
    List<ForeignKeyDef> fks = new ArrayList<>(def.foreignKeys());
    if (fks.removeIf(f -> f.name().equals(d.name()))) return done(def.withForeignKeys(fks));
    IndexDef ix = def.index(d.name());
    if (ix != null && ix.unique()) {
      List<IndexDef> rest = new ArrayList<>(def.indexes());
      rest.remove(ix);
      return deleteRanges(List.of(def.indexPrefix(ix)).iterator()).thenApply(v -> def.withIndexes(rest));
    }
    if (!def.hiddenPk() && d.name().equals(QualifiedNames.relname(def.name()) + "_pkey")) throw Errors.unsupported("dropping a primary key");
    if (d.ifExists()) return done(def);
    throw Errors.undefinedConstraintOf(d.name(), def.name());
  }

  private static boolean constraintTaken(TableDef def, String name) {
    return def.checks().stream().anyMatch(c -> c.name().equals(name)) || def.index(name) != null
        || def.foreignKey(name) != null || (!def.hiddenPk() && name.equals(QualifiedNames.relname(def.name()) + "_pkey"));
  }

  // ---------------------------------------------------------------- statistics

  /**
   * ANALYZE: each table's row count, counted at the transaction's snapshot, kept under its id (a
   * TRUNCATE's new id starts unanalyzed, as in PostgreSQL); views are skipped.
   */
  public CompletionStage<Void> analyze(Plan.Analyze p) {
    CompletionStage<List<TableDef>> tables;
    if (p.tables().isEmpty()) {
      List<TableDef> all = new ArrayList<>();
      TableReader.Scan scan = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
      tables = AsyncLoop.loop(() -> scan.next().thenApply(page -> {
        for (KvEntry e : page.entries()) all.add(TableDef.deserialize(e.value()));
        return !page.done();
      })).thenApply(v -> all);
    } else {
      tables = existingNames(p.tables(), false).thenCompose(names -> {
        List<byte[]> keys = new ArrayList<>();
        for (String n : names) keys.add(CatalogKeys.tableKey(n));
        return reader.getAll(keys).thenApply(found -> {
          List<TableDef> out = new ArrayList<>();
          for (int i = 0; i < found.size(); i++) {
            if (found.get(i) == null) throw Errors.undefinedRelation(p.tables().get(i));
            out.add(TableDef.deserialize(found.get(i)));
          }
          return out;
        });
      });
    }
    return tables.thenCompose(defs -> {
      Iterator<TableDef> it = defs.stream().filter(d -> !d.isView()).iterator();
      return AsyncLoop.loop(() -> {
        if (!it.hasNext()) return done(false);
        TableDef def = it.next();
        TableReader.Scan rows = reader.scan(def.keyPrefix(), def.keyEnd(), config.scanPageSize());
        long[] count = {0};
        return AsyncLoop.loop(() -> rows.next().thenApply(page -> {
          count[0] += page.entries().size();
          return !page.done();
        })).thenApply(v -> {
          txn.put(CatalogKeys.statsKey(def.id()), ByteBuffer.allocate(8).putLong(count[0]).array(), false);
          return true;
        });
      });
    }).thenApply(v -> null);
  }

  // ---------------------------------------------------------------- roles and privileges

  /** CREATE ROLE: a catalog entry with an id from the tables' counter; admin and public are built in. */
  public CompletionStage<Void> createRole(Plan.CreateRole p) {
    String name = p.name();
    if (name.equals(org.opendsql.sql.catalog.Privileges.PUBLIC) || name.equals("none") || name.startsWith("pg_")) {
      throw Errors.reservedRoleName(name);
    }
    if (name.equals(ADMIN)) throw Errors.duplicateRole(name);
    byte[] key = CatalogKeys.roleKey(name);
    txn.addSchemaKey(key);
    return reader.get(key).thenCompose(found -> {
      if (found != null) throw Errors.duplicateRole(name);
      byte[] counterKey = CatalogKeys.counterKey();
      return reader.get(counterKey).thenApply(c -> {
        long id = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
        txn.put(counterKey, ByteBuffer.allocate(8).putLong(id + 1).array(), false);
        txn.put(key, new org.opendsql.sql.catalog.RoleDef(id, name, p.login()).serialize(), false);
        return null;
      });
    });
  }

  /** The built-in role that owns everything and needs no privileges. */
  public static final String ADMIN = "admin";

  /** DROP ROLE: refused while the role holds privileges (as PostgreSQL); its identity mappings go with it. */
  public CompletionStage<Void> dropRole(Plan.DropRole p) {
    Iterator<String> names = p.names().iterator();
    return AsyncLoop.loop(() -> {
      if (!names.hasNext()) return done(false);
      String name = names.next();
      if (name.equals(ADMIN)) throw Errors.adminOnly("to drop role " + name);
      byte[] key = CatalogKeys.roleKey(name);
      txn.addSchemaKey(key);
      return reader.get(key).thenCompose(found -> {
        if (found == null) {
          if (p.ifExists()) return done(true);
          throw Errors.undefinedRole(name);
        }
        TableReader.Scan grants = reader.scan(CatalogKeys.grantsPrefix(),
            org.opendsql.core.codec.Bytes.prefixEnd(CatalogKeys.grantsPrefix()), config.scanPageSize());
        return AsyncLoop.loop(() -> grants.next().thenApply(page -> {
          for (KvEntry e : page.entries()) {
            List<Object> k = grantKeyParts(e.key());
            if (k.get(2).equals(name) && org.opendsql.sql.catalog.Privileges.decode(e.value()) != 0) {
              String object = k.get(0).equals("s") ? "schema " + k.get(1) : "table " + QualifiedNames.relname((String) k.get(1));
              throw Errors.roleHasPrivileges(name, object);
            }
          }
          return !page.done();
        })).thenCompose(v -> {
          txn.put(key, null, false);
          byte[] mappings = org.opendsql.core.codec.KeyCodec.key(CatalogKeys.SYSTEM_TABLE_ID, CatalogKeys.IAM_MAPPINGS_INDEX,
              List.of(PgType.TEXT), List.of(name));
          return deleteRanges(List.of(mappings).iterator());
        }).thenApply(v -> true);
      });
    }).thenApply(v -> null);
  }

  /** A renamed relation keeps its grants: they are keyed by its name. */
  private CompletionStage<Void> moveGrants(String from, String to) {
    byte[] prefix = CatalogKeys.grantsOnPrefix("t", from);
    TableReader.Scan scan = reader.scan(prefix, org.opendsql.core.codec.Bytes.prefixEnd(prefix), config.scanPageSize());
    return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        byte[] moved = CatalogKeys.grantKey("t", to, (String) grantKeyParts(e.key()).get(2));
        txn.addSchemaKey(e.key());
        txn.addSchemaKey(moved);
        txn.put(e.key(), null, false);
        txn.put(moved, e.value(), false);
      }
      return !page.done();
    })).thenApply(v -> null);
  }

  /** (kind, object, grantee) of a grant's key. */
  private static List<Object> grantKeyParts(byte[] key) {
    return Arrays.asList(org.opendsql.core.codec.KeyCodec.decode(key, List.of(PgType.TEXT, PgType.TEXT, PgType.TEXT)));
  }

  /** GRANT / REVOKE: each (object, grantee) pair's privilege bits, or-ed in or cleared. */
  public CompletionStage<Void> grant(Plan.Grant p) {
    return grantees(p.grantees()).thenCompose(v -> grantObjects(p)).thenCompose(objects -> {
      String kind = p.target() == Plan.GrantTarget.SCHEMAS ? "s" : "t";
      List<byte[]> keys = new ArrayList<>();
      for (String o : objects) for (String g : p.grantees()) keys.add(CatalogKeys.grantKey(kind, o, g));
      // The marker (no grantee) records that the object's ACL was set, which PostgreSQL then shows
      // even once every grantee is revoked again.
      for (String o : objects) keys.add(CatalogKeys.grantKey(kind, o, ""));
      return reader.getAll(keys).thenApply(found -> {
        for (int i = 0; i < keys.size(); i++) {
          txn.addSchemaKey(keys.get(i));
          if (i >= objects.size() * p.grantees().size()) {
            if (found.get(i) == null) txn.put(keys.get(i), org.opendsql.sql.catalog.Privileges.encode(0), false);
            continue;
          }
          int had = org.opendsql.sql.catalog.Privileges.decode(found.get(i));
          int now = p.revoke() ? had & ~p.privileges() : had | p.privileges();
          if (now == had && found.get(i) != null) continue;
          txn.put(keys.get(i), now == 0 ? null
              : had != 0 ? org.opendsql.sql.catalog.Privileges.withMask(found.get(i), now)
              : org.opendsql.sql.catalog.Privileges.encode(now, txn.tauStart(), i), false);
        }
        return null;
      });
    });
  }

  /** 42704 for a grantee that is not a role (public and admin always are). */
  private CompletionStage<Void> grantees(List<String> names) {
    List<String> stored = names.stream().filter(n -> !n.equals(ADMIN) && !n.equals(org.opendsql.sql.catalog.Privileges.PUBLIC)).toList();
    List<byte[]> keys = new ArrayList<>();
    for (String n : stored) keys.add(CatalogKeys.roleKey(n));
    return reader.getAll(keys).thenApply(found -> {
      for (int i = 0; i < keys.size(); i++) if (found.get(i) == null) throw Errors.undefinedRole(stored.get(i));
      return null;
    });
  }

  /** The catalog names a GRANT acts on: the tables named (they must exist), a schema's tables, or schemas. */
  private CompletionStage<List<String>> grantObjects(Plan.Grant p) {
    if (p.target() == Plan.GrantTarget.TABLES) {
      return existingNames(p.objects(), false).thenCompose(names -> {
        List<byte[]> keys = new ArrayList<>();
        for (String n : names) keys.add(CatalogKeys.tableKey(n));
        return reader.getAll(keys).thenApply(found -> {
          for (int i = 0; i < names.size(); i++) if (found.get(i) == null) throw Errors.undefinedRelation(p.objects().get(i));
          return names;
        });
      });
    }
    List<byte[]> keys = new ArrayList<>();
    for (String s : p.objects()) keys.add(CatalogKeys.schemaKey(s));
    return reader.getAll(keys).thenCompose(found -> {
      for (int i = 0; i < keys.size(); i++) {
        String s = p.objects().get(i);
        if (found.get(i) == null && !s.equals(QualifiedNames.PUBLIC)) throw Errors.undefinedSchema(s);
      }
      if (p.target() == Plan.GrantTarget.SCHEMAS) return done(p.objects());
      java.util.Set<String> schemas = new java.util.HashSet<>(p.objects());
      List<String> tables = new ArrayList<>();
      TableReader.Scan scan = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
      return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
        for (KvEntry e : page.entries()) {
          String n = TableDef.deserialize(e.value()).name();
          if (schemas.contains(QualifiedNames.schemaOf(n))) tables.add(n);
        }
        return !page.done();
      })).thenApply(v -> tables);
    });
  }

  /** AWS IAM GRANT / REVOKE: the identity's mapping to a created role (admin logs in with its own action). */
  public CompletionStage<Void> iamGrant(Plan.IamGrant p) {
    if (p.role().equals(ADMIN)) throw Errors.unsupported("AWS IAM GRANT of the admin role");
    byte[] roleKey = CatalogKeys.roleKey(p.role());
    return reader.get(roleKey).thenApply(found -> {
      if (found == null) throw Errors.undefinedRole(p.role());
      byte[] key = CatalogKeys.iamMappingKey(p.role(), p.identity());
      txn.addSchemaKey(key);
      txn.put(key, p.revoke() ? null : ctx.user.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
      return null;
    });
  }

  // ---------------------------------------------------------------- foreign keys

  /**
   * 2BP01 when a table outside {@code going} has a foreign key to {@code def} (DROP TABLE without
   * CASCADE), or, for TRUNCATE ({@code truncate}), the 0A000 PostgreSQL gives.
   */
  private CompletionStage<Void> refuseIfReferenced(TableDef def, java.util.Set<String> going) {
    return refuseIfReferenced(def, going, false);
  }

  private CompletionStage<Void> refuseIfReferenced(TableDef def, java.util.Set<String> going, boolean truncate) {
    Iterator<String> children = def.referencedBy().stream().filter(c -> !going.contains(c)).iterator();
    return AsyncLoop.loop(() -> {
      if (!children.hasNext()) return done(false);
      String childName = children.next();
      return reader.get(CatalogKeys.tableKey(childName)).thenApply(b -> {
        if (b == null) return true;
        TableDef child = TableDef.deserialize(b);
        for (ForeignKeyDef fk : child.foreignKeys()) {
          if (!fk.parent().equals(def.name())) continue;
          if (truncate) throw Errors.truncateReferenced(QualifiedNames.relname(child.name()), QualifiedNames.relname(def.name()));
          throw Errors.dropReferencedTable(QualifiedNames.relname(def.name()), fk.name(), QualifiedNames.relname(child.name()));
        }
        return true;
      });
    }).thenApply(v -> null);
  }

  /**
   * 2BP01 when a view that is not itself being dropped reads one of {@code dropping} (catalog
   * names of the {@code kind} "table" or "view"), as PostgreSQL refuses without CASCADE. A view's
   * unqualified names are matched along the session's search path.
   */
  private CompletionStage<Void> refuseIfViewsUse(java.util.Set<String> dropping, String kind) {
    TableReader.Scan tables = reader.scan(CatalogKeys.tablesPrefix(), CatalogKeys.tablesEnd(), config.scanPageSize());
    List<String> path = pathSchemas();
    return AsyncLoop.loop(() -> tables.next().thenApply(page -> {
      for (KvEntry e : page.entries()) {
        TableDef view = TableDef.deserialize(e.value());
        if (!view.isView() || dropping.contains(view.name())) continue;
        for (String used : viewRelations(view)) {
          for (String candidate : QualifiedNames.candidates(used, path)) {
            if (dropping.contains(candidate)) {
              throw Errors.dependentView(kind, QualifiedNames.relname(candidate), QualifiedNames.relname(view.name()));
            }
          }
        }
      }
      return !page.done();
    })).thenApply(v -> null);
  }

  /** The relation names a view's query reads, as the planner names them. */
  public static java.util.Set<String> viewRelations(TableDef view) {
    try {
      return org.opendsql.sql.plan.Planner.relationNames(net.sf.jsqlparser.parser.CCJSqlParserUtil.parse(view.viewSql()));
    } catch (net.sf.jsqlparser.JSQLParserException e) {
      throw Errors.internal("view " + view.name() + " does not parse: " + e.getMessage());
    }
  }

  /** The tables {@code def} references stop listing it (it is being dropped). */
  private CompletionStage<Void> forgetReferences(TableDef def) {
    Iterator<String> parents = def.foreignKeys().stream().map(ForeignKeyDef::parent).filter(n -> !n.equals(def.name()))
        .distinct().iterator();
    return AsyncLoop.loop(() -> {
      if (!parents.hasNext()) return done(false);
      String parentName = parents.next();
      byte[] key = CatalogKeys.tableKey(parentName);
      return reader.get(key).thenApply(b -> {
        if (b == null) return true;
        TableDef parent = TableDef.deserialize(b);
        List<String> refs = new ArrayList<>(parent.referencedBy());
        refs.remove(def.name());
        txn.put(key, parent.withReferencedBy(refs).serialize(), false);
        return true;
      });
    }).thenApply(v -> null);
  }

  /**
   * The table definition {@code child} with the FOREIGN KEY constraints {@code specs} resolved
   * and checked against their referenced tables (one of them may be {@code child} itself);
   * each referenced table's definition is rewritten to list the child. {@code checkRows}: the
   * child's existing rows must already satisfy the keys (ALTER TABLE ADD).
   */
  private CompletionStage<TableDef> attachForeignKeys(TableDef child, List<Plan.ForeignKey> specs, boolean checkRows) {
    TableDef[] def = {child};
    Iterator<Plan.ForeignKey> it = specs.iterator();
    return AsyncLoop.loop(() -> {
      if (!it.hasNext()) return done(false);
      Plan.ForeignKey spec = it.next();
      return existingName(spec.parent()).thenCompose(parentName -> {
        boolean self = parentName.equals(def[0].name());
        CompletionStage<byte[]> parentBytes = self ? done(null) : reader.get(CatalogKeys.tableKey(parentName));
        return parentBytes.thenCompose(bytes -> {
          if (!self && bytes == null) throw Errors.undefinedRelation(spec.parent());
          TableDef parent = self ? def[0] : TableDef.deserialize(bytes);
          if (parent.isView()) throw Errors.referencedNotATable(QualifiedNames.relname(parentName));
          if (!self) txn.addSchemaKey(CatalogKeys.tableKey(parentName));
          ForeignKeyDef fk = foreignKeyDef(def[0], parent, spec);
          List<ForeignKeyDef> fks = new ArrayList<>(def[0].foreignKeys());
          fks.add(fk);
          def[0] = def[0].withForeignKeys(fks);
          List<String> refs = new ArrayList<>((self ? def[0] : parent).referencedBy());
          refs.add(def[0].name());
          if (self) {
            def[0] = def[0].withReferencedBy(refs);
          } else {
            txn.put(CatalogKeys.tableKey(parentName), parent.withReferencedBy(refs).serialize(), false);
          }
          if (!checkRows) return done(true);
          TableDef withKey = def[0];
          return existingRows(withKey).thenCompose(rows -> checkReferences(withKey, fk, self ? withKey : parent, rows))
              .thenApply(v -> true);
        });
      });
    }).thenApply(v -> def[0]);
  }

  /** The constraint a spec declares, its columns matched to the parent's key, named as PostgreSQL names it. */
  private static ForeignKeyDef foreignKeyDef(TableDef child, TableDef parent, Plan.ForeignKey spec) {
    String parentRel = QualifiedNames.relname(parent.name());
    int[] slots = new int[spec.columns().size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = child.slot(spec.columns().get(i));
      if (slots[i] < 0) throw Errors.undefinedForeignKeyColumn(spec.columns().get(i));
    }
    int[] parentSlots;
    if (spec.parentColumns() == null) {
      if (parent.hiddenPk()) throw Errors.noPrimaryKeyFor(parentRel);
      parentSlots = parent.pk();
    } else {
      parentSlots = new int[spec.parentColumns().size()];
      for (int i = 0; i < parentSlots.length; i++) {
        parentSlots[i] = parent.slot(spec.parentColumns().get(i));
        if (parentSlots[i] < 0) throw Errors.undefinedForeignKeyColumn(spec.parentColumns().get(i));
      }
    }
    if (parentSlots.length != slots.length) throw Errors.foreignKeyColumnCount();
    if (referencedIndex(parent, parentSlots) == null && !sameSet(parentSlots, parent.hiddenPk() ? new int[0] : parent.pk())) {
      throw Errors.noUniqueConstraintFor(parentRel);
    }
    String name = spec.name();
    if (name == null) {
      StringBuilder base = new StringBuilder(QualifiedNames.relname(child.name()));
      for (String c : spec.columns()) base.append('_').append(c);
      String stem = base.append("_fkey").toString();
      name = stem;
      for (int k = 1; constraintTaken(child, name); k++) name = stem + k;
    } else if (constraintTaken(child, name)) {
      throw Errors.duplicateConstraint(name, QualifiedNames.relname(child.name()));
    }
    for (int i = 0; i < slots.length; i++) {
      ColumnDef c = child.column(slots[i]);
      ColumnDef pc = parent.column(parentSlots[i]);
      if (!comparableKeyTypes(c.type(), pc.type())) {
        throw Errors.foreignKeyTypes(name, c.name(), pc.name(), c.type().sqlName(), pc.type().sqlName());
      }
    }
    int[] ids = new int[slots.length];
    int[] parentIds = new int[slots.length];
    for (int i = 0; i < slots.length; i++) {
      ids[i] = child.column(slots[i]).id();
      parentIds[i] = parent.column(parentSlots[i]).id();
    }
    return new ForeignKeyDef(name, ids, parent.name(), parentIds, spec.onDelete(), spec.onUpdate());
  }

  /** Types whose values compare as keys once cast to the referenced column's type. */
  private static boolean comparableKeyTypes(PgType a, PgType b) {
    if (a == b) return true;
    java.util.Set<PgType> ints = java.util.Set.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC);
    java.util.Set<PgType> texts = java.util.Set.of(PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR);
    return (ints.contains(a) && ints.contains(b)) || (texts.contains(a) && texts.contains(b));
  }

  private static boolean sameSet(int[] a, int[] b) {
    if (a.length != b.length) return false;
    int[] x = a.clone();
    int[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    return Arrays.equals(x, y);
  }

  /** The unique index whose key columns are exactly {@code slots} (in any order), or null (then the primary key is meant). */
  private static IndexDef referencedIndex(TableDef parent, int[] slots) {
    if (!parent.hiddenPk() && sameSet(slots, parent.pk())) return null;
    for (IndexDef ix : parent.indexes()) if (ix.unique() && sameSet(slots, ix.keySlots())) return ix;
    return null;
  }

  /** The key a child row's values find the parent row under (primary key or unique index entry); null if a value is NULL. */
  private static byte[] parentLookupKey(ForeignKeyDef fk, TableDef child, TableDef parent, Object[] row) {
    int[] slots = fk.slots(child);
    int[] parentSlots = fk.parentSlots(parent);
    Object[] probe = new Object[parent.columns().size()];
    for (int i = 0; i < slots.length; i++) {
      Object v = row[slots[i]];
      if (v == null) return null;
      ColumnDef pc = parent.column(parentSlots[i]);
      probe[parentSlots[i]] = Values.cast(v, child.column(slots[i]).type(), pc.type(), pc.typmod(), false);
    }
    IndexDef ix = referencedIndex(parent, parentSlots);
    return ix == null ? parent.key(probe) : parent.indexKey(ix, probe);
  }

  private static String keyText(TableDef t, int[] slots, Object[] row) {
    StringBuilder names = new StringBuilder("(");
    for (int i = 0; i < slots.length; i++) names.append(i > 0 ? ", " : "").append(t.column(slots[i]).name());
    return names.append(")=").append(tuple(t, row, slots)).toString();
  }

  private CompletionStage<List<Object[]>> existingRows(TableDef def) {
    TableReader.Scan scan = reader.scan(def.keyPrefix(), def.keyEnd(), config.scanPageSize());
    List<Object[]> rows = new ArrayList<>();
    return AsyncLoop.loop(() -> scan.next().thenApply(page -> {
      for (KvEntry e : page.entries()) rows.add(def.decodeRow(e.value()));
      return !page.done();
    })).thenApply(v -> rows);
  }

  /**
   * Every row of {@code rows} that references through {@code fk} must find its parent row, read
   * as this transaction sees it; the parent's key joins the conflict set, so a concurrent delete
   * of it and this transaction cannot both commit.
   */
  private CompletionStage<Void> checkReferences(TableDef child, ForeignKeyDef fk, TableDef parent, List<Object[]> rows) {
    java.util.Map<ByteBuffer, Object[]> wanted = new java.util.LinkedHashMap<>();
    for (Object[] row : rows) {
      byte[] key = parentLookupKey(fk, child, parent, row);
      if (key != null) wanted.putIfAbsent(ByteBuffer.wrap(key), row);
    }
    if (wanted.isEmpty()) return done(null);
    List<byte[]> keys = new ArrayList<>();
    for (ByteBuffer b : wanted.keySet()) keys.add(b.array());
    return reader.getAll(keys).thenApply(found -> {
      Iterator<Object[]> rowsIt = wanted.values().iterator();
      for (int i = 0; i < keys.size(); i++) {
        Object[] row = rowsIt.next();
        if (found.get(i) == null) {
          throw Errors.foreignKeyMissing(QualifiedNames.relname(child.name()), fk.name(), keyText(child, fk.slots(child), row),
              QualifiedNames.relname(parent.name()));
        }
        txn.lockReferenced(keys.get(i));
      }
      return null;
    });
  }

  /** A statement's row changes of one table, for its foreign keys: (old, new) pairs, null old for an insert, null new for a delete. */
  private static final class RowChanges {
    final List<Object[]> olds = new ArrayList<>();
    final List<Object[]> news = new ArrayList<>();

    void add(Object[] old, Object[] now) {
      olds.add(old);
      news.add(now);
    }
  }

  /**
   * After a statement changed {@code t}'s rows: what referenced them acts (NO ACTION and RESTRICT
   * refuse, CASCADE deletes or updates, SET NULL / SET DEFAULT rewrite the referencing columns),
   * then every new or changed referencing value must find its parent.
   */
  private CompletionStage<Void> enforceForeignKeys(TableDef t, RowChanges changes) {
    if (changes.olds.isEmpty() || (t.foreignKeys().isEmpty() && t.referencedBy().isEmpty())) return done(null);
    return referencedRowsChanged(t, changes, 0).thenCompose(v -> checkReferencingRows(t, changes));
  }

  /** Every new row of {@code changes} whose referencing values are new or changed must find its parent. */
  private CompletionStage<Void> checkReferencingRows(TableDef t, RowChanges changes) {
    Iterator<ForeignKeyDef> fks = t.foreignKeys().iterator();
    return AsyncLoop.loop(() -> {
      if (!fks.hasNext()) return done(false);
      ForeignKeyDef fk = fks.next();
      int[] slots = fk.slots(t);
      List<Object[]> toCheck = new ArrayList<>();
      for (int i = 0; i < changes.news.size(); i++) {
        Object[] now = changes.news.get(i);
        Object[] old = changes.olds.get(i);
        if (now != null && (old == null || !sameValues(old, now, slots))) toCheck.add(now);
      }
      if (toCheck.isEmpty()) return done(true);
      CompletionStage<TableDef> parent = fk.parent().equals(t.name()) ? done(t)
          : reader.get(CatalogKeys.tableKey(fk.parent())).thenApply(b -> {
            if (b == null) throw Errors.undefinedRelation(fk.parent());
            return TableDef.deserialize(b);
          });
      return parent.thenCompose(p -> checkReferences(t, fk, p, toCheck)).thenApply(x -> true);
    }).thenApply(v -> null);
  }

  private static boolean sameValues(Object[] a, Object[] b, int[] slots) {
    for (int s : slots) if (!java.util.Objects.equals(a[s], b[s])) return false;
    return true;
  }

  /** Cascades nest at most this deep: a cycle of CASCADE keys ends instead of looping. */
  private static final int MAX_CASCADE_DEPTH = 32;

  /** The referencing rows of every table that references {@code parent}, acted on for the parent rows that changed. */
  private CompletionStage<Void> referencedRowsChanged(TableDef parent, RowChanges changes, int depth) {
    if (parent.referencedBy().isEmpty()) return done(null);
    if (depth > MAX_CASCADE_DEPTH) throw Errors.unsupported("foreign key cascades nested more than " + MAX_CASCADE_DEPTH + " deep");
    Iterator<String> children = parent.referencedBy().iterator();
    return AsyncLoop.loop(() -> {
      if (!children.hasNext()) return done(false);
      String childName = children.next();
      CompletionStage<TableDef> child = childName.equals(parent.name()) ? done(parent)
          : reader.get(CatalogKeys.tableKey(childName)).thenApply(b -> b == null ? null : TableDef.deserialize(b));
      return child.thenCompose(c -> {
        if (c == null) return done(true);
        Iterator<ForeignKeyDef> fks = c.foreignKeys().stream().filter(f -> f.parent().equals(parent.name())).iterator();
        return AsyncLoop.loop(() -> {
          if (!fks.hasNext()) return done(false);
          return actOnReferences(parent, c, fks.next(), changes, depth).thenApply(v -> true);
        }).thenApply(v -> true);
      });
    });
  }

  private CompletionStage<Void> actOnReferences(TableDef parent, TableDef child, ForeignKeyDef fk, RowChanges changes, int depth) {
    int[] parentSlots = fk.parentSlots(parent);
    int[] slots = fk.slots(child);
    // The parent's old key values (as key bytes) whose rows went away or changed key, with the new row (null: deleted).
    java.util.Map<ByteBuffer, Object[]> gone = new java.util.HashMap<>();
    java.util.Map<ByteBuffer, Object[]> goneOld = new java.util.HashMap<>();
    for (int i = 0; i < changes.olds.size(); i++) {
      Object[] old = changes.olds.get(i);
      Object[] now = changes.news.get(i);
      if (old == null || (now != null && sameValues(old, now, parentSlots))) continue;
      byte[] k = valuesKey(parent, parentSlots, old, parentSlots);
      if (k == null) continue;
      gone.put(ByteBuffer.wrap(k), now);
      goneOld.put(ByteBuffer.wrap(k), old);
    }
    if (gone.isEmpty()) return done(null);
    return existingRows(child).thenCompose(rows -> {
      RowChanges childChanges = new RowChanges();
      CompletionStage<Void> chain = done(null);
      for (Object[] row : rows) {
        byte[] k = valuesKey(parent, parentSlots, row, slots);
        if (k == null || !gone.containsKey(ByteBuffer.wrap(k))) continue;
        Object[] newParent = gone.get(ByteBuffer.wrap(k));
        // The row a statement already changed in this same cascade is not changed twice.
        if (childChanges.olds.stream().anyMatch(o -> Arrays.equals(child.key(o), child.key(row)))) continue;
        char action = newParent == null ? fk.onDelete() : fk.onUpdate();
        if (action == 'a' || action == 'r') {
          Object[] parentRow = goneOld.get(ByteBuffer.wrap(k));
          throw Errors.foreignKeyReferenced(QualifiedNames.relname(parent.name()), fk.name(), QualifiedNames.relname(child.name()),
              keyText(parent, parentSlots, parentRow));
        }
        if (action == 'c' && newParent == null) {
          for (IndexDef ix : child.indexes()) txn.put(child.indexKey(ix, row), null, false);
          putRow(child.key(row), null);
          childChanges.add(row, null);
          continue;
        }
        Object[] changed = row.clone();
        for (int i = 0; i < slots.length; i++) {
          ColumnDef c = child.column(slots[i]);
          Object v;
          if (action == 'c') {
            ColumnDef pc = parent.column(parentSlots[i]);
            v = Values.cast(newParent[parentSlots[i]], pc.type(), c.type(), c.typmod(), false);
          } else if (action == 'n' || c.defaultSql() == null) {
            v = null;
          } else {
            Expr e = org.opendsql.sql.plan.Planner.bindDefault(c, new org.opendsql.sql.expr.ParamTypes(null));
            v = Values.cast(e.eval(ctx.withRow(null)), e.type(), c.type(), c.typmod(), false);
          }
          changed[slots[i]] = v;
        }
        checkRow(child, changed);
        childChanges.add(row, changed);
        byte[] oldKey = child.key(row);
        byte[] newKey = child.key(changed);
        chain = chain.thenCompose(v -> maintainIndexes(child, row, changed).thenApply(x -> {
          if (!Arrays.equals(oldKey, newKey)) putRow(oldKey, null);
          putRow(newKey, child.encodeRow(changed));
          return null;
        }));
      }
      // What the cascade changed is itself checked and cascaded, as a statement on the child would be.
      return chain.thenCompose(v -> childChanges.olds.isEmpty() ? done(null)
          : referencedRowsChanged(child, childChanges, depth + 1).thenCompose(x -> checkReferencingRows(child, childChanges)));
    });
  }

  /**
   * The bytes of a row's values in {@code slots}, cast to the parent's types in {@code parentSlots}
   * (so a child's int and a parent's bigint compare); null if one is NULL (it references nothing).
   */
  private static byte[] valuesKey(TableDef parent, int[] parentSlots, Object[] row, int[] slots) {
    List<PgType> types = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      Object v = row[slots[i]];
      if (v == null) return null;
      ColumnDef pc = parent.column(parentSlots[i]);
      types.add(pc.type());
      values.add(v);
    }
    try {
      return org.opendsql.core.codec.KeyCodec.key(0, 0, types, castAll(values, types));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<Object> castAll(List<Object> values, List<PgType> types) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) out.add(Values.cast(values.get(i), typeOf(values.get(i), types.get(i)), types.get(i), -1, false));
    return out;
  }

  /** The type a Java value of a key column has, for casting it to {@code target}'s family. */
  private static PgType typeOf(Object v, PgType target) {
    if (v instanceof Short) return PgType.INT2;
    if (v instanceof Integer) return PgType.INT4;
    if (v instanceof Long) return PgType.INT8;
    if (v instanceof BigDecimal) return PgType.NUMERIC;
    return target;
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
    return reader.getAll(keys).thenCompose(defs -> {
      java.util.Set<String> going = new java.util.HashSet<>(p.tables());
      CompletionStage<Void> refs = done(null);
      for (int i = 0; i < defs.size(); i++) {
        if (defs.get(i) == null) throw Errors.undefinedRelation(p.tables().get(i));
        TableDef d = TableDef.deserialize(defs.get(i));
        if (d.isView()) throw Errors.notATable(p.tables().get(i), null);
        refs = refs.thenCompose(v -> refuseIfReferenced(d, going, true));
      }
      return refs.thenApply(v -> defs);
    }).thenCompose(defs -> reader.get(counterKey).thenApply(c -> {
      long next = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
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
        String base = QualifiedNames.relname(def.name()) + "_" + String.join("_", p.keyColumns()) + "_idx";
        name = base;
        for (int k = 1; def.index(name) != null; k++) name = base + k;
      }
      String chosen = name;
      if (def.index(chosen) != null) {
        if (p.ifNotExists()) return CompletableFuture.<String>completedFuture(null);
        throw Errors.duplicateRelation(chosen);
      }
      return reader.get(CatalogKeys.tableKey(QualifiedNames.in(QualifiedNames.schemaOf(def.name()), chosen))).thenCompose(table -> {
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
    return indexOwner(p.name(), false).thenCompose(def -> {
      if (def == null) {
        if (p.ifExists()) return CompletableFuture.completedFuture(null);
        throw Errors.undefinedIndex(p.name());
      }
      byte[] catalogKey = CatalogKeys.tableKey(def.name());
      txn.addSchemaKey(catalogKey);
      IndexDef ix = def.index(QualifiedNames.relname(p.name()));
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
