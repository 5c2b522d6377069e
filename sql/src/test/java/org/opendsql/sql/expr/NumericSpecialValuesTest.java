package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** numeric NaN and the infinities, and numeric products' scale, as PostgreSQL 15 answers (psql -At). */
class NumericSpecialValuesTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void nanAndInfinitiesAreReadPrintedOrderedAndCast() {
    pg.assertAnswer("SELECT 'NaN'::numeric, 'Infinity'::numeric, '-inf'::numeric, '  nan  '::numeric, '+INF'::numeric", "NaN|Infinity|-Infinity|NaN|Infinity");
    pg.assertAnswer("SELECT 'NaN'::numeric::int",
        "0A000: cannot convert NaN to integer");
    pg.assertAnswer("SELECT '-inf'::numeric::bigint",
        "0A000: cannot convert infinity to bigint");
    pg.assertAnswer("SELECT 'NaN'::numeric::float8, 'inf'::numeric::float4, 'NaN'::float8::numeric, '-inf'::float8::numeric", "NaN|Infinity|NaN|-Infinity");
    pg.assertAnswer("SELECT 'Infinity'::numeric(5,2)",
        "22003: numeric field overflow");
    pg.assertAnswer("SELECT 'NaN'::numeric(5,2), -('inf'::numeric)", "NaN|-Infinity");
    pg.assertAnswer("SELECT x FROM (VALUES ('inf'::numeric), ('nan'), ('-inf'), (1), (-1e100)) v(x) ORDER BY x", "-Infinity\n-10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n1\nInfinity\nNaN");
    pg.assertAnswer("SELECT 'NaN'::numeric = 'nan', 'NaN'::numeric > 'inf'::numeric, 'inf'::numeric > 1e300", "t|t|t");
  }

  @Test
  void arithmeticAndFunctionsFollowNumericC() {
    pg.assertAnswer("SELECT 'NaN'::numeric + 1, 'Infinity'::numeric + 1, 'Infinity'::numeric - 'Infinity'::numeric, 'inf'::numeric * 0, '-inf'::numeric * -2, 1 / 'inf'::numeric", "NaN|Infinity|NaN|NaN|Infinity|0");
    pg.assertAnswer("SELECT 'inf'::numeric / 'inf'::numeric, 'NaN'::numeric / 0, 5.5 % '-inf'::numeric, 'inf'::numeric % 5", "NaN|NaN|5.5|NaN");
    pg.assertAnswer("SELECT 'inf'::numeric / 0",
        "22012: division by zero");
    pg.assertAnswer("SELECT abs('-inf'::numeric), ceil('inf'::numeric), floor('nan'::numeric), round('inf'::numeric, 2), sign('-inf'::numeric), sign('nan'::numeric)", "Infinity|Infinity|NaN|Infinity|-1|NaN");
    pg.assertAnswer("SELECT sqrt('inf'::numeric), exp('-inf'::numeric), ln('inf'::numeric), log(10, 'inf'::numeric), scale('inf'::numeric), trim_scale('nan'::numeric)", "Infinity|0|Infinity|Infinity||NaN");
    pg.assertAnswer("SELECT power('inf'::numeric, 0), power('nan'::numeric, 0), power(1::numeric, 'nan'), power(0.5::numeric, '-inf'), power('-inf'::numeric, 3), power(-1::numeric, 'inf')", "1|1|1|Infinity|-Infinity|1");
    pg.assertAnswer("SELECT sqrt('-inf'::numeric)",
        "2201F: cannot take square root of a negative number");
    pg.assertAnswer("SELECT power(0::numeric, '-inf')",
        "2201F: zero raised to a negative power is undefined");
    pg.assertAnswer("SELECT width_bucket('inf'::numeric, 0, 10, 5), width_bucket('-inf'::numeric, 10, 0, 5), mod('inf'::numeric, 3), div('-inf'::numeric, 3), gcd('nan'::numeric, 3)", "6|6|NaN|-Infinity|NaN");
    pg.assertAnswer("SELECT width_bucket('nan'::numeric, 0, 10, 5)",
        "2201G: operand, lower bound, and upper bound cannot be NaN");
    pg.assertAnswer("SELECT sum(x), avg(x), min(x), max(x), stddev(x) FROM (VALUES (1::numeric), ('inf')) v(x)", "Infinity|Infinity|1|Infinity|NaN");
  }

  @Test
  void aggregatesCountTheSpecialsBeforeSumming() {
    pg.assertAnswer("SELECT sum(x), avg(x), var_pop(x) FROM (VALUES (1::numeric), ('inf'), ('-inf')) v(x)", "NaN|NaN|NaN");
    pg.assertAnswer("SELECT sum(x), avg(x), var_samp(x) FROM (VALUES ('inf'::numeric), (NULL)) v(x)", "Infinity|Infinity|");
  }

  @Test
  void specialsAreStoredAndKeyedInOrder() {
    pg.client().run("CREATE TABLE t (id int PRIMARY KEY, n numeric)");
    pg.client().run("INSERT INTO t VALUES (1, 'NaN'), (2, 'Infinity'), (3, '-Infinity'), (4, 1.5), (5, NULL)");
    pg.assertAnswer("SELECT id, n FROM t WHERE n > 1 ORDER BY n DESC", "1|NaN\n2|Infinity\n4|1.5");
    pg.client().run("CREATE TABLE k (n numeric PRIMARY KEY)");
    pg.client().run("INSERT INTO k VALUES ('NaN'), ('Infinity'), ('-Infinity'), (0), (-5.5), (12)");
    pg.assertAnswer("SELECT n FROM k WHERE n >= 12 ORDER BY n", "12\nInfinity\nNaN");
    pg.assertAnswer("SELECT n FROM k WHERE n = 'Infinity'", "Infinity");
    pg.assertAnswer("SELECT 1.5e300 * 1.5e-300 = 2.25, scale(1.5e300 * 1.5e-300), 2.50 * 1.5, 0.1 * 0.1, 1e3 * 1", "t|301|3.750|0.01|1000");
  }

  @Test
  void productsKeepTheSumOfTheScalesAndFloatsConvertWithTheirDigits() {
    pg.assertAnswer("SELECT (0.1::float8 + 0.2)::numeric, 1e10::float8::numeric, 123456789.123456789::float8::numeric, (1::float4 / 3::float4)::numeric", "0.3|10000000000|123456789.123457|0.333333");
  }
}
