package org.opendsql.persistence.journal;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A single-node {@link JournalStore} on RocksDB: durable against process and machine crashes
 * (every append is one WriteBatch written with {@code sync=true}), not replicated.
 *
 * <p>Layout: events in the default column family under {@code len(pid) (4 bytes BE) + pid UTF-8 +
 * seqNr (8 bytes BE)} (the length prefix keeps one id's records from interleaving with another's);
 * the highest seqNr per id and the writer that appended it in column family "highest", written in
 * the same batch, so it survives deletions. Appends obey the {@link SingleWriter} rule.
 *
 * <p>Threads: all writes run on one dedicated thread, which orders appends as they were called and
 * makes the read-modify-write of the highest seqNr race-free; reads run on a small separate pool so
 * that a long replay does not delay commits.
 */
public final class RocksJournalStore implements JournalStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] HIGHEST_CF = "highest".getBytes(StandardCharsets.US_ASCII);

  /** Opens the store in {@code opendsql.journal.dir} with {@code read-threads} reader threads. */
  public static final class Factory implements JournalStoreFactory {
    @Override
    public JournalStore open(Config journalConfig, ExtendedActorSystem system) {
      return new RocksJournalStore(
          Path.of(journalConfig.getString("dir")), journalConfig.getInt("read-threads"));
    }
  }

  private final Path dir;
  private final RocksDB db;
  private final ColumnFamilyHandle events;
  private final ColumnFamilyHandle highest;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final WriteOptions syncWrites;
  private final ReadOptions readOptions;
  private final ExecutorService writer;
  private final ExecutorService readers;
  private volatile boolean closed;

  public RocksJournalStore(Path dir, int readThreads) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create journal directory " + dir, e);
    }
    dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    cfOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      db =
          RocksDB.open(
              dbOptions,
              dir.toString(),
              List.of(
                  new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                  new ColumnFamilyDescriptor(HIGHEST_CF, cfOptions)),
              handles);
    } catch (RocksDBException e) {
      cfOptions.close();
      dbOptions.close();
      throw new IllegalStateException("cannot open journal at " + dir, e);
    }
    events = handles.get(0);
    highest = handles.get(1);
    // An acknowledged commit must survive kill -9 and power loss: fsync the WAL on every append.
    syncWrites = new WriteOptions().setSync(true);
    readOptions = new ReadOptions();
    writer = Executors.newSingleThreadExecutor(daemon("opendsql-journal-writer"));
    readers = Executors.newFixedThreadPool(Math.max(1, readThreads), daemon("opendsql-journal-reader"));
  }

  /** Exposed for tests: whether appends fsync. */
  boolean syncsWrites() {
    return syncWrites.sync();
  }

  public Path dir() {
    return dir;
  }

  @Override
  public CompletionStage<Void> append(List<JournalRecord> records) {
    List<JournalRecord> copy = List.copyOf(records);
    return CompletableFuture.runAsync(() -> appendNow(copy), writer);
  }

  private void appendNow(List<JournalRecord> records) {
    ensureOpen();
    SingleWriter.Verdict verdict = SingleWriter.check(records, pid -> {
      try {
        return SingleWriter.Holder.decode(db.get(highest, readOptions, JournalKeys.pidBytes(pid)));
      } catch (RocksDBException e) {
        throw new IllegalStateException("reading highest seqNr failed in " + dir, e);
      }
    });
    if (verdict.outcome() == SingleWriter.Outcome.DUPLICATE) return;
    if (verdict.outcome() == SingleWriter.Outcome.CONFLICT) throw new JournalWriteConflict(verdict.detail());
    try (WriteBatch batch = new WriteBatch()) {
      for (JournalRecord r : records) {
        batch.put(events, JournalKeys.eventKey(r.persistenceId(), r.seqNr()), r.bytes());
      }
      for (Map.Entry<String, SingleWriter.Holder> e : verdict.holders().entrySet()) {
        batch.put(highest, JournalKeys.pidBytes(e.getKey()), e.getValue().encode());
      }
      db.write(syncWrites, batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("journal append failed in " + dir, e);
    }
  }

  @Override
  public CompletionStage<Void> replay(
      String persistenceId, long fromSeqNr, long toSeqNr, long max, Consumer<JournalRecord> consumer) {
    return CompletableFuture.runAsync(
        () -> {
          ensureOpen();
          byte[] prefix = JournalKeys.pidPrefix(persistenceId);
          long n = 0;
          try (RocksIterator it = db.newIterator(events, readOptions)) {
            for (it.seek(JournalKeys.eventKey(persistenceId, Math.max(0, fromSeqNr)));
                it.isValid() && n < max;
                it.next()) {
              byte[] k = it.key();
              if (k.length != prefix.length + 8 || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                break;
              }
              long seqNr = JournalKeys.readLong(k, prefix.length);
              if (seqNr > toSeqNr) break;
              consumer.accept(new JournalRecord(persistenceId, seqNr, it.value()));
              n++;
            }
          }
        },
        readers);
  }

  @Override
  public CompletionStage<Long> highestSeqNr(String persistenceId) {
    return CompletableFuture.supplyAsync(
        () -> {
          ensureOpen();
          try {
            return readHighest(persistenceId.getBytes(StandardCharsets.UTF_8));
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
          try {
            // Capped so that "delete everything" (Long.MAX_VALUE) has an exclusive end key.
            long last = Math.min(toSeqNr, readHighest(persistenceId.getBytes(StandardCharsets.UTF_8)));
            if (last < 1) return;
            try (WriteBatch batch = new WriteBatch()) {
              batch.deleteRange(events, JournalKeys.eventKey(persistenceId, 0), JournalKeys.eventKey(persistenceId, last + 1));
              db.write(syncWrites, batch);
            }
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
    readOptions.close();
    syncWrites.close();
    events.close();
    highest.close();
    db.close();
    cfOptions.close();
    dbOptions.close();
  }

  private void ensureOpen() {
    if (closed) throw new IllegalStateException("journal store " + dir + " is closed");
  }

  private long readHighest(byte[] pidKey) throws RocksDBException {
    return SingleWriter.Holder.decode(db.get(highest, readOptions, pidKey)).highest();
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
