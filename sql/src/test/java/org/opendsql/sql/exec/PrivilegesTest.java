package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * DSQL's roles: admin creates roles, maps identities to them and grants privileges; another
 * role logs in only as a created LOGIN role and reads or writes only what it was granted.
 */
class PrivilegesTest {
  private MemKvStore kv;
  private CatalogCache cache;
  private Client admin;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    admin = new Client(kv, cache);
    admin.run("CREATE SCHEMA app");
    admin.run("CREATE TABLE app.items (id int PRIMARY KEY, name text)");
    admin.run("INSERT INTO app.items VALUES (1, 'a'), (2, 'b')");
    admin.run("CREATE TABLE public.secrets (id int PRIMARY KEY)");
    admin.run("CREATE ROLE reader WITH LOGIN");
  }

  private Client as(String role) {
    return new Client(kv, cache, SqlConfig.DEFAULT, role);
  }

  private static String admitState(Client c, String identity) {
    try {
      c.session.admit(identity).toCompletableFuture().join();
      return "ok";
    } catch (CompletionException e) {
      return DbException.of(e).state().code();
    }
  }

  @Test
  void onlyCreatedLoginRolesMappedToTheTokensIdentityAreAdmitted() {
    admin.run("CREATE ROLE batch NOLOGIN");
    admin.run("AWS IAM GRANT reader TO 'arn:aws:iam::1:role/reader'");
    assertEquals("ok", admitState(as("reader"), null));
    assertEquals("ok", admitState(as("reader"), "arn:aws:iam::1:role/reader"));
    assertEquals("28000", admitState(as("reader"), "arn:aws:iam::1:role/other"));
    assertEquals("28000", admitState(as("batch"), null));
    assertEquals("28000", admitState(as("nobody"), null));
    assertEquals("ok", admitState(admin, null));
    assertEquals("reader", admin.run("SELECT pg_role_name FROM sys.iam_pg_role_mappings WHERE arn = 'arn:aws:iam::1:role/reader'").value());
    assertEquals(false, admin.run("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'batch'").value());
    admin.run("AWS IAM REVOKE reader FROM 'arn:aws:iam::1:role/reader'");
    assertEquals("28000", admitState(as("reader"), "arn:aws:iam::1:role/reader"));
  }

  @Test
  void aRoleReadsAndWritesOnlyWhatItWasGranted() {
    Client reader = as("reader");
    assertEquals("42501", reader.fail("SELECT * FROM app.items").state().code());
    admin.run("GRANT SELECT ON app.items TO reader");
    assertEquals("42501", reader.fail("SELECT * FROM app.items").state().code(), "no USAGE on the schema yet");
    admin.run("GRANT USAGE ON SCHEMA app TO reader");
    assertEquals(2L, reader.run("SELECT count(*) FROM app.items").value());
    assertEquals("42501", reader.fail("INSERT INTO app.items VALUES (3, 'c')").state().code());
    assertEquals("42501", reader.fail("SELECT * FROM secrets").state().code());
    admin.run("GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA app TO reader");
    reader.run("INSERT INTO app.items VALUES (3, 'c')");
    reader.run("UPDATE app.items SET name = 'z' WHERE id = 3");
    assertEquals("42501", reader.fail("DELETE FROM app.items WHERE id = 3").state().code());
    admin.run("REVOKE SELECT ON app.items FROM reader");
    assertEquals("42501", reader.fail("SELECT name FROM app.items WHERE id = 1").state().code());
    assertEquals(3L, admin.run("SELECT count(*) FROM app.items").value());
  }

  @Test
  void ddlNeedsCreateOnTheSchemaAndRolesAndGrantsAreAdminsAlone() {
    Client reader = as("reader");
    assertEquals("42501", reader.fail("CREATE TABLE app.mine (a int)").state().code());
    assertEquals("42501", reader.fail("CREATE ROLE other").state().code());
    assertEquals("42501", reader.fail("GRANT SELECT ON app.items TO reader").state().code());
    admin.run("GRANT USAGE, CREATE ON SCHEMA app TO reader");
    reader.run("CREATE TABLE app.mine (a int PRIMARY KEY)");
    reader.run("DROP TABLE app.mine");
  }

  @Test
  void aRoleWithPrivilegesCannotBeDroppedAndNamesAreChecked() {
    admin.run("GRANT SELECT ON app.items TO reader");
    assertEquals("2BP01", admin.fail("DROP ROLE reader").state().code());
    assertEquals("42710", admin.fail("CREATE ROLE reader").state().code());
    assertEquals("42704", admin.fail("GRANT SELECT ON app.items TO ghost").state().code());
    assertEquals("0LP01", admin.fail("GRANT USAGE ON app.items TO reader").state().code());
    assertEquals("42P01", admin.fail("GRANT SELECT ON app.nothing TO reader").state().code());
    admin.run("REVOKE ALL ON app.items FROM reader");
    admin.run("DROP ROLE reader");
    admin.run("DROP ROLE IF EXISTS reader");
    assertEquals("42704", admin.fail("DROP ROLE reader").state().code());
  }

  @Test
  void aRevokeCommittedDuringATransactionFailsItsCommit() {
    admin.run("GRANT USAGE ON SCHEMA app TO reader");
    admin.run("GRANT SELECT, UPDATE ON app.items TO reader");
    Client reader = as("reader");
    reader.run("BEGIN");
    reader.run("UPDATE app.items SET name = 'x' WHERE id = 1");
    admin.run("REVOKE UPDATE ON app.items FROM reader");
    assertEquals("40001", reader.fail("COMMIT").state().code());
  }

  @Test
  void aViewsReaderNeedsSelectOnTheViewAloneAsItsTablesAreTheOwners() {
    admin.run("CREATE VIEW app.names AS SELECT name FROM app.items");
    admin.run("CREATE VIEW public.names_again AS SELECT n.name FROM app.names n JOIN app.items i ON i.name = n.name");
    admin.run("GRANT USAGE ON SCHEMA app TO reader");
    Client reader = as("reader");
    DbException denied = reader.fail("SELECT * FROM app.names");
    assertEquals("42501", denied.state().code());
    assertEquals("permission denied for view names", denied.getMessage());
    admin.run("GRANT SELECT ON app.names TO reader");
    assertEquals(2L, reader.run("SELECT count(*) FROM app.names").value());
    assertEquals(1L, reader.run("SELECT count(*) FROM app.names WHERE name IN (SELECT name FROM app.names WHERE name = 'a')").value());
    assertEquals("permission denied for table items", reader.fail("SELECT * FROM app.items").getMessage());
    assertEquals("permission denied for view names_again", reader.fail("SELECT * FROM names_again").getMessage());
    admin.run("GRANT SELECT ON names_again TO reader");
    assertEquals(2L, reader.run("SELECT count(*) FROM names_again").value(), "the views it reads are the owner's too");
    admin.run("CREATE TABLE public.copies (name text PRIMARY KEY)");
    admin.run("GRANT INSERT ON public.copies TO reader");
    reader.run("INSERT INTO copies SELECT name FROM app.names");
    assertEquals(2L, admin.run("SELECT count(*) FROM copies").value());
    admin.run("REVOKE SELECT ON app.names FROM reader");
    assertEquals("permission denied for view names", reader.fail("INSERT INTO copies SELECT name || 'x' FROM app.names").getMessage());
  }
}
