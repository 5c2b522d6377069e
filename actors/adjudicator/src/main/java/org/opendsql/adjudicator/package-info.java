/**
 * Adjudicators: one sharded entity per key range deciding write-write conflicts (first committer
 * wins) with a pure {@link org.opendsql.adjudicator.state.ConflictWindow} at the core. A
 * transaction spanning ranges is decided by the coordinator (its lowest range), which alone talks
 * to the journal and the session. Adjudicator state is soft: a new incarnation fences older ones
 * through every journal before it decides, and refuses transactions that began before it.
 */
package org.opendsql.adjudicator;
