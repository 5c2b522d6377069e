/**
 * Work a query pushes down to the storage shard that holds the rows: a filter over encoded rows
 * ({@link org.opendsql.core.scan.RowFilter}), a projection and simple aggregates ({@link
 * org.opendsql.core.scan.PartialAggregates}), so that only the rows, columns and partial results a
 * query needs leave the shard. Pure: no Pekko, no SQL engine.
 *
 * <p>Invariant: a pushed filter never drops a row the query needs. Every test compares values in
 * {@link org.opendsql.core.codec.KeyCodec}'s encoding, whose byte order and equality are SQL's
 * for each key-encodable type, and a NULL column never passes a comparison; the query processor
 * still applies the statement's whole filter to what comes back (a transaction's own writes are
 * laid over storage's rows after the shard filtered them).
 */
package org.opendsql.core.scan;
