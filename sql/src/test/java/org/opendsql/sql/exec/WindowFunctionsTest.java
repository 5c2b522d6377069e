package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Window functions, each answer as PostgreSQL 15 gave it (psql -At; errors as SQLSTATE: message)
 * for the same statements on the same rows.
 */
class WindowFunctionsTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE s (id int PRIMARY KEY, team text, pts int, amt numeric(8,2), f float8, "
        + "v varchar(10))");
    pg.client().run("INSERT INTO s VALUES (1, 'red', 10, 1.50, 0.5, 'ann'), (2, 'red', 20, 2.25, 1.5, "
        + "'ben'), (3, 'red', 20, NULL, 2.5, 'cat'), (4, 'red', 5, 4, NULL, 'dan'), (5, "
        + "'blue', 30, 10, 3, 'eli'), (6, 'blue', NULL, 0.75, -1, 'fin'), (7, 'blue', 15, 3, "
        + "0, 'gil'), (8, 'green', 7, NULL, 2, 'hex')");
  }

  @Test
  void rankingFunctionsNumberRowsPeersAndBuckets() {
    pg.assertAnswer("SELECT id, row_number() OVER (PARTITION BY team ORDER BY id) FROM s ORDER BY id",
        "1|1\n2|2\n3|3\n4|4\n5|1\n6|2\n7|3\n8|1");
    pg.assertAnswer("SELECT id, pts, rank() OVER (ORDER BY pts DESC), dense_rank() OVER (ORDER BY pts "
        + "DESC) FROM s ORDER BY id",
        "1|10|6|5\n2|20|3|3\n3|20|3|3\n4|5|8|7\n5|30|2|2\n6||1|1\n7|15|5|4\n8|7|7|6");
    pg.assertAnswer("SELECT id, percent_rank() OVER (ORDER BY pts), cume_dist() OVER (ORDER BY pts) FROM "
        + "s ORDER BY id",
        "1|0.2857142857142857|0.375\n2|0.5714285714285714|0.75\n3|0.5714285714285714|0.75\n4|0|0.125\n5|0.8571428571428571|0.875\n6|1|1\n7|0.42857142857142855|0.5\n8|0.14285714285714285|0.25");
    pg.assertAnswer("SELECT id, ntile(3) OVER (ORDER BY id), ntile(5) OVER (PARTITION BY team ORDER BY "
        + "id) FROM s ORDER BY id",
        "1|1|1\n2|1|2\n3|1|3\n4|2|4\n5|2|1\n6|2|2\n7|3|3\n8|3|1");
    pg.assertAnswer("SELECT id, ntile(NULL) OVER (ORDER BY id) FROM s WHERE id < 3 ORDER BY id",
        "1|\n2|");
    pg.assertAnswer("SELECT row_number() OVER (), rank() OVER (), percent_rank() OVER (), cume_dist() "
        + "OVER () FROM s WHERE id = 1",
        "1|1|0|1");
  }

  @Test
  void lagLeadAndTheValueFunctionsReadOtherRowsOfThePartition() {
    pg.assertAnswer("SELECT id, lag(pts) OVER (ORDER BY id), lead(pts, 2) OVER (ORDER BY id), lag(pts, "
        + "1, -1) OVER (PARTITION BY team ORDER BY id) FROM s ORDER BY id",
        "1||20|-1\n2|10|5|10\n3|20|30|20\n4|20||20\n5|5|15|-1\n6|30|7|30\n7|||\n8|15||-1");
    pg.assertAnswer("SELECT id, lag(v, 1, 'none') OVER (ORDER BY id), lead(amt, 1, 0) OVER (ORDER BY "
        + "id), lag(id, -1) OVER (ORDER BY id), lag(id, NULL) OVER (ORDER BY id) FROM s ORDER "
        + "BY id",
        "1|none|2.25|2|\n2|ann||3|\n3|ben|4.00|4|\n4|cat|10.00|5|\n5|dan|0.75|6|\n6|eli|3.00|7|\n7|fin||8|\n8|gil|0||");
    pg.assertAnswer("SELECT id, first_value(v) OVER (PARTITION BY team ORDER BY id), last_value(v) OVER "
        + "(PARTITION BY team ORDER BY id) FROM s ORDER BY id",
        "1|ann|ann\n2|ann|ben\n3|ann|cat\n4|ann|dan\n5|eli|eli\n6|eli|fin\n7|eli|gil\n8|hex|hex");
    pg.assertAnswer("SELECT id, last_value(v) OVER (PARTITION BY team ORDER BY id ROWS BETWEEN UNBOUNDED "
        + "PRECEDING AND UNBOUNDED FOLLOWING), nth_value(v, 2) OVER (ORDER BY id) FROM s ORDER "
        + "BY id",
        "1|dan|\n2|dan|ben\n3|dan|ben\n4|dan|ben\n5|gil|ben\n6|gil|ben\n7|gil|ben\n8|hex|ben");
    pg.assertAnswer("SELECT id, nth_value(id, 2) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 "
        + "FOLLOWING EXCLUDE CURRENT ROW) FROM s ORDER BY id",
        "1|\n2|3\n3|4\n4|5\n5|6\n6|7\n7|8\n8|");
  }

  @Test
  void aggregatesOverPartitionsAndTheDefaultFrameIncludePeers() {
    pg.assertAnswer("SELECT id, sum(pts) OVER (), sum(pts) OVER (PARTITION BY team), count(*) OVER "
        + "(PARTITION BY team), count(pts) OVER (PARTITION BY team) FROM s ORDER BY id",
        "1|107|55|4|4\n2|107|55|4|4\n3|107|55|4|4\n4|107|55|4|4\n5|107|45|3|2\n6|107|45|3|2\n7|107|45|3|2\n8|107|7|1|1");
    pg.assertAnswer("SELECT id, pts, sum(pts) OVER (ORDER BY pts), avg(pts) OVER (ORDER BY pts) FROM s "
        + "ORDER BY id",
        "1|10|22|7.3333333333333333\n2|20|77|12.8333333333333333\n3|20|77|12.8333333333333333\n4|5|5|5.0000000000000000\n5|30|107|15.2857142857142857\n6||107|15.2857142857142857\n7|15|37|9.2500000000000000\n8|7|12|6.0000000000000000");
    pg.assertAnswer("SELECT id, sum(amt) OVER (ORDER BY id), avg(amt) OVER (PARTITION BY team), min(v) "
        + "OVER (ORDER BY id DESC), max(f) OVER (PARTITION BY team) FROM s ORDER BY id",
        "1|1.50|2.5833333333333333|ann|2.5\n2|3.75|2.5833333333333333|ben|2.5\n3|3.75|2.5833333333333333|cat|2.5\n4|7.75|2.5833333333333333|dan|2.5\n5|17.75|4.5833333333333333|eli|3\n6|18.50|4.5833333333333333|fin|3\n7|21.50|4.5833333333333333|gil|3\n8|21.50||hex|2");
    pg.assertAnswer("SELECT id, sum(f) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), "
        + "avg(f) OVER (ORDER BY id ROWS 2 PRECEDING) FROM s ORDER BY id",
        "1|0.5|0.5\n2|2|1\n3|4|1.5\n4|2.5|2\n5|3|2.75\n6|2|1\n7|-1|0.6666666666666666\n8|2|0.3333333333333333");
    pg.assertAnswer("SELECT id, sum(pts) FILTER (WHERE pts > 10) OVER (PARTITION BY team) FROM s ORDER "
        + "BY id",
        "1|40\n2|40\n3|40\n4|40\n5|45\n6|45\n7|45\n8|");
    pg.assertAnswer("SELECT count(*) OVER (), sum(pts) OVER () FROM s WHERE false",
        "");
  }

  @Test
  void rowsRangeAndGroupsFramesWithExclusions() {
    pg.assertAnswer("SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), "
        + "sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM s "
        + "ORDER BY id",
        "1|3|36\n2|6|35\n3|9|33\n4|12|30\n5|15|26\n6|18|21\n7|21|15\n8|15|8");
    pg.assertAnswer("SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING), "
        + "sum(id) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 9 FOLLOWING) FROM s ORDER BY "
        + "id",
        "1||33\n2||30\n3|1|26\n4|3|21\n5|5|15\n6|7|8\n7|9|\n8|11|");
    pg.assertAnswer("SELECT id, pts, sum(id) OVER (ORDER BY pts RANGE BETWEEN 5 PRECEDING AND 5 "
        + "FOLLOWING) FROM s ORDER BY id",
        "1|10|20\n2|20|12\n3|20|12\n4|5|13\n5|30|5\n6||6\n7|15|13\n8|7|13");
    pg.assertAnswer("SELECT id, pts, sum(id) OVER (ORDER BY pts DESC NULLS LAST RANGE BETWEEN 5 "
        + "PRECEDING AND CURRENT ROW) FROM s ORDER BY id",
        "1|10|8\n2|20|5\n3|20|5\n4|5|13\n5|30|5\n6||6\n7|15|12\n8|7|9");
    pg.assertAnswer("SELECT id, amt, count(*) OVER (ORDER BY amt RANGE BETWEEN 1 PRECEDING AND 1.5 "
        + "FOLLOWING) FROM s ORDER BY id",
        "1|1.50|4\n2|2.25|3\n3||2\n4|4.00|2\n5|10.00|1\n6|0.75|3\n7|3.00|3\n8||2");
    pg.assertAnswer("SELECT id, f, sum(id) OVER (ORDER BY f RANGE BETWEEN 1 PRECEDING AND 0.5 FOLLOWING) "
        + "FROM s ORDER BY id",
        "1|0.5|8\n2|1.5|11\n3|2.5|18\n4||4\n5|3|16\n6|-1|6\n7|0|14\n8|2|13");
    pg.assertAnswer("SELECT id, pts, sum(id) OVER (ORDER BY pts GROUPS BETWEEN 1 PRECEDING AND 1 "
        + "FOLLOWING) FROM s ORDER BY id",
        "1|10|16\n2|20|17\n3|20|17\n4|5|12\n5|30|16\n6||11\n7|15|13\n8|7|13");
    pg.assertAnswer("SELECT id, pts, sum(id) OVER (ORDER BY pts ROWS BETWEEN UNBOUNDED PRECEDING AND "
        + "UNBOUNDED FOLLOWING EXCLUDE TIES), sum(id) OVER (ORDER BY pts GROUPS BETWEEN "
        + "CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) FROM s ORDER BY id",
        "1|10|36|23\n2|20|33|11\n3|20|34|11\n4|5|36|32\n5|30|36|6\n6||36|\n7|15|36|16\n8|7|36|24");
    pg.assertAnswer("SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM "
        + "(SELECT 2147483647 AS x UNION ALL SELECT 2147483646 UNION ALL SELECT -2147483648) t "
        + "ORDER BY x",
        "-2147483648|-2147483648\n2147483646|4294967293\n2147483647|4294967293");
  }

  @Test
  void namedWindowsCopyPartitionOrderAndFrameAsSQLSays() {
    pg.assertAnswer("SELECT id, row_number() OVER w, sum(pts) OVER w FROM s WINDOW w AS (PARTITION BY "
        + "team ORDER BY id) ORDER BY id",
        "1|1|10\n2|2|30\n3|3|50\n4|4|55\n5|1|30\n6|2|30\n7|3|45\n8|1|7");
    pg.assertAnswer("SELECT id, sum(id) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM s WINDOW "
        + "w AS (PARTITION BY team ORDER BY id) ORDER BY id",
        "1|1\n2|3\n3|5\n4|7\n5|5\n6|11\n7|13\n8|8");
    pg.assertAnswer("SELECT id, sum(id) OVER w2, sum(id) OVER (w1) FROM s WINDOW w1 AS (PARTITION BY "
        + "team), w2 AS (w1 ORDER BY id DESC) ORDER BY id",
        "1|10|10\n2|9|10\n3|7|10\n4|4|10\n5|18|18\n6|13|18\n7|7|18\n8|8|8");
    pg.assertAnswer("SELECT id, 'over (w order by x)' AS t, count(*) OVER (\"W\" ORDER BY id) FROM s "
        + "WINDOW \"W\" AS (PARTITION BY team) ORDER BY id",
        "1|over (w order by x)|1\n2|over (w order by x)|2\n3|over (w order by x)|3\n4|over (w "
        + "order by x)|4\n5|over (w order by x)|1\n6|over (w order by x)|2\n7|over (w order by "
        + "x)|3\n8|over (w order by x)|1");
    pg.assertAnswer("SELECT sum(id) OVER w FROM s",
        "42704: window \"w\" does not exist");
    pg.assertAnswer("SELECT sum(id) OVER (w PARTITION BY id) FROM s WINDOW w AS (PARTITION BY team)",
        "42P20: cannot override PARTITION BY clause of window \"w\"");
    pg.assertAnswer("SELECT sum(id) OVER (w ORDER BY id) FROM s WINDOW w AS (ORDER BY pts)",
        "42P20: cannot override ORDER BY clause of window \"w\"");
    pg.assertAnswer("SELECT sum(id) OVER (w) FROM s WINDOW w AS (ORDER BY pts ROWS 1 PRECEDING)",
        "42P20: cannot copy window \"w\" because it has a frame clause");
    pg.assertAnswer("SELECT sum(id) OVER w FROM s WINDOW w AS (ORDER BY pts), w AS (ORDER BY id)",
        "42P20: window \"w\" is already defined");
  }

  @Test
  void windowsRunAfterGroupingAndFeedOrderByDistinctAndOuterQueries() {
    pg.assertAnswer("SELECT team, sum(pts), sum(sum(pts)) OVER (), rank() OVER (ORDER BY sum(pts) DESC) "
        + "FROM s GROUP BY team ORDER BY team",
        "blue|45|107|2\ngreen|7|107|3\nred|55|107|1");
    pg.assertAnswer("SELECT team, count(*), row_number() OVER (ORDER BY count(*), team) AS rn FROM s "
        + "GROUP BY team ORDER BY rn",
        "green|1|1\nblue|3|2\nred|4|3");
    pg.assertAnswer("SELECT id FROM s ORDER BY rank() OVER (ORDER BY pts DESC NULLS LAST), id",
        "5\n2\n3\n7\n1\n8\n4\n6");
    pg.assertAnswer("SELECT DISTINCT team, count(*) OVER (PARTITION BY team) FROM s ORDER BY team",
        "blue|3\ngreen|1\nred|4");
    pg.assertAnswer("SELECT team, v FROM (SELECT team, v, row_number() OVER (PARTITION BY team ORDER BY "
        + "pts DESC NULLS LAST, id) AS rn FROM s) t WHERE rn = 1 ORDER BY team",
        "blue|eli\ngreen|hex\nred|ben");
    pg.assertAnswer("SELECT a.id, b.id, row_number() OVER (ORDER BY a.id, b.id) FROM s a JOIN s b ON "
        + "a.pts = b.pts AND a.id < b.id ORDER BY 3",
        "2|3|1");
  }

  @Test
  void windowFunctionsWherePostgreSQLRefusesThem() {
    pg.assertAnswer("SELECT id FROM s WHERE row_number() OVER (ORDER BY id) = 1",
        "42P20: window functions are not allowed in WHERE");
    pg.assertAnswer("SELECT id FROM s GROUP BY row_number() OVER ()",
        "42P20: window functions are not allowed in GROUP BY");
    pg.assertAnswer("SELECT team FROM s GROUP BY team HAVING rank() OVER () > 0",
        "42P20: window functions are not allowed in HAVING");
    pg.assertAnswer("SELECT sum(row_number() OVER ()) OVER () FROM s",
        "42P20: window function calls cannot be nested");
    pg.assertAnswer("SELECT team, sum(row_number() OVER ()) FROM s GROUP BY team",
        "42803: aggregate function calls cannot contain window function calls");
    pg.assertAnswer("SELECT row_number() OVER (ORDER BY rank() OVER ()) FROM s",
        "42P20: window functions are not allowed in window definitions");
    pg.assertAnswer("SELECT * FROM s a JOIN s b ON row_number() OVER () = 1",
        "42P20: window functions are not allowed in JOIN conditions");
    pg.assertAnswer("SELECT 1 FROM s LIMIT row_number() OVER ()",
        "42P20: window functions are not allowed in LIMIT");
    pg.assertAnswer("SELECT sum(id) OVER () FROM s GROUP BY team",
        "42803: column \"s.id\" must appear in the GROUP BY clause or be used in an aggregate "
        + "function");
    pg.assertAnswer("SELECT row_number() FROM s",
        "42809: window function row_number requires an OVER clause");
    pg.assertAnswer("SELECT lower(v) OVER () FROM s",
        "42809: OVER specified, but lower is not a window function nor an aggregate function");
    pg.assertAnswer("SELECT sum(DISTINCT id) OVER () FROM s",
        "0A000: DISTINCT is not implemented for window functions");
    pg.assertAnswer("SELECT rank() FILTER (WHERE id > 1) OVER () FROM s",
        "0A000: FILTER is not implemented for non-aggregate window functions");
  }

  @Test
  void badArgumentsAndFramesFailWithTheSqlstatesOfPostgresql() {
    pg.assertAnswer("SELECT ntile(0) OVER () FROM s",
        "22014: argument of ntile must be greater than zero");
    pg.assertAnswer("SELECT ntile(2::bigint) OVER () FROM s",
        "42883: function ntile(bigint) does not exist");
    pg.assertAnswer("SELECT nth_value(id, 0) OVER () FROM s",
        "22016: argument of nth_value must be greater than zero");
    pg.assertAnswer("SELECT lag('a') OVER (ORDER BY id) FROM s",
        "42804: could not determine polymorphic type because input has type unknown");
    pg.assertAnswer("SELECT row_number(1) OVER () FROM s",
        "42883: function row_number(integer) does not exist");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) "
        + "FROM s",
        "42P20: frame start cannot be UNBOUNDED FOLLOWING");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) "
        + "FROM s",
        "42P20: frame end cannot be UNBOUNDED PRECEDING");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM s",
        "42P20: frame starting from current row cannot have preceding rows");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM s",
        "42P20: frame starting from following row cannot have preceding rows");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS 1 FOLLOWING) FROM s",
        "42P20: frame starting from following row cannot end with current row");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS -1 PRECEDING) FROM s",
        "22013: frame starting offset must not be negative");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND -1 FOLLOWING) FROM s",
        "22013: frame ending offset must not be negative");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS NULL PRECEDING) FROM s",
        "22004: frame starting offset must not be null");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS pts PRECEDING) FROM s",
        "42P10: argument of ROWS must not contain variables");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS true PRECEDING) FROM s",
        "42804: argument of ROWS must be type bigint, not type boolean");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id, pts RANGE 1 PRECEDING) FROM s",
        "42P20: RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY v RANGE 1 PRECEDING) FROM s",
        "0A000: RANGE with offset PRECEDING/FOLLOWING is not supported for column type text");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY pts RANGE 1.5 PRECEDING) FROM s",
        "0A000: RANGE with offset PRECEDING/FOLLOWING is not supported for column type "
        + "integer and offset type numeric");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY pts RANGE -1 PRECEDING) FROM s",
        "22013: invalid preceding or following size in window function");
    pg.assertAnswer("SELECT sum(id) OVER (GROUPS 1 PRECEDING) FROM s",
        "42P20: GROUPS mode requires an ORDER BY clause");
    pg.assertAnswer("SELECT sum(id) OVER (ORDER BY id ROWS -1 PRECEDING) FROM s WHERE false",
        "22013: frame starting offset must not be negative");
  }

  @Test
  void everyWindowDefinitionIsBoundEvenUnused() {
    pg.assertAnswer("SELECT id FROM s WINDOW w AS (ORDER BY nosuch)", "42703: column \"nosuch\" does not exist");
    pg.assertAnswer("SELECT team FROM s GROUP BY team WINDOW w AS (ORDER BY pts)",
        "42803: column \"s.pts\" must appear in the GROUP BY clause or be used in an aggregate function");
    pg.assertAnswer("SELECT \"row_number\"() OVER (ORDER BY id), pg_catalog.rank() OVER (ORDER BY id) FROM s WHERE id < 3 ORDER BY 1",
        "1|1\n2|2");
  }

  @Test
  void aFrameOffsetMayBeAParameter() {
    // PostgreSQL: the same statement with 1 for $1 gives 1, 3, 5, 7, 9, 11, 13, 15.
    assertEquals(java.util.List.of(1L, 3L, 5L, 7L, 9L, 11L, 13L, 15L),
        pg.client().run("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN $1 PRECEDING AND CURRENT ROW) FROM s ORDER BY id", 1L)
            .rows().stream().map(r -> r[0]).toList());
  }

  @Test
  void theRowsAWindowHoldsCountAgainstTheQueryMemoryLimit() {
    MemKvStore kv = new MemKvStore();
    SqlConfig small = new SqlConfig(SqlConfig.DEFAULT.maxRowsPerTxn(), SqlConfig.DEFAULT.maxBytesPerTxn(),
        SqlConfig.DEFAULT.maxTxnAgeMicros(), SqlConfig.DEFAULT.scanPageSize(), SqlConfig.DEFAULT.maxNestingDepth(),
        60_000, SqlConfig.DEFAULT.statementCacheSize());
    Client c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()), small);
    c.run("CREATE TABLE big (id int PRIMARY KEY, pad text)");
    for (int i = 0; i < 300; i += 50) {
      StringBuilder sql = new StringBuilder("INSERT INTO big VALUES ");
      for (int j = i; j < i + 50; j++) sql.append(j > i ? ", " : "").append("(").append(j).append(", 'row ").append(j).append("')");
      c.run(sql.toString());
    }
    assertEquals(300, c.run("SELECT id, pad FROM big").rows().size(), "streamed rows are not held");
    assertEquals("53200", c.fail("SELECT id, pad, row_number() OVER (ORDER BY id DESC) FROM big").state().code());
  }

  @Test
  void theWholeAggregateLibraryRunsOverWindowFrames() {
    pg.assertAnswer("SELECT x, bool_and(x > 1) OVER (ORDER BY x), bool_or(x > 2) OVER (), every(x < 9) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES (1), (2), (3), (NULL)) v(x) ORDER BY x",
        "1|f|t|t\n2|f|t|t\n3|f|t|t\n|f|t|t");
    pg.assertAnswer("SELECT x, string_agg(s, ',') OVER (ORDER BY x), string_agg(s, '-') OVER (ORDER BY x DESC ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM (VALUES (1, 'a'), (2, NULL), (3, 'c')) v(x, s) ORDER BY x",
        "1|a|a\n2|a|a\n3|a,c|c");
    pg.assertAnswer("SELECT x, bit_or(x) OVER (ORDER BY x), stddev_samp(x) OVER (ORDER BY x), var_pop(x) OVER () FROM (VALUES (1), (2), (4)) v(x) ORDER BY x",
        "1|1||1.5555555555555556\n2|3|0.70710678118654752440|1.5555555555555556\n4|7|1.5275252316519467|1.5555555555555556");
    pg.assertAnswer("SELECT x, bool_and(x) OVER () FROM (VALUES (1)) v(x)",
        "42883: function bool_and(integer) does not exist");
  }
}
