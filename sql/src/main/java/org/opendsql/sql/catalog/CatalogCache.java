package org.opendsql.sql.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.AsyncLoop;

/**
 * The node's view of the catalog, shared by all sessions. Thread-safe: the snapshot is an
 * immutable map swapped under a lock.
 *
 * <p>A load scans the catalog prefix at the asking transaction's tau_start. After a DDL, {@link
 * #invalidate(long)} with its commit timestamp keeps older loads (from transactions that started
 * before the DDL) from being installed, so later transactions never see the pre-DDL catalog.
 * A name the snapshot lacks triggers one reload before the caller reports 42P01, which is how
 * tables created on other nodes become visible.
 */
public final class CatalogCache {
  private record Snapshot(long readTs, Map<String, TableDef> tables, java.util.Set<String> schemas) {}

  private final KvStore kv;
  private final int pageSize;
  private Snapshot snapshot;
  private long minInstallTs;
  private long generation;

  /** @param pageSize catalog entries read from storage at a time */
  public CatalogCache(KvStore kv, int pageSize) {
    this.kv = kv;
    this.pageSize = pageSize;
  }

  /** The definition of {@code name} (null if it does not exist), reloading once on a miss. */
  public CompletionStage<TableDef> find(String name, long readTs) {
    Snapshot s = current();
    if (s != null) {
      TableDef t = s.tables.get(name);
      if (t != null) return CompletableFuture.completedFuture(t);
    }
    return load(readTs).thenApply(loaded -> loaded.tables.get(name));
  }

  /**
   * The names of the user schemas (public not among them), as of the cached snapshot or a load at
   * {@code readTs}. A schema created on another node shows once a miss there reloads.
   */
  public CompletionStage<java.util.Set<String>> schemas(long readTs) {
    Snapshot s = current();
    if (s != null) return CompletableFuture.completedFuture(s.schemas);
    return load(readTs).thenApply(Snapshot::schemas);
  }

  private volatile Runnable jobsListener = () -> {};

  /** {@code listener} runs after each DDL this node commits: the job runner, which then looks for new jobs at once. */
  public void onJobsChanged(Runnable listener) {
    jobsListener = listener;
  }

  /** A DDL of this node committed; it may have submitted a job. */
  public void jobsChanged() {
    jobsListener.run();
  }

  /** Drops the snapshot; the next lookup loads again. */
  public void invalidate() {
    invalidate(0);
  }

  /** Drops the snapshot and refuses to install any load read below {@code committedTs}. */
  public synchronized void invalidate(long committedTs) {
    snapshot = null;
    generation++;
    minInstallTs = Math.max(minInstallTs, committedTs);
  }

  private synchronized Snapshot current() {
    return snapshot;
  }

  private CompletionStage<Snapshot> load(long readTs) {
    long gen;
    synchronized (this) {
      gen = generation;
    }
    Map<String, TableDef> tables = new HashMap<>();
    byte[][] from = {CatalogKeys.tablesPrefix()};
    boolean[] exclusive = {false};
    byte[] end = CatalogKeys.tablesEnd();
    return AsyncLoop.loop(() -> kv.scan(from[0], exclusive[0], end, readTs, pageSize).thenApply(page -> {
      for (KvEntry e : page.entries()) {
        TableDef t = TableDef.deserialize(e.value());
        tables.put(t.name(), t);
      }
      if (page.entries().isEmpty()) return false;
      from[0] = page.entries().get(page.entries().size() - 1).key();
      exclusive[0] = true;
      return page.more();
    })).thenCompose(v -> loadSchemas(readTs)).thenApply(schemas -> {
      Snapshot loaded = new Snapshot(readTs, Map.copyOf(tables), schemas);
      synchronized (this) {
        boolean newer = snapshot == null || snapshot.readTs < readTs;
        if (gen == generation && readTs >= minInstallTs && newer) snapshot = loaded;
      }
      return loaded;
    });
  }

  private CompletionStage<java.util.Set<String>> loadSchemas(long readTs) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    byte[][] from = {CatalogKeys.schemasPrefix()};
    boolean[] exclusive = {false};
    byte[] end = CatalogKeys.schemasEnd();
    return AsyncLoop.loop(() -> kv.scan(from[0], exclusive[0], end, readTs, pageSize).thenApply(page -> {
      for (KvEntry e : page.entries()) out.add(SchemaDef.deserialize(e.value()).name());
      if (page.entries().isEmpty()) return false;
      from[0] = page.entries().get(page.entries().size() - 1).key();
      exclusive[0] = true;
      return page.more();
    })).thenApply(v -> java.util.Set.copyOf(out));
  }
}
