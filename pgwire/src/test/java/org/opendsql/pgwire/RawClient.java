package org.opendsql.pgwire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level PostgreSQL client over a plain socket, for what pgjdbc cannot do: pipelining by
 * hand, splitting messages across writes, and not reading.
 */
final class RawClient implements AutoCloseable {
  final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  record Msg(char type, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The ErrorResponse field with this code, or null. */
    String field(char code) {
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char c = (char) body[i];
        int end = i + 1;
        while (body[end] != 0) end++;
        if (c == code) return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
        i = end + 1;
      }
      return null;
    }
  }

  RawClient(int port, int receiveBufferSize) throws IOException {
    socket = new Socket();
    if (receiveBufferSize > 0) socket.setReceiveBufferSize(receiveBufferSize);
    socket.setSoTimeout(30_000);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096));
    out = socket.getOutputStream();
  }

  static byte[] startupMessage(String user) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeInt(body, 196608);
    cstr(body, "user");
    cstr(body, user);
    cstr(body, "database");
    cstr(body, "postgres");
    body.write(0);
    return untyped(body.toByteArray());
  }

  /** Startup, password, and read through to the first ReadyForQuery. */
  List<Msg> login() throws IOException {
    send(startupMessage("admin"));
    Msg auth = read();
    if (auth.type() != 'R') throw new IOException("expected auth request, got " + auth.type());
    send(message('p', cstrBytes("secret")));
    return readUntil('Z');
  }

  void send(byte[]... parts) throws IOException {
    for (byte[] p : parts) out.write(p);
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  Msg read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int len = in.readInt();
    byte[] body = new byte[len - 4];
    in.readFully(body);
    return new Msg(type, body);
  }

  int readByte() throws IOException {
    return in.read();
  }

  List<Msg> readUntil(char type) throws IOException {
    List<Msg> msgs = new ArrayList<>();
    Msg m;
    do {
      m = read();
      msgs.add(m);
    } while (m.type() != type);
    return msgs;
  }

  static String types(List<Msg> msgs) {
    StringBuilder sb = new StringBuilder();
    for (Msg m : msgs) sb.append(m.type());
    return sb.toString();
  }

  // ---------------------------------------------------------------- message builders

  static byte[] query(String sql) {
    return message('Q', cstrBytes(sql));
  }

  static byte[] parse(String name, String sql, int... oids) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    cstr(b, name);
    cstr(b, sql);
    writeShort(b, oids.length);
    for (int o : oids) writeInt(b, o);
    return message('P', b.toByteArray());
  }

  /** Text-format parameters and results. */
  static byte[] bind(String portal, String stmt, String... params) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    cstr(b, portal);
    cstr(b, stmt);
    writeShort(b, 0);
    writeShort(b, params.length);
    for (String p : params) {
      if (p == null) {
        writeInt(b, -1);
      } else {
        byte[] v = p.getBytes(StandardCharsets.UTF_8);
        writeInt(b, v.length);
        b.writeBytes(v);
      }
    }
    writeShort(b, 0);
    return message('B', b.toByteArray());
  }

  /** Every parameter and every result column in binary format. */
  static byte[] bindBinary(String portal, String stmt, byte[]... params) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    cstr(b, portal);
    cstr(b, stmt);
    writeShort(b, 1);
    writeShort(b, 1);
    writeShort(b, params.length);
    for (byte[] p : params) {
      writeInt(b, p.length);
      b.writeBytes(p);
    }
    writeShort(b, 1);
    writeShort(b, 1);
    return message('B', b.toByteArray());
  }

  static byte[] describe(char kind, String name) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(kind);
    cstr(b, name);
    return message('D', b.toByteArray());
  }

  static byte[] execute(String portal, int maxRows) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    cstr(b, portal);
    writeInt(b, maxRows);
    return message('E', b.toByteArray());
  }

  static byte[] sync() {
    return message('S', new byte[0]);
  }

  static byte[] terminate() {
    return message('X', new byte[0]);
  }

  static byte[] message(char type, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body)
        .array();
  }

  static byte[] untyped(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(4 + body.length).put(body).array();
  }

  static byte[] cstrBytes(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    cstr(b, s);
    return b.toByteArray();
  }

  private static void cstr(ByteArrayOutputStream b, String s) {
    b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    b.write(0);
  }

  private static void writeInt(ByteArrayOutputStream b, int v) {
    b.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
  }

  private static void writeShort(ByteArrayOutputStream b, int v) {
    b.writeBytes(ByteBuffer.allocate(2).putShort((short) v).array());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
