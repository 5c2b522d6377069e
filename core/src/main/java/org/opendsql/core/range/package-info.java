/**
 * The ordered range directory and the pure rules around it: which contiguous {@code [start, end)}
 * key range owns a key, how the directory changes (splits, merges, journal moves) and where a
 * range should split.
 *
 * <p>Invariants: the ranges of a {@link org.opendsql.core.range.RangeMap} are disjoint, sorted
 * and cover the whole key space; a change names the generation of every range it replaces, so
 * changes decided by different journals apply in any order that respects each journal's own
 * order and every node converges on the same map ({@link org.opendsql.core.range.DirectoryLog}).
 * No Pekko here.
 */
package org.opendsql.core.range;
