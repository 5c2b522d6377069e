package org.opendsql.persistence.journal.raft;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.opendsql.persistence.journal.JournalRecord;
import org.opendsql.persistence.journal.JournalTable;
import org.opendsql.persistence.journal.SingleWriter;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One replica's journal: applies committed Raft entries to a local RocksDB in log order.
 *
 * <p>Content: a {@link JournalTable} (the single-node store's format and rules) plus column family
 * "meta" holding the index of the last applied Raft entry (8 bytes BE), written in the same
 * WriteBatch as the entry's data. At a start Ratis replays the log after the latest snapshot into
 * this machine; the persisted index lets it skip what it already holds, which is what keeps a
 * restart from duplicating or resurrecting anything.
 *
 * <p>Writes do not fsync: the Raft log is the durable copy (Ratis fsyncs it before an entry counts
 * towards a majority). Whatever an OS crash takes from this RocksDB takes its applied index with it
 * (same batch), and the replay at start re-applies it.
 *
 * <p>Snapshots bound the Raft log: every so many entries Ratis asks for one, this machine fsyncs
 * its RocksDB (so nothing up to the snapshot depends on the log any more) and writes its whole
 * content (what journal truncation left of it) to one file; Ratis then purges the log up to it. A
 * peer too far behind for the leader's log receives that file and loads it in place of its own
 * content; so does a peer whose RocksDB is older than its latest snapshot at start.
 */
public final class JournalStateMachine extends BaseStateMachine {
  private static final String META_CF = "meta";
  private static final byte[] APPLIED_KEY = "applied-index".getBytes(StandardCharsets.US_ASCII);
  private static final byte SNAPSHOT_EVENTS = 1;
  private static final byte SNAPSHOT_HIGHEST = 2;
  private static final byte SNAPSHOT_END = 0;

  private final Path dir;
  // Reads come from store threads while Ratis may close the machine: closing RocksDB under an open
  // iterator crashes the JVM, so reads hold the read lock and close takes the write lock.
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private JournalTable table;
  private ColumnFamilyHandle meta;
  private volatile long persistedApplied = -1;
  private volatile boolean closed = true;
  private final SimpleStateMachineStorage snapshots = new SimpleStateMachineStorage();

  /** @param dir this replica's RocksDB directory (not shared with Ratis's own storage) */
  public JournalStateMachine(Path dir) {
    this.dir = dir;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
    super.initialize(server, groupId, storage);
    table = JournalTable.open(dir, META_CF);
    meta = table.family(META_CF);
    try {
      byte[] applied = table.get(meta, APPLIED_KEY);
      persistedApplied = applied == null ? -1 : ByteBuffer.wrap(applied).getLong();
    } catch (RocksDBException e) {
      table.close();
      throw new IOException("cannot open journal state machine at " + dir, e);
    }
    closed = false;
    snapshots.init(storage);
    // A snapshot being written when the process died: never published, never needed.
    File smDir = snapshots.getSnapshotFile(0, 0).getParentFile();
    File[] leftovers = smDir.listFiles((d, name) -> name.endsWith(".writing"));
    if (leftovers != null) for (File f : leftovers) Files.deleteIfExists(f.toPath());
    SingleFileSnapshotInfo latest = snapshots.getLatestSnapshot();
    if (latest != null) {
      if (latest.getIndex() > persistedApplied) loadSnapshot(latest);
      // The log before the snapshot may be purged: replay starts after it.
      setLastAppliedTermIndex(latest.getTermIndex());
    }
    // Ratis pauses a RUNNING machine before it hands it a leader's snapshot (reinitialize).
    if (getLifeCycleState() == LifeCycle.State.NEW) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return snapshots.getLatestSnapshot();
  }

  /**
   * Called by Ratis between two applied entries: the content is exactly that of the last applied
   * entry. Made durable first, since the log up to it may go once this returns.
   */
  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    if (last == null || last.getIndex() < 0) return RaftLog.INVALID_LOG_INDEX;
    // Still skipping through the log at start: the content is ahead of the label it would get.
    if (persistedApplied > last.getIndex()) return RaftLog.INVALID_LOG_INDEX;
    File file = snapshots.getSnapshotFile(last.getTerm(), last.getIndex());
    Path tmp = file.toPath().resolveSibling(file.getName() + ".writing");
    lock.readLock().lock();
    try {
      ensureOpen();
      table.syncWal();
      try (FileOutputStream sink = new FileOutputStream(tmp.toFile());
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink))) {
        table.forEachEntry((family, k, v) -> {
          out.writeByte(family == JournalTable.Family.EVENTS ? SNAPSHOT_EVENTS : SNAPSHOT_HIGHEST);
          out.writeInt(k.length);
          out.write(k);
          out.writeInt(v.length);
          out.write(v);
        });
        out.writeByte(SNAPSHOT_END);
        out.flush();
        // The log up to this snapshot is purged next: the file must survive a machine crash.
        sink.getFD().sync();
      }
    } catch (RocksDBException e) {
      throw new IOException("cannot snapshot journal state machine at " + dir, e);
    } finally {
      lock.readLock().unlock();
    }
    Files.move(tmp, file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    syncDirectory(file.toPath().getParent());
    snapshots.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
    return last.getIndex();
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** A follower got a snapshot from the leader (Ratis paused this machine meanwhile). */
  @Override
  public void reinitialize() throws IOException {
    SingleFileSnapshotInfo latest = snapshots.loadLatestSnapshot();
    if (latest != null && latest.getIndex() > persistedApplied) {
      loadSnapshot(latest);
      setLastAppliedTermIndex(latest.getTermIndex());
    }
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  /** Replaces the whole content by the snapshot's, durably, with its index as the applied one. */
  private void loadSnapshot(SingleFileSnapshotInfo info) throws IOException {
    Path file = info.getFile().getPath();
    if (info.getFile().getFileDigest() != null) MD5FileUtil.verifySavedMD5(file.toFile(), info.getFile().getFileDigest());
    lock.writeLock().lock();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      ensureOpen();
      table.clear();
      WriteBatch batch = new WriteBatch();
      try {
        while (true) {
          byte tag = in.readByte();
          if (tag == SNAPSHOT_END) break;
          byte[] k = new byte[in.readInt()];
          in.readFully(k);
          byte[] v = new byte[in.readInt()];
          in.readFully(v);
          table.restore(tag == SNAPSHOT_EVENTS ? JournalTable.Family.EVENTS : JournalTable.Family.HIGHEST, k, v, batch);
          if (batch.count() >= 10_000) {
            table.write(batch, false);
            batch.close();
            batch = new WriteBatch();
          }
        }
        batch.put(meta, APPLIED_KEY, indexBytes(info.getIndex()));
        table.write(batch, true);
      } finally {
        batch.close();
      }
      persistedApplied = info.getIndex();
    } catch (RocksDBException e) {
      throw new IOException("cannot load snapshot " + file + " into " + dir, e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Index of the last Raft entry whose effect is in the local RocksDB. */
  public long appliedIndex() {
    return persistedApplied;
  }

  /**
   * Runs on the leader before the entry enters the log: a command that would fail to apply must be
   * refused here, since a committed entry is applied on every replica and cannot fail on one only.
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    JournalCommand command = JournalCommand.decode(request.getMessage().getContent());
    if (command instanceof JournalCommand.Sync) {
      throw new IOException("a read barrier is not a write");
    }
    return super.startTransaction(request);
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    String refused = null;
    if (index > persistedApplied) {
      try {
        refused = apply(JournalCommand.decode(entry.getStateMachineLogEntry().getLogData()), index);
      } catch (IOException | RocksDBException e) {
        // Entries are validated before they enter the log, so this is the local disk failing:
        // the replica must stop (Ratis closes a server whose updater throws) rather than diverge
        // from the others by skipping the entry.
        throw new IllegalStateException("cannot apply journal entry " + index + " in " + dir, e);
      }
    }
    updateLastAppliedTermIndex(entry.getTerm(), index);
    // A refusal travels back in the reply; an empty reply means written (or already there).
    return CompletableFuture.completedFuture(
        refused == null ? Message.EMPTY : Message.valueOf(ByteString.copyFromUtf8(refused)));
  }

  /**
   * Applies the command; returns the refusal of an append the single-writer rule refused, else null.
   *
   * <p>Every replica reaches the same verdict (same entries, same order), so a refused append is
   * refused everywhere and its writer learns it from the reply. A second copy of an applied append
   * (the Ratis client re-sent it across a leader change) is skipped, which keeps it from
   * resurrecting events deleted since. Either way the entry counts as applied.
   */
  private String apply(JournalCommand command, long index) throws RocksDBException {
    lock.readLock().lock();
    try {
      if (closed) throw new RocksDBException("journal state machine " + dir + " is closed");
      String refused = null;
      try (WriteBatch batch = new WriteBatch()) {
        if (command instanceof JournalCommand.Append append) {
          SingleWriter.Verdict verdict = table.append(append.records(), batch);
          if (verdict.outcome() == SingleWriter.Outcome.CONFLICT) refused = verdict.detail();
        } else if (command instanceof JournalCommand.Delete delete) {
          table.deleteTo(delete.persistenceId(), delete.toSeqNr(), batch);
        }
        batch.put(meta, APPLIED_KEY, indexBytes(index));
        table.write(batch, false);
      }
      persistedApplied = index;
      return refused;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    // Ratis calls this only once the replica has applied up to the read index (linearizable
    // read), so answering is all the barrier needs.
    return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(indexBytes(persistedApplied))));
  }

  /** Reads the local replica only; callers make it current first (see RaftJournalStore). */
  public long highestSeqNr(String persistenceId) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return table.highestSeqNr(persistenceId);
    } catch (RocksDBException e) {
      throw new IllegalStateException("reading highest seqNr failed in " + dir, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Reads the local replica only, with {@code JournalStore.replay}'s semantics. */
  public void replay(String persistenceId, long fromSeqNr, long toSeqNr, long max, Consumer<JournalRecord> consumer) {
    lock.readLock().lock();
    try {
      ensureOpen();
      table.replay(persistenceId, fromSeqNr, toSeqNr, max, consumer);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      table.close();
    } finally {
      lock.writeLock().unlock();
      super.close();
    }
  }

  private void ensureOpen() {
    if (closed) throw new IllegalStateException("journal replica " + dir + " is closed");
  }

  private static byte[] indexBytes(long index) {
    return ByteBuffer.allocate(8).putLong(index).array();
  }
}
