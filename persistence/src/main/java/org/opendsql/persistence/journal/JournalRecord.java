package org.opendsql.persistence.journal;

/** One serialized journal entry as the store sees it: opaque bytes at (persistenceId, seqNr). */
public record JournalRecord(String persistenceId, long seqNr, byte[] bytes) {}
