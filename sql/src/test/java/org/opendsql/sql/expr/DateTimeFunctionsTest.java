package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** Date/time arithmetic and functions as PostgreSQL 15 answers them with TimeZone UTC. */
class DateTimeFunctionsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void dateArithmeticWithIntegersAndDates() {
    pg.assertSelect("date '2024-02-28' + 1, 1 + date '2024-02-28', date '2024-03-01' - date '2024-02-28', "
        + "date '2024-03-01' - 1, pg_typeof(date '2024-03-01' - date '2024-02-28'), pg_typeof(date '2024-02-28' + 1)",
        "2024-02-29|2024-02-29|2|2024-02-29|integer|date");
    pg.assertSelect("date '2024-03-05' + 1.5", "42883: operator does not exist: date + numeric");
    pg.assertSelect("date '2024-03-05' < timestamp '2024-03-05 00:00:01', date '2024-03-05' = timestamp '2024-03-05'", "t|t");
  }

  @Test
  void extractIsNumericAndDatePartIsDouble() {
    pg.assertSelect("extract(year from timestamp '2024-03-05 10:20:30.5'), extract(month from date '2024-03-05'), "
        + "extract(second from timestamp '2024-03-05 10:20:30.5'), "
        + "extract(epoch from timestamptz '2024-03-05 10:20:30.5+00'), extract(dow from date '2024-03-05'), "
        + "extract(doy from date '2024-03-05'), extract(quarter from date '2024-03-05'), "
        + "extract(week from date '2024-03-05'), extract(isodow from date '2024-03-10'), "
        + "extract(century from date '2024-03-05'), extract(milliseconds from timestamp '2024-03-05 10:20:30.5'), "
        + "extract(microseconds from timestamp '2024-03-05 10:20:30.5'), pg_typeof(extract(year from date '2024-03-05'))",
        "2024|3|30.500000|1709634030.500000|2|65|1|10|7|21|30500.000|30500000|numeric");
    pg.assertSelect("date_part('year', timestamp '2024-03-05 10:20:30.5'), date_part('second', timestamp '2024-03-05 10:20:30.5'), "
        + "pg_typeof(date_part('year', date '2024-01-01')), date_part('epoch', date '2024-01-01'), "
        + "extract(epoch from date '2024-01-01'), extract(epoch from timestamp '2024-03-05 10:20:30.5'), "
        + "extract(day from date '2024-03-05'), extract(minute from timestamp '2024-03-05 10:20:30'), "
        + "extract(second from timestamp '2024-03-05 10:20:30'), extract(julian from date '2024-03-05'), "
        + "extract(decade from date '2024-03-05'), extract(millennium from date '2024-03-05'), "
        + "extract(isoyear from date '2024-01-01'), extract(timezone from timestamptz '2024-01-01 00:00+00')",
        "2024|30.5|double precision|1704067200|1704067200|1709634030.500000|5|20|30.000000|2460375|202|3|2024|0");
    pg.assertSelect("extract(hour from date '2024-03-05')", "0A000: unit \"hour\" not supported for type date");
    pg.assertSelect("extract(foo from date '2024-03-05')", "22023: unit \"foo\" not recognized for type date");
  }

  @Test
  void dateTruncKeepsTheTypeAndDatesBecomeTimestamptz() {
    pg.assertSelect("date_trunc('month', timestamp '2024-03-05 10:20:30.5'), "
        + "date_trunc('day', timestamptz '2024-03-05 10:20:30.5+00'), date_trunc('hour', timestamp '2024-03-05 10:20:30.5'), "
        + "date_trunc('year', date '2024-03-05'), pg_typeof(date_trunc('year', date '2024-03-05')), "
        + "date_trunc('week', timestamp '2024-03-07 10:00'), date_trunc('quarter', timestamp '2024-05-07'), "
        + "date_trunc('second', timestamp '2024-03-05 10:20:30.5'), "
        + "date_trunc('milliseconds', timestamp '2024-03-05 10:20:30.123456')",
        "2024-03-01 00:00:00|2024-03-05 00:00:00+00|2024-03-05 10:00:00|2024-01-01 00:00:00+00"
            + "|timestamp with time zone|2024-03-04 00:00:00|2024-04-01 00:00:00|2024-03-05 10:20:30"
            + "|2024-03-05 10:20:30.123");
    pg.assertSelect("date_trunc('foo', timestamp '2024-03-05')",
        "22023: unit \"foo\" not recognized for type timestamp without time zone");
  }

  @Test
  void makeDateAndSessionClock() {
    pg.assertSelect("make_date(2024, 2, 29)", "2024-02-29");
    pg.assertSelect("make_date(2023, 2, 29)", "22008: date field value out of range: 2023-02-29");
    pg.assertSelect("now() = current_timestamp, current_date = now()::date, pg_typeof(current_date), pg_typeof(localtimestamp)",
        "t|t|date|timestamp without time zone");
  }

  @Test
  void toCharFormatsTimestamps() {
    pg.assertSelect("to_char(timestamp '2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.MS'), "
        + "to_char(timestamp '2024-03-05 14:07:09', 'Mon DD, YYYY HH12:MI AM'), "
        + "to_char(date '2024-03-05', 'FMMonth FMDD Day Dy'), "
        + "to_char(date '2024-03-05', 'Month|Day|DD|D|DDD|WW|IW|Q|YY|yyyy|mon|MONTH'), "
        + "to_char(timestamp '2024-03-05 00:07:09', 'HH HH12 pm US FF3 TZ'), "
        + "to_char(timestamptz '2024-03-05 14:07:09+00', 'YYYY-MM-DD\"T\"HH24:MI:SSOF')",
        "2024-03-05 14:07:09.123|Mar 05, 2024 02:07 PM|March 5 Tuesday   Tue"
            + "|March    |Tuesday  |05|3|065|10|10|1|24|2024|mar|MARCH    |12 12 am 000000 000 |2024-03-05T14:07:09+00");
  }

  @Test
  void toCharFormatsNumbers() {
    pg.assertSelect("to_char(1234.5, '9999.99'), to_char(1234.5, 'FM9999.99'), to_char(0.5, '0.99'), to_char(-12.3, '999.9'), "
        + "to_char(1234567.891, '9,999,999.99'), to_char(12, '0009'), to_char(3.14159, 'FM9990.00'), "
        + "to_char(123, '99'), to_char(-5, 'S999'), to_char(5, '999PR'), to_char(1234.5::float8, '99999.9'), "
        + "to_char(42, 'FM999'), to_char(0, 'FM9990.00'), to_char(1e10::numeric, '9999')",
        " 1234.50|1234.5| 0.50| -12.3| 1,234,567.89| 0012|3.14| ##|  -5|   5 |  1234.5|42|0.00| ####");
  }

  @Test
  void toDateAndToTimestampParseByFormat() {
    pg.assertSelect("to_date('2024-03-05', 'YYYY-MM-DD'), to_date('05 Mar 2024', 'DD Mon YYYY'), "
        + "to_timestamp('2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS'), to_timestamp(0), to_timestamp(1709634030.5), "
        + "pg_typeof(to_timestamp(0))", "2024-03-05|2024-03-05|2024-03-05 14:07:09+00|1970-01-01 00:00:00+00"
            + "|2024-03-05 10:20:30.5+00|timestamp with time zone");
    pg.assertSelect("to_date('2024-13-05', 'YYYY-MM-DD')", "22008: date/time field value out of range: \"2024-13-05\"");
  }
}
