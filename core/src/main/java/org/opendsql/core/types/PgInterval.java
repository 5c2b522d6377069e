package org.opendsql.core.types;

/**
 * PostgreSQL's interval: months, days and microseconds, kept apart because a month and a day have
 * no fixed length until the interval is added to a date. Equality, order and hash follow
 * PostgreSQL's interval_cmp, which does fix them (a month is 30 days, a day 24 hours), so
 * {@code '1 day'} equals {@code '24 hours'} although the two print differently.
 */
public final class PgInterval implements Comparable<PgInterval> {
  public static final long USECS_PER_SEC = 1_000_000L;
  public static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
  public static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
  public static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;
  public static final int DAYS_PER_MONTH = 30;
  public static final int MONTHS_PER_YEAR = 12;

  public static final PgInterval ZERO = new PgInterval(0, 0, 0);

  private final int months;
  private final int days;
  private final long micros;

  public PgInterval(int months, int days, long micros) {
    this.months = months;
    this.days = days;
    this.micros = micros;
  }

  public int months() { return months; }
  public int days() { return days; }
  public long micros() { return micros; }

  /** Whole days of the comparison span (months as 30 days, microseconds beyond a day carried). */
  private long spanDays() {
    return months * (long) DAYS_PER_MONTH + days + Math.floorDiv(micros, USECS_PER_DAY);
  }

  private long spanMicros() {
    return Math.floorMod(micros, USECS_PER_DAY);
  }

  @Override
  public int compareTo(PgInterval o) {
    int c = Long.compare(spanDays(), o.spanDays());
    return c != 0 ? c : Long.compare(spanMicros(), o.spanMicros());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PgInterval i && compareTo(i) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(spanDays()) * 31 + Long.hashCode(spanMicros());
  }

  /** The output text with IntervalStyle postgres, as a value's DataRow shows it. */
  @Override
  public String toString() {
    return DateTimeText.interval(this);
  }
}
