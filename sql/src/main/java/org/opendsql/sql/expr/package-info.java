/**
 * Bound, typed expressions and the value semantics behind them (comparison, casts, assignment,
 * arithmetic) following PostgreSQL: three-valued logic, integer overflow errors, truncating
 * integer division, explicit casts that truncate varchar but assignments that refuse with 22001.
 * Values are always of the Java class {@link org.opendsql.core.types.PgType} documents for the
 * expression's type.
 */
package org.opendsql.sql.expr;
