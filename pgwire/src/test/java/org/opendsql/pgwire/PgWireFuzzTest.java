package org.opendsql.pgwire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opendsql.pgwire.fuzz.FuzzCase;
import org.opendsql.pgwire.fuzz.Generators;
import org.opendsql.pgwire.fuzz.Wire;

/**
 * Hostile clients against a real server (full codec, TLS upgrade, password check, session
 * lifecycle; the fake database behind it). Each connection gets a seeded {@link FuzzCase}; the
 * properties: every connection ends with its tail answered, or an ErrorResponse and/or a close,
 * within a bounded time; no error is an internal one (XX000: an input the code did not expect);
 * a fresh login still works throughout; at the end no connection, session or cursor is left and
 * the heap after GC has not grown.
 *
 * <p>Run longer or replay: {@code -Dpgwire.fuzz.messages=10000000}, {@code -Dpgwire.fuzz.seed=N}
 * (the whole run), {@code -Dpgwire.fuzz.case=N} (one failing connection, as printed).
 */
@Timeout(900)
class PgWireFuzzTest {
  private static final long MESSAGES = Long.getLong("pgwire.fuzz.messages", 1_000_000);
  private static final int PARALLEL = Integer.getInteger("pgwire.fuzz.parallel", 8);
  private static final int PER_SESSION = Integer.getInteger("pgwire.fuzz.per-session", 1000);
  /** Short, since some cases wait for it; long enough for a login on a loaded 2-core machine. */
  private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(3);
  /** Far above what a case needs on a loaded CI machine; reaching it is a hang. */
  private static final Duration CASE_BOUND = AUTH_TIMEOUT.plusSeconds(20);
  private static final long HEAP_GROWTH_BOUND = 48L << 20;

