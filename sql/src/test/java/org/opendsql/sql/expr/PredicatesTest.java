package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** Three-valued tests and conditional expressions, as PostgreSQL 15 answers them. */
class PredicatesTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void booleanTestsAreNeverNull() {
    pg.assertSelect("true is true, null is true, null is not true, false is false, null is not false, null is unknown, "
        + "true is not unknown, (1 = null) is unknown", "t|f|t|t|t|t|t|t");
  }

  @Test
  void isDistinctFromTreatsNullsAsEqual() {
    pg.assertSelect("1 is distinct from null, null is distinct from null, 1 is not distinct from 1, "
        + "null is not distinct from null, 1 is distinct from 2, 'a' is distinct from 'a'", "t|f|t|t|t|f");
  }

  @Test
  void nullifAndCase() {
    pg.assertSelect("nullif(1, 1), nullif(1, 2), nullif(null, 1), nullif('a', 'b'), pg_typeof(nullif(1, 2.5))",
        "|1||a|numeric");
    pg.assertSelect("case 2 when 1 then 'one' when 2 then 'two' end, case when false then 1 else 2.5 end, "
        + "case when null then 1 end", "two|2.5|");
  }
}
