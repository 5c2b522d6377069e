package org.opendsql.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void columnsArePaddedToTheWidestCellWithNumbersToTheRightAsPsqlPrintsThem() {
    String out = new TextTable(">range", "start", "node").row(7, "-inf", "127.0.0.1:1").row(123456, "02ab", "h:2")
        .render();
    assertEquals(String.join("\n",
        " range  | start |    node     ",
        "--------+-------+-------------",
        "      7 | -inf  | 127.0.0.1:1",
        " 123456 | 02ab  | h:2",
        "(2 rows)",
        ""), out);
  }

  @Test
  void oneRowSaysRowAndNullsPrintEmpty() {
    assertEquals(String.join("\n", " a ", "---", "", "(1 row)", ""), new TextTable("a").row((Object) null).render());
  }

  @Test
  void aRowMustHaveACellPerColumn() {
    assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").row("only one"));
  }
}
