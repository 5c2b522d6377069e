package org.opendsql.core.types;

/**
 * A value of an OID alias type (regclass, regtype, ...): the OID, which it compares and converts
 * by, and the name it prints as, resolved when the value was made (the catalog is not at hand
 * where values are printed).
 */
public final class RegValue extends Number implements Comparable<RegValue> {
  private static final long serialVersionUID = 1L;

  private final long oid;
  private final String text;

  public RegValue(long oid, String text) {
    this.oid = oid;
    this.text = text;
  }

  public long oid() { return oid; }

  @Override public int intValue() { return (int) oid; }
  @Override public long longValue() { return oid; }
  @Override public float floatValue() { return oid; }
  @Override public double doubleValue() { return oid; }

  @Override
  public int compareTo(RegValue o) {
    return Long.compare(oid, o.oid);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegValue r && r.oid == oid;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(oid);
  }

  /** The name, as PostgreSQL's regclassout and friends print it. */
  @Override
  public String toString() {
    return text;
  }
}
