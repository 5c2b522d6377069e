package org.opendsql.core.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's date/time input (datetime.c): the string is cut into fields (ParseDateTime), and
 * the fields are read as a date and time (DecodeDateTime), a time of day (DecodeTimeOnly) or an
 * interval (DecodeInterval, then the ISO 8601 forms). DateStyle is ISO, MDY, so {@code 1/2/2024}
 * is January 2. A failure carries PostgreSQL's class of error: bad format (22007), a field out
 * of range (22008), an interval field out of range (22015), a zone displacement out of range
 * (22009) or an unknown time zone (22023); {@link PgText} turns it into the client's error.
 */
final class DateTimeParser {
  private DateTimeParser() {}

  static final int BAD_FORMAT = -1;
  static final int FIELD_OVERFLOW = -2;
  static final int MD_FIELD_OVERFLOW = -3;
  static final int INTERVAL_OVERFLOW = -4;
  static final int TZDISP_OVERFLOW = -5;
  static final int BAD_TIMEZONE = -6;

  /** A decoding failure with PostgreSQL's DTERR code; {@code zone} names the zone for BAD_TIMEZONE. */
  static final class DtErr extends RuntimeException {
    final int code;
    final String zone;

    DtErr(int code) {
      this(code, null);
    }

    DtErr(int code, String zone) {
      super(null, null, false, false);
      this.code = code;
      this.zone = zone;
    }
  }

  // Field kinds of ParseDateTime.
  static final int DTK_NUMBER = 0;
  static final int DTK_STRING = 1;
  static final int DTK_DATE = 2;
  static final int DTK_TIME = 3;
  static final int DTK_TZ = 4;
  static final int DTK_SPECIAL = 6;

  // Token types (and DTK_M bit numbers).
  static final int RESERV = 0;
  static final int MONTH = 1;
  static final int YEAR = 2;
  static final int DAY = 3;
  static final int TZ = 5;
  static final int DTZ = 6;
  static final int IGNORE_DTF = 8;
  static final int AMPM = 9;
  static final int HOUR = 10;
  static final int MINUTE = 11;
  static final int SECOND = 12;
  static final int MILLISECOND = 13;
  static final int MICROSECOND = 14;
  static final int DOY = 15;
  static final int DOW = 16;
  static final int UNITS = 17;
  static final int ADBC = 18;
  static final int AGO = 19;
  static final int ISOTIME = 23;
  static final int WEEK = 24;
  static final int DECADE = 25;
  static final int CENTURY = 26;
  static final int MILLENNIUM = 27;
  static final int DTZMOD = 28;
  static final int UNKNOWN_FIELD = 31;

  static int m(int t) {
    return 1 << t;
  }

  static final int DATE_M = m(YEAR) | m(MONTH) | m(DAY);
  static final int ALL_SECS_M = m(SECOND) | m(MILLISECOND) | m(MICROSECOND);
  static final int TIME_M = m(HOUR) | m(MINUTE) | ALL_SECS_M;

  // Unit and reserved-word values (DTK_* of datetime.h).
  static final int DTK_EPOCH = 11;
  static final int DTK_LATE = 12;
  static final int DTK_EARLY = 13;
  static final int DTK_NOW = 15;
  static final int DTK_TODAY = 16;
  static final int DTK_TOMORROW = 17;
  static final int DTK_YESTERDAY = 18;
  static final int DTK_ZULU = 19;
  static final int DTK_DELTA = 20;
  static final int DTK_SECOND_U = 21;
  static final int DTK_MINUTE_U = 22;
  static final int DTK_HOUR_U = 23;
  static final int DTK_DAY_U = 24;
  static final int DTK_WEEK_U = 25;
  static final int DTK_MONTH_U = 26;
  static final int DTK_QUARTER_U = 27;
  static final int DTK_YEAR_U = 28;
  static final int DTK_DECADE_U = 29;
  static final int DTK_CENTURY_U = 30;
  static final int DTK_MILLENNIUM_U = 31;
  static final int DTK_MILLISEC_U = 32;
  static final int DTK_MICROSEC_U = 33;
  static final int DTK_JULIAN_U = 34;
  static final int DTK_DOW_U = 35;
  static final int DTK_DOY_U = 36;
  static final int DTK_TZ_HOUR_U = 37;
  static final int DTK_TZ_MINUTE_U = 38;
  static final int DTK_ISOYEAR_U = 39;
  static final int DTK_ISODOW_U = 40;
  static final int DTK_TZ_U = 4;
  static final int DTK_TIME_U = 3;

  static final int AM = 0;
  static final int PM = 1;
  static final int HR24 = 2;

  record Token(int type, int value) {}

  /** datetktbl: the words of date/time input. */
  private static final Map<String, Token> DATE_WORDS = new HashMap<>();
  /** deltatktbl: the units of interval input and of extract/date_trunc. */
  private static final Map<String, Token> UNIT_WORDS = new HashMap<>();
  /** Time zone abbreviations (a subset of PostgreSQL's Default set), seconds east of Greenwich. */
  private static final Map<String, Integer> ZONE_ABBREVIATIONS = new HashMap<>();

  private static void date(String w, int type, int value) {
    DATE_WORDS.put(w, new Token(type, value));
  }

  private static void unit(String w, int type, int value) {
    UNIT_WORDS.put(w, new Token(type, value));
  }

