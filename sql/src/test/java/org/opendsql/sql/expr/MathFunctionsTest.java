package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** Math functions: overloads, result types, numeric result scales and errors as PostgreSQL 15 gives them. */
class MathFunctionsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void roundingFunctionsPickPostgresOverloadsAndRules() {
    pg.assertSelect("round(5), pg_typeof(round(5)), round(2.5), round(-2.5), round(2.5::float8), round(3.5::float8), "
        + "round(1.2345, 2), round(1234.5, -2), round(2.5::real), pg_typeof(round(2.5::real))",
        "5|double precision|3|-3|2|4|1.23|1200|2|double precision");
    pg.assertSelect("trunc(-2.7), trunc(2.789, 1), trunc(5), pg_typeof(trunc(5)), ceil(1.2), ceiling(-1.2), floor(-1.5), "
        + "floor(5), pg_typeof(floor(5)), ceil(1.5::float8)", "-2|2.7|5|double precision|2|-1|-2|5|double precision|2");
  }

  @Test
  void modDivSignAbsKeepTheirArgumentTypes() {
    pg.assertSelect("mod(7,3), mod(-7,3), mod(7.5, 2), pg_typeof(mod(7::int2, 3::int2)), mod(7, 2.5), 7 % 3, -7.5 % 2",
        "1|-1|1.5|smallint|2.0|1|-1.5");
    pg.assertSelect("sign(-3), sign(-3.5), sign(0::float8), pg_typeof(sign(-3)), abs(-5::int2), pg_typeof(abs(-5::int2)), "
        + "abs(-1.50), abs(-2.5::real), div(7, 2), div(-7.5, 2), pg_typeof(div(7,2)), pi(), pg_typeof(random())",
        "-1|-1|0|double precision|5|smallint|1.50|2.5|3|-3|numeric|3.141592653589793|double precision");
    pg.assertSelect("div(1, 0)", "22012: division by zero");
    pg.assertSelect("mod(1, 0)", "22012: division by zero");
  }

  @Test
  void powersRootsAndLogarithmsGiveNumericScalesOrDoubles() {
    pg.assertSelect("power(2, 10), pg_typeof(power(2,10)), power(2.0, 10), power(2, 0.5), power(2.5, 2), sqrt(2), sqrt(2.0), "
        + "sqrt(16), cbrt(27), exp(1), exp(1.0), ln(10), ln(10.0), log(100), log(100.0), log(2, 8), log(2.0, 8), "
        + "log10(1000)", "1024|double precision|1024.0000000000000000|1.4142135623730950|6.2500000000000000"
            + "|1.4142135623730951|1.414213562373095|4|3.0000000000000004|2.718281828459045|2.7182818284590452"
            + "|2.302585092994046|2.3025850929940457|2|2.0000000000000000|3.0000000000000000|3.0000000000000000|3");
    pg.assertSelect("power(2.0, 10), power(1.5, 3), power(0.5, 30), power(10, 20::numeric), power(2.0, -2), "
        + "power(2.5, 1.5), power(9.0, 0.5), power(1.0001, 10000), power(3.00, 2), power(2::numeric, 100), "
        + "power(0.1, 20), power(-2.0, 3)",
        "1024.0000000000000000|3.3750000000000000|0.0000000009313226|100000000000000000000.0000000000000000"
            + "|0.2500000000000000|3.9528470752104742|3.0000000000000000|2.7181459268252249|9.0000000000000000"
            + "|1267650600228229401496703205376.0000000000000000|0.0000000000000000|-8.0000000000000000");
    pg.assertSelect("sqrt(0.0001), sqrt(12345678.9), sqrt(1e-20), sqrt(0.0), exp(0.5), exp(-10.0), exp(20.0), ln(2.0), "
        + "ln(1.0001), ln(1e100), ln(0.001), log(1000.0), log(0.001), log(2.5, 100), log10(5.0), ln(1.0)",
        "0.01000000000000000|3513.6418286444622|0.0000000001000000000000000|0.000000000000000|1.6487212707001281"
            + "|0.00004539992976248485|485165195.40979028|0.6931471805599453|0.00009999500033330834"
            + "|230.25850929940457|-6.9077552789821371|3.0000000000000000|-3.0000000000000000|5.0258831894641201"
            + "|0.6989700043360188|0.0000000000000000");
    pg.assertSelect("pg_typeof(log10(5)), log10(5), cbrt(2), exp(2), sqrt(2::real), pg_typeof(sqrt(2::real)), "
        + "round(1.5::real), cbrt(8), cbrt(-8), cbrt(1000)",
        "double precision|0.6989700043360189|1.2599210498948734|7.38905609893065|1.4142135623730951"
            + "|double precision|2|2|-2|10");
  }

  @Test
  void mathDomainErrorsUsePostgresSqlstates() {
    pg.assertSelect("sqrt(-1)", "2201F: cannot take square root of a negative number");
    pg.assertSelect("sqrt(-1.0)", "2201F: cannot take square root of a negative number");
    pg.assertSelect("ln(0)", "2201E: cannot take logarithm of zero");
    pg.assertSelect("ln(-1)", "2201E: cannot take logarithm of a negative number");
    pg.assertSelect("log(0.0)", "2201E: cannot take logarithm of zero");
    pg.assertSelect("power(0, -1)", "2201F: zero raised to a negative power is undefined");
    pg.assertSelect("power(0.0, -1)", "2201F: zero raised to a negative power is undefined");
    pg.assertSelect("power(-8, 1.0/3)", "2201F: a negative number raised to a non-integer power yields a complex result");
    pg.assertSelect("exp(1000)", "22003: value out of range: overflow");
    pg.assertSelect("2 ^ 1024", "22003: value out of range: overflow");
  }

  @Test
  void caretIsExponentiationBindingTighterThanMultiplication() {
    pg.assertSelect("2 ^ 3, 2 * 3 ^ 2, 2 ^ 3 * 4, 2 ^ 3 ^ 2, pg_typeof(2 ^ 3), 2.0 ^ 3", "8|18|32|64|double precision|8.0000000000000000");
  }

  @Test
  void greatestAndLeastSkipNullsAndUseTheCommonType() {
    pg.assertSelect("greatest(1, 2.5, null), least(1, 2, null), greatest(null, null), pg_typeof(greatest(1, 2.5)), "
        + "greatest('a', 'b'), greatest(1::real, 2), pg_typeof(greatest(1::real,2))", "2.5|1||numeric|b|2|real");
    pg.assertSelect("width_bucket(5.35, 0.024, 10.06, 5), width_bucket(0, 1, 2, 3)", "3|0");
  }

  @Test
  void numericDivisionScaleFollowsSelectDivScale() {
    pg.assertSelect("1/3::numeric, 2.50 * 1.1, 10::numeric / 4, 1.0/3, 100.0/3.0, 2/3.0, 1::numeric/7, 123456789::numeric / 7, "
        + "0.001/3, 1e-20/3, 7.00/2", "0.33333333333333333333|2.750|2.5000000000000000|0.33333333333333333333"
            + "|33.3333333333333333|0.66666666666666666667|0.14285714285714285714|17636684.142857142857"
            + "|0.00033333333333333333|0.0000000000000000000033333333333333333333|3.5000000000000000");
  }

  @Test
  void unknownFunctionOrSignatureIs42883() {
    pg.assertSelect("upper(1)", "42883: function upper(integer) does not exist");
    pg.assertSelect("no_such_fn(1, 'a')", "42883: function no_such_fn(integer, unknown) does not exist");
  }
}
