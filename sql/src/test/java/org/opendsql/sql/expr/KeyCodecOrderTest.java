package org.opendsql.sql.expr;

import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.codec.Bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.Values;

class KeyCodecOrderTest {
  private final Random rnd = new Random(42);

  private byte[] key(PgType t, Object v) {
    List<Object> vals = new ArrayList<>();
    vals.add(v);
    return KeyCodec.key(1000, 1, List.of(t), vals);
  }

  /** For random pairs, unsigned byte order of the keys must equal SQL order (nulls last). */
  private void assertOrderPreserved(PgType t, Supplier<Object> gen) {
    for (int i = 0; i < 3000; i++) {
      Object a = rnd.nextInt(20) == 0 ? null : gen.get();
      Object b = rnd.nextInt(20) == 0 ? null : gen.get();
      int sql = a == null ? (b == null ? 0 : 1) : b == null ? -1 : Values.compare(a, b);
      int bytes = Arrays.compareUnsigned(key(t, a), key(t, b));
      assertEquals(Integer.signum(sql), Integer.signum(bytes), t + ": " + a + " vs " + b);
      if (a != null) {
        Object back = KeyCodec.decode(key(t, a), List.of(t))[0];
        assertEquals(0, Values.compare(a, back), t + " round trip of " + a);
      }
    }
  }

  private String randomText() {
    int n = rnd.nextInt(6);
    StringBuilder sb = new StringBuilder();
    String alphabet = "\u0000\u0001ab\u00ffz\u00e9\u4e2d";
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(10) == 0) sb.appendCodePoint(0x1F600);
      else sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private BigDecimal randomNumeric() {
    long unscaled = switch (rnd.nextInt(4)) {
      case 0 -> rnd.nextInt(21) - 10;
      case 1 -> rnd.nextInt();
      default -> rnd.nextLong();
    };
    return BigDecimal.valueOf(unscaled, rnd.nextInt(30) - 10);
  }

  @Test
  void integerKeysSortLikeIntegers() {
    assertOrderPreserved(PgType.INT2, () -> (short) rnd.nextInt());
    assertOrderPreserved(PgType.INT4, () -> rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(5) - 2);
    assertOrderPreserved(PgType.INT8, () -> rnd.nextBoolean() ? rnd.nextLong() : (long) rnd.nextInt(5) - 2);
  }

  @Test
  void textKeysSortInCodePointOrderIncludingZeroBytes() {
    assertOrderPreserved(PgType.TEXT, this::randomText);
    assertOrderPreserved(PgType.VARCHAR, this::randomText);
  }

  @Test
  void numericKeysSortNumericallyAndEqualValuesShareOneKey() {
    assertOrderPreserved(PgType.NUMERIC, this::randomNumeric);
    assertArrayEquals(key(PgType.NUMERIC, new BigDecimal("1.0")), key(PgType.NUMERIC, new BigDecimal("1.000")));
    assertArrayEquals(key(PgType.NUMERIC, new BigDecimal("0.00")), key(PgType.NUMERIC, BigDecimal.ZERO));
  }

  @Test
  void otherTypesSortLikeSql() {
    assertOrderPreserved(PgType.BOOL, rnd::nextBoolean);
    assertOrderPreserved(PgType.UUID, () -> new UUID(rnd.nextLong(), rnd.nextLong()));
    assertOrderPreserved(PgType.TIMESTAMPTZ, () -> Instant.ofEpochSecond(rnd.nextInt() * 10L, rnd.nextInt(1000) * 1000L));
    assertOrderPreserved(PgType.DATE, () -> LocalDate.ofEpochDay(rnd.nextInt(200_000) - 100_000));
    assertOrderPreserved(PgType.FLOAT8, () -> switch (rnd.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> Double.NEGATIVE_INFINITY;
      case 2 -> -0.0;
      default -> rnd.nextGaussian() * 1e6;
    });
  }

  /**
   * A random array: empty, one-dimensional or two-dimensional, lower bounds from -2 to 2, about a
   * fifth of the elements NULL, drawn from few values so that equal prefixes are common.
   */
  private org.opendsql.core.types.PgArray randomArray(Supplier<Object> element) {
    int shape = rnd.nextInt(6);
    if (shape == 0) return org.opendsql.core.types.PgArray.empty();
    int[] dims = shape == 1 ? new int[] {1 + rnd.nextInt(2), 1 + rnd.nextInt(3)} : new int[] {1 + rnd.nextInt(4)};
    int[] lbounds = new int[dims.length];
    for (int d = 0; d < dims.length; d++) lbounds[d] = rnd.nextInt(4) == 0 ? rnd.nextInt(5) - 2 : 1;
    int n = 1;
    for (int d : dims) n *= d;
    Object[] items = new Object[n];
    for (int i = 0; i < n; i++) items[i] = rnd.nextInt(5) == 0 ? null : element.get();
    return org.opendsql.core.types.PgArray.of(dims, lbounds, items);
  }

  @Test
  void arrayKeysSortAsArrayCmpElementsThenLengthThenShape() {
    assertOrderPreserved(PgType.INT4_ARRAY, () -> randomArray(() -> rnd.nextInt(4) - 1));
    assertOrderPreserved(PgType.TEXT_ARRAY, () -> randomArray(this::randomText));
    assertOrderPreserved(PgType.NUMERIC_ARRAY, () -> randomArray(() -> BigDecimal.valueOf(rnd.nextInt(3), rnd.nextInt(3))));
    assertOrderPreserved(PgType.FLOAT8_ARRAY, () -> randomArray(() -> rnd.nextInt(6) == 0 ? Double.NaN : (double) (rnd.nextInt(3) - 1)));
  }

