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

  /** True when {@code ts} is within half a lease of the lease's end: the journal should renew it. */
  boolean renewalDue(long ts);

  /**
   * The closed timestamp published with this journal's last durable batch: at or above every
   * commit it acknowledged before the call (it is published before the batch's commits are), and
   * below every commit of a batch still in flight, so that a read at it waits for nothing but the
   * delivery of what is already durable. -1 when the journal is not active in this JVM, has made
   * nothing durable yet, or {@code now} is past its durable lease: then nothing but the clock's now
   * is known to be safe (the default, for a view of a journal that runs elsewhere).
   */
  default long acknowledgedThrough(long now) {
    return -1;
  }

  /**
   * No batch is in flight: every batch reserved after this call commits above the clock's reading
   * before it, so a snapshot at that reading waits for no batch of this journal.
   */
  default boolean idle() {
    return false;
  }
}
