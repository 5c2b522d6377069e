package org.opendsql.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;

/** Expected texts are PostgreSQL 15's answers (DateStyle ISO, MDY; IntervalStyle postgres). */
class DateTimeTextTest {
  private static String roundTrip(PgType t, String in) {
    return PgText.format(t, PgText.parse(t, in));
  }

  private static String roundTrip(PgType t, String in, String zone) {
    ZoneId z = ZoneId.of(zone);
    return PgText.format(t, PgText.parse(t, in, z), z);
  }

  private static String state(PgType t, String in) {
    return assertThrows(DbException.class, () -> PgText.parse(t, in)).state().code();
  }

  @Test
  void intervalsReadEveryPostgresForm() {
    assertEquals("1 day 02:00:00", roundTrip(PgType.INTERVAL, "1 day 02:00"));
    assertEquals("02:00:00", roundTrip(PgType.INTERVAL, "2 hours"));
    assertEquals("1 day 02:00:00", roundTrip(PgType.INTERVAL, "P1DT2H"));
    assertEquals("1 day", roundTrip(PgType.INTERVAL, "@ 1 day"));
    assertEquals("-1 mons +2 days", roundTrip(PgType.INTERVAL, "-1 mon +2 days"));
    assertEquals("1 year 2 mons", roundTrip(PgType.INTERVAL, "1-2"));
    assertEquals("1 day 02:03:04", roundTrip(PgType.INTERVAL, "1 2:03:04"));
    assertEquals("1 mon 15 days", roundTrip(PgType.INTERVAL, "1.5 months"));
    assertEquals("-1 days -02:00:00", roundTrip(PgType.INTERVAL, "1 day 2 hours ago"));
    assertEquals("1 year 2 mons 3 days 04:05:06", roundTrip(PgType.INTERVAL, "P0001-02-03T04:05:06"));
    assertEquals("00:00:10.5", roundTrip(PgType.INTERVAL, "10.5"));
    assertEquals("36:00:00", roundTrip(PgType.INTERVAL, "36 hours"));
  }

  @Test
  void intervalsPrintLikeIntervalStylePostgres() {
    assertEquals("00:00:00", new PgInterval(0, 0, 0).toString());
    assertEquals("-00:00:01", new PgInterval(0, 0, -1_000_000).toString());
    assertEquals("00:00:00.5", new PgInterval(0, 0, 500_000).toString());
    assertEquals("1 year 2 mons", new PgInterval(14, 0, 0).toString());
    assertEquals("-1 years -2 mons +3 days -00:00:00.000001", new PgInterval(-14, 3, -1).toString());
  }

  @Test
  void intervalsCompareByThirtyDayMonthsAndDayLongDays() {
    PgInterval day = (PgInterval) PgText.parse(PgType.INTERVAL, "1 day");
    PgInterval hours = (PgInterval) PgText.parse(PgType.INTERVAL, "24 hours");
    assertEquals(day, hours);
    assertEquals(day.hashCode(), hours.hashCode());
    assertEquals(PgText.parse(PgType.INTERVAL, "1 mon"), PgText.parse(PgType.INTERVAL, "30 days"));
    assertTrue(((PgInterval) PgText.parse(PgType.INTERVAL, "1 mon")).compareTo(
        (PgInterval) PgText.parse(PgType.INTERVAL, "29 days 23:59:59")) > 0);
    assertNotEquals(PgText.parse(PgType.INTERVAL, "1 day"), PgText.parse(PgType.INTERVAL, "25 hours"));
  }

  @Test
  void intervalTypmodKeepsItsFieldsAndPrecision() {
    int hourToMinute = IntervalFields.typmod(IntervalFields.HOUR_TO_MINUTE, IntervalFields.FULL_PRECISION);
    assertEquals("1 day 02:03:00",
        PgText.format(PgType.INTERVAL, PgText.parse(PgType.INTERVAL, "1 day 02:03:04", ZoneId.of("UTC"), hourToMinute)));
    int day = IntervalFields.typmod(IntervalFields.DAY, IntervalFields.FULL_PRECISION);
    assertEquals("1 day", PgText.format(PgType.INTERVAL, PgText.parse(PgType.INTERVAL, "1", ZoneId.of("UTC"), day)));
    int p2 = IntervalFields.typmod(IntervalFields.FULL_RANGE, 2);
    assertEquals("00:00:01.24",
        PgText.format(PgType.INTERVAL, PgText.parse(PgType.INTERVAL, "1.235 s", ZoneId.of("UTC"), p2)));
  }

  @Test
  void badIntervalsHavePostgresSqlStates() {
    assertEquals("22007", state(PgType.INTERVAL, "soon"));
    assertEquals("22007", state(PgType.INTERVAL, "infinity"));
    assertEquals("22007", state(PgType.INTERVAL, "1 hour 10:00"));
    assertEquals("22015", state(PgType.INTERVAL, "2147483648 days"));
  }

