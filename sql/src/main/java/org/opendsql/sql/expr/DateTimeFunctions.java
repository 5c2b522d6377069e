package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgType;

/**
 * PostgreSQL's date/time functions for date, timestamp and timestamptz (session time zone UTC):
 * extract/date_part, date_trunc, make_date, date arithmetic, to_char, to_date and to_timestamp.
 */
public final class DateTimeFunctions {
  private DateTimeFunctions() {}

  public static LocalDateTime local(Object v) {
    if (v instanceof LocalDateTime l) return l;
    if (v instanceof Instant i) return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    return ((LocalDate) v).atStartOfDay();
  }

  public static LocalDate addDays(LocalDate d, long days) {
    try {
      LocalDate r = d.plusDays(days);
      if (r.getYear() > 5874897) throw Errors.dateOutOfRange();
      return r;
    } catch (DateTimeException e) {
      throw Errors.dateOutOfRange();
    }
  }

  public static int daysBetween(LocalDate a, LocalDate b) {
    return (int) ChronoUnit.DAYS.between(b, a);
  }

  public static LocalDate makeDate(long y, long m, long d) {
    try {
      return LocalDate.of((int) (y < 0 ? y + 1 : y), (int) m, (int) d);
    } catch (DateTimeException e) {
      throw Errors.dateFieldOutOfRange(String.format(Locale.ROOT, "%d-%02d-%02d", y, m, d));
    }
  }

