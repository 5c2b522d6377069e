package org.opendsql.persistence.journal;

/** A deserialized event payload read directly from the journal, with its position. */
public record JournalEvent(String persistenceId, long seqNr, Object payload) {}
