package org.opendsql.node;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.AsyncLoop;
import org.opendsql.sql.config.JobSettings;
import org.opendsql.sql.exec.IndexBackfill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's background job runner: one daemon thread that looks for runnable jobs every poll
 * interval, and at once when {@link #wake} says this node submitted one, and runs them one after
 * the other, a chunk at a time ({@link IndexBackfill}). Work between I/O runs on its own thread,
 * never on the store's callback threads. A chunk that loses a conflict is run again after a short
 * pause; any other failure leaves the job to the next poll (its claim lapses if it keeps failing,
 * and another node may take it over).
 */
final class JobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final long CONFLICT_PAUSE_MILLIS = 20;

  private final IndexBackfill backfill;
  private final JobSettings settings;
  private final ScheduledExecutorService thread;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile boolean closed;

  /** {@code backfill} made with {@link #newThread()}'s executor as its work executor. */
  JobRunner(IndexBackfill backfill, JobSettings settings, ScheduledExecutorService thread) {
    this.backfill = backfill;
    this.settings = settings;
    this.thread = thread;
  }

  /** The runner's one daemon thread: every job's compute runs on it (a 2-core node keeps one core for queries). */
  static ScheduledExecutorService newThread() {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "opendsql-jobs");
      t.setDaemon(true);
      return t;
    });
  }

  JobRunner start() {
    long every = settings.pollInterval().toMillis();
    thread.scheduleWithFixedDelay(this::wake, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Looks for jobs now (a pass already under way looks again when it ends). */
  public void wake() {
    if (closed) return;
    again.set(true);
    if (!running.compareAndSet(false, true)) return;
    try {
      thread.execute(this::pass);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.set(false);
    }
  }

  private void pass() {
    again.set(false);
    CompletionStage<List<String>> found;
    try {
      found = backfill.runnable();
    } catch (RuntimeException e) {
      found = CompletableFuture.failedFuture(e);
    }
    found.thenComposeAsync(this::runAll, thread).whenCompleteAsync((v, err) -> {
      if (err != null && !closed) LOG.warn("background jobs: {}", DbException.of(err).getMessage());
      running.set(false);
      if (again.get()) wake();
    }, thread);
  }

  private CompletionStage<Void> runAll(List<String> ids) {
    ArrayDeque<String> todo = new ArrayDeque<>(ids);
    return AsyncLoop.loop(() -> {
      String id = todo.poll();
      if (id == null || closed) return CompletableFuture.completedFuture(false);
      return run(id).thenApply(v -> true);
    });
  }

  /** Steps job {@code id} until it is done or another node holds it. */
  private CompletionStage<Void> run(String id) {
    return AsyncLoop.loop(() -> {
      if (closed) return CompletableFuture.completedFuture(false);
      return backfill.step(id).handleAsync((step, err) -> {
        if (err == null) return CompletableFuture.completedFuture(step == IndexBackfill.Step.MORE);
        DbException e = DbException.of(err);
        if (e.state() != SqlState.SERIALIZATION_FAILURE) throw e;
        CompletableFuture<Boolean> later = new CompletableFuture<>();
        thread.schedule(() -> later.complete(true), CONFLICT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        return later;
      }, thread).thenCompose(x -> x);
    });
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
