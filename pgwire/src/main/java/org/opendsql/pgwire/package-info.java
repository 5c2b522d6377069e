/**
 * The PostgreSQL v3 server: {@link org.opendsql.pgwire.PgServer} accepts connections and runs one
 * {@code PgConnection} state machine per socket over a
 * {@link org.opendsql.core.session.QuerySession}.
 *
 * <p>Invariants: a connection processes client messages strictly one at a time and in order; while
 * one is in progress later ones wait in the frame decoder, and the socket stops being read once a
 * bounded amount has queued (reading is not stopped outright, so a hang-up is still seen and the
 * session released); every touch of the socket or of connection
 * state happens on the connection's Vert.x context (results of session calls hop back onto it);
 * rows are fetched from a cursor in bounded batches, and fetching stops while the socket's write
 * queue is full, so no result is ever held whole in memory; output goes to the socket once the
 * connection has handled all it has read, at a Flush message, or once 8 KiB of rows are buffered,
 * never in pieces while a statement waits; errors are rendered, never invented:
 * their SQLSTATE comes from a {@link org.opendsql.core.error.DbException}.
 */
package org.opendsql.pgwire;
