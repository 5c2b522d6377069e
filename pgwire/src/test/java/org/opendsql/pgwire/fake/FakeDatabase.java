package org.opendsql.pgwire.fake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.session.Authenticator;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.QuerySession;
import org.opendsql.core.session.RowBatch;
import org.opendsql.core.session.SessionFactory;
import org.opendsql.core.types.PgType;

/**
 * Authenticator and session factory in one. Statements understood (case-insensitive):
 * {@code select 1}, {@code select 'literal'}, {@code select * from gen(N)} (N rows of an int8 id
 * and a ~100-byte text), {@code select slow} (never yields a row until cancelled),
 * {@code select boom} (fails with 22012), {@code select echo($1, ...)} (one row echoing its
 * parameters with their types), {@code insert ...} (fails with 23505 when it contains "boom"),
 * {@code begin}, {@code commit}, {@code rollback}, {@code set name = value}; anything else is 42601.
 */
public final class FakeDatabase implements Authenticator, SessionFactory {
  public static final String PASSWORD = "secret";

  public final AtomicInteger sessionsOpened = new AtomicInteger();
  public final AtomicInteger sessionsClosed = new AtomicInteger();
  public final AtomicLong rowsFetched = new AtomicLong();
  public final AtomicInteger cursorsOpened = new AtomicInteger();
  public final AtomicInteger cursorsClosed = new AtomicInteger();
  public final AtomicInteger largestFetch = new AtomicInteger();
  public final AtomicInteger insertsExecuted = new AtomicInteger();
  public final AtomicInteger cancels = new AtomicInteger();
  /** Counted down when a {@code select slow} fetch is waiting. */
  public volatile CountDownLatch slowStarted = new CountDownLatch(1);
  public final List<String> executed = java.util.Collections.synchronizedList(new ArrayList<>());

  private final Executor async = ForkJoinPool.commonPool();

  @Override
  public void authenticate(String user, String password) {
    if (!PASSWORD.equals(password)) throw Errors.badToken("wrong password for " + user);
  }

  @Override
  public CompletionStage<QuerySession> open(String user, String database, Map<String, String> p) {
    sessionsOpened.incrementAndGet();
    return CompletableFuture.supplyAsync(Session::new, async);
  }

  private record Stmt(String sql, List<PgType> paramTypes, List<ColumnDesc> columns)
      implements Prepared {}

  private static final Pattern GEN = Pattern.compile("select \\* from gen\\((\\d+)\\)");
  private static final Pattern LITERAL = Pattern.compile("select '((?:[^']|'')*)'");
  private static final Pattern ECHO = Pattern.compile("select echo\\((.*)\\)");
  private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");
  private static final Pattern SET = Pattern.compile("set (\\w+)\\s*(?:=|to)\\s*'?([^']*)'?");
  private static final String PAYLOAD = "p".repeat(90);

  private final class Session implements QuerySession {
    private char status = 'I';
    private final Map<String, String> changes = new HashMap<>();
    private volatile CompletableFuture<RowBatch> pendingSlow;
    private volatile boolean cancelled;

    @Override
    public CompletionStage<Prepared> prepare(String sql, int[] declared) {
      return CompletableFuture.supplyAsync(() -> analyse(sql, declared), async);
    }

    private Prepared analyse(String original, int[] declared) {
      // Crude comment removal, good enough for the fixed texts this fake understands.
      String sql = original.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ").strip();
      String s = sql.toLowerCase(Locale.ROOT);
      if (s.isEmpty()) return new Stmt("", List.of(), List.of());
      if (s.equals("select 1")) {
        return new Stmt(sql, List.of(), List.of(ColumnDesc.computed("?column?", PgType.INT4)));
      }
      if (GEN.matcher(s).matches()) {
        return new Stmt(sql, List.of(), List.of(ColumnDesc.computed("id", PgType.INT8),
            ColumnDesc.computed("payload", PgType.TEXT)));
      }
      if (LITERAL.matcher(s).matches()) {
        return new Stmt(sql, List.of(), List.of(ColumnDesc.computed("?column?", PgType.TEXT)));
      }
      if (s.equals("select slow") || s.equals("select boom")) {
        return new Stmt(sql, List.of(), List.of(ColumnDesc.computed("x", PgType.INT4)));
      }
      Matcher echo = ECHO.matcher(s);
      if (echo.matches()) {
        int n = 0;
        Matcher m = PARAM.matcher(echo.group(1));
        while (m.find()) n = Math.max(n, Integer.parseInt(m.group(1)));
        List<PgType> types = new ArrayList<>();
        List<ColumnDesc> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          PgType t = i < declared.length ? PgType.byOid(declared[i]) : null;
          if (t == null) t = PgType.UNKNOWN;
          types.add(t);
          cols.add(ColumnDesc.computed("c" + (i + 1), t == PgType.UNKNOWN ? PgType.TEXT : t));
        }
        return new Stmt(sql, types, cols);
      }
      if (s.startsWith("insert") || s.equals("begin") || s.equals("start transaction")
          || s.equals("commit") || s.equals("rollback") || SET.matcher(s).matches()) {
        return new Stmt(sql, List.of(), List.of());
      }
      throw Errors.syntaxErrorAt(sql);
    }

