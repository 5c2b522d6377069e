package org.opendsql.sql.exec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.KvStore;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.job.IndexJob;

/**
 * sys.wait_for_job: re-reads the job record at the node's current time (not the caller's
 * snapshot, which would never see the job end) on a timer until the job has ended. No thread
 * waits: each poll is scheduled on the JVM's delayed executor, so a Vert.x event loop or an
 * actor's dispatcher is never blocked.
 */
public final class JobWait {
  private static final Executor DIRECT = Runnable::run;
  static final long FIRST_DELAY_MILLIS = 10;
  static final long MAX_DELAY_MILLIS = 250;

  private JobWait() {}

  /** True once the job completed, false once it failed or was cancelled; 42704 for an unknown id. */
  public static CompletionStage<Boolean> await(KvStore kv, String jobId, Runnable checkCancel) {
    return poll(kv, jobId, checkCancel, FIRST_DELAY_MILLIS);
  }

  private static CompletionStage<Boolean> poll(KvStore kv, String jobId, Runnable checkCancel, long delayMillis) {
    checkCancel.run();
    return kv.get(CatalogKeys.jobKey(jobId), kv.now()).thenCompose(value -> {
      if (value == null) throw Errors.undefinedJob(jobId);
      IndexJob job = IndexJob.deserialize(value);
      if (job.finished()) return CompletableFuture.completedFuture(job.status() == IndexJob.Status.COMPLETED);
      Executor later = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, DIRECT);
      return CompletableFuture.supplyAsync(() -> null, later)
          .thenCompose(v -> poll(kv, jobId, checkCancel, Math.min(delayMillis * 2, MAX_DELAY_MILLIS)));
    });
  }
}
