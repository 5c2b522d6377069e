/**
 * A Raft-replicated {@link org.opendsql.persistence.journal.JournalStore} on Apache Ratis.
 *
 * <ul>
 *   <li>{@link org.opendsql.persistence.journal.raft.RaftJournalServer}: one peer of a journal
 *       group (Ratis server, gRPC on the given host and port, storage under its own directory).
 *   <li>{@link org.opendsql.persistence.journal.raft.JournalStateMachine}: applies committed
 *       entries to the peer's RocksDB (RocksJournalStore's key layout plus the applied Raft index).
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
 *       whole Raft log and the replica skips what it already has, so restarts neither lose nor
 *       duplicate anything.
 *   <li>There are no Raft snapshots: the Raft log is kept whole (it is the replicas' recovery
 *       source and a lagging peer's catch-up source). Log truncation needs snapshots of the
 *       RocksDB replica and is not built.
 *   <li>An append batch whose records all lie at or below their ids' highest seqNr is applied as
 *       a no-op: it can only be a second copy of an applied batch (a client retry across a leader
 *       change), and applying it would resurrect events deleted since.
 *   <li>An append that times out has an unknown outcome (it may commit later); the writer learns
 *       the truth from {@code highestSeqNr} when it recovers, as with any journal.
 * </ul>
 *
 * <p>Writer fencing is NOT provided here. Pekko Persistence's single-writer rule still applies:
 * exactly one live journal entity may write a given persistenceId. Raft fences old Raft
 * <em>leaders</em> (an old leader cannot commit), but a Raft leader change does not stop an old
 * Pekko writer on another node from appending through its own client: its appends are accepted
 * and ordered like anyone's. Stopping a superseded Pekko writer (e.g. by an epoch carried in the
 * records and checked here, or by Cluster Sharding's single-placement guarantee) is left to the
 * journal entity layer.
 */
package org.opendsql.persistence.journal.raft;