  private final AtomicLong messagesSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger answeredAlive = new AtomicInteger();
  private final AtomicInteger closedWithError = new AtomicInteger();
  private final AtomicInteger closedSilently = new AtomicInteger();
  /** How sessions ended, by SQLSTATE and text: shows whether the streams reach their tail. */
  private final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> fatalReasons =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  @Test
  void hostileStreamsAreAnsweredOrClosedInBoundedTimeAndLeaveNoSessionOrMemoryBehind() throws Exception {
    long master = Long.getLong("pgwire.fuzz.seed", new SecureRandom().nextLong());
    String replay = System.getProperty("pgwire.fuzz.case");
    System.out.println("pgwire fuzz: seed " + master + " (replay the run with -Dpgwire.fuzz.seed=" + master + ")");
    try (TestServers srv = new TestServers("allow-plaintext = on, authentication-timeout = "
        + AUTH_TIMEOUT.toSeconds() + "s")) {
      ExecutorService workers = Executors.newFixedThreadPool(PARALLEL);
      ExecutorService writers = Executors.newCachedThreadPool();
      try {
        if (replay != null) {
          runCase(srv.port, Generators.generate(Long.parseLong(replay), PER_SESSION), writers);
          assertTrue(failures.isEmpty(), String.join("\n", failures));
          return;
        }
        SplittableRandom seeds = new SplittableRandom(master);
        // Warm up (JIT, pools, the TLS identity) before the heap is measured.
        runCases(srv.port, seeds, 20_000, workers, writers);
        assertClean(srv);
        long heapBefore = heapAfterGc(srv);
        long start = System.nanoTime();
        messagesSent.set(0);
        int before = connections.get();
        int batches = runCases(srv.port, seeds, MESSAGES, workers, writers);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertClean(srv);
        long heapAfter = heapAfterGc(srv);
        System.out.printf("pgwire fuzz: %,d messages (%,d bytes) on %,d connections in %d s, %d fresh-login checks;"
                + " answered alive %d, closed with ErrorResponse %d, closed silently %d; open connections %d,"
                + " sessions %d; heap after GC %,d -> %,d bytes%n",
            messagesSent.get(), bytesSent.get(), connections.get() - before, seconds, batches, answeredAlive.get(),
            closedWithError.get(), closedSilently.get(), srv.server.openConnections(), srv.server.openSessions(),
            heapBefore, heapAfter);
        fatalReasons.entrySet().stream().sorted((a, b) -> b.getValue().get() - a.getValue().get()).limit(12)
            .forEach(e -> System.out.println("  FATAL " + e.getKey() + ": " + e.getValue()));
        assertTrue(failures.isEmpty(), failures.size() + " failing connections, run seed " + master + ":\n"
            + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertTrue(heapAfter - heapBefore < HEAP_GROWTH_BOUND,
            "heap after GC grew by " + (heapAfter - heapBefore) + " bytes");
      } finally {
        workers.shutdownNow();
        writers.shutdownNow();
      }
    }
  }

  /** Runs cases until {@code messages} were generated; returns how many fresh-login checks ran. */
  private int runCases(int port, SplittableRandom seeds, long messages, ExecutorService workers,
                       ExecutorService writers) throws Exception {
    Semaphore slots = new Semaphore(PARALLEL);
    long generated = 0;
    int checks = 0;
    int n = 0;
    while (generated < messages && failures.isEmpty()) {
      FuzzCase c = Generators.generate(seeds.nextLong(), PER_SESSION);
      generated += c.messages();
      slots.acquire();
      workers.execute(() -> {
        try {
          runCase(port, c, writers);
        } finally {
          slots.release();
        }
      });
      if (++n % 100 == 0) {
        checks++;
        freshLoginWorks(port);
      }
    }
    slots.acquire(PARALLEL);
    slots.release(PARALLEL);
    return checks;
  }

  private void assertClean(TestServers srv) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertEquals(0, srv.server.openConnections(), "open connections");
      assertEquals(0, srv.server.openSessions(), "open sessions");
      assertEquals(srv.db.sessionsOpened.get(), srv.db.sessionsClosed.get(), "sessions opened vs closed");
      assertEquals(srv.db.cursorsOpened.get(), srv.db.cursorsClosed.get(), "cursors opened vs closed");
    });
  }

  private static long heapAfterGc(TestServers srv) {
    srv.db.executed.clear(); // the fake's own record of statements, not the server's memory
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  private void freshLoginWorks(int port) {
    try (Socket s = connect(port)) {
      s.setSoTimeout((int) CASE_BOUND.toMillis());
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
      out.write(concat(Wire.startup(Wire.PROTOCOL_V3, "user", "admin", "database", "postgres").encode(),
          Wire.password("secret").encode(), Wire.query("select 1").encode()));
      int z = 0;
      boolean row = false;
      while (z < 2) {
        char t = (char) in.readUnsignedByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (t == 'Z') z++;
        if (t == 'E') throw new IOException("error: " + new String(body, StandardCharsets.UTF_8));
        if (t == 'D') row = true;
      }
      if (!row) throw new IOException("no row");
    } catch (IOException e) {
      failures.add("a fresh login and SELECT 1 failed during the run: " + e);
    }
  }

  // ---------------------------------------------------------------- one connection

  private void runCase(int port, FuzzCase c, ExecutorService writers) {
    connections.incrementAndGet();
    try (Socket s = connect(port)) {
      if (c.login()) {
        session(s, c, writers);
      } else {
        preLogin(s, c, writers);
      }
    } catch (AssertionError | IOException | RuntimeException e) {
      failures.add("case " + c.seed() + " (" + c.kind() + ", replay with -Dpgwire.fuzz.case=" + c.seed() + "): " + e);
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.setSoTimeout(200);
    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return s;
  }

  /** Sends on another thread, so the server's answers are read while it still takes our input. */
  private CompletableFuture<Void> send(Socket s, FuzzCase c, ExecutorService writers) {
    return CompletableFuture.runAsync(() -> {
      try {
        OutputStream out = s.getOutputStream();
        int i = 0;
        for (byte[] f : c.frames()) {
          out.write(f);
          bytesSent.addAndGet(f.length);
          messagesSent.incrementAndGet();
          // Mostly pipelined in large writes; now and then split to exercise reassembly.
          if (++i % 64 == 0) out.flush();
        }
        out.flush();
        if (c.halfClose()) s.shutdownOutput();
      } catch (IOException e) {
        // The server closed on us mid-stream: what a malformed message earns.
      }
    }, writers);
  }

  private void preLogin(Socket s, FuzzCase c, ExecutorService writers) throws IOException {
    CompletableFuture<Void> sent = send(s, c, writers);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    long deadline = System.nanoTime() + CASE_BOUND.toNanos();
    byte[] buf = new byte[8192];
    boolean terminated = false;
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not closed within " + CASE_BOUND + " before login; received " + got.size() + " bytes");
      }
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        break; // reset: closed
      }
      if (n < 0) break;
      got.write(buf, 0, n);
      if (!terminated && sent.isDone() && loggedIn(got.toByteArray()) && !c.halfClose()) {
        // The mutations left a valid login: nothing times out after it, so say goodbye.
        terminated = true;
        try {
          s.getOutputStream().write(Wire.terminate().encode());
        } catch (IOException e) {
          break;
        }
      }
    }
    byte[] all = got.toByteArray();
    if (indexOf(all, "CXX000\0".getBytes(StandardCharsets.US_ASCII)) >= 0) {
      throw new AssertionError("internal error before login: " + printable(all));
    }
    if (indexOf(all, new byte[] {'E'}) >= 0) {
      closedWithError.incrementAndGet();
    } else {
      closedSilently.incrementAndGet();
    }
  }

  private void session(Socket s, FuzzCase c, ExecutorService writers) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 65536));
    OutputStream out = s.getOutputStream();
    out.write(concat(Wire.startup(Wire.PROTOCOL_V3, "user", "admin", "database", "postgres").encode(),
        Wire.password("secret").encode()));
    long deadline = System.nanoTime() + CASE_BOUND.toNanos();
    Msg m0;
    while ((m0 = readMessage(in, deadline, c)) == null || m0.type != 'Z') {
      if (m0 == null || m0.type == 'E') throw new AssertionError("the proper login failed: " + (m0 == null ? "closed" : m0.field('M')));
    }
    CompletableFuture<Void> sent = send(s, c, writers);
    boolean fatal = false;
    boolean end = false;
    while (true) {
      Msg m = readMessage(in, deadline, c);
      if (m == null) break; // closed
      if (m.type == 'E') {
        String code = m.field('C');
        String severity = m.field('V');
        if (code == null || code.length() != 5 || severity == null) {
          throw new AssertionError("ErrorResponse without SQLSTATE or severity: " + printable(m.body));
        }
        if (code.equals("XX000")) throw new AssertionError("internal error: " + m.field('M'));
        if (severity.equals("FATAL")) {
          fatal = true;
          fatalReasons.computeIfAbsent(code + " " + m.field('M').replaceAll("(length|subtype|code:) -?[0-9]+", "$1 N"), k -> new AtomicInteger())
              .incrementAndGet();
        }
      } else if (m.type == 'D' && indexOf(m.body, FuzzCase.END_MARKER.getBytes(StandardCharsets.UTF_8)) >= 0) {
        end = true;
      } else if (m.type == 'Z' && end) {
        sent.join();
        answeredAlive.incrementAndGet();
        if (!c.halfClose()) out.write(Wire.terminate().encode());
        // After Terminate (or our half-close) the server must close, with nothing more to say.
        Msg after = readMessage(in, deadline, c);
        if (after != null) throw new AssertionError("answered after Terminate: " + after.type);
        return;
      }
    }
    if (fatal) {
      closedWithError.incrementAndGet();
    } else if (c.mayTerminate() || c.mayStall()) {
      closedSilently.incrementAndGet();
    } else {
      throw new AssertionError("closed without ErrorResponse and without Terminate");
    }
  }

  private record Msg(char type, byte[] body) {
    String field(char code) {
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char c = (char) body[i];
        int end = i + 1;
        while (end < body.length && body[end] != 0) end++;
        if (c == code) return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
        i = end + 1;
      }
      return null;
    }
  }

  /** The next backend message, or null once the server closed; fails past the deadline. */
  private static Msg readMessage(DataInputStream in, long deadline, FuzzCase c) throws IOException {
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no answer and no close within " + CASE_BOUND + (c.mayStall() ? " after half-close" : ""));
      }
      try {
        in.mark(5);
        int t = in.read();
        if (t < 0) return null;
        int len;
        try {
          len = in.readInt();
        } catch (SocketTimeoutException e) {
          in.reset();
          continue;
        }
        if (len < 4 || len > (64 << 20)) throw new AssertionError("server sent a message of length " + len);
        byte[] body = new byte[len - 4];
        readFully(in, body, deadline, c);
        return new Msg((char) t, body);
      } catch (SocketTimeoutException e) {
        // keep waiting until the deadline
      } catch (EOFException e) {
        return null;
      } catch (IOException e) {
        if (e.getMessage() != null && e.getMessage().contains("reset")) return null;
        throw e;
      }
    }
  }

  private static void readFully(DataInputStream in, byte[] b, long deadline, FuzzCase c) throws IOException {
    int off = 0;
    while (off < b.length) {
      if (System.nanoTime() > deadline) throw new AssertionError("message body not delivered within " + CASE_BOUND);
      try {
        int n = in.read(b, off, b.length - off);
        if (n < 0) throw new EOFException();
        off += n;
      } catch (SocketTimeoutException e) {
        // keep waiting
      }
    }
  }

  private static boolean loggedIn(byte[] got) {
    return indexOf(got, new byte[] {'Z', 0, 0, 0, 5}) >= 0;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  private static String printable(byte[] b) {
    String s = new String(b, 0, Math.min(b.length, 400), StandardCharsets.ISO_8859_1);
    return s.replaceAll("[^\\x20-\\x7e]", ".");
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) b.writeBytes(p);
    return b.toByteArray();
  }
}
