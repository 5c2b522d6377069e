package org.opendsql.core.kv;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Repeats an asynchronous step until it answers false, without growing the stack when steps
 * complete synchronously (a store answering from memory would otherwise nest one frame per page).
 */
public final class AsyncLoop {
  private AsyncLoop() {}

  public static CompletionStage<Void> loop(Supplier<CompletionStage<Boolean>> step) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    run(step, done);
    return done;
  }

  private static void run(Supplier<CompletionStage<Boolean>> step, CompletableFuture<Void> done) {
    while (true) {
      CompletableFuture<Boolean> f;
      try {
        f = step.get().toCompletableFuture();
      } catch (Throwable t) {
        done.completeExceptionally(t);
        return;
      }
      if (!f.isDone()) {
        f.whenComplete((more, err) -> {
          if (err != null) done.completeExceptionally(err);
          else if (Boolean.TRUE.equals(more)) run(step, done);
          else done.complete(null);
        });
        return;
      }
      try {
        if (!f.join()) {
          done.complete(null);
          return;
        }
      } catch (Throwable t) {
        done.completeExceptionally(t);
        return;
      }
    }
  }
}
