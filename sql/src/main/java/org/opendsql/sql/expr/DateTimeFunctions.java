package org.opendsql.sql.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.DateUnit;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.TimeZones;

/**
 * PostgreSQL's date/time functions for date, timestamp and timestamptz (timestamptz split in the
 * session's time zone): extract/date_part, date_trunc, make_date, date arithmetic, to_char,
 * to_date and to_timestamp.
 */
public final class DateTimeFunctions {
  private DateTimeFunctions() {}

  /** The local date and time of a date, timestamp or timestamptz, the last in {@code zone}. */
  public static LocalDateTime local(Object v, ZoneId zone) {
    if (v instanceof LocalDateTime l) return l;
    if (v instanceof Instant i) return PgTemporal.local(i, zone);
    LocalDate d = (LocalDate) v;
    if (d.equals(LocalDate.MAX)) return LocalDateTime.MAX;
    if (d.equals(LocalDate.MIN)) return LocalDateTime.MIN;
    return d.atStartOfDay();
  }

  public static LocalDate addDays(LocalDate d, long days) {
    if (PgTemporal.isInfinite(d)) return d;
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

  /** extract(field from v) of a date or timestamp: numeric, scale 6 for seconds and epoch, 3 for milliseconds. */
  public static BigDecimal extract(String rawField, Object v, PgType t) {
    return extract(rawField, v, t, ZoneOffset.UTC);
  }

  /** As {@link #extract(String, Object, PgType)}, a timestamptz split in {@code zone}. */
  public static BigDecimal extract(String rawField, Object v, PgType t, ZoneId zone) {
    DateUnit unit = DateUnit.of(rawField);
    String typeName = t == PgType.DATE ? "date" : t.sqlName();
    if (unit == null) throw Errors.unitNotRecognized(rawField, typeName);
    boolean date = t == PgType.DATE;
    if (PgTemporal.isInfinite(v)) {
      return switch (unit) {
        case YEAR, DECADE, CENTURY, MILLENNIUM, JULIAN, ISOYEAR, EPOCH -> throw Errors.nonFiniteNumeric();
        default -> {
          if (date && isTimeUnit(unit)) throw Errors.unitNotSupported(rawField, typeName);
          yield null;
        }
      };
    }
    LocalDateTime ts = local(v, zone);
    LocalDate d = ts.toLocalDate();
    int year = d.getYear();
    switch (unit) {
      case YEAR: return BigDecimal.valueOf(year > 0 ? year : year - 1);
      case MONTH: return BigDecimal.valueOf(d.getMonthValue());
      case DAY: return BigDecimal.valueOf(d.getDayOfMonth());
      case DOW: return BigDecimal.valueOf(d.getDayOfWeek().getValue() % 7);
      case ISODOW: return BigDecimal.valueOf(d.getDayOfWeek().getValue());
      case DOY: return BigDecimal.valueOf(d.getDayOfYear());
      case QUARTER: return BigDecimal.valueOf((d.getMonthValue() - 1) / 3 + 1);
      case WEEK: return BigDecimal.valueOf(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case ISOYEAR: {
        int iy = d.get(IsoFields.WEEK_BASED_YEAR);
        return BigDecimal.valueOf(iy > 0 ? iy : iy - 1);
      }
      case DECADE: return BigDecimal.valueOf(year >= 0 ? year / 10 : -((8 - (year - 1)) / 10));
      case CENTURY: return BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
      case MILLENNIUM: return BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
      case JULIAN: {
        long jd = d.toEpochDay() + 2440588;
        if (date) return BigDecimal.valueOf(jd);
        long micros = ts.toLocalTime().toNanoOfDay() / 1000;
        // The day number plus the day's fraction, divided with numeric's own result scale.
        return BigDecimal.valueOf(jd).add(Values.divide(BigDecimal.valueOf(micros), BigDecimal.valueOf(PgTemporal.USECS_PER_DAY)));
      }
      case EPOCH: {
        long micros = v instanceof Instant i ? PgTemporal.instantMicros(i) : PgTemporal.timestampMicros(ts);
        BigDecimal e = BigDecimal.valueOf(micros, 6);
        return date ? e.setScale(0, RoundingMode.UNNECESSARY) : e;
      }
      default:
        break;
    }
    if (date || (t == PgType.TIMESTAMP && (unit == DateUnit.TIMEZONE || unit == DateUnit.TIMEZONE_HOUR
        || unit == DateUnit.TIMEZONE_MINUTE))) {
      throw Errors.unitNotSupported(rawField, typeName);
    }
    long micro = ts.getSecond() * 1_000_000L + ts.getNano() / 1000;
    int offset = v instanceof Instant i ? zone.getRules().getOffset(i).getTotalSeconds() : 0;
    return switch (unit) {
      case HOUR -> BigDecimal.valueOf(ts.getHour());
      case MINUTE -> BigDecimal.valueOf(ts.getMinute());
      case SECOND -> BigDecimal.valueOf(micro, 6);
      case MILLISECONDS -> BigDecimal.valueOf(micro, 3);
      case MICROSECONDS -> BigDecimal.valueOf(micro);
      case TIMEZONE -> BigDecimal.valueOf(offset);
      case TIMEZONE_HOUR -> BigDecimal.valueOf(offset / 3600);
      case TIMEZONE_MINUTE -> BigDecimal.valueOf(offset / 60 % 60);
      default -> throw Errors.unitNotSupported(rawField, typeName);
    };
  }

  private static boolean isTimeUnit(DateUnit u) {
    return switch (u) {
      case HOUR, MINUTE, SECOND, MILLISECONDS, MICROSECONDS, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE -> true;
      default -> false;
    };
  }

  /** date_trunc(unit, timestamp). */
  public static LocalDateTime dateTrunc(String rawUnit, LocalDateTime ts, PgType t) {
    DateUnit unit = DateUnit.of(rawUnit);
    if (unit == null) throw Errors.unitNotRecognized(rawUnit, t.sqlName());
    if (PgTemporal.isInfinite(ts)) return ts;
    LocalDate d = ts.toLocalDate();
    int y = d.getYear();
    return switch (unit) {
      case MICROSECONDS -> ts.truncatedTo(ChronoUnit.MICROS);
      case MILLISECONDS -> ts.truncatedTo(ChronoUnit.MILLIS);
      case SECOND -> ts.truncatedTo(ChronoUnit.SECONDS);
      case MINUTE -> ts.truncatedTo(ChronoUnit.MINUTES);
      case HOUR -> ts.truncatedTo(ChronoUnit.HOURS);
      case DAY -> d.atStartOfDay();
      case WEEK -> d.minusDays(d.getDayOfWeek().getValue() - 1L).atStartOfDay();
      case MONTH -> d.withDayOfMonth(1).atStartOfDay();
      case QUARTER -> LocalDate.of(y, (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case YEAR -> LocalDate.of(y, 1, 1).atStartOfDay();
      case DECADE -> LocalDate.of(y > 0 ? y / 10 * 10 : -((8 - (y - 1)) / 10) * 10 - 1, 1, 1).atStartOfDay();
      case CENTURY -> LocalDate.of(y > 0 ? (y - 1) / 100 * 100 + 1 : -((99 - (y - 1)) / 100) * 100 + 1, 1, 1)
          .atStartOfDay();
      case MILLENNIUM -> LocalDate.of(y > 0 ? (y - 1) / 1000 * 1000 + 1
          : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1).atStartOfDay();
      default -> throw Errors.unitNotSupported(rawUnit, t.sqlName());
    };
  }

  /**
   * date_trunc(unit, timestamptz) in {@code zone}: truncated on the local clock; from a day up the
   * result takes the zone's offset at the new time, below it keeps the original offset.
   */
  public static Instant dateTrunc(String rawUnit, Instant i, ZoneId zone) {
    DateUnit unit = DateUnit.of(rawUnit);
    if (unit == null) throw Errors.unitNotRecognized(rawUnit, PgType.TIMESTAMPTZ.sqlName());
    if (PgTemporal.isInfinite(i)) return i;
    LocalDateTime local = PgTemporal.local(i, zone);
    LocalDateTime t = dateTrunc(rawUnit, local, PgType.TIMESTAMPTZ);
    boolean redoZone = switch (unit) {
      case WEEK, MILLENNIUM, CENTURY, DECADE, YEAR, QUARTER, MONTH, DAY -> true;
      default -> false;
    };
    if (redoZone) return PgTemporal.atZone(t, zone);
    return t.toInstant(zone.getRules().getOffset(i));
  }

  /** The zone of AT TIME ZONE INTERVAL '...': a fixed offset east, hours to seconds only. */
  public static ZoneId intervalZone(PgInterval v) {
    if (v.months() != 0 || v.days() != 0) throw Errors.intervalTimeZoneHasMonthsOrDays(v.toString());
    long seconds = v.micros() / 1_000_000;
    if (Math.abs(seconds) > 18 * 3600) throw Errors.timeZoneDisplacementOutOfRange(v.toString());
    return ZoneOffset.ofTotalSeconds((int) seconds);
  }

  /** timetz AT TIME ZONE: the same instant of day in the zone's offset (today's, for zones with DST). */
  public static OffsetTime timetzAtZone(OffsetTime t, ZoneId zone) {
    ZoneOffset to = zone instanceof ZoneOffset o ? o : zone.getRules().getOffset(Instant.now());
    long micros = PgTemporal.timeMicros(t.toLocalTime()) - t.getOffset().getTotalSeconds() * 1_000_000L
        + to.getTotalSeconds() * 1_000_000L;
    long day = PgTemporal.USECS_PER_DAY;
    micros = ((micros % day) + day) % day;
    return OffsetTime.of(PgTemporal.timeOf(micros), to);
  }

  // ---------------------------------------------------------------- to_char for date/time

  private static final String[] DATE_PATTERNS = {
      "HH24", "HH12", "HH", "MI", "SS", "MS", "US", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "AM", "PM", "am", "pm",
      "A.M.", "P.M.", "a.m.", "p.m.", "YYYY", "YYY", "YY", "Y", "IYYY", "MONTH", "Month", "month", "MON", "Mon", "mon",
      "MM", "DAY", "Day", "day", "DY", "Dy", "dy", "DDD", "DD", "D", "IDDD", "ID", "WW", "IW", "Q", "TZ", "tz", "OF",
      "yyyy", "yyy", "yy", "y", "hh24", "hh12", "hh", "mi", "ss", "ms", "us", "mm", "ddd", "dd", "d", "ww", "iw", "q"};

  /**
   * The fields to_char prints: a timestamp's (with its date for names and weeks), or an
   * interval's (hours past 24, no date); {@code offset} and {@code zoneName} only for timestamptz.
   */
  private record Tf(long year, int month, long mday, long hour, long min, long sec, long micros, LocalDate date,
      ZoneOffset offset, String zoneName) {}

  private static Tf fields(LocalDateTime ts, ZoneOffset offset, String zoneName) {
    return new Tf(ts.getYear(), ts.getMonthValue(), ts.getDayOfMonth(), ts.getHour(), ts.getMinute(), ts.getSecond(),
        ts.getNano() / 1000, ts.toLocalDate(), offset, zoneName);
  }

  /** to_char(timestamp, format); {@code zone} non-null for a timestamptz shown in it. */
  public static String toChar(LocalDateTime ts, String fmt, ZoneId zone) {
    if (PgTemporal.isInfinite(ts)) return null;
    return toChar(fields(ts, zone == null ? null : ZoneOffset.UTC, zone == null ? null : "UTC"), fmt);
  }

  /** to_char(timestamptz, format) in the session's zone: TZ is the zone's abbreviation, OF its offset. */
  public static String toChar(Instant i, String fmt, ZoneId zone) {
    if (PgTemporal.isInfinite(i)) return null;
    var z = i.atZone(zone);
    String name;
    if (zone instanceof ZoneOffset o) {
      name = TimeZones.offsetText(o.getTotalSeconds());
    } else {
      name = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(z);
      if (name.startsWith("GMT") && name.length() > 3) name = TimeZones.offsetText(z.getOffset().getTotalSeconds());
    }
    return toChar(fields(z.toLocalDateTime(), z.getOffset(), name), fmt);
  }

  /** to_char(interval, format): the interval's fields, hours not wrapped at 24. */
  public static String toChar(PgInterval v, String fmt) {
    long time = v.micros();
    long hour = time / PgInterval.USECS_PER_HOUR;
    time -= hour * PgInterval.USECS_PER_HOUR;
    long min = time / PgInterval.USECS_PER_MINUTE;
    time -= min * PgInterval.USECS_PER_MINUTE;
    long sec = time / PgInterval.USECS_PER_SEC;
    long micros = time - sec * PgInterval.USECS_PER_SEC;
    return toChar(new Tf(v.months() / 12, v.months() % 12, v.days(), hour, min, sec, micros, null, null, null), fmt);
  }

  private static String toChar(Tf ts, String fmt) {
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
      out.append(datePart(ts, p, fm));
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

  private static String datePart(Tf ts, String p, boolean fm) {
    LocalDate d = ts.date();
    boolean interval = d == null;
    long hour12 = ts.hour() % 12 == 0 ? 12 : ts.hour() % 12;
    long micros = ts.micros();
    long year = interval ? ts.year() : (ts.year() <= 0 ? 1 - ts.year() : ts.year());
    String upper = p.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "HH24": return num(ts.hour(), 2, fm);
      case "HH12": case "HH": return num(hour12, 2, fm);
      case "MI": return num(ts.min(), 2, fm);
      case "SS": return num(ts.sec(), 2, fm);
      case "MS": return num(micros / 1000, 3, fm);
      case "US": return num(micros, 6, fm);
      case "FF1": case "FF2": case "FF3": case "FF4": case "FF5": case "FF6": {
        int n = upper.charAt(2) - '0';
        return num(micros / (long) Math.pow(10, 6 - n), n, fm);
      }
      case "AM": case "PM": {
        boolean pm = ts.hour() % 24 >= 12;
        String s = pm ? "PM" : "AM";
        return Character.isLowerCase(p.charAt(0)) ? s.toLowerCase(Locale.ROOT) : s;
      }
      case "A.M.": case "P.M.": {
        String s = ts.hour() % 24 >= 12 ? "P.M." : "A.M.";
        return Character.isLowerCase(p.charAt(0)) ? s.toLowerCase(Locale.ROOT) : s;
      }
      case "YYYY": return num(year, 4, fm);
      case "YYY": return num(year % 1000, 3, fm);
      case "YY": return num(year % 100, 2, fm);
      case "Y": return num(year % 10, 1, fm);
      case "MM": return num(ts.month(), 2, fm);
      case "Q": return interval && ts.month() == 0 ? "" : num((ts.month() - 1) / 3 + 1, 1, fm);
      case "MONTH": case "MON":
        if (ts.month() < 1) return "";
        return name(java.time.Month.of(ts.month()).getDisplayName(upper.equals("MON") ? TextStyle.SHORT : TextStyle.FULL,
            Locale.ENGLISH), p, fm, upper.equals("MON") ? 3 : 9);
      case "TZ": {
        if (ts.zoneName() == null) return "";
        return Character.isLowerCase(p.charAt(0)) ? ts.zoneName().toLowerCase(Locale.ROOT) : ts.zoneName();
      }
      case "OF": {
        if (ts.offset() == null) return "";
        // Hours and minutes only: to_char drops an offset's seconds.
        int off = ts.offset().getTotalSeconds();
        String t = TimeZones.offsetText(off - off % 60);
        return t;
      }
      case "DD": return String.format(Locale.ROOT, fm ? "%d" : "%02d", ts.mday());
      default:
        break;
    }
    if (interval) {
      // Days of the week and of the year, and ISO weeks, belong to dates, which an interval is not.
      return switch (upper) {
        case "DDD" -> num(0, 3, fm);
        case "DAY", "DY" -> "";
        default -> num(0, 1, fm);
      };
    }
    switch (upper) {
      case "IYYY": return num(d.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
      case "DAY": return name(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), p, fm, 9);
      case "DY": return name(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), p, fm, 3);
      case "DDD": return num(d.getDayOfYear(), 3, fm);
      case "D": return num(d.getDayOfWeek().getValue() % 7 + 1, 1, fm);
      case "ID": return num(d.getDayOfWeek().getValue(), 1, fm);
      case "IDDD": return num((d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7L + d.getDayOfWeek().getValue(), 3, fm);
      case "WW": return num((d.getDayOfYear() - 1) / 7 + 1, 2, fm);
      case "IW": return num(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
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
