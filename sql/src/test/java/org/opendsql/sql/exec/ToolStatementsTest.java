package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/** Statements that migration tools, ORMs and pools send, answered as PostgreSQL 15 answers them. */
class ToolStatementsTest {
  private Client c;

  @BeforeEach
  void setUp() {
    MemKvStore kv = new MemKvStore();
    c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
  }

  @Test
  void setRoleToTheSessionUserOrNone() {
    assertEquals("none", c.run("SHOW role").value());
    c.run("SET ROLE 'admin'");
    assertEquals("admin", c.run("SHOW role").value());
    c.run("SET ROLE NONE");
    assertEquals("none", c.run("SHOW role").value());
    c.run("SET SESSION ROLE admin");
    c.run("RESET ROLE");
    assertEquals("none", c.run("SHOW role").value());
    c.run("SET role TO admin");
    assertEquals("admin", c.run("SELECT current_setting('role')").value());
    assertEquals("admin", c.run("SELECT current_user").value());
    assertEquals("0A000", c.fail("SET ROLE bob").state().code());
    assertEquals("admin", c.run("SHOW role").value());
  }

  @Test
  void wordsPostgresqlDoesNotReserveNameColumns() {
    c.run("CREATE TABLE h (id int PRIMARY KEY, script text, output int, statement text)");
    c.run("INSERT INTO h (id, script, output, statement) VALUES (1, 'V1__a.sql', 2, 's')");
    c.run("UPDATE h SET script = script || '!' WHERE output = 2");
    assertEquals("V1__a.sql!", c.run("SELECT h.script FROM h ORDER BY script").value());
    assertEquals(2, c.run("SELECT output AS use FROM h").value());
  }

  @Test
  void setConfigSetsForTheSessionOrTheTransaction() {
    assertEquals("admin", c.run("SELECT set_config('role', 'admin', false)").value());
    assertEquals("admin", c.run("SHOW role").value());
    assertEquals("myapp", c.run("SELECT set_config('application_name', $1, false)", "myapp").value());
    assertEquals("myapp", c.run("SHOW application_name").value());
    c.run("BEGIN");
    assertEquals("local", c.run("SELECT set_config('application_name', 'local', true)").value());
    assertEquals("local", c.run("SHOW application_name").value());
    c.run("COMMIT");
    assertEquals("myapp", c.run("SHOW application_name").value());
    assertEquals("42704", c.fail("SELECT set_config('no_such_setting', 'x', false)").state().code());
  }
}
