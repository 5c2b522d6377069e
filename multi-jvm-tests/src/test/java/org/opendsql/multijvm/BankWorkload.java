package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.util.PSQLException;

/**
 * A bank under test: transfers between accounts by pgjdbc clients on several nodes at once, and
 * readers checking every answer against what had already been acknowledged.
 *
 * <p>Every transfer moves 1 between two accounts and bumps both accounts' {@code version}, and
 * records itself in {@code transfers}. What it checks:
 *
 * <ul>
 *   <li>the total balance never changes, in every reader's snapshot and at the end;
 *   <li>every transfer whose COMMIT returned is in {@code transfers} at the end, and no transfer
 *       that failed with a definite error is;
 *   <li>no read is stale: a read that starts after a COMMIT returned sees that commit's version
 *       of both accounts (or a later one), whichever node it reads through.
 * </ul>
 *
 * <p>Clients go to the nodes named by {@link #useNodes}; a client whose node dies reconnects to
 * another. The outcome of a transfer whose COMMIT got no answer is unknown, so it may or may not
 * be there.
 */
final class BankWorkload implements AutoCloseable {
  static final int INITIAL_BALANCE = 100;

  private final TestCluster cluster;
  private final int accounts;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
  private final Map<Integer, Integer> acknowledgedVersion = new ConcurrentHashMap<>();
  private final Map<String, Integer> errors = new ConcurrentHashMap<>();
  /** By client slot: the node its current connection goes to, and that connection. */
  private final Map<Integer, Integer> clientNodes = new ConcurrentHashMap<>();
  private final Map<Integer, Connection> clientConnections = new ConcurrentHashMap<>();
  /** Connections the workload dropped itself: their errors are not the database's. */
  private final Set<Connection> aborted = ConcurrentHashMap.newKeySet();
  /** When each acknowledged COMMIT returned and each error arrived (System.nanoTime), for gaps. */
  private final java.util.Queue<Long> ackTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.Queue<TimedError> errorTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger reads = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private volatile int[] nodes;
  private volatile boolean running;

  BankWorkload(TestCluster cluster, int accounts, int... nodes) {
    this.cluster = cluster;
    this.accounts = accounts;
    this.nodes = nodes.clone();
  }

