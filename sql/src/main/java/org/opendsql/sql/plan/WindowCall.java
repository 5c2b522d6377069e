package org.opendsql.sql.plan;

import java.util.List;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.Expr;

/**
 * One window function call, bound: what {@link Rel.Window} computes for every input row. All
 * expressions read the window's input row (table rows, or {@code [group values..., aggregate
 * values...]} in an aggregated query); frame offsets read no row at all.
 *
 * @param name the function (row_number, lag, sum, ...)
 * @param args its arguments ({@code count(*)} has none)
 * @param agg for an aggregate used as a window function, the aggregate the frame's rows feed
 * @param filter an aggregate's FILTER (WHERE ...) condition, or null
 * @param orderKeys sort keys over {@code orderBy} (their {@code outputIndex} is the position in it)
 */
public record WindowCall(String name, List<Expr> args, Plan.AggCall agg, Expr filter, List<Expr> partitionBy,
    List<Expr> orderBy, List<Plan.SortKey> orderKeys, Frame frame, PgType type) {

  public enum Mode { ROWS, RANGE, GROUPS }

  public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

  public enum Exclusion { NO_OTHERS, CURRENT_ROW, GROUP, TIES }

  /**
   * {@code offset} (for PRECEDING/FOLLOWING): bigint for ROWS and GROUPS; for RANGE already cast
   * to the type the ORDER BY key is shifted in (numeric for integer and numeric keys, double
   * precision for float keys).
   */
  public record Bound(BoundKind kind, Expr offset) {}

  public record Frame(Mode mode, Bound start, Bound end, Exclusion exclusion) {
    /** SQL's default: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (the current row's peers included). */
    public static final Frame DEFAULT = new Frame(Mode.RANGE, new Bound(BoundKind.UNBOUNDED_PRECEDING, null),
        new Bound(BoundKind.CURRENT_ROW, null), Exclusion.NO_OTHERS);
  }
}
