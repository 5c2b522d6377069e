package org.opendsql.sql.exec;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** corr, covar_*, regr_*: float8_regr_accum and its final functions, as PostgreSQL 15 answers them. */
class RegressionAggregatesTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void statisticsOverPairsSkipRowsWithANullAndAnswerNullWhenUndefined() {
    pg.assertAnswer("SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_avgx(y, x), regr_avgy(y, x), regr_count(y, x) FROM (VALUES (1, 2.0), (2, 4.1), (3, 5.9), (4, NULL), (NULL, 3), (5, 10.25)) v(x, y)", "0.9994251846989982|4.4906250000000005|5.987500000000001|2.75|5.5625|4");
    pg.assertAnswer("SELECT regr_intercept(y, x), regr_r2(y, x), regr_slope(y, x), regr_sxx(y, x), regr_sxy(y, x), regr_syy(y, x) FROM (VALUES (1, 2.0), (2, 4.1), (3, 5.9), (4, NULL), (NULL, 3), (5, 10.25)) v(x, y)", "-0.08285714285714363|0.9988506998106268|2.052857142857143|8.75|17.962500000000002|36.916875000000005");
    pg.assertAnswer("SELECT corr(y, x), covar_samp(y, x), regr_count(y, x), regr_slope(y, x) FROM (VALUES (1, 2.0), (NULL, 1)) v(x, y)", "||1|");
    pg.assertAnswer("SELECT regr_r2(y, x), regr_slope(y, x), corr(y, x) FROM (VALUES (1, 5), (2, 5), (3, 5)) v(x, y)", "1|0|");
    pg.assertAnswer("SELECT corr('a'::text, 1)",
        "42883: function corr(text, integer) does not exist");
  }
}
