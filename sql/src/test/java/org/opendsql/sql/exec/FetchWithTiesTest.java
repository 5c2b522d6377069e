package org.opendsql.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** FETCH FIRST n ROWS WITH TIES, each answer as PostgreSQL 15 gave it for the same statements on the same rows. */
class FetchWithTiesTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE ft (id int PRIMARY KEY, g int, s text)");
    pg.client().run("INSERT INTO ft VALUES (1,1,'a'),(2,1,'b'),(3,2,'c'),(4,2,'d'),(5,2,'e'),(6,3,NULL),(7,NULL,'g'),(8,NULL,'h')");
  }

  @Test
  void rowsThatSortEqualToTheLastOneComeToo() {
    pg.assertAnswer("SELECT id FROM ft FETCH FIRST 2 ROWS WITH TIES",
        "42601: WITH TIES cannot be specified without ORDER BY clause");
    pg.assertAnswer("SELECT id, g FROM ft ORDER BY g, id FETCH FIRST 3 ROWS ONLY",
        "1|1\n2|1\n3|2");
    pg.assertAnswer("SELECT * FROM (SELECT id, g FROM ft ORDER BY g FETCH FIRST 3 ROWS WITH TIES) t ORDER BY id",
        "1|1\n2|1\n3|2\n4|2\n5|2");
    pg.assertAnswer("SELECT * FROM (SELECT id, g FROM ft ORDER BY g FETCH FIRST 1 ROW WITH TIES) t ORDER BY id",
        "1|1\n2|1");
    pg.assertAnswer("SELECT count(*) FROM (SELECT id, g FROM ft ORDER BY g OFFSET 1 ROWS FETCH FIRST 1 ROW WITH TIES) t",
        "1");
    pg.assertAnswer("SELECT * FROM (SELECT id, g FROM ft ORDER BY g NULLS FIRST FETCH FIRST 1 ROW WITH TIES) t ORDER BY id",
        "7|\n8|");
    pg.assertAnswer("SELECT id, g FROM ft ORDER BY g FETCH FIRST 0 ROWS WITH TIES",
        "");
    pg.assertAnswer("SELECT id, g FROM ft ORDER BY g FETCH FIRST NULL ROWS WITH TIES",
        "2201W: row count cannot be null in FETCH FIRST ... WITH TIES clause");
    pg.assertAnswer("SELECT id, g FROM ft ORDER BY g FETCH FIRST -1 ROWS WITH TIES",
        "2201W: LIMIT must not be negative");
    pg.assertAnswer("SELECT * FROM (SELECT id, g FROM ft ORDER BY g FETCH FIRST ROWS WITH TIES) t ORDER BY id",
        "1|1\n2|1");
    pg.assertAnswer("SELECT g, count(*) FROM ft GROUP BY g ORDER BY count(*) DESC FETCH FIRST 1 ROWS WITH TIES",
        "2|3");
    pg.assertAnswer("SELECT id FROM ft ORDER BY g, s FETCH FIRST 2 ROWS WITH TIES",
        "1\n2");
    pg.assertAnswer("SELECT * FROM (SELECT id FROM ft ORDER BY g FETCH FIRST 2 ROWS WITH TIES OFFSET 1) t ORDER BY id",
        "2\n3\n4\n5");
    pg.assertAnswer("SELECT 1 UNION SELECT 2 ORDER BY 1 FETCH FIRST 1 ROW ONLY",
        "1");
    pg.assertAnswer("SELECT x FROM (VALUES (1), (1), (2)) v(x) ORDER BY x FETCH FIRST 1 ROW WITH TIES",
        "1\n1");
    pg.assertAnswer("(SELECT g FROM ft UNION ALL SELECT 1) ORDER BY 1 FETCH FIRST 1 ROW WITH TIES",
        "1\n1\n1");
    pg.assertAnswer("SELECT g FROM ft UNION ALL SELECT 2 ORDER BY g DESC NULLS LAST FETCH FIRST 2 ROWS WITH TIES",
        "3\n2\n2\n2\n2");
    pg.assertAnswer("VALUES (3), (1), (1) ORDER BY 1 FETCH FIRST 1 ROW WITH TIES",
        "1\n1");
    pg.assertAnswer("SELECT s FROM ft ORDER BY g DESC NULLS LAST, id FETCH NEXT 2 ROWS WITH TIES",
        "\nc");
  }
}
