package org.opendsql.core.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * PostgreSQL's output of the date/time types with DateStyle ISO and IntervalStyle postgres
 * (EncodeDateOnly, EncodeDateTime, EncodeTimeOnly, EncodeInterval): years before 1 AD as
 * {@code 0044-03-15 BC}, fractional seconds without trailing zeros, {@code infinity}.
 *
 * <p>The Java values: a date is a LocalDate, a timestamp a LocalDateTime, a timestamptz an Instant
 * (their MAX and MIN stand for infinity and -infinity); a time is a LocalTime, LocalTime.MAX
 * standing for 24:00:00 (a time of day PostgreSQL accepts and no microsecond value reaches); a
 * timetz an OffsetTime; an interval a {@link PgInterval}.
 */
public final class DateTimeText {
  private DateTimeText() {}

  public static String date(LocalDate d) {
    if (d.equals(LocalDate.MAX)) return "infinity";
    if (d.equals(LocalDate.MIN)) return "-infinity";
    StringBuilder b = new StringBuilder(13);
    appendDate(b, d);
    if (d.getYear() <= 0) b.append(" BC");
    return b.toString();
  }

  public static String timestamp(LocalDateTime t) {
    if (t.equals(LocalDateTime.MAX)) return "infinity";
    if (t.equals(LocalDateTime.MIN)) return "-infinity";
    StringBuilder b = new StringBuilder(32);
    appendDate(b, t.toLocalDate());
    b.append(' ');
    appendTime(b, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    if (t.getYear() <= 0) b.append(" BC");
    return b.toString();
  }

  public static String timestamptz(Instant i, ZoneId zone) {
    if (i.equals(Instant.MAX)) return "infinity";
    if (i.equals(Instant.MIN)) return "-infinity";
    ZonedDateTime z = i.atZone(zone);
    StringBuilder b = new StringBuilder(40);
    appendDate(b, z.toLocalDate());
    b.append(' ');
    appendTime(b, z.getHour(), z.getMinute(), z.getSecond(), z.getNano() / 1000);
    b.append(TimeZones.offsetText(z.getOffset().getTotalSeconds()));
    if (z.getYear() <= 0) b.append(" BC");
    return b.toString();
  }

  public static String time(LocalTime t) {
    StringBuilder b = new StringBuilder(15);
    if (t.equals(LocalTime.MAX)) return "24:00:00";
    appendTime(b, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    return b.toString();
  }

  public static String timetz(OffsetTime t) {
    return time(t.toLocalTime()) + TimeZones.offsetText(t.getOffset().getTotalSeconds());
  }

  /** EncodeInterval with IntervalStyle postgres: {@code 1 year 2 mons -3 days +04:05:06.5}. */
  public static String interval(PgInterval v) {
    long time = v.micros();
    long hour = time / PgInterval.USECS_PER_HOUR;
    time -= hour * PgInterval.USECS_PER_HOUR;
    long min = time / PgInterval.USECS_PER_MINUTE;
    time -= min * PgInterval.USECS_PER_MINUTE;
    long sec = time / PgInterval.USECS_PER_SEC;
    long fsec = time - sec * PgInterval.USECS_PER_SEC;
    StringBuilder b = new StringBuilder();
    boolean[] zeroBefore = {true, false};
    intervalPart(b, v.months() / PgInterval.MONTHS_PER_YEAR, "year", zeroBefore);
    intervalPart(b, v.months() % PgInterval.MONTHS_PER_YEAR, "mon", zeroBefore);
    intervalPart(b, v.days(), "day", zeroBefore);
    if (zeroBefore[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
      boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
      if (!zeroBefore[0]) b.append(' ');
      b.append(minus ? "-" : zeroBefore[1] ? "+" : "");
      String h = Long.toString(Math.abs(hour));
      if (h.length() < 2) b.append('0');
      b.append(h).append(':');
      pad2(b, Math.abs(min));
      b.append(':');
      appendSeconds(b, Math.abs(sec), Math.abs(fsec));
    }
    return b.toString();
  }

  private static void intervalPart(StringBuilder b, long value, String unit, boolean[] zeroBefore) {
    if (value == 0) return;
    if (!zeroBefore[0]) b.append(' ');
    if (zeroBefore[1] && value > 0) b.append('+');
    b.append(value).append(' ').append(unit);
    if (value != 1) b.append('s');
    zeroBefore[1] = value < 0;
    zeroBefore[0] = false;
  }

  /** yyyy-mm-dd of the AD/BC year (1 BC is year 0), at least four year digits. */
  private static void appendDate(StringBuilder b, LocalDate d) {
    int y = d.getYear();
    String year = Integer.toString(y <= 0 ? 1 - y : y);
    for (int i = year.length(); i < 4; i++) b.append('0');
    b.append(year).append('-');
    pad2(b, d.getMonthValue());
    b.append('-');
    pad2(b, d.getDayOfMonth());
  }

  static void appendTime(StringBuilder b, int hour, int minute, int second, long micros) {
    pad2(b, hour);
    b.append(':');
    pad2(b, minute);
    b.append(':');
    appendSeconds(b, second, micros);
  }

  private static void appendSeconds(StringBuilder b, long sec, long fsec) {
    pad2(b, sec);
    if (fsec == 0) return;
    String f = Long.toString(fsec);
    b.append('.');
    for (int i = f.length(); i < 6; i++) b.append('0');
    int end = f.length();
    while (end > 1 && f.charAt(end - 1) == '0') end--;
    b.append(f, 0, end);
  }

  private static void pad2(StringBuilder b, long v) {
    if (v < 10) b.append('0');
    b.append(v);
  }
}
