package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * The aggregate library as PostgreSQL 15 answers it (answers copied from psql -At against a
 * reference server): result types and scales, NULLs and empty input, DISTINCT, FILTER, ORDER BY
 * inside the call, ordered-set aggregates, and the errors with their SQLSTATEs and messages.
 */
class AggregatesTest {
  private final PgAnswers pg = new PgAnswers();

  @BeforeEach
  void table() {
    pg.client().run("CREATE TABLE ag_t (id int PRIMARY KEY, g text, i2 smallint, i4 int, i8 bigint, n numeric(10,3), f4 real, f8 double precision, b boolean, s varchar(10), d date, ts timestamp, tz timestamptz, u uuid, by bytea)");
    pg.client().run("INSERT INTO ag_t VALUES (1,'a',1,10,100,1.5,1.5,1.25,true,'x','2024-01-01','2024-01-01 10:00','2024-01-01 10:00+00','00000000-0000-0000-0000-000000000001','\\x01'),(2,'a',2,20,200,2.25,2.5,2.5,false,'y','2024-02-01','2024-02-01 10:00','2024-02-01 10:00+00','00000000-0000-0000-0000-000000000002','\\x02'),(3,'b',3,30,300,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL),(4,'b',4,-7,9223372036854775807,-0.001,3.25,-1e10,true,'z','2023-12-31','2023-12-31 23:59','2023-12-31 23:59+00',NULL,'\\xff'),(5,'c',NULL,NULL,NULL,10,0.1,0.1,true,'x','2024-01-01',NULL,NULL,NULL,NULL)");
  }

