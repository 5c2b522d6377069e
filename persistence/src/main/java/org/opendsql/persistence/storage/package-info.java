/**
 * Storage-shard persistence: {@link org.opendsql.persistence.storage.MvccStore}, the multi-version
 * key-value store (one RocksDB per node) that replicas apply committed transactions to. No Pekko
 * here: the store is a plain library used by the storage-shard actors.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>User keys within a range are prefix-free (guaranteed by the SQL key codec); the key layout
 *       {@code rangeId + userKey + ~commitTs} depends on it for ordering and for decoding.
 *   <li>A read at T sees, per key, the newest version with commitTs &lt;= T; tombstones hide the key.
 *       The store does not know closed timestamps: callers only read at T once everything up to a
 *       closed timestamp &gt;= T has been applied.
 *   <li>Data and the range's applied position change in one atomic batch; writes are not fsync'd
 *       because the journal is the durability point and replays from the applied position.
 *   <li>After {@code gc(range, H)} reads at timestamps &gt;= H are unchanged; reads below H are no
 *       longer supported.
 *   <li>{@link org.opendsql.persistence.storage.NewestVersions} (point reads' heap cache) never
 *       changes an answer: an entry it calls known is the key's newest stored version; every
 *       removal moves its key space's stamp before it happens.
 * </ul>
 */
package org.opendsql.persistence.storage;
