package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * has_table_privilege and friends, pg_class.relacl and pg_namespace.nspacl answer from the grants
 * as PostgreSQL does (admin in the owner's place).
 */
class PrivilegeInquiryTest {
  private MemKvStore kv;
  private CatalogCache cache;
  private Client admin;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    admin = new Client(kv, cache);
    admin.run("CREATE TABLE t (a int PRIMARY KEY, b int)");
    admin.run("CREATE VIEW v AS SELECT a FROM t");
    admin.run("CREATE SCHEMA s");
    admin.run("CREATE TABLE s.u (x int PRIMARY KEY)");
    admin.run("CREATE SEQUENCE sq CACHE 1");
    admin.run("CREATE ROLE app");
    admin.run("CREATE ROLE app2 WITH LOGIN");
  }

  private Object value(String sql) {
    return admin.run(sql).value();
  }

  private String state(String sql) {
    return admin.fail(sql).state().code();
  }

  @Test
  void tablePrivilegesAnswerFromTheGrantsInEveryForm() {
    admin.run("GRANT SELECT ON t TO app");
    assertEquals(true, value("SELECT has_table_privilege('app', 't', 'select')"));
    assertEquals(false, value("SELECT has_table_privilege('app', 't', 'insert')"));
    assertEquals(true, value("SELECT has_table_privilege('app', 't', ' SELECT , insert')"), "any of a list");
    assertEquals(false, value("SELECT has_table_privilege('app', 't', 'select with grant option')"));
    assertEquals(true, value("SELECT has_table_privilege('t', 'select with grant option')"), "admin owns it");
    assertEquals(true, value("SELECT has_table_privilege('app', 't'::regclass, 'SELECT')"));
    assertEquals(true, value("SELECT has_table_privilege((SELECT oid FROM pg_roles WHERE rolname = 'app'), 't', 'select')"));
    assertEquals(false, value("SELECT has_table_privilege(999999::oid, 't', 'select')"), "no such role: nothing held");
    assertNull(value("SELECT has_table_privilege('app', 999999::oid, 'select')"));
    assertEquals(false, value("SELECT has_table_privilege('app2', 't', 'select')"));
    assertEquals(false, value("SELECT has_table_privilege('app', 't', 'rule')"));
    assertEquals(true, value("SELECT has_table_privilege('app', 'pg_class', 'select')"), "PUBLIC reads the catalogs");
    assertEquals(false, value("SELECT has_table_privilege('app', 'pg_class', 'insert')"));
    admin.run("GRANT SELECT ON v TO PUBLIC");
    assertEquals(true, value("SELECT has_table_privilege('app2', 'v', 'select')"));
    assertEquals(true, value("SELECT has_table_privilege('public', 'v', 'select')"));
    assertEquals(false, value("SELECT has_table_privilege('public', 't', 'select')"));
  }

  @Test
  void badArgumentsAreThePostgresErrors() {
    assertEquals("22023", state("SELECT has_table_privilege('app', 't', 'foo')"));
    assertEquals("22023", state("SELECT has_table_privilege('app', 't', '')"));
    assertEquals("22023", state("SELECT has_table_privilege('app', 't', 'select,')"));
    assertEquals("22023", state("SELECT has_table_privilege('app', 't', 'usage')"));
    assertEquals("22023", state("SELECT has_table_privilege('app', 't', 'select with  grant option')"));
    assertEquals("42P01", state("SELECT has_table_privilege('app', 'nope', 'select')"));
    assertEquals("3F000", state("SELECT has_table_privilege('app', 'x.t', 'select')"));
    assertEquals("42704", state("SELECT has_table_privilege('nobody', 't', 'select')"));
    assertEquals("3F000", state("SELECT has_schema_privilege('app', 'nope', 'usage')"));
    assertEquals("22023", state("SELECT has_schema_privilege('app', 's', 'select')"));
    assertEquals("3D000", state("SELECT has_database_privilege('app', 'nodb', 'connect')"));
    assertEquals("42703", state("SELECT has_column_privilege('app', 't', 'zz', 'select')"));
    assertEquals("22023", state("SELECT has_column_privilege('app', 't', 'a', 'delete')"));
    assertEquals("22023", state("SELECT has_any_column_privilege('app', 't', 'delete')"));
    assertEquals("42809", state("SELECT has_sequence_privilege('app', 't', 'usage')"));
    assertEquals("22023", state("SELECT has_sequence_privilege('app', 'sq', 'insert')"));
    assertEquals("unrecognized privilege type: \"Foo\"", admin.fail("SELECT has_table_privilege('t', ' Foo')").getMessage());
  }

  @Test
  void schemaDatabaseColumnAndSequencePrivileges() {
    admin.run("GRANT INSERT, UPDATE ON s.u TO app");
    admin.run("GRANT USAGE ON SCHEMA s TO app");
    assertEquals(true, value("SELECT has_schema_privilege('app', 's', 'usage')"));
    assertEquals(false, value("SELECT has_schema_privilege('app', 's', 'create')"));
    assertEquals(true, value("SELECT has_schema_privilege('app', 'public', 'usage')"));
    assertEquals(false, value("SELECT has_schema_privilege('app', 'public', 'create')"));
    assertEquals(true, value("SELECT has_schema_privilege('app', 'pg_catalog', 'usage')"));
    assertNull(value("SELECT has_schema_privilege(999999::oid, 'usage')"));
    assertEquals(true, value("SELECT has_database_privilege('app', current_database(), 'connect, temp')"));
    assertEquals(false, value("SELECT has_database_privilege('app', current_database(), 'create')"));
    assertEquals(true, value("SELECT has_database_privilege(current_database(), 'create')"));
    assertNull(value("SELECT has_database_privilege('app', 999999::oid, 'connect')"));
    assertEquals(true, value("SELECT has_column_privilege('app', 's.u', 'x', 'insert')"));
    assertEquals(false, value("SELECT has_column_privilege('app', 's.u', 'x', 'select')"));
    assertEquals(true, value("SELECT has_column_privilege('app', 's.u', 1::int2, 'update')"));
    assertNull(value("SELECT has_column_privilege('app', 's.u', 9::int2, 'update')"));
    assertNull(value("SELECT has_column_privilege('app', 999999::oid, 'x', 'update')"));
    assertEquals(true, value("SELECT has_any_column_privilege('app', 's.u', 'update')"));
    assertEquals(false, value("SELECT has_any_column_privilege('app', 's.u', 'select')"));
    assertEquals(false, value("SELECT has_sequence_privilege('app', 'sq', 'usage')"));
    assertEquals(true, value("SELECT has_sequence_privilege('sq', 'usage')"));
  }

  @Test
  void aclsPrintAsPostgresPrintsThem() {
    assertNull(value("SELECT relacl FROM pg_class WHERE relname = 't'"), "only the owner's default rights");
    admin.run("GRANT SELECT ON t TO app");
    admin.run("GRANT SELECT ON t TO PUBLIC");
    admin.run("GRANT SELECT, INSERT ON t TO app2");
    admin.run("GRANT UPDATE ON t TO app");
    assertEquals("{admin=arwdDxt/admin,app=rw/admin,=r/admin,app2=ar/admin}", value("SELECT relacl::text FROM pg_class WHERE relname = 't'"));
    admin.run("GRANT ALL ON v TO app");
    assertEquals("{admin=arwdDxt/admin,app=arwdDxt/admin}", value("SELECT relacl::text FROM pg_class WHERE relname = 'v'"));
    admin.run("REVOKE ALL ON v FROM app");
    assertEquals("{admin=arwdDxt/admin}", value("SELECT relacl::text FROM pg_class WHERE relname = 'v'"), "an ACL once set stays");
    assertEquals("{admin=arwdDxt/admin,=r/admin}", value("SELECT relacl::text FROM pg_class WHERE relname = 'pg_class'"));
    assertNull(value("SELECT nspacl FROM pg_namespace WHERE nspname = 's'"));
    admin.run("GRANT USAGE ON SCHEMA s TO app");
    assertEquals("{admin=UC/admin,app=U/admin}", value("SELECT nspacl::text FROM pg_namespace WHERE nspname = 's'"));
    admin.run("GRANT CREATE ON SCHEMA public TO app");
    assertEquals("{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner,app=C/pg_database_owner}",
        value("SELECT nspacl::text FROM pg_namespace WHERE nspname = 'public'"));
  }

  @Test
  void grantsFollowARenameAndGoWithTheDroppedObject() {
    admin.run("GRANT SELECT ON t TO app");
    admin.run("ALTER TABLE t RENAME TO t2");
    assertEquals(true, value("SELECT has_table_privilege('app', 't2', 'select')"));
    admin.run("DROP VIEW v");
    admin.run("DROP TABLE t2");
    admin.run("CREATE TABLE t2 (a int PRIMARY KEY)");
    assertEquals(false, value("SELECT has_table_privilege('app', 't2', 'select')"));
  }

  @Test
  void theCurrentRoleIsAskedWhenNoneIsNamed() {
    admin.run("GRANT SELECT ON t TO app2");
    Client app2 = new Client(kv, cache, SqlConfig.DEFAULT, "app2");
    assertEquals(true, app2.run("SELECT has_table_privilege('t', 'select')").value());
    assertEquals(false, app2.run("SELECT has_table_privilege('t', 'delete')").value());
  }
}