  @Test
  void answers() {
    pg.assertAnswer("SELECT count(*), count(i4), count(n), count(DISTINCT s), count(DISTINCT g) FROM ag_t",
        "5|4|4|3|3");
    pg.assertAnswer("SELECT sum(i2), sum(i4), sum(i8), sum(n), sum(f4), sum(f8) FROM ag_t",
        "10|53|9223372036854776407|13.749|7.35|-9999999996.15");
    pg.assertAnswer("SELECT pg_typeof(sum(i2)), pg_typeof(sum(i4)), pg_typeof(sum(i8)), pg_typeof(sum(n)), pg_typeof(sum(f4)), pg_typeof(sum(f8)) FROM ag_t",
        "bigint|bigint|numeric|numeric|real|double precision");
    pg.assertAnswer("SELECT avg(i2), avg(i4), avg(i8), avg(n), avg(f4), avg(f8) FROM ag_t",
        "2.5000000000000000|13.2500000000000000|2305843009213694102|3.4372500000000000|1.837500000372529|-2499999999.0375");
    pg.assertAnswer("SELECT pg_typeof(avg(i2)), pg_typeof(avg(f4)), pg_typeof(avg(n)) FROM ag_t",
        "numeric|double precision|numeric");
    pg.assertAnswer("SELECT min(i2), max(i2), min(n), max(n), min(f4), max(f8), min(s), max(s), min(d), max(d), min(ts), max(ts), min(tz), max(tz) FROM ag_t",
        "1|4|-0.001|10.000|0.1|2.5|x|z|2023-12-31|2024-02-01|2023-12-31 23:59:00|2024-02-01 10:00:00|2023-12-31 23:59:00+00|2024-02-01 10:00:00+00");
    pg.assertAnswer("SELECT pg_typeof(min(s)), pg_typeof(min(g)) FROM ag_t",
        "text|text");
    pg.assertAnswer("SELECT bool_and(b), bool_or(b), every(b) FROM ag_t",
        "f|t|f");
    pg.assertAnswer("SELECT g, bool_and(b), bool_or(b) FROM ag_t GROUP BY g ORDER BY g",
        "a|f|t\nb|t|t\nc|t|t");
    pg.assertAnswer("SELECT bit_and(i4), bit_or(i4), bit_xor(i4), bit_and(i2), bit_or(i8), pg_typeof(bit_and(i2)) FROM ag_t",
        "0|-1|-7|0|9223372036854775807|smallint");
    pg.assertAnswer("SELECT string_agg(s, ','), string_agg(g, '-' ORDER BY id DESC) FROM ag_t",
        "x,y,z,x|c-b-b-a-a");
    pg.assertAnswer("SELECT string_agg(DISTINCT g, ',') FROM ag_t",
        "a,b,c");
    pg.assertAnswer("SELECT string_agg(DISTINCT s, ',' ORDER BY s DESC) FROM ag_t",
        "z,y,x");
    pg.assertAnswer("SELECT string_agg(s, ',' ORDER BY s NULLS FIRST), string_agg(s, ',' ORDER BY s DESC NULLS LAST) FROM ag_t",
        "x,x,y,z|z,y,x,x");
    pg.assertAnswer("SELECT string_agg(s, NULL), string_agg(by, '\\x2c'::bytea) FROM ag_t",
        "xyzx|\\x012c022cff");
    pg.assertAnswer("SELECT string_agg(g, s) FROM ag_t",
        "ayabzbxc");
    pg.assertAnswer("SELECT stddev(i4), stddev_samp(i4), stddev_pop(i4), variance(i4), var_samp(i4), var_pop(i4) FROM ag_t",
        "15.7770930993851547|15.7770930993851547|13.6633634219397092|248.9166666666666667|248.9166666666666667|186.6875000000000000");
    pg.assertAnswer("SELECT stddev(n), stddev_samp(n), stddev_pop(n), variance(n), var_samp(n), var_pop(n) FROM ag_t",
        "4.4741386787477505|4.4741386787477505|3.8747177558500955|20.0179169166666667|20.0179169166666667|15.0134376875000000");
    pg.assertAnswer("SELECT stddev(f8), stddev_pop(f8), variance(f8), var_pop(f8), stddev(f4), var_samp(f4) FROM ag_t",
        "5000000000.641666|4330127019.477893|2.5000000006416667e+19|1.87500000048125e+19|1.362213271948981|1.8556249982739488");
    pg.assertAnswer("SELECT stddev(i8), variance(i8), var_pop(i2) FROM ag_t",
        "4611686018427387804|21267647932558653039512023260580561279|1.2500000000000000");
    pg.assertAnswer("SELECT stddev(i4), variance(i4), stddev_pop(i4), var_pop(i4) FROM ag_t WHERE id = 1",
        "||0|0");
    pg.assertAnswer("SELECT count(*) FILTER (WHERE b), sum(i4) FILTER (WHERE g = 'a'), max(s) FILTER (WHERE NOT b) FROM ag_t",
        "3|30|y");
    pg.assertAnswer("SELECT g, count(*) FILTER (WHERE i4 > 0) AS pos, string_agg(s, ',' ORDER BY s) FILTER (WHERE s <> 'z') FROM ag_t GROUP BY g ORDER BY g",
        "a|2|x,y\nb|1|\nc|0|x");
    pg.assertAnswer("SELECT count(DISTINCT i4) FILTER (WHERE i4 > 0) FROM ag_t",
        "3");
    pg.assertAnswer("SELECT count(DISTINCT (g, s)), count((g, s)) FROM ag_t",
        "5|5");
    pg.assertAnswer("SELECT g, sum(i4) FROM ag_t WHERE false GROUP BY g",
        "");
    pg.assertAnswer("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i4), percentile_disc(0.5) WITHIN GROUP (ORDER BY i4), mode() WITHIN GROUP (ORDER BY s) FROM ag_t",
        "15|10|x");
    pg.assertAnswer("SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY n), percentile_disc(0.9) WITHIN GROUP (ORDER BY s DESC) FROM ag_t",
        "1.1247500000000001|x");
    pg.assertAnswer("SELECT count(ALL i4), sum(ALL i4) FROM ag_t",
        "4|53");
    pg.assertAnswer("SELECT g, count(*) FROM ag_t GROUP BY g HAVING count(*) FILTER (WHERE b) >= 1 ORDER BY g",
        "a|2\nb|2\nc|1");
    pg.assertAnswer("SELECT string_agg(g || s, ', ' ORDER BY id) FROM ag_t",
        "ax, ay, bz, cx");
    pg.assertAnswer("SELECT sum(n ORDER BY id) FROM ag_t",
        "13.749");
    pg.assertAnswer("SELECT min('b'), max('a'), bool_and('t')",
        "b|a|t");
    pg.assertAnswer("SELECT sum(x) FROM (VALUES (2147483647), (1)) t(x)",
        "2147483648");
    pg.assertAnswer("SELECT bit_or(x) FROM (VALUES (32767::smallint), (1::smallint)) t(x)",
        "32767");
    pg.assertAnswer("SELECT sum(x) FROM (VALUES (0.1::real), (0.2::real), (0.3::real)) t(x)",
        "0.6");
    pg.assertAnswer("SELECT sum(x), avg(x) FROM (VALUES (0.1::float8), (0.2::float8), (0.3::float8)) t(x)",
        "0.6000000000000001|0.20000000000000004");
    pg.assertAnswer("SELECT array_agg(1)", "{1}");
    pg.assertAnswer("SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x), avg(x) FROM (VALUES (1.123), (-2.5), (1000.07), (3)) t(x)",
        "249769.766488916667|499.769713457025|187327.324866687500|432.813267895853|250.4232500000000000");
    pg.assertAnswer("SELECT variance(x), stddev(x), avg(x) FROM (VALUES (123456789.987654321), (0.000000001), (-5)) t(x)",
        "5080526537113253.005182138600772240|71277812.376035033621541245|41152261.662551440667");
    pg.assertAnswer("SELECT variance(x), stddev(x), avg(x) FROM (VALUES (10000), (20000), (30001)) t(x)",
        "100010000.333333333333|10000.500004166458|20000.333333333333");
    pg.assertAnswer("SELECT variance(x), stddev(x), avg(x) FROM (VALUES (0.5), (0.25)) t(x)",
        "0.03125000000000000000|0.17677669529663688110|0.37500000000000000000");
    pg.assertAnswer("SELECT stddev(x), avg(x) FROM (VALUES (99999999), (1)) t(x)",
        "70710676.7044|50000000.000000000000");
    pg.assertAnswer("SELECT avg(x) FROM (VALUES (-1), (-2)) t(x)",
        "-1.5000000000000000");
    pg.assertAnswer("SELECT avg(x) FROM (VALUES (1::bigint), (2), (2)) t(x)",
        "1.6666666666666667");
    pg.assertAnswer("SELECT avg(x), sum(x) FROM (VALUES (1.0), (1.00), (1.000)) t(x)",
        "1.00000000000000000000|3.000");
    pg.assertAnswer("SELECT sum(DISTINCT x) FROM (VALUES (1.0), (1.00), (2)) t(x)",
        "3.0");
    pg.assertAnswer("SELECT var_samp(x), var_pop(x), stddev_samp(x) FROM (VALUES (1::real), (2::real), (4::real)) t(x)",
        "2.3333333333333335|1.5555555555555556|1.5275252316519468");
    pg.assertAnswer("SELECT var_samp(x), stddev(x) FROM (VALUES (1e-300::float8), (3e-300::float8)) t(x)",
        "0|0");
    pg.assertAnswer("SELECT sum(x) FROM (VALUES (9223372036854775807::bigint), (9223372036854775807::bigint)) t(x)",
        "18446744073709551614");
    pg.assertAnswer("SELECT string_agg(x, ',' ORDER BY y, x DESC) FROM (VALUES ('a', 1), ('b', 2), ('c', 1), ('d', NULL)) t(x, y)",
        "c,a,b,d");
    pg.assertAnswer("SELECT string_agg(x, ',' ORDER BY y DESC NULLS FIRST, x) FROM (VALUES ('a', 1), ('b', 2), ('c', 1), ('d', NULL)) t(x, y)",
        "d,b,a,c");
    pg.assertAnswer("SELECT string_agg(x, d) FROM (VALUES ('a', '-'), ('b', NULL), ('c', '+')) t(x, d)",
        "ab+c");
    pg.assertAnswer("SELECT max(x), min(x) FROM (VALUES ('ä'), ('z'), ('A'), ('é')) t(x)",
        "é|A");
    pg.assertAnswer("SELECT bool_and(x), bool_or(x) FROM (VALUES (NULL::boolean), (NULL)) t(x)",
        "|");
    pg.assertAnswer("SELECT g, sum(v) FILTER (WHERE v > 1), count(*) FROM (VALUES ('a', 1), ('a', 2), ('b', 1)) t(g, v) GROUP BY g ORDER BY sum(v) FILTER (WHERE v > 1) NULLS FIRST, g",
        "b||1\na|2|2");
    pg.assertAnswer("SELECT count(*) FROM (VALUES (1), (2)) a(x) JOIN (VALUES (1), (3)) b(y) ON true",
        "4");
    pg.assertAnswer("SELECT a.x, string_agg(b.y::text, '|' ORDER BY b.y DESC) FROM (VALUES (1), (2)) a(x) JOIN (VALUES (1), (3)) b(y) ON true GROUP BY a.x ORDER BY a.x",
        "1|3|1\n2|3|1");
    pg.assertAnswer("SELECT (SELECT count(*) FILTER (WHERE y > x) FROM (VALUES (1), (3)) b(y)) FROM (VALUES (1), (2)) a(x) ORDER BY 1",
        "1\n1");
    pg.assertAnswer("SELECT sum(x) FILTER (WHERE x > 1) + 1, count(DISTINCT x) * 2 FROM (VALUES (1), (2), (2)) t(x)",
        "5|4");
    pg.assertAnswer("SELECT string_agg(DISTINCT x::text, ',') FROM (VALUES (10), (9), (100), (9)) t(x)",
        "10,100,9");
    pg.assertAnswer("SELECT count(DISTINCT x) FROM (VALUES (NULL::int), (NULL)) t(x)",
        "0");
    pg.assertAnswer("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (3), (4)) t(x)",
        "2.5|2");
    pg.assertAnswer("SELECT percentile_cont(0) WITHIN GROUP (ORDER BY x), percentile_cont(1) WITHIN GROUP (ORDER BY x), percentile_disc(0) WITHIN GROUP (ORDER BY x) FROM (VALUES (1.5), (2), (7)) t(x)",
        "1.5|7|1.5");
    pg.assertAnswer("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1)) t(x) WHERE false",
        "");
    pg.assertAnswer("SELECT mode() WITHIN GROUP (ORDER BY x) FROM (VALUES (3), (1), (3), (1), (2)) t(x)",
        "1");
    pg.assertAnswer("SELECT pg_typeof(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)), pg_typeof(percentile_cont(0.5) WITHIN GROUP (ORDER BY x)) FROM (VALUES (1.5)) t(x)",
        "numeric|double precision");
    pg.assertAnswer("SELECT min(x), max(x) FROM (VALUES (1::real), ('NaN'::real), (-1)) t(x)",
        "-1|NaN");
    pg.assertAnswer("SELECT sum(x), avg(x) FROM (VALUES ('NaN'::float8), (1)) t(x)",
        "NaN|NaN");
    pg.assertAnswer("SELECT sum(x), avg(x), stddev(x) FROM (VALUES ('Infinity'::float8), (1)) t(x)",
        "Infinity|Infinity|NaN");
    pg.assertAnswer("SELECT 1 FROM (VALUES (1)) t(x) GROUP BY x HAVING sum(x) > 0",
        "1");
    pg.assertAnswer("SELECT sum(x) FROM (VALUES (1)) t(x) ORDER BY sum(x)",
        "1");
    pg.assertAnswer("SELECT string_agg('a', 'b')",
        "a");
    pg.assertAnswer("SELECT string_agg(x::bytea, NULL) FROM (VALUES ('a'), ('b')) t(x)",
        "\\x6162");
    pg.assertAnswer("SELECT sum(x ORDER BY x) FILTER (WHERE x > 0) FROM (VALUES (1), (2)) t(x)",
        "3");
    pg.assertAnswer("SELECT avg(DISTINCT x ORDER BY x) FROM (VALUES (1), (2)) t(x)",
        "1.5000000000000000");
    pg.assertAnswer("SELECT count(DISTINCT x ORDER BY x DESC) FROM (VALUES (1), (2)) t(x)",
        "2");
    pg.assertAnswer("SELECT bit_and(x), bit_or(x), bit_xor(x) FROM (VALUES (12::bigint), (10), (NULL)) t(x)",
        "8|14|6");
    pg.assertAnswer("SELECT every(x < 3), bool_or(x > 100) FROM (VALUES (1), (2), (3)) t(x)",
        "f|f");
    pg.assertAnswer("SELECT sum(x)::text, avg(x)::text FROM (VALUES (1::smallint), (2::smallint)) t(x)",
        "3|1.5000000000000000");
    pg.assertAnswer("SELECT stddev(x), variance(x) FROM (VALUES (1::smallint), (2::smallint), (2::smallint)) t(x)",
        "0.57735026918962576451|0.33333333333333333333");
    pg.assertAnswer("SELECT count(*) FILTER (WHERE x IS NULL), count(x) FILTER (WHERE x IS NULL) FROM (VALUES (1), (NULL)) t(x)",
        "1|0");
    pg.assertAnswer("SELECT sum(x) FILTER (WHERE NULL) FROM (VALUES (1)) t(x)",
        "");
    pg.assertAnswer("SELECT count(*) FILTER (WHERE 'true') FROM (VALUES (1)) t(x)",
        "1");
  }

