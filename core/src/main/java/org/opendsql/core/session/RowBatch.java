package org.opendsql.core.session;

import java.util.List;

/**
 * Rows fetched from a cursor. When {@code done}, {@code commandTag} holds PostgreSQL's completion
 * tag ({@code SELECT 3}, {@code INSERT 0 1}, {@code BEGIN}, ...). Values are Java objects of the
 * column's {@link org.opendsql.core.types.PgType} value class, or null.
 */
public record RowBatch(List<Object[]> rows, boolean done, String commandTag) {}
