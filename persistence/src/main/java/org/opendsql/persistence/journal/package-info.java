/**
 * The Pekko Persistence journal plugin ({@code opendsql.journal}) and its storage seam.
 *
 * <ul>
 *   <li>{@link org.opendsql.persistence.journal.JournalPlugin} maps the plugin protocol onto a
 *       {@link org.opendsql.persistence.journal.JournalStore} and contains no storage specifics, so
 *       a replicated (Raft) store can be configured via {@code opendsql.journal.store-factory}.
 *   <li>{@link org.opendsql.persistence.journal.JournalTable} is the journal's on-disk format
 *       (column families, keys, values) and its append, replay and delete rules on one RocksDB;
 *       the single-node store and every Raft replica ({@code raft.JournalStateMachine}) hold their
 *       journal in one, so the two cannot drift apart. Appends obey {@link
 *       org.opendsql.persistence.journal.SingleWriter}.
 *   <li>{@link org.opendsql.persistence.journal.RocksJournalStore} is the single-node store: one
 *       fsync'd WriteBatch per append, writes on one dedicated thread, reads on a small pool.
 *   <li>{@link org.opendsql.persistence.journal.JournalStores#get} (alias {@code forSystem}) gives
 *       in-JVM code the same open journal: {@link
 *       org.opendsql.persistence.journal.LocalJournal#readEvents} (blocking) and {@code
 *       readEventsAsync} return deserialized payloads with their seqNr, in order.
 * </ul>
 *
 * <p>Invariants: an append is acknowledged only once durable; one plugin write call is one store
 * append (group commit), atomic as a whole; appends complete in call order; the highest seqNr of an
 * id survives deletion of its events.
 *
 * <p>No snapshot store: reference.conf sets {@code pekko.persistence.snapshot-store.plugin} to
 * Pekko's no-op store, so behaviors here must not snapshot (and so cannot use
 * snapshot-based event deletion); journal-backed state is bounded by design instead.
 */
package org.opendsql.persistence.journal;
