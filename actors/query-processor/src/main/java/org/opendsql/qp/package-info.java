/**
 * The query processor: a {@link org.opendsql.qp.SessionActor} per connection owning the SQL
 * engine's session, whose statements run on the connection's event loop
 * ({@link org.opendsql.qp.ActorQuerySession}), and the engine's view of the cluster
 * ({@link org.opendsql.qp.ShardedKvStore}). Invariants: the engine is entered by one thread at a
 * time (the wire layer sends the next statement only once the last one answered); it reaches
 * storage replicas and adjudicators only through sharding's routing (entity refs, or an entity's
 * own reference while it lives) or, for a point read, a caught-up replica in this JVM under the
 * replica's own read rules; no actor is spawned per statement; a commit reports only after the
 * clock moved past its timestamp (and, with a clock-offset bound, after waiting it out).
 */
package org.opendsql.qp;
