package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Row constructors and whole-row references as values (type record), printed as PostgreSQL's
 * record_out prints them; each answer as PostgreSQL 15 gave it for the same statements on the
 * same rows.
 */
class RecordValuesTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE rv (id int PRIMARY KEY, name text, price numeric(6,2), ok boolean, at timestamp)");
    pg.client().run("INSERT INTO rv VALUES (1, 'plain', 1.50, true, '2024-01-02 03:04:05'), (2, 'two words', NULL, false, NULL), "
        + "(3, 'q\"uote,(x)', 0, NULL, '2024-06-30 23:59:59.5'), (4, '', -2, true, NULL)");
  }

  @Test
  void recordsPrintTheirFieldsQuotedWherePostgresqlQuotesThem() {
    pg.assertAnswer("SELECT ROW(1, 'a')",
        "(1,a)");
    pg.assertAnswer("SELECT (1, 'a', NULL, 2.50)",
        "(1,a,,2.50)");
    pg.assertAnswer("SELECT ROW(1)",
        "(1)");
    pg.assertAnswer("SELECT ROW()",
        "()");
    pg.assertAnswer("SELECT ROW(1, 'a')::text, (1, 'two words', '', NULL)::text",
        "(1,a)|(1,\"two words\",\"\",)");
    pg.assertAnswer("SELECT rv FROM rv ORDER BY id",
        "(1,plain,1.50,t,\"2024-01-02 03:04:05\")\n(2,\"two words\",,f,)\n(3,\"q\"\"uote,(x)\",0.00,,\"2024-06-30 23:59:59.5\")\n(4,\"\",-2.00,t,)");
    pg.assertAnswer("SELECT rv::text AS whole FROM rv ORDER BY id",
        "(1,plain,1.50,t,\"2024-01-02 03:04:05\")\n(2,\"two words\",,f,)\n(3,\"q\"\"uote,(x)\",0.00,,\"2024-06-30 23:59:59.5\")\n(4,\"\",-2.00,t,)");
    pg.assertAnswer("SELECT ROW(id, name) FROM rv ORDER BY id",
        "(1,plain)\n(2,\"two words\")\n(3,\"q\"\"uote,(x)\")\n(4,\"\")");
    pg.assertAnswer("SELECT ROW(rv.*)::text FROM rv WHERE id = 2",
        "(2,\"two words\",,f,)");
    pg.assertAnswer("SELECT (id, ok, at)::text FROM rv ORDER BY id",
        "(1,t,\"2024-01-02 03:04:05\")\n(2,f,)\n(3,,\"2024-06-30 23:59:59.5\")\n(4,t,)");
    pg.assertAnswer("SELECT count(DISTINCT (ok, price IS NULL)) FROM rv",
        "3");
    pg.assertAnswer("SELECT r FROM (SELECT ROW(id, name) AS r FROM rv) x ORDER BY r DESC",
        "(4,\"\")\n(3,\"q\"\"uote,(x)\")\n(2,\"two words\")\n(1,plain)");
    pg.assertAnswer("SELECT x FROM (VALUES (1, 'a'), (2, NULL)) x(n, s) ORDER BY n",
        "(1,a)\n(2,)");
    pg.assertAnswer("SELECT length(rv::text) FROM rv ORDER BY id",
        "38\n19\n47\n15");
    pg.assertAnswer("SELECT concat('<', ROW(1, 'x'), '>')",
        "<(1,x)>");
    pg.assertAnswer("SELECT ROW(1, 2) = ROW(1, 2) AS eq, ROW(1, 'a')::text = '(1,a)' AS txt",
        "t|t");
    pg.assertAnswer("SELECT DISTINCT (ok, ok) FROM rv ORDER BY 1",
        "(f,f)\n(t,t)\n(,)");
  }

  @Test
  void aRecordColumnIsNamedAndTypedAsInPostgresql() {
    assertEquals(PgType.RECORD, pg.client().run("SELECT ROW(1, 'a')").columns().get(0).type());
    assertEquals("row", pg.client().run("SELECT (1, 'a')").columns().get(0).name());
    assertEquals("rv", pg.client().run("SELECT rv FROM rv").columns().get(0).name());
  }
}
