/**
 * The PostgreSQL v3 server: {@link org.opendsql.pgwire.PgServer} accepts connections and runs one
 * {@code PgConnection} state machine per socket over a
 * {@link org.opendsql.core.session.QuerySession}.
 *
 * <p>Invariants: a connection processes client messages strictly one at a time and in order, and
 * stops reading the socket while one is in progress; every touch of the socket or of connection
 * state happens on the connection's Vert.x context (results of session calls hop back onto it);
 * rows are fetched from a cursor in bounded batches, and fetching stops while the socket's write
 * queue is full, so no result is ever held whole in memory; errors are rendered, never invented:
 * their SQLSTATE comes from a {@link org.opendsql.core.error.DbException}.
 */
package org.opendsql.pgwire;
