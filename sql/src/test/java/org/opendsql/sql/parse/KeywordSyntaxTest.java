package org.opendsql.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeywordSyntaxTest {
  @Test
  void quotesWordsOnlyJSqlParserReserves() {
    assertEquals("CREATE TABLE h (\"script\" text, \"output\" int)", KeywordSyntax.rewrite("CREATE TABLE h (Script text, output int)"));
    assertEquals("SELECT h.\"script\" FROM h WHERE \"script\" = 'script'",
        KeywordSyntax.rewrite("SELECT h.script FROM h WHERE script = 'script'"));
  }

  @Test
  void leavesQuotesCommentsAndOtherWordsAlone() {
    String sql = "SELECT \"Script\", scripts, 'use' -- script\n FROM t";
    assertEquals(sql, KeywordSyntax.rewrite(sql));
  }
}
