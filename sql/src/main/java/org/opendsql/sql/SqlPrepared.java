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
  /** Whether the text names a sequence function: decided once, consulted on every execution. */
  private final boolean namesSequenceFunction;
  private final boolean readsCatalog;

  SqlPrepared(String sql, Statement statement, Plan plan, List<PgType> paramTypes, int[] declaredOids) {
    this.sql = sql;
    this.statement = statement;
    this.plan = plan;
    this.paramTypes = List.copyOf(paramTypes);
    this.declaredOids = declaredOids == null ? new int[0] : declaredOids.clone();
    this.namesSequenceFunction = namesSequenceFunction(sql);
    this.readsCatalog = SqlSession.readsCatalog(sql);
  }

  private static boolean namesSequenceFunction(String sql) {
    for (String f : List.of("nextval", "currval", "setval", "lastval")) {
      for (int i = 0; i + f.length() <= sql.length(); i++) {
        if (sql.regionMatches(true, i, f, 0, f.length())) return true;
      }
    }
    return false;
  }

  boolean namesSequenceFunction() { return namesSequenceFunction; }

  /** Whether executing it needs the catalog loaded first (catalog functions, reg* casts). */
  boolean readsCatalog() { return readsCatalog; }

  public String sql() { return sql; }
  public List<PgType> paramTypes() { return paramTypes; }
  public List<ColumnDesc> columns() { return plan.columns(); }
  Statement statement() { return statement; }
  Plan plan() { return plan; }
  int[] declaredOids() { return declaredOids.clone(); }
}
