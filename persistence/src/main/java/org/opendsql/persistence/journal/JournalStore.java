package org.opendsql.persistence.journal;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where the journal plugin keeps its bytes. The plugin knows nothing else about storage, so a
 * replicated implementation (a Raft log) can replace the local RocksDB one without touching it.
 *
 * <p>Contract: an implementation does its blocking work on its own threads; {@link #append}
 * completes only once the whole batch is durable (it survives {@code kill -9} and, when
 * replicated, the loss of a minority of replicas) and is all-or-nothing; appends complete in the
 * order they were called; sequence numbers of one persistenceId only grow.
 */
public interface JournalStore extends AutoCloseable {

  /** Durably and atomically appends the records, one durable write per call (group commit). */
  CompletionStage<Void> append(List<JournalRecord> records);

  /**
   * Whether {@link #appendHere} may be called: the append is a local write short enough for a
   * caller's own thread to wait for it.
   */
  default boolean appendsHere() {
    return false;
  }

  /**
   * {@link #append} on the caller's thread: returns once the batch is durable, throws if it may
   * not be. For a caller with a thread of its own, which saves the two thread hand-offs of an
   * asynchronous append. Ordered with the other appends as if called at the same moment.
   */
  default void appendHere(List<JournalRecord> records) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " appends only on its own threads");
  }

  /**
   * Calls {@code consumer} for each record of {@code persistenceId} with seqNr in [from, to], in
   * order, at most {@code max} records, then completes. A consumer exception fails the stage.
   */
  CompletionStage<Void> replay(
      String persistenceId, long fromSeqNr, long toSeqNr, long max, Consumer<JournalRecord> consumer);

  /** The highest seqNr ever appended for the id (also after deletions); 0 if none. */
  CompletionStage<Long> highestSeqNr(String persistenceId);

  /** Durably removes records with seqNr &lt;= toSeqNr; the highest seqNr is kept. */
  CompletionStage<Void> deleteTo(String persistenceId, long toSeqNr);

  /** Waits for in-flight work and releases the storage. */
  @Override
  void close();
}
