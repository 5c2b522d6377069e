/**
 * The SQL engine behind {@link org.opendsql.core.session.QuerySession}: {@link
 * org.opendsql.sql.SqlSession} (one per connection), which drives the packages below it: parse,
 * plan (binder, planner), exec (executor, transaction), catalog, codec, expr and config. Packages
 * depend only downwards: nothing below depends on this package or on a package above it.
 *
 * <p>Pure: no actors, no network, no threads of its own; all I/O goes through the
 * {@link org.opendsql.core.kv.KvStore} passed in. Transaction invariants: tau_start is taken at
 * the first statement of a transaction and every read uses it; writes stay in the session until
 * COMMIT; a read-only transaction never calls {@code commit}; a failed statement inside a block
 * leaves the block failed (25P02) and nothing of it is ever committed.
 */
package org.opendsql.sql;
