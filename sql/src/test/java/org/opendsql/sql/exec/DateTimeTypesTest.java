package org.opendsql.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * interval, time and char(n) columns and the date/time operators, each answer as PostgreSQL 15
 * gave it (psql -At, TimeZone UTC) for the same statements on the same rows.
 */
class DateTimeTypesTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE ev (id int PRIMARY KEY, at timestamptz, d date, starts time, span interval, "
        + "code char(3))");
    pg.client().run("INSERT INTO ev VALUES (1, '2024-03-30 12:00+00', '2024-01-31', '09:00', '1 day', 'ab'), "
        + "(2, '2024-10-26 12:00+00', '2024-02-29', '23:45', '2 hours 30 minutes', 'abc'), "
        + "(3, NULL, NULL, NULL, NULL, NULL), (4, '2024-01-31 08:00+00', '2023-12-31', '00:00', '1 mon 2 days', 'a')");
  }

  @Test
  void intervalColumnsAddToDatesAndTimesAndScale() {
    pg.assertAnswer("SELECT id, d + span, starts + span, span * 2, -span FROM ev ORDER BY id",
        "1|2024-02-01 00:00:00|09:00:00|2 days|-1 days\n"
        + "2|2024-02-29 02:30:00|02:15:00|05:00:00|-02:30:00\n"
        + "3||||\n"
        + "4|2024-02-02 00:00:00|00:00:00|2 mons 4 days|-1 mons -2 days");
  }

  @Test
  void intervalAggregatesSumFieldsAndAverageByDivision() {
    pg.assertAnswer("SELECT sum(span), avg(span), max(span), min(starts) FROM ev",
        "1 mon 3 days 02:30:00|11 days 00:50:00|1 mon 2 days|00:00:00");
  }

  @Test
  void charColumnsArePaddedButCompareWithoutPadding() {
    pg.assertAnswer("SELECT id, code || '|', length(code), octet_length(code) FROM ev ORDER BY id",
        "1|ab||2|3\n2|abc||3|3\n3|||\n4|a||1|3");
    pg.assertAnswer("SELECT id FROM ev WHERE code = 'ab' ORDER BY id", "1");
  }

  @Test
  void timestampDifferencesAgeAndJustifyFollowPostgres() {
    pg.assertSelect("TIMESTAMP '2024-03-01 00:00' - TIMESTAMP '2024-02-28 12:00', age(TIMESTAMP '2024-03-15', "
        + "TIMESTAMP '2000-01-01'), justify_interval(INTERVAL '1 mon -1 hour')",
        "1 day 12:00:00|24 years 2 mons 14 days|29 days 23:00:00");
  }

  @Test
  void intervalFunctionsAndFractionalMultiplication() {
    pg.assertSelect("extract(epoch from INTERVAL '1 mon 1 day'), date_part('hour', INTERVAL '36 hours'), "
        + "date_trunc('hour', INTERVAL '1 day 02:03:04'), make_interval(days => 10, hours => 5)",
        "2678400.000000|36|1 day 02:00:00|10 days 05:00:00");
    pg.assertSelect("INTERVAL '1 mon' * 0.3333, INTERVAL '1 year' / 7, INTERVAL '1 day' = INTERVAL '24 hours', "
        + "INTERVAL '1 day 02:03:04' HOUR TO MINUTE",
        "9 days 23:58:33.6|1 mon 21 days 10:17:08.5344|t|1 day 02:03:00");
  }

  @Test
  void badDateTimeInputHasPostgresSqlStates() {
    pg.assertAnswer("SELECT '2024-02-30'::date", "22008: date/time field value out of range: \"2024-02-30\"");
    pg.assertAnswer("SELECT '2024-01-01 25:00:00'::timestamp", "22008: date/time field value out of range: \"2024-01-01 25:00:00\"");
    pg.assertAnswer("SELECT 'soon'::interval", "22007: invalid input syntax for type interval: \"soon\"");
    pg.assertAnswer("SELECT DATE '2024-01-01' + '1 day'", "42725: operator is not unique: date + unknown");
  }

  @Test
  void aColumnNamedDayIsAColumnNotADateUnit() {
    pg.assertAnswer("WITH RECURSIVE days(day) AS (SELECT DATE '2024-01-01' UNION ALL SELECT day + 1 FROM days "
        + "WHERE day < DATE '2024-01-03') SELECT day FROM days ORDER BY day",
        "2024-01-01\n2024-01-02\n2024-01-03");
  }
}
