package org.opendsql.sql.expr;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.opendsql.core.error.Errors;

/**
 * encode/decode (hex, base64, escape) and convert/convert_from/convert_to between the database
 * encoding (UTF8) and the common single-byte encodings, with PostgreSQL's errors.
 */
public final class ByteFunctions {
  private ByteFunctions() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  public static String encode(byte[] data, String format) {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "hex": {
        StringBuilder sb = new StringBuilder(data.length * 2);
        for (byte b : data) sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        return sb.toString();
      }
      case "base64":
        return base64(data);
      case "escape": {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
          int v = b & 0xFF;
          if (v == '\\') sb.append("\\\\");
          else if (v == 0 || v >= 0x80) sb.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)))
              .append((char) ('0' + (v & 7)));
          else sb.append((char) v);
        }
        return sb.toString();
      }
      default:
        throw Errors.unrecognizedEncoding(format);
    }
  }

  /** {@code a || b} over bytes. */
  public static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** pg_base64_encode: a line break after every 76 output characters. */
  private static String base64(byte[] data) {
    StringBuilder sb = new StringBuilder();
    int line = 0;
    for (int i = 0; i < data.length; i += 3) {
      int n = Math.min(3, data.length - i);
      int v = (data[i] & 0xFF) << 16;
      if (n > 1) v |= (data[i + 1] & 0xFF) << 8;
      if (n > 2) v |= data[i + 2] & 0xFF;
      if (line >= 76) {
        sb.append('\n');
        line = 0;
      }
      sb.append(BASE64.charAt((v >> 18) & 63)).append(BASE64.charAt((v >> 12) & 63));
      sb.append(n > 1 ? BASE64.charAt((v >> 6) & 63) : '=').append(n > 2 ? BASE64.charAt(v & 63) : '=');
      line += 4;
    }
    return sb.toString();
  }

  public static byte[] decode(String text, String format) {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "hex":
        return decodeHex(text);
      case "base64":
        return decodeBase64(text);
      case "escape":
        return decodeEscape(text);
      default:
        throw Errors.unrecognizedEncoding(format);
    }
  }

  private static byte[] decodeHex(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() / 2);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int hi = hexValue(s, i);
      if (i + 1 >= s.length()) throw Errors.invalidHexOddDigits();
      int lo = hexValue(s, i + 1);
      out.write((hi << 4) | lo);
      i += 2;
    }
    return out.toByteArray();
  }

  private static int hexValue(String s, int i) {
    char c = s.charAt(i);
    int d = c < 128 ? Character.digit(c, 16) : -1;
    if (d < 0) throw Errors.invalidHexDigitInDecode(new String(Character.toChars(s.codePointAt(i))));
    return d;
  }

  /** pg_base64_decode: whitespace is skipped, '=' ends the data, anything else outside the alphabet is refused. */
  private static byte[] decodeBase64(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buf = 0;
    int pos = 0;
    int end = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      int b;
      if (c == '=') {
        if (end == 0) {
          if (pos == 2) end = 1;
          else if (pos == 3) end = 2;
          else throw Errors.invalidBase64Symbol("=");
        }
        b = 0;
      } else {
        b = c < 128 ? BASE64.indexOf(c) : -1;
        if (b < 0) throw Errors.invalidBase64Symbol(new String(Character.toChars(s.codePointAt(i))));
        if (end > 0) throw Errors.invalidBase64End();
      }
      buf = (buf << 6) + b;
      pos++;
      if (pos == 4) {
        out.write((buf >> 16) & 0xFF);
        if (end == 0 || end > 1) out.write((buf >> 8) & 0xFF);
        if (end == 0 || end > 2) out.write(buf & 0xFF);
        buf = 0;
        pos = 0;
      }
    }
    if (pos != 0) throw Errors.invalidBase64End();
    return out.toByteArray();
  }

  /** The escape format: {@code \\} is a backslash, {@code \ooo} an octal byte, anything else itself. */
  private static byte[] decodeEscape(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '\\') {
        out.write(in[i]);
      } else if (i + 1 < in.length && in[i + 1] == '\\') {
        out.write('\\');
        i++;
      } else if (i + 3 < in.length && octal(in[i + 1], '3') && octal(in[i + 2], '7') && octal(in[i + 3], '7')) {
        out.write(((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3) | (in[i + 3] - '0'));
        i += 3;
      } else {
        throw Errors.invalidByteaInput();
      }
    }
    return out.toByteArray();
  }

  private static boolean octal(byte b, char max) {
    return b >= '0' && b <= max;
  }

  // ---------------------------------------------------------------- character set conversion

  private record Encoding(String name, Charset charset) {}

  /** PostgreSQL's encoding names (pg_enc2name) and the Java charsets that read and write them. */
  private static final Map<String, String[]> ENCODINGS = Map.ofEntries(
      Map.entry("utf8", new String[] {"UTF8", "UTF-8"}),
      Map.entry("unicode", new String[] {"UTF8", "UTF-8"}),
      Map.entry("sqlascii", new String[] {"SQL_ASCII", null}),
      Map.entry("latin1", new String[] {"LATIN1", "ISO-8859-1"}),
      Map.entry("latin2", new String[] {"LATIN2", "ISO-8859-2"}),
      Map.entry("latin3", new String[] {"LATIN3", "ISO-8859-3"}),
      Map.entry("latin4", new String[] {"LATIN4", "ISO-8859-4"}),
      Map.entry("latin5", new String[] {"LATIN5", "ISO-8859-9"}),
      Map.entry("latin7", new String[] {"LATIN7", "ISO-8859-13"}),
      Map.entry("latin9", new String[] {"LATIN9", "ISO-8859-15"}),
      Map.entry("iso88591", new String[] {"LATIN1", "ISO-8859-1"}),
      Map.entry("iso88592", new String[] {"LATIN2", "ISO-8859-2"}),
      Map.entry("iso88595", new String[] {"ISO_8859_5", "ISO-8859-5"}),
      Map.entry("iso88596", new String[] {"ISO_8859_6", "ISO-8859-6"}),
      Map.entry("iso88597", new String[] {"ISO_8859_7", "ISO-8859-7"}),
      Map.entry("iso88598", new String[] {"ISO_8859_8", "ISO-8859-8"}),
      Map.entry("iso885915", new String[] {"LATIN9", "ISO-8859-15"}),
      Map.entry("win866", new String[] {"WIN866", "IBM866"}),
      Map.entry("win1250", new String[] {"WIN1250", "windows-1250"}),
      Map.entry("win1251", new String[] {"WIN1251", "windows-1251"}),
      Map.entry("win1252", new String[] {"WIN1252", "windows-1252"}),
      Map.entry("win1253", new String[] {"WIN1253", "windows-1253"}),
      Map.entry("win1254", new String[] {"WIN1254", "windows-1254"}),
      Map.entry("win1255", new String[] {"WIN1255", "windows-1255"}),
      Map.entry("win1256", new String[] {"WIN1256", "windows-1256"}),
      Map.entry("win1257", new String[] {"WIN1257", "windows-1257"}),
      Map.entry("win1258", new String[] {"WIN1258", "windows-1258"}),
      Map.entry("windows1250", new String[] {"WIN1250", "windows-1250"}),
      Map.entry("windows1251", new String[] {"WIN1251", "windows-1251"}),
      Map.entry("windows1252", new String[] {"WIN1252", "windows-1252"}),
      Map.entry("koi8r", new String[] {"KOI8R", "KOI8-R"}),
      Map.entry("koi8", new String[] {"KOI8R", "KOI8-R"}),
      Map.entry("koi8u", new String[] {"KOI8U", "KOI8-U"}),
      Map.entry("eucjp", new String[] {"EUC_JP", "EUC-JP"}),
      Map.entry("euckr", new String[] {"EUC_KR", "EUC-KR"}),
      Map.entry("sjis", new String[] {"SJIS", "Shift_JIS"}),
      Map.entry("gbk", new String[] {"GBK", "GBK"}),
      Map.entry("gb18030", new String[] {"GB18030", "GB18030"}),
      Map.entry("big5", new String[] {"BIG5", "Big5"}));

  /** pg_char_to_encoding: case and punctuation do not matter ("utf-8" is UTF8). */
  private static Encoding encoding(String name, String which) {
    String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String[] e = ENCODINGS.get(key);
    if (e == null) throw Errors.invalidEncodingName(which, name);
    Charset cs = null;
    if (e[1] != null) {
      try {
        cs = Charset.forName(e[1]);
      } catch (IllegalArgumentException unavailable) {
        throw Errors.unsupported("conversion to or from encoding " + e[0]);
      }
    }
    return new Encoding(e[0], cs);
  }

  /** convert_from(bytes, src): the bytes read in {@code src}, as database (UTF8) text. */
  public static String convertFrom(byte[] data, String source) {
    Encoding src = encoding(source, "source");
    return toText(data, src);
  }

  /** convert_to(text, dst): the text's bytes in {@code dst}. */
  public static byte[] convertTo(String text, String destination) {
    Encoding dst = encoding(destination, "destination");
    return fromText(text, dst);
  }

  /** convert(bytes, src, dst). */
  public static byte[] convert(byte[] data, String source, String destination) {
    Encoding src = encoding(source, "source");
    Encoding dst = encoding(destination, "destination");
    return fromText(toText(data, src), dst);
  }

  private static String toText(byte[] data, Encoding src) {
    Charset cs = src.charset() == null ? StandardCharsets.UTF_8 : src.charset();
    CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(data);
    CharBuffer out = CharBuffer.allocate(data.length * 2 + 1);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) throw Errors.invalidByteSequence("UTF8", hexBytes(data, in.position(), r.length()));
    for (byte b : data) {
      if (b == 0) throw Errors.invalidByteSequence("UTF8", "0x00");
    }
    out.flip();
    return out.toString();
  }

  private static byte[] fromText(String text, Encoding dst) {
    if (dst.charset() == null || dst.charset() == StandardCharsets.UTF_8) return text.getBytes(StandardCharsets.UTF_8);
    CharsetEncoder e = dst.charset().newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
        .onMalformedInput(CodingErrorAction.REPORT);
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      try {
        out.writeBytes(bytes(e.encode(CharBuffer.wrap(ch))));
      } catch (CharacterCodingException ex) {
        byte[] utf8 = ch.getBytes(StandardCharsets.UTF_8);
        throw Errors.untranslatableCharacter(hexBytes(utf8, 0, utf8.length), "UTF8", dst.name());
      }
      i += Character.charCount(cp);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] r = new byte[b.remaining()];
    b.get(r);
    return r;
  }

  private static String hexBytes(byte[] data, int from, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < Math.min(data.length, from + Math.max(count, 1)); i++) {
      if (sb.length() > 0) sb.append(' ');
      sb.append("0x").append(HEX[(data[i] >> 4) & 0xF]).append(HEX[data[i] & 0xF]);
    }
    return sb.toString();
  }
}
