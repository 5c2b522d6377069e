package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendsql.core.auth.Tokens;

/**
 * HikariCP with 10 connections: its connection-test query and validation, and several threads
 * moving money between accounts with 40001 retries, after which no money was made or lost.
 */
class HikariPoolIT {
  private static final int ACCOUNTS = 8;
  private static EmbeddedNode db;
  private static HikariDataSource pool;

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedNode.start();
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(db.url());
    cfg.setUsername(Tokens.ADMIN);
    cfg.setPassword(db.token(Tokens.ADMIN));
    cfg.setMaximumPoolSize(10);
    cfg.setMinimumIdle(10);
    cfg.setAutoCommit(true);
    cfg.setConnectionTestQuery("SELECT 1");
    cfg.setConnectionInitSql("SET application_name = 'hikari-it'");
    cfg.setValidationTimeout(2000);
    cfg.setPoolName("it");
    pool = new HikariDataSource(cfg);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bank (id int PRIMARY KEY, balance numeric(12,2) NOT NULL)");
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < ACCOUNTS; i++) rows.append(i == 0 ? "" : ",").append("(").append(i).append(", 100.00)");
      s.execute("INSERT INTO bank VALUES " + rows);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (pool != null) pool.close();
    if (db != null) db.close();
  }

  @Test
  void poolValidatesItsConnections() throws Exception {
    try (Connection c = pool.getConnection()) {
      assertTrue(c.isValid(2));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW application_name")) {
        rs.next();
        assertEquals("hikari-it", rs.getString(1));
      }
    }
    // The pool opens its connections in the background: all ten come up, none is refused.
    org.awaitility.Awaitility.await("the pool holds its ten connections").atMost(java.time.Duration.ofSeconds(20))
        .until(() -> pool.getHikariPoolMXBean().getTotalConnections() == 10);
  }

  @Test
  void concurrentTransfersKeepTheTotal() throws Exception {
    AtomicInteger retries = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        long seed = t;
        work.add(threads.submit(() -> {
          Random r = new Random(seed);
          for (int i = 0; i < 15; i++) {
            int from = r.nextInt(ACCOUNTS);
            int to = (from + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            transfer(from, to, BigDecimal.valueOf(1 + r.nextInt(20)), retries);
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : work) f.get(60, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    assertEquals(90, done.get());
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sum(balance), count(*) FROM bank")) {
      rs.next();
      assertEquals(new BigDecimal("800.00"), rs.getBigDecimal(1));
      assertEquals(ACCOUNTS, rs.getInt(2));
    }
  }

  /** One transfer, run again from the start when the commit loses an optimistic conflict (40001). */
  private static void transfer(int from, int to, BigDecimal amount, AtomicInteger retries) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement debit = c.prepareStatement("UPDATE bank SET balance = balance - ? WHERE id = ?");
            PreparedStatement credit = c.prepareStatement("UPDATE bank SET balance = balance + ? WHERE id = ?")) {
          debit.setBigDecimal(1, amount);
          debit.setInt(2, from);
          assertEquals(1, debit.executeUpdate());
          credit.setBigDecimal(1, amount);
          credit.setInt(2, to);
          assertEquals(1, credit.executeUpdate());
          c.commit();
          return;
        } catch (SQLException e) {
          c.rollback();
          if (!"40001".equals(e.getSQLState()) || attempt > 50) throw e;
          retries.incrementAndGet();
        } finally {
          c.setAutoCommit(true);
        }
      }
    }
  }
}
