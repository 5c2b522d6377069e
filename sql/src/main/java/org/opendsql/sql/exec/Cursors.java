package org.opendsql.sql.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.AsyncLoop;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.RowBatch;

/** Cursor implementations: materialized results and page-by-page streams. */
public final class Cursors {
  private Cursors() {}

  /** Told once when a cursor finishes: null on success (or close), the error otherwise. */
  public interface Completion extends Consumer<DbException> {}

  /** Rows already computed (DML with RETURNING, sorted or aggregated results, utility output). */
  public static Cursor list(List<ColumnDesc> columns, List<Object[]> rows, String tag) {
    return new ListCursor(columns, rows, tag);
  }

  private static final class ListCursor implements Cursor {
    private final List<ColumnDesc> columns;
    private final List<Object[]> rows;
    private final String tag;
    private int pos;

    ListCursor(List<ColumnDesc> columns, List<Object[]> rows, String tag) {
      this.columns = columns;
      this.rows = rows;
      this.tag = tag;
    }

    public List<ColumnDesc> columns() { return columns; }

    public CompletionStage<RowBatch> fetch(int max) {
      int n = max <= 0 ? rows.size() - pos : Math.min(max, rows.size() - pos);
      List<Object[]> out = new ArrayList<>(rows.subList(pos, pos + n));
      pos += n;
      boolean done = pos >= rows.size();
      return CompletableFuture.completedFuture(new RowBatch(out, done, done ? tag : null));
    }

    public void close() {
      pos = rows.size();
    }
  }

  /**
   * Pulls from a {@link RowSource} only as far as the fetch needs: at most one source call beyond
   * the rows already buffered. OFFSET and LIMIT are applied here, so a LIMIT stops the reads.
   */
  public static Cursor stream(List<ColumnDesc> columns, RowSource source, long offset, long limit,
      Completion completion) {
    return new StreamCursor(columns, source, offset, limit, completion);
  }

  private static final class StreamCursor implements Cursor {
    private final List<ColumnDesc> columns;
    private final RowSource source;
    private final Completion completion;
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private long toSkip;
    private long remaining;
    private long returned;
    private boolean exhausted;
    private boolean finished;

    StreamCursor(List<ColumnDesc> columns, RowSource source, long offset, long limit, Completion completion) {
      this.columns = columns;
      this.source = source;
      this.toSkip = offset;
      this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
      this.completion = completion;
    }

    public List<ColumnDesc> columns() { return columns; }

    public CompletionStage<RowBatch> fetch(int max) {
      if (finished) return CompletableFuture.completedFuture(new RowBatch(List.of(), true, "SELECT " + returned));
      int want = max <= 0 ? Integer.MAX_VALUE : max;
      List<Object[]> out = new ArrayList<>(Math.min(want, 1024));
      CompletableFuture<RowBatch> result = new CompletableFuture<>();
      AsyncLoop.loop(() -> {
        while (!pending.isEmpty() && out.size() < want && remaining > 0) {
          out.add(pending.poll());
          remaining--;
        }
        if (out.size() >= want || remaining == 0 || exhausted) return CompletableFuture.completedFuture(false);
        return source.next().thenApply(rows -> {
          if (rows == null) {
            exhausted = true;
            return false;
          }
          for (Object[] r : rows) {
            if (toSkip > 0) {
              toSkip--;
            } else {
              pending.add(r);
            }
          }
          return true;
        });
      }).whenComplete((v, err) -> {
        if (err != null) {
          DbException e = DbException.of(err);
          finish(e);
          result.completeExceptionally(e);
          return;
        }
        returned += out.size();
        boolean done = remaining == 0 || (exhausted && pending.isEmpty());
        if (done) finish(null);
        result.complete(new RowBatch(out, done, done ? "SELECT " + returned : null));
      });
      return result;
    }

    private void finish(DbException e) {
      if (finished) return;
      finished = true;
      pending.clear();
      completion.accept(e);
    }

    public void close() {
      finish(null);
    }
  }
}
