package org.opendsql.sql.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.core.types.PgInterval;

class SetReturningTest {
  private static List<Object> all(java.util.Iterator<Object> it) {
    List<Object> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void timestampSeriesAddsEachMonthToTheValueBeforeAsPostgresqlDoes() {
    List<Object> months = all(SetReturning.timeSeries(LocalDateTime.parse("2024-01-31T00:00"),
        LocalDateTime.parse("2024-05-01T00:00"), new PgInterval(1, 0, 0), ZoneId.of("UTC")));
    assertEquals(List.of(LocalDateTime.parse("2024-01-31T00:00"), LocalDateTime.parse("2024-02-29T00:00"),
        LocalDateTime.parse("2024-03-29T00:00"), LocalDateTime.parse("2024-04-29T00:00")), months);
  }

  @Test
  void timestamptzSeriesAddsDaysOnTheSessionZonesCalendar() {
    List<Object> days = all(SetReturning.timeSeries(Instant.parse("2024-03-30T11:00:00Z"), Instant.parse("2024-04-01T11:00:00Z"),
        new PgInterval(0, 1, 0), ZoneId.of("Europe/Paris")));
    assertEquals(List.of(Instant.parse("2024-03-30T11:00:00Z"), Instant.parse("2024-03-31T10:00:00Z"),
        Instant.parse("2024-04-01T10:00:00Z")), days);
  }

  @Test
  void zeroStepIsInvalidParameterValue() {
    DbException e = org.junit.jupiter.api.Assertions.assertThrows(DbException.class, () -> SetReturning.timeSeries(
        LocalDateTime.parse("2024-01-01T00:00"), LocalDateTime.parse("2024-01-02T00:00"), PgInterval.ZERO, ZoneId.of("UTC")));
    assertEquals("22023", e.state().code());
  }
}
