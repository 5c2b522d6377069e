package org.opendsql.sql.exec;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Query forms the parser or the type resolution make special, each answer as PostgreSQL 15 gave it:
 * untyped literals across set operation branches, column names the parser takes for keywords.
 */
class QueryFormsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void anUnknownLiteralTakesTheOtherBranchsType() {
    pg.assertAnswer("SELECT NULL UNION SELECT 1 ORDER BY 1",
        "1\n");
    pg.assertAnswer("SELECT 1 UNION ALL SELECT NULL ORDER BY 1",
        "1\n");
    pg.assertAnswer("SELECT NULL UNION SELECT NULL",
        "");
    pg.assertAnswer("SELECT 'a' UNION SELECT 1",
        "22P02: invalid input syntax for type integer: \"a\"");
    pg.assertAnswer("SELECT '2' UNION SELECT 1 ORDER BY 1",
        "1\n2");
    pg.assertAnswer("SELECT NULL, 'x' UNION ALL SELECT 2.5, 'y' ORDER BY 1",
        "2.5|y\n|x");
    pg.assertAnswer("SELECT NULL UNION SELECT NULL UNION SELECT 3 ORDER BY 1",
        "42804: UNION types text and integer cannot be matched");
    pg.assertAnswer("SELECT 'a' UNION SELECT 'b' ORDER BY 1",
        "a\nb");
    pg.assertAnswer("SELECT NULL INTERSECT SELECT NULL",
        "");
    pg.assertAnswer("SELECT '2024-01-01' UNION SELECT DATE '2024-01-02' ORDER BY 1",
        "2024-01-01\n2024-01-02");
  }

  @Test
  void dayMonthAndYearAreColumnNamesWhereTheParserSeesDateUnits() {
    pg.assertAnswer("SELECT day + 1 AS next, day FROM (VALUES (DATE '2024-01-01', 2024), (DATE '2024-02-29', 2023)) v(day, year) ORDER BY day",
        "2024-01-02|2024-01-01\n2024-03-01|2024-02-29");
    pg.assertAnswer("SELECT year, count(*) FROM (VALUES (2024), (2024), (2023)) v(year) GROUP BY year ORDER BY year",
        "2023|1\n2024|2");
  }
}
