package org.opendsql.core.session;

import java.util.List;
import org.opendsql.core.types.PgType;

/**
 * A parsed and analysed statement, reusable across executions. {@link #paramTypes()} are the
 * inferred parameter types ($1 is index 0); {@link #columns()} is empty for statements that
 * return no rows. Implementations are immutable.
 */
public interface Prepared {
  String sql();

  List<PgType> paramTypes();

  List<ColumnDesc> columns();
}
