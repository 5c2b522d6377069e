package org.opendsql.core.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import org.opendsql.core.error.Errors;

/**
 * The date/time values as numbers, for storage, keys, the wire and arithmetic: microseconds since
 * 1970-01-01 for timestamps (infinity and -infinity at the long's ends), days since 1970-01-01 for
 * dates (at the int's ends), microseconds since midnight for times. Also PostgreSQL's ranges:
 * dates from 4714-11-24 BC to 5874897-12-31; timestamps from 4714-11-24 BC, up to 294246 here
 * (PostgreSQL goes to 294276, beyond what microseconds since 1970 hold in a long).
 */
public final class PgTemporal {
  private PgTemporal() {}

  public static final long USECS_PER_DAY = PgInterval.USECS_PER_DAY;
  /** 4714-11-24 BC 00:00, the first timestamp and date. */
  public static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
  public static final LocalDate MAX_DATE = LocalDate.of(5874897, 12, 31);
  public static final long MIN_TIMESTAMP_MICROS = MIN_DATE.toEpochDay() * USECS_PER_DAY;

  public static boolean isInfinite(Object v) {
    return v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN) || v.equals(LocalDateTime.MAX)
        || v.equals(LocalDateTime.MIN) || v.equals(Instant.MAX) || v.equals(Instant.MIN);
  }

  // ---------------------------------------------------------------- dates

  public static int dateDays(LocalDate d) {
    if (d.equals(LocalDate.MAX)) return Integer.MAX_VALUE;
    if (d.equals(LocalDate.MIN)) return Integer.MIN_VALUE;
    return (int) d.toEpochDay();
  }

  public static LocalDate dateOf(int days) {
    if (days == Integer.MAX_VALUE) return LocalDate.MAX;
    if (days == Integer.MIN_VALUE) return LocalDate.MIN;
    return LocalDate.ofEpochDay(days);
  }

  public static boolean dateInRange(LocalDate d) {
    return !d.isBefore(MIN_DATE) && !d.isAfter(MAX_DATE);
  }

  /** A finite date result, or 22008 "date out of range". */
  public static LocalDate checkDate(LocalDate d) {
    if (!dateInRange(d)) throw Errors.dateOutOfRange();
    return d;
  }

  // ---------------------------------------------------------------- timestamps

  /** Microseconds since 1970 of a finite timestamp in range, or Long.MAX/MIN for infinity. */
  public static long timestampMicros(LocalDateTime t) {
    if (t.equals(LocalDateTime.MAX)) return Long.MAX_VALUE;
    if (t.equals(LocalDateTime.MIN)) return Long.MIN_VALUE;
    return Math.addExact(Math.multiplyExact(t.toLocalDate().toEpochDay(), USECS_PER_DAY), t.toLocalTime().toNanoOfDay() / 1000);
  }

  public static LocalDateTime timestampOf(long micros) {
    if (micros == Long.MAX_VALUE) return LocalDateTime.MAX;
    if (micros == Long.MIN_VALUE) return LocalDateTime.MIN;
    long day = Math.floorDiv(micros, USECS_PER_DAY);
    long inDay = Math.floorMod(micros, USECS_PER_DAY);
    return LocalDate.ofEpochDay(day).atTime(LocalTime.ofNanoOfDay(inDay * 1000));
  }

  public static long instantMicros(Instant i) {
    if (i.equals(Instant.MAX)) return Long.MAX_VALUE;
    if (i.equals(Instant.MIN)) return Long.MIN_VALUE;
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  public static Instant instantOf(long micros) {
    if (micros == Long.MAX_VALUE) return Instant.MAX;
    if (micros == Long.MIN_VALUE) return Instant.MIN;
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Whether microseconds since 1970 are a finite timestamp PostgreSQL (and this engine) holds. */
  public static boolean timestampInRange(long micros) {
    return micros >= MIN_TIMESTAMP_MICROS && micros != Long.MAX_VALUE;
  }

  /** A timestamp computed from a finite one: 22008 "timestamp out of range" outside the range. */
  public static LocalDateTime checkedTimestamp(long micros) {
    if (!timestampInRange(micros)) throw Errors.timestampOutOfRange();
    return timestampOf(micros);
  }

  public static Instant checkedInstant(long micros) {
    if (!timestampInRange(micros)) throw Errors.timestampOutOfRange();
    return instantOf(micros);
  }

  /** {@code local} plus microseconds, or 22008 when it leaves the range (or overflows). */
  public static LocalDateTime plusMicros(LocalDateTime local, long micros) {
    try {
      return checkedTimestamp(Math.addExact(timestampMicros(local), micros));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw Errors.timestampOutOfRange();
    }
  }

  // ---------------------------------------------------------------- times of day

  public static long timeMicros(LocalTime t) {
    if (t.equals(LocalTime.MAX)) return USECS_PER_DAY;
    return t.toNanoOfDay() / 1000;
  }

  /** 0 to 24:00:00 inclusive (24:00:00 is LocalTime.MAX). */
  public static LocalTime timeOf(long micros) {
    if (micros == USECS_PER_DAY) return LocalTime.MAX;
    return LocalTime.ofNanoOfDay(micros * 1000);
  }

  // ---------------------------------------------------------------- zones

  /**
   * The offset a zone gives a local date and time, as PostgreSQL's DetermineTimeZoneOffset
   * resolves it: in a fall-back overlap the later (standard time) offset, in a spring-forward gap
   * the offset from before the transition.
   */
  public static ZoneOffset offsetOfLocal(LocalDateTime local, ZoneId zone) {
    if (zone instanceof ZoneOffset o) return o;
    var rules = zone.getRules();
    var offsets = rules.getValidOffsets(local);
    if (offsets.size() == 1) return offsets.get(0);
    ZoneOffsetTransition tr = rules.getTransition(local);
    if (tr == null) return rules.getOffset(local);
    return tr.isGap() ? tr.getOffsetBefore() : tr.getOffsetAfter();
  }

  /** A local date and time in {@code zone} as an instant, by {@link #offsetOfLocal}. */
  public static Instant atZone(LocalDateTime local, ZoneId zone) {
    if (local.equals(LocalDateTime.MAX)) return Instant.MAX;
    if (local.equals(LocalDateTime.MIN)) return Instant.MIN;
    return local.toInstant(offsetOfLocal(local, zone));
  }

  /** An instant's local date and time in {@code zone}; infinity stays infinity. */
  public static LocalDateTime local(Instant i, ZoneId zone) {
    if (i.equals(Instant.MAX)) return LocalDateTime.MAX;
    if (i.equals(Instant.MIN)) return LocalDateTime.MIN;
    return ZonedDateTime.ofInstant(i, zone).toLocalDateTime();
  }
}
