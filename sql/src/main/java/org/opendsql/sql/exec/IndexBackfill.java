package org.opendsql.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.kv.AsyncLoop;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.Write;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.IndexDef;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.config.JobSettings;
import org.opendsql.sql.job.IndexJob;
import org.opendsql.sql.job.JobProgress;

/**
 * Runs a CREATE INDEX ASYNC job one transaction at a time. Each {@link #step} reads the job record,
 * its progress, the table's definition and the next page of base rows (primary-key order, after the
 * recorded resume key) at one snapshot, and commits their index entries with the advanced progress
 * (claim renewed). The table's catalog key and the job record are schema keys of every chunk: a
 * chunk that races DDL on the table, or the DROP that cancels the job, fails (40001) and is simply
 * run again, seeing the new state; the DROP itself never conflicts with a chunk. A row written after
 * the DDL got its entry from its own transaction; a row updated or deleted after a chunk's snapshot
 * deletes the very entry key the chunk writes, so one of the two fails at commit: no stale entry
 * survives. Once a job failed or was cancelled, steps delete what entries of its index remain.
 */
public final class IndexBackfill {
  /** What a step did: more to do, nothing more for this node (finished, gone, or held by another node). */
  public enum Step { MORE, DONE, HELD }

  private final KvStore kv;
  private final String node;
  private final JobSettings settings;
  private final LongSupplier clockMillis;
  private final LongConsumer catalogChanged;
  private final java.util.concurrent.Executor work;

  /**
   * @param node this node's name in the job's claim
   * @param catalogChanged told the commit timestamp of a step that changed a table's definition
   *     (the index valid, or removed after a failure): the node's catalog cache must reload
   * @param work where a chunk's rows are decoded and its entries made: the runner's own thread,
   *     not the store's callback thread (an actor dispatcher on a node)
   */
  public IndexBackfill(KvStore kv, String node, JobSettings settings, LongSupplier clockMillis,
      LongConsumer catalogChanged, java.util.concurrent.Executor work) {
    this.work = work;
    this.kv = kv;
    this.node = node;
    this.settings = settings;
    this.clockMillis = clockMillis;
    this.catalogChanged = catalogChanged;
  }

  /** The jobs with work left: unfinished, or with a dropped build's entries to delete. */
  public CompletionStage<List<String>> runnable() {
    KvStore.Cursor scan = kv.openScan(CatalogKeys.jobsPrefix(), false, CatalogKeys.jobsEnd(), kv.now());
    List<String> out = new ArrayList<>();
    return AsyncLoop.loop(() -> scan.next(256).thenApply(page -> {
      for (KvEntry e : page.entries()) {
        IndexJob job = IndexJob.deserialize(e.value());
        if (job.needsRunner()) out.add(job.id());
      }
      return page.more();
    })).thenApply(v -> out);
  }

  /** One transaction of job {@code jobId}; fails with the commit's error (40001 on a conflict). */
  public CompletionStage<Step> step(String jobId) {
    long ts = kv.now();
    long nowMs = clockMillis.getAsLong();
    byte[] jobKey = CatalogKeys.jobKey(jobId);
    byte[] progressKey = CatalogKeys.jobProgressKey(jobId);
    return kv.getAll(List.of(jobKey, progressKey), ts).thenCompose(found -> {
      if (found.get(0) == null) return done(Step.DONE);
      IndexJob job = IndexJob.deserialize(found.get(0));
      if (!job.needsRunner()) return done(Step.DONE);
      JobProgress read = found.get(1) == null ? JobProgress.initial(job.tableId()) : JobProgress.deserialize(found.get(1));
      if (!read.claimableBy(node, nowMs)) return done(Step.HELD);
      JobProgress progress = read.claimedBy(node, nowMs, settings.lease().toMillis());
      if (job.finished()) return cleanup(ts, nowMs, job, progress, jobKey, progressKey);
      byte[] tableKey = CatalogKeys.tableKey(job.table());
      return kv.get(tableKey, ts).thenCompose(defBytes -> {
        TableDef def = defBytes == null ? null : TableDef.deserialize(defBytes);
        // By id, not name: the index's id is what its entries are keyed by.
        IndexDef ix = def == null ? null
            : def.indexes().stream().filter(x -> x.id() == job.indexId()).findFirst().orElse(null);
        if (ix == null) {
          // Gone with no DROP cancelling the job (a column it used was dropped): its entries are left to delete.
          return commit(ts, List.of(new Write(jobKey, job.cancelled(nowMs).serialize())), List.of(tableKey, jobKey),
              null, Step.MORE);
        }
        if (!ix.building()) {
          return commit(ts, List.of(new Write(jobKey, job.completed(nowMs).serialize())), List.of(tableKey, jobKey),
              null, Step.DONE);
        }
        JobProgress p = def.id() != progress.tableId() ? progress.restartedOn(def.id()) : progress;
        return chunk(ts, nowMs, def, ix, job, p, jobKey, progressKey, tableKey);
      });
    });
  }

