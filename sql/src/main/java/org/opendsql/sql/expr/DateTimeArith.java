package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.DateUnit;
import org.opendsql.core.types.IntervalFields;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.PgType;

/**
 * PostgreSQL's arithmetic on dates, times, timestamps and intervals (timestamp.c, date.c):
 * months and days added on the calendar (in the session's zone for timestamptz, so a day across
 * a DST change is 23 or 25 hours), interval multiplication cascading fractions down, timestamp
 * differences justified into days, age's symbolic difference, the justify functions, extract and
 * date_trunc of intervals and times, make_interval and its kin, and the casts between the types.
 */
public final class DateTimeArith {
  private DateTimeArith() {}

  private static final long DAY = PgInterval.USECS_PER_DAY;
  private static final long HOUR = PgInterval.USECS_PER_HOUR;
  private static final long MINUTE = PgInterval.USECS_PER_MINUTE;
  private static final long SEC = PgInterval.USECS_PER_SEC;
  /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  // ---------------------------------------------------------------- casts

  /** A cast between the date/time types; 42846-style refusal (cannot cast) for anything else. */
  static Object convert(Object v, PgType from, PgType to, ZoneId zone) {
    switch (to) {
      case DATE:
        if (v instanceof LocalDate) return v;
        if (v instanceof LocalDateTime l) return finite(l) ? l.toLocalDate() : infinity(l.equals(LocalDateTime.MAX), to);
        if (v instanceof Instant i) {
          if (!finite(i)) return infinity(i.equals(Instant.MAX), to);
          return PgTemporal.checkDate(PgTemporal.local(i, zone).toLocalDate());
        }
        break;
      case TIMESTAMP:
        if (v instanceof LocalDateTime) return v;
        if (v instanceof LocalDate d) return finite(d) ? d.atStartOfDay() : infinity(d.equals(LocalDate.MAX), to);
        if (v instanceof Instant i) return PgTemporal.local(i, zone);
        break;
      case TIMESTAMPTZ:
        if (v instanceof Instant) return v;
        if (v instanceof LocalDate d) {
          return finite(d) ? checkInstant(PgTemporal.atZone(d.atStartOfDay(), zone)) : infinity(d.equals(LocalDate.MAX), to);
        }
        if (v instanceof LocalDateTime l) return checkInstant(PgTemporal.atZone(l, zone));
        break;
      case TIME:
        if (v instanceof LocalTime) return v;
        if (v instanceof OffsetTime t) return t.toLocalTime();
        if (v instanceof LocalDateTime l) return finite(l) ? l.toLocalTime() : null;
        if (v instanceof Instant i) return finite(i) ? PgTemporal.local(i, zone).toLocalTime() : null;
        if (v instanceof PgInterval i) return PgTemporal.timeOf(Math.floorMod(i.micros(), DAY));
        break;
      case TIMETZ:
        if (v instanceof OffsetTime) return v;
        if (v instanceof LocalTime t) {
          LocalDateTime today = LocalDate.now(zone).atTime(t.equals(LocalTime.MAX) ? LocalTime.MIDNIGHT : t);
          return OffsetTime.of(t, PgTemporal.offsetOfLocal(today, zone));
        }
        if (v instanceof Instant i) {
          if (!finite(i)) return null;
          var z = i.atZone(zone);
          return OffsetTime.of(z.toLocalTime(), z.getOffset());
        }
        break;
      case INTERVAL:
        if (v instanceof PgInterval) return v;
        if (v instanceof LocalTime t) return new PgInterval(0, 0, PgTemporal.timeMicros(t));
        break;
      default:
        break;
    }
    throw Errors.cannotCast(from.sqlName(), to.sqlName());
  }

  private static boolean finite(Object v) {
    return !PgTemporal.isInfinite(v);
  }

  private static Object infinity(boolean positive, PgType t) {
    return switch (t) {
      case DATE -> positive ? LocalDate.MAX : LocalDate.MIN;
      case TIMESTAMP -> positive ? LocalDateTime.MAX : LocalDateTime.MIN;
      default -> positive ? Instant.MAX : Instant.MIN;
    };
  }

