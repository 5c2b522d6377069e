package org.opendsql.sql.exec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.sql.catalog.CatalogKeys;

/**
 * One session's PostgreSQL advisory locks, built on the database's own transactions: a held lock
 * is a row of a system table naming its owner and a lease; taking it is a transaction that reads
 * the row and writes it only if it is free, its lease expired or it is already this session's,
 * so two sessions racing for it cannot both commit (first committer wins). The lease is renewed
 * while the lock is held and lets another session take a lock whose owner died with its node.
 *
 * <p>Locks are reentrant and counted per session, separately for session-level and
 * transaction-level holds (released at the transaction's end), as in PostgreSQL; the row exists
 * while either count is positive. A waiting {@code pg_advisory_lock} retries with backoff until
 * it gets the lock or the statement is cancelled: nothing is ever blocked on a thread.
 */
public final class AdvisoryLocks {
  /** How long a lock survives its owner's silence: renewals come every third of it. */
  static final long LEASE_MICROS = 30_000_000L;
  private static final long RENEW_EVERY_MILLIS = LEASE_MICROS / 3_000;
  private static final Executor DIRECT = Runnable::run;

  /** One daemon thread per JVM renews every session's leases; it only starts asynchronous commits. */
  private static final ScheduledExecutorService RENEWER = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "opendsql-advisory-lease");
    t.setDaemon(true);
    return t;
  });

  /** A lock key: {@code space} 1 for one bigint key, 2 for two integer keys (PostgreSQL keeps them apart). */
  public record Key(int space, long id) {
    public static Key of(long bigint) {
      return new Key(1, bigint);
    }

    public static Key of(int a, int b) {
      return new Key(2, ((long) a << 32) | (b & 0xFFFFFFFFL));
    }

    byte[] storeKey() {
      return CatalogKeys.advisoryLockKey(space, id);
    }
  }

  private static final class Holds {
    int session;
    int xact;
  }

  private final KvStore kv;
  private final long owner;
  private final Map<Key, Holds> held = new HashMap<>();
  private ScheduledFuture<?> renewal;

  public AdvisoryLocks(KvStore kv) {
    this.kv = kv;
    this.owner = kv.uniqueId();
  }

  /** pg_try_advisory_lock / pg_try_advisory_xact_lock. */
  public CompletionStage<Boolean> tryLock(Key key, boolean xact) {
    synchronized (this) {
      Holds h = held.get(key);
      if (h != null) {
        count(h, xact);
        return CompletableFuture.completedFuture(true);
      }
    }
    return take(key).thenApply(got -> {
      if (got) {
        synchronized (this) {
          count(held.computeIfAbsent(key, k -> new Holds()), xact);
          if (renewal == null) {
            renewal = RENEWER.scheduleWithFixedDelay(this::renew, RENEW_EVERY_MILLIS, RENEW_EVERY_MILLIS, TimeUnit.MILLISECONDS);
          }
        }
      }
      return got;
    });
  }

  /** pg_advisory_lock / pg_advisory_xact_lock: waits, polling with backoff, until the lock is this session's. */
  public CompletionStage<Void> lock(Key key, boolean xact, Runnable checkCancel) {
    return lock(key, xact, checkCancel, 2);
  }

  private CompletionStage<Void> lock(Key key, boolean xact, Runnable checkCancel, long delayMillis) {
    checkCancel.run();
    return tryLock(key, xact).thenCompose(got -> {
      if (got) return CompletableFuture.<Void>completedFuture(null);
      Executor later = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, DIRECT);
      return CompletableFuture.supplyAsync(() -> null, later)
          .thenCompose(v -> lock(key, xact, checkCancel, Math.min(delayMillis * 2, 100)));
    });
  }

  /** pg_advisory_unlock: false when this session holds no session-level lock on {@code key}. */
  public CompletionStage<Boolean> unlock(Key key) {
    synchronized (this) {
      Holds h = held.get(key);
      if (h == null || h.session == 0) return CompletableFuture.completedFuture(false);
      h.session--;
      if (h.session + h.xact > 0) return CompletableFuture.completedFuture(true);
      held.remove(key);
    }
    return release(List.of(key)).thenApply(v -> true);
  }

  /** pg_advisory_unlock_all: every session-level hold; transaction-level ones stay. */
  public CompletionStage<Void> unlockAll() {
    return drop(false);
  }

  /** The transaction ended (commit or rollback): its transaction-level holds go. */
  public CompletionStage<Void> endTransaction() {
    return drop(true);
  }

  /** The session ends: everything goes. */
  public CompletionStage<Void> close() {
    List<Key> all;
    synchronized (this) {
      all = new ArrayList<>(held.keySet());
      held.clear();
      stopRenewing();
    }
    return release(all);
  }

  public synchronized boolean holdsAny() {
    return !held.isEmpty();
  }

  private CompletionStage<Void> drop(boolean xact) {
    List<Key> free = new ArrayList<>();
    synchronized (this) {
      if (held.isEmpty()) return CompletableFuture.completedFuture(null);
      held.entrySet().removeIf(e -> {
        if (xact) e.getValue().xact = 0;
        else e.getValue().session = 0;
        boolean gone = e.getValue().session + e.getValue().xact == 0;
        if (gone) free.add(e.getKey());
        return gone;
      });
      if (held.isEmpty()) stopRenewing();
    }
    return release(free);
  }

  private void stopRenewing() {
    if (renewal != null) {
      renewal.cancel(false);
      renewal = null;
    }
  }

  private static void count(Holds h, boolean xact) {
    if (xact) h.xact++;
    else h.session++;
  }

  /** One transaction: the row is written with this session's lease if nobody else holds it. */
  private CompletionStage<Boolean> take(Key key) {
    byte[] k = key.storeKey();
    long ts = kv.now();
    return kv.get(k, ts).thenCompose(v -> {
      if (v != null && heldByOther(v, ts)) return CompletableFuture.completedFuture(false);
      return kv.commit(ts, List.of(new Write(k, lease(ts))), List.of(), List.of()).handle((r, err) -> {
        if (err == null) return true;
        DbException e = DbException.of(err);
        if (e.state() == SqlState.SERIALIZATION_FAILURE) return false;
        throw e;
      });
    });
  }

  private boolean heldByOther(byte[] row, long ts) {
    ByteBuffer b = ByteBuffer.wrap(row);
    long who = b.getLong();
    long expires = b.getLong();
    return who != owner && expires > Hlc.physicalMicros(ts);
  }

  private byte[] lease(long ts) {
    return ByteBuffer.allocate(16).putLong(owner).putLong(Hlc.physicalMicros(ts) + LEASE_MICROS).array();
  }

  /** Deletes the rows of {@code keys} that are still this session's. */
  private CompletionStage<Void> release(List<Key> keys) {
    if (keys.isEmpty()) return CompletableFuture.completedFuture(null);
    return rewrite(keys, false, 5);
  }

  /** Extends the lease of every lock held; a lock lost meanwhile (lease expired and taken) is forgotten. */
  private void renew() {
    List<Key> keys;
    synchronized (this) {
      keys = new ArrayList<>(held.keySet());
    }
    rewrite(keys, true, 5);
  }

  /**
   * Rewrites ({@code renew}) or deletes the rows of {@code keys} that name this session, in one
   * transaction, retried ({@code attempts} in all) if a concurrent taker of an expired lease raced it.
   */
  private CompletionStage<Void> rewrite(List<Key> keys, boolean renew, int attempts) {
    List<byte[]> storeKeys = keys.stream().map(Key::storeKey).toList();
    long ts = kv.now();
    return kv.getAll(storeKeys, ts).thenCompose(rows -> {
      List<Write> writes = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        byte[] row = rows.get(i);
        if (row == null || ByteBuffer.wrap(row).getLong() != owner) continue;
        writes.add(new Write(storeKeys.get(i), renew ? lease(ts) : null));
      }
      if (writes.isEmpty()) return CompletableFuture.<Void>completedFuture(null);
      return kv.commit(ts, writes, List.of(), List.of()).handle((r, err) -> err).thenCompose(err -> {
        if (err == null) return CompletableFuture.<Void>completedFuture(null);
        DbException e = DbException.of(err);
        if (e.state() != SqlState.SERIALIZATION_FAILURE || attempts <= 1) return CompletableFuture.<Void>failedFuture(e);
        return rewrite(keys, renew, attempts - 1);
      });
    });
  }
}
