package org.opendsql.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * GROUPING SETS, ROLLUP, CUBE and grouping(), each answer as PostgreSQL 15 gave it (psql -At;
 * errors as SQLSTATE: message) for the same statements on the same rows. The ORDER BY of each
 * query leaves no ties, so rolled-up NULLs and real NULLs are told apart by grouping().
 */
class GroupingSetsTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE gs (id int PRIMARY KEY, region text, product text, qty int, price numeric(8,2))");
    pg.client().run("INSERT INTO gs VALUES (1,'east','apple',10,1.50),(2,'east','pear',5,2.00),(3,'west','apple',7,1.50),"
        + "(4,'west','apple',3,1.75),(5,'west',NULL,2,9.99),(6,NULL,'pear',4,2.00),(7,'north','kiwi',NULL,NULL)");
  }

  @Test
  void rollupCubeAndGroupingSetsAggregateEachSetWithTheRestNull() {
    pg.assertAnswer("SELECT region, count(*) FROM gs GROUP BY ROLLUP (region) ORDER BY grouping(region), region",
        "east|2\nnorth|1\nwest|3\n|1\n|7");
    pg.assertAnswer("SELECT region, product, sum(qty), grouping(region, product) FROM gs GROUP BY ROLLUP (region, product) ORDER BY 4, 1, 2",
        "east|apple|10|0\neast|pear|5|0\nnorth|kiwi||0\nwest|apple|10|0\nwest||2|0\n|pear|4|0\neast||15|1\nnorth|||1\nwest||12|1\n||4|1\n||31|3");
    pg.assertAnswer("SELECT region, product, grouping(region, product), grouping(product, region), grouping(region) FROM gs GROUP BY CUBE (region, product) ORDER BY 3, 1, 2",
        "east|apple|0|0|0\neast|pear|0|0|0\nnorth|kiwi|0|0|0\nwest|apple|0|0|0\nwest||0|0|0\n|pear|0|0|0\neast||1|2|0\nnorth||1|2|0\nwest||1|2|0\n||1|2|0\n|apple|2|1|1\n|kiwi|2|1|1\n|pear|2|1|1\n||2|1|1\n||3|3|1");
    pg.assertAnswer("SELECT region, product, count(*) FROM gs GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY grouping(region, product), 1, 2",
        "east||2\nnorth||1\nwest||3\n||1\n|apple|3\n|kiwi|1\n|pear|2\n||1\n||7");
    pg.assertAnswer("SELECT region, product, sum(qty) FROM gs GROUP BY region, GROUPING SETS ((product), ()) ORDER BY grouping(product), 1, 2",
        "east|apple|10\neast|pear|5\nnorth|kiwi|\nwest|apple|10\nwest||2\n|pear|4\neast||15\nnorth||\nwest||12\n||4");
    pg.assertAnswer("SELECT region, product, sum(qty) FROM gs GROUP BY GROUPING SETS ((region, product), region, ROLLUP (product)) ORDER BY grouping(region, product), 1, 2, 3",
        "east|apple|10\neast|pear|5\nnorth|kiwi|\nwest|apple|10\nwest||2\n|pear|4\neast||15\nnorth||\nwest||12\n||4\n|apple|20\n|kiwi|\n|pear|9\n||2\n||31");
    pg.assertAnswer("SELECT region, product, sum(qty) FROM gs GROUP BY ROLLUP ((region, product)) ORDER BY grouping(region), 1, 2",
        "east|apple|10\neast|pear|5\nnorth|kiwi|\nwest|apple|10\nwest||2\n|pear|4\n||31");
    pg.assertAnswer("SELECT region, sum(qty) FROM gs GROUP BY ROLLUP (region), ROLLUP (region) ORDER BY grouping(region), 1, 2",
        "east|15\neast|15\neast|15\nnorth|\nnorth|\nnorth|\nwest|12\nwest|12\nwest|12\n|4\n|4\n|4\n|31");
    pg.assertAnswer("SELECT region, sum(qty) FROM gs GROUP BY GROUPING SETS (region, GROUPING SETS ((), region)) ORDER BY grouping(region), 1, 2",
        "east|15\neast|15\nnorth|\nnorth|\nwest|12\nwest|12\n|4\n|4\n|31");
    pg.assertAnswer("SELECT region, count(*) FROM gs GROUP BY GROUPING SETS ((region), ()) HAVING count(*) > 1 ORDER BY region NULLS FIRST",
        "|7\neast|2\nwest|3");
    pg.assertAnswer("SELECT upper(region), count(*) FROM gs GROUP BY ROLLUP (upper(region)) ORDER BY grouping(upper(region)), 1",
        "EAST|2\nNORTH|1\nWEST|3\n|1\n|7");
    pg.assertAnswer("SELECT region || '!', count(*) FROM gs GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
        "east!|2\nnorth!|1\nwest!|3\n|1\n|7");
    pg.assertAnswer("SELECT coalesce(region, 'ALL') AS r, sum(qty) FROM gs GROUP BY ROLLUP (region) ORDER BY grouping(region), r",
        "ALL|4\neast|15\nnorth|\nwest|12\nALL|31");
    pg.assertAnswer("SELECT CASE WHEN grouping(region) = 1 THEN 'total' ELSE region END AS r, sum(qty) FROM gs GROUP BY ROLLUP (region) ORDER BY grouping(region), r",
        "east|15\nnorth|\nwest|12\n|4\ntotal|31");
    pg.assertAnswer("SELECT region, sum(qty), rank() OVER (ORDER BY sum(qty) DESC NULLS LAST) FROM gs GROUP BY ROLLUP (region) ORDER BY 3, 1",
        "|31|1\neast|15|2\nwest|12|3\n|4|4\nnorth||5");
    pg.assertAnswer("SELECT region, product, count(*) FROM gs GROUP BY 1, ROLLUP (2) ORDER BY grouping(product), 1, 2",
        "east|apple|1\neast|pear|1\nnorth|kiwi|1\nwest|apple|2\nwest||1\n|pear|1\neast||2\nnorth||1\nwest||3\n||1");
    pg.assertAnswer("SELECT region, grouping(region) FROM gs GROUP BY region ORDER BY 1",
        "east|0\nnorth|0\nwest|0\n|0");
    pg.assertAnswer("SELECT region, count(*) FROM gs GROUP BY CUBE (region) ORDER BY grouping(region), 1",
        "east|2\nnorth|1\nwest|3\n|1\n|7");
    pg.assertAnswer("SELECT region, avg(price), min(product), string_agg(product, ',' ORDER BY product) FROM gs GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
        "east|1.7500000000000000|apple|apple,pear\nnorth||kiwi|kiwi\nwest|4.4133333333333333|apple|apple,apple\n|2.0000000000000000|pear|pear\n|3.1233333333333333|apple|apple,apple,apple,kiwi,pear,pear");
    pg.assertAnswer("SELECT region, count(DISTINCT product) FROM gs GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
        "east|2\nnorth|1\nwest|1\n|1\n|3");
    pg.assertAnswer("SELECT region, count(*) FROM gs GROUP BY ROLLUP (region) HAVING grouping(region) = 1",
        "|7");
  }

  @Test
  void theEmptySetIsOneGroupEvenOverNoRows() {
    pg.assertAnswer("SELECT sum(qty) FROM gs GROUP BY ()",
        "31");
    pg.assertAnswer("SELECT 1 FROM gs GROUP BY ()",
        "1");
    pg.assertAnswer("SELECT 1 FROM gs WHERE false GROUP BY ()",
        "1");
    pg.assertAnswer("SELECT region, count(*) FROM gs WHERE false GROUP BY ROLLUP (region)",
        "|0");
    pg.assertAnswer("SELECT count(*) FROM gs GROUP BY GROUPING SETS (())",
        "7");
  }

  @Test
  void aPrimaryKeyGroupedByEverySetFixesTheRestOfItsRow() {
    pg.assertAnswer("SELECT id, region FROM gs GROUP BY id, ROLLUP (region) ORDER BY id, grouping(region)",
        "1|east\n1|\n2|east\n2|\n3|west\n3|\n4|west\n4|\n5|west\n5|\n6|\n6|\n7|north\n7|");
    pg.assertAnswer("SELECT id, region, product FROM gs GROUP BY id, ROLLUP (region) ORDER BY id, grouping(region)",
        "1|east|apple\n1||apple\n2|east|pear\n2||pear\n3|west|apple\n3||apple\n4|west|apple\n4||apple\n5|west|\n5||\n6||pear\n6||pear\n7|north|kiwi\n7||kiwi");
  }

  @Test
  void groupingOperationsFailWhereAndHowPostgresqlRefusesThem() {
    pg.assertAnswer("SELECT id, region FROM gs GROUP BY ROLLUP (id) ORDER BY id",
        "42803: column \"gs.region\" must appear in the GROUP BY clause or be used in an aggregate function");
    pg.assertAnswer("SELECT grouping(1)",
        "42803: arguments to GROUPING must be grouping expressions of the associated query level");
    pg.assertAnswer("SELECT region FROM gs WHERE grouping(region) = 0 GROUP BY region",
        "42803: grouping operations are not allowed in WHERE");
    pg.assertAnswer("SELECT region, grouping(product) FROM gs GROUP BY region",
        "42803: arguments to GROUPING must be grouping expressions of the associated query level");
    pg.assertAnswer("SELECT region, sum(grouping(region)) FROM gs GROUP BY ROLLUP (region)",
        "42803: aggregate function calls cannot be nested");
    pg.assertAnswer("SELECT count(*) FILTER (WHERE grouping(region) = 0) FROM gs GROUP BY region",
        "42803: grouping operations are not allowed in FILTER");
    pg.assertAnswer("SELECT rollup(1)",
        "42883: function rollup(integer) does not exist");
  }

  @Test
  void groupByDistinctDropsRepeatedSetsAndAllIsTheDefault() {
    pg.assertAnswer("SELECT region, count(*) FROM gs GROUP BY DISTINCT ROLLUP (region), ROLLUP (region) ORDER BY grouping(region), 1",
        "east|2\nnorth|1\nwest|3\n|1\n|7");
    pg.assertAnswer("SELECT region, count(*) FROM gs GROUP BY ALL region ORDER BY 1",
        "east|2\nnorth|1\nwest|3\n|1");
    pg.assertAnswer("SELECT region, product, count(*) FROM gs GROUP BY DISTINCT CUBE (region, product), ROLLUP (product, region) ORDER BY grouping(region, product), 1, 2",
        "east|apple|1\neast|pear|1\nnorth|kiwi|1\nwest|apple|2\nwest||1\n|pear|1\neast||2\nnorth||1\nwest||3\n||1\n|apple|3\n|kiwi|1\n|pear|2\n||1\n||7");
    pg.assertAnswer("SELECT region, count(*) FROM gs GROUP BY DISTINCT region ORDER BY 1",
        "east|2\nnorth|1\nwest|3\n|1");
  }
}
