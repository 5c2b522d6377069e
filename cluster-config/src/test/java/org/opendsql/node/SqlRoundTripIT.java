package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.auth.Tokens;

/** Real pgjdbc over TLS with a token against an embedded node: the SQL surface end to end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlRoundTripIT {
  private EmbeddedNode db;

  @BeforeAll
  void start() throws Exception {
    db = EmbeddedNode.start();
  }

  @AfterAll
  void stop() throws Exception {
    db.close();
  }

  @Test
  void ddlAndDmlRoundTripWithTypesAndCommandTags() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertFalse(s.execute("CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, "
          + "balance numeric(12,2), active boolean, opened timestamptz, ref uuid, note varchar(20), big bigint)"));
      UUID ref = UUID.randomUUID();
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO accounts (id, owner, balance, active, opened, ref, note, big) "
              + "VALUES (?, ?, ?, ?, ?::timestamptz, ?, ?, ?) RETURNING id, owner, balance")) {
        ins.setInt(1, 1);
        ins.setString(2, "ada");
        ins.setBigDecimal(3, new BigDecimal("100.50"));
        ins.setBoolean(4, true);
        ins.setString(5, "2024-03-01 10:00:00+00");
        ins.setObject(6, ref);
        ins.setString(7, "first");
        ins.setLong(8, 9_000_000_000L);
        try (ResultSet rs = ins.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
          assertEquals("ada", rs.getString(2));
          assertEquals(new BigDecimal("100.50"), rs.getBigDecimal(3));
        }
      }
      assertEquals(2, s.executeUpdate("INSERT INTO accounts (id, owner, balance) VALUES (2, 'bob', 5), (3, 'cy', 7.25)"));
      try (ResultSet rs = s.executeQuery("SELECT id, owner, balance, active, ref, note, big FROM accounts WHERE id = 1")) {
        assertTrue(rs.next());
        assertEquals(Types.INTEGER, rs.getMetaData().getColumnType(1));
        assertEquals(Types.NUMERIC, rs.getMetaData().getColumnType(3));
        assertTrue(rs.getBoolean(4));
        assertEquals(ref, rs.getObject(5));
        assertEquals("first", rs.getString(6));
        assertEquals(9_000_000_000L, rs.getLong(7));
        assertFalse(rs.next());
      }
      assertEquals(2, s.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE id >= 2"));
      try (ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts ORDER BY id")) {
        assertTrue(rs.next());
        assertEquals(new BigDecimal("100.50"), rs.getBigDecimal(2));
        assertTrue(rs.next());
        assertEquals(new BigDecimal("6"), rs.getBigDecimal(2).stripTrailingZeros());
        assertTrue(rs.next());
        assertEquals(new BigDecimal("8.25"), rs.getBigDecimal(2));
        assertFalse(rs.next());
      }
      assertEquals(1, s.executeUpdate("DELETE FROM accounts WHERE id = 3"));
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
      }
      try (ResultSet rs = s.executeQuery("SELECT active FROM accounts WHERE id = 2")) {
        assertTrue(rs.next());
        assertNull(rs.getObject(1));
      }
    }
  }

  @Test
  void errorsCarryPostgresSqlStates() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE errs (id int PRIMARY KEY, name text NOT NULL)");
      s.execute("INSERT INTO errs VALUES (1, 'a')");
      assertEquals("23505", assertThrows(SQLException.class,
          () -> s.execute("INSERT INTO errs VALUES (1, 'b')")).getSQLState());
      assertEquals("23502", assertThrows(SQLException.class,
          () -> s.execute("INSERT INTO errs (id) VALUES (2)")).getSQLState());
      assertEquals("42P01", assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM nope")).getSQLState());
      assertEquals("42703", assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT nope FROM errs")).getSQLState());
      assertEquals("42601", assertThrows(SQLException.class,
          () -> s.executeQuery("SELEC 1")).getSQLState());
      assertEquals("22P02", assertThrows(SQLException.class,
          () -> s.execute("INSERT INTO errs VALUES ('x', 'c')")).getSQLState());
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM errs")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1), "failed statements wrote nothing");
      }
    }
  }

  /**
   * pgjdbc's array support: createArrayOf/setArray and Integer[] parameters, getArray results,
   * and {@code = ANY(?)}; with prepareThreshold -1 every execution uses binary array transfer.
   */
  @Test
  void arraysRoundTripThroughPgjdbcInTextAndBinary() throws Exception {
    for (String threshold : new String[] {"5", "-1"}) {
      Properties props = new Properties();
      props.setProperty("prepareThreshold", threshold);
      String table = "arr_rt" + (threshold.equals("5") ? "_text" : "_binary");
      try (Connection c = db.connect(props); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, tags text[], nums int[], amounts numeric[])");
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
          for (int i = 1; i <= 7; i++) {
            ins.setInt(1, i);
            ins.setArray(2, c.createArrayOf("text", new String[] {"t" + i, "with space", null}));
            ins.setObject(3, new Integer[] {i, i * 10});
            ins.setArray(4, c.createArrayOf("numeric", new BigDecimal[] {new BigDecimal("1.50"), BigDecimal.TEN}));
            assertEquals(1, ins.executeUpdate());
          }
        }
        try (PreparedStatement q = c.prepareStatement(
            "SELECT id, tags, nums, amounts, nums[2] FROM " + table + " WHERE id = ANY(?) ORDER BY id")) {
          for (int round = 0; round < 7; round++) {
            q.setArray(1, c.createArrayOf("integer", new Integer[] {2, 5, 99}));
            try (ResultSet rs = q.executeQuery()) {
              assertTrue(rs.next());
              assertEquals(2, rs.getInt(1));
              assertArrayEquals(new String[] {"t2", "with space", null}, (String[]) rs.getArray(2).getArray());
              assertArrayEquals(new Integer[] {2, 20}, (Integer[]) rs.getArray(3).getArray());
              assertArrayEquals(new BigDecimal[] {new BigDecimal("1.50"), BigDecimal.TEN},
                  (BigDecimal[]) rs.getArray(4).getArray());
              assertEquals(20, rs.getInt(5));
              assertTrue(rs.next());
              assertEquals(5, rs.getInt(1));
              assertFalse(rs.next());
            }
          }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT array_agg(id ORDER BY id) FROM " + table
            + " WHERE ? = ANY(tags)")) {
          q.setString(1, "t3");
          try (ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next());
            assertArrayEquals(new Integer[] {3}, (Integer[]) rs.getArray(1).getArray());
          }
        }
      }
    }
  }

  @Test
  void isolationIsRepeatableRead() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
      assertTrue(rs.next());
      assertEquals("repeatable read", rs.getString(1));
    }
  }

  @Test
  void wrongOrForeignTokenIsRefusedWith28000() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", "localhost/?Action=DbConnectAdmin&User=admin&X-Expires=9999999999&X-Signature=forged");
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.url(), p));
    assertEquals("28000", e.getSQLState());
    Properties wrongUser = new Properties();
    wrongUser.setProperty("user", Tokens.ADMIN);
    wrongUser.setProperty("password", db.token("alice"));
    assertEquals("28000", assertThrows(SQLException.class,
        () -> DriverManager.getConnection(db.url(), wrongUser)).getSQLState());
  }

  @Test
  void plaintextConnectionsAreRefused() {
    Properties p = new Properties();
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", "x");
    String url = "jdbc:postgresql://127.0.0.1:" + db.node.pgPort() + "/postgres?sslmode=disable";
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p));
    assertEquals("28000", e.getSQLState());
  }

  @Test
  void intervalTimeAndCharTravelThroughPgjdbcInTextAndBinary() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE slots (id int PRIMARY KEY, starts time, length interval, code char(4))");
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO slots VALUES (?, ?, ?::interval, ?)")) {
        ins.setInt(1, 1);
        ins.setTime(2, java.sql.Time.valueOf("09:30:00"));
        ins.setString(3, "1 day 02:00");
        ins.setString(4, "ab");
        assertEquals(1, ins.executeUpdate());
        ins.setInt(1, 2);
        ins.setObject(2, java.time.LocalTime.of(23, 45, 10));
        ins.setObject(3, new org.postgresql.util.PGInterval("-1 mons +2 days"));
        ins.setString(4, "abcd");
        assertEquals(1, ins.executeUpdate());
      }
      // pgjdbc switches a statement to binary results once it ran prepareThreshold (5) times.
      for (int round = 0; round < 7; round++) {
        try (PreparedStatement q = c.prepareStatement("SELECT starts, length, code, starts + length FROM slots WHERE id = ?")) {
          q.setInt(1, 1);
          try (ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(java.time.LocalTime.of(9, 30), rs.getObject(1, java.time.LocalTime.class));
            assertEquals("1 day 02:00:00", rs.getString(2));
            assertEquals(new org.postgresql.util.PGInterval(0, 0, 1, 2, 0, 0), rs.getObject(2));
            assertEquals("ab  ", rs.getString(3));
            assertEquals("11:30:00", rs.getString(4));
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT length FROM slots WHERE id = 2")) {
        assertTrue(rs.next());
        assertEquals("-1 mons +2 days", rs.getString(1));
      }
    }
  }
}