  private static Instant checkInstant(Instant i) {
    if (!finite(i)) return i;
    if (!PgTemporal.timestampInRange(PgTemporal.instantMicros(i))) throw Errors.timestampOutOfRange();
    return i;
  }

  private static final long[] SCALES = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

  /** AdjustTimestampForTypmod / AdjustTimeForTypmod / AdjustIntervalForTypmod. */
  static Object roundToTypmod(Object v, PgType t, int typmod) {
    if (t == PgType.INTERVAL) return IntervalFields.adjust((PgInterval) v, typmod);
    if (typmod >= 6) return v;
    long scale = SCALES[typmod];
    long offset = scale / 2;
    switch (t) {
      case TIME: {
        long m = PgTemporal.timeMicros((LocalTime) v);
        return PgTemporal.timeOf((m + offset) / scale * scale);
      }
      case TIMETZ: {
        OffsetTime o = (OffsetTime) v;
        long m = PgTemporal.timeMicros(o.toLocalTime());
        return OffsetTime.of(PgTemporal.timeOf((m + offset) / scale * scale), o.getOffset());
      }
      case TIMESTAMP: {
        LocalDateTime l = (LocalDateTime) v;
        if (!finite(l)) return l;
        return PgTemporal.checkedTimestamp(roundSince2000(PgTemporal.timestampMicros(l), scale, offset));
      }
      default: {
        Instant i = (Instant) v;
        if (!finite(i)) return i;
        return PgTemporal.checkedInstant(roundSince2000(PgTemporal.instantMicros(i), scale, offset));
      }
    }
  }

  /** PostgreSQL rounds half away from zero on microseconds since 2000, so before 2000 half goes down. */
  private static long roundSince2000(long micros1970, long scale, long offset) {
    long t = micros1970 - PG_EPOCH_MICROS;
    t = t >= 0 ? (t + offset) / scale * scale : -((-t + offset) / scale * scale);
    return t + PG_EPOCH_MICROS;
  }

  // ---------------------------------------------------------------- interval arithmetic

  private static int int32(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw Errors.intervalOutOfRange();
    return (int) v;
  }

