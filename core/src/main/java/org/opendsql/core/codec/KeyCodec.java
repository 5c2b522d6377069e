package org.opendsql.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;

/**
 * Order-preserving, prefix-free key encoding.
 *
 * <p>A row key is {@code uvarint(tableId) uvarint(indexId) col1 col2 ...}. Each column is a tag
 * byte ({@link #NOT_NULL} or {@link #NULL}, so nulls sort last as in PostgreSQL's default
 * ascending order) followed, for non-null values, by a self-delimiting body: fixed width for
 * numbers, bool, uuid and times; terminated and escaped for text and bytea; terminated digit
 * strings for numeric; for arrays, their elements' bodies in order, then their shape. Self-delimiting bodies are what make whole keys prefix-free.
 */
public final class KeyCodec {
  private KeyCodec() {}

  public static final byte NOT_NULL = 0x01;
  public static final byte NULL = 0x02;
  private static final byte NUM_NEG_INF = 0x00;
  private static final byte NUM_NEG = 0x01;
  private static final byte NUM_ZERO = 0x02;
  private static final byte NUM_POS = 0x03;
  private static final byte NUM_POS_INF = 0x04;
  private static final byte NUM_NAN = 0x05;
  private static final byte ELEMENTS_END = 0x00;
  private static final byte ELEMENT = 0x01;
  private static final byte NULL_ELEMENT = 0x02;

  /** Key prefix shared by every key of one index of one table. */
  public static byte[] prefix(long tableId, long indexId) {
    ByteSink out = new ByteSink(8);
    writeUvarint(out, tableId);
    writeUvarint(out, indexId);
    return out.toByteArray();
  }

  /**
   * The length of the {@link #prefix} a key starts with (its table and index), or -1 if the key
   * is too short to hold one.
   */
  public static int prefixLength(byte[] key) {
    int pos = 0;
    for (int field = 0; field < 2; field++) {
      if (pos >= key.length) return -1;
      int n = key[pos] & 0xff;
      if (n > 8) return -1;
      pos += 1 + n;
    }
    return pos <= key.length ? pos : -1;
  }

  /** Full key: the index prefix followed by each value encoded as its type. */
  public static byte[] key(long tableId, long indexId, List<PgType> types, List<Object> values) {
    ByteSink out = new ByteSink(32);
    writeUvarint(out, tableId);
    writeUvarint(out, indexId);
    for (int i = 0; i < types.size(); i++) writeValue(out, types.get(i), values.get(i));
    return out.toByteArray();
  }

  /** Decodes the column values of a key built by {@link #key}. */
  public static Object[] decode(byte[] key, List<PgType> types) {
    Reader r = new Reader(key);
    r.readUvarint();
    r.readUvarint();
    Object[] vals = new Object[types.size()];
    for (int i = 0; i < vals.length; i++) vals[i] = readValue(r, types.get(i));
    if (r.pos != key.length) throw new IllegalArgumentException("trailing bytes in key");
    return vals;
  }

