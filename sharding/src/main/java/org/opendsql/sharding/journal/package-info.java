/**
 * The journal entity (batcher and sequencer), its event-sourced log, and the crossbar that hands
 * committed batches to storage in journal order with closed timestamps.
 */
package org.opendsql.sharding.journal;
