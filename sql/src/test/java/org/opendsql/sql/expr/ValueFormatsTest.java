package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** Answers that used to differ from PostgreSQL 15 without an error; expectations are the reference's output. */
class ValueFormatsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void floatsPrintTheirShortestRoundTripDigits() {
    pg.assertSelect("1.1::real, 0.1::float8, 1e20::real, 1e-5::float8, 123456789012::real, 100::real, 1e15::float8, "
        + "1e16::float8, 1.23e-10::real", "1.1|0.1|1e+20|1e-05|1.2345679e+11|100|1e+15|1e+16|1.23e-10");
    pg.assertSelect("1e6::real, 123456::real, 1e14::float8, 123456789012345::float8, 1234567890123456::float8, "
        + "0.0001::float8, 0.00001::real, 1.5e-5::float8, '-0'::float8, 'NaN'::real",
        "1e+06|123456|100000000000000|123456789012345|1.234567890123456e+15|0.0001|1e-05|1.5e-05|-0|NaN");
    pg.assertSelect("0.1::float8 + 0.2::float8, 1/3::float8, 5.684341886080802e-14::float8, 4.9e-324::float8, "
        + "1.7976931348623157e308::float8, 1::real/3::real, 3.4028235e38::real, 1.4e-45::real, 0.3::real, "
        + "-1.1::real, 9007199254740993::float8, 123456.7::real, 0.000123::real, 100000000000000000000::float8",
        "0.30000000000000004|0.3333333333333333|5.684341886080802e-14|5e-324|1.7976931348623157e+308|0.33333334"
            + "|3.4028235e+38|1e-45|0.3|-1.1|9.007199254740992e+15|123456.7|0.000123|1e+20");
    pg.assertSelect("' 1.5 '::float8, '.5'::real, '5.'::float8, '+1e3'::real, '1234567'::real, 16777217::real, "
        + "0.1::real::float8, 1e-45::real", "1.5|0.5|5|1000|1.234567e+06|1.6777216e+07|0.10000000149011612|1e-45");
  }

  @Test
  void extraFloatDigitsBelowOneIsRefusedRatherThanIgnored() {
    pg.assertAnswer("SET extra_float_digits = 0",
        "0A000: extra_float_digits below 1 (floats print their shortest exact form) is not supported");
    pg.assertAnswer("SET extra_float_digits = 3", "");
  }

  @Test
  void realMixedWithAnotherNumberComputesInDoublePrecision() {
    pg.assertSelect("pg_typeof(1::real*2), pg_typeof(1::real*1.5), pg_typeof(1::real + 1::real), pg_typeof(2::int2+2::int2), "
        + "pg_typeof(2::int2+2), pg_typeof(1::int8 + 1.5)",
        "double precision|double precision|real|smallint|integer|numeric");
    pg.assertSelect("1.5::real * 2", "3");
  }

  @Test
  void booleanCastToTextIsTheWordButOutputIsOneLetter() {
    pg.assertSelect("true::text, false::varchar, 't'::boolean, 1::boolean, true::int, 'x'||true", "true|false|t|t|1|xtrue");
  }

  @Test
  void floatOverflowAndUnderflowFailWith22003() {
    pg.assertSelect("1e308::float8*10", "22003: value out of range: overflow");
    pg.assertSelect("1e308::float8 + 1e308::float8", "22003: value out of range: overflow");
    pg.assertSelect("1e-308::float8*1e-10", "1e-318");
    pg.assertSelect("1e-300::float8*1e-300", "22003: value out of range: underflow");
    pg.assertSelect("1e38::real*10::real", "22003: value out of range: overflow");
    pg.assertSelect("1e300::float8::real", "22003: value out of range: overflow");
    pg.assertSelect("1e-300::float8::real", "22003: value out of range: underflow");
    pg.assertSelect("'inf'::float8 * 2, 'inf'::float8 - 'inf'::float8, 0::float8 * 1e-300", "Infinity|NaN|0");
    pg.assertSelect("1/0::float8", "22012: division by zero");
    pg.assertSelect("1e39::real", "22003: \"1000000000000000000000000000000000000000\" is out of range for type real");
    pg.assertSelect("'1e39'::real", "22003: \"1e39\" is out of range for type real");
    pg.assertSelect("'1e400'::float8", "22003: \"1e400\" is out of range for type double precision");
    pg.assertSelect("'1e-400'::float8", "22003: \"1e-400\" is out of range for type double precision");
    pg.assertSelect("'1d'::float8", "22P02: invalid input syntax for type double precision: \"1d\"");
    pg.assertSelect("1.5::float8 % 1", "42883: operator does not exist: double precision % integer");
  }

  @Test
  void integerOverflowNamesTheType() {
    pg.assertSelect("2147483647+1", "22003: integer out of range");
    pg.assertSelect("32767::int2+1::int2", "22003: smallint out of range");
    pg.assertSelect("9223372036854775807+1", "22003: bigint out of range");
    pg.assertSelect("-2147483648/-1", "22003: integer out of range");
    pg.assertSelect("(-32768)::int2 * -1::int2", "22003: smallint out of range");
    pg.assertSelect("'3000000000'::int", "22003: value \"3000000000\" is out of range for type integer");
    pg.assertSelect("' 12 '::int, '+3'::int2", "12|3");
    pg.assertSelect("'1.5'::int", "22P02: invalid input syntax for type integer: \"1.5\"");
    pg.assertSelect("''::int", "22P02: invalid input syntax for type integer: \"\"");
    pg.assertSelect("1.5::int, 2.5::int, -2.5::int, 2.5::float8::int, 3.5::float8::int", "2|3|-3|2|4");
  }

  @Test
  void byteaInputDecodesHexAndEscapeFormats() {
    pg.assertSelect("'abc\\000def'::bytea, '\\x4142'::bytea, 'a\\\\b'::bytea, '\\101\\102'::bytea, 'é'::bytea",
        "\\x61626300646566|\\x4142|\\x615c62|\\x4142|\\xc3a9");
    pg.assertSelect("'\\x 41 42'::bytea, 'abc'::bytea::text", "\\x4142|\\x616263");
    pg.assertSelect("'ab\\9'::bytea", "22P02: invalid input syntax for type bytea");
    pg.assertSelect("'ab\\'::bytea", "22P02: invalid input syntax for type bytea");
    pg.assertSelect("'\\400'::bytea", "22P02: invalid input syntax for type bytea");
    pg.assertSelect("'\\x4'::bytea", "22023: invalid hexadecimal data: odd number of digits");
    pg.assertSelect("'\\xzz'::bytea", "22023: invalid hexadecimal digit: \"z\"");
  }

  @Test
  void caseMappingUnderTheCCollationTouchesOnlyAsciiLetters() {
    pg.assertSelect("lower('ÄÖ ß İ ABC'), upper('äö ß ı abc'), initcap('hELLO wORLD äb-cd x_y 1a')",
        "ÄÖ ß İ abc|äö ß ı ABC|Hello World äB-Cd X_Y 1a");
  }

  @Test
  void betweenSymmetricSortsItsBounds() {
    pg.assertSelect("2 between symmetric 3 and 1, 2 between 3 and 1, 2 not between symmetric 3 and 1, "
        + "null between symmetric 1 and 3", "t|f|f|");
  }
}
