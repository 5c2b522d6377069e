package org.opendsql.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;

class PgTextTest {
  @Test
  void formatsLikePostgres() {
    assertEquals("t", PgText.format(PgType.BOOL, true));
    assertEquals("12.50", PgText.format(PgType.NUMERIC, new BigDecimal("12.50")));
    assertEquals("2024-03-01 10:00:00+00", PgText.format(PgType.TIMESTAMPTZ, Instant.parse("2024-03-01T10:00:00Z")));
    assertEquals("2024-03-01 10:00:00.123+00", PgText.format(PgType.TIMESTAMPTZ, Instant.parse("2024-03-01T10:00:00.123Z")));
    assertEquals("1.5", PgText.format(PgType.FLOAT8, 1.5));
    assertEquals("3", PgText.format(PgType.FLOAT8, 3.0));
    assertEquals("1e+20", PgText.format(PgType.FLOAT8, 1e20));
    assertEquals("\\x0aff", PgText.format(PgType.BYTEA, new byte[] {10, (byte) 255}));
  }

  @Test
  void parsesPostgresInput() {
    assertEquals(true, PgText.parse(PgType.BOOL, " yes "));
    assertEquals(42, PgText.parse(PgType.INT4, "42"));
    assertEquals(Instant.parse("2024-03-01T08:00:00Z"), PgText.parse(PgType.TIMESTAMPTZ, "2024-03-01 10:00:00+02"));
    assertEquals(Instant.parse("2024-03-01T00:00:00Z"), PgText.parse(PgType.TIMESTAMPTZ, "2024-03-01"));
    UUID u = UUID.randomUUID();
    assertEquals(u, PgText.parse(PgType.UUID, u.toString().toUpperCase()));
  }

  @Test
  void badInputHasPostgresSqlStates() {
    assertEquals("22P02", assertThrows(DbException.class, () -> PgText.parse(PgType.INT4, "x")).state().code());
    assertEquals("22003", assertThrows(DbException.class, () -> PgText.parse(PgType.INT4, "99999999999")).state().code());
    assertEquals("22P02", assertThrows(DbException.class, () -> PgText.parse(PgType.BOOL, "maybe")).state().code());
    assertEquals("22007", assertThrows(DbException.class, () -> PgText.parse(PgType.TIMESTAMPTZ, "yesterday-ish")).state().code());
    assertEquals("22P02", assertThrows(DbException.class, () -> PgText.parse(PgType.UUID, "1234")).state().code());
  }

  @Test
  void integersTakeASignAndAsciiDigitsBetweenSpacesAsPostgresDoes() {
    assertEquals(7, PgText.parse(PgType.INT4, " +7 "));
    assertEquals(0, PgText.parse(PgType.INT4, "-0"));
    assertEquals(Long.MIN_VALUE, PgText.parse(PgType.INT8, "-9223372036854775808"));
    assertEquals((short) -32768, PgText.parse(PgType.INT2, "-32768"));
    for (String bad : new String[] {"", " ", "+", "-", "1 2", "+-1", "1e3", "0x10", "\uff11\uff12", "\u0663"}) {
      assertEquals("22P02", assertThrows(DbException.class, () -> PgText.parse(PgType.INT4, bad)).state().code(),
          () -> "'" + bad + "'");
    }
    assertEquals("22003", assertThrows(DbException.class, () -> PgText.parse(PgType.INT8, "9223372036854775808"))
        .state().code());
    assertEquals("22003", assertThrows(DbException.class, () -> PgText.parse(PgType.INT2, "32768")).state().code());
  }
}
