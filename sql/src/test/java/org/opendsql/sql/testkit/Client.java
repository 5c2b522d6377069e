package org.opendsql.sql.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.opendsql.core.error.DbException;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.RowBatch;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.SqlSession;
import org.opendsql.sql.catalog.CatalogCache;

/** Drives a {@link SqlSession} the way pgwire does: prepare, execute, fetch to the end. */
public final class Client {
  public record Result(List<ColumnDesc> columns, List<Object[]> rows, String tag, Prepared prepared) {
    public Object value() {
      return rows.get(0)[0];
    }
  }

  public final SqlSession session;

  public Client(MemKvStore kv, CatalogCache cache) {
    this(kv, cache, SqlConfig.DEFAULT);
  }

  public Client(MemKvStore kv, CatalogCache cache, SqlConfig config) {
    this(kv, cache, config, "admin");
  }

  /** A session of role {@code user} (admin needs no privileges; another role needs its grants). */
  public Client(MemKvStore kv, CatalogCache cache, SqlConfig config, String user) {
    this.session = new SqlSession(kv, cache, user, "postgres", config);
  }

  public Result run(String sql, Object... params) {
    try {
      Prepared p = session.prepare(sql, new int[0]).toCompletableFuture().join();
      Cursor c = session.execute(p, params).toCompletableFuture().join();
      List<Object[]> rows = new ArrayList<>();
      while (true) {
        RowBatch b = c.fetch(0).toCompletableFuture().join();
        rows.addAll(b.rows());
        if (b.done()) {
          session.sync(true).toCompletableFuture().join();
          return new Result(c.columns(), rows, b.commandTag(), p);
        }
      }
    } catch (CompletionException e) {
      session.sync(false).toCompletableFuture().join();
      throw DbException.of(e);
    }
  }

  public DbException fail(String sql, Object... params) {
    return assertThrows(DbException.class, () -> run(sql, params), sql);
  }
}
