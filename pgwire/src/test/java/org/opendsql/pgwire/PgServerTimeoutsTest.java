package org.opendsql.pgwire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;
import static org.opendsql.pgwire.RawClient.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that hold a connection without using it: they are closed by the authentication
 * timeout (before login) or the idle-in-transaction timeout (after it), and a vanished peer is
 * left to TCP keepalive, whose timings the server sets on every client socket.
 */
@Timeout(60)
class PgServerTimeoutsTest {
  private static final Duration AUTH = Duration.ofSeconds(2);
  private static final Duration IDLE_IN_TX = Duration.ofSeconds(2);
  /** Well past either timeout, far below anything the default settings would allow. */
  private static final Duration CLOSED_WITHIN = Duration.ofSeconds(15);

  /** Short authentication timeout, for the clients that never log in. */
  static TestServers srv;
  /**
   * The default authentication timeout, so that logging in never races a short one on a loaded
   * machine; short idle-in-transaction timeout and keepalive timings.
   */
  static TestServers loggedIn;

  @BeforeAll
  static void start() throws Exception {
    srv = new TestServers("allow-plaintext = on, authentication-timeout = " + AUTH.toSeconds() + "s");
    loggedIn = new TestServers("allow-plaintext = on, idle-in-transaction-timeout = " + IDLE_IN_TX.toSeconds() + "s,"
        + " tcp-keepalive { idle = 7s, interval = 3s, count = 4 }");
  }

  @AfterAll
  static void stop() throws Exception {
    srv.close();
    loggedIn.close();
  }

  @Test
  void aConnectionThatSendsNothingIsClosedSilentlyByTheAuthenticationTimeout() throws Exception {
    try (Socket s = rawSocket()) {
      long start = System.nanoTime();
      assertEquals(-1, readUntilClosed(s.getInputStream()), "closed without a byte, as PostgreSQL does");
      assertTrue(System.nanoTime() - start >= AUTH.toNanos() - TimeUnit.MILLISECONDS.toNanos(200),
          "not before the timeout");
    }
    awaitNoConnectionLeft(srv);
  }

  @Test
  void aSlowLorisDribblingItsStartupPacketIsCutOffAtTheAuthenticationTimeout() throws Exception {
    byte[] startup = startupMessage("admin");
    AtomicInteger sent = new AtomicInteger();
    ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
    try (Socket s = rawSocket()) {
      OutputStream out = s.getOutputStream();
      // One byte a second: each arrives long before any per-read timeout a server might keep,
      // but the whole packet would take most of a minute.
      dribbler.scheduleAtFixedRate(() -> {
        int i = sent.get();
        if (i >= startup.length) return;
        try {
          out.write(startup[i]);
          out.flush();
          sent.incrementAndGet();
        } catch (IOException e) {
          // closed by the server: what this test waits for
        }
      }, 0, 1, TimeUnit.SECONDS);
      assertEquals(-1, readUntilClosed(s.getInputStream()));
      assertTrue(sent.get() < startup.length, "cut off before the packet was complete: " + sent.get());
    } finally {
      dribbler.shutdownNow();
    }
    awaitNoConnectionLeft(srv);
  }

  @Test
  void aClientThatNeverAnswersThePasswordRequestIsToldWhyAndClosed() throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.send(startupMessage("admin"));
      assertEquals('R', c.read().type());
      Msg error = c.read();
      assertEquals('E', error.type());
      assertEquals("FATAL", error.field('V'));
      assertEquals("57014", error.field('C'));
      assertEquals("canceling authentication due to timeout", error.field('M'));
      assertEquals(-1, c.readByte());
    }
    awaitNoConnectionLeft(srv);
  }

  @Test
  void anIdleTransactionIsClosedWith25P03WhileAnIdleSessionOutsideOneStaysOpen() throws Exception {
    try (RawClient idle = new RawClient(loggedIn.port, 0); RawClient inTx = new RawClient(loggedIn.port, 0)) {
      idle.login();
      inTx.login();
      inTx.send(query("begin"));
      List<Msg> begun = inTx.readUntil('Z');
      assertEquals("T", begun.get(begun.size() - 1).text());
      Msg error = inTx.read();
      assertEquals('E', error.type());
      assertEquals("FATAL", error.field('V'));
      assertEquals("25P03", error.field('C'));
      assertEquals("terminating connection due to idle-in-transaction timeout", error.field('M'));
      assertEquals(-1, inTx.readByte());
      // The other one has been idle at least as long, outside a transaction, and still answers.
      idle.send(query("select 1"));
      assertEquals("TDCZ", types(idle.readUntil('Z')));
    }
    awaitNoConnectionLeft(loggedIn);
  }

  @Test
  void aTransactionDribblingAMessageIsClosedLikeAnIdleOne() throws Exception {
    byte[] q = query("select 1");
    try (RawClient c = new RawClient(loggedIn.port, 0)) {
      c.login();
      c.send(query("begin"));
      c.readUntil('Z');
      // Half a message, then nothing more: bytes arrived, but no message to count as activity.
      c.sendRaw(java.util.Arrays.copyOf(q, q.length / 2));
      Msg error = c.read();
      assertEquals("25P03", error.field('C'));
      assertEquals(-1, c.readByte());
    }
    awaitNoConnectionLeft(loggedIn);
  }

  @Test
  void aTransactionThatKeepsWorkingIsNotClosed() throws Exception {
    try (RawClient c = new RawClient(loggedIn.port, 0)) {
      c.login();
      c.send(query("begin"));
      c.readUntil('Z');
      // Busy for twice the timeout: it counts silence, not the transaction's age.
      long until = System.nanoTime() + IDLE_IN_TX.multipliedBy(2).toNanos();
      while (System.nanoTime() < until) {
        c.send(query("select 1"));
        assertEquals("TDCZ", types(c.readUntil('Z')));
      }
      c.send(query("commit"));
      assertEquals("CZ", types(c.readUntil('Z')));
    }
  }

  @Test
  void clientSocketsCarryTheConfiguredKeepAliveTimings() throws Exception {
    try (RawClient c = new RawClient(loggedIn.port, 0)) {
      List<Msg> login = c.login();
      Msg key = login.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
      int pid = ByteBuffer.wrap(key.body()).getInt();
      assertEquals(7, loggedIn.server.keepAliveIdleSecondsOf(pid));
    }
  }

  private static Socket rawSocket() throws IOException {
    Socket s = new Socket();
    s.setSoTimeout(250);
    s.connect(new InetSocketAddress("127.0.0.1", srv.port), 10_000);
    return s;
  }

  /** Reads until end of stream; fails if the server keeps the socket past the bound. */
  private static int readUntilClosed(InputStream in) throws IOException {
    long deadline = System.nanoTime() + CLOSED_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        int b = in.read();
        if (b < 0) return -1;
      } catch (SocketTimeoutException e) {
        // not yet
      } catch (IOException e) {
        return -1; // reset
      }
    }
    throw new AssertionError("still open after " + CLOSED_WITHIN);
  }

  private static void awaitNoConnectionLeft(TestServers server) {
    await().atMost(CLOSED_WITHIN).until(() -> server.server.openConnections() == 0
        && server.db.sessionsOpened.get() == server.db.sessionsClosed.get());
  }
}