  @Test
  void datesReadIsoUsAndTextMonthForms() {
    assertEquals("2024-01-15", roundTrip(PgType.DATE, "20240115"));
    assertEquals("2024-01-15", roundTrip(PgType.DATE, "01/15/2024"));
    assertEquals("2024-01-02", roundTrip(PgType.DATE, "1/2/2024"));
    assertEquals("2024-01-15", roundTrip(PgType.DATE, "January 15, 2024"));
    assertEquals("2024-01-15", roundTrip(PgType.DATE, "15-Jan-2024"));
    assertEquals("1999-01-02", roundTrip(PgType.DATE, "01/02/99"));
    assertEquals("22008", state(PgType.DATE, "99-01-01"));
    assertEquals("0044-03-15 BC", roundTrip(PgType.DATE, "0044-03-15 BC"));
    assertEquals("10000-01-01", roundTrip(PgType.DATE, "10000-01-01"));
    assertEquals("2024-01-15", roundTrip(PgType.DATE, "2024-01-15 10:00:00+05"));
  }

  @Test
  void infinityAndEpochAreSpecialValues() {
    assertEquals(LocalDate.MAX, PgText.parse(PgType.DATE, "infinity"));
    assertEquals("-infinity", roundTrip(PgType.DATE, "-infinity"));
    assertEquals("1970-01-01 00:00:00", roundTrip(PgType.TIMESTAMP, "epoch"));
    assertEquals(Instant.MAX, PgText.parse(PgType.TIMESTAMPTZ, "infinity"));
    assertEquals(LocalDateTime.MIN, PgText.parse(PgType.TIMESTAMP, "-infinity"));
  }

  @Test
  void outOfRangeFieldsAre22008AndBadSyntax22007() {
    assertEquals("22008", state(PgType.DATE, "2024-02-30"));
    assertEquals("22008", state(PgType.DATE, "2023-02-29"));
    assertEquals("22008", state(PgType.TIMESTAMP, "2024-13-01 00:00:00"));
    assertEquals("22008", state(PgType.TIMESTAMP, "2024-01-01 25:00:00"));
    assertEquals("22008", state(PgType.TIME, "24:00:01"));
    assertEquals("22008", state(PgType.DATE, "4714-11-23 BC"));
    assertEquals("22007", state(PgType.DATE, "soon"));
    assertEquals("22007", state(PgType.TIME, "10"));
    assertEquals("22009", state(PgType.TIMESTAMPTZ, "2024-01-01 10:00:00+16"));
    assertEquals("22023", state(PgType.TIMESTAMPTZ, "2024-01-01 10:00 Mars/Olympus"));
  }

  @Test
  void timestampsRollSecondSixtyAndHourTwentyFourOver() {
    assertEquals("2024-01-16 00:00:00", roundTrip(PgType.TIMESTAMP, "2024-01-15 24:00:00"));
    assertEquals("2024-01-16 00:00:00", roundTrip(PgType.TIMESTAMP, "2024-01-15 23:59:60"));
    assertEquals("2024-01-15 10:30:01", roundTrip(PgType.TIMESTAMP, "2024-01-15 10:30:00.9999999"));
    assertEquals("2024-01-01 22:00:00", roundTrip(PgType.TIMESTAMP, "2024-01-01 10:00 pm"));
    assertEquals("2024-01-01 10:30:00", roundTrip(PgType.TIMESTAMP, "20240101T103000"));
  }

  @Test
  void timestamptzResolvesZonesAsPostgresDoes() {
    assertEquals("2024-01-01 18:00:00+00", roundTrip(PgType.TIMESTAMPTZ, "2024-01-01 10:00:00 PST", "UTC"));
    assertEquals("2024-01-01 15:00:00+00", roundTrip(PgType.TIMESTAMPTZ, "2024-01-01 10:00:00 America/New_York", "UTC"));
    // A fall-back overlap takes standard time, a spring-forward gap the offset before it.
    assertEquals("2024-10-27 01:30:00+00", roundTrip(PgType.TIMESTAMPTZ, "2024-10-27 02:30 Europe/Paris", "UTC"));
    assertEquals("2024-03-31 01:30:00+00", roundTrip(PgType.TIMESTAMPTZ, "2024-03-31 02:30 Europe/Paris", "UTC"));
    assertEquals("2024-07-01 12:00:00+02", roundTrip(PgType.TIMESTAMPTZ, "2024-07-01 12:00", "Europe/Paris"));
  }

  @Test
  void timesOfDayIncludeTwentyFourHundred() {
    assertEquals(LocalTime.MAX, PgText.parse(PgType.TIME, "24:00:00"));
    assertEquals("24:00:00", roundTrip(PgType.TIME, "24:00:00"));
    assertEquals("10:30:00", roundTrip(PgType.TIME, "1030"));
    assertEquals("22:30:00", roundTrip(PgType.TIME, "10:30 pm"));
    assertEquals("10:30:00", roundTrip(PgType.TIME, "2024-01-01 10:30:00+05"));
    assertEquals("10:30:00+02", roundTrip(PgType.TIMETZ, "10:30:00+02"));
    assertEquals("10:30:00+05:30", roundTrip(PgType.TIMETZ, "10:30", "Asia/Kolkata"));
  }
}
