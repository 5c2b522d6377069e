package org.opendsql.sql.expr;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;

/** Expression nodes over arrays: construction, subscripts and slices, and {@code op ANY|ALL (array)}. */
public final class ArrayExprs {
  private ArrayExprs() {}

  /**
   * {@code ARRAY[a, b, ...]}: a one-dimensional array of the items' values; with {@code nested}
   * the items are themselves arrays of one shape, which become the next dimensions.
   */
  public record Build(List<Expr> items, PgType type, boolean nested) implements Expr {
    public Object eval(EvalContext c) {
      List<Object> vals = new ArrayList<>(items.size());
      for (Expr e : items) vals.add(e.eval(c));
      return nested ? stack(vals) : PgArray.of(vals);
    }

    public boolean isRowIndependent() {
      return items.stream().allMatch(Expr::isRowIndependent);
    }
  }

  /**
   * Arrays of equal shape stacked into one more dimension (ExecEvalArrayExpr): NULL or empty
   * sub-arrays count as empty, which only all of them may be.
   */
  public static PgArray stack(List<Object> subs) {
    PgArray first = null;
    boolean sawEmpty = false;
    List<Object> items = new ArrayList<>();
    for (Object o : subs) {
      PgArray a = (PgArray) o;
      if (a == null || a.isEmpty()) {
        sawEmpty = true;
        continue;
      }
      if (first == null) {
        first = a;
      } else if (!java.util.Arrays.equals(first.dims(), a.dims()) || !java.util.Arrays.equals(first.lbounds(), a.lbounds())) {
        throw Errors.arrayDimensionsMismatch();
      }
      items.addAll(a.items());
    }
    if (first == null) return PgArray.empty();
    if (sawEmpty) throw Errors.arrayDimensionsMismatch();
    int[] dims = new int[first.ndims() + 1];
    int[] lbounds = new int[first.ndims() + 1];
    dims[0] = subs.size();
    lbounds[0] = 1;
    System.arraycopy(first.dims(), 0, dims, 1, first.ndims());
    System.arraycopy(first.lbounds(), 0, lbounds, 1, first.ndims());
    return PgArray.of(dims, lbounds, items.toArray());
  }

  /**
   * {@code a[i][j]} (an element: NULL when the subscripts do not name one) or, with {@code slice},
   * {@code a[lo:hi][...]} (an array with lower bounds 1; a missing bound is the array's own, a
   * subscript without a colon is {@code 1:n}).
   */
  public record Subscript(Expr array, List<Expr> lower, List<Expr> upper, boolean slice, PgType type) implements Expr {
    /** An element keeps the array's type modifier (a numeric(4,1)[] holds numeric(4,1) values). */
    public int typmod() {
      return array.typmod();
    }

    public Object eval(EvalContext c) {
      PgArray a = (PgArray) array.eval(c);
      int n = upper.size();
      Integer[] lo = new Integer[n];
      Integer[] hi = new Integer[n];
      for (int i = 0; i < n; i++) {
        Expr l = lower.get(i);
        Expr u = upper.get(i);
        if (l != null) {
          Object v = l.eval(c);
          if (v == null) return null;
          lo[i] = ((Number) v).intValue();
        }
        if (u != null) {
          Object v = u.eval(c);
          if (v == null) return null;
          hi[i] = ((Number) v).intValue();
        }
      }
      if (a == null) return null;
      return slice ? slice(a, lo, hi) : element(a, hi);
    }

    public boolean isRowIndependent() {
      return array.isRowIndependent() && lower.stream().allMatch(e -> e == null || e.isRowIndependent())
          && upper.stream().allMatch(e -> e == null || e.isRowIndependent());
    }

    private static Object element(PgArray a, Integer[] index) {
      if (index.length != a.ndims()) return null;
      int offset = 0;
      for (int d = 0; d < index.length; d++) {
        int i = index[d] - a.lbound(d);
        if (i < 0 || i >= a.dim(d)) return null;
        offset = offset * a.dim(d) + i;
      }
      return a.get(offset);
    }

