package org.opendsql.core.types;

import java.util.Locale;
import org.opendsql.core.error.Errors;

/**
 * An interval's type modifier: the fields it keeps ({@code DAY TO SECOND}) and its fractional
 * second precision, packed as PostgreSQL packs them ({@code range << 16 | precision}), and
 * AdjustIntervalForTypmod, which drops what the fields exclude and rounds the seconds.
 */
public final class IntervalFields {
  private IntervalFields() {}

  public static final int MONTH = 1 << 1;
  public static final int YEAR = 1 << 2;
  public static final int DAY = 1 << 3;
  public static final int HOUR = 1 << 10;
  public static final int MINUTE = 1 << 11;
  public static final int SECOND = 1 << 12;
  public static final int YEAR_TO_MONTH = YEAR | MONTH;
  public static final int DAY_TO_HOUR = DAY | HOUR;
  public static final int DAY_TO_MINUTE = DAY | HOUR | MINUTE;
  public static final int DAY_TO_SECOND = DAY | HOUR | MINUTE | SECOND;
  public static final int HOUR_TO_MINUTE = HOUR | MINUTE;
  public static final int HOUR_TO_SECOND = HOUR | MINUTE | SECOND;
  public static final int MINUTE_TO_SECOND = MINUTE | SECOND;
  public static final int FULL_RANGE = 0x7FFF;
  public static final int FULL_PRECISION = 0xFFFF;

  /** The typmod of {@code interval <fields>(precision)}; -1 when neither is given. */
  public static int typmod(int range, int precision) {
    if (range == FULL_RANGE && precision == FULL_PRECISION) return -1;
    return (range << 16) | precision;
  }

  public static int range(int typmod) {
    return typmod < 0 ? FULL_RANGE : (typmod >> 16) & 0x7FFF;
  }

  public static int precision(int typmod) {
    return typmod < 0 ? FULL_PRECISION : typmod & 0xFFFF;
  }

  /**
   * The range of a field list as written after {@code interval}: {@code day}, {@code hour to
   * second}, with the seconds' precision in {@code second(3)} given apart. Null for an unknown
   * list, which the caller reports as a syntax error.
   */
  public static Integer parseRange(String fields) {
    String f = fields.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return switch (f) {
      case "" -> FULL_RANGE;
      case "year" -> YEAR;
      case "month" -> MONTH;
      case "day" -> DAY;
      case "hour" -> HOUR;
      case "minute" -> MINUTE;
      case "second" -> SECOND;
      case "year to month" -> YEAR_TO_MONTH;
      case "day to hour" -> DAY_TO_HOUR;
      case "day to minute" -> DAY_TO_MINUTE;
      case "day to second" -> DAY_TO_SECOND;
      case "hour to minute" -> HOUR_TO_MINUTE;
      case "hour to second" -> HOUR_TO_SECOND;
      case "minute to second" -> MINUTE_TO_SECOND;
      default -> null;
    };
  }

  /** A precision as PostgreSQL takes it: 22023 when negative, capped at 6 (with a warning there). */
  public static int checkPrecision(int p) {
    if (p < 0) throw Errors.intervalPrecisionNegative(p);
    return Math.min(p, 6);
  }

  private static final long[] SCALES = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

  /** AdjustIntervalForTypmod: the fields outside the range dropped, the seconds rounded to the precision. */
  public static PgInterval adjust(PgInterval v, int typmod) {
    if (typmod < 0) return v;
    int range = range(typmod);
    int precision = precision(typmod);
    int months = v.months();
    int days = v.days();
    long time = v.micros();
    if (range == YEAR) {
      months = months / 12 * 12;
      days = 0;
      time = 0;
    } else if (range == MONTH || range == YEAR_TO_MONTH) {
      days = 0;
      time = 0;
    } else if (range == DAY) {
      time = 0;
    } else if (range == HOUR || range == DAY_TO_HOUR) {
      time = time / PgInterval.USECS_PER_HOUR * PgInterval.USECS_PER_HOUR;
    } else if (range == MINUTE || range == HOUR_TO_MINUTE || range == DAY_TO_MINUTE) {
      time = time / PgInterval.USECS_PER_MINUTE * PgInterval.USECS_PER_MINUTE;
    }
    if (precision != FULL_PRECISION && precision < 6) {
      long scale = SCALES[precision];
      long offset = scale / 2;
      time = time >= 0 ? (time + offset) / scale * scale : -((-time + offset) / scale * scale);
    }
    if (months == v.months() && days == v.days() && time == v.micros()) return v;
    return new PgInterval(months, days, time);
  }

  /** The type as PostgreSQL names it: {@code interval day to second(3)}. */
  public static String display(int typmod) {
    if (typmod < 0) return "interval";
    int range = range(typmod);
    String fields = switch (range) {
      case YEAR -> " year";
      case MONTH -> " month";
      case DAY -> " day";
      case HOUR -> " hour";
      case MINUTE -> " minute";
      case SECOND -> " second";
      case YEAR_TO_MONTH -> " year to month";
      case DAY_TO_HOUR -> " day to hour";
      case DAY_TO_MINUTE -> " day to minute";
      case DAY_TO_SECOND -> " day to second";
      case HOUR_TO_MINUTE -> " hour to minute";
      case HOUR_TO_SECOND -> " hour to second";
      case MINUTE_TO_SECOND -> " minute to second";
      default -> "";
    };
    int p = precision(typmod);
    return "interval" + fields + (p == FULL_PRECISION ? "" : "(" + p + ")");
  }
}