  @Test
  void heldInputsCountAgainstTheQueryMemoryLimit() {
    SqlConfig d = SqlConfig.DEFAULT;
    SqlConfig small = new SqlConfig(d.maxRowsPerTxn(), d.maxBytesPerTxn(), d.maxTxnAgeMicros(), d.scanPageSize(),
        d.maxNestingDepth(), 600_000, d.statementCacheSize());
    MemKvStore kv = new MemKvStore();
    Client c = new Client(kv, new CatalogCache(kv, small.scanPageSize()), small);
    // The 5,000 input rows fit, and so does an aggregate that holds nothing; holding them all does not.
    assertEquals(5000L, c.run("SELECT count(g) FROM generate_series(1, 5000) s(g)").value());
    assertEquals(23892, c.run("SELECT length(string_agg(g::text, ',')) FROM generate_series(1, 5000) s(g)").value());
    DbException e = c.fail("SELECT string_agg(g::text, ',' ORDER BY g DESC) FROM generate_series(1, 5000) s(g)");
    assertEquals("53200", e.state().code());
  }

  @Test
  void errors() {
    pg.assertAnswer("SELECT count() FROM ag_t",
        "42809: count(*) must be used to call a parameterless aggregate function");
    pg.assertAnswer("SELECT sum(*) FROM ag_t",
        "42883: function sum() does not exist");
    pg.assertAnswer("SELECT sum(g) FROM ag_t",
        "42883: function sum(text) does not exist");
    pg.assertAnswer("SELECT min(b) FROM ag_t",
        "42883: function min(boolean) does not exist");
    pg.assertAnswer("SELECT max(u) FROM ag_t",
        "42883: function max(uuid) does not exist");
    pg.assertAnswer("SELECT min(by) FROM ag_t",
        "42883: function min(bytea) does not exist");
    pg.assertAnswer("SELECT bool_or(i4) FROM ag_t",
        "42883: function bool_or(integer) does not exist");
    pg.assertAnswer("SELECT bit_or(n) FROM ag_t",
        "42883: function bit_or(numeric) does not exist");
    pg.assertAnswer("SELECT stddev(s) FROM ag_t",
        "42883: function stddev(character varying) does not exist");
    pg.assertAnswer("SELECT string_agg(i4, ',') FROM ag_t",
        "42883: function string_agg(integer, unknown) does not exist");
    pg.assertAnswer("SELECT string_agg(s) FROM ag_t",
        "42883: function string_agg(character varying) does not exist");
    pg.assertAnswer("SELECT sum(sum(i4)) FROM ag_t",
        "42803: aggregate function calls cannot be nested");
    pg.assertAnswer("SELECT id FROM ag_t WHERE sum(i4) > 0",
        "42803: aggregate functions are not allowed in WHERE");
    pg.assertAnswer("SELECT count(*) FROM ag_t GROUP BY count(*)",
        "42803: aggregate functions are not allowed in GROUP BY");
    pg.assertAnswer("SELECT count(*) FILTER (WHERE count(*) > 1) FROM ag_t",
        "42803: aggregate functions are not allowed in FILTER");
    pg.assertAnswer("SELECT lower(s) FILTER (WHERE true) FROM ag_t",
        "42809: FILTER specified, but lower is not an aggregate function");
    pg.assertAnswer("SELECT lower(DISTINCT s) FROM ag_t",
        "42809: DISTINCT specified, but lower is not an aggregate function");
    pg.assertAnswer("SELECT lower(s ORDER BY s) FROM ag_t",
        "42809: ORDER BY specified, but lower is not an aggregate function");
    pg.assertAnswer("SELECT string_agg(DISTINCT s, ',' ORDER BY g) FROM ag_t",
        "42P10: in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list");
    pg.assertAnswer("SELECT count(*) FILTER (WHERE i4) FROM ag_t",
        "42804: argument of FILTER must be type boolean, not type integer");
    pg.assertAnswer("SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY i4) FROM ag_t",
        "22003: percentile value 1.5 is not between 0 and 1");
    pg.assertAnswer("SELECT percentile_cont(0.5) FROM ag_t",
        "42883: function percentile_cont(numeric) does not exist");
    pg.assertAnswer("SELECT sum(i4) WITHIN GROUP (ORDER BY i4) FROM ag_t",
        "42883: function sum(integer, integer) does not exist");
    pg.assertAnswer("SELECT sum('1')",
        "42725: function sum(unknown) is not unique");
    pg.assertAnswer("SELECT avg('1')",
        "42725: function avg(unknown) is not unique");
    pg.assertAnswer("SELECT bit_and('1')",
        "42725: function bit_and(unknown) is not unique");
    pg.assertAnswer("SELECT sum(f4) FROM (VALUES (3e38::real), (3e38::real)) t(f4)",
        "22003: value out of range: overflow");
    pg.assertAnswer("SELECT sum(f8), avg(f8) FROM (VALUES (1e308::float8), (1e308::float8)) t(f8)",
        "22003: value out of range: overflow");
    pg.assertAnswer("SELECT avg(x) FROM (VALUES (1e200::float8), (-1e200::float8)) t(x)",
        "22003: value out of range: overflow");
    pg.assertAnswer("SELECT lower('a') WITHIN GROUP (ORDER BY 1)",
        "42883: function lower(unknown, integer) does not exist");
    pg.assertAnswer("SELECT mode(1) WITHIN GROUP (ORDER BY 1)",
        "42883: function mode(integer, integer) does not exist");
    pg.assertAnswer("SELECT x FROM (VALUES (1), (2)) t(x) ORDER BY count(*)",
        "42803: column \"t.x\" must appear in the GROUP BY clause or be used in an aggregate function");
    pg.assertAnswer("SELECT count(x) FROM (VALUES (1)) t(x) GROUP BY x HAVING count(*) FILTER (WHERE sum(x) > 0) > 0",
        "42803: aggregate functions are not allowed in FILTER");
  }
}
