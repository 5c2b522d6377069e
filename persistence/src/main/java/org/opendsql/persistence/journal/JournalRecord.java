package org.opendsql.persistence.journal;

/**
 * One serialized journal entry as the store sees it: opaque bytes at (persistenceId, seqNr).
 * {@code writer} identifies the incarnation that appends it (see {@link SingleWriter}); records
 * read back carry an empty writer.
 */
public record JournalRecord(String persistenceId, long seqNr, String writer, byte[] bytes) {
  public JournalRecord {
    if (writer == null) throw new IllegalArgumentException("writer must not be null");
  }

  /** A record as read back from a store. */
  public JournalRecord(String persistenceId, long seqNr, byte[] bytes) {
    this(persistenceId, seqNr, "", bytes);
  }
}
