package org.opendsql.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;

/**
 * Compact row values: {@code version, then per non-null column: varint(columnId) varint(len)
 * body}. Nulls are absent. Every entry carries its length so a reader skips columns it does not
 * know (dropped later) and a missing id reads as null (added later).
 */
public final class RowCodec {
  private RowCodec() {}

  private static final int VERSION = 1;
  /** In place of a numeric's scale: NaN or an infinity follows (0 NaN, 1 +Infinity, 2 -Infinity). */
  private static final int SPECIAL_SCALE = Integer.MIN_VALUE;

  /** {@code ids[i]} and {@code types[i]} describe {@code values[i]}. */
  public static byte[] encode(int[] ids, PgType[] types, Object[] values) {
    ByteSink out = new ByteSink(64);
    out.write(VERSION);
    for (int i = 0; i < ids.length; i++) {
      if (values[i] == null) continue;
      byte[] body = body(types[i], values[i]);
      writeVarint(out, ids[i]);
      writeVarint(out, body.length);
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /**
   * Decodes into an array of {@code typeOfSlot.length} slots laid out by {@code slotOfId} (column
   * id to slot; ids past its end or mapped to -1 are skipped: columns dropped since the write).
   */
  public static Object[] decode(byte[] row, int[] slotOfId, PgType[] typeOfSlot) {
    Object[] vals = new Object[typeOfSlot.length];
    ByteBuffer in = ByteBuffer.wrap(row);
    int version = in.get();
    if (version != VERSION) throw new IllegalArgumentException("unknown row version " + version);
    while (in.hasRemaining()) {
      int id = (int) readVarint(in);
      int len = (int) readVarint(in);
      int slot = id >= 0 && id < slotOfId.length ? slotOfId[id] : -1;
      if (slot < 0) {
        in.position(in.position() + len);
        continue;
      }
      ByteBuffer body = in.slice(in.position(), len);
      in.position(in.position() + len);
      vals[slot] = readBody(typeOfSlot[slot], body);
    }
    return vals;
  }

  /**
   * The row with only the columns whose id is in {@code keepIds} (sorted ascending), copied as
   * they are: a projection that decodes nothing. The others read as null from the result.
   */
  public static byte[] project(byte[] row, int[] keepIds) {
    ByteSink out = new ByteSink(Math.min(row.length, 64));
    ByteBuffer in = ByteBuffer.wrap(row);
    out.write(in.get());
    while (in.hasRemaining()) {
      int start = in.position();
      int id = (int) readVarint(in);
      int len = (int) readVarint(in);
      int end = in.position() + len;
      if (java.util.Arrays.binarySearch(keepIds, id) >= 0) out.write(row, start, end - start);
      in.position(end);
    }
    return out.toByteArray();
  }

  private static byte[] body(PgType t, Object v) {
    if (t.isArray()) return arrayBody(t.elementType(), (PgArray) v);
    switch (t) {
      case BOOL:
        return new byte[] {(byte) (((Boolean) v) ? 1 : 0)};
      case INT2:
        return ByteBuffer.allocate(2).putShort(((Number) v).shortValue()).array();
      case INT4:
        return ByteBuffer.allocate(4).putInt(((Number) v).intValue()).array();
      case DATE:
        return ByteBuffer.allocate(4).putInt(PgTemporal.dateDays((LocalDate) v)).array();
      case TIME:
        return ByteBuffer.allocate(8).putLong(PgTemporal.timeMicros((LocalTime) v)).array();
      case TIMETZ: {
        OffsetTime o = (OffsetTime) v;
        return ByteBuffer.allocate(12).putLong(PgTemporal.timeMicros(o.toLocalTime()))
            .putInt(o.getOffset().getTotalSeconds()).array();
      }
      case INTERVAL: {
        PgInterval i = (PgInterval) v;
        return ByteBuffer.allocate(16).putInt(i.months()).putInt(i.days()).putLong(i.micros()).array();
      }
      case INT8:
      case OID:
        return ByteBuffer.allocate(8).putLong(((Number) v).longValue()).array();
      case TIMESTAMPTZ:
        return ByteBuffer.allocate(8).putLong(PgTemporal.instantMicros((Instant) v)).array();
      case TIMESTAMP:
        return ByteBuffer.allocate(8).putLong(PgTemporal.timestampMicros((LocalDateTime) v)).array();
      case FLOAT4:
        return ByteBuffer.allocate(4).putFloat(((Number) v).floatValue()).array();
      case FLOAT8:
        return ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array();
      case UUID: {
        UUID u = (UUID) v;
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
      }
      case NUMERIC: {
        if (v instanceof NumericSpecial sp) {
          return ByteBuffer.allocate(5).putInt(SPECIAL_SCALE).put((byte) (sp.isNaN() ? 0 : sp.signum() > 0 ? 1 : 2)).array();
        }
        BigDecimal d = (BigDecimal) v;
        byte[] unscaled = d.unscaledValue().toByteArray();
        return ByteBuffer.allocate(4 + unscaled.length).putInt(d.scale()).put(unscaled).array();
      }
      case BYTEA:
        return ((byte[]) v).clone();
      case JSONB:
        // jsonb_out's text reads back as the same value (numbers keep their scale).
        return org.opendsql.core.types.JsonbText.format((org.opendsql.core.types.Jsonb) v).getBytes(StandardCharsets.UTF_8);
      default:
        return ((String) v).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static Object readBody(PgType t, ByteBuffer b) {
    if (t.isArray()) return readArray(t.elementType(), b);
    switch (t) {
      case BOOL:
        return b.get() != 0;
      case INT2:
        return b.getShort();
      case INT4:
        return b.getInt();
      case DATE:
        return PgTemporal.dateOf(b.getInt());
      case TIME:
        return PgTemporal.timeOf(b.getLong());
      case TIMETZ: {
        long micros = b.getLong();
        return OffsetTime.of(PgTemporal.timeOf(micros), ZoneOffset.ofTotalSeconds(b.getInt()));
      }
      case INTERVAL:
        return new PgInterval(b.getInt(), b.getInt(), b.getLong());
      case INT8:
      case OID:
        return b.getLong();
      case TIMESTAMPTZ:
        return PgTemporal.instantOf(b.getLong());
      case TIMESTAMP:
        return PgTemporal.timestampOf(b.getLong());
      case FLOAT4:
        return b.getFloat();
      case FLOAT8:
        return b.getDouble();
      case UUID:
        return new UUID(b.getLong(), b.getLong());
      case NUMERIC: {
        int scale = b.getInt();
        if (scale == SPECIAL_SCALE) {
          byte code = b.get();
          return code == 0 ? NumericSpecial.NAN : code == 1 ? NumericSpecial.POSITIVE_INFINITY : NumericSpecial.NEGATIVE_INFINITY;
        }
        byte[] un = new byte[b.remaining()];
        b.get(un);
        return new BigDecimal(new BigInteger(un), scale);
      }
      default: {
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        if (t == PgType.JSONB) return org.opendsql.core.types.JsonInput.parseJsonb(new String(raw, StandardCharsets.UTF_8));
        return t == PgType.BYTEA ? raw : new String(raw, StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * An array, laid out as array_send does without its element type: int ndims, then per
   * dimension int length and int lower bound, then per element int body length (-1 for NULL)
   * and the body.
   */
  private static byte[] arrayBody(PgType element, PgArray a) {
    byte[][] bodies = new byte[a.size()][];
    int size = 4 + 8 * a.ndims() + 4 * a.size();
    for (int i = 0; i < bodies.length; i++) {
      if (a.get(i) == null) continue;
      bodies[i] = body(element, a.get(i));
      size += bodies[i].length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).putInt(a.ndims());
    for (int d = 0; d < a.ndims(); d++) out.putInt(a.dim(d)).putInt(a.lbound(d));
    for (byte[] body : bodies) {
      if (body == null) {
        out.putInt(-1);
      } else {
        out.putInt(body.length).put(body);
      }
    }
    return out.array();
  }

  private static PgArray readArray(PgType element, ByteBuffer b) {
    int ndims = b.getInt();
    int[] dims = new int[ndims];
    int[] lbounds = new int[ndims];
    int n = ndims == 0 ? 0 : 1;
    for (int d = 0; d < ndims; d++) {
      dims[d] = b.getInt();
      lbounds[d] = b.getInt();
      n *= dims[d];
    }
    Object[] items = new Object[n];
    for (int i = 0; i < n; i++) {
      int len = b.getInt();
      if (len < 0) continue;
      ByteBuffer body = b.slice(b.position(), len);
      b.position(b.position() + len);
      items[i] = readBody(element, body);
    }
    return PgArray.of(dims, lbounds, items);
  }

  static void writeVarint(ByteSink out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  static long readVarint(ByteBuffer in) {
    long v = 0;
    int shift = 0;
    while (true) {
      byte b = in.get();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
      shift += 7;
    }
  }
}
