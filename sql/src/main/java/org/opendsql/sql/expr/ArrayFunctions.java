package org.opendsql.sql.expr;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;

/** PostgreSQL's array functions (arrayfuncs.c, array_userfuncs.c) over {@link PgArray} values. */
public final class ArrayFunctions {
  private ArrayFunctions() {}

  public static Integer length(PgArray a, int dim) {
    if (dim < 1 || dim > a.ndims()) return null;
    return a.dim(dim - 1);
  }

  public static Integer lower(PgArray a, int dim) {
    if (dim < 1 || dim > a.ndims()) return null;
    return a.lbound(dim - 1);
  }

  public static Integer upper(PgArray a, int dim) {
    if (dim < 1 || dim > a.ndims()) return null;
    return a.lbound(dim - 1) + a.dim(dim - 1) - 1;
  }

  public static Integer ndims(PgArray a) {
    return a.isEmpty() ? null : a.ndims();
  }

  /** array_dims: {@code [1:3][1:2]}, NULL for an empty array. */
  public static String dims(PgArray a) {
    if (a.isEmpty()) return null;
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < a.ndims(); d++) {
      sb.append('[').append(a.lbound(d)).append(':').append(a.lbound(d) + a.dim(d) - 1).append(']');
    }
    return sb.toString();
  }

  private static boolean notDistinct(Object x, Object y) {
    if (x == null || y == null) return x == null && y == null;
    return Values.compare(x, y) == 0;
  }

  private static void requireOneDimension(PgArray a) {
    if (a.ndims() > 1) throw Errors.unsupported("searching for elements in multidimensional arrays");
  }

  /** array_position(a, x [, start]): the first subscript holding x (NULL finds NULL), or NULL. */
  public static Integer position(PgArray a, Object x, Integer start) {
    requireOneDimension(a);
    if (a.isEmpty()) return null;
    int lb = a.lbound(0);
    int from = start == null ? 0 : Math.max(start - lb, 0);
    for (int i = from; i < a.size(); i++) {
      if (notDistinct(a.get(i), x)) return lb + i;
    }
    return null;
  }

  public static PgArray positions(PgArray a, Object x) {
    requireOneDimension(a);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (notDistinct(a.get(i), x)) out.add(a.lbound(0) + i);
    }
    return PgArray.of(out);
  }

  /** array_append: a NULL or empty array becomes {x}; a one-dimensional array keeps its lower bound. */
  public static PgArray append(PgArray a, Object x) {
    if (a == null || a.isEmpty()) return PgArray.of(Arrays.asList(x));
    if (a.ndims() != 1) throw Errors.notOneDimensionalArray();
    List<Object> items = new ArrayList<>(a.items());
    items.add(x);
    return PgArray.of(new int[] {items.size()}, new int[] {a.lbound(0)}, items.toArray());
  }

  /** array_prepend: the lower bound moves down by one. */
  public static PgArray prepend(Object x, PgArray a) {
    if (a == null || a.isEmpty()) return PgArray.of(Arrays.asList(x));
    if (a.ndims() != 1) throw Errors.notOneDimensionalArray();
    List<Object> items = new ArrayList<>();
    items.add(x);
    items.addAll(a.items());
    return PgArray.of(new int[] {items.size()}, new int[] {a.lbound(0)}, items.toArray());
  }

  /**
   * array_cat: two arrays of one dimensionality join along the first (the first's lower bound
   * stays); an array of one dimension fewer is added as a new first-dimension element.
   */
  public static PgArray cat(PgArray a, PgArray b) {
    if (a == null) return b;
    if (b == null) return a;
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    List<Object> items = new ArrayList<>(a.items());
    items.addAll(b.items());
    if (a.ndims() == b.ndims()) {
      for (int d = 1; d < a.ndims(); d++) {
        if (a.dim(d) != b.dim(d) || a.lbound(d) != b.lbound(d)) throw Errors.incompatibleArrayConcatenation();
      }
      int[] dims = a.dims();
      dims[0] += b.dim(0);
      return PgArray.of(dims, a.lbounds(), items.toArray());
    }
    if (a.ndims() == b.ndims() - 1) {
      for (int d = 0; d < a.ndims(); d++) {
        if (a.dim(d) != b.dim(d + 1) || a.lbound(d) != b.lbound(d + 1)) throw Errors.incompatibleArrayConcatenation();
      }
      int[] dims = b.dims();
      dims[0] += 1;
      return PgArray.of(dims, b.lbounds(), items.toArray());
    }
    if (a.ndims() == b.ndims() + 1) {
      for (int d = 0; d < b.ndims(); d++) {
        if (b.dim(d) != a.dim(d + 1) || b.lbound(d) != a.lbound(d + 1)) throw Errors.incompatibleArrayConcatenation();
      }
      int[] dims = a.dims();
      dims[0] += 1;
      return PgArray.of(dims, a.lbounds(), items.toArray());
    }
    throw Errors.incompatibleArrayConcatenation();
  }

  public static PgArray remove(PgArray a, Object x) {
    requireOneDimension(a);
    List<Object> out = new ArrayList<>();
    for (Object e : a.items()) if (!notDistinct(e, x)) out.add(e);
    if (out.size() == a.size()) return a;
    return out.isEmpty() ? PgArray.empty() : PgArray.of(new int[] {out.size()}, new int[] {a.lbound(0)}, out.toArray());
  }

  public static PgArray replace(PgArray a, Object from, Object to) {
    Object[] items = a.items().toArray();
    for (int i = 0; i < items.length; i++) if (notDistinct(items[i], from)) items[i] = to;
    return PgArray.of(a.dims(), a.lbounds(), items);
  }

  /** array_to_string: every element in its output form, NULLs skipped or written as {@code nullText}. */
  public static String toString(PgArray a, PgType element, String delimiter, String nullText, ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (Object e : a.items()) {
      if (e == null && nullText == null) continue;
      if (!first) sb.append(delimiter);
      sb.append(e == null ? nullText : PgText.format(element, e, zone));
      first = false;
    }
    return sb.toString();
  }

  /**
   * string_to_array: a NULL delimiter splits into characters, an empty one keeps the string
   * whole; an empty string is an empty array; fields equal to {@code nullText} become NULL.
   */
  public static PgArray fromString(String s, String delimiter, String nullText) {
    if (s.isEmpty()) return PgArray.empty();
    List<Object> out = new ArrayList<>();
    if (delimiter == null) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    } else if (delimiter.isEmpty()) {
      out.add(s);
    } else {
      int from = 0;
      while (true) {
        int at = s.indexOf(delimiter, from);
        out.add(s.substring(from, at < 0 ? s.length() : at));
        if (at < 0) break;
        from = at + delimiter.length();
      }
    }
    if (nullText != null) out.replaceAll(f -> nullText.equals(f) ? null : f);
    return PgArray.of(out);
  }

  /** array_fill(value, dims [, lower bounds]). */
  public static PgArray fill(Object value, PgArray dims, PgArray lbounds) {
    if (dims.ndims() > 1 || (lbounds != null && lbounds.ndims() > 1)) throw Errors.wrongArrayDimensions();
    if (lbounds != null && lbounds.size() != dims.size()) throw Errors.arrayFillBoundsMismatch();
    int n = dims.size();
    int[] d = new int[n];
    int[] lb = new int[n];
    long count = n == 0 ? 0 : 1;
    for (int i = 0; i < n; i++) {
      if (dims.get(i) == null || (lbounds != null && lbounds.get(i) == null)) throw Errors.arrayFillNullBounds();
      d[i] = ((Number) dims.get(i)).intValue();
      lb[i] = lbounds == null ? 1 : ((Number) lbounds.get(i)).intValue();
      if (d[i] < 0) throw Errors.arraySizeExceedsMaximum();
      count *= d[i];
      if (count > 134217727) throw Errors.arraySizeExceedsMaximum();
    }
    if (count == 0) return PgArray.empty();
    Object[] items = new Object[(int) count];
    Arrays.fill(items, value);
    return PgArray.of(d, lb, items);
  }

  /** trim_array(a, n): the first dimension shortened by n. */
  public static PgArray trim(PgArray a, int n) {
    int len = a.isEmpty() ? 0 : a.dim(0);
    if (n < 0 || n > len) throw Errors.trimArrayOutOfRange(len);
    if (n == 0) return a;
    if (n == len) return PgArray.empty();
    int[] dims = a.dims();
    int per = a.size() / dims[0];
    dims[0] -= n;
    return PgArray.of(dims, a.lbounds(), a.items().subList(0, dims[0] * per).toArray());
  }

  // ---------------------------------------------------------------- subscripted assignment

  /**
   * {@code a[i][j] := v} (array_set_element): a NULL or empty array becomes one holding just v at
   * those subscripts; a one-dimensional array grows (NULLs in between) to take any subscript; a
   * larger one only takes subscripts inside its bounds.
   */
  public static PgArray setElement(PgArray a, int[] index, Object v) {
    if (a == null || a.isEmpty()) {
      int[] ones = new int[index.length];
      Arrays.fill(ones, 1);
      return PgArray.of(ones, index.clone(), new Object[] {v});
    }
    if (index.length != a.ndims()) throw Errors.wrongNumberOfSubscripts();
    if (a.ndims() == 1) {
      int lb = Math.min(a.lbound(0), index[0]);
      int ub = Math.max(a.lbound(0) + a.dim(0) - 1, index[0]);
      Object[] items = new Object[ub - lb + 1];
      for (int i = 0; i < a.size(); i++) items[a.lbound(0) - lb + i] = a.get(i);
      items[index[0] - lb] = v;
      return PgArray.of(new int[] {items.length}, new int[] {lb}, items);
    }
    int offset = 0;
    for (int d = 0; d < index.length; d++) {
      int i = index[d] - a.lbound(d);
      if (i < 0 || i >= a.dim(d)) throw Errors.arraySubscriptOutOfRange();
      offset = offset * a.dim(d) + i;
    }
    Object[] items = a.items().toArray();
    items[offset] = v;
    return PgArray.of(a.dims(), a.lbounds(), items);
  }

  /**
   * {@code a[lo:hi] := src} (array_set_slice): the slice's elements, in row-major order, are the
   * first of src's; a one-dimensional array grows to take the slice, a NULL or empty one takes
   * it as its shape (both bounds needed then).
   */
  public static PgArray setSlice(PgArray a, Integer[] lo, Integer[] hi, PgArray src) {
    if (a == null || a.isEmpty()) {
      int n = lo.length;
      int[] dims = new int[n];
      int[] lbounds = new int[n];
      int count = 1;
      for (int d = 0; d < n; d++) {
        if (lo[d] == null || hi[d] == null) throw Errors.sliceNeedsBothBounds();
        if (hi[d] < lo[d]) throw Errors.sliceUpperBelowLower();
        dims[d] = hi[d] - lo[d] + 1;
        lbounds[d] = lo[d];
        count *= dims[d];
      }
      if (src == null || src.size() < count) throw Errors.sourceArrayTooSmall();
      return PgArray.of(dims, lbounds, src.items().subList(0, count).toArray());
    }
    if (lo.length > a.ndims()) throw Errors.wrongNumberOfSubscripts();
    int nd = a.ndims();
    int[] from = new int[nd];
    int[] to = new int[nd];
    for (int d = 0; d < nd; d++) {
      int lb = a.lbound(d);
      int ub = lb + a.dim(d) - 1;
      from[d] = d < lo.length && lo[d] != null ? lo[d] : lb;
      to[d] = d < hi.length && hi[d] != null ? hi[d] : ub;
      if (to[d] < from[d]) throw Errors.sliceUpperBelowLower();
    }
    PgArray base = a;
    if (nd == 1 && (from[0] < a.lbound(0) || to[0] > a.lbound(0) + a.dim(0) - 1)) {
      int lb = Math.min(a.lbound(0), from[0]);
      int ub = Math.max(a.lbound(0) + a.dim(0) - 1, to[0]);
      Object[] grown = new Object[ub - lb + 1];
      for (int i = 0; i < a.size(); i++) grown[a.lbound(0) - lb + i] = a.get(i);
      base = PgArray.of(new int[] {grown.length}, new int[] {lb}, grown);
    }
    int count = 1;
    for (int d = 0; d < nd; d++) {
      if (from[d] < base.lbound(d) || to[d] > base.lbound(d) + base.dim(d) - 1) throw Errors.arraySubscriptOutOfRange();
      count *= to[d] - from[d] + 1;
    }
    if (src == null || src.size() < count) throw Errors.sourceArrayTooSmall();
    Object[] items = base.items().toArray();
    int[] idx = new int[nd];
    for (int k = 0; k < count; k++) {
      int offset = 0;
      for (int d = 0; d < nd; d++) offset = offset * base.dim(d) + (from[d] - base.lbound(d) + idx[d]);
      items[offset] = src.get(k);
      for (int d = nd - 1; d >= 0; d--) {
        if (++idx[d] <= to[d] - from[d]) break;
        idx[d] = 0;
      }
    }
    return PgArray.of(base.dims(), base.lbounds(), items);
  }
}
