package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgArray;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;
import org.opendsql.sql.testkit.PgAnswers;

/** Arrays as PostgreSQL 15 has them, each answer as psql -At printed it (errors as SQLSTATE: message). */
class ArraysTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void literalsConstructorsAndCastsReadAndPrintAsArrayInAndArrayOut() {
    pg.assertAnswer("SELECT ARRAY[1,2,3], ARRAY['a','b'], ARRAY[1.5, 2], ARRAY[[1,2],[3,4]], ARRAY[ARRAY[1],ARRAY[2]]", "{1,2,3}|{a,b}|{1.5,2}|{{1,2},{3,4}}|{{1},{2}}");
    pg.assertAnswer("SELECT '{1,2,3}'::int[], '{a,\"b c\",NULL,\"\"}'::text[], '[0:2]={1,2,3}'::int[], '{}'::int[], ' { 1 , 2 } '::int[]", "{1,2,3}|{a,\"b c\",NULL,\"\"}|[0:2]={1,2,3}|{}|{1,2}");
    pg.assertAnswer("SELECT ARRAY['a b', '', 'NULL', 'x\"y', 'p\\q', '{', ',', NULL]", "{\"a b\",\"\",\"NULL\",\"x\\\"y\",\"p\\\\q\",\"{\",\",\",NULL}");
    pg.assertAnswer("SELECT ARRAY[1.5, NULL]::numeric[], ARRAY[true,false], ARRAY['2024-01-02 03:04:05'::timestamp], ARRAY['\\x6869'::bytea]", "{1.5,NULL}|{t,f}|{\"2024-01-02 03:04:05\"}|{\"\\\\x6869\"}");
    pg.assertAnswer("SELECT '{1,2'::int[]",
        "22P02: malformed array literal: \"{1,2\"");
    pg.assertAnswer("SELECT '{{1,2},{3}}'::int[]",
        "22P02: malformed array literal: \"{{1,2},{3}}\"");
    pg.assertAnswer("SELECT '{a}'::int[]",
        "22P02: invalid input syntax for type integer: \"a\"");
    pg.assertAnswer("SELECT ARRAY[]::int[], ARRAY[NULL], ARRAY[1, '2']", "{}|{NULL}|{1,2}");
    pg.assertAnswer("SELECT ARRAY[]",
        "42P18: cannot determine type of empty array");
    pg.assertAnswer("SELECT ARRAY[ARRAY[1,2], ARRAY[3]]",
        "2202E: multidimensional arrays must have array expressions with matching dimensions");
    pg.assertAnswer("SELECT ARRAY[1]::uuid[]",
        "42846: cannot cast type integer to uuid");
    pg.assertAnswer("SELECT ARRAY[1,2]::text[], ARRAY['1','2']::int[], ARRAY[1,2]::text, '{1,2}'::text[]::bigint[], ARRAY[1.7,2.2]::int[]", "{1,2}|{1,2}|{1,2}|{1,2}|{2,2}");
    pg.assertAnswer("SELECT ARRAY[1,2] = ARRAY[1,2], ARRAY[1,2] < ARRAY[1,3], ARRAY[1] < ARRAY[1,0], ARRAY[NULL::int] = ARRAY[NULL::int], '{1,2}'::int[] = '[0:1]={1,2}'::int[], ARRAY[[1,2]] = ARRAY[1,2]", "t|t|t|t|f|f");
    pg.assertAnswer("SELECT ARRAY[1] = ARRAY[1::bigint]",
        "42883: operator does not exist: integer[] = bigint[]");
  }

  @Test
  void subscriptsSlicesQuantifiersAndOperators() {
    pg.assertAnswer("SELECT (ARRAY[1,2,3])[2], (ARRAY[1,2,3])[0], (ARRAY[1,2,3])[NULL], (ARRAY[[1,2],[3,4]])[2][1], (ARRAY[[1,2],[3,4]])[2]", "2|||3|");
    pg.assertAnswer("SELECT (ARRAY[1,2,3])[2:3], (ARRAY[1,2,3])[:2], (ARRAY[1,2,3])[2:], (ARRAY[1,2,3])[5:9], (ARRAY[[1,2],[3,4]])[1:2][2], (ARRAY[[1,2],[3,4]])[2:2]", "{2,3}|{1,2}|{2,3}|{}|{{1,2},{3,4}}|{{3,4}}");
    pg.assertAnswer("SELECT (1)[1]",
        "42804: cannot subscript type integer because it does not support subscripting");
    pg.assertAnswer("SELECT 1 = ANY('{1,2}'), 'a' = ANY(ARRAY['a','b']), NULL = ANY(ARRAY[1]), 1 = ANY('{}'::int[]), NULL = ALL('{}'::int[]), 3 = ANY(ARRAY[1,NULL]), 3 <> ALL(ARRAY[1,NULL]), 1 = ANY(NULL::int[])", "t|t||f|t|||");
    pg.assertAnswer("SELECT 1 = ANY(1)",
        "42809: op ANY/ALL (array) requires array on right side");
    pg.assertAnswer("SELECT 1 = ANY('{a}'::text[])",
        "42883: operator does not exist: integer = text");
    pg.assertAnswer("SELECT array[1,2] || 3, 0 || array[1,2], array[1] || array[2.5], array[[1,2]] || array[3,4], array[1,2] || array[[3,4]], array[1] || '{2,3}'", "{1,2,3}|{0,1,2}|{1,2.5}|{{1,2},{3,4}}|{{1,2},{3,4}}|{1,2,3}");
    pg.assertAnswer("SELECT array[1,2] || array['a']",
        "42883: operator does not exist: integer[] || text[]");
    pg.assertAnswer("SELECT array['a'] || 'b'",
        "22P02: malformed array literal: \"b\"");
    pg.assertAnswer("SELECT ARRAY[1,2] @> ARRAY[1], ARRAY[1,2] <@ ARRAY[1], ARRAY[1,2] && ARRAY[2,3], ARRAY[1,NULL] @> ARRAY[NULL::int], '{1,2}' @> ARRAY[1]", "t|f|t|f|t");
    pg.assertAnswer("SELECT ARRAY[1] @> ARRAY[1.0]",
        "42883: operator does not exist: integer[] @> numeric[]");
  }

  @Test
  void arrayFunctionsAndArrayAgg() {
    pg.assertAnswer("SELECT array_length(ARRAY[1,2,3],1), array_length('{}'::int[],1), cardinality(ARRAY[[1,2],[3,4]]), array_ndims(ARRAY[[1]]), array_dims('[0:1]={1,2}'::int[]), array_lower('[0:1]={1,2}'::int[], 1), array_upper(ARRAY[1,2], 2)", "3||4|2|[0:1]|0|");
    pg.assertAnswer("SELECT array_position(ARRAY['a','b','a'], 'a', 2), array_position(ARRAY[1,NULL], NULL), array_positions(ARRAY[1,2,1,NULL], 1), array_position('[0:2]={5,6,7}'::int[], 6)", "3|2|{1,3}|1");
    pg.assertAnswer("SELECT array_position(ARRAY[[1]], 1)",
        "0A000: searching for elements in multidimensional arrays is not supported");
    pg.assertAnswer("SELECT array_append(ARRAY[1,2], 3), array_append(NULL::int[], 1), array_prepend(0, ARRAY[1]), array_cat(ARRAY[1], ARRAY[2,3]), array_append('[0:1]={1,2}'::int[], 3), array_prepend(0, '[0:1]={1,2}'::int[])", "{1,2,3}|{1}|{0,1}|{1,2,3}|[0:2]={1,2,3}|[0:2]={0,1,2}");
    pg.assertAnswer("SELECT array_append(ARRAY[[1]], 2)",
        "22000: argument must be empty or one-dimensional array");
    pg.assertAnswer("SELECT array_remove(ARRAY[1,2,1,NULL], 1), array_remove(ARRAY[1,NULL], NULL), array_replace(ARRAY[1,2,1], 1, 9)", "{2,NULL}|{1}|{9,2,9}");
    pg.assertAnswer("SELECT array_to_string(ARRAY[1,NULL,3], ','), array_to_string(ARRAY[1,NULL,3], ',', '*'), array_to_string(ARRAY[true,false], ',')", "1,3|1,*,3|t,f");
    pg.assertAnswer("SELECT string_to_array('a,b,,c', ','), string_to_array('a,b,,c', ',', ''), string_to_array('abc', NULL), string_to_array('', ',')", "{a,b,\"\",c}|{a,b,NULL,c}|{a,b,c}|{}");
    pg.assertAnswer("SELECT array_fill(7, ARRAY[2,2]), array_fill('x'::text, ARRAY[3], ARRAY[0]), trim_array(ARRAY[1,2,3], 1)", "{{7,7},{7,7}}|[0:2]={x,x,x}|{1,2}");
    pg.assertAnswer("SELECT array_append(ARRAY[1], 2.5), array_cat(ARRAY[1], ARRAY[2.5]), array_append('{1}', 2)", "{1,2.5}|{1,2.5}|{1,2}");
    pg.assertAnswer("SELECT array_length('{1,2}', 1)",
        "42804: could not determine polymorphic type because input has type unknown");
    pg.assertAnswer("SELECT array_agg(x), array_agg(DISTINCT x), array_agg(x ORDER BY x DESC NULLS LAST) FROM (VALUES (3),(1),(NULL),(3)) v(x)", "{3,1,NULL,3}|{1,3,NULL}|{3,3,1,NULL}");
    pg.assertAnswer("SELECT array_agg(x) FROM (VALUES (ARRAY[1,2]),(ARRAY[3,4])) v(x)", "{{1,2},{3,4}}");
    pg.assertAnswer("SELECT array_agg(x) FROM (VALUES (ARRAY[1,2]),(ARRAY[3])) v(x)",
        "2202E: cannot accumulate arrays of different dimensionality");
    pg.assertAnswer("SELECT array_agg('a')",
        "42725: function array_agg(unknown) is not unique");
    pg.assertAnswer("SELECT ARRAY(SELECT 1 UNION ALL SELECT 2), ARRAY(SELECT 'a' WHERE false), ARRAY(SELECT ARRAY[1,2] UNION ALL SELECT ARRAY[3,4])", "{1,2}|{}|{{1,2},{3,4}}");
  }

  @Test
  void arrayColumnsStoreFilterAndUnnest() {
    pg.client().run("CREATE TABLE posts (id int PRIMARY KEY, tags text[], scores int[], codes varchar(3)[])");
    pg.client().run("INSERT INTO posts VALUES (1, '{sql,db}', '{1,2,3}', '{abc}'), (2, ARRAY['java','sql'], ARRAY[10,20], NULL), (3, '{}', '{5,NULL,7}', '{}')");
    pg.assertAnswer("SELECT id, tags[1], scores[2:3], codes FROM posts ORDER BY id", "1|sql|{2,3}|{abc}\n2|java|{20}|\n3||{NULL,7}|{}");
    pg.assertAnswer("SELECT id FROM posts WHERE 'sql' = ANY(tags) ORDER BY id", "1\n2");
    pg.assertAnswer("SELECT id FROM posts WHERE tags && '{java,rust}' ORDER BY id", "2");
    pg.assertAnswer("SELECT id, unnest(tags) AS tag FROM posts ORDER BY id, tag", "1|db\n1|sql\n2|java\n2|sql");
    pg.assertAnswer("SELECT id, unnest(tags), unnest(scores) FROM posts ORDER BY id", "1|sql|1\n1|db|2\n1||3\n2|java|10\n2|sql|20\n3||5\n3||\n3||7");
    pg.assertAnswer("SELECT id, tag, pos FROM posts CROSS JOIN LATERAL unnest(scores) WITH ORDINALITY AS x(tag, pos) ORDER BY id, pos", "1|1|1\n1|2|2\n1|3|3\n2|10|1\n2|20|2\n3|5|1\n3||2\n3|7|3");
    pg.assertAnswer("SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b','c']) WITH ORDINALITY AS t(x, y, n)", "1|a|1\n2|b|2\n|c|3");
    pg.assertAnswer("SELECT id FROM posts WHERE unnest(tags) = 'a'",
        "0A000: set-returning functions are not allowed in WHERE");
    pg.assertAnswer("INSERT INTO posts (id, codes) VALUES (4, '{abcd}')",
        "22001: value too long for type character varying(3)");
    pg.client().run("INSERT INTO posts (id, scores) VALUES (5, ARRAY[1.5])");
    pg.assertAnswer("SELECT id, codes, scores FROM posts WHERE id > 3 ORDER BY id", "5||{2}");
    pg.assertAnswer("SELECT max(scores), array_agg(id ORDER BY id) FROM posts", "{10,20}|{1,2,3,5}");
  }

  @Test
  void keyEqualsAnyOfAnArrayParameterReadsOnlyThoseKeys() {
    MemKvStore kv = new MemKvStore();
    Client c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
    c.run("CREATE TABLE k (id int PRIMARY KEY, v text)");
    c.run("INSERT INTO k SELECT g, 'v' || g FROM generate_series(1, 500) g");
    c.run("SELECT v FROM k WHERE id = 1");
    kv.resetCounters();
    Client.Result r = c.run("SELECT id, v FROM k WHERE id = ANY($1) ORDER BY id",
        PgArray.of(List.of(7, 300, 7, 9999)));
    assertEquals(2, r.rows().size());
    assertEquals("v300", r.rows().get(1)[1]);
    assertEquals(0, kv.scans.get(), "no scan");
    assertTrue(kv.gets.get() <= 3, "point reads only: " + kv.gets.get());
  }
}
