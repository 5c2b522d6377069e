package org.opendsql.sql.plan;

import java.util.Locale;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.opendsql.core.error.Errors;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.ParamTypes;

/**
 * Recognizes DSQL's {@code SELECT sys.wait_for_job(id)}, the one call as the whole select list,
 * maybe named by AS. It waits for a background job, which no expression may do (expressions
 * evaluate without waiting), so it is a statement of its own, as the advisory lock calls are.
 */
public final class JobCalls {
  private JobCalls() {}

  /** The plan of a wait_for_job statement, or null when {@code st} is something else. */
  public static Plan plan(Statement st, ParamTypes params) {
    if (!(st instanceof PlainSelect ps) || ps.getSelectItems() == null || ps.getSelectItems().size() != 1) return null;
    SelectItem<?> item = ps.getSelectItems().get(0);
    if (!(item.getExpression() instanceof Function f) || f.getName() == null) return null;
    String name = f.getName().toLowerCase(Locale.ROOT).replace("\"", "");
    if (!name.equals("sys.wait_for_job")) return null;
    if (ps.getFromItem() != null || ps.getWhere() != null || ps.getGroupBy() != null || ps.getHaving() != null
        || ps.getOrderByElements() != null || ps.getLimit() != null || ps.getOffset() != null
        || ps.getDistinct() != null || ps.getWithItemsList() != null) {
      throw Errors.unsupported("sys.wait_for_job other than as the only item of a SELECT without FROM");
    }
    if (f.getParameters() == null || f.getParameters().size() != 1) {
      int n = f.getParameters() == null ? 0 : f.getParameters().size();
      throw Errors.undefinedFunction(name, java.util.Collections.nCopies(n, "unknown"));
    }
    Expr id = new Binder(null, null, params).bind(f.getParameters().get(0), PgType.TEXT);
    PgType t = id.type();
    if (t != PgType.TEXT && t != PgType.VARCHAR && t != PgType.UNKNOWN && t != PgType.BPCHAR && t != PgType.NAME) {
      throw Errors.undefinedFunction(name, java.util.List.of(t.sqlName()));
    }
    String label = item.getAlias() != null ? Binder.ident(item.getAlias().getName()) : "wait_for_job";
    return new Plan.WaitForJob(id, java.util.List.of(ColumnDesc.computed(label, PgType.BOOL)));
  }
}
