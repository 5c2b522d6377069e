package org.opendsql.pgwire.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One frontend message before it is put on the wire, so that a mutation can change its type,
 * body or length word independently. {@code type} is 0 for the untyped startup-phase packets.
 * {@code length} is the length word to send; {@link #framed} gives the honest one.
 */
public record Wire(char type, byte[] body, int length) {
  public static final int PROTOCOL_V3 = 196608;
  public static final int SSL_REQUEST = 80877103;
  public static final int GSSENC_REQUEST = 80877104;
  public static final int CANCEL_REQUEST = 80877102;

  public static Wire framed(char type, byte[] body) {
    return new Wire(type, body, body.length + 4);
  }

  public boolean untyped() {
    return type == 0;
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate((untyped() ? 4 : 5) + body.length);
    if (!untyped()) b.put((byte) type);
    return b.putInt(length).put(body).array();
  }

  public Wire withBody(byte[] newBody) {
    return framed(type, newBody);
  }

  public Wire withLength(int newLength) {
    return new Wire(type, body, newLength);
  }

  public Wire withType(char newType) {
    return new Wire(newType, body, length);
  }

  // ---------------------------------------------------------------- startup phase

  public static Wire startup(int version, String... keyValues) {
    Body b = new Body().int32(version);
    for (String s : keyValues) b.cstr(s);
    return framed((char) 0, b.int8(0).bytes());
  }

  public static Wire sslRequest() {
    return framed((char) 0, new Body().int32(SSL_REQUEST).bytes());
  }

  public static Wire gssEncRequest() {
    return framed((char) 0, new Body().int32(GSSENC_REQUEST).bytes());
  }

  public static Wire cancelRequest(int pid, int secret) {
    return framed((char) 0, new Body().int32(CANCEL_REQUEST).int32(pid).int32(secret).bytes());
  }

  public static Wire password(String password) {
    return framed('p', new Body().cstr(password).bytes());
  }

  // ---------------------------------------------------------------- logged in

  public static Wire query(String sql) {
    return framed('Q', new Body().cstr(sql).bytes());
  }

  public static Wire parse(String name, String sql, int... oids) {
    Body b = new Body().cstr(name).cstr(sql).int16(oids.length);
    for (int o : oids) b.int32(o);
    return framed('P', b.bytes());
  }

  /** {@code values[i]} null is SQL NULL; {@code formats} apply to parameters and results alike. */
  public static Wire bind(String portal, String statement, short[] formats, byte[][] values, short[] resultFormats) {
    Body b = new Body().cstr(portal).cstr(statement).int16(formats.length);
    for (short f : formats) b.int16(f);
    b.int16(values.length);
    for (byte[] v : values) {
      if (v == null) {
        b.int32(-1);
      } else {
        b.int32(v.length).raw(v);
      }
    }
    b.int16(resultFormats.length);
    for (short f : resultFormats) b.int16(f);
    return framed('B', b.bytes());
  }

  public static Wire describe(char kind, String name) {
    return framed('D', new Body().int8(kind).cstr(name).bytes());
  }

  public static Wire execute(String portal, int maxRows) {
    return framed('E', new Body().cstr(portal).int32(maxRows).bytes());
  }

  public static Wire close(char kind, String name) {
    return framed('C', new Body().int8(kind).cstr(name).bytes());
  }

  public static Wire sync() {
    return framed('S', new byte[0]);
  }

  public static Wire flush() {
    return framed('H', new byte[0]);
  }

  public static Wire terminate() {
    return framed('X', new byte[0]);
  }

  public static Wire copyData(byte[] data) {
    return framed('d', data);
  }

  public static Wire copyDone() {
    return framed('c', new byte[0]);
  }

  public static Wire copyFail(String why) {
    return framed('f', new Body().cstr(why).bytes());
  }

  public static Wire functionCall(int oid) {
    return framed('F', new Body().int32(oid).int16(0).int16(0).int16(0).bytes());
  }

  /** Big-endian body builder. */
  public static final class Body {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Body int8(int v) {
      out.write(v);
      return this;
    }

    public Body int16(int v) {
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    public Body int32(int v) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
      return this;
    }

    public Body cstr(String s) {
      out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      out.write(0);
      return this;
    }

    public Body raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    public byte[] bytes() {
      return out.toByteArray();
    }
  }
}