    private static PgArray slice(PgArray a, Integer[] lo, Integer[] hi) {
      if (a.ndims() < lo.length || a.isEmpty()) return PgArray.empty();
      int nd = a.ndims();
      int[] from = new int[nd];
      int[] to = new int[nd];
      for (int d = 0; d < nd; d++) {
        int lb = a.lbound(d);
        int ub = lb + a.dim(d) - 1;
        from[d] = d < lo.length && lo[d] != null ? Math.max(lo[d], lb) : lb;
        to[d] = d < hi.length && hi[d] != null ? Math.min(hi[d], ub) : ub;
        if (from[d] > to[d]) return PgArray.empty();
      }
      int[] dims = new int[nd];
      int[] ones = new int[nd];
      int count = 1;
      for (int d = 0; d < nd; d++) {
        dims[d] = to[d] - from[d] + 1;
        ones[d] = 1;
        count *= dims[d];
      }
      Object[] items = new Object[count];
      int[] idx = new int[nd];
      for (int k = 0; k < count; k++) {
        int offset = 0;
        for (int d = 0; d < nd; d++) offset = offset * a.dim(d) + (from[d] - a.lbound(d) + idx[d]);
        items[k] = a.get(offset);
        for (int d = nd - 1; d >= 0; d--) {
          if (++idx[d] < dims[d]) break;
          idx[d] = 0;
        }
      }
      return PgArray.of(dims, ones, items);
    }
  }

  /**
   * {@code UPDATE ... SET a[i] = v} or {@code SET a[lo:hi] = src}: the column's array with the
   * element or slice replaced; the value is converted to the element (or array) type first.
   */
  public record Assign(Expr array, List<Expr> lower, List<Expr> upper, boolean slice, Expr value, int typmod)
      implements Expr {
    public PgType type() {
      return array.type();
    }

    public Object eval(EvalContext c) {
      PgArray a = (PgArray) array.eval(c);
      int n = upper.size();
      Integer[] lo = new Integer[n];
      Integer[] hi = new Integer[n];
      for (int i = 0; i < n; i++) {
        lo[i] = bound(lower.get(i), c);
        hi[i] = bound(upper.get(i), c);
      }
      PgType t = array.type();
      if (slice) {
        Object v = Values.cast(value.eval(c), value.type(), t, typmod, false, c.zone);
        if (v == null) return a;
        return ArrayFunctions.setSlice(a, lo, hi, (PgArray) v);
      }
      Object v = Values.cast(value.eval(c), value.type(), t.elementType(), typmod, false, c.zone);
      int[] index = new int[n];
      for (int i = 0; i < n; i++) index[i] = hi[i];
      return ArrayFunctions.setElement(a, index, v);
    }

    private static Integer bound(Expr e, EvalContext c) {
      if (e == null) return null;
      Object v = e.eval(c);
      if (v == null) throw org.opendsql.core.error.Errors.nullSubscriptInAssignment();
      return ((Number) v).intValue();
    }
  }

  /** The elements of an array in storage order (all dimensions flattened); none for NULL. */
  public static List<Object> elements(Object array) {
    return array == null ? List.of() : ((PgArray) array).items();
  }

  /**
   * {@code x op ANY (array)} / {@code x op ALL (array)}: over an empty array ANY is false and ALL
   * true; otherwise NULL decides where no element does (a NULL x, or a NULL element).
   */
  public record Quantified(Exprs.CmpOp op, Expr arg, Expr array, boolean all) implements Expr {
    public PgType type() {
      return PgType.BOOL;
    }

    public Object eval(EvalContext c) {
      Object v = arg.eval(c);
      PgArray a = (PgArray) array.eval(c);
      if (a == null) return null;
      if (a.isEmpty()) return all;
      if (v == null) return null;
      boolean sawNull = false;
      for (int i = 0; i < a.size(); i++) {
        Object e = a.get(i);
        if (e == null) {
          sawNull = true;
          continue;
        }
        int cmp = Values.compare(v, e);
        boolean t = switch (op) {
          case EQ -> cmp == 0;
          case NE -> cmp != 0;
          case LT -> cmp < 0;
          case LE -> cmp <= 0;
          case GT -> cmp > 0;
          case GE -> cmp >= 0;
        };
        if (all && !t) return false;
        if (!all && t) return true;
      }
      return sawNull ? null : all;
    }

    public boolean isRowIndependent() {
      return arg.isRowIndependent() && array.isRowIndependent();
    }
  }
}
