package org.opendsql.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;

class RowCodecTest {
  private static final PgType[] TYPES = {PgType.INT4, PgType.TEXT, PgType.NUMERIC, PgType.BOOL, PgType.TIMESTAMPTZ,
      PgType.UUID, PgType.FLOAT8, PgType.DATE, PgType.INT2, PgType.INT8, PgType.TIMESTAMP, PgType.FLOAT4, PgType.BYTEA};
  private static final int[] IDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};

  /** Column ids 1..n in slots 0..n-1. */
  private static int[] slots() {
    int[] s = new int[TYPES.length + 1];
    s[0] = -1;
    for (int i = 1; i < s.length; i++) s[i] = i - 1;
    return s;
  }

  @Test
  void everyTypeRoundTripsWithNullsAbsent() {
    Object[] row = {42, "héllo", new BigDecimal("12.340"), true, Instant.parse("2024-05-06T07:08:09.5Z"),
        UUID.randomUUID(), 1.25, LocalDate.of(2020, 2, 29), (short) 7, -9L,
        LocalDateTime.of(2001, 1, 1, 0, 0), 0.5f, new byte[] {1, 2}};
    Object[] back = RowCodec.decode(RowCodec.encode(IDS, TYPES, row), slots(), TYPES);
    for (int i = 0; i < row.length - 1; i++) assertEquals(row[i], back[i], TYPES[i].name());
    assertArrayEquals((byte[]) row[12], (byte[]) back[12]);

    Object[] nulls = new Object[TYPES.length];
    nulls[0] = 1;
    byte[] enc = RowCodec.encode(IDS, TYPES, nulls);
    Object[] nb = RowCodec.decode(enc, slots(), TYPES);
    assertEquals(1, nb[0]);
    for (int i = 1; i < nb.length; i++) assertNull(nb[i]);
  }

  @Test
  void rowsWrittenBeforeAnAddedColumnReadItAsNullAndUnknownIdsAreSkipped() {
    byte[] old = RowCodec.encode(new int[] {1, 2}, new PgType[] {PgType.INT4, PgType.TEXT}, new Object[] {5, "x"});
    int[] slots = {-1, 0, -1, 1};
    PgType[] now = {PgType.INT4, PgType.BOOL};
    Object[] row = RowCodec.decode(old, slots, now);
    assertEquals(5, row[0]);
    assertNull(row[1]);
  }
}
