/**
 * Journals: the commit sequencer and durability point (one sharded entity per journal, its
 * event-sourced log recovered through the journal plugin and written to the journal store
 * directly), and the crossbar that hands committed batches to every
 * storage replica in journal order with closed timestamps. {@link org.opendsql.journal.Journal} is
 * the thin behavior; the decisions live in {@code state}.
 *
 * <p>Invariants: a closed timestamp is published only when no batch is in flight and never above
 * the highest lease durable in the log; a new incarnation moves the node's clock past every
 * recovered lease and commit timestamp, and claims the log (its first batch) before it publishes
 * anything, so nothing an earlier incarnation published can be contradicted. Entries are deleted
 * only below a durable checkpoint batch and below what every storage replica reported durably
 * applied.
 */
package org.opendsql.journal;
