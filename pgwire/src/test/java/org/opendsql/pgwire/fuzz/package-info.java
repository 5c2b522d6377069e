/**
 * Hostile-client input for the wire server: frontend messages as records, seeded generators of
 * startup-phase and logged-in message streams, and the mutations applied to them. Everything is a
 * pure function of a seed, so a failing case is replayed from the seed printed with it.
 */
package org.opendsql.pgwire.fuzz;
