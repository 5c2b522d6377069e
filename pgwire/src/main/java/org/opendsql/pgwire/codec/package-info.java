/**
 * The PostgreSQL v3 wire codec: pure functions from bytes to frontend messages and from values to
 * backend messages, with no sockets, no threads and no session state, so every rule here is
 * unit-testable on plain buffers.
 *
 * <p>Invariants: {@link org.opendsql.pgwire.codec.FrameDecoder} never yields a partial frame and
 * never holds a frame longer than the configured maximum; decoding failures are always
 * {@link org.opendsql.core.error.DbException}s with SQLSTATE 08P01 (protocol violation) or the
 * value's own input SQLSTATE; value encodings follow PostgreSQL's text format
 * ({@link org.opendsql.core.types.PgText}) or its binary send/recv format exactly.
 */
package org.opendsql.pgwire.codec;
