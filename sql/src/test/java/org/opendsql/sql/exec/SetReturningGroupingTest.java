package org.opendsql.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Set-returning functions named by GROUP BY, each answer as PostgreSQL 15 gave it (psql -At;
 * errors as SQLSTATE: message) on the same rows: the function's rows are grouped.
 */
class SetReturningGroupingTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE t (id int PRIMARY KEY, arr int[], tags text[])");
    pg.client().run("INSERT INTO t VALUES (1, '{1,2,3}', '{a,b}'), (2, '{2,3}', '{b}'), (3, '{}', NULL), (4, NULL, '{c,a}')");
  }

  @Test
  void groupByOutputAliasOfASetReturningFunctionGroupsItsRows() {
    pg.assertAnswer("SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x ORDER BY x", "1|1\n2|2\n3|2");
    pg.assertAnswer("SELECT unnest(tags) AS tag, count(*), sum(id) FROM t GROUP BY tag ORDER BY count(*) DESC, tag",
        "a|2|5\nb|2|3\nc|1|4");
    pg.assertAnswer("SELECT unnest(arr) AS x, count(*) FROM t GROUP BY ROLLUP (x) ORDER BY x", "1|1\n2|2\n3|2\n|5");
  }

  @Test
  void groupByTheCallItselfAndByPositionGroupTheSameRows() {
    pg.assertAnswer("SELECT count(*) FROM t GROUP BY unnest(arr) ORDER BY 1", "1\n2\n2");
    pg.assertAnswer("SELECT unnest(arr), count(*) FROM t GROUP BY 1 ORDER BY 1", "1|1\n2|2\n3|2");
  }

  @Test
  void setReturningCallInHavingIsRefusedEvenWhenGrouped() {
    pg.assertAnswer("SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x HAVING unnest(arr) > 1",
        "0A000: set-returning functions are not allowed in HAVING");
  }
}
