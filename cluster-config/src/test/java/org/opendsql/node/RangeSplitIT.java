package org.opendsql.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ranges split by size, and small cold neighbours merge, while a bank workload runs over pgjdbc:
 * a new table starts in one range, loading it splits that range many times, emptying most of it
 * merges the emptied ranges back, and throughout the clients see only successes or 40001; the
 * money is conserved, every acknowledged insert is there, and scans return every row once in key
 * order.
 */
class RangeSplitIT {
  private static final int ACCOUNTS = 3000;
  private static final int BALANCE = 100;
  private static final Pattern RANGES = Pattern.compile("\\((?:range \\d+|(\\d+) of (\\d+) ranges)\\)");

  @Test
  void rangesSplitUnderABankWorkloadAndClientsSeeOnlyRetryableErrors() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start(
        "opendsql.storage.split { max-keys = 250, max-bytes = 64 MiB, max-ops = 1000000, check-interval = 200ms }")) {
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
        assertEquals(1, rangesOf(s), "a new table starts in one range");
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong transfers = new AtomicLong();
      AtomicLong retries = new AtomicLong();
      ConcurrentHashMap<String, String> unexpected = new ConcurrentHashMap<>();
      List<Thread> workers = new ArrayList<>();
      // Accounts 0..99 exist before the workers start; the loader adds the rest while they run.
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        insertAccounts(s, 0, 100);
      }
      for (int w = 0; w < 3; w++) {
        Thread t = new Thread(() -> transferUntil(db, stop, transfers, retries, unexpected), "bank-" + w);
        t.start();
        workers.add(t);
      }
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        for (int from = 100; from < ACCOUNTS; from += 100) insertAccountsRetrying(s, from, from + 100);
        await("the table splits into many ranges").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> rangesOf(s) >= 6);
        await("transfers go on after the splits").atMost(Duration.ofSeconds(60))
            .until(() -> transfers.get() > 200);
      } finally {
        stop.set(true);
        for (Thread t : workers) t.join(60_000);
      }
      assertTrue(unexpected.isEmpty(), "only 40001 may reach a client: " + unexpected);

      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        int ranges = rangesOf(s);
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(balance) FROM accounts")) {
          rs.next();
          assertEquals(ACCOUNTS, rs.getLong(1), "every acknowledged insert is there");
          assertEquals((long) ACCOUNTS * BALANCE, rs.getLong(2), "transfers conserve the money");
        }
        int expected = 0;
        try (ResultSet rs = s.executeQuery("SELECT id FROM accounts")) {
          while (rs.next()) assertEquals(expected++, rs.getInt(1), "a scan across " + ranges + " ranges, in key order");
        }
        assertEquals(ACCOUNTS, expected);
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts WHERE id >= 1000 AND id < 2000")) {
          rs.next();
          assertEquals(1000, rs.getLong(1), "a key interval reads only its own rows");
        }
        for (int id : new int[] {0, 777, 1500, ACCOUNTS - 1}) {
          try (ResultSet rs = s.executeQuery("SELECT balance >= 0 FROM accounts WHERE id = " + id)) {
            assertTrue(rs.next(), "account " + id);
          }
        }
      }
      System.out.printf("range split IT: %d transfers, %d retried (40001)%n", transfers.get(), retries.get());
    }
  }

  @Test
  void smallColdNeighboursMergeUnderABankWorkloadAndClientsSeeOnlyRetryableErrors() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start(
        "opendsql.storage.split { max-keys = 250, max-bytes = 64 MiB, max-ops = 1000000, check-interval = 200ms }")) {
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
        insertAccounts(s, 0, 100);
        for (int from = 100; from < ACCOUNTS; from += 100) insertAccountsRetrying(s, from, from + 100);
        await("the table splits into many ranges").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> rangesOf(s) >= 6);
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong transfers = new AtomicLong();
      AtomicLong retries = new AtomicLong();
      ConcurrentHashMap<String, String> unexpected = new ConcurrentHashMap<>();
      List<Thread> workers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        Thread t = new Thread(() -> transferUntil(db, stop, transfers, retries, unexpected), "bank-" + w);
        t.start();
        workers.add(t);
      }
      int before;
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        before = rangesOf(s);
        // Emptied, the ranges past the bank's accounts are small and cold: neighbours merge.
        for (int from = 100; from < ACCOUNTS; from += 500) {
          for (int attempt = 0; ; attempt++) {
            try {
              s.executeUpdate("DELETE FROM accounts WHERE id >= " + from + " AND id < " + (from + 500));
              break;
            } catch (SQLException e) {
              if (!"40001".equals(e.getSQLState()) || attempt > 20) throw e;
            }
          }
        }
        await("emptied ranges merge with their neighbours").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200)).until(() -> rangesOf(s) <= 2);
        long settled = transfers.get();
        await("transfers go on after the merges").atMost(Duration.ofSeconds(60))
            .until(() -> transfers.get() > settled + 100);
      } finally {
        stop.set(true);
        for (Thread t : workers) t.join(60_000);
      }
      assertTrue(unexpected.isEmpty(), "only 40001 may reach a client: " + unexpected);
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(balance) FROM accounts")) {
          rs.next();
          assertEquals(100, rs.getLong(1), "the bank's accounts, and none of the deleted ones");
          assertEquals(100L * BALANCE, rs.getLong(2), "transfers conserve the money");
        }
        int expected = 0;
        try (ResultSet rs = s.executeQuery("SELECT id FROM accounts")) {
          while (rs.next()) assertEquals(expected++, rs.getInt(1), "a scan over the merged ranges, in key order");
        }
        assertEquals(100, expected);
        s.executeUpdate("INSERT INTO accounts VALUES (5000, 0)");
        try (ResultSet rs = s.executeQuery("SELECT balance FROM accounts WHERE id = 5000")) {
          assertTrue(rs.next(), "a key of a merged-away range is written and read through its new range");
        }
        System.out.printf("range merge IT: %d ranges -> %d, %d transfers, %d retried (40001)%n", before, rangesOf(s),
            transfers.get(), retries.get());
      }
    }
  }

  /** The number of ranges EXPLAIN says a scan of the whole table touches. */
  private static int rangesOf(Statement s) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM accounts")) {
      while (rs.next()) plan.append(rs.getString(1)).append('\n');
    }
    Matcher m = RANGES.matcher(plan);
    assertTrue(m.find(), "EXPLAIN names the ranges it reads: " + plan);
    return m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
  }

  private static void insertAccounts(Statement s, int from, int to) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO accounts VALUES ");
    for (int id = from; id < to; id++) sql.append(id == from ? "" : ", ").append('(').append(id).append(", ").append(BALANCE).append(')');
    s.executeUpdate(sql.toString());
  }

  /** A 40001 (a split under the insert) is retried, as a DSQL client does. */
  private static void insertAccountsRetrying(Statement s, int from, int to) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try {
        insertAccounts(s, from, to);
        return;
      } catch (SQLException e) {
        if (!"40001".equals(e.getSQLState()) || attempt > 20) throw e;
      }
    }
  }

  private static void transferUntil(EmbeddedNode db, AtomicBoolean stop, AtomicLong transfers, AtomicLong retries,
      ConcurrentHashMap<String, String> unexpected) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      PreparedStatement read = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?");
      PreparedStatement write = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (!stop.get()) {
        int a = random.nextInt(100);
        int b = (a + 1 + random.nextInt(99)) % 100;
        try {
          read.setInt(1, a);
          int balance;
          try (ResultSet rs = read.executeQuery()) {
            rs.next();
            balance = rs.getInt(1);
          }
          int amount = Math.min(balance, 1 + random.nextInt(5));
          write.setInt(1, -amount);
          write.setInt(2, a);
          write.executeUpdate();
          write.setInt(1, amount);
          write.setInt(2, b);
          write.executeUpdate();
          c.commit();
          transfers.incrementAndGet();
        } catch (SQLException e) {
          if ("40001".equals(e.getSQLState())) {
            retries.incrementAndGet();
          } else {
            unexpected.putIfAbsent(e.getSQLState() + " " + e.getMessage(), Thread.currentThread().getName());
          }
          try {
            c.rollback();
          } catch (SQLException ignored) {
            unexpected.putIfAbsent("rollback failed: " + ignored.getMessage(), Thread.currentThread().getName());
          }
        }
      }
    } catch (Exception e) {
      unexpected.putIfAbsent("worker failed: " + e, Thread.currentThread().getName());
    }
  }
}
