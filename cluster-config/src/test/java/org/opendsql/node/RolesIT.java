package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendsql.core.auth.Tokens;

/**
 * DSQL's login path over pgjdbc: admin creates a role and maps a token identity to it; a token for
 * that role and identity logs in and sees only what was granted; anything else is FATAL 28000.
 */
class RolesIT {
  private static final String ARN = "arn:aws:iam::111122223333:role/app";
  private static EmbeddedNode db;

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedNode.start();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA app");
      s.execute("CREATE TABLE app.orders (id int PRIMARY KEY, total numeric)");
      s.execute("INSERT INTO app.orders VALUES (1, 10), (2, 20)");
      s.execute("CREATE ROLE app_user WITH LOGIN");
      s.execute("CREATE ROLE no_login");
      s.execute("AWS IAM GRANT app_user TO '" + ARN + "'");
      s.execute("GRANT USAGE ON SCHEMA app TO app_user");
      s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA app TO app_user");
      s.execute("CREATE TABLE public.salaries (name text PRIMARY KEY, pay numeric)");
      s.execute("INSERT INTO salaries VALUES ('ann', 10), ('bob', 20)");
      s.execute("CREATE VIEW public.payroll AS SELECT sum(pay) AS total FROM salaries");
      s.execute("CREATE VIEW public.headcount AS SELECT count(*) AS n FROM salaries");
      s.execute("GRANT SELECT ON payroll TO app_user");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
  }

  private static Connection as(String user, String identity) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", new Tokens(TokenKey.loadOrCreate(db.dataDir)).issue("localhost", user, 900, identity));
    return DriverManager.getConnection(db.url(), p);
  }

  @Test
  void aMappedRoleLogsInAndReadsWhatItWasGranted() throws Exception {
    try (Connection c = as("app_user", ARN); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT current_user, count(*) FROM app.orders GROUP BY 1")) {
        assertTrue(rs.next());
        assertEquals("app_user", rs.getString(1));
        assertEquals(2, rs.getInt(2));
      }
      SQLException denied = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM app.orders"));
      assertEquals("42501", denied.getSQLState());
      SQLException noRole = assertThrows(SQLException.class, () -> s.execute("CREATE ROLE sneaky"));
      assertEquals("42501", noRole.getSQLState());
    }
    try (Connection admin = db.connect(); Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_role_name, arn FROM sys.iam_pg_role_mappings")) {
      assertTrue(rs.next());
      assertEquals("app_user", rs.getString(1));
      assertEquals(ARN, rs.getString(2));
    }
  }

  @Test
  void unknownRolesNoLoginRolesAndUnmappedIdentitiesAreRefused() {
    for (String[] who : new String[][] {{"ghost", null}, {"no_login", null}, {"app_user", "arn:aws:iam::1:role/other"}}) {
      SQLException e = assertThrows(SQLException.class, () -> as(who[0], who[1]).close());
      assertEquals("28000", e.getSQLState(), who[0]);
    }
  }

  @Test
  void aRoleReadsAViewItWasGrantedWithoutItsTableAndAsksWhatItHolds() throws Exception {
    try (Connection c = as("app_user", ARN); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT total FROM payroll")) {
        assertTrue(rs.next());
        assertEquals(30, rs.getInt(1));
      }
      SQLException table = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM salaries"));
      assertEquals("ERROR: permission denied for table salaries", table.getMessage());
      SQLException view = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM headcount"));
      assertEquals("42501", view.getSQLState());
      assertEquals("ERROR: permission denied for view headcount", view.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT has_table_privilege('payroll', 'select'), has_table_privilege('salaries', 'select'), "
          + "has_schema_privilege('app', 'usage'), (SELECT relacl::text FROM pg_class WHERE relname = 'payroll')")) {
        assertTrue(rs.next());
        assertTrue(rs.getBoolean(1));
        assertEquals(false, rs.getBoolean(2));
        assertTrue(rs.getBoolean(3));
        assertEquals("{admin=arwdDxt/admin,app_user=r/admin}", rs.getString(4));
      }
    }
  }
}
