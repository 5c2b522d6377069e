package org.opendsql.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class IntervalSyntaxTest {
  @Test
  void intervalTypesWithFieldsBecomeOneQuotedTypeName() {
    assertEquals("CREATE TABLE t (a \"interval hour to minute\", b \"interval second\"(3))",
        IntervalSyntax.rewrite("CREATE TABLE t (a interval HOUR TO MINUTE, b interval second(3))"));
    assertEquals("SELECT x::\"interval day\" FROM t", IntervalSyntax.rewrite("SELECT x::interval day FROM t"));
  }

  @Test
  void literalsQuotesCommentsAndOtherWordsAreLeftAlone() {
    String literal = "SELECT INTERVAL '1' DAY, INTERVAL '02:03' HOUR TO MINUTE";
    assertSame(literal, IntervalSyntax.rewrite(literal));
    String quoted = "SELECT 'interval day' -- interval day\n, myinterval day FROM t";
    assertEquals(quoted, IntervalSyntax.rewrite(quoted));
  }
}