  private CompletionStage<Step> chunk(long ts, long nowMs, TableDef def, IndexDef ix, IndexJob job, JobProgress p,
      byte[] jobKey, byte[] progressKey, byte[] tableKey) {
    boolean resume = p.resumeAfter() != null;
    byte[] from = resume ? p.resumeAfter() : def.keyPrefix();
    return kv.scan(from, resume, def.keyEnd(), ts, settings.chunkRows()).thenCompose(page -> {
      List<KvEntry> rows = page.entries();
      List<byte[]> check = BackfillChunk.keysToCheck(def, ix, rows);
      CompletionStage<List<byte[]>> held = check.isEmpty() ? done(List.of()) : kv.getAll(check, ts);
      return held.thenComposeAsync(existing -> {
        BackfillChunk.Result r = BackfillChunk.build(def, ix, rows, existing);
        List<byte[]> schema = List.of(tableKey, jobKey);
        if (r.duplicate() != null) {
          // A unique index over duplicate keys: the job fails and the index goes; its entries are deleted next.
          List<IndexDef> rest = new ArrayList<>(def.indexes());
          rest.remove(ix);
          return commit(ts, List.of(new Write(tableKey, def.withIndexes(rest).serialize()),
              new Write(jobKey, job.failed(r.duplicate(), nowMs).serialize()), new Write(progressKey, p.serialize())),
              schema, tableKey, Step.MORE);
        }
        List<Write> writes = new ArrayList<>(r.entries());
        // A page may end early with more to come: its resume point, not its last row, is where the next one starts.
        byte[] reached = r.lastKey() != null ? r.lastKey() : page.resumeAfter();
        writes.add(new Write(progressKey, p.progressed(reached, r.rows()).serialize()));
        if (!page.more()) {
          // The last chunk also makes the index valid: every older row has its entry now, every newer one had it.
          List<IndexDef> built = new ArrayList<>();
          for (IndexDef x : def.indexes()) built.add(x == ix ? ix.built() : x);
          writes.add(new Write(tableKey, def.withIndexes(built).serialize()));
          writes.add(new Write(jobKey, job.completed(nowMs).serialize()));
          return commit(ts, writes, schema, tableKey, Step.DONE);
        }
        if (job.status() == IndexJob.Status.SUBMITTED) writes.add(new Write(jobKey, job.started(nowMs).serialize()));
        return commit(ts, writes, schema, null, Step.MORE);
      }, work);
    });
  }

  /**
   * Deletes the entries a failed or cancelled build left, a page per step, then marks the job
   * clean. The index's id is never reused (TableDef keeps it taken), so its key range is its own.
   */
  private CompletionStage<Step> cleanup(long ts, long nowMs, IndexJob job, JobProgress p, byte[] jobKey,
      byte[] progressKey) {
    List<byte[]> prefixes = new ArrayList<>(List.of(KeyCodec.prefix(job.tableId(), job.indexId())));
    if (p.tableId() != job.tableId()) prefixes.add(KeyCodec.prefix(p.tableId(), job.indexId()));
    List<Write> writes = new ArrayList<>();
    int limit = settings.chunkRows() * 4;
    boolean[] more = {false};
    java.util.Iterator<byte[]> it = prefixes.iterator();
    return AsyncLoop.loop(() -> {
      if (!it.hasNext() || more[0]) return done(false);
      byte[] prefix = it.next();
      return kv.scan(prefix, false, Bytes.prefixEnd(prefix), ts, limit).thenApply(page -> {
        for (KvEntry e : page.entries()) writes.add(new Write(e.key(), null));
        more[0] = page.more();
        return true;
      });
    }).thenCompose(v -> {
      writes.add(new Write(progressKey, p.serialize()));
      if (more[0]) return commit(ts, writes, List.of(jobKey), null, Step.MORE);
      writes.add(new Write(jobKey, job.cleaned(nowMs).serialize()));
      return commit(ts, writes, List.of(jobKey), null, Step.DONE);
    });
  }

  /** {@code changedTable}: the catalog key this commit rewrites, if any (the node's cache must reload). */
  private CompletionStage<Step> commit(long ts, List<Write> writes, List<byte[]> schemaKeys, byte[] changedTable,
      Step then) {
    return kv.commit(ts, writes, List.of(), schemaKeys).thenApply(commitTs -> {
      if (changedTable != null) catalogChanged.accept(commitTs);
      return then;
    });
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }
}
