package org.opendsql.core.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.DateTimeParser.DtErr;
import org.opendsql.core.types.DateTimeParser.Field;
import org.opendsql.core.types.DateTimeParser.Tm;

/**
 * The input functions of the date/time types (date_in, timestamp_in, timestamptz_in, time_in,
 * timetz_in, interval_in) over {@link DateTimeParser}, with their range checks and errors.
 * {@code now}, {@code today}, {@code tomorrow} and {@code yesterday} read the given time (the
 * transaction's start), or the clock without one.
 */
final class DateTimeInput {
  private DateTimeInput() {}

  static Object parse(PgType t, String s, ZoneId zone, int typmod, Instant now) {
    try {
      LocalDateTime clock = now == null ? LocalDateTime.now(zone) : LocalDateTime.ofInstant(now, zone);
      return switch (t) {
        case DATE -> date(s, clock);
        case TIMESTAMP -> timestamp(s, clock);
        case TIMESTAMPTZ -> timestamptz(s, zone, clock);
        case TIME -> time(s, clock);
        case TIMETZ -> timetz(s, zone, clock);
        case INTERVAL -> IntervalFields.adjust(
            DateTimeParser.decodeIntervalText(s, IntervalFields.range(typmod)), typmod);
        default -> throw new IllegalArgumentException(t.name());
      };
    } catch (DtErr e) {
      throw error(e, t, s);
    }
  }

  private static DbException error(DtErr e, PgType t, String s) {
    return switch (e.code) {
      case DateTimeParser.FIELD_OVERFLOW -> Errors.dateTimeFieldOutOfRange(s);
      case DateTimeParser.MD_FIELD_OVERFLOW -> Errors.dateTimeFieldOutOfRangeDateStyle(s);
      case DateTimeParser.INTERVAL_OVERFLOW -> Errors.intervalFieldOutOfRange(s);
      case DateTimeParser.TZDISP_OVERFLOW -> Errors.timeZoneDisplacementOutOfRange(s);
      case DateTimeParser.BAD_TIMEZONE -> Errors.timeZoneNotRecognized(e.zone);
      case -100 -> Errors.intervalOutOfRange();
      default -> Errors.invalidDatetimeFormat(t.sqlName(), s);
    };
  }

  private static Tm decode(String s, LocalDateTime now) {
    List<Field> fields = DateTimeParser.tokenize(s);
    return DateTimeParser.decodeDateTime(fields, now);
  }

  static LocalDate date(String s, LocalDateTime now) {
    Tm tm = decode(s, now);
    switch (tm.dtype) {
      case DateTimeParser.DTK_LATE:
        return LocalDate.MAX;
      case DateTimeParser.DTK_EARLY:
        return LocalDate.MIN;
      case DateTimeParser.DTK_EPOCH:
        return LocalDate.EPOCH;
      default:
        break;
    }
    if (!DateTimeParser.validJulian(tm.year, tm.mon)) throw Errors.dateOutOfRange(s);
    LocalDate d = LocalDate.of(tm.year, tm.mon, tm.mday);
    if (!PgTemporal.dateInRange(d)) throw Errors.dateOutOfRange(s);
    return d;
  }

  /** The decoded date and time as microseconds since 1970 in local time, range-checked. */
  private static long localMicros(Tm tm, String s) {
    if (!DateTimeParser.validJulian(tm.year, tm.mon)) throw Errors.timestampOutOfRange(s);
    long day = LocalDate.of(tm.year, tm.mon, tm.mday).toEpochDay();
    try {
      return Math.addExact(Math.multiplyExact(day, PgTemporal.USECS_PER_DAY), tm.timeMicros());
    } catch (ArithmeticException e) {
      throw Errors.timestampOutOfRange(s);
    }
  }

  static LocalDateTime timestamp(String s, LocalDateTime now) {
    Tm tm = decode(s, now);
    switch (tm.dtype) {
      case DateTimeParser.DTK_LATE:
        return LocalDateTime.MAX;
      case DateTimeParser.DTK_EARLY:
        return LocalDateTime.MIN;
      case DateTimeParser.DTK_EPOCH:
        return LocalDateTime.of(1970, 1, 1, 0, 0);
      default:
        break;
    }
    long micros = localMicros(tm, s);
    if (!PgTemporal.timestampInRange(micros)) throw Errors.timestampOutOfRange(s);
    return PgTemporal.timestampOf(micros);
  }

  static Instant timestamptz(String s, ZoneId zone, LocalDateTime now) {
    Tm tm = decode(s, now);
    switch (tm.dtype) {
      case DateTimeParser.DTK_LATE:
        return Instant.MAX;
      case DateTimeParser.DTK_EARLY:
        return Instant.MIN;
      case DateTimeParser.DTK_EPOCH:
        return Instant.EPOCH;
      default:
        break;
    }
    long local = localMicros(tm, s);
    LocalDateTime ldt = PgTemporal.timestampOf(local);
    ZoneOffset off = DateTimeParser.offsetAt(tm, ldt, zone);
    long micros;
    try {
      micros = Math.subtractExact(local, off.getTotalSeconds() * 1_000_000L);
    } catch (ArithmeticException e) {
      throw Errors.timestampOutOfRange(s);
    }
    if (!PgTemporal.timestampInRange(micros)) throw Errors.timestampOutOfRange(s);
    return PgTemporal.instantOf(micros);
  }

  static LocalTime time(String s, LocalDateTime now) {
    Tm tm = DateTimeParser.decodeTimeOnly(DateTimeParser.tokenize(s), now);
    return PgTemporal.timeOf(tm.timeMicros());
  }

  static OffsetTime timetz(String s, ZoneId zone, LocalDateTime now) {
    Tm tm = DateTimeParser.decodeTimeOnly(DateTimeParser.tokenize(s), now);
    LocalTime t = PgTemporal.timeOf(tm.timeMicros());
    ZoneOffset off;
    if (tm.offsetEast != null) {
      off = ZoneOffset.ofTotalSeconds(tm.offsetEast);
    } else {
      ZoneId z = tm.namedZone != null ? tm.namedZone : zone;
      LocalDateTime at = LocalDate.of(tm.year, tm.mon, tm.mday).atStartOfDay()
          .plusNanos(Math.min(tm.timeMicros(), PgTemporal.USECS_PER_DAY - 1) * 1000);
      off = PgTemporal.offsetOfLocal(at, z);
    }
    return OffsetTime.of(t, off);
  }
}
