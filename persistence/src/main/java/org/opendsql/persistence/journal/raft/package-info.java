/**
 * A Raft-replicated {@link org.opendsql.persistence.journal.JournalStore} on Apache Ratis.
 *
 * <ul>
 *   <li>{@link org.opendsql.persistence.journal.raft.RaftJournalServer}: one peer of a journal
 *       group (Ratis server, gRPC on the given host and port, storage under its own directory).
 *   <li>{@link org.opendsql.persistence.journal.raft.JournalStateMachine}: applies committed
 *       entries to the peer's RocksDB: a {@link org.opendsql.persistence.journal.JournalTable}
 *       (the format and rules of the single-node store) plus the applied Raft index.
 *   <li>{@link org.opendsql.persistence.journal.raft.RaftJournalStore}: the store a node's journal
 *       plugin uses; writes go to the leader, reads come from the co-located replica after a
 *       linearizable barrier. {@code RaftJournalStore.Factory} opens both from {@code
 *       opendsql.journal.raft}.
 * </ul>
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>One {@code append} call is one Raft log entry, applied atomically on every replica (group
 *       commit is kept); it is acknowledged only once committed, i.e. fsynced in the Raft log of a
 *       majority, so it survives the loss of any minority of peers. Raft's election rule means a
 *       new leader holds every committed entry: a leader change never loses an acknowledged append.
 *   <li>Every replica applies the same entries in the same order. A replica records the index of
 *       the last applied entry in the same RocksDB batch as its effect; at start Ratis replays the
 *       log after the latest snapshot and the replica skips what it already has, so restarts
 *       neither lose nor duplicate anything.
 *   <li>A snapshot is taken between two applied entries, after an fsync of the replica's
 *       RocksDB, so the log it lets Ratis purge is no longer needed by this replica; a peer
 *       behind the purged log loads the leader's snapshot file in place of its content.
 *   <li>Appends obey the {@link org.opendsql.persistence.journal.SingleWriter} rule, decided in
 *       the state machine, so identically on every replica: an append must continue its ids at
 *       highest + 1; the holding writer's second copy of an applied append (a client retry across
 *       a leader change) is acknowledged as a no-op; anything else is refused, writes nothing,
 *       and the refusal comes back in the Raft reply ({@code JournalWriteConflict}). This is what
 *       fences a superseded Pekko writer: once its successor has appended, every append of the
 *       old writer is at a number already taken.
 *   <li>An append that times out has an unknown outcome (it may commit later); the writer learns
 *       the truth when it recovers, and a successor's first append settles the race.
 * </ul>
 */
package org.opendsql.persistence.journal.raft;
