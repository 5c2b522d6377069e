package org.opendsql.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RowAssignmentSyntaxTest {
  @Test
  void rowSourceOfAColumnListAssignmentIsParenthesized() {
    assertEquals("UPDATE t SET (a, b) = (ROW(1, f(2))) WHERE id = 1",
        RowAssignmentSyntax.rewrite("UPDATE t SET (a, b) = ROW(1, f(2)) WHERE id = 1"));
    assertEquals("update t set x = 1, (a) = (row (')'))", RowAssignmentSyntax.rewrite("update t set x = 1, (a) = row (')')"));
  }

  @Test
  void rowComparisonsQuotesCommentsAndOtherStatementsAreLeftAlone() {
    String where = "UPDATE t SET a = 1 WHERE (a, b) = ROW(1, 2)";
    assertEquals(where, RowAssignmentSyntax.rewrite(where));
    String select = "SELECT 1 FROM t WHERE (a, b) = ROW(1, 2)";
    assertSame(select, RowAssignmentSyntax.rewrite(select));
    String quoted = "UPDATE t SET b = 'SET (a) = ROW(1)' -- SET (a) = ROW(1)\n WHERE id = 1";
    assertEquals(quoted, RowAssignmentSyntax.rewrite(quoted));
  }
}
