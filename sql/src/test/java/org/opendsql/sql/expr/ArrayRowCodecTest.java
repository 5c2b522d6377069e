package org.opendsql.sql.expr;

import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.codec.RowCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.TableDef;

/** Arrays (any shape, NULL elements) and numeric NaN/Infinity survive a row's encoding. */
class ArrayRowCodecTest {
  private static final TableDef T = new TableDef(7, "t", List.of(
      new ColumnDef(1, "id", PgType.INT4, -1, true, null, false),
      new ColumnDef(2, "a", PgType.INT4_ARRAY, -1, false, null, false),
      new ColumnDef(3, "t", PgType.TEXT_ARRAY, -1, false, null, false),
      new ColumnDef(4, "n", PgType.NUMERIC_ARRAY, -1, false, null, false),
      new ColumnDef(5, "x", PgType.NUMERIC, -1, false, null, false)), new int[] {0}, false);

  private static Object[] roundTrip(Object... row) {
    return T.decodeRow(T.encodeRow(row));
  }

  @Test
  void arraysOfEveryShapeRoundTrip() {
    PgArray grid = PgArray.of(new int[] {2, 2}, new int[] {0, 1}, new Object[] {1, null, 3, 4});
    PgArray words = PgArray.of(Arrays.asList("a", null, "", "é"));
    PgArray nums = PgArray.of(List.of(new BigDecimal("1.50"), NumericSpecial.NAN, NumericSpecial.NEGATIVE_INFINITY));
    Object[] back = roundTrip(1, grid, words, nums, NumericSpecial.POSITIVE_INFINITY);
    assertEquals(grid, back[1]);
    assertEquals(words, back[2]);
    assertEquals(nums, back[3]);
    assertEquals(NumericSpecial.POSITIVE_INFINITY, back[4]);
  }

  @Test
  void emptyArraysStayEmptyAndDistinctFromNull() {
    Object[] back = roundTrip(2, PgArray.empty(), null, PgArray.of(List.of(BigDecimal.ZERO)), NumericSpecial.NAN);
    assertEquals(PgArray.empty(), back[1]);
    assertEquals(null, back[2]);
    assertEquals(NumericSpecial.NAN, back[4]);
  }
}
