package org.opendsql.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Correlated subqueries in grouped queries, each answer as PostgreSQL 15 gave it (psql -At;
 * errors as SQLSTATE: message) on the same rows: once a query groups, the rows its subqueries
 * see are group rows, and an aggregate over only outer columns is the outer query's.
 */
class GroupedSubqueriesTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE a (id int PRIMARY KEY, g int, v text)");
    pg.client().run("CREATE TABLE b (id int PRIMARY KEY, g int)");
    pg.client().run("INSERT INTO a VALUES (1,1,'x'),(2,1,'y'),(3,2,'z'),(4,3,NULL)");
    pg.client().run("INSERT INTO b VALUES (1,1),(2,2),(3,2),(4,5)");
  }

  @Test
  void outerGroupedColumnInSubqueryReadsTheGroupRow() {
    pg.assertAnswer("SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY g ORDER BY g", "1|1\n2|2\n3|0");
    pg.assertAnswer("SELECT g FROM a GROUP BY g HAVING count(*) > (SELECT count(*) FROM b WHERE b.g = a.g) ORDER BY g", "1\n3");
    pg.assertAnswer("SELECT g FROM a GROUP BY g ORDER BY (SELECT count(*) FROM b WHERE b.g = a.g), g", "3\n1\n2");
    pg.assertAnswer("SELECT g, count(*), (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY ROLLUP (g) ORDER BY g",
        "1|2|1\n2|1|2\n3|1|0\n|4|0");
  }

  @Test
  void ungroupedOuterColumnInSubqueryIsAGroupingError() {
    pg.assertAnswer("SELECT g, (SELECT a.id) FROM a GROUP BY g",
        "42803: column \"a.id\" must appear in the GROUP BY clause or be used in an aggregate function");
  }

  @Test
  void aggregateOfOnlyOuterColumnsBelongsToTheOuterQuery() {
    pg.assertAnswer("SELECT (SELECT max(a.id)) FROM a", "4");
    pg.assertAnswer("SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g AND b.id <= max(a.id)) FROM a GROUP BY g ORDER BY g",
        "1|1\n2|2\n3|0");
    pg.assertAnswer("SELECT 1 FROM a ORDER BY (SELECT max(a.id))", "1");
    pg.assertAnswer("SELECT * FROM a WHERE (SELECT max(a.id)) > 1", "42803: aggregate functions are not allowed in WHERE");
  }

  @Test
  void aggregateOfTheQuerysOwnColumnsInItsLateralItemIsAGroupingError() {
    pg.assertAnswer("SELECT * FROM a, LATERAL (SELECT max(a.id)) l",
        "42803: aggregate functions are not allowed in FROM clause of their own query level");
  }

  @Test
  void correlatedDerivedTableInsideSubqueryIsEvaluatedPerOuterRow() {
    pg.assertAnswer("SELECT g, (SELECT x FROM (SELECT a.g AS x) d) FROM a ORDER BY id", "1|1\n1|1\n2|2\n3|3");
  }

  @Test
  void distinctOnAndOrderByTheSameSubqueryAreOneKey() {
    pg.assertAnswer("SELECT DISTINCT ON ((SELECT count(*) FROM b WHERE b.g = a.g)) g FROM a GROUP BY g "
        + "ORDER BY (SELECT count(*) FROM b WHERE b.g = a.g), g", "3\n1\n2");
  }

  @Test
  void windowOverGroupedRowsPartitionsBySubqueryOfTheGroup() {
    pg.assertAnswer("SELECT g, rank() OVER (PARTITION BY (SELECT count(*) FROM b WHERE b.g = a.g) ORDER BY g) FROM a GROUP BY g ORDER BY g",
        "1|1\n2|1\n3|1");
  }
}