  /**
   * Unsigned varint whose byte order equals numeric order: one length byte (0..8) then the
   * minimal big-endian bytes. A longer number is always larger, so the length byte sorts first.
   */
  static void writeUvarint(ByteSink out, long v) {
    int n = (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
    out.write(n);
    for (int i = n - 1; i >= 0; i--) out.write((int) (v >>> (8 * i)));
  }

  public static void writeValue(ByteSink out, PgType t, Object v) {
    if (v == null) {
      out.write(NULL);
      return;
    }
    out.write(NOT_NULL);
    writeBody(out, t, v);
  }

  /** A non-null value's self-delimiting body. */
  private static void writeBody(ByteSink out, PgType t, Object v) {
    switch (t) {
      case BOOL -> out.write(((Boolean) v) ? 1 : 0);
      case INT2 -> writeFixed(out, ((Number) v).shortValue() ^ 0x8000, 2);
      case INT4, DATE -> writeFixed(out,
          (t == PgType.DATE ? PgTemporal.dateDays((LocalDate) v) : ((Number) v).intValue()) ^ 0x80000000L, 4);
      case INT8, OID -> writeFixed(out, ((Number) v).longValue() ^ Long.MIN_VALUE, 8);
      case TIMESTAMPTZ -> writeFixed(out, PgTemporal.instantMicros((Instant) v) ^ Long.MIN_VALUE, 8);
      case TIMESTAMP -> writeFixed(out, PgTemporal.timestampMicros((LocalDateTime) v) ^ Long.MIN_VALUE, 8);
      case TIME -> writeFixed(out, PgTemporal.timeMicros((LocalTime) v), 8);
      case TIMETZ -> {
        // timetz_cmp's order: the UTC time of day, then the zone with the larger offset first.
        OffsetTime o = (OffsetTime) v;
        int offset = o.getOffset().getTotalSeconds();
        writeFixed(out, (PgTemporal.timeMicros(o.toLocalTime()) - offset * 1_000_000L) ^ Long.MIN_VALUE, 8);
        writeFixed(out, -offset ^ 0x80000000L, 4);
      }
      case INTERVAL -> {
        // interval_cmp's order and equality: 30-day months, 24-hour days; '1 day' and '24 hours' are one key.
        PgInterval i = (PgInterval) v;
        long days = i.months() * 30L + i.days() + Math.floorDiv(i.micros(), PgInterval.USECS_PER_DAY);
        writeFixed(out, days ^ Long.MIN_VALUE, 8);
        writeFixed(out, Math.floorMod(i.micros(), PgInterval.USECS_PER_DAY), 8);
      }
      case BPCHAR -> writeEscaped(out, withoutPadding((String) v).getBytes(StandardCharsets.UTF_8));
      case FLOAT4, FLOAT8 -> writeFixed(out, sortableDouble(((Number) v).doubleValue()), 8);
      case UUID -> {
        UUID u = (UUID) v;
        writeFixed(out, u.getMostSignificantBits(), 8);
        writeFixed(out, u.getLeastSignificantBits(), 8);
      }
      case NUMERIC -> {
        if (v instanceof NumericSpecial sp) out.write(sp.isNaN() ? NUM_NAN : sp.signum() > 0 ? NUM_POS_INF : NUM_NEG_INF);
        else writeNumeric(out, (BigDecimal) v);
      }
      case BYTEA -> writeEscaped(out, (byte[]) v);
      case TEXT, VARCHAR, NAME, UNKNOWN -> writeEscaped(out, ((String) v).getBytes(StandardCharsets.UTF_8));
      default -> {
        if (t.isArray() && t.elementType() != PgType.RECORD) writeArray(out, t.elementType(), (PgArray) v);
        else throw new IllegalArgumentException("no key encoding for " + t);
      }
    }
  }

  /**
   * array_cmp's order: the elements in storage order, each {@link #ELEMENT} and its body or
   * {@link #NULL_ELEMENT} (a NULL element sorts after any value), closed by {@link #ELEMENTS_END}
   * (so an array whose elements begin another's sorts first, as the one with fewer items); then
   * the number of dimensions, each dimension's length and each lower bound, which order arrays
   * with equal elements. Equal arrays (equal elements, equal shape) get one key.
   */
  private static void writeArray(ByteSink out, PgType element, PgArray a) {
    for (int i = 0; i < a.size(); i++) {
      Object e = a.get(i);
      if (e == null) {
        out.write(NULL_ELEMENT);
      } else {
        out.write(ELEMENT);
        writeBody(out, element, e);
      }
    }
    out.write(ELEMENTS_END);
    out.write(a.ndims());
    for (int d = 0; d < a.ndims(); d++) writeFixed(out, a.dim(d), 4);
    for (int d = 0; d < a.ndims(); d++) writeFixed(out, a.lbound(d) ^ 0x80000000L, 4);
  }

  private static PgArray readArray(Reader r, PgType element) {
    List<Object> items = new java.util.ArrayList<>();
    while (true) {
      byte marker = r.next();
      if (marker == ELEMENTS_END) break;
      if (marker == NULL_ELEMENT) items.add(null);
      else if (marker == ELEMENT) items.add(readBody(r, element));
      else throw new IllegalArgumentException("bad array element marker " + marker);
    }
    int ndims = r.next();
    if (ndims == 0) return PgArray.empty();
    int[] dims = new int[ndims];
    int[] lbounds = new int[ndims];
    for (int d = 0; d < ndims; d++) dims[d] = (int) r.fixed(4);
    for (int d = 0; d < ndims; d++) lbounds[d] = (int) (r.fixed(4) ^ 0x80000000L);
    return PgArray.of(dims, lbounds, items.toArray());
  }

  static Object readValue(Reader r, PgType t) {
    byte tag = r.next();
    if (tag == NULL) return null;
    if (tag != NOT_NULL) throw new IllegalArgumentException("bad null tag " + tag);
    return readBody(r, t);
  }

  private static Object readBody(Reader r, PgType t) {
    if (t.isArray()) return readArray(r, t.elementType());
    return switch (t) {
      case BOOL -> r.next() != 0;
      case INT2 -> (short) (r.fixed(2) ^ 0x8000);
      case INT4 -> (int) (r.fixed(4) ^ 0x80000000L);
      case DATE -> PgTemporal.dateOf((int) (r.fixed(4) ^ 0x80000000L));
      case INT8, OID -> r.fixed(8) ^ Long.MIN_VALUE;
      case TIMESTAMPTZ -> PgTemporal.instantOf(r.fixed(8) ^ Long.MIN_VALUE);
      case TIMESTAMP -> PgTemporal.timestampOf(r.fixed(8) ^ Long.MIN_VALUE);
      case TIME -> PgTemporal.timeOf(r.fixed(8));
      case TIMETZ -> {
        long utc = r.fixed(8) ^ Long.MIN_VALUE;
        int offset = -(int) (r.fixed(4) ^ 0x80000000L);
        yield OffsetTime.of(PgTemporal.timeOf(utc + offset * 1_000_000L), ZoneOffset.ofTotalSeconds(offset));
      }
      case INTERVAL -> {
        long days = r.fixed(8) ^ Long.MIN_VALUE;
        long micros = r.fixed(8);
        yield new PgInterval(0, (int) days, micros);
      }
      case FLOAT8 -> unsortableDouble(r.fixed(8));
      case FLOAT4 -> (float) unsortableDouble(r.fixed(8));
      case UUID -> new UUID(r.fixed(8), r.fixed(8));
      case NUMERIC -> readNumeric(r);
      case BYTEA -> r.escaped();
      default -> new String(r.escaped(), StandardCharsets.UTF_8);
    };
  }

  /** char(n)'s trailing spaces are padding: 'ab' and 'ab ' are one key, as they are equal. */
  private static String withoutPadding(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') end--;
    return s.substring(0, end);
  }

  public static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  public static Instant fromMicros(long m) {
    return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L);
  }

