package org.opendsql.pgwire.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opendsql.core.error.Errors;
import org.opendsql.pgwire.codec.FrontendMessage.*;

/** Decodes one {@link Frame} into a {@link FrontendMessage}; malformed input is 08P01. */
public final class FrontendDecoder {
  public static final int PROTOCOL_V3 = 196608;
  public static final int SSL_REQUEST_CODE = 80877103;
  public static final int GSSENC_REQUEST_CODE = 80877104;
  public static final int CANCEL_REQUEST_CODE = 80877102;

  private FrontendDecoder() {}

  public static FrontendMessage decode(Frame frame) {
    Reader r = new Reader(frame.body());
    try {
      FrontendMessage m = frame.type() == Frame.UNTYPED ? startup(r) : typed(frame.type(), r);
      return m;
    } catch (IndexOutOfBoundsException e) {
      throw Errors.messageTruncated();
    }
  }

  private static FrontendMessage startup(Reader r) {
    int code = r.int32();
    switch (code) {
      case SSL_REQUEST_CODE:
        return new SslRequest();
      case GSSENC_REQUEST_CODE:
        return new GssEncRequest();
      case CANCEL_REQUEST_CODE:
        return new CancelRequest(r.int32(), r.int32());
      default:
        break;
    }
    if (code >> 16 != 3) {
      throw Errors.unsupportedProtocolVersion(code >> 16, code & 0xFFFF);
    }
    Map<String, String> params = new LinkedHashMap<>();
    while (r.remaining() > 0) {
      String key = r.cstring();
      if (key.isEmpty()) break;
      params.put(key, r.cstring());
    }
    return new Startup(code, params);
  }

  private static FrontendMessage typed(char type, Reader r) {
    switch (type) {
      case 'p':
        return new Password(r.cstring());
      case 'Q':
        return new Query(r.cstring());
      case 'P': {
        String name = r.cstring();
        String sql = r.cstring();
        int n = r.int16();
        int[] oids = new int[n];
        for (int i = 0; i < n; i++) oids[i] = r.int32();
        return new Parse(name, sql, oids);
      }
      case 'B': {
        String portal = r.cstring();
        String stmt = r.cstring();
        short[] pf = shorts(r);
        int n = r.int16();
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
          int len = r.int32();
          if (len < -1) throw Errors.invalidParameterLength(len);
          values[i] = len == -1 ? null : r.bytes(len);
        }
        short[] rf = shorts(r);
        return new Bind(portal, stmt, pf, values, rf);
      }
      case 'D':
        return new Describe(kind(r), r.cstring());
      case 'E':
        return new Execute(r.cstring(), r.int32());
      case 'C':
        return new Close(kind(r), r.cstring());
      case 'S':
        return new Sync();
      case 'H':
        return new Flush();
      case 'X':
        return new Terminate();
      case 'd':
        return new CopyData(r.remaining());
      case 'c':
        return new CopyDone();
      case 'f':
        return new CopyFail(r.cstring());
      case 'F':
        return new FunctionCall(r.int32());
      default:
        return new Unsupported(type);
    }
  }

  private static char kind(Reader r) {
    char k = (char) r.byte8();
    if (k != 'S' && k != 'P') throw Errors.invalidMessageSubtype(k);
    return k;
  }

  private static short[] shorts(Reader r) {
    int n = r.int16();
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) r.int16();
      if (s[i] != 0 && s[i] != 1) throw Errors.unsupportedFormatCode(s[i]);
    }
    return s;
  }

  /** Sequential reads over a frame body. */
  private static final class Reader {
    private final Buffer b;
    private int pos;

    Reader(Buffer b) {
      this.b = b;
    }

    int remaining() {
      return b.length() - pos;
    }

    int byte8() {
      need(1);
      return b.getByte(pos++) & 0xFF;
    }

    int int16() {
      need(2);
      int v = b.getUnsignedShort(pos);
      pos += 2;
      return v;
    }

    int int32() {
      need(4);
      int v = b.getInt(pos);
      pos += 4;
      return v;
    }

    byte[] bytes(int n) {
      need(n);
      byte[] out = b.getBytes(pos, pos + n);
      pos += n;
      return out;
    }

    String cstring() {
      int end = pos;
      int len = b.length();
      while (end < len && b.getByte(end) != 0) end++;
      if (end >= len) throw Errors.invalidStringInMessage();
      String s = b.getString(pos, end, StandardCharsets.UTF_8.name());
      pos = end + 1;
      return s;
    }

    private void need(int n) {
      // Compared as a difference: pos + n overflows for a length word near 2^31.
      if (n < 0 || n > b.length() - pos) throw Errors.insufficientDataInMessage();
    }
  }
}
