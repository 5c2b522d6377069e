/**
 * Cluster-wide counts that admission control needs: the connection census. Invariant: a node's
 * own count is exact and never waits on the network; the other nodes' counts are only as fresh
 * as their last report, and a node that stops reporting stops counting.
 */
package org.opendsql.sharding.census;
