/**
 * Storage replicas: one sharded entity per key range per replica, over the node's RocksDB MVCC
 * store. {@link org.opendsql.storage.StorageReplica} is the thin behavior; the decisions live in
 * {@code state}. Invariants: journal entries are applied in sequence order with no gap (a gap asks
 * for a replay); a read at T is answered only when the closed timestamp is at least T (a replica
 * still catching up may send the reader elsewhere, never answer early); a replica reports only
 * positions it made durable; one that installs a snapshot serves nothing until the snapshot's
 * positions, written last, are in.
 */
package org.opendsql.storage;
