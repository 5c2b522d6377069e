package org.opendsql.persistence.journal;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A single-node {@link JournalStore} on a {@link JournalTable}: durable against process and machine
 * crashes (every append is one WriteBatch written with {@code sync=true}), not replicated.
 *
 * <p>Threads: writes run on one dedicated thread, which orders appends as they were called, or on
 * the thread of a caller of {@link #appendHere}; one lock around each append's check and write
 * keeps the table's read-modify-write of the highest seqNr race-free among them. Reads run on a
 * small separate pool so that a long replay does not delay commits.
 */
public final class RocksJournalStore implements JournalStore {
  // An acknowledged commit must survive kill -9 and power loss: fsync the WAL on every write.
  private static final boolean SYNC_WRITES = true;

  /** Opens the store in {@code opendsql.journal.dir} with {@code read-threads} reader threads. */
  public static final class Factory implements JournalStoreFactory {
    @Override
    public JournalStore open(Config journalConfig, ExtendedActorSystem system) {
      return new RocksJournalStore(
          Path.of(journalConfig.getString("dir")), journalConfig.getInt("read-threads"));
    }
  }

  private final Path dir;
  private final JournalTable table;
  private final ExecutorService writer;
  private final ExecutorService readers;
  /** Held by an append from its check to its durable write, and by {@link #close} to release the table. */
  private final Object appending = new Object();
  private volatile boolean closed;

  public RocksJournalStore(Path dir, int readThreads) {
    this.dir = dir;
    try {
      table = JournalTable.open(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open journal at " + dir, e);
    }
    writer = Executors.newSingleThreadExecutor(daemon("opendsql-journal-writer"));
    readers = Executors.newFixedThreadPool(Math.max(1, readThreads), daemon("opendsql-journal-reader"));
  }

  /** Exposed for tests: whether appends fsync. */
  boolean syncsWrites() {
    return SYNC_WRITES;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public CompletionStage<Void> append(List<JournalRecord> records) {
    List<JournalRecord> copy = List.copyOf(records);
    return CompletableFuture.runAsync(() -> appendNow(copy), writer);
  }

  @Override
  public boolean appendsHere() {
    return true;
  }

  @Override
  public void appendHere(List<JournalRecord> records) {
    appendNow(records);
  }

  private void appendNow(List<JournalRecord> records) {
    synchronized (appending) {
      ensureOpen();
      try (WriteBatch batch = new WriteBatch()) {
        SingleWriter.Verdict verdict = table.append(records, batch);
        if (verdict.outcome() == SingleWriter.Outcome.CONFLICT) throw new JournalWriteConflict(verdict.detail());
        if (verdict.outcome() == SingleWriter.Outcome.APPLY) table.write(batch, SYNC_WRITES);
      } catch (RocksDBException e) {
        throw new IllegalStateException("journal append failed in " + dir, e);
      }
    }
  }

  @Override
  public CompletionStage<Void> replay(
      String persistenceId, long fromSeqNr, long toSeqNr, long max, Consumer<JournalRecord> consumer) {
    return CompletableFuture.runAsync(
        () -> {
          ensureOpen();
          table.replay(persistenceId, fromSeqNr, toSeqNr, max, consumer);
        },
        readers);
  }

  @Override
  public CompletionStage<Long> highestSeqNr(String persistenceId) {
    return CompletableFuture.supplyAsync(
        () -> {
          ensureOpen();
          try {
            return table.highestSeqNr(persistenceId);
          } catch (RocksDBException e) {
            throw new IllegalStateException("reading highest seqNr failed in " + dir, e);
          }
        },
        readers);
  }

  @Override
  public CompletionStage<Void> deleteTo(String persistenceId, long toSeqNr) {
    return CompletableFuture.runAsync(
        () -> {
          ensureOpen();
          try (WriteBatch batch = new WriteBatch()) {
            table.deleteTo(persistenceId, toSeqNr, batch);
            if (batch.count() > 0) table.write(batch, SYNC_WRITES);
          } catch (RocksDBException e) {
            throw new IllegalStateException("journal delete failed in " + dir, e);
          }
        },
        writer);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    writer.shutdown();
    readers.shutdown();
    try {
      // In-flight appends were acknowledged or are about to be: let them finish before closing.
      writer.awaitTermination(30, TimeUnit.SECONDS);
      readers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (appending) {
      table.close();
    }
  }

  private void ensureOpen() {
    if (closed) throw new IllegalStateException("journal store " + dir + " is closed");
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
