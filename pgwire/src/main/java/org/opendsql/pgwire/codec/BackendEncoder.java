package org.opendsql.pgwire.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.opendsql.core.error.DbException;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;

/**
 * Appends backend messages to a {@link Buffer}. Appending rather than returning lets the
 * connection batch many DataRows into one socket write.
 */
public final class BackendEncoder {
  private BackendEncoder() {}

  public static Buffer authCleartextPassword(Buffer out) {
    return out.appendByte((byte) 'R').appendInt(8).appendInt(3);
  }

  public static Buffer authOk(Buffer out) {
    return out.appendByte((byte) 'R').appendInt(8).appendInt(0);
  }

  /**
   * NegotiateProtocolVersion: the newest protocol this server speaks (3.0) and the {@code _pq_.}
   * startup options it did not recognise. Sent, as PostgreSQL does, when a client asks for a
   * newer minor version, so it does not go on assuming a protocol the server never agreed to.
   */
  public static Buffer negotiateProtocolVersion(Buffer out, int newestVersion, List<String> unrecognized) {
    int start = begin(out, 'v');
    out.appendInt(newestVersion).appendInt(unrecognized.size());
    for (String o : unrecognized) cstring(out, o);
    return end(out, start);
  }

  public static Buffer parameterStatus(Buffer out, String name, String value) {
    int start = begin(out, 'S');
    cstring(out, name);
    cstring(out, value);
    return end(out, start);
  }

  public static Buffer backendKeyData(Buffer out, int pid, int secret) {
    return out.appendByte((byte) 'K').appendInt(12).appendInt(pid).appendInt(secret);
  }

  public static Buffer readyForQuery(Buffer out, char status) {
    return out.appendByte((byte) 'Z').appendInt(5).appendByte((byte) status);
  }

  public static Buffer parseComplete(Buffer out) {
    return empty(out, '1');
  }

  public static Buffer bindComplete(Buffer out) {
    return empty(out, '2');
  }

  public static Buffer closeComplete(Buffer out) {
    return empty(out, '3');
  }

  public static Buffer noData(Buffer out) {
    return empty(out, 'n');
  }

  public static Buffer portalSuspended(Buffer out) {
    return empty(out, 's');
  }

  public static Buffer emptyQueryResponse(Buffer out) {
    return empty(out, 'I');
  }

  public static Buffer commandComplete(Buffer out, String tag) {
    int start = begin(out, 'C');
    cstring(out, tag);
    return end(out, start);
  }

  public static Buffer parameterDescription(Buffer out, List<PgType> types) {
    int start = begin(out, 't');
    out.appendShort((short) types.size());
    for (PgType t : types) out.appendInt(t == null ? 0 : t.oid());
    return end(out, start);
  }

  /** {@code formats} has one entry per column (already expanded from the Bind message). */
  public static Buffer rowDescription(Buffer out, List<ColumnDesc> columns, short[] formats) {
    int start = begin(out, 'T');
    out.appendShort((short) columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ColumnDesc c = columns.get(i);
      cstring(out, c.name());
      out.appendInt(c.tableOid());
      out.appendShort(c.attnum());
      out.appendInt(c.type().oid());
      out.appendShort((short) c.type().typlen());
      out.appendInt(c.typmod());
      out.appendShort(formats == null ? 0 : formats[i]);
    }
    return end(out, start);
  }

  public static Buffer dataRow(Buffer out, List<ColumnDesc> columns, Object[] row, short[] formats) {
    return dataRow(out, columns, row, formats, ZoneOffset.UTC);
  }

  /** {@code zone}: the session's TimeZone, in which text-format timestamptz values print. */
  public static Buffer dataRow(Buffer out, List<ColumnDesc> columns, Object[] row, short[] formats, ZoneId zone) {
    int start = begin(out, 'D');
    out.appendShort((short) row.length);
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) {
        out.appendInt(-1);
        continue;
      }
      byte[] bytes = ValueCodec.encode(columns.get(i).type(), v, formats == null ? 0 : formats[i], zone);
      out.appendInt(bytes.length).appendBytes(bytes);
    }
    return end(out, start);
  }

  /** ErrorResponse with severity, SQLSTATE, message and, when present, detail and hint. */
  public static Buffer errorResponse(Buffer out, DbException e) {
    int start = begin(out, 'E');
    String severity = e.severity().name();
    field(out, 'S', severity);
    field(out, 'V', severity);
    field(out, 'C', e.state().code());
    field(out, 'M', e.getMessage() == null ? "" : e.getMessage());
    if (e.detail() != null) field(out, 'D', e.detail());
    if (e.hint() != null) field(out, 'H', e.hint());
    out.appendByte((byte) 0);
    return end(out, start);
  }

  private static void field(Buffer out, char code, String value) {
    out.appendByte((byte) code);
    cstring(out, value);
  }

  private static Buffer empty(Buffer out, char type) {
    return out.appendByte((byte) type).appendInt(4);
  }

  private static int begin(Buffer out, char type) {
    out.appendByte((byte) type);
    int lengthAt = out.length();
    out.appendInt(0);
    return lengthAt;
  }

  private static Buffer end(Buffer out, int lengthAt) {
    return out.setInt(lengthAt, out.length() - lengthAt);
  }

  private static void cstring(Buffer out, String s) {
    out.appendBytes(s.getBytes(StandardCharsets.UTF_8)).appendByte((byte) 0);
  }
}
