package org.opendsql.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.opendsql.core.codec.RowCodec;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgType;

class RowFilterTest {
  private static final int[] IDS = {1, 2, 3, 4, 5};
  private static final PgType[] TYPES = {PgType.INT4, PgType.TEXT, PgType.NUMERIC, PgType.FLOAT8, PgType.INTERVAL};

  private static byte[] row(Object... values) {
    return RowCodec.encode(IDS, TYPES, values);
  }

  private static Predicate<byte[]> filter(ColumnCondition... tests) {
    return new RowFilter(List.of(tests)).compile();
  }

  @Test
  void comparisonsFollowSqlOrderOfEachType() {
    byte[] r = row(-5, "b\u00e9", new BigDecimal("1.50"), -0.0, new PgInterval(0, 1, 0));
    assertTrue(filter(ColumnCondition.compare(1, PgType.INT4, ColumnCondition.Op.LT, 3)).test(r));
    assertFalse(filter(ColumnCondition.compare(1, PgType.INT4, ColumnCondition.Op.GT, -5)).test(r));
    assertTrue(filter(ColumnCondition.compare(1, PgType.INT4, ColumnCondition.Op.GE, -5)).test(r));
    // C collation: 'é' (U+00E9) sorts after every ASCII letter.
    assertTrue(filter(ColumnCondition.compare(2, PgType.TEXT, ColumnCondition.Op.GT, "bz")).test(r));
    assertTrue(filter(ColumnCondition.compare(2, PgType.TEXT, ColumnCondition.Op.NE, "b")).test(r));
    assertTrue(filter(ColumnCondition.compare(3, PgType.NUMERIC, ColumnCondition.Op.EQ, new BigDecimal("1.5"))).test(r),
        "1.50 = 1.5");
    assertTrue(filter(ColumnCondition.compare(4, PgType.FLOAT8, ColumnCondition.Op.EQ, 0.0)).test(r), "-0 = 0");
    assertTrue(filter(ColumnCondition.compare(5, PgType.INTERVAL, ColumnCondition.Op.EQ, new PgInterval(0, 0, 86_400_000_000L)))
        .test(r), "'1 day' = '24 hours'");
  }

  @Test
  void nullColumnsPassOnlyIsNull() {
    byte[] r = row(1, null, null, null, null);
    assertFalse(filter(ColumnCondition.compare(2, PgType.TEXT, ColumnCondition.Op.NE, "x")).test(r));
    assertFalse(filter(ColumnCondition.in(2, PgType.TEXT, List.of("x"))).test(r));
    assertTrue(filter(ColumnCondition.isNull(2, PgType.TEXT, false)).test(r));
    assertFalse(filter(ColumnCondition.isNull(2, PgType.TEXT, true)).test(r));
    assertTrue(filter(ColumnCondition.isNull(1, PgType.INT4, true)).test(r));
  }

  @Test
  void aColumnMissingFromAnOlderRowReadsAsNull() {
    byte[] old = RowCodec.encode(new int[] {1}, new PgType[] {PgType.INT4}, new Object[] {7});
    assertTrue(filter(ColumnCondition.isNull(9, PgType.TEXT, false), ColumnCondition.compare(1, PgType.INT4, ColumnCondition.Op.EQ, 7))
        .test(old));
  }

  @Test
  void conjunctionNeedsEveryTest() {
    byte[] r = row(4, "a", null, 1.0, null);
    assertTrue(filter(ColumnCondition.compare(1, PgType.INT4, ColumnCondition.Op.GT, 3),
        ColumnCondition.compare(1, PgType.INT4, ColumnCondition.Op.LT, 5)).test(r));
    assertFalse(filter(ColumnCondition.compare(1, PgType.INT4, ColumnCondition.Op.GT, 3),
        ColumnCondition.compare(2, PgType.TEXT, ColumnCondition.Op.EQ, "b")).test(r));
    assertTrue(new RowFilter(List.of()).compile().test(r));
  }

  @Test
  void inListMatchesExactlyItsMembers() {
    Random rnd = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Object> members = new ArrayList<>();
      for (int i = 0; i < 1 + rnd.nextInt(20); i++) members.add(rnd.nextInt(50) - 25);
      Predicate<byte[]> f = filter(ColumnCondition.in(1, PgType.INT4, members));
      for (int v = -30; v <= 30; v++) {
        assertEquals(members.contains(v), f.test(row(v, null, null, null, null)), members + " contains " + v);
      }
    }
  }

  @Test
  void timestampsCompareAsInstants() {
    int[] ids = {1};
    PgType[] types = {PgType.TIMESTAMPTZ};
    byte[] r = RowCodec.encode(ids, types, new Object[] {Instant.parse("2024-01-02T03:04:05Z")});
    assertTrue(new RowFilter(List.of(ColumnCondition.compare(1, PgType.TIMESTAMPTZ, ColumnCondition.Op.LT,
        Instant.parse("2024-01-02T03:04:06Z")))).compile().test(r));
    assertFalse(new RowFilter(List.of(ColumnCondition.compare(1, PgType.TIMESTAMPTZ, ColumnCondition.Op.LT,
        Instant.parse("2024-01-02T03:04:05Z")))).compile().test(r));
  }

  @Test
  void projectionKeepsOnlyTheNamedColumns() {
    byte[] r = row(1, "x", new BigDecimal("2.5"), 3.0, null);
    Object[] back = RowCodec.decode(RowCodec.project(r, new int[] {2, 4}), new int[] {-1, 0, 1, 2, 3, 4},
        new PgType[] {PgType.INT4, PgType.TEXT, PgType.NUMERIC, PgType.FLOAT8, PgType.INTERVAL});
    assertEquals(Arrays.asList(null, "x", null, 3.0, null), Arrays.asList(back));
  }
}
