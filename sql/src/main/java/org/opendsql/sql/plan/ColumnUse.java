package org.opendsql.sql.plan;

import java.lang.reflect.RecordComponent;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.ArrayExprs;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.RowExprs;

/**
 * Which columns of a table's rows a single-table SELECT reads, so that storage ships only those
 * and a secondary index that holds them all answers without reading the rows (an index-only
 * scan).
 *
 * <p>Worked out once, when the statement is planned ({@link Plan.Select#columnsRead}): the walk is
 * reflective, and a cached plan runs many times.
 *
 * <p>Only expressions known to read nothing but their operands and the row's columns are walked;
 * any other (a subquery, a whole-row reference, a window) makes the answer "all columns" (null):
 * a column wrongly left out would read as NULL, a wrong answer, while one kept needlessly costs
 * only bytes.
 */
final class ColumnUse {
  private ColumnUse() {}

  private static final Set<Class<?>> PURE = Set.of(Exprs.Const.class, Exprs.ColumnRef.class, Exprs.Param.class,
      Exprs.Cast.class, Exprs.Arith.class, Exprs.Negate.class, Exprs.Concat.class, Exprs.Compare.class, Exprs.And.class,
      Exprs.Or.class, Exprs.Not.class, Exprs.IsNull.class, Exprs.InList.class, Exprs.Call.class, Exprs.ContextCall.class,
      Exprs.SessionCall.class, Exprs.SessionValue.class, Exprs.Coalesce.class, Exprs.Case.class, ArrayExprs.Build.class,
      ArrayExprs.Subscript.class, ArrayExprs.Quantified.class, RowExprs.Compare.class, RowExprs.IsNull.class,
      RowExprs.Distinct.class, RowExprs.Value.class);

  /** Each expression record's component accessors: looking them up is a reflective walk per call. */
  private static final ClassValue<java.lang.reflect.Method[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Method[] computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      java.lang.reflect.Method[] out = new java.lang.reflect.Method[components.length];
      for (int i = 0; i < out.length; i++) out[i] = components[i].getAccessor();
      return out;
    }
  };

  /**
   * The table slots a SELECT of {@code table} reads (ascending; the primary key's always), or null
   * for all of them: its access path's filter, and its outputs or, when {@code aggregated}, its
   * grouping expressions and aggregate calls.
   */
  static int[] of(TableDef table, Plan.Access access, boolean aggregated, List<Expr> groupBy,
      List<Plan.AggCall> aggs, List<Expr> outputs) {
    if (table == null) return null;
    BitSet used = new BitSet();
    for (int s : table.pk()) used.set(s);
    if (access != null && !add(access.filter(), used)) return null;
    if (aggregated) {
      for (Expr g : groupBy) if (!add(g, used)) return null;
      for (Plan.AggCall c : aggs) {
        for (Expr a : c.args()) if (!add(a, used)) return null;
        if (!add(c.filter(), used)) return null;
        for (Plan.AggOrder o : c.orderBy()) if (!add(o.expr(), used)) return null;
      }
    } else {
      for (Expr o : outputs) if (!add(o, used)) return null;
    }
    return used.stream().toArray();
  }

  /** Adds the columns {@code e} reads; false when it may read more than its operands show. */
  private static boolean add(Expr e, BitSet used) {
    if (e == null) return true;
    if (!PURE.contains(e.getClass())) return false;
    if (e instanceof Exprs.ColumnRef c) {
      used.set(c.slot());
      return true;
    }
    for (java.lang.reflect.Method accessor : ACCESSORS.get(e.getClass())) {
      Object child;
      try {
        child = accessor.invoke(e);
      } catch (ReflectiveOperationException ex) {
        return false;
      }
      if (child instanceof Expr x) {
        if (!add(x, used)) return false;
      } else if (child instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Expr x) {
            if (!add(x, used)) return false;
          } else if (o != null) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
