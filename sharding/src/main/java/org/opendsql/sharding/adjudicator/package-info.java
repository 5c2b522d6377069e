/**
 * Adjudicators: one sharded entity per key range deciding write-write conflicts (first committer
 * wins), with a pure {@link org.opendsql.sharding.adjudicator.ConflictWindow} at the core. A
 * transaction spanning ranges is decided by the coordinator (its lowest range), which alone talks
 * to the journal and the session.
 */
package org.opendsql.sharding.adjudicator;
