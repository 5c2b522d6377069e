package org.opendsql.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.kv.AsyncLoop;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.Write;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.IndexDef;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.config.JobSettings;
import org.opendsql.sql.job.IndexJob;

/**
 * Runs a CREATE INDEX ASYNC job one transaction at a time. Each {@link #step} reads the job record,
 * the table's definition and the next page of base rows (primary-key order, after the recorded
 * resume key) at one snapshot, and commits their index entries together with the advanced job
 * record (claim renewed). The table's catalog key is a schema key of every step and the job record
 * is written by every step, so a step that races DDL on the table or a DROP that cancels the job
 * fails (40001) and is simply run again, seeing the new state. A row written after the DDL got its
 * entry from its own transaction; a row updated or deleted after a step's snapshot deletes the very
 * entry key the step writes, so one of the two fails at commit: no stale entry survives.
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

  /** The unfinished jobs this node may run now (none held by a live claim of another node). */
  public CompletionStage<List<String>> runnable() {
    long ts = kv.now();
    long nowMs = clockMillis.getAsLong();
    KvStore.Cursor scan = kv.openScan(CatalogKeys.jobsPrefix(), false, CatalogKeys.jobsEnd(), ts);
    List<String> out = new ArrayList<>();
    return AsyncLoop.loop(() -> scan.next(256).thenApply(page -> {
      for (KvEntry e : page.entries()) {
        IndexJob job = IndexJob.deserialize(e.value());
        if (job.claimableBy(node, nowMs)) out.add(job.id());
      }
      return page.more();
    })).thenApply(v -> out);
  }

  /** One transaction of job {@code jobId}; fails with the commit's error (40001 on a conflict). */
  public CompletionStage<Step> step(String jobId) {
    long ts = kv.now();
    long nowMs = clockMillis.getAsLong();
    byte[] jobKey = CatalogKeys.jobKey(jobId);
    return kv.get(jobKey, ts).thenCompose(jobBytes -> {
      if (jobBytes == null) return done(Step.DONE);
      IndexJob read = IndexJob.deserialize(jobBytes);
      if (read.finished()) return done(Step.DONE);
      if (!read.claimableBy(node, nowMs)) return done(Step.HELD);
      byte[] tableKey = CatalogKeys.tableKey(read.table());
      return kv.get(tableKey, ts).thenCompose(defBytes -> {
        TableDef def = defBytes == null ? null : TableDef.deserialize(defBytes);
        // By id, not name: ALTER ... RENAME of the index keeps its id and its build.
        IndexDef ix = def == null ? null
            : def.indexes().stream().filter(x -> x.id() == read.indexId()).findFirst().orElse(null);
        IndexJob job = read.claimedBy(node, nowMs, settings.lease().toMillis());
        if (ix == null) {
          // Dropped with no DROP writing the job (a column it used dropped): nothing left to build.
          return commit(ts, List.of(new Write(jobKey, job.cancelled(nowMs).serialize())), tableKey, false, Step.DONE);
        }
        if (!ix.building()) {
          return commit(ts, List.of(new Write(jobKey, job.completed(nowMs).serialize())), tableKey, false, Step.DONE);
        }
        if (def.id() != job.tableId()) job = job.restartedOn(def.id(), nowMs);
        return chunk(ts, nowMs, def, ix, job, jobKey, tableKey);
      });
    });
  }

  private CompletionStage<Step> chunk(long ts, long nowMs, TableDef def, IndexDef ix, IndexJob job, byte[] jobKey,
      byte[] tableKey) {
    boolean resume = job.resumeAfter() != null;
    byte[] from = resume ? job.resumeAfter() : def.keyPrefix();
    int limit = settings.chunkRows();
    return kv.scan(from, resume, def.keyEnd(), ts, limit).thenCompose(page -> {
      List<KvEntry> rows = page.entries();
      List<byte[]> check = BackfillChunk.keysToCheck(def, ix, rows);
      CompletionStage<List<byte[]>> held = check.isEmpty() ? done(List.of()) : kv.getAll(check, ts);
      return held.thenComposeAsync(existing -> {
        BackfillChunk.Result r = BackfillChunk.build(def, ix, rows, existing);
        if (r.duplicate() != null) return fail(ts, nowMs, def, ix, job, jobKey, tableKey, r.duplicate());
        List<Write> writes = new ArrayList<>(r.entries());
        // A page may end early with more to come: its resume point, not its last row, is where the next one starts.
        byte[] reached = r.lastKey() != null ? r.lastKey() : page.resumeAfter();
        IndexJob next = job.progressed(reached, r.rows(), nowMs, settings.lease().toMillis());
        boolean last = !page.more();
        if (last) {
          // The last chunk also makes the index valid: every older row has its entry now, every newer one had it.
          List<IndexDef> built = new ArrayList<>();
          for (IndexDef x : def.indexes()) built.add(x == ix ? ix.built() : x);
          writes.add(new Write(tableKey, def.withIndexes(built).serialize()));
          next = next.completed(nowMs);
        }
        writes.add(new Write(jobKey, next.serialize()));
        return commit(ts, writes, tableKey, last, last ? Step.DONE : Step.MORE);
      }, work);
    });
  }

  /**
   * A unique index over duplicate keys: the job fails, and the index goes with every entry written
   * for it, so no half-built index is left behind (DSQL leaves an invalid one to be dropped).
   */
  private CompletionStage<Step> fail(long ts, long nowMs, TableDef def, IndexDef ix, IndexJob job, byte[] jobKey,
      byte[] tableKey, String details) {
    List<Write> writes = new ArrayList<>();
    List<IndexDef> rest = new ArrayList<>(def.indexes());
    rest.remove(ix);
    writes.add(new Write(tableKey, def.withIndexes(rest).serialize()));
    writes.add(new Write(jobKey, job.failed(details, nowMs).serialize()));
    byte[] prefix = def.indexPrefix(ix);
    KvStore.Cursor entries = kv.openScan(prefix, false, Bytes.prefixEnd(prefix), ts);
    return AsyncLoop.loop(() -> entries.next(1024).thenApply(page -> {
      for (KvEntry e : page.entries()) writes.add(new Write(e.key(), null));
      return page.more();
    })).thenCompose(v -> commit(ts, writes, tableKey, true, Step.DONE));
  }

  private CompletionStage<Step> commit(long ts, List<Write> writes, byte[] tableKey, boolean changesTable, Step then) {
    return kv.commit(ts, writes, List.of(), List.of(tableKey)).thenApply(commitTs -> {
      if (changesTable) catalogChanged.accept(commitTs);
      return then;
    });
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }
}
