package org.opendsql.pgwire.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of hostile connections. Pre-login cases cover random bytes, every kind of
 * startup packet (v3, 3.1, 3.2, 2.0, unknown codes, SSL, GSSENC, cancel) and the password
 * phase, each mutated; logged-in cases are long pipelined streams of simple and extended
 * protocol messages, some at the wrong time, a few mutated, ending with a tail that proves the
 * session still answers.
 */
public final class Generators {
  private static final String[] SQL = {
      "select 1", "select 'lit'", "select * from gen(3)", "select * from gen(40)", "select boom",
      "begin", "commit", "rollback", "insert into t values (1)", "insert into t values ('boom')",
      "set application_name = 'fuzz'", "set TimeZone = 'Europe/Paris'", "set TimeZone = 'UTC'",
      "", "   ", "-- only a comment", "select 1; select 'a'", "select 1;;", "select '", "/* open",
      "select $$a", "garbage", "select echo($1)", "select echo($1, $2)", "select echo($1, $2, $3)"};
  private static final String[] NAMES = {"", "", "s1", "s2", "p1", "x"};
  /** int4, int8, int2, text, bool, float4, float8, numeric, date, timestamp, timestamptz, uuid,
   * bytea, jsonb, json, interval, int4[], text[], time, char, varchar, unknown, and nonsense. */
  private static final int[] OIDS = {0, 23, 20, 21, 25, 16, 700, 701, 1700, 1082, 1114, 1184, 2950,
      17, 3802, 114, 1186, 1007, 1009, 1083, 18, 1043, 705, 99999, -1};
  private static final String[] TEXT_VALUES = {"42", "-1", "0", "1e309", "NaN", "-Infinity",
      "2024-02-30", "2024-01-01 10:00:00+02", "t", "maybe", "{1,2,3}", "{\"a\":1}", "{", "",
      "00000000-0000-0000-0000-000000000000", "1 day 2 hours", "\\x00ff", "99999999999999999999",
      "'; drop table t; --", "\u00e9\u4e2d"};

  private Generators() {}

