package org.opendsql.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The rewrites that let JSqlParser read PostgreSQL's root operators, array slices and ARRAY type suffix. */
class OperatorSyntaxTest {
  @Test
  void textWithoutTheSyntaxIsReturnedAsItIs() {
    String sql = "SELECT a || b, x::int[] FROM t WHERE y = ANY(z)";
    assertSame(sql, OperatorSyntax.rewrite(sql));
  }

  @Test
  void rootOperatorsTakeTheArithmeticAfterThemAsOperand() {
    assertEquals("SELECT \"|/\"(25 + 11), 2 * \"|/\"(16)", OperatorSyntax.rewrite("SELECT |/ 25 + 11, 2 * |/ 16"));
    assertEquals("SELECT \"||/\"((-8)), \"|/\"(x::float8) > 4", OperatorSyntax.rewrite("SELECT ||/ (-8), |/ x::float8 > 4"));
    assertEquals("SELECT \"|/\"(f(a, b)[1])", OperatorSyntax.rewrite("SELECT |/ f(a, b)[1]"));
  }

  @Test
  void slicesBecomeSubscriptCallsOfEachForm() {
    assertEquals("SELECT a[\"[:]\"(1, 2)], a[\"[lo:]\"(2)], a[\"[:hi]\"(3)], a[\"[]\"()], a[1]",
        OperatorSyntax.rewrite("SELECT a[1:2], a[2:], a[:3], a[:], a[1]"));
    assertEquals("SELECT m[\"[:]\"(i + 1, n[\"[:]\"(1, 1)][1])][1]", OperatorSyntax.rewrite("SELECT m[i + 1:n[1:1][1]][1]"));
  }

  @Test
  void castsStringsAndCommentsAreLeftAlone() {
    String sql = "SELECT x::int[], '[1:2]', \"a[1:2]\" -- b[1:2]\n FROM t";
    assertEquals(sql, OperatorSyntax.rewrite(sql));
    assertEquals("SELECT a[\"[:]\"(1, $1::int)]", OperatorSyntax.rewrite("SELECT a[1:$1::int]"));
  }

  @Test
  void arrayAfterATypeNameIsTheArraySuffix() {
    assertEquals("CREATE TABLE t (a int [], b text [])", OperatorSyntax.rewrite("CREATE TABLE t (a int ARRAY, b text array)"));
    assertEquals("SELECT ARRAY[1], ARRAY(SELECT 1)", OperatorSyntax.rewrite("SELECT ARRAY[1], ARRAY(SELECT 1)"));
  }

  @Test
  void jsonOperatorsBindLooserThanCastsAndArithmeticAndTighterThanComparisons() {
    assertEquals("SELECT \"->>\"(d, 'a') = 'x'", OperatorSyntax.rewrite("SELECT d->>'a' = 'x'"));
    assertEquals("SELECT \"->>\"(t.d, 'a'::text) LIKE 'x%'", OperatorSyntax.rewrite("SELECT t.d ->> 'a'::text LIKE 'x%'"));
    assertEquals("SELECT \"->\"('{}'::jsonb, 1 + 1)", OperatorSyntax.rewrite("SELECT '{}'::jsonb -> 1 + 1"));
    assertEquals("WHERE NOT \"?\"(doc, 'a') AND x", OperatorSyntax.rewrite("WHERE NOT doc ? 'a' AND x"));
  }

  @Test
  void jsonOperatorsGroupFromTheLeft() {
    assertEquals("SELECT \"->>\"(\"->\"(\"->\"(d, 'a'), 0), 'b')", OperatorSyntax.rewrite("SELECT d->'a'->0->>'b'"));
    assertEquals("SELECT \"#>>\"((\"->\"(d, 'a')), '{b,c}')", OperatorSyntax.rewrite("SELECT (d->'a') #>> '{b,c}'"));
    assertEquals("SELECT \"#-\"(d, '{a}') || x", OperatorSyntax.rewrite("SELECT d #- '{a}' || x"));
    assertEquals("SELECT \"?|\"(f(d), ARRAY['a', 'b'])", OperatorSyntax.rewrite("SELECT f(d) ?| ARRAY['a', 'b']"));
  }

  @Test
  void pathOperatorsAreRewrittenSoThatTheBinderCanRefuseThemByName() {
    assertEquals("SELECT \"@?\"(d, '$.a'), \"@@\"(d, '$.a == 1')", OperatorSyntax.rewrite("SELECT d @? '$.a', d @@ '$.a == 1'"));
  }

  @Test
  void aSignStuckToAJsonOperatorBelongsToItsRightOperand() {
    assertEquals("SELECT \"->\"(d, -1)", OperatorSyntax.rewrite("SELECT d->-1"));
  }

  @Test
  void typedJsonLiteralsBecomeCastsAndJsonObjectAFunctionCall() {
    assertEquals("SELECT '{\"a\":1}'::jsonb, '[1]'::json, \"json_object\"('{a,1}')",
        OperatorSyntax.rewrite("SELECT jsonb '{\"a\":1}', json '[1]', json_object('{a,1}')"));
  }

  @Test
  void psqlsQualifiedOperatorsAndDefaultCollationBecomePlainSql() {
    assertEquals("WHERE c.relname  ~  '^(t)$' ",
        OperatorSyntax.catalogForms("WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default"));
    assertEquals("SELECT a  !~  'x' , b", OperatorSyntax.catalogForms("SELECT a OPERATOR(!~) 'x' COLLATE \"default\", b"));
    String literal = "SELECT 'OPERATOR(pg_catalog.~) COLLATE pg_catalog.default'";
    assertSame(literal, OperatorSyntax.catalogForms(literal));
    String otherCollation = "SELECT a COLLATE \"C\" FROM t";
    assertSame(otherCollation, OperatorSyntax.catalogForms(otherCollation));
  }
}
