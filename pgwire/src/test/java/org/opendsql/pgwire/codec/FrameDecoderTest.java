package org.opendsql.pgwire.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.pgwire.codec.FrontendMessage.*;

class FrameDecoderTest {
  private static Buffer startup() {
    Buffer body = Buffer.buffer().appendInt(FrontendDecoder.PROTOCOL_V3)
        .appendString("user").appendByte((byte) 0).appendString("bob").appendByte((byte) 0)
        .appendByte((byte) 0);
    return Buffer.buffer().appendInt(body.length() + 4).appendBuffer(body);
  }

  private static Buffer typed(char type, Buffer body) {
    return Buffer.buffer().appendByte((byte) type).appendInt(body.length() + 4).appendBuffer(body);
  }

  private static Buffer query(String sql) {
    return typed('Q', Buffer.buffer().appendString(sql).appendByte((byte) 0));
  }

  @Test
  void framesSplitAtEveryPossibleByteBoundaryDecodeIdentically() {
    Buffer stream = Buffer.buffer().appendBuffer(startup()).appendBuffer(query("select 1"))
        .appendBuffer(typed('S', Buffer.buffer()));
    for (int cut = 1; cut < stream.length(); cut++) {
      FrameDecoder d = new FrameDecoder(1 << 20);
      List<FrontendMessage> msgs = new ArrayList<>();
      d.feed(stream.getBuffer(0, cut));
      drain(d, msgs);
      d.feed(stream.getBuffer(cut, stream.length()));
      drain(d, msgs);
      assertEquals(3, msgs.size(), "cut at " + cut);
      assertEquals("bob", ((Startup) msgs.get(0)).params().get("user"));
      assertEquals(new Query("select 1"), msgs.get(1));
      assertInstanceOf(Sync.class, msgs.get(2));
      assertEquals(0, d.buffered());
    }
  }

  @Test
  void oneByteAtATimeYieldsEachFrameOnlyWhenComplete() {
    FrameDecoder d = new FrameDecoder(1 << 20);
    d.startupDone();
    Buffer q = query("select 'x'");
    for (int i = 0; i < q.length() - 1; i++) {
      d.feed(q.getBuffer(i, i + 1));
      assertNull(d.next());
    }
    d.feed(q.getBuffer(q.length() - 1, q.length()));
    assertEquals(new Query("select 'x'"), FrontendDecoder.decode(d.next()));
  }

  @Test
  void lengthAboveTheLimitIsAFatalProtocolViolation() {
    FrameDecoder d = new FrameDecoder(100);
    d.startupDone();
    d.feed(Buffer.buffer().appendByte((byte) 'Q').appendInt(101));
    DbException e = assertThrows(DbException.class, d::next);
    assertEquals("08P01", e.state().code());
    assertEquals(DbException.Severity.FATAL, e.severity());
  }

  @Test
  void sslRequestAndCancelRequestAreRecognisedByTheirCodes() {
    FrameDecoder d = new FrameDecoder(1 << 20);
    d.feed(Buffer.buffer().appendInt(8).appendInt(FrontendDecoder.SSL_REQUEST_CODE));
    d.feed(Buffer.buffer().appendInt(16).appendInt(FrontendDecoder.CANCEL_REQUEST_CODE)
        .appendInt(1234).appendInt(-5));
    assertInstanceOf(SslRequest.class, FrontendDecoder.decode(d.next()));
    assertEquals(new CancelRequest(1234, -5), FrontendDecoder.decode(d.next()));
  }

  @Test
  void bindDecodesNullsFormatsAndValues() {
    Buffer body = Buffer.buffer().appendString("p").appendByte((byte) 0)
        .appendString("s").appendByte((byte) 0)
        .appendShort((short) 1).appendShort((short) 1)
        .appendShort((short) 2).appendInt(-1).appendInt(4).appendInt(42)
        .appendShort((short) 0);
    FrameDecoder d = new FrameDecoder(1 << 20);
    d.startupDone();
    d.feed(typed('B', body));
    Bind b = (Bind) FrontendDecoder.decode(d.next());
    assertEquals("p", b.portal());
    assertEquals("s", b.statement());
    assertArrayEquals(new short[] {1}, b.paramFormats());
    assertNull(b.values()[0]);
    assertArrayEquals(new byte[] {0, 0, 0, 42}, b.values()[1]);
    assertEquals(0, b.resultFormats().length);
  }

