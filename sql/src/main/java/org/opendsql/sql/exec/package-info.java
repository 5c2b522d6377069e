/**
 * Execution over the {@link org.opendsql.core.kv.KvStore}: the transaction's write buffer, reads
 * at tau_start with the buffer overlaid, and cursors that pull one storage page at a time.
 *
 * <p>Invariants: every read of a transaction uses its tau_start; writes go only to the buffer
 * (never to the store before COMMIT); a plain scan holds at most one storage page plus the rows a
 * fetch asked for, so a consumer that stops fetching stops the reads.
 */
package org.opendsql.sql.exec;
