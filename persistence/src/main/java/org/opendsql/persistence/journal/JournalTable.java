package org.opendsql.persistence.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * The journal's content in one RocksDB: the one definition of its on-disk format and of the
 * append, replay and delete rules, shared by the single-node store and every Raft replica so that
 * they cannot drift apart.
 *
 * <p>Layout (changing it changes every journal on disk):
 *
 * <ul>
 *   <li>default column family: each event under {@code len(pid) (4 bytes BE) + pid UTF-8 + seqNr (8
 *       bytes BE)}. The length prefix keeps one id's events from interleaving with another's
 *       ("p" and "p1"), so an id's events are one contiguous key range in seqNr order.
 *   <li>column family "highest": per id (key: pid UTF-8) its {@link SingleWriter.Holder} in {@link
 *       SingleWriter.Holder#encode its stored form}, put in the same batch as the events, so it
 *       outlives their deletion.
 * </ul>
 *
 * <p>A caller may keep column families of its own in the same database (named at {@link #open}),
 * so that its state commits atomically with the journal's: writes go into the caller's {@link
 * WriteBatch} and the caller writes it. The table neither orders nor locks: callers run appends
 * and deletions one at a time (the single-writer check reads the holders the batch then
 * replaces), and close it only once no read is running.
 */
public final class JournalTable implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private static final String HIGHEST_CF = "highest";
  private static final int RECYCLED_LOG_FILES = 4;
  private static final long MEMTABLE_BYTES = 8L << 20;

  /** The table's column families, as {@link #forEachEntry} and {@link #restore} name them. */
  public enum Family { EVENTS, HIGHEST }

  /** Receives a copy of the content, one raw entry at a time. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(Family family, byte[] key, byte[] value) throws IOException;
  }

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final RocksDB db;
  private final ColumnFamilyHandle events;
  private final ColumnFamilyHandle highest;
  private final Map<String, ColumnFamilyHandle> callerFamilies;
  private final ReadOptions readOptions = new ReadOptions();
  private final WriteOptions syncWrites = new WriteOptions().setSync(true);
  private final WriteOptions unsyncedWrites = new WriteOptions();

  private JournalTable(
      Path dir, DBOptions dbOptions, ColumnFamilyOptions cfOptions, RocksDB db, List<ColumnFamilyHandle> handles,
      List<String> callerFamilyNames) {
    this.dir = dir;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.db = db;
    this.events = handles.get(0);
    this.highest = handles.get(1);
    Map<String, ColumnFamilyHandle> own = new HashMap<>();
    for (int i = 0; i < callerFamilyNames.size(); i++) own.put(callerFamilyNames.get(i), handles.get(2 + i));
    this.callerFamilies = own;
  }

  /**
   * Opens the journal in {@code dir}, creating what is missing, together with the caller's own
   * column families {@code callerFamilies} (see {@link #family}).
   */
  public static JournalTable open(Path dir, String... callerFamilies) throws IOException {
    Files.createDirectories(dir);
    // Every commit waits for an fdatasync of the WAL. Appending to a fresh log file makes each one
    // also journal the file's new size (about 400 us here against 130 us for an overwrite):
    // recycled log files are overwritten in place, as PostgreSQL reuses its WAL segments. Small
    // memtables roll the log soon after start, so recycling begins within megabytes.
    DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
        .setRecycleLogFileNum(RECYCLED_LOG_FILES);
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(MEMTABLE_BYTES);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    descriptors.add(new ColumnFamilyDescriptor(HIGHEST_CF.getBytes(StandardCharsets.US_ASCII), cfOptions));
    for (String name : callerFamilies) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII), cfOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      return new JournalTable(dir, dbOptions, cfOptions, db, handles, List.of(callerFamilies));
    } catch (RocksDBException e) {
      cfOptions.close();
      dbOptions.close();
      throw new IOException("cannot open journal at " + dir, e);
    }
  }

  /** One of the caller's own column families, for its reads ({@link #get}) and batches. */
  public ColumnFamilyHandle family(String callerFamily) {
    ColumnFamilyHandle handle = callerFamilies.get(callerFamily);
    if (handle == null) throw new IllegalArgumentException("column family " + callerFamily + " was not opened in " + dir);
    return handle;
  }

  /** A value of one of the caller's own column families; null if absent. */
  public byte[] get(ColumnFamilyHandle callerFamily, byte[] key) throws RocksDBException {
    return db.get(callerFamily, readOptions, key);
  }

  /**
   * Decides the append by the {@link SingleWriter} rule and, only if it applies, puts its events
   * and the ids' new holders into {@code batch}: a duplicate or a refusal leaves the batch as it
   * was.
   */
  public SingleWriter.Verdict append(List<JournalRecord> records, WriteBatch batch) throws RocksDBException {
    Map<String, SingleWriter.Holder> holders = new LinkedHashMap<>();
    for (JournalRecord r : records) {
      if (!holders.containsKey(r.persistenceId())) holders.put(r.persistenceId(), holder(r.persistenceId()));
    }
    SingleWriter.Verdict verdict = SingleWriter.check(records, holders::get);
    if (verdict.outcome() != SingleWriter.Outcome.APPLY) return verdict;
    for (JournalRecord r : records) {
      batch.put(events, eventKey(r.persistenceId(), r.seqNr()), r.bytes());
    }
    for (Map.Entry<String, SingleWriter.Holder> e : verdict.holders().entrySet()) {
      batch.put(highest, pidBytes(e.getKey()), e.getValue().encode());
    }
    return verdict;
  }

  /** Puts the deletion of the id's events up to {@code toSeqNr} into {@code batch}; its highest seqNr stays. */
  public void deleteTo(String persistenceId, long toSeqNr, WriteBatch batch) throws RocksDBException {
    // Capped so that "delete everything" (Long.MAX_VALUE) has an exclusive end key.
    long last = Math.min(toSeqNr, highestSeqNr(persistenceId));
    if (last < 1) return;
    batch.deleteRange(events, eventKey(persistenceId, 0), eventKey(persistenceId, last + 1));
  }

  /**
   * Writes a batch of this table's (and the caller's) changes atomically. With {@code sync} it is
   * on disk when this returns; without, it survives a process crash but a machine crash may take it
   * until the next {@link #syncWal}.
   */
  public void write(WriteBatch batch, boolean sync) throws RocksDBException {
    db.write(sync ? syncWrites : unsyncedWrites, batch);
  }

  /** Makes every write so far durable, including those written without sync. */
  public void syncWal() throws RocksDBException {
    db.flushWal(true);
  }

  /** The highest seqNr ever appended for the id (also after deletions); 0 if none. */
  public long highestSeqNr(String persistenceId) throws RocksDBException {
    return holder(persistenceId).highest();
  }

  /**
   * Calls {@code consumer} for each event of the id with seqNr in [from, to], in order, at most
   * {@code max} of them.
   */
  public void replay(String persistenceId, long fromSeqNr, long toSeqNr, long max, Consumer<JournalRecord> consumer) {
    byte[] prefix = pidPrefix(persistenceId);
    long n = 0;
    try (RocksIterator it = db.newIterator(events, readOptions)) {
      for (it.seek(eventKey(persistenceId, Math.max(0, fromSeqNr))); it.isValid() && n < max; it.next()) {
        byte[] k = it.key();
        if (k.length != prefix.length + 8 || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
          break;
        }
        long seqNr = ByteBuffer.wrap(k, prefix.length, 8).getLong();
        if (seqNr > toSeqNr) break;
        consumer.accept(new JournalRecord(persistenceId, seqNr, it.value()));
        n++;
      }
    }
  }

  /**
   * Visits the whole content, raw: every event, then every holder, each family in key order.
   * Writes meanwhile may or may not be seen, so a consistent copy needs the caller to hold them
   * off.
   */
  public void forEachEntry(EntryVisitor visitor) throws IOException {
    visitFamily(Family.EVENTS, events, visitor);
    visitFamily(Family.HIGHEST, highest, visitor);
  }

  /** Puts one entry of a copy made by {@link #forEachEntry} into {@code batch}. */
  public void restore(Family family, byte[] key, byte[] value, WriteBatch batch) throws RocksDBException {
    batch.put(family == Family.EVENTS ? events : highest, key, value);
  }

  /** Durably deletes the whole content (the caller's own column families stay as they are). */
  public void clear() throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      deleteAll(events, batch);
      deleteAll(highest, batch);
      write(batch, true);
    }
  }

  @Override
  public void close() {
    readOptions.close();
    syncWrites.close();
    unsyncedWrites.close();
    events.close();
    highest.close();
    callerFamilies.values().forEach(ColumnFamilyHandle::close);
    db.close();
    cfOptions.close();
    dbOptions.close();
  }

  private SingleWriter.Holder holder(String persistenceId) throws RocksDBException {
    return SingleWriter.Holder.decode(db.get(highest, readOptions, pidBytes(persistenceId)));
  }

  private void visitFamily(Family family, ColumnFamilyHandle handle, EntryVisitor visitor) throws IOException {
    try (RocksIterator it = db.newIterator(handle, readOptions)) {
      for (it.seekToFirst(); it.isValid(); it.next()) visitor.visit(family, it.key(), it.value());
    }
  }

  private void deleteAll(ColumnFamilyHandle family, WriteBatch batch) throws RocksDBException {
    try (RocksIterator it = db.newIterator(family, readOptions)) {
      for (it.seekToFirst(); it.isValid(); it.next()) batch.delete(family, it.key());
    }
  }

  private static byte[] pidBytes(String persistenceId) {
    return persistenceId.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] pidPrefix(String persistenceId) {
    byte[] pid = pidBytes(persistenceId);
    return ByteBuffer.allocate(4 + pid.length).putInt(pid.length).put(pid).array();
  }

  private static byte[] eventKey(String persistenceId, long seqNr) {
    byte[] pid = pidBytes(persistenceId);
    return ByteBuffer.allocate(4 + pid.length + 8).putInt(pid.length).put(pid).putLong(seqNr).array();
  }
}
