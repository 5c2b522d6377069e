package org.opendsql.sql;

import java.util.List;
import net.sf.jsqlparser.statement.Statement;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.plan.Plan;

/**
 * A prepared statement: the parse tree (kept to re-plan if the table's definition changes) and
 * the plan bound at prepare time. Never mutated after construction.
 */
final class SqlPrepared implements Prepared {
  private final String sql;
  private final Statement statement;
  private final Plan plan;
  private final List<PgType> paramTypes;
  private final int[] declaredOids;
  private final boolean readsCatalog;

  SqlPrepared(String sql, Statement statement, Plan plan, List<PgType> paramTypes, int[] declaredOids) {
    this.sql = sql;
    this.statement = statement;
    this.plan = plan;
    this.paramTypes = List.copyOf(paramTypes);
    this.declaredOids = declaredOids == null ? new int[0] : declaredOids.clone();
    this.readsCatalog = SqlSession.readsCatalog(sql);
  }

  /** Whether executing it needs the catalog loaded first (catalog functions, reg* casts). */
  boolean readsCatalog() { return readsCatalog; }

  public String sql() { return sql; }
  public List<PgType> paramTypes() { return paramTypes; }
  public List<ColumnDesc> columns() { return plan.columns(); }
  Statement statement() { return statement; }
  Plan plan() { return plan; }
  int[] declaredOids() { return declaredOids.clone(); }
}
