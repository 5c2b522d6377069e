package org.opendsql.sql.expr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's string functions under the C collation in a UTF-8 database: positions and lengths
 * count characters (code points), and case mapping touches only the ASCII letters, as the C
 * locale's toupper/tolower do.
 */
public final class StringFunctions {
  private StringFunctions() {}

  /** Keywords PostgreSQL 15 quotes in quote_ident and format('%I'): every category but unreserved. */
  private static final Set<String> QUOTED_KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric "
      + "authorization between bigint binary bit boolean both case cast char character check coalesce collate "
      + "collation column concurrently constraint create cross current_catalog current_date current_role "
      + "current_schema current_time current_timestamp current_user dec decimal default deferrable desc distinct do "
      + "else end except exists extract false fetch float for foreign freeze from full grant greatest group grouping "
      + "having ilike in initially inner inout int integer intersect interval into is isnull join lateral leading "
      + "least left like limit localtime localtimestamp national natural nchar none normalize not notnull null "
      + "nullif numeric offset on only or order out outer overlaps overlay placing position precision primary real "
      + "references returning right row select session_user setof similar smallint some substring symmetric table "
      + "tablesample then time timestamp to trailing treat trim true union unique user using values varchar variadic "
      + "verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces "
      + "xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "));

  public static String lower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return sb.toString();
  }

  public static String upper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }
    return sb.toString();
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** First letter of each run of C-locale alphanumerics upper case, the rest lower case. */
  public static String initcap(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inWord) sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
      else sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
      inWord = isAsciiAlnum(c);
    }
    return sb.toString();
  }

  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Index of the {@code n}th code point (0-based), clamped to the string's ends. */
  private static int offset(String s, long n) {
    if (n <= 0) return 0;
    int len = length(s);
    if (n >= len) return s.length();
    return s.offsetByCodePoints(0, (int) n);
  }

  /** substring(s from start for count): SQL's positions are 1-based and may start before the string. */
  public static String substring(String s, long start, long count) {
    if (count < 0) throw Errors.negativeSubstringLength();
    long end = start + count;
    if (end < start) end = Long.MAX_VALUE;
    long from = Math.max(start, 1);
    if (end <= from) return "";
    return s.substring(offset(s, from - 1), offset(s, end - 1));
  }

  public static String substring(String s, long start) {
    return s.substring(offset(s, Math.max(start, 1) - 1));
  }

  /** substring(s from pattern): the first parenthesized group's match, or the whole match. */
  public static String substringRegex(String s, String pattern) {
    Matcher m = regex(pattern, 0).matcher(s);
    if (!m.find()) return null;
    return m.groupCount() > 0 ? m.group(1) : m.group();
  }

  public static int strpos(String s, String sub) {
    int i = s.indexOf(sub);
    return i < 0 ? 0 : s.codePointCount(0, i) + 1;
  }

  public static String ltrim(String s, String chars) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (chars.indexOf(cp) < 0) break;
      i += Character.charCount(cp);
    }
    return s.substring(i);
  }

  /** A char(n) value as text: its trailing spaces are padding, not data. */
  public static String rtrimSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') end--;
    return end == s.length() ? s : s.substring(0, end);
  }

  /** char_length/length of a char(n) value: the characters before the padding. */
  public static int bpcharLength(String s) {
    String t = rtrimSpaces(s);
    return t.codePointCount(0, t.length());
  }

  public static String rtrim(String s, String chars) {
    int j = s.length();
    while (j > 0) {
      int cp = s.codePointBefore(j);
      if (chars.indexOf(cp) < 0) break;
      j -= Character.charCount(cp);
    }
    return s.substring(0, j);
  }

  public static String btrim(String s, String chars) {
    return rtrim(ltrim(s, chars), chars);
  }

  public static String replace(String s, String from, String to) {
    return from.isEmpty() ? s : s.replace(from, to);
  }

  public static String left(String s, long n) {
    int len = length(s);
    long keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
    return s.substring(0, offset(s, keep));
  }

  public static String right(String s, long n) {
    int len = length(s);
    long keep = n >= 0 ? Math.min(n, len) : Math.max(len + n, 0);
    return s.substring(offset(s, len - keep));
  }

  public static String lpad(String s, long n, String fill) {
    return pad(s, n, fill, true);
  }

  public static String rpad(String s, long n, String fill) {
    return pad(s, n, fill, false);
  }

  private static String pad(String s, long n, String fill, boolean leftSide) {
    if (n <= 0) return "";
    int len = length(s);
    if (len >= n) return s.substring(0, offset(s, n));
    if (fill.isEmpty()) return s;
    checkStringSize(n * 4);
    int[] cps = fill.codePoints().toArray();
    StringBuilder p = new StringBuilder();
    for (long i = 0; i < n - len; i++) p.appendCodePoint(cps[(int) (i % cps.length)]);
    return leftSide ? p + s : s + p;
  }

  private static final long MAX_ALLOC = 0x3fffffffL;

  private static void checkStringSize(long bytes) {
    if (bytes >= MAX_ALLOC) throw Errors.requestedLengthTooLarge();
  }

  public static String repeat(String s, long n) {
    if (n <= 0 || s.isEmpty()) return "";
    checkStringSize(n * octetLength(s));
    return s.repeat((int) n);
  }

  public static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }

  public static String splitPart(String s, String delim, long field) {
    if (field == 0) throw Errors.fieldPositionZero();
    if (delim.isEmpty()) return field == 1 || field == -1 ? s : "";
    java.util.List<String> parts = new java.util.ArrayList<>();
    int from = 0;
    while (true) {
      int i = s.indexOf(delim, from);
      if (i < 0) {
        parts.add(s.substring(from));
        break;
      }
      parts.add(s.substring(from, i));
      from = i + delim.length();
    }
    long idx = field > 0 ? field - 1 : parts.size() + field;
    return idx < 0 || idx >= parts.size() ? "" : parts.get((int) idx);
  }

  public static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw Errors.internal("no MD5 digest: " + e);
    }
  }

  public static String md5(String s) {
    return md5(s.getBytes(StandardCharsets.UTF_8));
  }

  public static int octetLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  public static int ascii(String s) {
    return s.isEmpty() ? 0 : s.codePointAt(0);
  }

  public static String chr(long code) {
    if (code == 0) throw Errors.nullCharacterNotPermitted();
    if (code < 0) throw Errors.characterNumberNotPositive();
    if (code > Character.MAX_CODE_POINT) throw Errors.requestedCharacterTooLarge(code);
    if (code >= 0xD800 && code <= 0xDFFF) throw Errors.requestedCharacterNotValid(code);
    return new String(Character.toChars((int) code));
  }

  public static String translate(String s, String from, String to) {
    int[] f = from.codePoints().toArray();
    int[] t = to.codePoints().toArray();
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      int i = -1;
      for (int k = 0; k < f.length; k++) {
        if (f[k] == cp) {
          i = k;
          break;
        }
      }
      if (i < 0) sb.appendCodePoint(cp);
      else if (i < t.length) sb.appendCodePoint(t[i]);
    });
    return sb.toString();
  }

  public static String toHex(long v, boolean int32) {
    return int32 ? Integer.toHexString((int) v) : Long.toHexString(v);
  }

  public static String quoteIdent(String s) {
    boolean safe = !s.isEmpty() && ((s.charAt(0) >= 'a' && s.charAt(0) <= 'z') || s.charAt(0) == '_');
    for (int i = 0; safe && i < s.length(); i++) {
      char c = s.charAt(i);
      safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (safe && !QUOTED_KEYWORDS.contains(s)) return s;
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  public static String quoteLiteral(String s) {
    String q = "'" + s.replace("'", "''").replace("\\", "\\\\") + "'";
    return s.indexOf('\\') >= 0 ? "E" + q : q;
  }

  /** format(fmt, args...) with %s, %I, %L, %%, argument positions ({@code %2$s}); values already text or null. */
  public static String format(String fmt, Object[] args) {
    StringBuilder sb = new StringBuilder();
    int next = 0;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      if (++i >= fmt.length()) throw Errors.unterminatedFormatSpecifier();
      if (fmt.charAt(i) == '%') {
        sb.append('%');
        continue;
      }
      int j = i;
      while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) j++;
      int argIndex = next;
      if (j > i && j < fmt.length() && fmt.charAt(j) == '$') {
        argIndex = Integer.parseInt(fmt.substring(i, j)) - 1;
        i = j + 1;
      }
      if (i >= fmt.length()) throw Errors.unterminatedFormatSpecifier();
      char type = fmt.charAt(i);
      if (type != 's' && type != 'I' && type != 'L') throw Errors.unrecognizedFormatSpecifier(String.valueOf(type));
      if (argIndex >= args.length) throw Errors.tooFewFormatArguments();
      next = argIndex + 1;
      String v = (String) args[argIndex];
      switch (type) {
        case 's' -> sb.append(v == null ? "" : v);
        case 'I' -> {
          if (v == null) throw Errors.nullIdentifierInFormat();
          sb.append(quoteIdent(v));
        }
        default -> sb.append(v == null ? "NULL" : quoteLiteral(v));
      }
    }
    return sb.toString();
  }

  /** A POSIX regular expression (PostgreSQL's ARE, as far as Java's engine shares it); 2201B when invalid. */
  public static Pattern regex(String re, int flags) {
    try {
      return Pattern.compile(posixClasses(re), flags);
    } catch (PatternSyntaxException e) {
      throw Errors.invalidRegex(e.getDescription());
    }
  }

  private static String posixClasses(String re) {
    if (!re.contains("[:")) return re;
    return re.replace("[:alpha:]", "\\p{Alpha}").replace("[:digit:]", "\\p{Digit}").replace("[:alnum:]", "\\p{Alnum}")
        .replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}").replace("[:space:]", "\\s")
        .replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}").replace("[:word:]", "\\w");
  }

  /** Java regex flags from PostgreSQL's flag letters; returns whether 'g' was given in flags[0]. */
  public static int regexFlags(String flags, boolean[] global) {
    int f = 0;
    for (char c : flags.toCharArray()) {
      switch (c) {
        case 'g' -> global[0] = true;
        case 'i' -> f |= Pattern.CASE_INSENSITIVE;
        case 'c' -> f &= ~Pattern.CASE_INSENSITIVE;
        case 'n', 'm' -> f |= Pattern.MULTILINE;
        case 's' -> f |= Pattern.DOTALL;
        case 'x' -> f |= Pattern.COMMENTS;
        default -> throw Errors.invalidRegexOption(String.valueOf(c));
      }
    }
    return f;
  }

  public static String regexpReplace(String s, String re, String replacement, String flags) {
    boolean[] global = new boolean[1];
    Matcher m = regex(re, regexFlags(flags, global)).matcher(s);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(s, last, m.start());
      appendReplacement(sb, m, replacement);
      last = m.end();
      if (!global[0]) break;
    }
    sb.append(s.substring(last));
    return sb.toString();
  }

  /** \1..\9 insert groups, \& the whole match, \\ a backslash. */
  private static void appendReplacement(StringBuilder sb, Matcher m, String r) {
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\' && i + 1 < r.length()) {
        char n = r.charAt(i + 1);
        if (n >= '1' && n <= '9') {
          int g = n - '0';
          if (g <= m.groupCount() && m.group(g) != null) sb.append(m.group(g));
          i++;
          continue;
        }
        if (n == '&') {
          sb.append(m.group());
          i++;
          continue;
        }
        if (n == '\\') {
          sb.append('\\');
          i++;
          continue;
        }
      }
      sb.append(c);
    }
  }

  /** LIKE/ILIKE pattern to a Java regex; {@code escape} is the escape character, or -1 for none. */
  public static Pattern likePattern(String p, int escape, boolean ci) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch == escape) {
        if (i + 1 >= p.length()) throw Errors.likePatternEndsWithEscape();
        sb.append(Pattern.quote(String.valueOf(p.charAt(++i))));
      } else if (ch == '%') {
        sb.append(".*");
      } else if (ch == '_') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(sb.toString(), Pattern.DOTALL | (ci ? Pattern.CASE_INSENSITIVE : 0));
  }

  /** SQL's SIMILAR TO pattern to a Java regex (the whole string must match). */
  public static Pattern similarPattern(String p, int escape) {
    StringBuilder sb = new StringBuilder();
    boolean inBracket = false;
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch == escape) {
        if (i + 1 >= p.length()) throw Errors.similarPatternEndsWithEscape();
        sb.append(Pattern.quote(String.valueOf(p.charAt(++i))));
      } else if (inBracket) {
        if (ch == ']') inBracket = false;
        sb.append(ch == '\\' ? "\\\\" : String.valueOf(ch));
      } else if (ch == '[') {
        inBracket = true;
        sb.append(ch);
      } else if (ch == '%') {
        sb.append(".*");
      } else if (ch == '_') {
        sb.append('.');
      } else if ("|*+?{}()".indexOf(ch) >= 0) {
        sb.append(ch);
      } else {
        sb.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return regex(sb.toString(), Pattern.DOTALL);
  }
}
