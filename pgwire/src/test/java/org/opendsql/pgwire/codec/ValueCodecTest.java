package org.opendsql.pgwire.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;

class ValueCodecTest {
  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "1", "-1", "9999", "10000", "123456789.987654321",
      "-0.0001", "0.000012", "1E+20", "12345678901234567890.000120", "100.5000"})
  void numericBinaryRoundTripsPreservingScale(String s) {
    BigDecimal v = new BigDecimal(s);
    BigDecimal back = (BigDecimal) ValueCodec.decodeBinary(PgType.NUMERIC,
        ValueCodec.encodeBinary(PgType.NUMERIC, v));
    assertEquals(v.setScale(Math.max(v.scale(), 0)), back);
  }

  @Test
  void numericBinaryMatchesPostgresLayout() {
    // 12345.678 -> digits [1, 2345, 6780], weight 1, dscale 3 (as numeric_send produces).
    ByteBuffer b = ByteBuffer.wrap(ValueCodec.encodeBinary(PgType.NUMERIC,
        new BigDecimal("12345.678")));
    assertEquals(3, b.getShort());
    assertEquals(1, b.getShort());
    assertEquals(0, b.getShort());
    assertEquals(3, b.getShort());
    assertEquals(1, b.getShort());
    assertEquals(2345, b.getShort());
    assertEquals(6780, b.getShort());
  }

  @Test
  void timestampsAndDatesCountFromTheYear2000() {
    Instant i = Instant.parse("2000-01-01T00:00:01.000001Z");
    assertEquals(1_000_001L,
        ByteBuffer.wrap(ValueCodec.encodeBinary(PgType.TIMESTAMPTZ, i)).getLong());
    Instant before = Instant.parse("1999-12-31T23:59:59.5Z");
    assertEquals(before, ValueCodec.decodeBinary(PgType.TIMESTAMPTZ,
        ValueCodec.encodeBinary(PgType.TIMESTAMPTZ, before)));
    LocalDateTime ldt = LocalDateTime.of(2030, 5, 6, 7, 8, 9, 10_000);
    assertEquals(ldt, ValueCodec.decodeBinary(PgType.TIMESTAMP,
        ValueCodec.encodeBinary(PgType.TIMESTAMP, ldt)));
    assertEquals(-1, ByteBuffer.wrap(ValueCodec.encodeBinary(PgType.DATE,
        LocalDate.of(1999, 12, 31))).getInt());
  }

  @Test
  void fixedWidthTypesRoundTrip() {
    Object[][] cases = {
        {PgType.INT2, (short) -3}, {PgType.INT4, Integer.MIN_VALUE}, {PgType.INT8, Long.MAX_VALUE},
        {PgType.FLOAT4, 1.25f}, {PgType.FLOAT8, -0.1}, {PgType.BOOL, true},
        {PgType.UUID, UUID.randomUUID()}, {PgType.TEXT, "ünïcode"}};
    for (Object[] c : cases) {
      PgType t = (PgType) c[0];
      assertEquals(c[1], ValueCodec.decodeBinary(t, ValueCodec.encodeBinary(t, c[1])), t.name());
    }
  }

  @Test
  void arraysAndNumericSpecialsAreSentAsArraySendAndNumericSendWriteThem() {
    // Bytes as PostgreSQL 15's array_send(ARRAY[1,NULL]::int[]) and numeric_send give them.
    assertEquals("00000001000000010000001700000002000000010000000400000001ffffffff",
        HexFormat.of().formatHex(ValueCodec.encodeBinary(PgType.INT4_ARRAY, PgArray.of(Arrays.asList(1, null)))));
    assertEquals("000000000000000000000017", HexFormat.of().formatHex(ValueCodec.encodeBinary(PgType.INT4_ARRAY, PgArray.empty())));
    assertEquals("00000001000000000000001900000001000000000000000178", HexFormat.of().formatHex(ValueCodec.encodeBinary(
        PgType.TEXT_ARRAY, PgArray.of(new int[] {1}, new int[] {0}, new Object[] {"x"}))));
    assertEquals("00000000c0000000", HexFormat.of().formatHex(ValueCodec.encodeBinary(PgType.NUMERIC, NumericSpecial.NAN)));
    assertEquals("00000000f0000020",
        HexFormat.of().formatHex(ValueCodec.encodeBinary(PgType.NUMERIC, NumericSpecial.NEGATIVE_INFINITY)));
    PgArray grid = PgArray.of(new int[] {2, 1}, new int[] {1, 3}, new Object[] {new BigDecimal("1.5"), NumericSpecial.NAN});
    assertEquals(grid, ValueCodec.decodeBinary(PgType.NUMERIC_ARRAY, ValueCodec.encodeBinary(PgType.NUMERIC_ARRAY, grid)));
    assertEquals(NumericSpecial.POSITIVE_INFINITY,
        ValueCodec.decodeBinary(PgType.NUMERIC, HexFormat.of().parseHex("00000000d0000020")));
  }

  @Test
  void arrayOfAnotherElementTypeIsRejected() {
    byte[] int8Array = ValueCodec.encodeBinary(PgType.INT8_ARRAY, PgArray.of(List.of(1L)));
    DbException e = assertThrows(DbException.class, () -> ValueCodec.decodeBinary(PgType.INT4_ARRAY, int8Array));
    assertEquals("42804", e.state().code());
  }

  @Test
  void wrongBinaryLengthIsRejected() {
    DbException e = assertThrows(DbException.class,
        () -> ValueCodec.decodeBinary(PgType.INT4, new byte[] {1, 2}));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.state());
  }

  @Test
  void unknownTypedTextParameterStaysAString() {
    assertEquals("42", ValueCodec.decode(PgType.UNKNOWN, "42".getBytes(), ValueCodec.TEXT));
    assertEquals(42, ValueCodec.decode(PgType.INT4, "42".getBytes(), ValueCodec.TEXT));
  }

  @Test
  void errorResponseCarriesSeverityCodeMessageDetailAndHint() {
    Buffer out = BackendEncoder.errorResponse(Buffer.buffer(),
        Errors.columnTypeMismatch("id", "integer", "text").withDetail("key (id)=(1)"));
    assertEquals('E', out.getByte(0));
    assertEquals(out.length() - 1, out.getInt(1));
    String fields = out.getString(5, out.length());
    assertEquals("SERROR\0VERROR\0C42804\0Mcolumn \"id\" is of type integer but expression is of type text\0"
        + "Dkey (id)=(1)\0HYou will need to rewrite or cast the expression.\0\0", fields);
  }

  @Test
  void dataRowEncodesNullsTextAndBinaryPerColumn() {
    List<ColumnDesc> cols = List.of(ColumnDesc.computed("a", PgType.INT4),
        ColumnDesc.computed("b", PgType.INT4), ColumnDesc.computed("c", PgType.BOOL));
    Buffer out = BackendEncoder.dataRow(Buffer.buffer(), cols, new Object[] {7, 7, null},
        new short[] {0, 1, 0});
    assertEquals('D', out.getByte(0));
    assertEquals(3, out.getShort(5));
    assertEquals(1, out.getInt(7));
    assertEquals('7', out.getByte(11));
    assertEquals(4, out.getInt(12));
    assertEquals(7, out.getInt(16));
    assertEquals(-1, out.getInt(20));
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  @Test
  void dateTimeBinaryMatchesPostgresSendFunctions() {
    // Expected bytes are PostgreSQL 15's interval_send, time_send, timetz_send, date_send, timestamp_send.
    Object iv = org.opendsql.core.types.PgText.parse(PgType.INTERVAL, "1 mon 2 days 00:00:03");
    assertEquals("00000000002dc6c00000000200000001", hex(ValueCodec.encodeBinary(PgType.INTERVAL, iv)));
    assertEquals("00000008cd0e3a00", hex(ValueCodec.encodeBinary(PgType.TIME, java.time.LocalTime.of(10, 30))));
    assertEquals("00000008cd0e3a00ffffe3e0", hex(ValueCodec.encodeBinary(PgType.TIMETZ,
        java.time.OffsetTime.of(10, 30, 0, 0, java.time.ZoneOffset.ofHours(2)))));
    assertEquals("7fffffff", hex(ValueCodec.encodeBinary(PgType.DATE, LocalDate.MAX)));
    assertEquals("00000001", hex(ValueCodec.encodeBinary(PgType.DATE, LocalDate.of(2000, 1, 2))));
    assertEquals("8000000000000000", hex(ValueCodec.encodeBinary(PgType.TIMESTAMP, LocalDateTime.MIN)));
    assertEquals("00000000000f4240", hex(ValueCodec.encodeBinary(PgType.TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0, 1))));
  }

  @Test
  void dateTimeBinaryRoundTripsIncludingInfinity() {
    for (Object[] c : new Object[][] {{PgType.INTERVAL, new org.opendsql.core.types.PgInterval(-14, 3, -1)},
        {PgType.TIME, java.time.LocalTime.MAX}, {PgType.TIMESTAMPTZ, Instant.MAX}, {PgType.TIMESTAMPTZ, Instant.MIN},
        {PgType.DATE, LocalDate.MIN}, {PgType.TIMESTAMP, LocalDateTime.of(1969, 7, 20, 20, 17, 40)},
        {PgType.TIMETZ, java.time.OffsetTime.of(23, 0, 0, 0, java.time.ZoneOffset.ofHoursMinutes(-5, -30))}}) {
      PgType t = (PgType) c[0];
      assertEquals(c[1], ValueCodec.decodeBinary(t, ValueCodec.encodeBinary(t, c[1])), t.name());
    }
  }

  @Test
  void aRecordIsSentAsRecordOutTextOrRecordSendBinary() {
    org.opendsql.core.types.RecordValue r = new org.opendsql.core.types.RecordValue(
        java.util.Arrays.asList(7, null, "a b"), List.of(PgType.INT4, PgType.TEXT, PgType.TEXT));
    assertEquals("(7,,\"a b\")", new String(ValueCodec.encode(PgType.RECORD, r, ValueCodec.TEXT),
        java.nio.charset.StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.wrap(ValueCodec.encodeBinary(PgType.RECORD, r));
    assertEquals(3, b.getInt());
    assertEquals(PgType.INT4.oid(), b.getInt());
    assertEquals(4, b.getInt());
    assertEquals(7, b.getInt());
    assertEquals(PgType.TEXT.oid(), b.getInt());
    assertEquals(-1, b.getInt());
    assertEquals(PgType.TEXT.oid(), b.getInt());
    assertEquals(3, b.getInt());
    assertEquals('a', b.get());
  }
}
