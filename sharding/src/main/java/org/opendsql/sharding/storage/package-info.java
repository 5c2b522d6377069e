/**
 * Storage shard entities: one per key range per replica. Invariants: journal entries are applied
 * in sequence order with no gap (a gap triggers a replay from the journal), and a read at T is
 * answered only when closedTs >= T.
 */
package org.opendsql.sharding.storage;
