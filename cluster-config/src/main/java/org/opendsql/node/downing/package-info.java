/**
 * Downing a member whose process is gone without waiting for the failure detector and the
 * split-brain resolver: a member whose cluster port refuses connections has no actor system left,
 * so it cannot be serving. Invariant: a node downs another only while it reaches a strict
 * majority of the membership, counting refusing and unreachable members as lost (the decision the
 * resolver's keep-majority would take, only sooner); anything less certain is left to the
 * resolver.
 */
package org.opendsql.node.downing;
