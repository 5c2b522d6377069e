package org.opendsql.pgwire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendsql.pgwire.fake.FakeDatabase;

/** The server as pgjdbc sees it, over TLS with the self-signed certificate. */
@Timeout(60)
class PgServerJdbcTest {
  static TestServers srv;

  @BeforeAll
  static void start() throws Exception {
    srv = TestServers.tls();
  }

  @AfterAll
  static void stop() throws Exception {
    srv.close();
  }

  private static Connection connect(String extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "admin");
    p.setProperty("password", FakeDatabase.PASSWORD);
    return DriverManager.getConnection(srv.url(extra), p);
  }

  @Test
  void simpleQueryProtocolRunsEachStatementOfAMultiStatementString() throws Exception {
    try (Connection c = connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
      assertTrue(s.execute("select 1; select 'a;b''c' /* ; */ ; -- ;\n select * from gen(3)"));
      try (ResultSet rs = s.getResultSet()) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      assertTrue(s.getMoreResults());
      try (ResultSet rs = s.getResultSet()) {
        assertTrue(rs.next());
        assertEquals("a;b'c", rs.getString(1));
      }
      assertTrue(s.getMoreResults());
      try (ResultSet rs = s.getResultSet()) {
        int n = 0;
        while (rs.next()) assertEquals(n++, rs.getLong("id"));
        assertEquals(3, n);
      }
      assertFalse(s.getMoreResults());
    }
  }

  @Test
  void setReportsParameterStatusAndConnectionReportsServerVersion() throws Exception {
    try (Connection c = connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
      assertEquals("15.0", c.getMetaData().getDatabaseProductVersion());
      s.execute("set application_name = 'probe'");
      assertEquals("probe", c.getClientInfo("ApplicationName"));
    }
  }

  @ParameterizedTest(name = "prepareThreshold={0}")
  @ValueSource(ints = {0, 1, -1})
  void preparedStatementParametersOfManyTypesRoundTripInTextAndBinary(int threshold)
      throws Exception {
    UUID uuid = UUID.randomUUID();
    OffsetDateTime ts = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123456000, ZoneOffset.UTC);
    LocalDateTime local = LocalDateTime.of(1999, 12, 31, 23, 59, 58, 1000);
    LocalDate day = LocalDate.of(1970, 6, 15);
    byte[] bytes = {0, 1, 2, (byte) 0xFF};
    String sql = "select echo(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    try (Connection c = connect("prepareThreshold=" + threshold);
         PreparedStatement ps = c.prepareStatement(sql)) {
      for (int round = 0; round < 3; round++) {
        ps.setInt(1, 42 + round);
        ps.setLong(2, -9_000_000_000L);
        ps.setShort(3, (short) 7);
        ps.setDouble(4, 3.25);
        ps.setFloat(5, 1.5f);
        ps.setBoolean(6, true);
        ps.setString(7, "héllo 'world'");
        ps.setBigDecimal(8, new BigDecimal("-12345678901234567890.000120"));
        ps.setBytes(9, bytes);
        ps.setObject(10, uuid);
        ps.setObject(11, ts);
        ps.setObject(12, local);
        ps.setObject(13, day);
        ps.setString(14, null);
        ps.setBigDecimal(15, new BigDecimal("0.0001"));
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(42 + round, rs.getInt(1));
          assertEquals(-9_000_000_000L, rs.getLong(2));
          assertEquals(7, rs.getShort(3));
          assertEquals(3.25, rs.getDouble(4));
          assertEquals(1.5f, rs.getFloat(5));
          assertTrue(rs.getBoolean(6));
          assertEquals("héllo 'world'", rs.getString(7));
          assertEquals(new BigDecimal("-12345678901234567890.000120"), rs.getBigDecimal(8));
          assertArrayEquals(bytes, rs.getBytes(9));
          assertEquals(uuid, rs.getObject(10, UUID.class));
          assertEquals(ts.toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant());
          assertEquals(local, rs.getObject(12, LocalDateTime.class));
          assertEquals(day, rs.getObject(13, LocalDate.class));
          assertNull(rs.getString(14));
          assertEquals(new BigDecimal("0.0001"), rs.getBigDecimal(15));
          assertFalse(rs.next());
        }
      }
    }
  }

  @Test
  void fetchSizeInsideATransactionStreamsThroughPortalSuspension() throws Exception {
    srv.db.largestFetch.set(0);
    try (Connection c = connect("")) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("select * from gen(1000)")) {
        ps.setFetchSize(100);
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) assertEquals(n++, rs.getLong(1));
        }
        assertEquals(1000, n);
      }
      c.commit();
    }
    int largest = srv.db.largestFetch.get();
    assertTrue(largest > 0 && largest <= 100, "server asked the cursor for " + largest + " rows");
  }

  @Test
  void errorInTheMiddleOfABatchSkipsTheRestUntilSyncThenTheConnectionWorks() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      int before = srv.db.insertsExecuted.get();
      s.addBatch("insert into t values (1)");
      s.addBatch("insert into t values ('boom')");
      s.addBatch("insert into t values (3)");
      BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
      assertEquals("23505", e.getSQLState());
      assertEquals(2, srv.db.insertsExecuted.get() - before, "the statement after the error ran");
      try (ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void syntaxErrorCarriesItsSqlStateAndMessage() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("selec nonsense"));
      assertEquals("42601", e.getSQLState());
      assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
    }
  }

  @Test
  void wrongPasswordIs28000AndNoSessionIsOpened() {
    int opened = srv.db.sessionsOpened.get();
    Properties p = new Properties();
    p.setProperty("user", "admin");
    p.setProperty("password", "wrong");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(srv.url(""), p).close());
    assertEquals("28000", e.getSQLState());
    assertEquals(opened, srv.db.sessionsOpened.get());
  }

  @Test
  void plaintextConnectionIsRefusedWithSslRequired() {
    Properties p = new Properties();
    p.setProperty("user", "admin");
    p.setProperty("password", FakeDatabase.PASSWORD);
    String url = "jdbc:postgresql://127.0.0.1:" + srv.port + "/postgres?sslmode=disable";
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p));
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().contains("SSL is required"), e.getMessage());
  }

  @Test
  void plaintextIsAcceptedWhenAllowed() throws Exception {
    try (TestServers plain = new TestServers("allow-plaintext = on")) {
      Properties p = new Properties();
      p.setProperty("user", "admin");
      p.setProperty("password", FakeDatabase.PASSWORD);
      String url = "jdbc:postgresql://127.0.0.1:" + plain.port + "/postgres?sslmode=disable";
      try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void statementCancelInterruptsARunningQueryWith57014() throws Exception {
    srv.db.slowStarted = new java.util.concurrent.CountDownLatch(1);
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
        try {
          s.executeQuery("select slow").close();
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      assertTrue(srv.db.slowStarted.await(20, TimeUnit.SECONDS), "slow query never started");
      s.cancel();
      SQLException e = failure.get(20, TimeUnit.SECONDS);
      assertNotNull(e, "the query was not cancelled");
      assertEquals("57014", e.getSQLState());
      try (ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void closingTheConnectionClosesTheSession() throws Exception {
    int closed = srv.db.sessionsClosed.get();
    connect("").close();
    await("session close").atMost(Duration.ofSeconds(10)).until(() -> srv.db.sessionsClosed.get() > closed);
  }
}
