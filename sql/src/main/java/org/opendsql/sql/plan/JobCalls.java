package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.opendsql.core.error.Errors;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.ParamTypes;

/**
 * Recognizes DSQL's {@code SELECT sys.wait_for_job(id)}, the one call as the whole select list,
 * maybe named by AS, and {@code CALL sys.wait_for_job(id)}. It waits for a background job, which no expression may do (expressions
 * evaluate without waiting), so it is a statement of its own, as the advisory lock calls are.
 */
public final class JobCalls {
  private JobCalls() {}

  /** The plan of a wait_for_job statement, or null when {@code st} is something else. */
  public static Plan plan(Statement st, ParamTypes params) {
    if (st instanceof Execute call && call.getExecType() == Execute.ExecType.CALL) return call(call, params);
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
    List<Expression> args = f.getParameters() == null ? List.of() : List.copyOf(f.getParameters());
    Expr id = jobId(name, args, params, false);
    String label = item.getAlias() != null ? Binder.ident(item.getAlias().getName()) : "wait_for_job";
    return new Plan.WaitForJob(id, List.of(ColumnDesc.computed(label, PgType.BOOL)), false);
  }

  /**
   * {@code CALL sys.wait_for_job(id)}: DSQL documents wait_for_job among its procedures, and
   * clients call it so; the answer is SELECT's (one row, whether the job completed) under CALL's
   * tag, as a procedure with an OUT parameter answers. There are no other procedures (42883).
   */
  private static Plan call(Execute call, ParamTypes params) {
    String name = call.getName() == null ? "" : call.getName().toLowerCase(Locale.ROOT).replace("\"", "");
    List<Expression> args = call.getExprList() == null ? List.of() : List.copyOf(call.getExprList());
    Expr id = jobId(name, args, params, true);
    return new Plan.WaitForJob(id, List.of(ColumnDesc.computed("wait_for_job", PgType.BOOL)), true);
  }

  /** The job id argument: one text value (42883, naming the call as PostgreSQL does, otherwise). */
  private static Expr jobId(String name, List<Expression> args, ParamTypes params, boolean procedure) {
    List<Expr> bound = new ArrayList<>();
    for (Expression a : args) bound.add(new Binder(null, null, params).bind(a, PgType.TEXT));
    List<String> types = bound.stream().map(e -> e.type() == PgType.UNKNOWN ? "unknown" : e.type().sqlName()).toList();
    PgType t = bound.size() == 1 ? bound.get(0).type() : null;
    boolean text = t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.UNKNOWN || t == PgType.BPCHAR || t == PgType.NAME;
    if (!name.equals("sys.wait_for_job") || !text) {
      throw procedure ? Errors.undefinedProcedure(name, types) : Errors.undefinedFunction(name, types);
    }
    return bound.get(0);
  }
}
