/**
 * The node's logging policy: repeated warnings are rate-limited so that a peer that is down (Raft
 * retrying it every few milliseconds) cannot fill a node's log, while every distinct warning is
 * still seen and the number of repeats held back is reported.
 */
package org.opendsql.node.logging;