  static {
    date("-infinity", RESERV, DTK_EARLY);
    date("ad", ADBC, 0);
    date("allballs", RESERV, DTK_ZULU);
    date("am", AMPM, AM);
    date("at", IGNORE_DTF, 0);
    date("bc", ADBC, 1);
    date("d", UNITS, DTK_DAY_U);
    date("dow", UNITS, DTK_DOW_U);
    date("doy", UNITS, DTK_DOY_U);
    date("dst", DTZMOD, 3600);
    date("epoch", RESERV, DTK_EPOCH);
    date("h", UNITS, DTK_HOUR_U);
    date("infinity", RESERV, DTK_LATE);
    date("isodow", UNITS, DTK_ISODOW_U);
    date("isoyear", UNITS, DTK_ISOYEAR_U);
    date("j", UNITS, DTK_JULIAN_U);
    date("jd", UNITS, DTK_JULIAN_U);
    date("julian", UNITS, DTK_JULIAN_U);
    date("m", UNITS, DTK_MONTH_U);
    date("mm", UNITS, DTK_MINUTE_U);
    date("now", RESERV, DTK_NOW);
    date("on", IGNORE_DTF, 0);
    date("pm", AMPM, PM);
    date("s", UNITS, DTK_SECOND_U);
    date("t", ISOTIME, DTK_TIME_U);
    date("today", RESERV, DTK_TODAY);
    date("tomorrow", RESERV, DTK_TOMORROW);
    date("y", UNITS, DTK_YEAR_U);
    date("yesterday", RESERV, DTK_YESTERDAY);
    String[][] months = {{"jan", "january"}, {"feb", "february"}, {"mar", "march"}, {"apr", "april"}, {"may"},
        {"jun", "june"}, {"jul", "july"}, {"aug", "august"}, {"sep", "sept", "september"}, {"oct", "october"},
        {"nov", "november"}, {"dec", "december"}};
    for (int i = 0; i < months.length; i++) for (String w : months[i]) date(w, MONTH, i + 1);
    String[][] days = {{"sun", "sunday"}, {"mon", "monday"}, {"tue", "tues", "tuesday"},
        {"wed", "wednesday", "weds"}, {"thu", "thur", "thurs", "thursday"}, {"fri", "friday"}, {"sat", "saturday"}};
    for (int i = 0; i < days.length; i++) for (String w : days[i]) date(w, DOW, i);

    unit("@", IGNORE_DTF, 0);
    unit("ago", AGO, 0);
    for (String w : new String[] {"c", "cent", "centuries", "century"}) unit(w, UNITS, DTK_CENTURY_U);
    for (String w : new String[] {"d", "day", "days"}) unit(w, UNITS, DTK_DAY_U);
    for (String w : new String[] {"dec", "decade", "decades", "decs"}) unit(w, UNITS, DTK_DECADE_U);
    for (String w : new String[] {"h", "hour", "hours", "hr", "hrs"}) unit(w, UNITS, DTK_HOUR_U);
    for (String w : new String[] {"m", "min", "mins", "minute", "minutes"}) unit(w, UNITS, DTK_MINUTE_U);
    for (String w : new String[] {"microsecon", "us", "usec", "usecs", "useconds"}) unit(w, UNITS, DTK_MICROSEC_U);
    for (String w : new String[] {"mil", "millennia", "millennium", "mils"}) unit(w, UNITS, DTK_MILLENNIUM_U);
    for (String w : new String[] {"millisecon", "ms", "msec", "msecs", "mseconds"}) unit(w, UNITS, DTK_MILLISEC_U);
    for (String w : new String[] {"mon", "mons", "month", "months"}) unit(w, UNITS, DTK_MONTH_U);
    for (String w : new String[] {"qtr", "quarter"}) unit(w, UNITS, DTK_QUARTER_U);
    for (String w : new String[] {"s", "sec", "second", "seconds", "secs"}) unit(w, UNITS, DTK_SECOND_U);
    unit("timezone", UNITS, DTK_TZ_U);
    unit("timezone_h", UNITS, DTK_TZ_HOUR_U);
    unit("timezone_m", UNITS, DTK_TZ_MINUTE_U);
    for (String w : new String[] {"w", "week", "weeks"}) unit(w, UNITS, DTK_WEEK_U);
    for (String w : new String[] {"y", "year", "years", "yr", "yrs"}) unit(w, UNITS, DTK_YEAR_U);

    Object[][] zones = {{"utc", 0}, {"ut", 0}, {"gmt", 0}, {"z", 0}, {"zulu", 0}, {"uct", 0},
        {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
        {"akst", -9}, {"akdt", -8}, {"hst", -10}, {"wet", 0}, {"west", 1}, {"bst", 1}, {"cet", 1}, {"cest", 2},
        {"met", 1}, {"mest", 2}, {"eet", 2}, {"eest", 3}, {"msk", 3}, {"ist", 2}, {"jst", 9}, {"kst", 9},
        {"awst", 8}, {"aest", 10}, {"aedt", 11}, {"nzst", 12}, {"nzdt", 13}};
    for (Object[] z : zones) ZONE_ABBREVIATIONS.put((String) z[0], ((Integer) z[1]) * 3600);
    ZONE_ABBREVIATIONS.put("acst", 34200);
    ZONE_ABBREVIATIONS.put("acdt", 37800);
  }

  /** A zone abbreviation's offset in seconds east (utc, pst, cest, ...), or null. */
  static Integer abbreviation(String lowered) {
    return ZONE_ABBREVIATIONS.get(lowered);
  }

  /** Lookup as PostgreSQL's datebsearch does: tokens compare on their first 10 characters. */
  private static Token lookup(Map<String, Token> table, String lowered) {
    return table.get(lowered.length() > 10 ? lowered.substring(0, 10) : lowered);
  }

  /** A unit name of extract, date_part and date_trunc: DecodeUnits, then DecodeSpecial. */
  static Token unitOrSpecial(String lowered) {
    Token t = lookup(UNIT_WORDS, lowered);
    return t != null ? t : lookup(DATE_WORDS, lowered);
  }

  // ---------------------------------------------------------------- ParseDateTime

  record Field(int type, String text) {}

  /** Cuts the input into fields as PostgreSQL's ParseDateTime does; letters are lower-cased. */
  static List<Field> tokenize(String s) {
    List<Field> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      StringBuilder f = new StringBuilder();
      int type;
      if (isDigit(c)) {
        f.append(c);
        i++;
        while (i < n && isDigit(s.charAt(i))) f.append(s.charAt(i++));
        if (i < n && s.charAt(i) == ':') {
          type = DTK_TIME;
          f.append(s.charAt(i++));
          while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) f.append(s.charAt(i++));
        } else if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
          char delim = s.charAt(i);
          f.append(s.charAt(i++));
          if (i < n && isDigit(s.charAt(i))) {
            type = delim == '.' ? DTK_NUMBER : DTK_DATE;
            while (i < n && isDigit(s.charAt(i))) f.append(s.charAt(i++));
            if (i < n && s.charAt(i) == delim) {
              type = DTK_DATE;
              f.append(s.charAt(i++));
              while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == delim)) f.append(s.charAt(i++));
            }
          } else {
            type = DTK_DATE;
            while (i < n && (isAlnum(s.charAt(i)) || s.charAt(i) == delim)) f.append(lower(s.charAt(i++)));
          }
        } else {
          type = DTK_NUMBER;
        }
      } else if (c == '.') {
        f.append(c);
        i++;
        while (i < n && isDigit(s.charAt(i))) f.append(s.charAt(i++));
        type = DTK_NUMBER;
      } else if (isAlpha(c)) {
        type = DTK_STRING;
        f.append(lower(c));
        i++;
        while (i < n && isAlpha(s.charAt(i))) f.append(lower(s.charAt(i++)));
        boolean isDate = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
          isDate = true;
        } else if (i < n && (s.charAt(i) == '+' || isDigit(s.charAt(i)))) {
          isDate = lookup(DATE_WORDS, f.toString()) == null;
        }
        if (isDate) {
          type = DTK_DATE;
          do {
            f.append(lower(s.charAt(i++)));
          } while (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '_'
              || s.charAt(i) == '.' || s.charAt(i) == ':' || isAlnum(s.charAt(i))));
        }
      } else if (c == '+' || c == '-') {
        f.append(c);
        i++;
        while (i < n && isSpace(s.charAt(i))) i++;
        if (i < n && isDigit(s.charAt(i))) {
          type = DTK_TZ;
          f.append(s.charAt(i++));
          while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.' || s.charAt(i) == '-')) {
            f.append(s.charAt(i++));
          }
        } else if (i < n && isAlpha(s.charAt(i))) {
          type = DTK_SPECIAL;
          f.append(lower(s.charAt(i++)));
          while (i < n && isAlpha(s.charAt(i))) f.append(lower(s.charAt(i++)));
        } else {
          throw new DtErr(BAD_FORMAT);
        }
      } else if (isPunct(c)) {
        i++;
        continue;
      } else {
        throw new DtErr(BAD_FORMAT);
      }
      out.add(new Field(type, f.toString()));
      if (out.size() > 25) throw new DtErr(BAD_FORMAT);
    }
    return out;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isAlpha(c) || isDigit(c);
  }

  private static boolean isPunct(char c) {
    return c > 32 && c < 127 && !isAlnum(c);
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  // ---------------------------------------------------------------- DecodeDateTime

  /** The broken-down value being decoded (PostgreSQL's struct pg_tm plus fsec and the zone). */
  static final class Tm {
    int year;
    int mon;
    int mday;
    int hour;
    int min;
    int sec;
    long fsec;
    int yday;
    /** What the input denotes: DTK_DATE (a date and time), DTK_EPOCH, DTK_LATE, DTK_EARLY, DTK_TIME. */
    int dtype;
    /** The zone offset written in the input, seconds east of Greenwich, or null. */
    Integer offsetEast;
    /** A zone named in the input, applied once the date is known. */
    ZoneId namedZone;

    long timeMicros() {
      return ((hour * 60L + min) * 60 + sec) * PgInterval.USECS_PER_SEC + fsec;
    }
  }

  /** The decoding state of one input: the fields found so far and the flags that qualify them. */
  private static final class State {
    final Tm tm = new Tm();
    int fmask;
    int tmask;
    boolean is2digits;
    boolean bc;
    int mer = HR24;
  }

  /** DecodeDateTime: a date with an optional time and zone (date and timestamp accept and ignore a zone). */
  static Tm decodeDateTime(List<Field> fields, LocalDateTime now) {
    State st = new State();
    Tm tm = st.tm;
    tm.dtype = DTK_DATE;
    int ptype = 0;
    boolean haveTextMonth = false;
    int nf = fields.size();
    for (int i = 0; i < nf; i++) {
      Field fld = fields.get(i);
      String f = fld.text();
      st.tmask = 0;
      switch (fld.type()) {
        case DTK_DATE -> {
          if (ptype != 0 || (st.fmask & (m(MONTH) | m(DAY))) == (m(MONTH) | m(DAY))) {
            if (isDigit(f.charAt(0)) || ptype != 0) {
              runTogetherTimeWithZone(st, f);
              ptype = 0;
            } else {
              tm.namedZone = zoneNamed(f);
              st.tmask = m(TZ);
            }
          } else {
            decodeDate(st, f);
          }
        }
        case DTK_TIME -> {
          if (ptype != 0) {
            if (ptype != DTK_TIME_U) throw new DtErr(BAD_FORMAT);
            ptype = 0;
          }
          decodeTime(st, f);
          if (timeOverflows(tm.hour, tm.min, tm.sec, tm.fsec)) throw new DtErr(FIELD_OVERFLOW);
        }
        case DTK_TZ -> {
          tm.offsetEast = decodeTimezone(f);
          st.tmask = m(TZ);
        }
        case DTK_NUMBER -> {
          if (ptype != 0) {
            // Only a time after ISO's "T" (20240101T103000); labelled fields (y2001m02d04, J2451187) are refused.
            if (ptype != DTK_TIME_U) throw new DtErr(BAD_FORMAT);
            decodeNumberField(st, f, st.fmask | DATE_M);
            if (st.tmask != TIME_M) throw new DtErr(BAD_FORMAT);
            ptype = 0;
            break;
          }
          int flen = f.length();
          int dot = f.indexOf('.');
          if (dot >= 0 && (st.fmask & DATE_M) == 0) {
            decodeDate(st, f);
          } else if (dot >= 0 && dot > 2) {
            decodeNumberField(st, f, st.fmask);
          } else if (flen >= 6 && ((st.fmask & DATE_M) == 0 || (st.fmask & TIME_M) == 0)) {
            decodeNumberField(st, f, st.fmask);
          } else {
            decodeNumber(st, f, haveTextMonth, st.fmask);
          }
        }
        case DTK_STRING, DTK_SPECIAL -> {
          Integer abbrev = ZONE_ABBREVIATIONS.get(f);
          if (abbrev != null) {
            tm.offsetEast = abbrev;
            st.tmask = m(TZ);
            break;
          }
          Token t = lookup(DATE_WORDS, f);
          int type = t == null ? UNKNOWN_FIELD : t.type();
          if (type == IGNORE_DTF) continue;
          st.tmask = m(type);
          switch (type) {
            case RESERV -> {
              switch (t.value()) {
                case DTK_NOW -> {
                  st.tmask = DATE_M | TIME_M | m(TZ);
                  setFrom(tm, now);
                }
                case DTK_YESTERDAY, DTK_TODAY, DTK_TOMORROW -> {
                  st.tmask = DATE_M;
                  LocalDate d = now.toLocalDate().plusDays(
                      t.value() == DTK_YESTERDAY ? -1 : t.value() == DTK_TOMORROW ? 1 : 0);
                  tm.year = d.getYear();
                  tm.mon = d.getMonthValue();
                  tm.mday = d.getDayOfMonth();
                }
                case DTK_ZULU -> {
                  st.tmask = TIME_M | m(TZ);
                  tm.hour = 0;
                  tm.min = 0;
                  tm.sec = 0;
                  tm.fsec = 0;
                  tm.offsetEast = 0;
                }
                default -> {
                  st.tmask = DATE_M | TIME_M | m(TZ);
                  tm.dtype = t.value();
                }
              }
            }
            case MONTH -> {
              if ((st.fmask & m(MONTH)) != 0 && !haveTextMonth && (st.fmask & m(DAY)) == 0
                  && tm.mon >= 1 && tm.mon <= 31) {
                tm.mday = tm.mon;
                st.tmask = m(DAY);
              }
              haveTextMonth = true;
              tm.mon = t.value();
            }
            case AMPM -> st.mer = t.value();
            case ADBC -> st.bc = t.value() == 1;
            case DOW -> { }
            case UNITS -> {
              st.tmask = 0;
              ptype = t.value();
            }
            case ISOTIME -> {
              st.tmask = 0;
              if ((st.fmask & DATE_M) != DATE_M) throw new DtErr(BAD_FORMAT);
              if (i >= nf - 1) throw new DtErr(BAD_FORMAT);
              int next = fields.get(i + 1).type();
              if (next != DTK_NUMBER && next != DTK_TIME && next != DTK_DATE) throw new DtErr(BAD_FORMAT);
              ptype = t.value();
            }
            case UNKNOWN_FIELD -> {
              ZoneId z = TimeZones.named(f);
              if (z == null) throw new DtErr(BAD_FORMAT);
              tm.namedZone = z;
              st.tmask = m(TZ);
            }
            default -> throw new DtErr(BAD_FORMAT);
          }
        }
        default -> throw new DtErr(BAD_FORMAT);
      }
      if ((st.tmask & st.fmask) != 0) throw new DtErr(BAD_FORMAT);
      st.fmask |= st.tmask;
    }
    if (tm.dtype != DTK_DATE) return tm;
    validateDate(st);
    applyMeridian(st);
    if ((st.fmask & DATE_M) != DATE_M) throw new DtErr(BAD_FORMAT);
    return tm;
  }

  private static void setFrom(Tm tm, LocalDateTime now) {
    tm.year = now.getYear();
    tm.mon = now.getMonthValue();
    tm.mday = now.getDayOfMonth();
    tm.hour = now.getHour();
    tm.min = now.getMinute();
    tm.sec = now.getSecond();
    tm.fsec = now.getNano() / 1000;
  }

  private static ZoneId zoneNamed(String lowered) {
    ZoneId z = TimeZones.named(lowered);
    if (z == null) throw new DtErr(BAD_TIMEZONE, lowered);
    return z;
  }

  /** hhmmss-zz run together: the zone from the last '-', the rest a concatenated time. */
  private static void runTogetherTimeWithZone(State st, String f) {
    int dash = f.indexOf('-');
    if (dash < 0) throw new DtErr(BAD_FORMAT);
    st.tm.offsetEast = decodeTimezone(f.substring(dash));
    decodeNumberField(st, f.substring(0, dash), st.fmask);
    st.tmask |= m(TZ);
  }

  private static void applyMeridian(State st) {
    Tm tm = st.tm;
    if (st.mer != HR24 && tm.hour > 12) throw new DtErr(FIELD_OVERFLOW);
    if (st.mer == AM && tm.hour == 12) tm.hour = 0;
    else if (st.mer == PM && tm.hour != 12) tm.hour += 12;
  }

  /** DecodeTimeOnly: a time of day, maybe with a date (ignored) and a zone (for timetz). */
  static Tm decodeTimeOnly(List<Field> fields, LocalDateTime now) {
    State st = new State();
    Tm tm = st.tm;
    tm.dtype = DTK_TIME_U;
    int nf = fields.size();
    for (int i = 0; i < nf; i++) {
      Field fld = fields.get(i);
      String f = fld.text();
      st.tmask = 0;
      switch (fld.type()) {
        case DTK_DATE -> {
          if (i == 0 && nf >= 2 && (fields.get(nf - 1).type() == DTK_DATE || fields.get(1).type() == DTK_TIME)) {
            decodeDate(st, f);
          } else if (isDigit(f.charAt(0))) {
            runTogetherTimeWithZone(st, f);
          } else {
            tm.namedZone = zoneNamed(f);
            st.tmask = m(TZ);
          }
        }
        case DTK_TIME -> decodeTime(st, f);
        case DTK_TZ -> {
          tm.offsetEast = decodeTimezone(f);
          st.tmask = m(TZ);
        }
        case DTK_NUMBER -> {
          int flen = f.length();
          int dot = f.indexOf('.');
          if (dot >= 0) {
            if (i == 0 && nf >= 2 && fields.get(nf - 1).type() == DTK_DATE) {
              decodeDate(st, f);
            } else if (dot > 2) {
              decodeNumberField(st, f, st.fmask | DATE_M);
            } else {
              throw new DtErr(BAD_FORMAT);
            }
          } else if (flen > 4) {
            decodeNumberField(st, f, st.fmask | DATE_M);
          } else {
            decodeNumber(st, f, false, st.fmask | DATE_M);
          }
        }
        case DTK_STRING, DTK_SPECIAL -> {
          Integer abbrev = ZONE_ABBREVIATIONS.get(f);
          if (abbrev != null) {
            tm.offsetEast = abbrev;
            st.tmask = m(TZ);
            break;
          }
          Token t = lookup(DATE_WORDS, f);
          int type = t == null ? UNKNOWN_FIELD : t.type();
          if (type == IGNORE_DTF) continue;
          st.tmask = m(type);
          switch (type) {
            case RESERV -> {
              switch (t.value()) {
                case DTK_NOW -> {
                  st.tmask = TIME_M;
                  setFrom(tm, now);
                }
                case DTK_ZULU -> {
                  st.tmask = TIME_M | m(TZ);
                  tm.hour = 0;
                  tm.min = 0;
                  tm.sec = 0;
                  tm.fsec = 0;
                  tm.offsetEast = 0;
                }
                default -> throw new DtErr(BAD_FORMAT);
              }
            }
            case AMPM -> st.mer = t.value();
            case ADBC -> st.bc = t.value() == 1;
            case ISOTIME -> {
              st.tmask = 0;
              if (i >= nf - 1) throw new DtErr(BAD_FORMAT);
              int next = fields.get(i + 1).type();
              if (next != DTK_NUMBER && next != DTK_TIME && next != DTK_DATE) throw new DtErr(BAD_FORMAT);
            }
            case MONTH, DOW -> {
              // Dates with a month name before a time: read as PostgreSQL does, then ignored.
              if (type == MONTH) tm.mon = t.value();
            }
            case UNKNOWN_FIELD -> {
              ZoneId z = TimeZones.named(f);
              if (z == null) throw new DtErr(BAD_FORMAT);
              tm.namedZone = z;
              st.tmask = m(TZ);
            }
            default -> throw new DtErr(BAD_FORMAT);
          }
        }
        default -> throw new DtErr(BAD_FORMAT);
      }
      if ((st.tmask & st.fmask) != 0) throw new DtErr(BAD_FORMAT);
      st.fmask |= st.tmask;
    }
    validateDate(st);
    applyMeridian(st);
    if (timeOverflows(tm.hour, tm.min, tm.sec, tm.fsec)) throw new DtErr(FIELD_OVERFLOW);
    if ((st.fmask & TIME_M) != TIME_M) throw new DtErr(BAD_FORMAT);
    if (tm.namedZone != null) {
      if (!tm.namedZone.getRules().isFixedOffset() && (st.fmask & DATE_M) != DATE_M) throw new DtErr(BAD_FORMAT);
    }
    if ((st.fmask & DATE_M) != 0 && (st.fmask & DATE_M) != DATE_M && tm.offsetEast == null && tm.namedZone == null) {
      // Only a date makes a zone's offset definite; a partial one is refused (as when resolving the session's zone).
      throw new DtErr(BAD_FORMAT);
    }
    if ((st.fmask & DATE_M) == 0) {
      LocalDate d = now.toLocalDate();
      tm.year = d.getYear();
      tm.mon = d.getMonthValue();
      tm.mday = d.getDayOfMonth();
    }
    return tm;
  }

  /** PostgreSQL's time_overflows: 24:00:00 and a leap second 60 pass, anything past a day does not. */
  static boolean timeOverflows(long hour, long min, long sec, long fsec) {
    if (hour < 0 || hour > 24 || min < 0 || min >= 60 || sec < 0 || sec > 60 || fsec < 0
        || fsec > PgInterval.USECS_PER_SEC) {
      return true;
    }
    return ((hour * 60 + min) * 60 + sec) * PgInterval.USECS_PER_SEC + fsec > PgInterval.USECS_PER_DAY;
  }

  private static void decodeDate(State st, String str) {
    Tm tm = st.tm;
    int fmask = st.fmask;
    int tmask = 0;
    boolean haveTextMonth = false;
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < str.length()) {
      while (i < str.length() && !isAlnum(str.charAt(i))) i++;
      if (i >= str.length()) throw new DtErr(BAD_FORMAT);
      int start = i;
      if (isDigit(str.charAt(i))) {
        while (i < str.length() && isDigit(str.charAt(i))) i++;
      } else {
        while (i < str.length() && isAlpha(str.charAt(i))) i++;
      }
      parts.add(str.substring(start, i));
      if (i < str.length()) i++;
    }
    String[] fields = parts.toArray(new String[0]);
    for (int k = 0; k < fields.length; k++) {
      if (!isAlpha(fields[k].charAt(0))) continue;
      Token t = lookup(DATE_WORDS, fields[k]);
      int type = t == null ? UNKNOWN_FIELD : t.type();
      if (type == IGNORE_DTF) continue;
      if (type != MONTH) throw new DtErr(BAD_FORMAT);
      tm.mon = t.value();
      haveTextMonth = true;
      int dmask = m(MONTH);
      if ((fmask & dmask) != 0) throw new DtErr(BAD_FORMAT);
      fmask |= dmask;
      tmask |= dmask;
      fields[k] = null;
    }
    for (String f : fields) {
      if (f == null) continue;
      if (f.isEmpty()) throw new DtErr(BAD_FORMAT);
      int saved = st.tmask;
      int savedFmask = st.fmask;
      st.fmask = fmask;
      decodeNumber(st, f, haveTextMonth, fmask);
      int dmask = st.tmask;
      st.tmask = saved;
      st.fmask = savedFmask;
      if ((fmask & dmask) != 0) throw new DtErr(BAD_FORMAT);
      fmask |= dmask;
      tmask |= dmask;
    }
    if ((fmask & ~(m(DOY) | m(TZ))) != DATE_M) throw new DtErr(BAD_FORMAT);
    st.tmask = tmask;
  }

  /** DecodeNumber: one numeric field, placed by what the date has so far (MDY order). */
  private static void decodeNumber(State st, String str, boolean haveTextMonth, int fmask) {
    Tm tm = st.tm;
    st.tmask = 0;
    int end = 0;
    while (end < str.length() && isDigit(str.charAt(end))) end++;
    if (end == 0) throw new DtErr(BAD_FORMAT);
    int val = parseIntField(str.substring(0, end));
    int flen = str.length();
    if (end < str.length()) {
      if (str.charAt(end) != '.') throw new DtErr(BAD_FORMAT);
      if (end > 2) {
        decodeNumberField(st, str, fmask | DATE_M);
        return;
      }
      tm.fsec = parseFraction(str.substring(end));
    }
    if (flen == 3 && (fmask & DATE_M) == m(YEAR) && val >= 1 && val <= 366) {
      st.tmask = m(DOY) | m(MONTH) | m(DAY);
      tm.yday = val;
      return;
    }
    switch (fmask & DATE_M) {
      case 0 -> {
        if (flen >= 3) {
          st.tmask = m(YEAR);
          tm.year = val;
        } else {
          st.tmask = m(MONTH);
          tm.mon = val;
        }
      }
      case 1 << YEAR -> {
        st.tmask = m(MONTH);
        tm.mon = val;
      }
      case 1 << MONTH -> {
        if (haveTextMonth && flen >= 3) {
          st.tmask = m(YEAR);
          tm.year = val;
        } else {
          st.tmask = m(DAY);
          tm.mday = val;
        }
      }
      case (1 << YEAR) | (1 << MONTH) -> {
        if (haveTextMonth && flen >= 3 && st.is2digits) {
          st.tmask = m(DAY);
          tm.mday = tm.year;
          tm.year = val;
          st.is2digits = false;
        } else {
          st.tmask = m(DAY);
          tm.mday = val;
        }
      }
      case 1 << DAY -> {
        st.tmask = m(MONTH);
        tm.mon = val;
      }
      case (1 << MONTH) | (1 << DAY) -> {
        st.tmask = m(YEAR);
        tm.year = val;
      }
      case (1 << YEAR) | (1 << MONTH) | (1 << DAY) -> {
        decodeNumberField(st, str, fmask);
        return;
      }
      default -> throw new DtErr(BAD_FORMAT);
    }
    if (st.tmask == m(YEAR)) st.is2digits = flen <= 2;
  }

  /** DecodeNumberField: a run-together date (yyyymmdd) or time (hhmmss, hhmm), maybe with a fraction. */
  private static void decodeNumberField(State st, String str, int fmask) {
    Tm tm = st.tm;
    int dot = str.indexOf('.');
    if (dot >= 0) {
      String frac = str.substring(dot);
      tm.fsec = frac.length() == 1 ? 0 : parseFractionLoose(frac);
      str = str.substring(0, dot);
    } else if ((fmask & DATE_M) != DATE_M) {
      int len = str.length();
      if (len >= 6) {
        st.tmask = DATE_M;
        tm.mday = parseIntField(str.substring(len - 2));
        tm.mon = parseIntField(str.substring(len - 4, len - 2));
        tm.year = parseIntField(str.substring(0, len - 4));
        if (len - 4 == 2) st.is2digits = true;
        return;
      }
    }
    int len = str.length();
    if ((fmask & TIME_M) != TIME_M) {
      if (len == 6) {
        st.tmask = TIME_M;
        tm.sec = parseIntField(str.substring(4));
        tm.min = parseIntField(str.substring(2, 4));
        tm.hour = parseIntField(str.substring(0, 2));
        return;
      }
      if (len == 4) {
        st.tmask = TIME_M;
        tm.sec = 0;
        tm.min = parseIntField(str.substring(2));
        tm.hour = parseIntField(str.substring(0, 2));
        return;
      }
    }
    throw new DtErr(BAD_FORMAT);
  }

  private static int parseIntField(String digits) {
    if (digits.isEmpty()) return 0;
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new DtErr(FIELD_OVERFLOW);
    }
  }

  /** ParseFractionalSecond: ".5" as microseconds, trailing junk refused. */
  private static long parseFraction(String s) {
    if (!s.matches("\\.\\d*")) throw new DtErr(BAD_FORMAT);
    if (s.length() == 1) return 0;
    return (long) Math.rint(Double.parseDouble("0" + s) * 1_000_000);
  }

  private static long parseFractionLoose(String s) {
    int end = 1;
    while (end < s.length() && isDigit(s.charAt(end))) end++;
    if (end == 1) return 0;
    return (long) Math.rint(Double.parseDouble("0" + s.substring(0, end)) * 1_000_000);
  }

  /** DecodeTime for a date/time: hh:mm[:ss[.fff]], or mm:ss.fff. */
  private static void decodeTime(State st, String str) {
    long[] t = decodeTimeCommon(str, false);
    Tm tm = st.tm;
    if (t[0] > Integer.MAX_VALUE) throw new DtErr(FIELD_OVERFLOW);
    tm.hour = (int) t[0];
    tm.min = (int) t[1];
    tm.sec = (int) t[2];
    tm.fsec = t[3];
    st.tmask = TIME_M;
  }

  /**
   * DecodeTimeCommon: {hour, minute, second, microseconds} of hh:mm[:ss[.fff]] or mm:ss.fff;
   * {@code minuteToSecond} reads hh:mm as mm:ss (an interval's MINUTE TO SECOND).
   */
  private static long[] decodeTimeCommon(String str, boolean minuteToSecond) {
    int[] pos = {0};
    long hour = parseLongAt(str, pos);
    if (pos[0] >= str.length() || str.charAt(pos[0]) != ':') throw new DtErr(BAD_FORMAT);
    pos[0]++;
    long min = parseLongAt(str, pos);
    long sec = 0;
    long fsec = 0;
    if (pos[0] == str.length()) {
      if (minuteToSecond) {
        sec = min;
        min = hour;
        hour = 0;
      }
    } else if (str.charAt(pos[0]) == '.') {
      fsec = parseFraction(str.substring(pos[0]));
      sec = min;
      min = hour;
      hour = 0;
    } else if (str.charAt(pos[0]) == ':') {
      pos[0]++;
      sec = parseLongAt(str, pos);
      if (pos[0] < str.length()) {
        if (str.charAt(pos[0]) != '.') throw new DtErr(BAD_FORMAT);
        fsec = parseFraction(str.substring(pos[0]));
      }
    } else {
      throw new DtErr(BAD_FORMAT);
    }
    if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > PgInterval.USECS_PER_SEC) {
      throw new DtErr(FIELD_OVERFLOW);
    }
    return new long[] {hour, min, sec, fsec};
  }

  /** strtol at pos: digits (none reads as 0, as strtol does), range-checked as an int field. */
  private static long parseLongAt(String s, int[] pos) {
    int start = pos[0];
    while (pos[0] < s.length() && isDigit(s.charAt(pos[0]))) pos[0]++;
    if (pos[0] == start) return 0;
    try {
      long v = Long.parseLong(s.substring(start, pos[0]));
      if (v > Integer.MAX_VALUE) throw new DtErr(FIELD_OVERFLOW);
      return v;
    } catch (NumberFormatException e) {
      throw new DtErr(FIELD_OVERFLOW);
    }
  }

  /** DecodeTimezone: +hh[:mm[:ss]] or +hhmm; returns seconds east of Greenwich. */
  static int decodeTimezone(String str) {
    char sign = str.charAt(0);
    if (sign != '+' && sign != '-') throw new DtErr(BAD_FORMAT);
    int[] pos = {1};
    long hr = parseTzNumber(str, pos);
    long min;
    long sec = 0;
    if (pos[0] < str.length() && str.charAt(pos[0]) == ':') {
      pos[0]++;
      min = parseTzNumber(str, pos);
      if (pos[0] < str.length() && str.charAt(pos[0]) == ':') {
        pos[0]++;
        sec = parseTzNumber(str, pos);
      }
    } else if (pos[0] == str.length() && str.length() > 3) {
      min = hr % 100;
      hr = hr / 100;
    } else {
      min = 0;
    }
    if (hr < 0 || hr > 15) throw new DtErr(TZDISP_OVERFLOW);
    if (min < 0 || min >= 60) throw new DtErr(TZDISP_OVERFLOW);
    if (sec < 0 || sec >= 60) throw new DtErr(TZDISP_OVERFLOW);
    int tz = (int) ((hr * 60 + min) * 60 + sec);
    if (pos[0] != str.length()) throw new DtErr(BAD_FORMAT);
    return sign == '-' ? -tz : tz;
  }

  private static long parseTzNumber(String s, int[] pos) {
    int start = pos[0];
    while (pos[0] < s.length() && isDigit(s.charAt(pos[0]))) pos[0]++;
    if (pos[0] == start) return 0;
    try {
      long v = Long.parseLong(s.substring(start, pos[0]));
      if (v > Integer.MAX_VALUE) throw new DtErr(TZDISP_OVERFLOW);
      return v;
    } catch (NumberFormatException e) {
      throw new DtErr(TZDISP_OVERFLOW);
    }
  }

  /** ValidateDate: AD/BC and two-digit years, day of year, month and day ranges. */
  private static void validateDate(State st) {
    Tm tm = st.tm;
    int fmask = st.fmask;
    if ((fmask & m(YEAR)) != 0) {
      if (st.bc) {
        if (tm.year <= 0) throw new DtErr(FIELD_OVERFLOW);
        tm.year = -(tm.year - 1);
      } else if (st.is2digits) {
        if (tm.year < 0) throw new DtErr(FIELD_OVERFLOW);
        if (tm.year < 70) tm.year += 2000;
        else if (tm.year < 100) tm.year += 1900;
      } else if (tm.year <= 0) {
        throw new DtErr(FIELD_OVERFLOW);
      }
    }
    if ((fmask & m(DOY)) != 0) {
      LocalDate d = LocalDate.of(tm.year, 1, 1).plusDays(tm.yday - 1);
      tm.year = d.getYear();
      tm.mon = d.getMonthValue();
      tm.mday = d.getDayOfMonth();
    }
    if ((fmask & m(MONTH)) != 0 && (tm.mon < 1 || tm.mon > 12)) throw new DtErr(MD_FIELD_OVERFLOW);
    if ((fmask & m(DAY)) != 0 && (tm.mday < 1 || tm.mday > 31)) throw new DtErr(MD_FIELD_OVERFLOW);
    if ((fmask & DATE_M) == DATE_M && tm.mday > daysInMonth(tm.year, tm.mon)) throw new DtErr(FIELD_OVERFLOW);
  }

  static boolean isLeap(long y) {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  }

  static int daysInMonth(long year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** IS_VALID_JULIAN: within the Julian day routines' range, 4714-11-01 BC to 5874898-05-31. */
  static boolean validJulian(int y, int m) {
    return (y > -4713 || (y == -4713 && m >= 11)) && (y < 5874898 || (y == 5874898 && m < 6));
  }

  // ---------------------------------------------------------------- DecodeInterval

  /** The interval fields being accumulated (PostgreSQL's struct pg_itm_in). */
  private static final class Itm {
    long usec;
    int mday;
    int mon;
    int year;
  }

  /** Interval typmod ranges (INTERVAL_MASK bits). */
  static final int RANGE_FULL = 0x7FFF;

  /** interval_in without its typmod adjustment: the postgres and SQL forms, then ISO 8601. */
  static PgInterval decodeIntervalText(String s, int range) {
    Itm itm;
    int err = 0;
    try {
      itm = decodeInterval(tokenize(s), range);
    } catch (DtErr e) {
      err = e.code;
      itm = null;
    }
    if (err == BAD_FORMAT) {
      try {
        itm = decodeIso8601Interval(s);
        err = 0;
      } catch (DtErr e) {
        err = e.code;
      }
    }
    if (err != 0) throw new DtErr(err == FIELD_OVERFLOW ? INTERVAL_OVERFLOW : err);
    long totalMonths = (long) itm.year * 12 + itm.mon;
    if (totalMonths > Integer.MAX_VALUE || totalMonths < Integer.MIN_VALUE) throw new DtErr(-100);
    return new PgInterval((int) totalMonths, itm.mday, itm.usec);
  }

  private static Itm decodeInterval(List<Field> fields, int range) {
    Itm itm = new Itm();
    boolean isBefore = false;
    int fmask = 0;
    int type = IGNORE_DTF;
    int nf = fields.size();
    for (int i = nf - 1; i >= 0; i--) {
      Field fld = fields.get(i);
      String f = fld.text();
      int tmask = 0;
      boolean numeric = false;
      switch (fld.type()) {
        case DTK_TIME -> {
          decodeTimeForInterval(f, range, itm);
          tmask = TIME_M;
          type = DTK_DAY_U;
        }
        case DTK_TZ -> {
          boolean timeLike = false;
          if (f.indexOf(':', 1) >= 0) {
            Itm probe = new Itm();
            try {
              decodeTimeForInterval(f.substring(1), range, probe);
              timeLike = true;
            } catch (DtErr e) {
              timeLike = false;
            }
            if (timeLike) {
              itm.usec = f.charAt(0) == '-' ? negateExact(probe.usec) : probe.usec;
              tmask = TIME_M;
              type = DTK_DAY_U;
            }
          }
          numeric = !timeLike;
        }
        case DTK_DATE, DTK_NUMBER -> numeric = true;
        case DTK_STRING, DTK_SPECIAL -> {
          Token t = lookup(UNIT_WORDS, f);
          int ttype = t == null ? UNKNOWN_FIELD : t.type();
          if (ttype == IGNORE_DTF) continue;
          switch (ttype) {
            case UNITS -> type = t.value();
            case AGO -> {
              isBefore = true;
              type = t.value();
            }
            default -> throw new DtErr(BAD_FORMAT);
          }
        }
        default -> throw new DtErr(BAD_FORMAT);
      }
      if (numeric) {
        if (type == IGNORE_DTF) type = defaultUnit(range);
        int[] pos = {0};
        long val = parseSignedLong(f, pos);
        double fval;
        if (pos[0] < f.length() && f.charAt(pos[0]) == '-') {
          pos[0]++;
          int start = pos[0];
          while (pos[0] < f.length() && isDigit(f.charAt(pos[0]))) pos[0]++;
          long val2 = start == pos[0] ? 0 : parseLongOrOverflow(f.substring(start, pos[0]));
          if (val2 < 0 || val2 >= 12) throw new DtErr(FIELD_OVERFLOW);
          if (pos[0] != f.length()) throw new DtErr(BAD_FORMAT);
          type = DTK_MONTH_U;
          if (f.charAt(0) == '-') val2 = -val2;
          val = addExact(multiplyExact(val, 12), val2);
          fval = 0;
        } else if (pos[0] < f.length() && f.charAt(pos[0]) == '.') {
          fval = parseFractionDouble(f.substring(pos[0]));
          if (f.charAt(0) == '-') fval = -fval;
        } else if (pos[0] == f.length()) {
          fval = 0;
        } else {
          throw new DtErr(BAD_FORMAT);
        }
        switch (type) {
          case DTK_MICROSEC_U -> {
            adjustMicroseconds(val, fval, 1, itm);
            tmask = m(MICROSECOND);
          }
          case DTK_MILLISEC_U -> {
            adjustMicroseconds(val, fval, 1000, itm);
            tmask = m(MILLISECOND);
          }
          case DTK_SECOND_U -> {
            adjustMicroseconds(val, fval, PgInterval.USECS_PER_SEC, itm);
            tmask = fval == 0 ? m(SECOND) : ALL_SECS_M;
          }
          case DTK_MINUTE_U -> {
            adjustMicroseconds(val, fval, PgInterval.USECS_PER_MINUTE, itm);
            tmask = m(MINUTE);
          }
          case DTK_HOUR_U -> {
            adjustMicroseconds(val, fval, PgInterval.USECS_PER_HOUR, itm);
            tmask = m(HOUR);
            type = DTK_DAY_U;
          }
          case DTK_DAY_U -> {
            adjustDays(val, 1, itm);
            adjustFractMicroseconds(fval, PgInterval.USECS_PER_DAY, itm);
            tmask = m(DAY);
          }
          case DTK_WEEK_U -> {
            adjustDays(val, 7, itm);
            adjustFractDays(fval, 7, itm);
            tmask = m(WEEK);
          }
          case DTK_MONTH_U -> {
            adjustMonths(val, itm);
            adjustFractDays(fval, PgInterval.DAYS_PER_MONTH, itm);
            tmask = m(MONTH);
          }
          case DTK_YEAR_U -> {
            adjustYears(val, 1, itm);
            adjustFractYears(fval, 1, itm);
            tmask = m(YEAR);
          }
          case DTK_DECADE_U -> {
            adjustYears(val, 10, itm);
            adjustFractYears(fval, 10, itm);
            tmask = m(DECADE);
          }
          case DTK_CENTURY_U -> {
            adjustYears(val, 100, itm);
            adjustFractYears(fval, 100, itm);
            tmask = m(CENTURY);
          }
          case DTK_MILLENNIUM_U -> {
            adjustYears(val, 1000, itm);
            adjustFractYears(fval, 1000, itm);
            tmask = m(MILLENNIUM);
          }
          default -> throw new DtErr(BAD_FORMAT);
        }
      }
      if ((tmask & fmask) != 0) throw new DtErr(BAD_FORMAT);
      fmask |= tmask;
    }
    if (fmask == 0) throw new DtErr(BAD_FORMAT);
    if (isBefore) {
      if (itm.usec == Long.MIN_VALUE || itm.mday == Integer.MIN_VALUE || itm.mon == Integer.MIN_VALUE
          || itm.year == Integer.MIN_VALUE) {
        throw new DtErr(FIELD_OVERFLOW);
      }
      itm.usec = -itm.usec;
      itm.mday = -itm.mday;
      itm.mon = -itm.mon;
      itm.year = -itm.year;
    }
    return itm;
  }

  /** The unit of a bare number: the interval typmod's last field, seconds without one. */
  private static int defaultUnit(int range) {
    if (range == IntervalFields.YEAR) return DTK_YEAR_U;
    if (range == IntervalFields.MONTH || range == IntervalFields.YEAR_TO_MONTH) return DTK_MONTH_U;
    if (range == IntervalFields.DAY) return DTK_DAY_U;
    if (range == IntervalFields.HOUR || range == IntervalFields.DAY_TO_HOUR) return DTK_HOUR_U;
    if (range == IntervalFields.MINUTE || range == IntervalFields.HOUR_TO_MINUTE
        || range == IntervalFields.DAY_TO_MINUTE) {
      return DTK_MINUTE_U;
    }
    return DTK_SECOND_U;
  }

  private static void decodeTimeForInterval(String str, int range, Itm itm) {
    long[] t = decodeTimeCommon(str, range == IntervalFields.MINUTE_TO_SECOND);
    long usec = t[3];
    usec = addExact(usec, multiplyExact(t[0], PgInterval.USECS_PER_HOUR));
    usec = addExact(usec, multiplyExact(t[1], PgInterval.USECS_PER_MINUTE));
    usec = addExact(usec, multiplyExact(t[2], PgInterval.USECS_PER_SEC));
    itm.usec = usec;
  }

  /** strtoi64: an optional sign and digits (none reads as 0). */
  private static long parseSignedLong(String f, int[] pos) {
    int start = 0;
    if (start < f.length() && (f.charAt(start) == '+' || f.charAt(start) == '-')) start++;
    int end = start;
    while (end < f.length() && isDigit(f.charAt(end))) end++;
    pos[0] = end;
    if (end == start) {
      pos[0] = 0;
      return 0;
    }
    long v = parseLongOrOverflow(f.substring(start, end));
    return f.charAt(0) == '-' ? -v : v;
  }

  private static long parseLongOrOverflow(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new DtErr(FIELD_OVERFLOW);
    }
  }

  private static double parseFractionDouble(String s) {
    if (!s.matches("\\.\\d*")) throw new DtErr(BAD_FORMAT);
    return s.length() == 1 ? 0 : Double.parseDouble("0" + s);
  }

  private static long addExact(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new DtErr(FIELD_OVERFLOW);
    }
  }

  private static long multiplyExact(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new DtErr(FIELD_OVERFLOW);
    }
  }

  private static long negateExact(long a) {
    if (a == Long.MIN_VALUE) throw new DtErr(FIELD_OVERFLOW);
    return -a;
  }

  private static int toInt(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new DtErr(FIELD_OVERFLOW);
    return (int) v;
  }

  private static void adjustFractMicroseconds(double frac, long scale, Itm itm) {
    if (frac == 0) return;
    frac *= scale;
    long usec = (long) frac;
    frac -= usec;
    usec += (long) Math.rint(frac);
    itm.usec = addExact(itm.usec, usec);
  }

  private static void adjustFractDays(double frac, int scale, Itm itm) {
    if (frac == 0) return;
    frac *= scale;
    int extra = (int) frac;
    itm.mday = toInt((long) itm.mday + extra);
    frac -= extra;
    adjustFractMicroseconds(frac, PgInterval.USECS_PER_DAY, itm);
  }

  private static void adjustFractYears(double frac, int scale, Itm itm) {
    int extra = (int) Math.rint(frac * scale * 12);
    itm.mon = toInt((long) itm.mon + extra);
  }

  private static void adjustMicroseconds(long val, double fval, long scale, Itm itm) {
    itm.usec = addExact(itm.usec, multiplyExact(val, scale));
    adjustFractMicroseconds(fval, scale, itm);
  }

  private static void adjustDays(long val, int scale, Itm itm) {
    int v = toInt(val);
    itm.mday = toInt((long) itm.mday + toInt((long) v * scale));
  }

  private static void adjustMonths(long val, Itm itm) {
    itm.mon = toInt((long) itm.mon + toInt(val));
  }

  private static void adjustYears(long val, int scale, Itm itm) {
    int v = toInt(val);
    itm.year = toInt((long) itm.year + toInt((long) v * scale));
  }

  // ---------------------------------------------------------------- ISO 8601 intervals

  private static Itm decodeIso8601Interval(String str) {
    Itm itm = new Itm();
    if (str.length() < 2 || str.charAt(0) != 'P') throw new DtErr(BAD_FORMAT);
    int[] p = {1};
    boolean datepart = true;
    boolean havefield = false;
    while (p[0] < str.length()) {
      if (str.charAt(p[0]) == 'T') {
        datepart = false;
        havefield = false;
        p[0]++;
        continue;
      }
      int fieldstart = p[0];
      double[] num = parseIso8601Number(str, p);
      long val = (long) num[0];
      double fval = num[1];
      char unit = p[0] < str.length() ? str.charAt(p[0]) : '\0';
      p[0]++;
      if (datepart) {
        switch (unit) {
          case 'Y' -> {
            adjustYears(val, 1, itm);
            adjustFractYears(fval, 1, itm);
          }
          case 'M' -> {
            adjustMonths(val, itm);
            adjustFractDays(fval, PgInterval.DAYS_PER_MONTH, itm);
          }
          case 'W' -> {
            adjustDays(val, 7, itm);
            adjustFractDays(fval, 7, itm);
          }
          case 'D' -> {
            adjustDays(val, 1, itm);
            adjustFractMicroseconds(fval, PgInterval.USECS_PER_DAY, itm);
          }
          case 'T', '\0', '-' -> {
            if ((unit == 'T' || unit == '\0') && integerWidth(str, fieldstart) == 8 && !havefield) {
              adjustYears(val / 10000, 1, itm);
              adjustMonths((val / 100) % 100, itm);
              adjustDays(val % 100, 1, itm);
              adjustFractMicroseconds(fval, PgInterval.USECS_PER_DAY, itm);
              if (unit == '\0') return itm;
              datepart = false;
              havefield = false;
              continue;
            }
            if (havefield) throw new DtErr(BAD_FORMAT);
            adjustYears(val, 1, itm);
            adjustFractYears(fval, 1, itm);
            if (unit == '\0') return itm;
            if (unit == 'T') {
              datepart = false;
              havefield = false;
              continue;
            }
            num = parseIso8601Number(str, p);
            adjustMonths((long) num[0], itm);
            adjustFractDays(num[1], PgInterval.DAYS_PER_MONTH, itm);
            if (p[0] >= str.length()) return itm;
            if (str.charAt(p[0]) == 'T') {
              datepart = false;
              havefield = false;
              p[0]++;
              continue;
            }
            if (str.charAt(p[0]) != '-') throw new DtErr(BAD_FORMAT);
            p[0]++;
            num = parseIso8601Number(str, p);
            adjustDays((long) num[0], 1, itm);
            adjustFractMicroseconds(num[1], PgInterval.USECS_PER_DAY, itm);
            if (p[0] >= str.length()) return itm;
            if (str.charAt(p[0]) == 'T') {
              datepart = false;
              havefield = false;
              p[0]++;
              continue;
            }
            throw new DtErr(BAD_FORMAT);
          }
          default -> throw new DtErr(BAD_FORMAT);
        }
      } else {
        switch (unit) {
          case 'H' -> adjustMicroseconds(val, fval, PgInterval.USECS_PER_HOUR, itm);
          case 'M' -> adjustMicroseconds(val, fval, PgInterval.USECS_PER_MINUTE, itm);
          case 'S' -> adjustMicroseconds(val, fval, PgInterval.USECS_PER_SEC, itm);
          case '\0', ':' -> {
            if (unit == '\0' && integerWidth(str, fieldstart) == 6 && !havefield) {
              adjustMicroseconds(val / 10000, 0, PgInterval.USECS_PER_HOUR, itm);
              adjustMicroseconds((val / 100) % 100, 0, PgInterval.USECS_PER_MINUTE, itm);
              adjustMicroseconds(val % 100, 0, PgInterval.USECS_PER_SEC, itm);
              adjustFractMicroseconds(fval, 1, itm);
              return itm;
            }
            if (havefield) throw new DtErr(BAD_FORMAT);
            adjustMicroseconds(val, fval, PgInterval.USECS_PER_HOUR, itm);
            if (unit == '\0') return itm;
            num = parseIso8601Number(str, p);
            adjustMicroseconds((long) num[0], num[1], PgInterval.USECS_PER_MINUTE, itm);
            if (p[0] >= str.length()) return itm;
            if (str.charAt(p[0]) != ':') throw new DtErr(BAD_FORMAT);
            p[0]++;
            num = parseIso8601Number(str, p);
            adjustMicroseconds((long) num[0], num[1], PgInterval.USECS_PER_SEC, itm);
            if (p[0] >= str.length()) return itm;
            throw new DtErr(BAD_FORMAT);
          }
          default -> throw new DtErr(BAD_FORMAT);
        }
      }
      havefield = true;
    }
    return itm;
  }

  /** ParseISO8601Number: a strtod number split into its integer part (toward zero) and the rest. */
  private static double[] parseIso8601Number(String s, int[] p) {
    int start = p[0];
    if (start >= s.length()) throw new DtErr(BAD_FORMAT);
    char c = s.charAt(start);
    if (!(isDigit(c) || c == '-' || c == '.')) throw new DtErr(BAD_FORMAT);
    int i = start;
    if (s.charAt(i) == '-' || s.charAt(i) == '+') i++;
    int digitsStart = i;
    while (i < s.length() && isDigit(s.charAt(i))) i++;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && isDigit(s.charAt(i))) i++;
    }
    if (i == digitsStart || (i == digitsStart + 1 && s.charAt(digitsStart) == '.')) throw new DtErr(BAD_FORMAT);
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
      int expStart = j;
      while (j < s.length() && isDigit(s.charAt(j))) j++;
      if (j > expStart) i = j;
    }
    double val = Double.parseDouble(s.substring(start, i));
    p[0] = i;
    if (Double.isNaN(val) || val < -1.0e15 || val > 1.0e15) throw new DtErr(FIELD_OVERFLOW);
    double ipart = val >= 0 ? Math.floor(val) : -Math.floor(-val);
    return new double[] {ipart, val - ipart};
  }

  private static int integerWidth(String s, int start) {
    int i = start;
    if (i < s.length() && s.charAt(i) == '-') i++;
    int d = i;
    while (i < s.length() && isDigit(s.charAt(i))) i++;
    return i - d;
  }

  /** The session-zone or written offset of a decoded date and time, seconds east. */
  static ZoneOffset offsetAt(Tm tm, LocalDateTime local, ZoneId sessionZone) {
    if (tm.offsetEast != null) return ZoneOffset.ofTotalSeconds(tm.offsetEast);
    ZoneId z = tm.namedZone != null ? tm.namedZone : sessionZone;
    return PgTemporal.offsetOfLocal(local, z);
  }
}
