package org.opendsql.qp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.Write;

/**
 * A bank over the KvStore API: transfers between a few accounts by concurrent writers, and a
 * reader that sums every account at one snapshot. Each balance is stored with the id of the
 * transfer that wrote it, so a read can tell which commit it sees. It records what clients see
 * (acknowledgements, errors by SQLSTATE, the longest operation, the longest stretch without an
 * acknowledged commit) and every broken invariant: money created or lost, a read older than a
 * commit already acknowledged (stale), the final state missing an acknowledged commit (lost),
 * a write of a transfer that was refused becoming visible.
 */
final class BankWorkload {
  static final int ACCOUNTS = 6;
  static final long START_BALANCE = 100;
  private static final long CLIENT_TIMEOUT_S = 20;

  private final KvStore kv;
  private final String prefix;
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Long> errors = new ConcurrentHashMap<>();
  /** Acknowledged transfers: id -> commit timestamp. */
  private final Map<String, Long> acked = new ConcurrentHashMap<>();
  /** Transfers refused with a definite error (not 08007): their writes must never show. */
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  /** Per account, the newest acknowledged commit timestamp. */
  private final Map<Integer, Long> newestAck = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong longestOpNanos = new AtomicLong();
  private final AtomicLong lastAckNanos = new AtomicLong();
  private final AtomicLong longestGapNanos = new AtomicLong();
  private final AtomicLong sums = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  BankWorkload(KvStore kv, String prefix) {
    this.kv = kv;
    this.prefix = prefix;
  }

  private byte[] key(int account) {
    return (prefix + "/" + account).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(long balance, String txn) {
    return (balance + ":" + txn).getBytes(StandardCharsets.UTF_8);
  }

  private static long balance(byte[] v) {
    String s = new String(v, StandardCharsets.UTF_8);
    return Long.parseLong(s.substring(0, s.indexOf(':')));
  }

  private static String txn(byte[] v) {
    String s = new String(v, StandardCharsets.UTF_8);
    return s.substring(s.indexOf(':') + 1);
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> s) {
    return s.toCompletableFuture().orTimeout(CLIENT_TIMEOUT_S, TimeUnit.SECONDS).join();
  }

  /** Opens the accounts, retrying as a client would. */
  void open() {
    List<Write> writes = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) writes.add(new Write(key(a), value(START_BALANCE, "open")));
    for (int attempt = 1; ; attempt++) {
      try {
        long ts = await(kv.commit(kv.now(), writes, List.of(), List.of()));
        acked.put("open", ts);
        for (int a = 0; a < ACCOUNTS; a++) newestAck.put(a, ts);
        return;
      } catch (RuntimeException e) {
        if (attempt == 20) throw e;
      }
    }
  }

  void start(int writers, long seed) {
    running.set(true);
    lastAckNanos.set(System.nanoTime());
    for (int w = 0; w < writers; w++) {
      int id = w;
      threads.add(started(new Thread(() -> write(id, new Random(seed + id)), "bank-writer-" + w)));
    }
    threads.add(started(new Thread(this::check, "bank-reader")));
  }

