package org.opendsql.storage.protocol;

/**
 * What a journal running in this JVM tells the replicas in the same JVM without a message, so that
 * a read at T can be served without a round trip when the journal cannot commit at or below T any
 * more. The journal module implements it; a replica only reads it.
 */
public interface LocalJournalView {
  /**
   * True when the journal is active in this JVM, every batch it reserved a number for has been
   * delivered, the last entry it sent {@code range} is at or below {@code appliedSeq}, and {@code ts}
   * is within its durable lease. The caller must have moved the node's clock past {@code ts} first,
   * so every later batch gets larger timestamps.
   */
  boolean settledAt(long range, long appliedSeq, long ts);

  /**
   * Like {@link #settledAt}, for a read of {@code key} alone: a batch not yet applied at {@code
   * appliedSeq} that does not write the key does not hold the read back.
   */
  default boolean settledFor(long range, long appliedSeq, long ts, byte[] key) {
    return settledAt(range, appliedSeq, ts);
  }

  /** True when {@code ts} is within half a lease of the lease's end: the journal should renew it. */
  boolean renewalDue(long ts);
}
