package org.opendsql.core.types;

/**
 * The numeric values that are not numbers: NaN and the two infinities, which PostgreSQL 15's
 * numeric has besides its finite values (a {@link java.math.BigDecimal}). NaN sorts above
 * Infinity, which sorts above every finite value; NaN equals itself.
 */
public final class NumericSpecial extends Number {
  private static final long serialVersionUID = 1L;

  public static final NumericSpecial NAN = new NumericSpecial("NaN", Double.NaN);
  public static final NumericSpecial POSITIVE_INFINITY = new NumericSpecial("Infinity", Double.POSITIVE_INFINITY);
  public static final NumericSpecial NEGATIVE_INFINITY = new NumericSpecial("-Infinity", Double.NEGATIVE_INFINITY);

  private final String text;
  private final double value;

  private NumericSpecial(String text, double value) {
    this.text = text;
    this.value = value;
  }

  /** The special a double NaN or infinity stands for, or null for a finite double. */
  public static NumericSpecial of(double d) {
    if (Double.isNaN(d)) return NAN;
    if (d == Double.POSITIVE_INFINITY) return POSITIVE_INFINITY;
    if (d == Double.NEGATIVE_INFINITY) return NEGATIVE_INFINITY;
    return null;
  }

  /** numeric_in's words for them, case-insensitive, surrounding spaces ignored; null for anything else. */
  public static NumericSpecial parse(String s) {
    switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "nan":
        return NAN;
      case "infinity": case "+infinity": case "inf": case "+inf":
        return POSITIVE_INFINITY;
      case "-infinity": case "-inf":
        return NEGATIVE_INFINITY;
      default:
        return null;
    }
  }

  public boolean isNaN() {
    return this == NAN;
  }

  /** -1, 1 for the infinities; 0 for NaN, which has no sign. */
  public int signum() {
    return this == POSITIVE_INFINITY ? 1 : this == NEGATIVE_INFINITY ? -1 : 0;
  }

  public NumericSpecial negate() {
    return this == POSITIVE_INFINITY ? NEGATIVE_INFINITY : this == NEGATIVE_INFINITY ? POSITIVE_INFINITY : NAN;
  }

  /** Rank among all numerics: -1 below every finite value, 1 above, 2 for NaN above that. */
  public int rank() {
    return this == NAN ? 2 : signum();
  }

  @Override public int intValue() { return (int) value; }
  @Override public long longValue() { return (long) value; }
  @Override public float floatValue() { return (float) value; }
  @Override public double doubleValue() { return value; }
  @Override public String toString() { return text; }

  private Object readResolve() {
    return text.equals("NaN") ? NAN : text.equals("Infinity") ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
  }
}