  private static long add64(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw Errors.intervalOutOfRange();
    }
  }

  public static PgInterval negate(PgInterval v) {
    if (v.micros() == Long.MIN_VALUE || v.days() == Integer.MIN_VALUE || v.months() == Integer.MIN_VALUE) {
      throw Errors.intervalOutOfRange();
    }
    return new PgInterval(-v.months(), -v.days(), -v.micros());
  }

  public static PgInterval add(PgInterval a, PgInterval b) {
    return new PgInterval(int32((long) a.months() + b.months()), int32((long) a.days() + b.days()),
        add64(a.micros(), b.micros()));
  }

  public static PgInterval subtract(PgInterval a, PgInterval b) {
    return new PgInterval(int32((long) a.months() - b.months()), int32((long) a.days() - b.days()),
        add64(a.micros(), negate64(b.micros())));
  }

  private static long negate64(long v) {
    if (v == Long.MIN_VALUE) throw Errors.intervalOutOfRange();
    return -v;
  }

  private static boolean fitsInt32(double d) {
    return !Double.isNaN(d) && d >= -2147483648.0 && d < 2147483648.0;
  }

  private static boolean fitsInt64(double d) {
    return !Double.isNaN(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0;
  }

  private static double tsRound(double j) {
    return Math.rint(j * 1_000_000.0) / 1_000_000.0;
  }

  /** interval_mul: whole months and days kept, their fractions cascaded down to days and seconds. */
  public static PgInterval multiply(PgInterval span, double factor) {
    double d = span.months() * factor;
    if (!fitsInt32(d)) throw Errors.intervalOutOfRange();
    int month = (int) d;
    d = span.days() * factor;
    if (!fitsInt32(d)) throw Errors.intervalOutOfRange();
    int day = (int) d;
    double monthRemainderDays = tsRound((span.months() * factor - month) * PgInterval.DAYS_PER_MONTH);
    double secRemainder = tsRound((span.days() * factor - day + monthRemainderDays - (int) monthRemainderDays) * 86400);
    if (Math.abs(secRemainder) >= 86400) {
      day = int32((long) day + (int) (secRemainder / 86400));
      secRemainder -= (int) (secRemainder / 86400) * 86400;
    }
    day = int32((long) day + (int) monthRemainderDays);
    d = Math.rint(span.micros() * factor + secRemainder * SEC);
    if (!fitsInt64(d)) throw Errors.intervalOutOfRange();
    return new PgInterval(month, day, (long) d);
  }

  /** interval_div, as interval_mul by the reciprocal but dividing each part. */
  public static PgInterval divide(PgInterval span, double factor) {
    if (factor == 0.0) throw Errors.divisionByZero();
    double d = span.months() / factor;
    if (!fitsInt32(d)) throw Errors.intervalOutOfRange();
    int month = (int) d;
    d = span.days() / factor;
    if (!fitsInt32(d)) throw Errors.intervalOutOfRange();
    int day = (int) d;
    double monthRemainderDays = tsRound((span.months() / factor - month) * PgInterval.DAYS_PER_MONTH);
    double secRemainder = tsRound((span.days() / factor - day + monthRemainderDays - (int) monthRemainderDays) * 86400);
    if (Math.abs(secRemainder) >= 86400) {
      day = int32((long) day + (int) (secRemainder / 86400));
      secRemainder -= (int) (secRemainder / 86400) * 86400;
    }
    day = int32((long) day + (int) monthRemainderDays);
    d = Math.rint(span.micros() / factor + secRemainder * SEC);
    if (!fitsInt64(d)) throw Errors.intervalOutOfRange();
    return new PgInterval(month, day, (long) d);
  }

  public static PgInterval justifyHours(PgInterval span) {
    long time = span.micros();
    long wholeDay = time / DAY;
    time -= wholeDay * DAY;
    int day = int32((long) span.days() + wholeDay);
    if (day > 0 && time < 0) {
      time += DAY;
      day--;
    } else if (day < 0 && time > 0) {
      time -= DAY;
      day++;
    }
    return new PgInterval(span.months(), day, time);
  }

  public static PgInterval justifyDays(PgInterval span) {
    int day = span.days();
    int wholeMonth = day / PgInterval.DAYS_PER_MONTH;
    day -= wholeMonth * PgInterval.DAYS_PER_MONTH;
    int month = int32((long) span.months() + wholeMonth);
    if (month > 0 && day < 0) {
      day += PgInterval.DAYS_PER_MONTH;
      month--;
    } else if (month < 0 && day > 0) {
      day -= PgInterval.DAYS_PER_MONTH;
      month++;
    }
    return new PgInterval(month, day, span.micros());
  }

  public static PgInterval justifyInterval(PgInterval span) {
    int month = span.months();
    int day = span.days();
    long time = span.micros();
    if ((day > 0 && time > 0) || (day < 0 && time < 0)) {
      long wholeDay = time / DAY;
      time -= wholeDay * DAY;
      day = int32((long) day + wholeDay);
    }
    int wholeMonth = day / PgInterval.DAYS_PER_MONTH;
    day -= wholeMonth * PgInterval.DAYS_PER_MONTH;
    month = int32((long) month + wholeMonth);
    if (month > 0 && (day < 0 || (day == 0 && time < 0))) {
      day += PgInterval.DAYS_PER_MONTH;
      month--;
    } else if (month < 0 && (day > 0 || (day == 0 && time > 0))) {
      day -= PgInterval.DAYS_PER_MONTH;
      month++;
    }
    long wholeDay = time / DAY;
    time -= wholeDay * DAY;
    day = int32((long) day + wholeDay);
    if (day > 0 && time < 0) {
      time += DAY;
      day--;
    } else if (day < 0 && time > 0) {
      time -= DAY;
      day++;
    }
    return new PgInterval(month, day, time);
  }

  // ---------------------------------------------------------------- timestamps and intervals

  /** timestamp_pl_interval: months (day clamped to the month's end), then days, then time. */
  public static LocalDateTime plus(LocalDateTime ts, PgInterval span) {
    if (!finite(ts)) return ts;
    LocalDateTime r = ts;
    try {
      if (span.months() != 0) r = checkLocal(r.plusMonths(span.months()));
      if (span.days() != 0) r = checkLocal(r.plusDays(span.days()));
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw Errors.timestampOutOfRange();
    }
    return PgTemporal.plusMicros(r, span.micros());
  }

  public static LocalDateTime minus(LocalDateTime ts, PgInterval span) {
    return plus(ts, new PgInterval(-span.months(), -span.days(), -span.micros()));
  }

  private static LocalDateTime checkLocal(LocalDateTime l) {
    PgTemporal.checkedTimestamp(PgTemporal.timestampMicros(l));
    return l;
  }

  /** timestamptz_pl_interval: months and days on the session zone's calendar, time on the clock. */
  public static Instant plus(Instant ts, PgInterval span, ZoneId zone) {
    if (!finite(ts)) return ts;
    Instant r = ts;
    try {
      if (span.months() != 0) r = checkInstant(PgTemporal.atZone(checkLocal(PgTemporal.local(r, zone).plusMonths(span.months())), zone));
      if (span.days() != 0) r = checkInstant(PgTemporal.atZone(checkLocal(PgTemporal.local(r, zone).plusDays(span.days())), zone));
      return PgTemporal.checkedInstant(Math.addExact(PgTemporal.instantMicros(r), span.micros()));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw Errors.timestampOutOfRange();
    }
  }

  public static Instant minus(Instant ts, PgInterval span, ZoneId zone) {
    return plus(ts, new PgInterval(-span.months(), -span.days(), -span.micros()), zone);
  }

  /** timestamp - timestamp: the microseconds between them, justified into days of 24 hours. */
  public static PgInterval difference(long micros1, long micros2) {
    if (micros1 == Long.MAX_VALUE || micros1 == Long.MIN_VALUE || micros2 == Long.MAX_VALUE
        || micros2 == Long.MIN_VALUE) {
      throw Errors.cannotSubtractInfinite();
    }
    return justifyHours(new PgInterval(0, 0, add64(micros1, -micros2)));
  }

  public static PgInterval difference(LocalDateTime a, LocalDateTime b) {
    return difference(PgTemporal.timestampMicros(a), PgTemporal.timestampMicros(b));
  }

  public static PgInterval difference(Instant a, Instant b) {
    return difference(PgTemporal.instantMicros(a), PgTemporal.instantMicros(b));
  }

  public static LocalDateTime dateTime(LocalDate d, LocalTime t) {
    if (!finite(d)) return d.equals(LocalDate.MAX) ? LocalDateTime.MAX : LocalDateTime.MIN;
    return PgTemporal.plusMicros(d.atStartOfDay(), PgTemporal.timeMicros(t));
  }

  public static Instant dateTimetz(LocalDate d, OffsetTime t) {
    if (!finite(d)) return d.equals(LocalDate.MAX) ? Instant.MAX : Instant.MIN;
    LocalDateTime l = dateTime(d, t.toLocalTime());
    return PgTemporal.checkedInstant(PgTemporal.timestampMicros(l) - t.getOffset().getTotalSeconds() * SEC);
  }

  /** time + interval wraps around midnight. */
  public static LocalTime plus(LocalTime t, PgInterval span) {
    return wrap(PgTemporal.timeMicros(t) + span.micros());
  }

  public static LocalTime minus(LocalTime t, PgInterval span) {
    return wrap(PgTemporal.timeMicros(t) - span.micros());
  }

  private static LocalTime wrap(long micros) {
    long r = micros - micros / DAY * DAY;
    if (r < 0) r += DAY;
    return PgTemporal.timeOf(r);
  }

  public static OffsetTime plus(OffsetTime t, PgInterval span) {
    return OffsetTime.of(plus(t.toLocalTime(), span), t.getOffset());
  }

  public static OffsetTime minus(OffsetTime t, PgInterval span) {
    return OffsetTime.of(minus(t.toLocalTime(), span), t.getOffset());
  }

  public static PgInterval difference(LocalTime a, LocalTime b) {
    return new PgInterval(0, 0, PgTemporal.timeMicros(a) - PgTemporal.timeMicros(b));
  }

  // ---------------------------------------------------------------- age

  /** age(a, b): the symbolic difference, field by field, borrowing from the next larger field. */
  public static PgInterval age(LocalDateTime a, LocalDateTime b) {
    if (!finite(a) || !finite(b)) throw Errors.timestampOutOfRange();
    long fsec = a.getNano() / 1000 - b.getNano() / 1000;
    long sec = a.getSecond() - b.getSecond();
    long min = a.getMinute() - b.getMinute();
    long hour = a.getHour() - b.getHour();
    long mday = a.getDayOfMonth() - b.getDayOfMonth();
    long mon = a.getMonthValue() - b.getMonthValue();
    long year = (long) a.getYear() - b.getYear();
    boolean before = a.isBefore(b);
    if (before) {
      fsec = -fsec;
      sec = -sec;
      min = -min;
      hour = -hour;
      mday = -mday;
      mon = -mon;
      year = -year;
    }
    while (fsec < 0) {
      fsec += SEC;
      sec--;
    }
    while (sec < 0) {
      sec += 60;
      min--;
    }
    while (min < 0) {
      min += 60;
      hour--;
    }
    while (hour < 0) {
      hour += 24;
      mday--;
    }
    while (mday < 0) {
      LocalDateTime ref = before ? a : b;
      mday += ref.toLocalDate().lengthOfMonth();
      mon--;
    }
    while (mon < 0) {
      mon += 12;
      year--;
    }
    if (before) {
      fsec = -fsec;
      sec = -sec;
      min = -min;
      hour = -hour;
      mday = -mday;
      mon = -mon;
      year = -year;
    }
    return new PgInterval(int32(year * 12 + mon), int32(mday), ((hour * 60 + min) * 60 + sec) * SEC + fsec);
  }

  public static PgInterval age(Instant a, Instant b, ZoneId zone) {
    if (!finite(a) || !finite(b)) throw Errors.timestampOutOfRange();
    return age(PgTemporal.local(a, zone), PgTemporal.local(b, zone));
  }

  // ---------------------------------------------------------------- extract, date_trunc

  private record Fields(long year, long mon, long mday, long hour, long min, long sec, long usec) {}

  /** interval2itm: years and months from the months, hours to microseconds from the time. */
  private static Fields fields(PgInterval v) {
    long time = v.micros();
    long hour = time / HOUR;
    time -= hour * HOUR;
    long min = time / MINUTE;
    time -= min * MINUTE;
    long sec = time / SEC;
    return new Fields(v.months() / 12, v.months() % 12, v.days(), hour, min, sec, time - sec * SEC);
  }

  private static DateUnit unit(String raw, String type) {
    DateUnit u = DateUnit.of(raw);
    if (u == null) throw Errors.unitNotRecognized(raw, type);
    return u;
  }

  /** extract(field from interval): numeric; {@code asDouble} gives date_part's float8. */
  public static Object extract(String raw, PgInterval v, boolean asDouble) {
    DateUnit u = unit(raw, "interval");
    Fields f = fields(v);
    long secMicros = f.sec() * SEC + f.usec();
    long r;
    switch (u) {
      case MICROSECONDS -> r = secMicros;
      case MILLISECONDS -> {
        return asDouble ? f.sec() * 1000.0 + f.usec() / 1000.0 : BigDecimal.valueOf(secMicros, 3);
      }
      case SECOND -> {
        return asDouble ? f.sec() + f.usec() / 1000000.0 : BigDecimal.valueOf(secMicros, 6);
      }
      case MINUTE -> r = f.min();
      case HOUR -> r = f.hour();
      case DAY -> r = f.mday();
      case MONTH -> r = f.mon();
      case QUARTER -> r = f.mon() / 3 + 1;
      case YEAR -> r = f.year();
      case DECADE -> r = f.year() / 10;
      case CENTURY -> r = f.year() / 100;
      case MILLENNIUM -> r = f.year() / 1000;
      case EPOCH -> {
        if (asDouble) {
          double d = v.micros() / 1000000.0;
          d += 365.25 * 86400 * (v.months() / 12);
          d += 30.0 * 86400 * (v.months() % 12);
          d += 86400.0 * v.days();
          return d;
        }
        long secs = (1461L * (v.months() / 12) + 120L * (v.months() % 12) + 4L * v.days()) * (86400 / 4);
        return BigDecimal.valueOf(secs).add(BigDecimal.valueOf(v.micros(), 6)).setScale(6);
      }
      default -> throw Errors.unitNotSupported(raw, "interval");
    }
    return asDouble ? (Object) (double) r : BigDecimal.valueOf(r);
  }

  /** extract(field from time): numeric; date_part's float8 with {@code asDouble}. */
  public static Object extract(String raw, LocalTime t, boolean asDouble) {
    return extractTime(raw, PgTemporal.timeMicros(t), null, asDouble, "time without time zone");
  }

  public static Object extract(String raw, OffsetTime t, boolean asDouble) {
    return extractTime(raw, PgTemporal.timeMicros(t.toLocalTime()), t.getOffset(), asDouble, "time with time zone");
  }

  private static Object extractTime(String raw, long micros, ZoneOffset zone, boolean asDouble, String type) {
    DateUnit u = unit(raw, type);
    long hour = micros / HOUR;
    long min = micros % HOUR / MINUTE;
    long secMicros = micros % MINUTE;
    long r;
    switch (u) {
      case MICROSECONDS -> r = secMicros;
      case MILLISECONDS -> {
        return asDouble ? secMicros / 1000.0 : BigDecimal.valueOf(secMicros, 3);
      }
      case SECOND -> {
        return asDouble ? secMicros / 1000000.0 : BigDecimal.valueOf(secMicros, 6);
      }
      case MINUTE -> r = min;
      case HOUR -> r = hour;
      case TIMEZONE -> {
        if (zone == null) throw Errors.unitNotSupported(raw, type);
        r = zone.getTotalSeconds();
      }
      case TIMEZONE_HOUR -> {
        if (zone == null) throw Errors.unitNotSupported(raw, type);
        r = zone.getTotalSeconds() / 3600;
      }
      case TIMEZONE_MINUTE -> {
        if (zone == null) throw Errors.unitNotSupported(raw, type);
        r = zone.getTotalSeconds() / 60 % 60;
      }
      case EPOCH -> {
        long m = zone == null ? micros : micros - zone.getTotalSeconds() * SEC;
        return asDouble ? m / 1000000.0 : BigDecimal.valueOf(m, 6);
      }
      default -> throw Errors.unitNotSupported(raw, type);
    }
    return asDouble ? (Object) (double) r : BigDecimal.valueOf(r);
  }

  /** date_trunc(field, interval): the fields below {@code field} zeroed; weeks are refused. */
  public static PgInterval truncate(String raw, PgInterval v) {
    DateUnit u = unit(raw, "interval");
    Fields f = fields(v);
    long year = f.year();
    long mon = f.mon();
    long mday = f.mday();
    long hour = f.hour();
    long min = f.min();
    long sec = f.sec();
    long usec = f.usec();
    int level = java.util.Arrays.asList(TRUNC_ORDER).indexOf(u);
    if (level >= 0) {
      if (level >= 9) year = year / 1000 * 1000;
      if (level >= 8) year = year / 100 * 100;
      if (level >= 7) year = year / 10 * 10;
      if (level >= 6) mon = 0;
      if (level >= 5) mon = 3 * (mon / 3);
      if (level >= 4) mday = 0;
      if (level >= 3) hour = 0;
      if (level >= 2) min = 0;
      if (level >= 1) sec = 0;
      usec = 0;
    } else if (u == DateUnit.MILLISECONDS) {
      usec = usec / 1000 * 1000;
    } else if (u != DateUnit.MICROSECONDS) {
      throw Errors.unitNotSupported(raw, "interval", u == DateUnit.WEEK ? "Months usually have fractional weeks." : null);
    }
    long months = year * 12 + mon;
    return new PgInterval(int32(months), int32(mday), ((hour * 60 + min) * 60 + sec) * SEC + usec);
  }

  /** date_trunc's units from the finest that clears anything (second) to the coarsest. */
  private static final DateUnit[] TRUNC_ORDER = {DateUnit.SECOND, DateUnit.MINUTE, DateUnit.HOUR, DateUnit.DAY,
      DateUnit.MONTH, DateUnit.QUARTER, DateUnit.YEAR, DateUnit.DECADE, DateUnit.CENTURY, DateUnit.MILLENNIUM};

  // ---------------------------------------------------------------- constructors

  /** make_interval(years, months, weeks, days, hours, mins, secs). */
  public static PgInterval makeInterval(long years, long months, long weeks, long days, long hours, long mins,
      double secs) {
    if (Double.isInfinite(secs) || Double.isNaN(secs)) throw Errors.intervalOutOfRange();
    int month = int32(Math.addExact(Math.multiplyExact(years, 12L), months));
    int day = int32(Math.addExact(Math.multiplyExact(weeks, 7L), days));
    double us = Math.rint(secs * SEC);
    if (!fitsInt64(us)) throw Errors.intervalOutOfRange();
    long time;
    try {
      time = Math.addExact(Math.addExact(Math.multiplyExact(hours, HOUR), Math.multiplyExact(mins, MINUTE)), (long) us);
    } catch (ArithmeticException e) {
      throw Errors.intervalOutOfRange();
    }
    return new PgInterval(month, day, time);
  }

  /** make_time(hour, min, sec): 22008 for fields past 24:00:00. */
  public static LocalTime makeTime(long hour, long min, double sec) {
    if (hour < 0 || hour > 24 || min < 0 || min > 59 || !(sec >= 0) || sec > 60
        || ((hour * 60 + min) * 60) * (double) SEC + Math.rint(sec * SEC) > DAY) {
      throw Errors.timeFieldOutOfRange(String.format(java.util.Locale.ROOT, "%d:%02d:%s", hour, min, g(sec)));
    }
    return PgTemporal.timeOf((hour * 60 + min) * 60 * SEC + (long) Math.rint(sec * SEC));
  }

  /** make_timestamp(year, month, day, hour, min, sec). */
  public static LocalDateTime makeTimestamp(long year, long month, long mday, long hour, long min, double sec) {
    if (year <= 0 || year > Integer.MAX_VALUE || month < 1 || month > 12 || mday < 1 || mday > 31
        || mday > java.time.YearMonth.of((int) Math.min(year, 999_999_999), (int) month).lengthOfMonth()) {
      throw Errors.dateFieldOutOfRange(String.format(java.util.Locale.ROOT, "%d-%02d-%02d", year, month, mday));
    }
    if (hour < 0 || hour > 24 || min < 0 || min > 59 || !(sec >= 0) || sec > 60
        || ((hour * 60 + min) * 60) * (double) SEC + Math.rint(sec * SEC) > DAY) {
      throw Errors.timeFieldOutOfRange(String.format(java.util.Locale.ROOT, "%d:%02d:%s", hour, min, g(sec)));
    }
    LocalDate d = LocalDate.of((int) year, (int) month, (int) mday);
    long micros = (hour * 60 + min) * 60 * SEC + (long) Math.rint(sec * SEC);
    return PgTemporal.plusMicros(d.atStartOfDay(), micros);
  }

  /** printf's %g as PostgreSQL's messages use it: 5, 5.5, 60. */
  private static String g(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e6) return Long.toString((long) d);
    String s = String.format(java.util.Locale.ROOT, "%.6g", d);
    if (s.contains("e")) return s;
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * date_bin(stride, source, origin) on microseconds: the start of the stride-long bin, counted
   * from origin, that holds source. Strides with months are 0A000, empty ones 22008.
   */
  public static long bin(PgInterval stride, long source, long origin) {
    if (source == Long.MAX_VALUE || source == Long.MIN_VALUE) return source;
    if (origin == Long.MAX_VALUE || origin == Long.MIN_VALUE) throw Errors.originOutOfRange();
    if (stride.months() != 0) throw Errors.binWithMonths();
    long strideUsecs;
    long delta;
    try {
      strideUsecs = Math.addExact(Math.multiplyExact((long) stride.days(), DAY), stride.micros());
      if (strideUsecs <= 0) throw Errors.strideNotPositive();
      long diff = Math.subtractExact(source, origin);
      delta = diff - diff % strideUsecs;
      if (origin > source && strideUsecs > 1) delta = Math.subtractExact(delta, strideUsecs);
      return PgTemporal.instantMicros(PgTemporal.checkedInstant(Math.addExact(origin, delta)));
    } catch (ArithmeticException e) {
      throw Errors.timestampOutOfRange();
    }
  }

  // ---------------------------------------------------------------- interval aggregates

  /** avg(interval): the sum divided by the count, as interval_div divides. */
  public static PgInterval average(PgInterval sum, long count) {
    return divide(sum, (double) count);
  }
}