  /** The case with this seed; the kind is drawn with weights that favour long sessions' count. */
  public static FuzzCase generate(long seed, int messagesPerSession) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = r.nextInt(100);
    if (k < 10) return randomBytes(seed, r);
    if (k < 45) return startup(seed, r);
    if (k < 60) return password(seed, r);
    return session(seed, r, messagesPerSession);
  }

  // ---------------------------------------------------------------- before login

  private static FuzzCase randomBytes(long seed, SplittableRandom r) {
    List<byte[]> frames = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) frames.add(bytes(r, r.nextInt(300)));
    return new FuzzCase(seed, FuzzCase.Kind.RANDOM_BYTES, false, frames, n, true, true, r.nextInt(40) != 0);
  }

  private static FuzzCase startup(long seed, SplittableRandom r) {
    List<Wire> packets = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) packets.add(startupPacket(r));
    if (r.nextBoolean()) packets.add(Wire.password(r.nextBoolean() ? "secret" : "wrong"));
    List<byte[]> frames = new ArrayList<>();
    for (Wire w : packets) {
      if (r.nextInt(3) == 0) {
        Mutator.mutate(r, w, frames);
      } else {
        frames.add(w.encode());
      }
    }
    return new FuzzCase(seed, FuzzCase.Kind.STARTUP, false, frames, packets.size(), true, true, r.nextInt(40) != 0);
  }

  static Wire startupPacket(SplittableRandom r) {
    return switch (r.nextInt(12)) {
      case 0 -> Wire.sslRequest();
      case 1 -> Wire.gssEncRequest();
      case 2 -> Wire.cancelRequest(1000 + r.nextInt(50), r.nextInt());
      case 3 -> Wire.startup(Wire.PROTOCOL_V3 | 1, "user", "admin", "database", "postgres");
      case 4 -> Wire.startup(Wire.PROTOCOL_V3 | 2, "user", "admin", "_pq_.opt", "x");
      case 5 -> Wire.startup(2 << 16, "user", "admin");
      case 6 -> Wire.startup(r.nextInt(), "user", "admin");
      case 7 -> Wire.startup(1234 << 16 | 5678 + r.nextInt(4), "user", "admin");
      case 8 -> Wire.startup(Wire.PROTOCOL_V3, "user", "");
      case 9 -> Wire.startup(Wire.PROTOCOL_V3, "database", "postgres");
      case 10 -> Wire.startup(Wire.PROTOCOL_V3, "user", "admin", "options", "-c x=" + "y".repeat(r.nextInt(200)),
          "application_name", string(r, 30));
      default -> Wire.startup(Wire.PROTOCOL_V3, "user", "admin", "database", "postgres");
    };
  }

  /** A proper StartupMessage, then a password phase gone wrong. */
  private static FuzzCase password(long seed, SplittableRandom r) {
    List<byte[]> frames = new ArrayList<>();
    frames.add(Wire.startup(Wire.PROTOCOL_V3, "user", "admin", "database", "postgres").encode());
    Wire w = switch (r.nextInt(8)) {
      case 0 -> Wire.password("wrong");
      case 1 -> Wire.password("");
      case 2 -> Wire.framed('p', "secret".getBytes(StandardCharsets.UTF_8)); // no terminator
      case 3 -> Wire.query("select 1");
      case 4 -> Wire.password("x".repeat(70_000));
      case 5 -> Wire.sync();
      case 6 -> Wire.framed('p', bytes(r, r.nextInt(64)));
      default -> Wire.password("secret");
    };
    if (r.nextInt(2) == 0) {
      Mutator.mutate(r, w, frames);
    } else {
      frames.add(w.encode());
    }
    // Whatever follows the password is read only once logged in, if ever.
    if (r.nextBoolean()) frames.add(Wire.query("select 1").encode());
    return new FuzzCase(seed, FuzzCase.Kind.PASSWORD, false, frames, frames.size(), true, true, r.nextInt(40) != 0);
  }

  // ---------------------------------------------------------------- logged in

  private static FuzzCase session(long seed, SplittableRandom r, int target) {
    List<byte[]> frames = new ArrayList<>();
    int n = target / 2 + r.nextInt(target);
    // Most streams are clean so that the tail proves the session; the rest carry a few mutations.
    double mutationRate = r.nextInt(4) == 0 ? 0 : 1.0 / (50 + r.nextInt(1000));
    boolean stall = false;
    boolean terminate = false;
    int messages = 0;
    while (messages < n) {
      List<Wire> unit = unit(r);
      for (Wire w : unit) {
        messages++;
        if (w.type() == 'X') terminate = true;
        if (r.nextDouble() < mutationRate) {
          Mutator.Effect e = Mutator.mutate(r, w, frames);
          stall |= e.breaksFraming();
          terminate |= e.mayTerminate();
        } else {
          frames.add(w.encode());
        }
      }
    }
    frames.add(Wire.sync().encode());
    frames.add(Wire.query("rollback").encode());
    frames.add(Wire.query("select '" + FuzzCase.END_MARKER + "'").encode());
    messages += 3;
    return new FuzzCase(seed, FuzzCase.Kind.SESSION, true, frames, messages, stall, terminate, stall);
  }

  /** The ones that end a session (a password now, an unknown type, Terminate) are rare, so most
   * streams run to their tail. */
  private static List<Wire> unit(SplittableRandom r) {
    int k = r.nextInt(10_000);
    if (k < 3000) return List.of(Wire.query(sql(r)));
    if (k < 8500) return extended(r);
    if (k < 9997) return List.of(wrongTime(r));
    if (k < 9998) return List.of(Wire.password("secret"));
    if (k < 9999) return List.of(Wire.framed((char) (r.nextInt(256)), bytes(r, r.nextInt(20))));
    return List.of(Wire.terminate());
  }

  private static List<Wire> extended(SplittableRandom r) {
    List<Wire> out = new ArrayList<>();
    String stmt = pick(r, NAMES);
    String portal = pick(r, NAMES);
    String sql = sql(r);
    int params = sql.startsWith("select echo(") ? (int) sql.chars().filter(c -> c == '$').count() : 0;
    if (r.nextInt(10) != 0) {
      int[] oids = new int[r.nextInt(10) == 0 ? r.nextInt(4) : params];
      for (int i = 0; i < oids.length; i++) oids[i] = OIDS[r.nextInt(OIDS.length)];
      out.add(Wire.parse(stmt, sql, oids));
    }
    if (r.nextInt(4) == 0) out.add(Wire.describe('S', stmt));
    if (r.nextInt(40) != 0) {
      int nv = r.nextInt(10) == 0 ? r.nextInt(4) : params;
      short[] formats = switch (r.nextInt(4)) {
        case 0 -> new short[0];
        case 1 -> new short[] {1};
        case 2 -> new short[] {(short) r.nextInt(3)};
        default -> randomFormats(r, nv);
      };
      byte[][] values = new byte[nv][];
      for (int i = 0; i < nv; i++) values[i] = value(r);
      short[] rf = r.nextInt(3) == 0 ? new short[] {1} : new short[0];
      out.add(Wire.bind(portal, stmt, formats, values, rf));
    }
    if (r.nextInt(4) == 0) out.add(Wire.describe('P', portal));
    out.add(Wire.execute(portal, r.nextInt(5) == 0 ? r.nextInt(3) - 1 : 0));
    if (r.nextInt(8) == 0) out.add(Wire.execute(portal, 1));
    if (r.nextInt(5) == 0) out.add(Wire.close(r.nextBoolean() ? 'S' : 'P', r.nextBoolean() ? stmt : portal));
    if (r.nextInt(6) == 0) out.add(Wire.flush());
    if (r.nextInt(8) != 0) out.add(Wire.sync());
    return out;
  }

  private static short[] randomFormats(SplittableRandom r, int n) {
    short[] f = new short[n];
    for (int i = 0; i < n; i++) f[i] = (short) r.nextInt(2);
    return f;
  }

  private static byte[] value(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> null;
      case 1, 2 -> pick(r, TEXT_VALUES).getBytes(StandardCharsets.UTF_8);
      case 3 -> ByteBuffer.allocate(4).putInt(r.nextInt()).array();
      case 4 -> ByteBuffer.allocate(8).putLong(r.nextLong()).array();
      default -> bytes(r, r.nextInt(24));
    };
  }

  /** Messages a client may send, but not now (or never, here). */
  private static Wire wrongTime(SplittableRandom r) {
    return switch (r.nextInt(14)) {
      case 0 -> Wire.copyData(bytes(r, r.nextInt(100)));
      case 1 -> Wire.copyDone();
      case 2 -> Wire.copyFail("client gave up");
      case 3 -> Wire.functionCall(r.nextInt(5000));
      case 4 -> Wire.query("select * from gen(" + r.nextInt(600) + ")");
      case 5 -> Wire.sync();
      case 6 -> Wire.flush();
      case 7 -> Wire.describe(r.nextBoolean() ? 'S' : 'P', "nope");
      case 8 -> Wire.execute("nope", 0);
      case 9 -> Wire.close('P', "nope");
      case 10 -> Wire.bind("", "nope", new short[0], new byte[0][], new short[0]);
      case 11 -> Wire.framed('D', new Wire.Body().int8('Z').cstr("").bytes());
      case 12 -> Wire.startup(Wire.PROTOCOL_V3, "user", "admin").withType('Q');
      default -> Wire.query(string(r, 40));
    };
  }

  private static String sql(SplittableRandom r) {
    return r.nextInt(12) == 0 ? string(r, 30) : pick(r, SQL);
  }

  /** SQL-ish noise: quotes, dollars, comment starts and semicolons are what the splitter parses. */
  private static String string(SplittableRandom r, int max) {
    String alphabet = "select'\"$;-/*\n ()1a\\\u00e9";
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return sb.toString();
  }

  static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
    return b;
  }

  private static <T> T pick(SplittableRandom r, T[] a) {
    return a[r.nextInt(a.length)];
  }
}
