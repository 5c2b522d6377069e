/**
 * Distribution: which entity types exist and how they are registered with Cluster Sharding
 * ({@link org.opendsql.sharding.NodeEntities}), the cluster's shape, the range directory,
 * placement and rebalancing, routing, the connection census and the Kryo id table. Invariant: the
 * roles never see Cluster Sharding; they reach each other through the route interfaces this
 * package implements.
 */
package org.opendsql.sharding;
