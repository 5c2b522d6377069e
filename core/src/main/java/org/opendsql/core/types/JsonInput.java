package org.opendsql.core.types;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's json grammar (RFC 8259: no leading zeros, no bare fractions, the escapes {@code
 * \" \\ \/ \b \f \n \r \t \\uXXXX}, surrogate pairs that must pair up, no control characters in
 * strings), read without recursion so that deep nesting costs heap, not stack. Bad input is 22P02;
 * {@code \u0000} is 22P05 only where a string's text is needed (jsonb input, json's ->>), since
 * json keeps its text. Nesting deeper than {@link #MAX_DEPTH} is 54001, where PostgreSQL's stack
 * runs out (between 10,000 and 20,000 levels with its default max_stack_depth).
 */
public final class JsonInput {
  private JsonInput() {}

  public static final int MAX_DEPTH = 12_000;

  /** The number scalar handed to a builder that does not decode: only its kind and text span matter. */
  public static final Jsonb RAW_NUMBER = new Jsonb.Num(BigDecimal.ZERO);

  /** What the parser makes of each value; {@code start}/{@code end} delimit its text. */
  public interface Builder<T> {
    T scalar(Jsonb value, int start, int end);

    T array(List<T> items, int start, int end);

    T object(List<String> keys, List<T> values, int start, int end);
  }

  /** jsonb_in: the normalized value. */
  public static Jsonb parseJsonb(String text) {
    return new Parser<>(text, true, true, new Builder<Jsonb>() {
      public Jsonb scalar(Jsonb value, int start, int end) { return value; }

      public Jsonb array(List<Jsonb> items, int start, int end) { return new Jsonb.Arr(items); }

      public Jsonb object(List<String> keys, List<Jsonb> values, int start, int end) {
        return Jsonb.Obj.of(keys, values);
      }
    }).run();
  }

  /** json_in: checks the text, which is the value; like PostgreSQL it lets unpaired surrogate escapes pass. */
  public static String validateJson(String text) {
    new Parser<>(text, false, false, new Builder<Object>() {
      public Object scalar(Jsonb value, int start, int end) { return null; }

      public Object array(List<Object> items, int start, int end) { return null; }

      public Object object(List<String> keys, List<Object> values, int start, int end) { return null; }
    }).run();
    return text;
  }

  /**
   * Parses {@code text} bottom-up into {@code builder}'s values, as the json functions read it:
   * string scalars and keys come as their raw text between the quotes, checked (surrogate escapes
   * must pair up) but not decoded.
   */
  public static <T> T parseRaw(String text, Builder<T> builder) {
    return new Parser<>(text, false, true, builder).run();
  }

  /** The text of a json string's body (between its quotes), de-escaped; {@code \u0000} is 22P05. */
  public static String unescape(String body) {
    StringBuilder sb = new StringBuilder(body.length());
    Parser<Object> p = new Parser<>(body + "\"", true, true, null);
    p.pos = 0;
    p.stringBody(sb);
    return sb.toString();
  }

  private static final class Frame<T> {
    final boolean object;
    final int start;
    final List<String> keys = new ArrayList<>();
    final List<T> values = new ArrayList<>();

    Frame(boolean object, int start) {
      this.object = object;
      this.start = start;
    }
  }

  private static final class Parser<T> {
    final String s;
    final boolean decode;
    /** Whether unpaired surrogate escapes are errors (everywhere but json_in). */
    final boolean surrogates;
    final Builder<T> b;
    int pos;

    Parser(String s, boolean decode, boolean surrogates, Builder<T> b) {
      this.s = s;
      this.decode = decode;
      this.surrogates = surrogates;
      this.b = b;
    }

    T run() {
      Deque<Frame<T>> stack = new ArrayDeque<>();
      skipWs();
      while (true) {
        T value;
        // At a value's start.
        if (pos >= s.length()) throw ended();
        char c = s.charAt(pos);
        if (c == '{' || c == '[') {
          if (stack.size() >= MAX_DEPTH) throw Errors.stackDepthExceeded();
          Frame<T> f = new Frame<>(c == '{', pos);
          pos++;
          skipWs();
          char close = f.object ? '}' : ']';
          if (pos < s.length() && s.charAt(pos) == close) {
            pos++;
            value = f.object ? b.object(f.keys, f.values, f.start, pos) : b.array(f.values, f.start, pos);
          } else {
            stack.push(f);
            if (f.object) key(f);
            continue;
          }
        } else {
          value = scalar();
        }
        // A value is complete: it ends a container or is followed by a comma.
        while (true) {
          skipWs();
          if (stack.isEmpty()) {
            if (pos < s.length()) throw invalidToken();
            return value;
          }
          Frame<T> f = stack.peek();
          f.values.add(value);
          if (pos >= s.length()) throw ended();
          char c2 = s.charAt(pos);
          if (c2 == ',') {
            pos++;
            skipWs();
            if (f.object) key(f);
            break;
          }
          if (c2 == (f.object ? '}' : ']')) {
            pos++;
            stack.pop();
            value = f.object ? b.object(f.keys, f.values, f.start, pos) : b.array(f.values, f.start, pos);
            continue;
          }
          throw Errors.invalidJson("Expected \",\" or \"" + (f.object ? '}' : ']') + "\", but found \"" + token() + "\".");
        }
      }
    }

    /** An object key and its colon; then the position is at the value. */
    void key(Frame<T> f) {
      if (pos >= s.length()) throw ended();
      if (s.charAt(pos) != '"') throw Errors.invalidJson("Expected string, but found \"" + token() + "\".");
      pos++;
      StringBuilder sb = new StringBuilder();
      int bodyStart = pos;
      stringBody(decode ? sb : null);
      f.keys.add(decode ? sb.toString() : s.substring(bodyStart, pos - 1));
      skipWs();
      if (pos >= s.length()) throw ended();
      if (s.charAt(pos) != ':') throw Errors.invalidJson("Expected \":\", but found \"" + token() + "\".");
      pos++;
      skipWs();
    }

    T scalar() {
      int start = pos;
      char c = s.charAt(pos);
      if (c == '"') {
        pos++;
        StringBuilder sb = new StringBuilder();
        int bodyStart = pos;
        stringBody(decode ? sb : null);
        return b.scalar(new Jsonb.Str(decode ? sb.toString() : s.substring(bodyStart, pos - 1)), start, pos);
      }
      if (c == '-' || (c >= '0' && c <= '9')) return b.scalar(number(), start, pos);
      String word = word();
      Jsonb v = switch (word) {
        case "true" -> Jsonb.Bool.TRUE;
        case "false" -> Jsonb.Bool.FALSE;
        case "null" -> Jsonb.Null.NULL;
        default -> throw invalidToken();
      };
      pos += word.length();
      return b.scalar(v, start, pos);
    }

    private String word() {
      int e = pos;
      while (e < s.length() && Character.isLetterOrDigit(s.charAt(e))) e++;
      return s.substring(pos, e);
    }

    Jsonb number() {
      int start = pos;
      if (s.charAt(pos) == '-') pos++;
      if (pos >= s.length()) throw ended();
      if (s.charAt(pos) == '0') {
        pos++;
      } else if (isDigit(pos)) {
        while (isDigit(pos)) pos++;
      } else {
        pos = start;
        throw invalidToken();
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        if (!isDigit(pos)) {
          pos = start;
          throw invalidToken();
        }
        while (isDigit(pos)) pos++;
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
        if (!isDigit(pos)) {
          pos = start;
          throw invalidToken();
        }
        while (isDigit(pos)) pos++;
      }
      if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos = start;
        throw invalidToken();
      }
      String t = s.substring(start, pos);
      if (!decode) return RAW_NUMBER;
      BigDecimal d = new BigDecimal(t);
      if (d.precision() - d.scale() > NUMERIC_MAX_DIGITS_BEFORE_POINT || d.scale() > NUMERIC_MAX_SCALE) {
        throw Errors.numericOutOfRange("numeric");
      }
      return new Jsonb.Num(d);
    }

    boolean isDigit(int i) {
      return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** From just after the opening quote to just after the closing one; appends the text to {@code out} if given. */
    void stringBody(StringBuilder out) {
      int hiSurrogate = -1;
      while (true) {
        if (pos >= s.length()) throw ended();
        char c = s.charAt(pos);
        if (c == '"') {
          if (hiSurrogate != -1) throw Errors.invalidJson("Unicode low surrogate must follow a high surrogate.");
          pos++;
          return;
        }
        if (c < 0x20) throw Errors.invalidJson("Character with value 0x" + String.format("%02x", (int) c) + " must be escaped.");
        if (c != '\\') {
          if (hiSurrogate != -1) throw Errors.invalidJson("Unicode low surrogate must follow a high surrogate.");
          if (out != null) out.append(c);
          pos++;
          continue;
        }
        if (pos + 1 >= s.length()) throw ended();
        char e = s.charAt(pos + 1);
        if (e == 'u') {
          int cp = 0;
          for (int k = 0; k < 4; k++) {
            int d = pos + 2 + k < s.length() ? Character.digit(s.charAt(pos + 2 + k), 16) : -1;
            if (d < 0) throw Errors.invalidJson("\"\\u\" must be followed by four hexadecimal digits.");
            cp = cp * 16 + d;
          }
          pos += 6;
          if (!surrogates) continue;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (hiSurrogate != -1) throw Errors.invalidJson("Unicode high surrogate must not follow a high surrogate.");
            hiSurrogate = cp;
            continue;
          }
          if (cp >= 0xDC00 && cp <= 0xDFFF) {
            if (hiSurrogate == -1) throw Errors.invalidJson("Unicode low surrogate must follow a high surrogate.");
            if (out != null) out.append((char) hiSurrogate).append((char) cp);
            hiSurrogate = -1;
            continue;
          }
          if (hiSurrogate != -1) throw Errors.invalidJson("Unicode low surrogate must follow a high surrogate.");
          if (out != null) {
            if (cp == 0) throw Errors.jsonNullCharacter();
            out.append((char) cp);
          }
          continue;
        }
        if (hiSurrogate != -1) throw Errors.invalidJson("Unicode low surrogate must follow a high surrogate.");
        char r = switch (e) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '/' -> '/';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> throw Errors.invalidJson("Escape sequence \"\\" + e + "\" is invalid.");
        };
        if (out != null) out.append(r);
        pos += 2;
      }
    }

    void skipWs() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        pos++;
      }
    }

    String token() {
      if (pos >= s.length()) return "";
      String w = word();
      return w.isEmpty() ? String.valueOf(s.charAt(pos)) : w;
    }

    RuntimeException invalidToken() {
      return Errors.invalidJson("Token \"" + token() + "\" is invalid.");
    }

    RuntimeException ended() {
      return Errors.invalidJson("The input string ended unexpectedly.");
    }
  }

  /** numeric's limits: 131072 digits before the decimal point, 16383 after. */
  private static final int NUMERIC_MAX_DIGITS_BEFORE_POINT = 131_072;
  private static final int NUMERIC_MAX_SCALE = 16_383;
}