  /** extract(field from v): numeric, with scale 6 for second and epoch of timestamps, 3 for milliseconds. */
  public static BigDecimal extract(String rawField, Object v, PgType t) {
    String field = rawField.toLowerCase(Locale.ROOT);
    LocalDateTime ts = local(v);
    LocalDate d = ts.toLocalDate();
    int year = d.getYear();
    boolean date = t == PgType.DATE;
    switch (field) {
      case "year", "years": return BigDecimal.valueOf(year > 0 ? year : year - 1);
      case "month", "months", "mon", "mons": return BigDecimal.valueOf(d.getMonthValue());
      case "day", "days": return BigDecimal.valueOf(d.getDayOfMonth());
      case "dow": return BigDecimal.valueOf(d.getDayOfWeek().getValue() % 7);
      case "isodow": return BigDecimal.valueOf(d.getDayOfWeek().getValue());
      case "doy": return BigDecimal.valueOf(d.getDayOfYear());
      case "quarter": return BigDecimal.valueOf((d.getMonthValue() - 1) / 3 + 1);
      case "week": return BigDecimal.valueOf(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case "isoyear": return BigDecimal.valueOf(d.get(IsoFields.WEEK_BASED_YEAR));
      case "decade", "decades": return BigDecimal.valueOf(Math.floorDiv(year, 10));
      case "century", "centuries": return BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
      case "millennium", "millennia": return BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
      case "julian":
        if (date) return BigDecimal.valueOf(d.toEpochDay() + 2440588);
        break;
      case "epoch": {
        long micros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), ts);
        BigDecimal e = BigDecimal.valueOf(micros, 6);
        return date ? e.setScale(0, RoundingMode.UNNECESSARY) : e;
      }
      default:
        break;
    }
    boolean timeField = switch (field) {
      case "hour", "hours", "minute", "minutes", "min", "mins", "second", "seconds", "sec", "secs", "milliseconds",
          "millisecond", "ms", "microseconds", "microsecond", "us", "timezone", "timezone_hour", "timezone_minute",
          "julian" -> true;
      default -> false;
    };
    if (!timeField) throw Errors.unitNotRecognized(rawField, t.sqlName());
    if (date || (t == PgType.TIMESTAMP && field.startsWith("timezone")) || field.equals("julian")) {
      throw Errors.unitNotSupported(rawField, t.sqlName());
    }
    long micro = ts.getSecond() * 1_000_000L + ts.getNano() / 1000;
    return switch (field) {
      case "hour", "hours" -> BigDecimal.valueOf(ts.getHour());
      case "minute", "minutes", "min", "mins" -> BigDecimal.valueOf(ts.getMinute());
      case "second", "seconds", "sec", "secs" -> BigDecimal.valueOf(micro, 6);
      case "milliseconds", "millisecond", "ms" -> BigDecimal.valueOf(micro, 3);
      case "microseconds", "microsecond", "us" -> BigDecimal.valueOf(micro);
      default -> BigDecimal.ZERO;
    };
  }

  /** date_trunc(unit, v) for timestamp (and timestamptz in UTC). */
  public static LocalDateTime dateTrunc(String rawUnit, LocalDateTime ts, PgType t) {
    String unit = rawUnit.toLowerCase(Locale.ROOT);
    LocalDate d = ts.toLocalDate();
    int y = d.getYear();
    return switch (unit) {
      case "microseconds", "microsecond", "us" -> ts.truncatedTo(ChronoUnit.MICROS);
      case "milliseconds", "millisecond", "ms" -> ts.truncatedTo(ChronoUnit.MILLIS);
      case "second", "seconds", "sec", "secs" -> ts.truncatedTo(ChronoUnit.SECONDS);
      case "minute", "minutes", "min", "mins" -> ts.truncatedTo(ChronoUnit.MINUTES);
      case "hour", "hours" -> ts.truncatedTo(ChronoUnit.HOURS);
      case "day", "days" -> d.atStartOfDay();
      case "week", "weeks" -> d.minusDays(d.getDayOfWeek().getValue() - 1L).atStartOfDay();
      case "month", "months", "mon", "mons" -> d.withDayOfMonth(1).atStartOfDay();
      case "quarter" -> LocalDate.of(y, (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case "year", "years" -> LocalDate.of(y, 1, 1).atStartOfDay();
      case "decade", "decades" -> LocalDate.of(y > 0 ? y / 10 * 10 : -((8 - (y - 1)) / 10) * 10 - 1, 1, 1).atStartOfDay();
      case "century", "centuries" -> LocalDate.of(y > 0 ? (y - 1) / 100 * 100 + 1 : -((99 - (y - 1)) / 100) * 100 + 1, 1, 1)
          .atStartOfDay();
      case "millennium", "millennia" -> LocalDate.of(y > 0 ? (y - 1) / 1000 * 1000 + 1
          : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1).atStartOfDay();
      default -> throw Errors.unitNotRecognized(rawUnit, t.sqlName());
    };
  }

  // ---------------------------------------------------------------- to_char for date/time

  private static final String[] DATE_PATTERNS = {
      "HH24", "HH12", "HH", "MI", "SS", "MS", "US", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "AM", "PM", "am", "pm",
      "A.M.", "P.M.", "a.m.", "p.m.", "YYYY", "YYY", "YY", "Y", "IYYY", "MONTH", "Month", "month", "MON", "Mon", "mon",
      "MM", "DAY", "Day", "day", "DY", "Dy", "dy", "DDD", "DD", "D", "IDDD", "ID", "WW", "IW", "Q", "TZ", "tz", "OF",
      "yyyy", "yyy", "yy", "y", "hh24", "hh12", "hh", "mi", "ss", "ms", "us", "mm", "ddd", "dd", "d", "ww", "iw", "q"};

  public static String toChar(LocalDateTime ts, String fmt, boolean withZone) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < fmt.length()) {
      boolean fm = false;
      if (fmt.startsWith("FM", i) || fmt.startsWith("fm", i)) {
        fm = true;
        i += 2;
      }
      char c = i < fmt.length() ? fmt.charAt(i) : 0;
      if (c == '"') {
        int j = i + 1;
        while (j < fmt.length() && fmt.charAt(j) != '"') {
          if (fmt.charAt(j) == '\\' && j + 1 < fmt.length()) j++;
          out.append(fmt.charAt(j++));
        }
        i = j + 1;
        continue;
      }
      if (c == '\\' && i + 1 < fmt.length()) {
        out.append(fmt.charAt(i + 1));
        i += 2;
        continue;
      }
      String p = null;
      for (String cand : DATE_PATTERNS) {
        if (fmt.startsWith(cand, i) && (p == null || cand.length() > p.length())) p = cand;
      }
      if (p == null) {
        if (i < fmt.length()) out.append(c);
        i++;
        continue;
      }
      i += p.length();
      out.append(datePart(ts, p, fm, withZone));
    }
    return out.toString();
  }

  private static String num(long v, int width, boolean fm) {
    String s = Long.toString(Math.abs(v));
    if (!fm) while (s.length() < width) s = "0" + s;
    return v < 0 ? "-" + s : s;
  }

  private static String name(String full, String pattern, boolean fm, int padTo) {
    String s;
    if (Character.isUpperCase(pattern.charAt(0)) && Character.isUpperCase(pattern.charAt(1))) s = full.toUpperCase(Locale.ROOT);
    else if (Character.isUpperCase(pattern.charAt(0))) s = full;
    else s = full.toLowerCase(Locale.ROOT);
    if (!fm) while (s.length() < padTo) s = s + " ";
    return s;
  }

  private static String datePart(LocalDateTime ts, String p, boolean fm, boolean withZone) {
    LocalDate d = ts.toLocalDate();
    int hour12 = ts.getHour() % 12 == 0 ? 12 : ts.getHour() % 12;
    long micros = ts.getNano() / 1000;
    String upper = p.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "HH24": return num(ts.getHour(), 2, fm);
      case "HH12": case "HH": return num(hour12, 2, fm);
      case "MI": return num(ts.getMinute(), 2, fm);
      case "SS": return num(ts.getSecond(), 2, fm);
      case "MS": return num(micros / 1000, 3, fm);
      case "US": return num(micros, 6, fm);
      case "FF1": case "FF2": case "FF3": case "FF4": case "FF5": case "FF6": {
        int n = upper.charAt(2) - '0';
        return num(micros / (long) Math.pow(10, 6 - n), n, fm);
      }
      case "AM": case "PM": {
        boolean pm = ts.getHour() >= 12;
        String s = pm ? "PM" : "AM";
        return Character.isLowerCase(p.charAt(0)) ? s.toLowerCase(Locale.ROOT) : s;
      }
      case "A.M.": case "P.M.": {
        String s = ts.getHour() >= 12 ? "P.M." : "A.M.";
        return Character.isLowerCase(p.charAt(0)) ? s.toLowerCase(Locale.ROOT) : s;
      }
      case "YYYY": return num(d.getYear(), 4, fm);
      case "YYY": return num(d.getYear() % 1000, 3, fm);
      case "YY": return num(d.getYear() % 100, 2, fm);
      case "Y": return num(d.getYear() % 10, 1, fm);
      case "IYYY": return num(d.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
      case "MONTH": return name(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), p, fm, 9);
      case "MON": return name(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), p, fm, 3);
      case "MM": return num(d.getMonthValue(), 2, fm);
      case "DAY": return name(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), p, fm, 9);
      case "DY": return name(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), p, fm, 3);
      case "DDD": return num(d.getDayOfYear(), 3, fm);
      case "DD": return num(d.getDayOfMonth(), 2, fm);
      case "D": return num(d.getDayOfWeek().getValue() % 7 + 1, 1, fm);
      case "ID": return num(d.getDayOfWeek().getValue(), 1, fm);
      case "IDDD": return num((d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7L + d.getDayOfWeek().getValue(), 3, fm);
      case "WW": return num((d.getDayOfYear() - 1) / 7 + 1, 2, fm);
      case "IW": return num(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
      case "Q": return num((d.getMonthValue() - 1) / 3 + 1, 1, fm);
      case "TZ": return withZone ? (Character.isLowerCase(p.charAt(0)) ? "utc" : "UTC") : "";
      case "OF": return withZone ? "+00" : "";
      default: return p;
    }
  }

  // ---------------------------------------------------------------- to_char for numbers

  /** to_char(number, format) for the common numeric patterns: 9 0 . , D G S PR MI FM. */
  public static String toCharNumber(BigDecimal v, String fmt) {
    String f = fmt;
    boolean fm = false;
    if (f.toUpperCase(Locale.ROOT).startsWith("FM")) {
      fm = true;
      f = f.substring(2);
    }
    String uf = f.toUpperCase(Locale.ROOT);
    boolean pr = uf.endsWith("PR");
    if (pr) f = f.substring(0, f.length() - 2);
    boolean sLead = uf.startsWith("S");
    if (sLead) f = f.substring(1);
    boolean sTrail = !sLead && f.toUpperCase(Locale.ROOT).endsWith("S");
    if (sTrail) f = f.substring(0, f.length() - 1);
    boolean mi = f.toUpperCase(Locale.ROOT).endsWith("MI");
    if (mi) f = f.substring(0, f.length() - 2);
    int point = -1;
    int intDigits = 0;
    int fracDigits = 0;
    int firstZero = -1;
    for (int i = 0; i < f.length(); i++) {
      char c = Character.toUpperCase(f.charAt(i));
      if (c == '.' || c == 'D') {
        point = i;
      } else if (c == '9' || c == '0') {
        if (point < 0) {
          if (c == '0' && firstZero < 0) firstZero = intDigits;
          intDigits++;
        } else {
          fracDigits++;
        }
      }
    }
    boolean neg = v.signum() < 0;
    BigDecimal r = v.abs().setScale(fracDigits, RoundingMode.HALF_UP);
    String plain = r.toPlainString();
    String ip = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
    String fp = plain.contains(".") ? plain.substring(plain.indexOf('.') + 1) : "";
    if (ip.equals("0")) ip = "";
    boolean overflow = ip.length() > intDigits;
    StringBuilder out = new StringBuilder();
    int digitIdx = 0;
    int fracIdx = 0;
    boolean started = false;
    boolean afterPoint = false;
    int lead = intDigits - ip.length();
    String signChar = neg ? "-" : (sLead || sTrail ? "+" : " ");
    if (pr || mi) signChar = "";
    int lastFracNonZero = fp.replaceAll("0+$", "").length();
    for (int i = 0; i < f.length(); i++) {
      char c = Character.toUpperCase(f.charAt(i));
      if (!afterPoint && (c == '9' || c == '0')) {
        boolean show = digitIdx >= lead || (firstZero >= 0 && digitIdx >= firstZero);
        if (!started && (show || digitIdx == intDigits - 1 && ip.isEmpty() && fracDigits == 0)) {
          out.append(fm ? signChar.trim() : signChar);
          started = true;
        }
        if (overflow) out.append('#');
        else if (digitIdx >= lead) out.append(ip.charAt(digitIdx - lead));
        else if (show || (digitIdx == intDigits - 1 && fracDigits == 0)) out.append('0');
        else if (!fm) out.append(' ');
        digitIdx++;
      } else if (c == '.' || c == 'D') {
        if (!started) {
          out.append(fm ? signChar.trim() : signChar);
          started = true;
        }
        afterPoint = true;
        out.append(overflow ? "#" : ".");
      } else if (afterPoint && (c == '9' || c == '0')) {
        if (overflow) out.append('#');
        else if (!fm || c == '0' || fracIdx < lastFracNonZero) out.append(fp.charAt(fracIdx));
        fracIdx++;
      } else if (c == ',' || c == 'G') {
        if (started) out.append(',');
        else if (!fm) out.append(' ');
      } else {
        out.append(f.charAt(i));
      }
    }
    if (!started) out.insert(0, fm ? signChar.trim() : signChar);
    if (fm && out.length() > 0 && out.charAt(out.length() - 1) == '.' && !f.contains("0.")) {
      out.setLength(out.length() - 1);
    }
    if (pr) return neg ? "<" + out + ">" : (fm ? out.toString() : " " + out + " ");
    if (mi) return out + (neg ? "-" : fm ? "" : " ");
    return out.toString();
  }

  // ---------------------------------------------------------------- to_date / to_timestamp

  /** Parses {@code s} by a to_char-style format (the numeric fields, Mon/Month names, AM/PM). */
  public static LocalDateTime parse(String s, String fmt) {
    int year = 1;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    boolean pm = false;
    boolean hasAmPm = false;
    int si = 0;
    int i = 0;
    while (i < fmt.length()) {
      if (fmt.startsWith("FM", i) || fmt.startsWith("fm", i)) {
        i += 2;
        continue;
      }
      String p = null;
      for (String cand : DATE_PATTERNS) {
        if (fmt.startsWith(cand, i) && (p == null || cand.length() > p.length())) p = cand;
      }
      if (p == null) {
        char fc = fmt.charAt(i);
        if (si < s.length() && (s.charAt(si) == fc || (fc == ' ' && Character.isWhitespace(s.charAt(si))))) si++;
        else if (Character.isWhitespace(fc)) {
          // a space in the format skips nothing in the input
        } else if (si < s.length() && !Character.isLetterOrDigit(s.charAt(si))) si++;
        i++;
        continue;
      }
      i += p.length();
      while (si < s.length() && s.charAt(si) == ' ' && !p.startsWith(" ")) si++;
      String up = p.toUpperCase(Locale.ROOT);
      if (up.equals("MONTH") || up.equals("MON")) {
        int found = -1;
        for (int m = 1; m <= 12 && found < 0; m++) {
          String full = java.time.Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
          String abbr = full.substring(0, 3);
          String cand = up.equals("MONTH") ? full : abbr;
          if (s.regionMatches(true, si, cand, 0, cand.length())) {
            found = m;
            si += cand.length();
          }
        }
        if (found < 0) throw Errors.invalidValueForFormat(s.substring(si), p);
        month = found;
        continue;
      }
      if (up.equals("AM") || up.equals("PM")) {
        hasAmPm = true;
        pm = s.regionMatches(true, si, "PM", 0, 2);
        si += 2;
        continue;
      }
      int width = switch (up) {
        case "YYYY", "IYYY" -> 4;
        case "YYY", "DDD", "MS" -> 3;
        case "US" -> 6;
        case "Y", "D", "Q" -> 1;
        default -> 2;
      };
      int start = si;
      if (si < s.length() && (s.charAt(si) == '-' || s.charAt(si) == '+')) si++;
      while (si < s.length() && Character.isDigit(s.charAt(si)) && (si - start < width || up.equals("YYYY"))) si++;
      if (si == start) throw Errors.invalidValueForFormat(s.substring(si), p);
      int v = Integer.parseInt(s.substring(start, si));
      switch (up) {
        case "YYYY", "YYY", "IYYY" -> year = v;
        case "YY" -> year = v < 70 ? 2000 + v : 1900 + v;
        case "MM" -> month = v;
        case "DD" -> day = v;
        case "HH24" -> hour = v;
        case "HH12", "HH" -> hour = v;
        case "MI" -> minute = v;
        case "SS" -> second = v;
        case "MS" -> micros = v * 1000;
        case "US" -> micros = v;
        default -> { }
      }
    }
    if (hasAmPm) hour = hour % 12 + (pm ? 12 : 0);
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
    } catch (DateTimeException e) {
      throw Errors.dateTimeFieldOutOfRange(s);
    }
  }

  /** to_timestamp(seconds since the epoch). */
  public static Instant fromEpoch(double seconds) {
    if (Double.isNaN(seconds)) throw Errors.timestampCannotBeNaN();
    if (Double.isInfinite(seconds)) throw Errors.timestampOutOfRange();
    long micros = Math.round(seconds * 1_000_000d);
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
