package org.opendsql.core.types;

import java.util.Locale;

/**
 * A field name of extract, date_part and date_trunc, read as PostgreSQL reads it (DecodeUnits,
 * then DecodeSpecial): {@code hours}, {@code h}, {@code msec}, {@code millisecon} (names are
 * compared on their first 10 letters) and {@code epoch} all name a unit.
 */
public enum DateUnit {
  MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY,
  MILLENNIUM, JULIAN, DOW, DOY, ISODOW, ISOYEAR, EPOCH, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE;

  /** The unit {@code text} names (any case), or null when PostgreSQL would not recognize it. */
  public static DateUnit of(String text) {
    DateTimeParser.Token t = DateTimeParser.unitOrSpecial(text.toLowerCase(Locale.ROOT));
    if (t == null) return null;
    if (t.type() == DateTimeParser.RESERV) return t.value() == DateTimeParser.DTK_EPOCH ? EPOCH : null;
    if (t.type() != DateTimeParser.UNITS) return null;
    return switch (t.value()) {
      case DateTimeParser.DTK_MICROSEC_U -> MICROSECONDS;
      case DateTimeParser.DTK_MILLISEC_U -> MILLISECONDS;
      case DateTimeParser.DTK_SECOND_U -> SECOND;
      case DateTimeParser.DTK_MINUTE_U -> MINUTE;
      case DateTimeParser.DTK_HOUR_U -> HOUR;
      case DateTimeParser.DTK_DAY_U -> DAY;
      case DateTimeParser.DTK_WEEK_U -> WEEK;
      case DateTimeParser.DTK_MONTH_U -> MONTH;
      case DateTimeParser.DTK_QUARTER_U -> QUARTER;
      case DateTimeParser.DTK_YEAR_U -> YEAR;
      case DateTimeParser.DTK_DECADE_U -> DECADE;
      case DateTimeParser.DTK_CENTURY_U -> CENTURY;
      case DateTimeParser.DTK_MILLENNIUM_U -> MILLENNIUM;
      case DateTimeParser.DTK_JULIAN_U -> JULIAN;
      case DateTimeParser.DTK_DOW_U -> DOW;
      case DateTimeParser.DTK_DOY_U -> DOY;
      case DateTimeParser.DTK_ISODOW_U -> ISODOW;
      case DateTimeParser.DTK_ISOYEAR_U -> ISOYEAR;
      case DateTimeParser.DTK_TZ_U -> TIMEZONE;
      case DateTimeParser.DTK_TZ_HOUR_U -> TIMEZONE_HOUR;
      case DateTimeParser.DTK_TZ_MINUTE_U -> TIMEZONE_MINUTE;
      default -> null;
    };
  }
}
