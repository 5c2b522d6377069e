/**
 * The journal entity (batcher and sequencer), its event-sourced log, and the crossbar that hands
 * committed batches to storage in journal order with closed timestamps.
 *
 * <p>Invariants: a closed timestamp is published only when no batch is in flight and never above
 * the highest lease durable in the log; a new incarnation moves the node's clock past every
 * recovered lease and commit timestamp, and claims the log (its first batch) before it publishes
 * anything, so nothing an earlier incarnation published can be contradicted. Entries are deleted
 * only below a durable checkpoint batch and below what every storage replica reported durably
 * applied, so the rest of the log still recovers the whole journal state and every replica that
 * could lend a snapshot holds the deleted entries.
 */
package org.opendsql.sharding.journal;
