/**
 * The query processor: a Session actor per connection running the SQL engine, and the engine's
 * view of the cluster ({@link org.opendsql.qp.ShardedKvStore}). Invariant: the engine reaches
 * storage, adjudicators and the journal only through Cluster Sharding; no actor is spawned per
 * statement.
 */
package org.opendsql.qp;
