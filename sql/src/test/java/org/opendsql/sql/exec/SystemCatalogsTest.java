package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opendsql.core.error.SqlState;
import org.opendsql.sql.testkit.PgAnswers;

/** The catalog relations and functions as a session sees them: its own DDL, its settings, no writes. */
class SystemCatalogsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void aTransactionSeesItsOwnUncommittedTableAndOthersDoNot() {
    pg.answer("BEGIN");
    pg.answer("CREATE TABLE fresh (a int PRIMARY KEY, b text NOT NULL DEFAULT 'z')");
    pg.assertAnswer("SELECT relname, relkind FROM pg_class WHERE relnamespace = 2200 ORDER BY relname", "fresh|r\nfresh_pkey|i");
    pg.assertAnswer("SELECT column_name, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'fresh' ORDER BY ordinal_position",
        "a|NO|\nb|NO|'z'::text");
    pg.answer("ROLLBACK");
    pg.assertAnswer("SELECT count(*) FROM pg_class WHERE relname = 'fresh'", "0");
  }

  @Test
  void oidsStayTheSameAcrossStatementsAndDropsTakeTheRowsAway() {
    pg.answer("CREATE TABLE kept (a int PRIMARY KEY)");
    String oid = pg.answer("SELECT oid FROM pg_class WHERE relname = 'kept'");
    assertEquals(oid, pg.answer("SELECT 'kept'::regclass::oid"));
    assertEquals(oid, pg.answer("SELECT attrelid FROM pg_attribute WHERE attname = 'a' AND attrelid = " + oid));
    pg.answer("DROP TABLE kept");
    pg.assertAnswer("SELECT count(*) FROM pg_attribute WHERE attrelid = " + oid, "0");
  }

  @Test
  void catalogRelationsAreReadOnly() {
    pg.assertAnswer("INSERT INTO pg_class (relname) VALUES ('x')", "42501: permission denied for table pg_class");
    pg.assertAnswer("UPDATE pg_catalog.pg_attribute SET attname = 'x'", "42501: permission denied for table pg_attribute");
    pg.assertAnswer("DELETE FROM information_schema.tables", "42501: permission denied for table tables");
    assertEquals(SqlState.INSUFFICIENT_PRIVILEGE.code(), "42501");
  }

  @Test
  void namesResolveInPgCatalogFirstAndElsewhereOnlyQualified() {
    pg.answer("CREATE TABLE tables (x int PRIMARY KEY)");
    pg.assertAnswer("SELECT count(*) FROM tables", "0");
    pg.assertAnswer("SELECT count(*) > 0 FROM information_schema.tables WHERE table_name = 'tables'", "t");
    pg.assertAnswer("SELECT count(*) FROM pg_catalog.no_such", "42P01: relation \"pg_catalog.no_such\" does not exist");
  }

  @Test
  void regTypesResolveNamesAndPrintThem() {
    pg.answer("CREATE TABLE \"Odd Name\" (a int PRIMARY KEY)");
    pg.assertAnswer("SELECT '\"Odd Name\"'::regclass, 'pg_class'::regclass::oid, 1043::regtype, 'int4'::regtype::oid",
        "\"Odd Name\"|1259|character varying|23");
    pg.assertAnswer("SELECT 'nope'::regclass", "42P01: relation \"nope\" does not exist");
    pg.assertAnswer("SELECT 'nope'::regtype", "42704: type \"nope\" does not exist");
    pg.assertAnswer("SELECT 'nope'::regnamespace", "3F000: schema \"nope\" does not exist");
    pg.assertAnswer("SELECT 'nope'::regrole", "42704: role \"nope\" does not exist");
    pg.assertAnswer("SELECT 99999::regclass, to_regclass('nope') IS NULL", "99999|t");
    pg.assertAnswer("SELECT (1)::regclass", "1");
  }

  @Test
  void searchPathDecidesCurrentSchemaAndVisibility() {
    pg.answer("CREATE TABLE seen (a int PRIMARY KEY)");
    pg.assertAnswer("SELECT current_schema(), current_schemas(true), pg_table_is_visible('seen'::regclass)", "public|{pg_catalog,public}|t");
    pg.answer("SET search_path = nowhere");
    pg.assertAnswer("SELECT current_schema() IS NULL, current_schemas(false), pg_table_is_visible('public.seen'::regclass)", "t|{}|f");
    pg.assertAnswer("SELECT 'public.seen'::regclass", "public.seen");
    pg.assertAnswer("SELECT setting FROM pg_settings WHERE name = 'search_path'", "nowhere");
    pg.assertAnswer("SELECT current_setting('search_path')", "nowhere");
  }

  @Test
  void fieldsOfExpandedArrays() {
    pg.assertAnswer("SELECT (information_schema._pg_expandarray(ARRAY[10,20])).x, (information_schema._pg_expandarray(ARRAY[10,20])).n",
        "10|1\n20|2");
    pg.assertAnswer("SELECT k FROM (SELECT information_schema._pg_expandarray(ARRAY['a','b']) AS k) s WHERE (s.k).n = 2", "(b,2)");
    pg.assertAnswer("SELECT (s.k).x || '!' FROM (SELECT information_schema._pg_expandarray(ARRAY['a']) AS k) s", "a!");
    pg.assertAnswer("SELECT (1).x", "42809: column notation .x applied to type integer, which is not a composite type");
  }

  @Test
  void integerBitwiseOperators() {
    pg.assertAnswer("SELECT 6 & 3, 6 | 3, 5::smallint & 1::smallint, 12::bigint | 1", "2|7|1|13");
    pg.assertAnswer("SELECT 1.5 & 1", "42883: operator does not exist: numeric & integer");
  }
}