  private static void writeFixed(ByteSink out, long v, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) out.write((int) (v >>> (8 * i)));
  }

  /** IEEE bits flipped so unsigned order is numeric order; -0 equals 0 and NaN sorts last, as in PG. */
  private static long sortableDouble(double d) {
    if (d == 0.0) d = 0.0;
    long bits = Double.isNaN(d) ? 0x7ff8000000000000L : Double.doubleToLongBits(d);
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  private static double unsortableDouble(long s) {
    long bits = s < 0 ? s ^ Long.MIN_VALUE : ~s;
    return Double.longBitsToDouble(bits);
  }

  /** 0x00 escapes as 0x00 0xFF and the body ends with 0x00 0x01, so order and prefix-freedom hold. */
  private static void writeEscaped(ByteSink out, byte[] b) {
    for (byte x : b) {
      out.write(x);
      if (x == 0) out.write(0xFF);
    }
    out.write(0);
    out.write(1);
  }

  /**
   * Sign class, then (for non-zero) the decimal exponent and the significant digits as bytes
   * 1..10 closed by 0; negative numbers complement the exponent and digit bytes so that larger
   * magnitudes sort lower. Trailing zeros are stripped: 1.0 and 1.00 are the same key, as they are
   * equal in PostgreSQL.
   */
  private static void writeNumeric(ByteSink out, BigDecimal v) {
    int sign = v.signum();
    if (sign == 0) {
      out.write(NUM_ZERO);
      return;
    }
    BigDecimal n = v.abs().stripTrailingZeros();
    String digits = n.unscaledValue().toString();
    int exp = digits.length() - n.scale();
    int mask = sign < 0 ? 0xFF : 0x00;
    out.write(sign < 0 ? NUM_NEG : NUM_POS);
    long e = (exp ^ 0x80000000L) & 0xFFFFFFFFL;
    if (sign < 0) e = ~e & 0xFFFFFFFFL;
    writeFixed(out, e, 4);
    for (int i = 0; i < digits.length(); i++) out.write(((digits.charAt(i) - '0') + 1) ^ mask);
    out.write(mask);
  }

  private static Number readNumeric(Reader r) {
    byte cls = r.next();
    if (cls == NUM_ZERO) return BigDecimal.ZERO;
    if (cls == NUM_NAN) return NumericSpecial.NAN;
    if (cls == NUM_POS_INF) return NumericSpecial.POSITIVE_INFINITY;
    if (cls == NUM_NEG_INF) return NumericSpecial.NEGATIVE_INFINITY;
    boolean neg = cls == NUM_NEG;
    int mask = neg ? 0xFF : 0;
    long e = r.fixed(4) & 0xFFFFFFFFL;
    if (neg) e = ~e & 0xFFFFFFFFL;
    int exp = (int) (e ^ 0x80000000L);
    StringBuilder sb = new StringBuilder();
    while (true) {
      int b = (r.next() & 0xFF) ^ mask;
      if (b == 0) break;
      sb.append((char) ('0' + b - 1));
    }
    BigDecimal abs = new BigDecimal(new BigInteger(sb.toString()), sb.length() - exp);
    return neg ? abs.negate() : abs;
  }

  static final class Reader {
    final byte[] b;
    int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    byte next() {
      if (pos >= b.length) throw new IllegalArgumentException("truncated key");
      return b[pos++];
    }

    long fixed(int n) {
      long v = 0;
      for (int i = 0; i < n; i++) v = (v << 8) | (next() & 0xFF);
      return v;
    }

    long readUvarint() {
      return fixed(next());
    }

    byte[] escaped() {
      ByteSink out = new ByteSink();
      while (true) {
        byte x = next();
        if (x == 0) {
          byte y = next();
          if (y == 1) return out.toByteArray();
          if (y != (byte) 0xFF) throw new IllegalArgumentException("bad escape");
        }
        out.write(x);
      }
    }
  }
}
