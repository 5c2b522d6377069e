package org.opendsql.sql.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;

/** Expected texts are PostgreSQL 15's answers for the same expressions. */
class DateTimeArithTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static PgInterval iv(String s) {
    return (PgInterval) PgText.parse(PgType.INTERVAL, s);
  }

  private static Instant tz(String s) {
    return (Instant) PgText.parse(PgType.TIMESTAMPTZ, s);
  }

  private static String shown(Instant i) {
    return PgText.format(PgType.TIMESTAMPTZ, i, PARIS);
  }

  @Test
  void aDayAcrossTheSpringChangeIsTwentyThreeHoursButStillADay() {
    Instant before = tz("2024-03-30 12:00+00");
    assertEquals("2024-03-31 13:00:00+02", shown(DateTimeArith.plus(before, iv("1 day"), PARIS)));
    assertEquals("2024-03-31 14:00:00+02", shown(DateTimeArith.plus(before, iv("24 hours"), PARIS)));
  }

  @Test
  void monthsClampToTheEndOfTheMonth() {
    LocalDateTime jan31 = LocalDateTime.of(2024, 1, 31, 10, 0);
    assertEquals("2024-02-29 10:00:00", PgText.format(PgType.TIMESTAMP, DateTimeArith.plus(jan31, iv("1 mon"))));
    assertEquals("2024-03-01 10:00:00", PgText.format(PgType.TIMESTAMP, DateTimeArith.plus(jan31, iv("1 mon 1 day"))));
  }

  @Test
  void multiplicationCascadesMonthAndDayFractionsDown() {
    assertEquals("1 mon 15 days", DateTimeArith.multiply(iv("1 mon"), 1.5).toString());
    assertEquals("9 days 23:58:33.6", DateTimeArith.multiply(iv("1 mon"), 0.3333).toString());
    assertEquals("1 mon 21 days 10:17:08.5344", DateTimeArith.divide(iv("1 year"), 7).toString());
  }

  @Test
  void justifyMovesWholeDaysAndMonthsUpKeepingOneSign() {
    assertEquals("1 mon 5 days", DateTimeArith.justifyDays(iv("35 days")).toString());
    assertEquals("1 day 03:00:00", DateTimeArith.justifyHours(iv("27 hours")).toString());
    assertEquals("29 days 23:00:00", DateTimeArith.justifyInterval(iv("1 mon -1 hour")).toString());
  }

  @Test
  void ageBorrowsTheEarlierMonthsLength() {
    assertEquals("1 mon 1 day 21:30:00", DateTimeArith.age(LocalDateTime.of(2024, 3, 31, 10, 0),
        LocalDateTime.of(2024, 2, 29, 12, 30)).toString());
    assertEquals("-24 years -2 mons -14 days", DateTimeArith.age(LocalDateTime.of(2000, 1, 1, 0, 0),
        LocalDateTime.of(2024, 3, 15, 0, 0)).toString());
  }

  @Test
  void timeOfDayArithmeticWrapsAtMidnight() {
    assertEquals("00:30:00", PgText.format(PgType.TIME,
        DateTimeArith.plus(java.time.LocalTime.of(23, 30), iv("1 hour"))));
    assertEquals("23:30:00", PgText.format(PgType.TIME,
        DateTimeArith.minus(java.time.LocalTime.of(0, 30), iv("1 hour"))));
  }
}
