/**
 * Downing a member whose process is gone without waiting out the split-brain resolver's
 * stable-after: a member the failure detector calls unreachable whose cluster port refuses
 * connections has no actor system left, so it cannot be serving. Invariant: a node downs another
 * only while it reaches a majority of the membership (the decision the split-brain resolver's
 * keep-majority would take, only sooner); anything less certain is left to the resolver.
 */
package org.opendsql.node.downing;