  private static Thread started(Thread t) {
    t.setDaemon(true);
    t.start();
    return t;
  }

  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(2 * CLIENT_TIMEOUT_S));
    threads.clear();
  }

  private void write(int writer, Random random) {
    for (int n = 0; running.get(); n++) {
      String txn = "w" + writer + "-" + n;
      int from = random.nextInt(ACCOUNTS);
      int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      long amount = 1 + random.nextInt(5);
      long began = System.nanoTime();
      long ts = kv.now();
      byte[] a;
      byte[] b;
      try {
        a = await(kv.get(key(from), ts));
        b = await(kv.get(key(to), ts));
      } catch (RuntimeException e) {
        record("read ", e, began);
        continue;
      }
      checkFresh(from, a, ts);
      checkFresh(to, b, ts);
      List<Write> writes = List.of(new Write(key(from), value(balance(a) - amount, txn)),
          new Write(key(to), value(balance(b) + amount, txn)));
      touchedBy.put(txn, new int[] {from, to});
      try {
        long commitTs = await(kv.commit(ts, writes, List.of(), List.of()));
        acked.put(txn, commitTs);
        newestAck.merge(from, commitTs, Math::max);
        newestAck.merge(to, commitTs, Math::max);
        long now = System.nanoTime();
        longestGapNanos.accumulateAndGet(now - lastAckNanos.getAndSet(now), Math::max);
        longestOpNanos.accumulateAndGet(now - began, Math::max);
      } catch (RuntimeException e) {
        String code = record("commit ", e, began);
        if (!code.equals("08007")) refused.put(txn, code);
      }
    }
  }

  private String record(String what, RuntimeException e, long began) {
    String code = DbException.of(e).state().code();
    errors.merge(what + code, 1L, Long::sum);
    longestOpNanos.accumulateAndGet(System.nanoTime() - began, Math::max);
    return code;
  }

  /**
   * A read at {@code ts} must see every commit below {@code ts}, acknowledged or not yet: seeing
   * {@code t} is stale if an acknowledged commit of this account lies between t's and {@code ts}.
   */
  private void checkFresh(int account, byte[] v, long ts) {
    String t = txn(v);
    if (refused.containsKey(t)) violations.add("account " + account + " shows refused transfer " + t);
    Long seen = acked.get(t);
    if (seen == null) return;
    for (Map.Entry<String, Long> e : acked.entrySet()) {
      if (e.getValue() > seen && e.getValue() < ts && touched(e.getKey(), account)) {
        violations.add("stale read of account " + account + ": saw " + t + ", missed " + e.getKey());
        return;
      }
    }
  }

  private final Map<String, int[]> touchedBy = new ConcurrentHashMap<>();

  private boolean touched(String txn, int account) {
    int[] t = touchedBy.get(txn);
    return txn.equals("open") || (t != null && (t[0] == account || t[1] == account));
  }

  private void check() {
    while (running.get()) {
      long ts = kv.now();
      long began = System.nanoTime();
      try {
        long total = 0;
        for (int a = 0; a < ACCOUNTS; a++) total += balance(await(kv.get(key(a), ts)));
        if (total != ACCOUNTS * START_BALANCE) violations.add("sum " + total + " at " + ts);
        sums.incrementAndGet();
      } catch (RuntimeException e) {
        record("sum ", e, began);
      }
    }
  }

  /** The final state: money conserved, and each account shows its newest acknowledged commit or a later one. */
  void verifyFinal() {
    long ts = kv.now();
    long total = 0;
    for (int a = 0; a < ACCOUNTS; a++) {
      byte[] v = null;
      for (int attempt = 1; v == null; attempt++) {
        try {
          v = await(kv.get(key(a), ts));
        } catch (RuntimeException e) {
          if (attempt == 10) throw e;
        }
      }
      total += balance(v);
      Long seen = acked.get(txn(v));
      if (refused.containsKey(txn(v))) violations.add("account " + a + " ends with refused transfer " + txn(v));
      if (seen != null && seen < newestAck.get(a)) {
        violations.add("account " + a + " lost an acknowledged commit: shows " + txn(v));
      }
    }
    if (total != ACCOUNTS * START_BALANCE) violations.add("final sum " + total);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  long acknowledged() {
    return acked.size() - 1;
  }

  long sums() {
    return sums.get();
  }

  Map<String, Long> errors() {
    return new TreeMap<>(errors);
  }

  long longestOpMillis() {
    return longestOpNanos.get() / 1_000_000;
  }

  long longestGapMillis() {
    return longestGapNanos.get() / 1_000_000;
  }

  String summary(String fault) {
    return String.format("%-58s acked %4d, sums %4d, longest op %5d ms, longest write gap %5d ms, errors %s",
        fault, acknowledged(), sums(), longestOpMillis(), longestGapMillis(), errors());
  }
}
