/**
 * How messages reach entities: through Cluster Sharding ({@link
 * org.opendsql.sharding.routing.ShardedRoutes}, which implements each role's route interface), and
 * directly once an entity told its reference ({@link org.opendsql.sharding.routing.DirectRefs}).
 * Invariant: a direct reference is used only while its entity lives; it is death-watched and
 * forgotten on termination, and callers then go through sharding again.
 */
package org.opendsql.sharding.routing;
