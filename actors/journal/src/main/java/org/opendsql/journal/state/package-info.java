/**
 * The journal's pure state machines, without Pekko: the sequencer (group commit, commit
 * timestamps, refusals), the fence table, the closed-timestamp lease and the truncation tracker.
 * Each is unit-tested without an actor system.
 */
package org.opendsql.journal.state;
