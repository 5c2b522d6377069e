package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** String functions and operators as PostgreSQL 15 answers them in a UTF-8, C-collation database. */
class StringFunctionsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void concatFunctionsAndOperatorRenderNonTextOperands() {
    pg.assertSelect("concat('a', 1, null, true, 2.50), concat_ws(',', 'a', null, 1, false), concat_ws(null, 'a')", "a1t2.50|a,1,f|");
    pg.assertSelect("'a' || 1, 1 || 'a', 'a' || null, 'a' || 1.50 || true, 'a' || 2::real", "a1|1a||a1.50true|a2");
    pg.assertSelect("concat()", "42883: function concat() does not exist");
  }

  @Test
  void substringAndPositionInEveryForm() {
    pg.assertSelect("substring('hello' from 2 for 3), substring('hello', 2, 3), substring('hello' from 2), "
        + "substring('hello', 0, 2), substring('hello', -1, 3), substring('hello' from 'l+'), "
        + "substring('hello' from 'e(l+)o'), substring('hello', 2)", "ell|ell|ello|h|h|ll|ll|ello");
    pg.assertSelect("substring('hello', 1, -1)", "22011: negative substring length not allowed");
    pg.assertSelect("position('l' in 'hello'), strpos('hello', 'lo'), position('' in 'abc'), strpos('abc', 'z')", "3|4|1|0");
    pg.assertSelect("overlay('abcdef' placing 'XY' from 2), overlay('abcdef' placing 'XY' from 2 for 3)", "aXYdef|aXYef");
  }

  @Test
  void trimInBothSyntaxes() {
    pg.assertSelect("trim('  a  ')||'|', ltrim('xxaxx', 'x'), rtrim('xxaxx', 'x'), btrim('xyaxy', 'xy'), "
        + "trim(both 'x' from 'xxaxx'), trim(leading 'x' from 'xxaxx'), trim(trailing from '  a  ')||'|', "
        + "ltrim('  a'), trim('x' from 'xax')", "a||axx|xxa|a|a|axx|  a||a|a");
  }

  @Test
  void paddingSlicingAndRepetition() {
    pg.assertSelect("replace('abcabc', 'b', 'X'), replace('abc', '', 'X'), left('abcde', 2), left('abcde', -2), "
        + "right('abcde', 2), right('abcde', -2), lpad('hi', 5), lpad('hi', 5, 'xy'), lpad('hello', 3), "
        + "rpad('hi', 5, 'xy'), lpad('hi', -1), repeat('ab', 3), repeat('ab', -1), reverse('abc')",
        "aXcaXc|abc|ab|abc|de|cde|   hi|xyxhi|hel|hixyx||ababab||cba");
    pg.assertSelect("repeat('x', 0), lpad('', 3, 'x'), lpad('ab', 4, ''), initcap(''), reverse('')", "|xxx|ab||");
  }

  @Test
  void characterCodesHashesAndSplitting() {
    pg.assertSelect("split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 5), split_part('a,b,c', ',', -1), "
        + "split_part('abc', '', 1), md5('abc'), octet_length('é'), bit_length('é'), ascii('A'), ascii('é'), "
        + "ascii(''), chr(65), chr(233), starts_with('abc', 'ab'), translate('12345', '143', 'ax'), to_hex(255), "
        + "to_hex(-1), to_hex(9223372036854775807)",
        "b||c|abc|900150983cd24fb0d6963f7d28e17f72|2|16|65|233|0|A|é|t|a2x5|ff|ffffffff|7fffffffffffffff");
    pg.assertSelect("length('héllo'), char_length('abc'), length(''::bytea), octet_length('abc'::bytea), "
        + "pg_typeof(length('abc'))", "5|3|0|3|integer");
    pg.assertSelect("split_part('a,b', ',', 0)", "22023: field position must not be zero");
    pg.assertSelect("chr(0)", "54000: null character not permitted");
    pg.assertSelect("chr(-1)", "22023: character number must be positive");
    pg.assertSelect("chr(1114112)", "54000: requested character too large for encoding: 1114112");
    pg.assertSelect("lower(null), length(null), pg_typeof(concat('a')), pg_typeof('a'||'b'), pg_typeof(left('a', 1))",
        "||text|text|text");
  }

  @Test
  void quotingAndFormat() {
    pg.assertSelect("format('%s and %I and %L', 'x', 'My Col', 'it''s'), format('%s', null), format('%L', null), "
        + "format('%I', 'abc'), quote_ident('abc'), quote_ident('a b'), quote_ident('Select'), "
        + "quote_literal('it''s'), quote_literal(42), quote_nullable(null), format('%1$s %1$s', 'a'), format('%%'), "
        + "quote_literal(true), format('%s', true), format('%L', true), quote_nullable(true)",
        "x and \"My Col\" and 'it''s'||NULL|abc|abc|\"a b\"|\"Select\"|'it''s'|'42'|NULL|a a|%|'true'|t|'t'|'true'");
    pg.assertSelect("quote_literal(E'a\\\\b'), quote_ident('\"x'), quote_ident('1abc'), quote_ident('ab_c1'), "
        + "quote_ident('user')", "E'a\\\\b'|\"\"\"x\"|\"1abc\"|ab_c1|\"user\"");
    pg.assertSelect("format('%s')", "22023: too few arguments for format()");
    pg.assertSelect("format('%x', 1)", "22023: unrecognized format() type specifier \"x\"");
    pg.assertSelect("format('%I', null)", "22004: null values cannot be formatted as an SQL identifier");
  }

  @Test
  void patternMatchingOperators() {
    pg.assertSelect("'abc' ~ 'b', 'abc' ~* 'B', 'abc' !~ 'b', 'abc' !~* 'B', 'ab1' ~ '[[:digit:]]', "
        + "'abc' similar to 'a%', 'abc' similar to '(a|x)bc', 'abc' similar to 'b', 'a_c' similar to 'a\\_c', "
        + "'abc' not similar to 'a.c'", "t|t|f|f|t|t|t|f|t|t");
    pg.assertSelect("regexp_replace('foobarbaz', 'b..', 'X'), regexp_replace('foobarbaz', 'b..', 'X', 'g'), "
        + "regexp_replace('abc', '(b)', '[\\1]'), regexp_replace('ABC', 'b', 'x', 'i'), "
        + "regexp_replace('a.b', '.', '-', 'g')", "fooXbaz|fooXX|a[b]c|AxC|---");
    pg.assertSelect("'a%c' like 'a!%c' escape '!', 'abc' not ilike 'A_C' escape '!', 'a' like 'a' escape ''", "t|f|t");
    pg.assertSelect("'abc' like '%', 'ABC' ilike 'a%', 'x' like null", "t|t|");
    pg.assertSelect("'a' like 'a' escape 'xy'", "22025: invalid escape string");
    pg.assertSelect("'ab' like 'a\\'", "22025: LIKE pattern must not end with escape character");
    pg.assertSelect("regexp_replace('a', 'a', 'b', 'z')", "22023: invalid regular expression option: \"z\"");
  }
}
