package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgType;

/**
 * A set-returning function in a select list (unnest, generate_series): the projection that holds
 * it (a ProjectSet) draws its rows from {@link #rows} for each input row, and for each output row
 * puts the function's current value in the context's slot {@link #index}, which is what this
 * expression yields. NULL arguments yield no rows.
 */
public record SetReturning(String name, List<Expr> args, int index, PgType type,
    BiFunction<Object[], EvalContext, Iterator<Object>> rows) implements Expr {
  public Object eval(EvalContext c) {
    if (c.srfValues == null) throw Errors.unsupported("set-returning function " + name + " here");
    return c.srfValues[index];
  }

  /** The function's rows for one input row; the arguments are evaluated on that row. */
  public Iterator<Object> rows(EvalContext c) {
    Object[] vals = new Object[args.size()];
    for (int i = 0; i < vals.length; i++) {
      vals[i] = args.get(i).eval(c);
      if (vals[i] == null) return java.util.Collections.emptyIterator();
    }
    return rows.apply(vals, c);
  }

  /**
   * generate_series(from, to, step) over timestamps (timestamptz ones added in {@code zone}, whose
   * calendar the step's months and days follow), lazily: from, from + step, ... while not past
   * {@code to} in the step's direction. A zero step is 22023.
   */
  public static Iterator<Object> timeSeries(Object start, Object stop, org.opendsql.core.types.PgInterval step,
      java.time.ZoneId zone) {
    int dir = step.compareTo(org.opendsql.core.types.PgInterval.ZERO);
    if (dir == 0) throw Errors.seriesStepZero();
    return new Iterator<>() {
      Object next = start;

      public boolean hasNext() {
        if (next == null) return false;
        int c = Values.compare(next, stop);
        return dir > 0 ? c <= 0 : c >= 0;
      }

      public Object next() {
        if (!hasNext()) throw new NoSuchElementException();
        Object v = next;
        Object after = v instanceof java.time.Instant i ? DateTimeArith.plus(i, step, zone)
            : DateTimeArith.plus((java.time.LocalDateTime) v, step);
        // A step that moves nothing (an infinite timestamp) ends the series rather than repeating it.
        next = after.equals(v) ? null : after;
        return v;
      }
    };
  }

  /**
   * generate_series(from, to [, step]) over integers or numerics, lazily (a long series is never
   * held whole); values of {@code type}, a zero step is 22023.
   */
  public static Iterator<Object> series(Number start, Number stop, Number step, PgType type) {
    BigDecimal from = Values.toBig(start);
    BigDecimal to = Values.toBig(stop);
    BigDecimal by = step == null ? BigDecimal.ONE : Values.toBig(step);
    if (by.signum() == 0) throw Errors.seriesStepZero();
    return new Iterator<>() {
      BigDecimal next = from;

      public boolean hasNext() {
        return by.signum() > 0 ? next.compareTo(to) <= 0 : next.compareTo(to) >= 0;
      }

      public Object next() {
        if (!hasNext()) throw new NoSuchElementException();
        BigDecimal v = next;
        next = next.add(by);
        return switch (type) {
          case INT4 -> v.intValueExact();
          case INT8 -> v.longValueExact();
          default -> v;
        };
      }
    };
  }
}