  @Test
  void equalArraysShareOneKeyAndShapeTellsEqualElementsApart() {
    org.opendsql.core.types.PgArray a = org.opendsql.core.types.PgArray.of(List.of(new BigDecimal("1.0"), new BigDecimal("2")));
    org.opendsql.core.types.PgArray b = org.opendsql.core.types.PgArray.of(List.of(new BigDecimal("1.00"), new BigDecimal("2.0")));
    assertArrayEquals(key(PgType.NUMERIC_ARRAY, a), key(PgType.NUMERIC_ARRAY, b));
    org.opendsql.core.types.PgArray flat = org.opendsql.core.types.PgArray.of(new int[] {4}, new int[] {1}, new Object[] {1, 2, 3, 4});
    org.opendsql.core.types.PgArray square = org.opendsql.core.types.PgArray.of(new int[] {2, 2}, new int[] {1, 1}, new Object[] {1, 2, 3, 4});
    org.opendsql.core.types.PgArray shifted = org.opendsql.core.types.PgArray.of(new int[] {4}, new int[] {0}, new Object[] {1, 2, 3, 4});
    assertTrue(Arrays.compareUnsigned(key(PgType.INT4_ARRAY, flat), key(PgType.INT4_ARRAY, square)) < 0);
    assertTrue(Arrays.compareUnsigned(key(PgType.INT4_ARRAY, shifted), key(PgType.INT4_ARRAY, flat)) < 0);
  }

  @Test
  void noArrayKeyIsAProperPrefixOfAnother() {
    List<PgType> types = List.of(PgType.TEXT_ARRAY, PgType.INT4_ARRAY);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      keys.add(KeyCodec.key(1000, 1, types, Arrays.asList(randomArray(this::randomText),
          rnd.nextBoolean() ? null : randomArray(() -> rnd.nextInt(3)))));
    }
    for (byte[] a : keys) {
      for (byte[] b : keys) {
        if (a.length < b.length) assertFalse(Bytes.startsWith(b, a), Bytes.hex(a) + " prefixes " + Bytes.hex(b));
      }
    }
  }

  @Test
  void compositeKeysSortColumnByColumn() {
    List<PgType> types = List.of(PgType.TEXT, PgType.INT4);
    for (int i = 0; i < 3000; i++) {
      List<Object> a = Arrays.asList(randomText(), rnd.nextInt(5));
      List<Object> b = Arrays.asList(randomText(), rnd.nextInt(5));
      int c = Values.compare(a.get(0), b.get(0));
      if (c == 0) c = Values.compare(a.get(1), b.get(1));
      int bytes = Arrays.compareUnsigned(KeyCodec.key(7, 1, types, a), KeyCodec.key(7, 1, types, b));
      assertEquals(Integer.signum(c), Integer.signum(bytes), a + " vs " + b);
    }
  }

  @Test
  void noEncodedKeyIsAProperPrefixOfAnother() {
    List<PgType> types = List.of(PgType.TEXT, PgType.NUMERIC, PgType.BYTEA);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      byte[] raw = new byte[rnd.nextInt(4)];
      rnd.nextBytes(raw);
      if (raw.length > 0 && rnd.nextBoolean()) raw[0] = 0;
      keys.add(KeyCodec.key(1000, 1, types, Arrays.asList(randomText(), rnd.nextBoolean() ? null : randomNumeric(), raw)));
    }
    for (byte[] a : keys) {
      for (byte[] b : keys) {
        if (a.length < b.length) assertFalse(Bytes.startsWith(b, a), Bytes.hex(a) + " prefixes " + Bytes.hex(b));
      }
    }
  }

  @Test
  void compositeKeyRoundTripsEveryType() {
    List<PgType> types = List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.TEXT, PgType.BOOL, PgType.UUID,
        PgType.NUMERIC, PgType.TIMESTAMPTZ, PgType.DATE, PgType.FLOAT8, PgType.BYTEA);
    UUID u = UUID.randomUUID();
    Instant ts = Instant.parse("2024-01-02T03:04:05.123456Z");
    List<Object> vals = Arrays.asList((short) -3, Integer.MIN_VALUE, Long.MAX_VALUE, "a\u0000b", true, u,
        new BigDecimal("-123.4500"), ts, LocalDate.of(1999, 12, 31), -2.5, new byte[] {0, (byte) 0xff});
    Object[] back = KeyCodec.decode(KeyCodec.key(5, 1, types, vals), types);
    for (int i = 0; i < vals.size() - 1; i++) assertEquals(0, Values.compare(vals.get(i), back[i]), types.get(i).name());
    assertArrayEquals((byte[]) vals.get(10), (byte[]) back[10]);
  }

  @Test
  void tableAndIndexPrefixesSeparateTablesAndOrderByTableId() {
    byte[] small = KeyCodec.prefix(255, 1);
    byte[] big = KeyCodec.prefix(256, 1);
    assertTrue(Arrays.compareUnsigned(small, big) < 0);
    byte[] row = KeyCodec.key(255, 1, List.of(PgType.INT4), List.of(1));
    assertTrue(Bytes.startsWith(row, small));
    assertFalse(Bytes.startsWith(row, big));
    assertTrue(Arrays.compareUnsigned(row, Bytes.prefixEnd(small)) < 0);
  }
}
