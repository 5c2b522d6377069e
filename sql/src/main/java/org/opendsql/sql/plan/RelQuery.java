package org.opendsql.sql.plan;

import java.util.List;
import org.opendsql.core.session.ColumnDesc;

/**
 * A planned query: its operator tree, its result columns, and whether it reads columns of an
 * enclosing query (a correlated subquery, evaluated again for every outer row; an uncorrelated one
 * is evaluated once per execution).
 */
public record RelQuery(Rel root, List<ColumnDesc> columns, boolean correlated) {}
