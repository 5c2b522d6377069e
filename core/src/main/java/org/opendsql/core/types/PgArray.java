package org.opendsql.core.types;

import java.util.Arrays;
import java.util.List;

/**
 * An array value: its dimensions, each dimension's lower bound (1 unless written otherwise), and
 * its elements in row-major order, {@code null} for a NULL element. An empty array has no
 * dimensions. Immutable; the element values are those of the array type's element type.
 */
public final class PgArray {
  private static final int[] NONE = new int[0];
  private static final PgArray EMPTY = new PgArray(NONE, NONE, new Object[0]);

  private final int[] dims;
  private final int[] lbounds;
  private final Object[] items;

  private PgArray(int[] dims, int[] lbounds, Object[] items) {
    this.dims = dims;
    this.lbounds = lbounds;
    this.items = items;
  }

  public static PgArray empty() {
    return EMPTY;
  }

  /** A one-dimensional array from lower bound 1 (empty when {@code items} is). */
  public static PgArray of(List<?> items) {
    if (items.isEmpty()) return EMPTY;
    return new PgArray(new int[] {items.size()}, new int[] {1}, items.toArray());
  }

  /** An array of the given shape; {@code items} holds the product of {@code dims} elements. */
  public static PgArray of(int[] dims, int[] lbounds, Object[] items) {
    if (items.length == 0) return EMPTY;
    long n = 1;
    for (int d : dims) n *= d;
    if (n != items.length || dims.length != lbounds.length) {
      throw new IllegalArgumentException("array shape does not match its " + items.length + " elements");
    }
    return new PgArray(dims.clone(), lbounds.clone(), items.clone());
  }

  public int ndims() {
    return dims.length;
  }

  public int dim(int i) {
    return dims[i];
  }

  public int lbound(int i) {
    return lbounds[i];
  }

  public int[] dims() {
    return dims.clone();
  }

  public int[] lbounds() {
    return lbounds.clone();
  }

  /** The number of elements (the product of the dimensions). */
  public int size() {
    return items.length;
  }

  public boolean isEmpty() {
    return items.length == 0;
  }

  /** The element at row-major position {@code i} (0-based). */
  public Object get(int i) {
    return items[i];
  }

  public List<Object> items() {
    return Arrays.asList(items.clone());
  }

  /** Whether every lower bound is 1, as for arrays built by ARRAY[...] and most functions. */
  public boolean defaultBounds() {
    for (int lb : lbounds) if (lb != 1) return false;
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PgArray a && Arrays.equals(dims, a.dims) && Arrays.equals(lbounds, a.lbounds)
        && Arrays.deepEquals(items, a.items);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dims) + Arrays.deepHashCode(items);
  }

  @Override
  public String toString() {
    return "PgArray" + Arrays.toString(dims) + Arrays.deepToString(items);
  }
}
