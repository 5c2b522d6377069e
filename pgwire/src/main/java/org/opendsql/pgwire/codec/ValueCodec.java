package org.opendsql.pgwire.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;

/**
 * Values in PostgreSQL's two wire formats. Text goes through {@link PgText} so DataRows print
 * exactly what a literal would parse; binary follows each type's send/recv functions (big-endian,
 * timestamps as microseconds since 2000-01-01, numeric as base-10000 digits).
 */
public final class ValueCodec {
  public static final short TEXT = 0;
  public static final short BINARY = 1;

  /** 2000-01-01, PostgreSQL's epoch, in days and microseconds since 1970. */
  private static final int PG_EPOCH_DAYS = 10957;
  private static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400_000_000L;
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10000);

  private ValueCodec() {}

  public static byte[] encode(PgType t, Object v, short format) {
    return encode(t, v, format, ZoneOffset.UTC);
  }

  /** Text shows a timestamptz in the session's {@code zone}; binary is zone-free microseconds. */
  public static byte[] encode(PgType t, Object v, short format, ZoneId zone) {
    return format == BINARY ? encodeBinary(t, v) : PgText.format(t, v, zone).getBytes(StandardCharsets.UTF_8);
  }

  public static Object decode(PgType t, byte[] data, short format) {
    return decode(t, data, format, ZoneOffset.UTC);
  }

  /**
   * Decodes a parameter; UNKNOWN stays a String because its type is resolved later. A text
   * timestamptz without an offset is read in the session's {@code zone}.
   */
  public static Object decode(PgType t, byte[] data, short format, ZoneId zone) {
    if (t == PgType.UNKNOWN || t == null) {
      if (format == BINARY) {
        throw Errors.binaryParameterOfUnknownType();
      }
      return new String(data, StandardCharsets.UTF_8);
    }
    if (format == TEXT) return PgText.parse(t, new String(data, StandardCharsets.UTF_8), zone);
    return decodeBinary(t, data);
  }

  public static byte[] encodeBinary(PgType t, Object v) {
    if (t.isArray()) return encodeArray(t.elementType(), (PgArray) v);
    switch (t) {
      case BOOL:
        return new byte[] {(byte) (((Boolean) v) ? 1 : 0)};
      case INT2:
        return ByteBuffer.allocate(2).putShort(((Number) v).shortValue()).array();
      case INT4:
        return ByteBuffer.allocate(4).putInt(((Number) v).intValue()).array();
      case OID:
      case REGPROC:
      case REGCLASS:
      case REGTYPE:
      case REGNAMESPACE:
      case REGROLE:
        return ByteBuffer.allocate(4).putInt((int) ((Number) v).longValue()).array();
      case INT8:
        return ByteBuffer.allocate(8).putLong(((Number) v).longValue()).array();
      case FLOAT4:
        return ByteBuffer.allocate(4).putFloat(((Number) v).floatValue()).array();
      case FLOAT8:
        return ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array();
      case BYTEA:
        return (byte[]) v;
      case UUID: {
        UUID u = (UUID) v;
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits()).array();
      }
      case TIMESTAMPTZ:
        return ByteBuffer.allocate(8).putLong(sincePgEpoch(PgTemporal.instantMicros((Instant) v))).array();
      case TIMESTAMP:
        return ByteBuffer.allocate(8).putLong(sincePgEpoch(PgTemporal.timestampMicros((LocalDateTime) v))).array();
      case DATE: {
        int days = PgTemporal.dateDays((LocalDate) v);
        boolean infinite = days == Integer.MAX_VALUE || days == Integer.MIN_VALUE;
        return ByteBuffer.allocate(4).putInt(infinite ? days : days - PG_EPOCH_DAYS).array();
      }
      case TIME:
        return ByteBuffer.allocate(8).putLong(PgTemporal.timeMicros((LocalTime) v)).array();
      case TIMETZ: {
        OffsetTime o = (OffsetTime) v;
        // PostgreSQL sends the zone as seconds west of Greenwich.
        return ByteBuffer.allocate(12).putLong(PgTemporal.timeMicros(o.toLocalTime()))
            .putInt(-o.getOffset().getTotalSeconds()).array();
      }
      case INTERVAL: {
        PgInterval i = (PgInterval) v;
        return ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days()).putInt(i.months()).array();
      }
      case NUMERIC:
        if (v instanceof NumericSpecial sp) {
          // numeric_send of a special: no digits, the sign word, and the display scale bits
          // PostgreSQL reads out of its header (0x20 for the infinities, 0 for NaN).
          int sign = sp.isNaN() ? 0xC000 : sp.signum() > 0 ? 0xD000 : 0xF000;
          return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) sign)
              .putShort((short) (sp.isNaN() ? 0 : 0x20)).array();
        }
        return encodeNumeric((BigDecimal) v);
      case RECORD:
        return encodeRecord((org.opendsql.core.types.RecordValue) v);
      case JSONB: {
        // jsonb_send: version 1, then the text.
        byte[] text = PgText.format(t, v).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        out[0] = 1;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
      }
      default:
        return v.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** record_send: the field count, then each field's type OID and length-prefixed binary value (-1: NULL). */
  private static byte[] encodeRecord(org.opendsql.core.types.RecordValue r) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(4).putInt(r.values().size()).array());
    for (int i = 0; i < r.values().size(); i++) {
      PgType ft = r.types().get(i);
      out.writeBytes(ByteBuffer.allocate(4).putInt(ft.oid()).array());
      Object fv = r.values().get(i);
      if (fv == null) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
        continue;
      }
      byte[] body = encodeBinary(ft, fv);
      out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  public static Object decodeBinary(PgType t, byte[] d) {
    ByteBuffer b = ByteBuffer.wrap(d);
    try {
      if (t.isArray()) return decodeArray(t, b);
      switch (t) {
        case BOOL:
          expect(t, d, 1);
          return d[0] != 0;
        case INT2:
          expect(t, d, 2);
          return b.getShort();
        case INT4:
          expect(t, d, 4);
          return b.getInt();
        case OID:
          expect(t, d, 4);
          return Integer.toUnsignedLong(b.getInt());
        case INT8:
          expect(t, d, 8);
          return b.getLong();
        case FLOAT4:
          expect(t, d, 4);
          return b.getFloat();
        case FLOAT8:
          expect(t, d, 8);
          return b.getDouble();
        case BYTEA:
          return d;
        case UUID:
          expect(t, d, 16);
          return new UUID(b.getLong(), b.getLong());
        case TIMESTAMPTZ:
          expect(t, d, 8);
          return PgTemporal.instantOf(since1970(b.getLong()));
        case TIMESTAMP:
          expect(t, d, 8);
          return PgTemporal.timestampOf(since1970(b.getLong()));
        case DATE: {
          expect(t, d, 4);
          int days = b.getInt();
          boolean infinite = days == Integer.MAX_VALUE || days == Integer.MIN_VALUE;
          return PgTemporal.dateOf(infinite ? days : days + PG_EPOCH_DAYS);
        }
        case TIME: {
          expect(t, d, 8);
          long micros = b.getLong();
          if (micros < 0 || micros > PgTemporal.USECS_PER_DAY) throw Errors.timeOutOfRange();
          return PgTemporal.timeOf(micros);
        }
        case TIMETZ: {
          expect(t, d, 12);
          long micros = b.getLong();
          int west = b.getInt();
          if (micros < 0 || micros > PgTemporal.USECS_PER_DAY) throw Errors.timeOutOfRange();
          if (Math.abs(west) > 15 * 3600 + 59 * 60 + 59) throw Errors.timeZoneDisplacementOutOfRange(Integer.toString(west));
          return OffsetTime.of(PgTemporal.timeOf(micros), ZoneOffset.ofTotalSeconds(-west));
        }
        case INTERVAL: {
          expect(t, d, 16);
          long micros = b.getLong();
          int days = b.getInt();
          return new PgInterval(b.getInt(), days, micros);
        }
        case NUMERIC:
          return decodeNumeric(b);
        case JSON:
          return PgText.parse(t, new String(d, StandardCharsets.UTF_8));
        case JSONB:
          if (d.length == 0 || d[0] != 1) throw Errors.unsupportedJsonbVersion(d.length == 0 ? -1 : d[0]);
          return PgText.parse(t, new String(d, 1, d.length - 1, StandardCharsets.UTF_8));
        default:
          return new String(d, StandardCharsets.UTF_8);
      }
    } catch (java.nio.BufferUnderflowException | java.time.DateTimeException e) {
      throw Errors.incorrectBinaryFormat(t.sqlName());
    }
  }

  /**
   * array_send: ndim, a has-nulls flag, the element type's OID, (length, lower bound) per
   * dimension, then each element as its length (-1 for NULL) and binary value.
   */
  static byte[] encodeArray(PgType element, PgArray a) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(20 + a.size() * 8);
    boolean nulls = a.items().contains(null);
    ByteBuffer head = ByteBuffer.allocate(12 + 8 * a.ndims());
    head.putInt(a.ndims()).putInt(nulls ? 1 : 0).putInt(element.oid());
    for (int d = 0; d < a.ndims(); d++) head.putInt(a.dim(d)).putInt(a.lbound(d));
    out.writeBytes(head.array());
    for (int i = 0; i < a.size(); i++) {
      Object v = a.get(i);
      if (v == null) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
        continue;
      }
      byte[] body = encodeBinary(element, v);
      out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** array_recv: the element type must be the array type's own. */
  static PgArray decodeArray(PgType t, ByteBuffer b) {
    int ndims = b.getInt();
    int flags = b.getInt();
    int elementOid = b.getInt();
    if (ndims < 0 || ndims > 6 || (flags != 0 && flags != 1)) throw Errors.incorrectBinaryFormat(t.sqlName());
    if (elementOid != t.elementType().oid()) throw Errors.wrongElementType();
    int[] dims = new int[ndims];
    int[] lbounds = new int[ndims];
    long n = ndims == 0 ? 0 : 1;
    for (int d = 0; d < ndims; d++) {
      dims[d] = b.getInt();
      lbounds[d] = b.getInt();
      if (dims[d] < 0) throw Errors.incorrectBinaryFormat(t.sqlName());
      n *= dims[d];
      if (n > 134217727) throw Errors.arraySizeExceedsMaximum();
    }
    Object[] items = new Object[(int) n];
    for (int i = 0; i < items.length; i++) {
      int len = b.getInt();
      if (len == -1) continue;
      if (len < 0 || len > b.remaining()) throw Errors.incorrectBinaryFormat(t.sqlName());
      byte[] body = new byte[len];
      b.get(body);
      items[i] = decodeBinary(t.elementType(), body);
    }
    if (b.hasRemaining()) throw Errors.incorrectBinaryFormat(t.sqlName());
    return n == 0 ? PgArray.empty() : PgArray.of(dims, lbounds, items);
  }

  private static void expect(PgType t, byte[] d, int len) {
    if (d.length != len) throw Errors.incorrectBinaryFormat(t.sqlName());
  }

  /** Microseconds since 1970 (infinity at the long's ends) as PostgreSQL's, since 2000. */
  private static long sincePgEpoch(long micros1970) {
    if (micros1970 == Long.MAX_VALUE || micros1970 == Long.MIN_VALUE) return micros1970;
    return micros1970 - PG_EPOCH_MICROS;
  }

  private static long since1970(long micros2000) {
    if (micros2000 == Long.MAX_VALUE || micros2000 == Long.MIN_VALUE) return micros2000;
    long m = micros2000 + PG_EPOCH_MICROS;
    if (micros2000 > 0 && m < 0 || !PgTemporal.timestampInRange(m)) throw Errors.timestampOutOfRange();
    return m;
  }

  static byte[] encodeNumeric(BigDecimal v) {
    int dscale = Math.max(v.scale(), 0);
    int sign = v.signum() < 0 ? 0x4000 : 0x0000;
    // Base-10000 digits are aligned on the decimal point, so pad both halves to groups of four.
    String plain = v.abs().setScale(dscale, RoundingMode.UNNECESSARY).toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
    intPart = intPart.replaceFirst("^0+", "");
    int intGroups = (intPart.length() + 3) / 4;
    intPart = "0".repeat(intGroups * 4 - intPart.length()) + intPart;
    int fracGroups = (fracPart.length() + 3) / 4;
    fracPart = fracPart + "0".repeat(fracGroups * 4 - fracPart.length());
    String all = intPart + fracPart;
    short[] digits = new short[intGroups + fracGroups];
    for (int i = 0; i < digits.length; i++) {
      digits[i] = Short.parseShort(all.substring(i * 4, i * 4 + 4));
    }
    int weight = intGroups - 1;
    int first = 0;
    while (first < digits.length && digits[first] == 0) {
      first++;
      weight--;
    }
    int last = digits.length;
    while (last > first && digits[last - 1] == 0) last--;
    int n = last - first;
    if (n == 0) weight = 0;
    ByteBuffer b = ByteBuffer.allocate(8 + 2 * n);
    b.putShort((short) n).putShort((short) weight).putShort((short) sign).putShort((short) dscale);
    for (int i = first; i < last; i++) b.putShort(digits[i]);
    return b.array();
  }

  static Number decodeNumeric(ByteBuffer b) {
    int n = b.getShort();
    int weight = b.getShort();
    int sign = b.getShort() & 0xFFFF;
    int dscale = b.getShort();
    if (sign == 0xC000) return NumericSpecial.NAN;
    if (sign == 0xD000) return NumericSpecial.POSITIVE_INFINITY;
    if (sign == 0xF000) return NumericSpecial.NEGATIVE_INFINITY;
    if (n < 0 || dscale < 0 || (sign != 0 && sign != 0x4000) || b.remaining() != 2 * n) {
      throw Errors.incorrectBinaryFormat(PgType.NUMERIC.sqlName());
    }
    BigInteger unscaled = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      int digit = b.getShort();
      if (digit < 0 || digit > 9999) throw Errors.incorrectBinaryFormat(PgType.NUMERIC.sqlName());
      unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
    }
    // unscaled holds digits d0..d(n-1); d0 is worth 10000^weight, so the last is 10000^(weight-n+1).
    BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - n + 1));
    value = value.setScale(dscale, RoundingMode.HALF_UP);
    return sign == 0x4000 ? value.negate() : value;
  }
}
