package org.opendsql.core.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opendsql.core.codec.RowCodec;
import org.opendsql.core.types.PgType;

class PartialAggregatesTest {
  private static final int[] IDS = {1, 2, 3};
  private static final PgType[] TYPES = {PgType.INT4, PgType.INT8, PgType.TEXT};
  private static final List<AggSpec> SPECS = List.of(AggSpec.countRows(), new AggSpec(AggSpec.Kind.COUNT, 3, PgType.TEXT),
      new AggSpec(AggSpec.Kind.SUM, 1, PgType.INT4), new AggSpec(AggSpec.Kind.SUM, 2, PgType.INT8),
      new AggSpec(AggSpec.Kind.MIN, 3, PgType.TEXT), new AggSpec(AggSpec.Kind.MAX, 1, PgType.INT4));

  private static byte[] row(Integer a, Long b, String c) {
    return RowCodec.encode(IDS, TYPES, new Object[] {a, b, c});
  }

  @Test
  void partialsOfAnySplitCombineToTheWholeAnswer() {
    Random rnd = new Random(11);
    for (int round = 0; round < 50; round++) {
      List<byte[]> rows = new ArrayList<>();
      for (int i = 0; i < rnd.nextInt(60); i++) {
        rows.add(row(rnd.nextInt(5) == 0 ? null : rnd.nextInt(2000) - 1000,
            rnd.nextInt(5) == 0 ? null : rnd.nextLong() >> 8, rnd.nextInt(5) == 0 ? null : "s" + rnd.nextInt(100)));
      }
      PartialAggregates whole = new PartialAggregates(SPECS);
      for (byte[] r : rows) whole.add(r);
      int parts = 1 + rnd.nextInt(8);
      PartialAggregates total = new PartialAggregates(SPECS);
      for (int p = 0; p < parts; p++) {
        PartialAggregates part = new PartialAggregates(SPECS);
        for (int i = p; i < rows.size(); i += parts) part.add(rows.get(i));
        total.merge(part.encode());
      }
      assertArrayEquals(whole.values(), total.values());
    }
  }

  @Test
  void resultsHaveSqlsTypesAndNullsForNoInput() {
    PartialAggregates empty = new PartialAggregates(SPECS);
    Object[] none = empty.values();
    assertEquals(0L, none[0]);
    assertEquals(0L, none[1]);
    assertNull(none[2]);
    assertNull(none[3]);
    assertNull(none[4]);
    PartialAggregates some = new PartialAggregates(SPECS);
    some.add(row(3, Long.MAX_VALUE, "b"));
    some.add(row(-7, Long.MAX_VALUE, "a"));
    some.add(row(null, null, null));
    Object[] v = some.values();
    assertEquals(3L, v[0]);
    assertEquals(2L, v[1]);
    assertEquals(-4L, v[2]);
    assertEquals(BigDecimal.valueOf(Long.MAX_VALUE).multiply(BigDecimal.valueOf(2)), v[3], "sum(int8) is numeric");
    assertEquals("a", v[4]);
    assertEquals(3, v[5]);
  }

  @Test
  void onlyExactlyCombinableAggregatesAreAccepted() {
    assertThrows(IllegalArgumentException.class, () -> new AggSpec(AggSpec.Kind.SUM, 1, PgType.FLOAT8));
    assertThrows(IllegalArgumentException.class, () -> new AggSpec(AggSpec.Kind.MAX, 1, PgType.NUMERIC));
    assertEquals(PgType.NUMERIC, new AggSpec(AggSpec.Kind.SUM, 1, PgType.INT8).resultType());
    assertEquals(PgType.INT8, new AggSpec(AggSpec.Kind.SUM, 1, PgType.INT2).resultType());
  }
}
