package org.opendsql.pgwire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;
import static org.opendsql.pgwire.RawClient.*;

import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Protocol behaviour checked byte by byte, on a plaintext-allowed server. */
@Timeout(90)
class PgServerRawProtocolTest {
  static TestServers srv;

  @BeforeAll
  static void start() throws Exception {
    // Small kernel buffers so that "the client is not reading" shows up quickly as backpressure.
    srv = new TestServers("allow-plaintext = on, socket-send-buffer = 32 KiB");
  }

  @AfterAll
  static void stop() throws Exception {
    srv.close();
  }

  @Test
  void loginReportsParametersKeyDataAndIdleStatus() throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      List<Msg> msgs = c.login();
      assertEquals('R', msgs.get(0).type());
      assertTrue(types(msgs).matches("RS+KZ"), types(msgs));
      assertTrue(msgs.stream().anyMatch(m -> m.text().startsWith("server_version\u000015.0")));
      assertTrue(msgs.stream().anyMatch(m -> m.text().startsWith("session_authorization\u0000admin")));
      assertEquals("I", msgs.get(msgs.size() - 1).text());
    }
  }

  @Test
  void messagesSplitIntoSingleBytesAreReassembled() throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      for (byte b : startupMessage("admin")) c.sendRaw(new byte[] {b});
      assertEquals('R', c.read().type());
      byte[] rest = concat(message('p', cstrBytes("secret")), query("select 1"));
      for (byte b : rest) c.sendRaw(new byte[] {b});
      c.readUntil('Z');
      List<Msg> msgs = c.readUntil('Z');
      assertEquals("TDCZ", types(msgs));
      assertEquals("SELECT 1", msgs.get(2).text().replace("\u0000", ""));
    }
  }

  @Test
  void emptyQueryStringAnswersEmptyQueryResponse() throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.login();
      c.send(query("  -- nothing here\n"));
      assertEquals("IZ", types(c.readUntil('Z')));
    }
  }

  @Test
  void firstErrorInASimpleQueryStopsTheRemainingStatements() throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.login();
      int before = srv.db.insertsExecuted.get();
      c.send(query("insert into t values (1); select boom; insert into t values (2)"));
      List<Msg> msgs = c.readUntil('Z');
      assertEquals("CEZ", types(msgs));
      assertEquals("22012", msgs.get(1).field('C'));
      assertEquals("ERROR", msgs.get(1).field('S'));
      assertEquals(1, srv.db.insertsExecuted.get() - before);
    }
  }

  @Test
  void pipelinedExtendedMessagesAreAnsweredInOrderAndSkippedAfterAnErrorUntilSync()
      throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.login();
      c.send(parse("s1", "select echo($1, $2)", 23, 25),
          parse("s1", "select 1"), // duplicate name: 42P05, then everything up to Sync is skipped
          bind("", "s1", "5", "x"),
          execute("", 0),
          sync(),
          bind("", "s1", "7", "y"),
          describe('P', ""),
          execute("", 0),
          sync());
      List<Msg> first = c.readUntil('Z');
      assertEquals("1EZ", types(first));
      assertEquals("42P05", first.get(1).field('C'));
      List<Msg> second = c.readUntil('Z');
      assertEquals("2TDCZ", types(second));
      assertEquals("SELECT 1", second.get(3).text().replace("\u0000", ""));
    }
  }

  @Test
  void describeStatementReportsParameterTypesAndWrongParameterCountIsAProtocolError()
      throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.login();
      c.send(parse("", "select echo($1, $2)", 20, 0), describe('S', ""), bind("", "", "1"),
          execute("", 0), sync());
      List<Msg> msgs = c.readUntil('Z');
      assertEquals("1tTEZ", types(msgs));
      DataInputStream pd = new DataInputStream(new ByteArrayInputStream(msgs.get(1).body()));
      assertEquals(2, pd.readShort());
      assertEquals(20, pd.readInt());
      assertEquals(705, pd.readInt());
      assertEquals("08P01", msgs.get(3).field('C'));
    }
  }

  @Test
  void executeWithMaxRowsSuspendsThePortalAndALaterExecuteContinues() throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.login();
      c.send(query("begin"));
      c.readUntil('Z');
      c.send(parse("", "select * from gen(5)"), bind("p", ""), execute("p", 2), sync());
      List<Msg> msgs = c.readUntil('Z');
      assertEquals("12DDsZ", types(msgs));
      assertEquals("T", msgs.get(msgs.size() - 1).text());
      c.send(execute("p", 2), execute("p", 0), sync());
      msgs = c.readUntil('Z');
      assertEquals("DDsDCZ", types(msgs));
      assertEquals("SELECT 5", msgs.get(4).text().replace("\u0000", ""));
      c.send(query("commit"));
      c.readUntil('Z');
    }
  }

  @Test
  void binaryParametersAndBinaryResultsRoundTripByteForByte() throws Exception {
    byte[] int8 = java.nio.ByteBuffer.allocate(8).putLong(-42L).array();
    // numeric 12345.678: ndigits 3, weight 1, sign +, dscale 3, digits 1 2345 6780
    byte[] numeric = java.nio.ByteBuffer.allocate(14).putShort((short) 3).putShort((short) 1)
        .putShort((short) 0).putShort((short) 3).putShort((short) 1).putShort((short) 2345)
        .putShort((short) 6780).array();
    byte[] tstz = java.nio.ByteBuffer.allocate(8).putLong(1_000_001L).array();
    byte[] uuid = java.nio.ByteBuffer.allocate(16).putLong(1L).putLong(2L).array();
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.login();
      c.send(parse("", "select echo($1, $2, $3, $4)", 20, 1700, 1184, 2950),
          bindBinary("", "", int8, numeric, tstz, uuid), describe('P', ""), execute("", 0), sync());
      List<Msg> msgs = c.readUntil('Z');
      assertEquals("12TDCZ", types(msgs));
      DataInputStream row = new DataInputStream(new ByteArrayInputStream(msgs.get(3).body()));
      assertEquals(4, row.readShort());
      for (byte[] expected : new byte[][] {int8, numeric, tstz, uuid}) {
        byte[] got = new byte[row.readInt()];
        row.readFully(got);
        assertArrayEquals(expected, got);
      }
    }
  }

  @Test
  void gssEncryptionRequestIsDeclined() throws Exception {
    try (RawClient c = new RawClient(srv.port, 0)) {
      c.sendRaw(untyped(java.nio.ByteBuffer.allocate(4).putInt(80877104).array()));
      assertEquals('N', c.readByte());
      c.login();
    }
  }

  @Test
  void oversizedMessageIsAFatalProtocolViolation() throws Exception {
    try (TestServers small = new TestServers("allow-plaintext = on, max-message-size = 1024");
         RawClient c = new RawClient(small.port, 0)) {
      c.login();
      c.send(query("select '" + "x".repeat(2000) + "'"));
      Msg m = c.read();
      assertEquals('E', m.type());
      assertEquals("FATAL", m.field('S'));
      assertEquals("08P01", m.field('C'));
      assertEquals(-1, c.readByte());
    }
  }

  @Test
  void rowsFetchedStayBoundedWhileTheClientDoesNotReadThenAllArrive() throws Exception {
    int total = 200_000;
    AtomicLong fetched = srv.db.rowsFetched;
    try (RawClient c = new RawClient(srv.port, 16 * 1024)) {
      c.login();
      long base = fetched.get();
      c.send(query("select * from gen(" + total + ")"));
      // Wait until the server has stopped producing: the socket and its buffers are full.
      long[] last = {-1};
      int[] stable = {0};
      await("the server to stall").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5)).until(() -> {
        long now = fetched.get() - base;
        stable[0] = now == last[0] && now > 0 ? stable[0] + 1 : 0;
        last[0] = now;
        return stable[0] >= 40; // ~200 ms without a single fetch
      });
      long stalledAt = fetched.get() - base;
      assertTrue(stalledAt < 5_000, "fetched " + stalledAt + " rows while the client read none");

      long consumed = 0;
      long maxAhead = 0;
      Msg m = c.read();
      assertEquals('T', m.type());
      while ((m = c.read()).type() == 'D') {
        consumed++;
        if ((consumed & 1023) == 0) maxAhead = Math.max(maxAhead, fetched.get() - base - consumed);
      }
      assertEquals('C', m.type(), m.text());
      assertEquals("SELECT " + total, m.text().replace("\u0000", ""));
      assertEquals(total, consumed);
      assertEquals('Z', c.read().type());
      assertTrue(maxAhead < 5_000, "server ran " + maxAhead + " rows ahead of the client");
    }
  }

  @Test
  void disconnectingMidResultClosesTheCursorAndTheSession() throws Exception {
    int cursorsClosed = srv.db.cursorsClosed.get();
    int sessionsClosed = srv.db.sessionsClosed.get();
    try (RawClient c = new RawClient(srv.port, 16 * 1024)) {
      c.login();
      c.send(query("select * from gen(1000000)"));
      assertEquals('T', c.read().type());
      assertEquals('D', c.read().type());
    }
    await("cursor and session close").atMost(Duration.ofSeconds(10))
        .until(() -> srv.db.cursorsClosed.get() > cursorsClosed && srv.db.sessionsClosed.get() > sessionsClosed);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
