package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
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
 * Recognizes the statements migration tools take advisory locks with: {@code SELECT
 * pg_advisory_lock($1)}, {@code SELECT pg_try_advisory_xact_lock(1, 2)}, {@code SELECT
 * pg_advisory_unlock_all()}, one call as the whole select list, maybe named by AS. Taking a lock
 * may wait for another session, so it is a statement of its own rather than an expression.
 */
public final class AdvisoryCalls {
  private AdvisoryCalls() {}

  /** The plan of an advisory lock statement, or null when {@code st} is something else. */
  public static Plan plan(Statement st, ParamTypes params) {
    if (!(st instanceof PlainSelect ps) || ps.getSelectItems() == null || ps.getSelectItems().size() != 1) return null;
    SelectItem<?> item = ps.getSelectItems().get(0);
    if (!(item.getExpression() instanceof Function f) || f.getName() == null) return null;
    String name = f.getName().toLowerCase(Locale.ROOT);
    if (name.startsWith("pg_catalog.")) name = name.substring("pg_catalog.".length());
    Plan.AdvisoryKind kind = switch (name) {
      case "pg_advisory_lock" -> Plan.AdvisoryKind.LOCK;
      case "pg_try_advisory_lock" -> Plan.AdvisoryKind.TRY_LOCK;
      case "pg_advisory_unlock" -> Plan.AdvisoryKind.UNLOCK;
      case "pg_advisory_xact_lock" -> Plan.AdvisoryKind.XACT_LOCK;
      case "pg_try_advisory_xact_lock" -> Plan.AdvisoryKind.TRY_XACT_LOCK;
      case "pg_advisory_unlock_all" -> Plan.AdvisoryKind.UNLOCK_ALL;
      default -> null;
    };
    if (kind == null) return null;
    if (ps.getFromItem() != null || ps.getWhere() != null || ps.getGroupBy() != null || ps.getHaving() != null
        || ps.getOrderByElements() != null || ps.getLimit() != null || ps.getOffset() != null
        || ps.getDistinct() != null || ps.getWithItemsList() != null) {
      throw Errors.unsupported(name + " other than as the only item of a SELECT without FROM");
    }
    List<Expression> given = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
    List<Expr> args = new ArrayList<>();
    Binder b = new Binder(null, null, params);
    if (kind == Plan.AdvisoryKind.UNLOCK_ALL) {
      if (!given.isEmpty()) throw Errors.undefinedFunction(name, List.of("unknown"));
    } else if (given.size() == 1) {
      args.add(b.bind(given.get(0), PgType.INT8));
    } else if (given.size() == 2) {
      args.add(b.bind(given.get(0), PgType.INT4));
      args.add(b.bind(given.get(1), PgType.INT4));
    } else {
      throw Errors.undefinedFunction(name, given.stream().map(x -> "unknown").toList());
    }
    for (Expr a : args) {
      PgType t = a.type();
      if (t != PgType.INT8 && t != PgType.INT4 && t != PgType.INT2 && t != PgType.UNKNOWN) {
        throw Errors.undefinedFunction(name, args.stream().map(x -> x.type().sqlName()).toList());
      }
    }
    String label = item.getAlias() != null ? Binder.ident(item.getAlias().getName()) : name;
    boolean returnsBool = kind == Plan.AdvisoryKind.TRY_LOCK || kind == Plan.AdvisoryKind.TRY_XACT_LOCK
        || kind == Plan.AdvisoryKind.UNLOCK;
    return new Plan.Advisory(kind, args, List.of(ColumnDesc.computed(label, returnsBool ? PgType.BOOL : PgType.VOID)));
  }
}
