/**
 * Binding and planning: JSqlParser trees (and the front parser's utility statements) become
 * immutable {@link org.opendsql.sql.plan.Plan}s with typed expressions and inferred parameter
 * types. Invariant: a plan never references anything the executor would need to re-resolve by
 * name, except the table name used to detect a catalog change before execution.
 *
 * <p>The access path is chosen here: a WHERE whose top-level conjuncts fix every primary-key
 * column by equality to a constant or parameter becomes a point read ({@link
 * org.opendsql.sql.plan.Plan.Access#pointKey()}); anything else scans the table's key prefix.
 * So is what a single-table SELECT reads ({@code ColumnUse}): worked out once per plan, since a
 * cached plan runs many times.
 */
package org.opendsql.sql.plan;
