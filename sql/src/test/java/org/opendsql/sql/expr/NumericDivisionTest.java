package org.opendsql.sql.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Numeric division's result scale, against PostgreSQL 15's answers (select_div_scale). */
class NumericDivisionTest {
  private static String div(String x, String y) {
    return Values.divide(new BigDecimal(x), new BigDecimal(y)).toPlainString();
  }

  @Test
  void theScaleFollowsTheInputsLeadingDigitGroups() {
    assertEquals("1.00000000000000000000", div("5", "5"));
    assertEquals("0.33333333333333333333", div("1", "3"));
    assertEquals("3.3333333333333333", div("10", "3"));
    assertEquals("1763.5714285714285714", div("12345", "7"));
    assertEquals("0.16666666666666666667", div("0.5", "3"));
    assertEquals("33333.000000000000", div("99999", "3"));
    assertEquals("3.5000000000000000", div("7", "2"));
    assertEquals("1.00000000000000000000", div("100", "100"));
  }

  @Test
  void zeroDividedKeepsTheEstimatedScale() {
    assertEquals("0.00000000000000000000", div("0", "5"));
    assertEquals("0.00000000000000000000", div("0.0", "7.5"));
  }
}
