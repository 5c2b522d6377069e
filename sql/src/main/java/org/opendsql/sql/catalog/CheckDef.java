package org.opendsql.sql.catalog;

/**
 * A CHECK constraint: {@code sql} is its boolean expression over the table's columns, as written
 * (bound again when a statement writes the table); a row passes unless it evaluates to false.
 */
public record CheckDef(String name, String sql) {}
