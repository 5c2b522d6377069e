/**
 * The query processor: a {@link org.opendsql.qp.SessionActor} per connection running the SQL
 * engine's session, and the engine's view of the cluster ({@link org.opendsql.qp.ShardedKvStore}).
 * Invariants: the engine reaches storage replicas and adjudicators only through sharding's routing
 * (entity refs, or an entity's own reference while it lives); no actor is spawned per statement;
 * a commit reports only after the clock moved past its timestamp (and, with a clock-offset bound,
 * after waiting it out).
 */
package org.opendsql.qp;
