/**
 * Every error a client can see: {@link org.opendsql.core.error.SqlState} is the one list of
 * SQLSTATEs, {@link org.opendsql.core.error.Errors} the one place their texts are written (a
 * factory per condition, with PostgreSQL's or Aurora DSQL's exact words), and
 * {@link org.opendsql.core.error.DbException} the error that carries them to the client.
 *
 * <p>Invariants: only this package constructs a DbException (its constructors are package-private),
 * so a new error means a new factory here, never a text at the call site; the one way to rebuild
 * an error from its fields, {@code Errors.restore}, is for deserializers of errors another node
 * created. pgwire only renders errors: what it raises itself it takes from {@code Errors}, and
 * anything that reaches it other than a DbException is rendered as XX000.
 */
package org.opendsql.core.error;
