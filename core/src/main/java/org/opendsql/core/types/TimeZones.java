package org.opendsql.core.types;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's TimeZone setting: which texts name a zone, how SHOW spells them, and the zone they
 * mean. Three forms, as PostgreSQL reads them: a number is hours east of Greenwich ({@code 5},
 * {@code -8}, {@code 5.5}; shown as {@code <+05>-05}); a tz database name, matched without regard
 * to case and shown in its canonical spelling; otherwise a POSIX specification, whose offset is
 * hours <em>west</em> of Greenwich ({@code +05:30} and {@code UTC+3} are behind UTC). POSIX
 * specifications with daylight-saving rules are not supported.
 */
public final class TimeZones {
  private TimeZones() {}

  /** A valid setting: its text as SHOW prints it, and the zone timestamps are shown in. */
  public record Zone(String setting, ZoneId id) {}

  public static final Zone UTC = new Zone("UTC", ZoneOffset.UTC);

  private static final Map<String, String> NAMES = new HashMap<>();

  static {
    for (String id : ZoneId.getAvailableZoneIds()) {
      if (!id.startsWith("SystemV/")) NAMES.put(id.toLowerCase(Locale.ROOT), id);
    }
  }

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern POSIX =
      Pattern.compile("([A-Za-z]{3,}|<[A-Za-z0-9+-]+>)?([+-]?)(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?");

  /** The zone a TimeZone setting names; 22023 for a text PostgreSQL would refuse. */
  public static Zone parse(String value) {
    String v = value.trim();
    if (NUMBER.matcher(v).matches()) return hoursEast(value, Double.parseDouble(v));
    String canonical = NAMES.get(v.toLowerCase(Locale.ROOT));
    if (canonical != null) return new Zone(canonical, ZoneId.of(canonical));
    Matcher m = POSIX.matcher(v);
    if (m.matches() && (m.group(1) != null || !m.group(2).isEmpty())) {
      int seconds = Integer.parseInt(m.group(3)) * 3600
          + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)) * 60)
          + (m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
      if (seconds > 15 * 3600 || (m.group(4) != null && Integer.parseInt(m.group(4)) > 59)) {
        throw Errors.invalidParameterValue("TimeZone", value);
      }
      int west = m.group(2).equals("-") ? -seconds : seconds;
      return new Zone(v, ZoneOffset.ofTotalSeconds(-west));
    }
    if (v.contains(",")) throw Errors.unsupported("POSIX time zone specifications with daylight-saving rules");
    throw Errors.invalidParameterValue("TimeZone", value);
  }

  private static Zone hoursEast(String value, double hours) {
    long seconds = Math.round(hours * 3600);
    if (Math.abs(seconds) > 15 * 3600) throw Errors.invalidParameterValue("TimeZone", value);
    String east = offsetText((int) seconds);
    String west = offsetText((int) -seconds);
    return new Zone("<" + east + ">" + west, ZoneOffset.ofTotalSeconds((int) seconds));
  }

  /** The zone a tz database name means (any case), or null: for names inside timestamp input. */
  public static ZoneId named(String name) {
    String canonical = NAMES.get(name.toLowerCase(Locale.ROOT));
    return canonical == null ? null : ZoneId.of(canonical);
  }

  /**
   * The zone of {@code AT TIME ZONE text} and of date_trunc's zone argument: an abbreviation
   * (utc, pst, cest), a tz database name, or a POSIX offset (hours west); 22023 otherwise.
   */
  public static ZoneId atTimeZone(String text) {
    String v = text.trim();
    Integer abbrev = DateTimeParser.abbreviation(v.toLowerCase(Locale.ROOT));
    if (abbrev != null) return ZoneOffset.ofTotalSeconds(abbrev);
    ZoneId named = named(v);
    if (named != null) return named;
    Matcher m = POSIX.matcher(v);
    if (m.matches()) {
      int seconds = Integer.parseInt(m.group(3)) * 3600
          + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)) * 60)
          + (m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
      if (seconds <= 15 * 3600 && (m.group(4) == null || Integer.parseInt(m.group(4)) < 60)) {
        return ZoneOffset.ofTotalSeconds(m.group(2).equals("-") ? seconds : -seconds);
      }
    }
    throw Errors.timeZoneNotRecognized(text);
  }

  /** PostgreSQL's offset text: {@code +05}, {@code -03:30}, {@code +05:21:10}. */
  public static String offsetText(int totalSeconds) {
    int abs = Math.abs(totalSeconds);
    StringBuilder b = new StringBuilder(totalSeconds < 0 ? "-" : "+");
    b.append(String.format(Locale.ROOT, "%02d", abs / 3600));
    if (abs % 3600 != 0) {
      b.append(String.format(Locale.ROOT, ":%02d", abs % 3600 / 60));
      if (abs % 60 != 0) b.append(String.format(Locale.ROOT, ":%02d", abs % 60));
    }
    return b.toString();
  }
}
