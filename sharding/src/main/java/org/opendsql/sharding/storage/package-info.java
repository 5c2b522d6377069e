/**
 * Storage replica entities, one per key range per replica, and their placement strategy.
 * Invariants: journal entries are applied in sequence order with no gap (a gap triggers a replay
 * from the journal); a read at T is answered only when closedTs >= T (a replica still catching up
 * may send the reader elsewhere, never answer early); the replicas of a range sit on distinct
 * nodes whenever there are enough nodes, each in its own key space of the node's store. A replica
 * reports only positions it made durable (WAL fsync), and one that installs a peer's snapshot
 * serves nothing until the snapshot's positions, written last, are in.
 */
package org.opendsql.sharding.storage;
