package org.opendsql.sql.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CatalogFunctionsTest {
  @Test
  void sizePrettyRoundsHalfUpIntoTheUnitPostgresPicks() {
    assertEquals("0 bytes", CatalogFunctions.sizePretty(0));
    assertEquals("10239 bytes", CatalogFunctions.sizePretty(10239));
    assertEquals("10 kB", CatalogFunctions.sizePretty(10240));
    assertEquals("118 MB", CatalogFunctions.sizePretty(123_456_789));
    assertEquals("1024 GB", CatalogFunctions.sizePretty(1L << 40));
    assertEquals("-20 kB", CatalogFunctions.sizePretty(-20480));
    assertEquals("8192 PB", CatalogFunctions.sizePretty(Long.MAX_VALUE));
  }

  @Test
  void prettyExpressionsDropOnlyBalancedOuterParentheses() {
    assertEquals("1 + 2", CatalogFunctions.expr("(1 + 2)", true));
    assertEquals("(1 + 2)", CatalogFunctions.expr("(1 + 2)", false));
    assertEquals("(a) + (b)", CatalogFunctions.expr("(a) + (b)", true));
  }

  @Test
  void encodingsByNumber() {
    assertEquals("UTF8", CatalogFunctions.encodingName(6));
    assertEquals("SQL_ASCII", CatalogFunctions.encodingName(0));
  }
}