  /** Creates the tables through {@code node} and gives every account the initial balance. */
  void createSchema(int node) throws Exception {
    try (Connection c = cluster.connect(node); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL, version int NOT NULL)");
      s.execute("CREATE TABLE transfers (id int PRIMARY KEY, src int NOT NULL, dst int NOT NULL)");
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < accounts; i++) {
        rows.append(i == 0 ? "" : ",").append("(").append(i).append(", ").append(INITIAL_BALANCE).append(", 0)");
      }
      s.execute("INSERT INTO accounts VALUES " + rows);
    }
  }

  /** Clients from now on connect to these nodes only (a dead node is left out by the test). */
  void useNodes(int... nodes) {
    this.nodes = nodes.clone();
    // As a client-side balancer taking a node out of rotation would: a client connected to a node
    // no longer listed drops that connection at once (it may be blocked on a paused node) and
    // connects to a listed one.
    for (Map.Entry<Integer, Connection> w : clientConnections.entrySet()) {
      Integer at = clientNodes.get(w.getKey());
      if (at != null && java.util.Arrays.stream(nodes).noneMatch(n -> n == at)) {
        try {
          aborted.add(w.getValue());
          w.getValue().abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
          // already closed
        }
      }
    }
  }

  /** Starts {@code writers} transfer clients and {@code readers} checking readers. */
  void start(int writers, int readers) {
    running = true;
    for (int i = 0; i < writers; i++) spawn("bank-writer-" + i, i, this::writeLoop);
    for (int i = 0; i < readers; i++) spawn("bank-reader-" + i, writers + i, this::readLoop);
  }

  private void spawn(String name, int slot, java.util.function.IntConsumer loop) {
    Thread t = new Thread(() -> loop.accept(slot), name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Waits until {@code more} further transfers have been acknowledged. */
  void awaitMoreAcknowledged(int more, Duration timeout) {
    int target = acknowledged.size() + more;
    long since = System.nanoTime();
    await(more + " more transfers acknowledged").atMost(timeout).untilAsserted(() -> {
      assertNoViolations();
      assertTrue(acknowledged.size() >= target, "only " + (acknowledged.size() - target + more) + " of " + more
          + " transfers acknowledged; errors meanwhile " + errorsBetween(since, System.nanoTime())
          + ", clients on nodes " + new TreeMap<>(clientNodes) + "; all errors so far " + new TreeMap<>(errors));
    });
  }

  void assertNoViolations() {
    synchronized (violations) {
      assertEquals(List.of(), violations.subList(0, Math.min(10, violations.size())),
          violations.size() + " reads broke the bank's invariants");
    }
  }

  /** Stops the clients and checks the end state through {@code node}. */
  void stopAndVerify(int node) throws Exception {
    close();
    System.out.println("bank: " + acknowledged.size() + " transfers acknowledged, " + failed.size()
        + " failed, " + reads.get() + " checked reads; errors " + new TreeMap<>(errors));
    assertNoViolations();
    assertTrue(reads.get() > 0, "the readers never completed a read");
    try (Connection c = cluster.connect(node); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT sum(balance) FROM accounts")) {
        assertTrue(rs.next());
        assertEquals((long) INITIAL_BALANCE * accounts, rs.getLong(1), "money was created or destroyed");
      }
      Set<Integer> present = new HashSet<>();
      try (ResultSet rs = s.executeQuery("SELECT id FROM transfers")) {
        while (rs.next()) present.add(rs.getInt(1));
      }
      Set<Integer> missing = new HashSet<>(acknowledged);
      missing.removeAll(present);
      assertEquals(Set.of(), missing, "acknowledged transfers missing (of " + acknowledged.size() + ")");
      Set<Integer> resurrected = new HashSet<>(present);
      resurrected.retainAll(failed);
      assertEquals(Set.of(), resurrected, "transfers that failed with a definite error are there");
      Map<Integer, Integer> versions = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT id, version FROM accounts")) {
        while (rs.next()) versions.put(rs.getInt(1), rs.getInt(2));
      }
      for (Map.Entry<Integer, Integer> e : acknowledgedVersion.entrySet()) {
        assertTrue(versions.get(e.getKey()) >= e.getValue(), "account " + e.getKey() + " lost acknowledged version "
            + e.getValue() + ": " + versions.get(e.getKey()));
      }
    }
  }

  /** Error counts by SQLSTATE and first message line, for failure messages. */
  Map<String, Integer> errors() {
    return new TreeMap<>(errors);
  }

  int reads() {
    return reads.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(90).toMillis());
      if (t.isAlive()) t.interrupt();
    }
    threads.clear();
  }

  private void writeLoop(int slot) {
    Connection c = null;
    while (running) {
      try {
        if (c == null || c.isClosed()) {
          c = connect(slot);
          if (c != null) clientConnections.put(slot, c);
        }
        if (c != null) transfer(c);
      } catch (SQLException e) {
        c = closeQuietly(c);
      }
    }
    closeQuietly(c);
  }

  /**
   * One transfer. A failure before COMMIT, or a COMMIT refused with a definite SQLSTATE, leaves
   * nothing written; a COMMIT without an answer leaves the outcome unknown. Throws when the
   * connection is no longer usable.
   */
  private void transfer(Connection c) throws SQLException {
    int id = nextId.getAndIncrement();
    int from = ThreadLocalRandom.current().nextInt(accounts);
    int to = (from + 1 + ThreadLocalRandom.current().nextInt(accounts - 1)) % accounts;
    int fromVersion;
    int toVersion;
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      fromVersion = bump(s, from, -1);
      toVersion = bump(s, to, 1);
      s.executeUpdate("INSERT INTO transfers VALUES (" + id + ", " + from + ", " + to + ")");
    } catch (SQLException e) {
      if (!aborted.contains(c)) count(e);
      failed.add(id);
      rollbackQuietly(c);
      if (isConnectionError(e)) throw e;
      return;
    }
    try {
      c.commit();
    } catch (SQLException e) {
      if (!aborted.contains(c)) count(e);
      if (isConnectionError(e) || "08007".equals(e.getSQLState())) throw e;
      failed.add(id);
      return;
    }
    acknowledged.add(id);
    ackTimes.add(System.nanoTime());
    acknowledgedVersion.merge(from, fromVersion, Math::max);
    acknowledgedVersion.merge(to, toVersion, Math::max);
  }

  private static int bump(Statement s, int account, int delta) throws SQLException {
    try (ResultSet rs = s.executeQuery("UPDATE accounts SET balance = balance + (" + delta
        + "), version = version + 1 WHERE id = " + account + " RETURNING version")) {
      if (!rs.next()) throw new SQLException("account " + account + " is missing", "XX000");
      return rs.getInt(1);
    }
  }

  private void readLoop(int slot) {
    Connection c = null;
    while (running) {
      try {
        if (c == null || c.isClosed()) {
          c = connect(slot);
          if (c != null) clientConnections.put(slot, c);
        }
        if (c != null) check(c);
      } catch (SQLException e) {
        if (!aborted.contains(c)) count(e);
        c = closeQuietly(c);
      }
    }
    closeQuietly(c);
  }

  private void check(Connection c) throws SQLException {
    c.setAutoCommit(true);
    // Copied before the read starts: each value was acknowledged before then.
    Map<Integer, Integer> floor = new HashMap<>(acknowledgedVersion);
    long total = 0;
    int rows = 0;
    List<String> stale = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, balance, version FROM accounts")) {
      while (rs.next()) {
        rows++;
        total += rs.getLong(2);
        int version = rs.getInt(3);
        Integer min = floor.get(rs.getInt(1));
        if (min != null && version < min) {
          stale.add("account " + rs.getInt(1) + " at version " + version + " after version " + min + " was acknowledged");
        }
      }
    }
    String where = " (read through " + c.getMetaData().getURL() + ")";
    if (rows != accounts) violations.add(rows + " accounts read instead of " + accounts + where);
    if (total != (long) INITIAL_BALANCE * accounts) violations.add("total " + total + where);
    for (String s : stale) violations.add("stale read: " + s + where);
    reads.incrementAndGet();
  }

  /** A connection to one of the current nodes, spreading clients by slot; null if none answers. */
  private Connection connect(int slot) {
    int[] current = nodes;
    for (int k = 0; k < current.length && running; k++) {
      int node = current[(slot + k) % current.length];
      try {
        if (!cluster.node(node).isAlive()) continue;
        Connection c = cluster.connect(node);
        clientNodes.put(slot, node);
        return c;
      } catch (Exception e) {
        errors.merge("connect " + e.getClass().getSimpleName(), 1, Integer::sum);
        errorTimes.add(new TimedError(System.nanoTime(), "connect"));
      }
    }
    LockSupport.parkNanos(50_000_000L); // back off while no listed node accepts connections
    return null;
  }

  /** An error a client saw, when, and its SQLSTATE. */
  record TimedError(long nanos, String sqlState) {}

  /**
   * The longest stretch without an acknowledged COMMIT between {@code fromNanos} and now (the
   * first stretch starts at {@code fromNanos}): the write gap a fault at that moment caused.
   */
  Duration longestGapSince(long fromNanos) {
    long now = System.nanoTime();
    List<Long> times = new ArrayList<>();
    for (long t : ackTimes) if (t >= fromNanos) times.add(t);
    java.util.Collections.sort(times);
    long previous = fromNanos;
    long longest = 0;
    for (long t : times) {
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    if (times.isEmpty()) longest = now - fromNanos;
    return Duration.ofNanos(longest);
  }

  /** Errors clients saw between the two instants, counted by SQLSTATE. */
  Map<String, Integer> errorsBetween(long fromNanos, long toNanos) {
    Map<String, Integer> counts = new TreeMap<>();
    for (TimedError e : errorTimes) {
      if (e.nanos() >= fromNanos && e.nanos() < toNanos) counts.merge(e.sqlState(), 1, Integer::sum);
    }
    return counts;
  }

  private void count(SQLException e) {
    errorTimes.add(new TimedError(System.nanoTime(), String.valueOf(e.getSQLState())));
    String detail = e instanceof PSQLException p && p.getServerErrorMessage() != null
        && p.getServerErrorMessage().getDetail() != null ? " (" + p.getServerErrorMessage().getDetail() + ")" : "";
    errors.merge(e.getSQLState() + " " + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + detail,
        1, Integer::sum);
  }

  private static boolean isConnectionError(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the caller reconnects
    }
  }

  private static Connection closeQuietly(Connection c) {
    if (c == null) return null;
    try {
      c.close();
    } catch (SQLException ignored) {
      // already broken
    }
    return null;
  }
}
