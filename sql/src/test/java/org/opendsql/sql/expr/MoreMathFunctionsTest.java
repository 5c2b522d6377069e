package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * The trigonometric, hyperbolic and number-theory functions, the square and cube root operators,
 * setseed and COLLATE, as PostgreSQL 15 answers them (psql -At; errors as SQLSTATE: message).
 */
class MoreMathFunctionsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void trigonometryIsCorrectlyRoundedAsTheCLibraryGivesIt() {
    pg.assertAnswer("SELECT sin(0), cos(0), tan(0), atan(1) * 4, atan2(1, 1)", "0|1|0|3.141592653589793|0.7853981633974483");
    pg.assertAnswer("SELECT sin(1), cos(1), tan(1), cot(1), asin(0.5), acos(0.5), atan(0.5), atan2(-1, -1)", "0.8414709848078965|0.5403023058681398|1.5574077246549023|0.6420926159343306|0.5235987755982989|1.0471975511965979|0.4636476090008061|-2.356194490192345");
    pg.assertAnswer("SELECT sin(x) FROM (VALUES (2.5::float8), (-4.5), (100), (1e10)) v(x)", "0.5984721441039565\n0.977530117665097\n-0.5063656411097588\n-0.4875060250875107");
    pg.assertAnswer("SELECT sinh(1), cosh(1), tanh(1), asinh(1), acosh(2), atanh(0.5), atanh(1), acosh(1)", "1.1752011936438014|1.5430806348152437|0.7615941559557649|0.881373587019543|1.3169578969248166|0.5493061443340548|Infinity|0");
    pg.assertAnswer("SELECT asin(2)",
        "22003: input is out of range");
    pg.assertAnswer("SELECT sin('Infinity'::float8)",
        "22003: input is out of range");
    pg.assertAnswer("SELECT sin('NaN'::float8), asin('NaN'::float8), atan2('NaN', 1)", "NaN|NaN|NaN");
  }

  @Test
  void degreeVariantsAreExactAtTheSpecialAngles() {
    pg.assertAnswer("SELECT sind(30), cosd(60), tand(45), cotd(45), asind(0.5), acosd(0.5), atand(1), atan2d(1, 1)", "0.5|0.5|1|1|30|60|45|45");
    pg.assertAnswer("SELECT sind(90), sind(180), sind(270), cosd(90), cosd(180), tand(90), tand(135), cotd(90), cotd(0)", "1|0|-1|0|-1|Infinity|-1|0|Infinity");
    pg.assertAnswer("SELECT degrees(1), radians(45), pi(), pg_typeof(sind(1::int))", "57.29577951308232|0.7853981633974483|3.141592653589793|double precision");
  }

  @Test
  void gcdLcmFactorialAndScales() {
    pg.assertAnswer("SELECT gcd(12, 18), lcm(4, 6), factorial(10), pg_typeof(gcd(12, 18)), pg_typeof(lcm(4::bigint, 6)), pg_typeof(factorial(3))", "6|12|3628800|integer|bigint|numeric");
    pg.assertAnswer("SELECT gcd(0, 0), gcd(-12, 18), lcm(-4, 6), lcm(0, 5), gcd(1.5, 2.25), lcm(1.5, 2.25), gcd(-9223372036854775807, 3)", "0|6|12|0|0.75|4.50|1");
    pg.assertAnswer("SELECT gcd((-2147483648)::int, 0)",
        "22003: integer out of range");
    pg.assertAnswer("SELECT lcm(2147483647, 2147483646)",
        "22003: integer out of range");
    pg.assertAnswer("SELECT factorial(0), factorial(25)", "1|15511210043330985984000000");
    pg.assertAnswer("SELECT factorial(-1)",
        "22003: factorial of a negative number is undefined");
    pg.assertAnswer("SELECT scale(1.2300), trim_scale(1.2300), min_scale(1.2300), scale(0::numeric), trim_scale(0.000), min_scale(100), trim_scale(-5.50)", "4|1.23|2|0|0|0|-5.5");
  }

  @Test
  void rootOperatorsTakeDoublePrecisionAndBindLooserThanArithmetic() {
    pg.assertAnswer("SELECT |/ 25, |/ 25 + 11, ||/ 27, ||/ (-8), |/ 2.0, 2 * |/ 16, |/ 25 > 4, pg_typeof(|/ 2.0)", "5|6|3.0000000000000004|-2|1.4142135623730951|8|t|double precision");
    pg.assertAnswer("SELECT |/ -4",
        "2201F: cannot take square root of a negative number");
  }

  @Test
  void setseedMakesRandomRepeatable() {
    pg.assertAnswer("SELECT setseed(0.5) IS NULL, pg_typeof(setseed(0.5))", "f|void");
    pg.assertAnswer("SELECT setseed(2)",
        "22023: setseed parameter 2 is out of allowed range [-1,1]");
    pg.client().run("SELECT setseed(0.5)");
    pg.assertAnswer("SELECT random(), random()", "0.9851677175347999|0.825301858027981");
    pg.client().run("SELECT setseed(-0.25)");
    pg.assertAnswer("SELECT random() FROM generate_series(1, 3)", "0.5553213340039351\n0.25148985326005135\n0.7088686957046861");
  }

  @Test
  void theCCollationAndItsAliasesAreAcceptedOthersDoNotExist() {
    pg.assertAnswer("SELECT 'abc' COLLATE \"C\" < 'abd', 'a' < 'b' COLLATE \"C\", 'a' COLLATE \"POSIX\", 'b' COLLATE \"default\", 'x' COLLATE ucs_basic", "t|t|a|b|x");
    pg.assertAnswer("SELECT 'a' COLLATE \"en_US\"",
        "42704: collation \"en_US\" for encoding \"UTF8\" does not exist");
    pg.assertAnswer("SELECT 1 COLLATE \"C\"",
        "42804: collations are not supported by type integer");
  }
}
