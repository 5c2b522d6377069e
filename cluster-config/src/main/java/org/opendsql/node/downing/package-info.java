/**
 * Downing a member whose process is gone without waiting for the failure detector and the
 * split-brain resolver: a member whose cluster port refuses connections has no actor system left,
 * so it cannot be serving; the failure detector is told at once too, so that the member's removal
 * and the move of its shards do not wait for the heartbeat pause. Also the one case where the
 * resolver's own choice loses the majority: a link broken between two members that a third still
 * reaches, where only the younger end is downed ({@link org.opendsql.node.downing.BrokenLinkResolver}).
 * Invariant: a node downs another only while it reaches a strict
 * majority of the membership, counting refusing and unreachable members as lost (the decision the
 * resolver's keep-majority would take, only sooner); anything less certain is left to the
 * resolver.
 */
package org.opendsql.node.downing;
