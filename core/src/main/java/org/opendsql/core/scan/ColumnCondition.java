package org.opendsql.core.scan;

import java.util.Arrays;
import java.util.List;
import org.opendsql.core.codec.ByteSink;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.types.PgType;

/**
 * One condition of a pushed-down filter on the column with id {@code columnId} (of {@code type}):
 * compared with {@code operands}, each a value of that type in {@link KeyCodec} encoding (with its
 * NOT_NULL tag), sorted ascending for {@link Op#IN}. A NULL column passes only {@link Op#IS_NULL}.
 */
public record ColumnCondition(int columnId, PgType type, Op op, List<byte[]> operands) {
  public enum Op { EQ, NE, LT, LE, GT, GE, IN, IS_NULL, IS_NOT_NULL }

  public ColumnCondition {
    operands = List.copyOf(operands);
    int want = switch (op) {
      case IS_NULL, IS_NOT_NULL -> 0;
      case IN -> -1;
      default -> 1;
    };
    if (want >= 0 && operands.size() != want) throw new IllegalArgumentException(op + " takes " + want + " operands");
  }

  /** A comparison of the column with one value of its type. */
  public static ColumnCondition compare(int columnId, PgType type, Op op, Object value) {
    return new ColumnCondition(columnId, type, op, List.of(encode(type, value)));
  }

  /** The column equals one of {@code values} (non-null values of its type). */
  public static ColumnCondition in(int columnId, PgType type, List<Object> values) {
    byte[][] keys = new byte[values.size()][];
    for (int i = 0; i < keys.length; i++) keys[i] = encode(type, values.get(i));
    Arrays.sort(keys, Arrays::compareUnsigned);
    return new ColumnCondition(columnId, type, Op.IN, Arrays.asList(keys));
  }

  public static ColumnCondition isNull(int columnId, PgType type, boolean not) {
    return new ColumnCondition(columnId, type, not ? Op.IS_NOT_NULL : Op.IS_NULL, List.of());
  }

  /** Whether a column of this type can be tested in storage: it has a key encoding. */
  public static boolean testable(PgType type) {
    return !type.isArray() && switch (type) {
      case BOOL, INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC, TEXT, VARCHAR, NAME, BPCHAR, BYTEA, UUID, DATE,
          TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> true;
      default -> false;
    };
  }

  static byte[] encode(PgType type, Object value) {
    if (value == null) throw new IllegalArgumentException("a tested value is never null");
    ByteSink out = new ByteSink(16);
    KeyCodec.writeValue(out, type, value);
    return out.toByteArray();
  }

  /** Whether {@code encoded} (the column's value in key encoding; null for NULL) passes. */
  boolean passes(byte[] encoded) {
    if (op == Op.IS_NULL) return encoded == null;
    if (encoded == null) return false;
    if (op == Op.IS_NOT_NULL) return true;
    if (op == Op.IN) {
      int lo = 0;
      int hi = operands.size() - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = Arrays.compareUnsigned(operands.get(mid), encoded);
        if (c == 0) return true;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    }
    int c = Arrays.compareUnsigned(encoded, operands.get(0));
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalStateException(op.toString());
    };
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ColumnCondition t) || t.columnId != columnId || t.type != type || t.op != op
        || t.operands.size() != operands.size()) return false;
    for (int i = 0; i < operands.size(); i++) if (!Arrays.equals(operands.get(i), t.operands.get(i))) return false;
    return true;
  }

  @Override
  public int hashCode() {
    int h = (columnId * 31 + type.hashCode()) * 31 + op.hashCode();
    for (byte[] b : operands) h = h * 31 + Arrays.hashCode(b);
    return h;
  }

  @Override
  public String toString() {
    return "column " + columnId + " " + op + " (" + operands.size() + " operands)";
  }
}
