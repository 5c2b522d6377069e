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
}