  @Test
  void truncatedMessageBodyIsAProtocolViolation() {
    FrameDecoder d = new FrameDecoder(1 << 20);
    d.startupDone();
    d.feed(typed('E', Buffer.buffer().appendString("portal").appendByte((byte) 0)));
    DbException e = assertThrows(DbException.class, () -> FrontendDecoder.decode(d.next()));
    assertEquals("08P01", e.state().code());
  }

  @Test
  void startupPacketLongerThanPostgresAllowsFailsAtItsLengthWord() {
    FrameDecoder d = new FrameDecoder(64 << 20);
    d.feed(Buffer.buffer().appendInt(4 + FrameDecoder.MAX_STARTUP_PACKET + 1));
    DbException e = assertThrows(DbException.class, d::next);
    assertEquals("08P01", e.state().code());
    assertEquals(DbException.Severity.FATAL, e.severity());
    assertEquals("invalid length of startup packet", e.getMessage());
  }

  @Test
  void startupPacketTooShortForItsCodeIsRefused() {
    FrameDecoder d = new FrameDecoder(1 << 20);
    d.feed(Buffer.buffer().appendInt(7).appendBytes(new byte[3]));
    assertThrows(DbException.class, d::next);
  }

  @Test
  void unknownTypeFailsOnItsTypeByteBeforeAnyLengthArrives() {
    FrameDecoder d = new FrameDecoder(1 << 20);
    d.startupDone();
    d.feed(Buffer.buffer().appendByte((byte) 'y'));
    DbException e = assertThrows(DbException.class, d::next);
    assertEquals("invalid frontend message type 121", e.getMessage());
    assertEquals(DbException.Severity.FATAL, e.severity());
  }

  @Test
  void fixedSizeMessagesAreLimitedToTenThousandBytesWhateverTheConfiguredMaximum() {
    FrameDecoder d = new FrameDecoder(64 << 20);
    d.startupDone();
    d.feed(Buffer.buffer().appendByte((byte) 'S').appendInt(FrameDecoder.SMALL_MESSAGE_LIMIT + 1));
    assertThrows(DbException.class, d::next);
    FrameDecoder q = new FrameDecoder(64 << 20);
    q.startupDone();
    q.feed(Buffer.buffer().appendByte((byte) 'Q').appendInt(1 << 20));
    assertNull(q.next(), "a large Query waits for its bytes");
  }

  @Test
  void beforeLoginOnlyAPasswordOfAtMost65535BytesIsAFrame() {
    FrameDecoder d = new FrameDecoder(64 << 20);
    d.expectPassword();
    d.feed(Buffer.buffer().appendByte((byte) 'Q'));
    assertEquals("expected password response, got message type 81", assertThrows(DbException.class, d::next).getMessage());
    FrameDecoder p = new FrameDecoder(64 << 20);
    p.expectPassword();
    p.feed(Buffer.buffer().appendByte((byte) 'p').appendInt(FrameDecoder.MAX_PASSWORD_MESSAGE + 1));
    assertThrows(DbException.class, p::next);
  }

  @Test
  void negativeAndHugeLengthWordsFailWithoutWaitingOrAllocating() {
    for (int len : new int[] {-1, Integer.MIN_VALUE, 3, Integer.MAX_VALUE}) {
      FrameDecoder d = new FrameDecoder(64 << 20);
      d.startupDone();
      d.feed(Buffer.buffer().appendByte((byte) 'B').appendInt(len));
      DbException e = assertThrows(DbException.class, d::next, "length " + len);
      assertEquals("08P01", e.state().code());
      assertEquals(DbException.Severity.FATAL, e.severity());
    }
  }

  @Test
  void aParameterLengthNear2To31IsInsufficientDataNotAnOverflow() {
    Buffer body = Buffer.buffer().appendByte((byte) 0).appendByte((byte) 0).appendShort((short) 0)
        .appendShort((short) 1).appendInt(Integer.MAX_VALUE).appendShort((short) 0);
    FrameDecoder d = new FrameDecoder(1 << 20);
    d.startupDone();
    d.feed(typed('B', body));
    DbException e = assertThrows(DbException.class, () -> FrontendDecoder.decode(d.next()));
    assertEquals("08P01", e.state().code());
  }

  private static void drain(FrameDecoder d, List<FrontendMessage> out) {
    Frame f;
    while ((f = d.next()) != null) {
      FrontendMessage m = FrontendDecoder.decode(f);
      if (m instanceof Startup) d.startupDone();
      out.add(m);
    }
  }
}