    @Override
    public CompletionStage<Cursor> execute(Prepared st, Object[] params) {
      return CompletableFuture.supplyAsync(() -> run(st, params), async);
    }

    private Cursor run(Prepared st, Object[] params) {
      String s = st.sql().strip().toLowerCase(Locale.ROOT);
      executed.add(s);
      cancelled = false;
      if (status == 'E' && !s.equals("rollback") && !s.equals("commit")) {
        throw Errors.inFailedTransaction();
      }
      switch (s) {
        case "begin":
        case "start transaction":
          status = 'T';
          return done("BEGIN");
        case "commit": {
          String tag = status == 'E' ? "ROLLBACK" : "COMMIT";
          status = 'I';
          return done(tag);
        }
        case "rollback":
          status = 'I';
          return done("ROLLBACK");
        case "select 1":
          return rows(st.columns(), List.<Object[]>of(new Object[] {1}).iterator(), 1);
        case "select boom":
          return fail(Errors.divisionByZero());
        case "select slow":
          return slow(st.columns());
        default:
          break;
      }
      Matcher m;
      if ((m = GEN.matcher(s)).matches()) {
        long n = Long.parseLong(m.group(1));
        return new GenCursor(st.columns(), n);
      }
      if ((m = LITERAL.matcher(st.sql().strip())).matches()) {
        Object[] row = {m.group(1).replace("''", "'")};
        return rows(st.columns(), List.<Object[]>of(row).iterator(), 1);
      }
      if (ECHO.matcher(s).matches()) {
        return rows(st.columns(), List.<Object[]>of(params.clone()).iterator(), 1);
      }
      if (s.startsWith("insert")) {
        insertsExecuted.incrementAndGet();
        if (s.contains("boom")) {
          return fail(Errors.uniqueViolation("t_pkey", "a", "(boom)"));
        }
        return done("INSERT 0 1");
      }
      if ((m = SET.matcher(s)).matches()) {
        changes.put(m.group(1), m.group(2));
        return done("SET");
      }
      throw Errors.internal("unreachable: " + s);
    }

    private Cursor fail(DbException e) {
      if (status == 'T') status = 'E';
      throw e;
    }

    private Cursor done(String tag) {
      return rows(List.of(), java.util.Collections.emptyIterator(), 0, tag);
    }

    private Cursor rows(List<ColumnDesc> cols, java.util.Iterator<Object[]> it, int n) {
      return rows(cols, it, n, "SELECT " + n);
    }

    private Cursor rows(List<ColumnDesc> cols, java.util.Iterator<Object[]> it, int n, String tag) {
      cursorsOpened.incrementAndGet();
      return new Cursor() {
        @Override
        public List<ColumnDesc> columns() {
          return cols;
        }

        @Override
        public CompletionStage<RowBatch> fetch(int max) {
          List<Object[]> out = new ArrayList<>();
          while (it.hasNext() && out.size() < max) out.add(it.next());
          rowsFetched.addAndGet(out.size());
          return CompletableFuture.completedFuture(new RowBatch(out, !it.hasNext(), tag));
        }

        @Override
        public void close() {
          cursorsClosed.incrementAndGet();
        }
      };
    }

    private Cursor slow(List<ColumnDesc> cols) {
      cursorsOpened.incrementAndGet();
      return new Cursor() {
        @Override
        public List<ColumnDesc> columns() {
          return cols;
        }

        @Override
        public CompletionStage<RowBatch> fetch(int max) {
          CompletableFuture<RowBatch> f = new CompletableFuture<>();
          pendingSlow = f;
          if (cancelled) cancelNow();
          slowStarted.countDown();
          return f;
        }

        @Override
        public void close() {
          cursorsClosed.incrementAndGet();
        }
      };
    }

    private void cancelNow() {
      CompletableFuture<RowBatch> f = pendingSlow;
      if (f != null) {
        f.completeExceptionally(Errors.queryCanceled());
      }
    }

    private final class GenCursor implements Cursor {
      private final List<ColumnDesc> cols;
      private final long total;
      private long next;

      GenCursor(List<ColumnDesc> cols, long total) {
        this.cols = cols;
        this.total = total;
        cursorsOpened.incrementAndGet();
      }

      @Override
      public List<ColumnDesc> columns() {
        return cols;
      }

      @Override
      public CompletionStage<RowBatch> fetch(int max) {
        largestFetch.accumulateAndGet(max, Math::max);
        return CompletableFuture.supplyAsync(() -> {
          List<Object[]> out = new ArrayList<>(max);
          while (next < total && out.size() < max) {
            out.add(new Object[] {next, PAYLOAD + next});
            next++;
          }
          rowsFetched.addAndGet(out.size());
          return new RowBatch(out, next >= total, "SELECT " + total);
        }, async);
      }

      @Override
      public void close() {
        cursorsClosed.incrementAndGet();
      }
    }

    @Override
    public char transactionStatus() {
      return status;
    }

    @Override
    public Map<String, String> drainParameterChanges() {
      Map<String, String> out = Map.copyOf(changes);
      changes.clear();
      return out;
    }

    @Override
    public CompletionStage<Void> sync(boolean commit) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void cancel() {
      cancels.incrementAndGet();
      cancelled = true;
      cancelNow();
    }

    @Override
    public void close() {
      sessionsClosed.incrementAndGet();
    }
  }
}
