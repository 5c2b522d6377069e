package org.opendsql.sql.catalog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Privileges as bits: what GRANT gives a role on a table (SELECT, INSERT, UPDATE, DELETE,
 * TRUNCATE) or a schema (USAGE, CREATE). A grant is stored per (object, grantee) as the union of
 * its bits; {@code public} as grantee means every role. The admin role needs none.
 */
public final class Privileges {
  private Privileges() {}

  public static final int SELECT = 1;
  public static final int INSERT = 2;
  public static final int UPDATE = 4;
  public static final int DELETE = 8;
  public static final int TRUNCATE = 16;
  public static final int USAGE = 32;
  public static final int CREATE = 64;
  public static final int REFERENCES = 128;
  public static final int TRIGGER = 256;
  /** A database's: every role may connect and make temporary tables unless revoked (never, here). */
  public static final int CONNECT = 512;
  public static final int TEMPORARY = 1024;
  public static final int TABLE_ALL = SELECT | INSERT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER;
  public static final int SCHEMA_ALL = USAGE | CREATE;

  /** The grantee that stands for every role. */
  public static final String PUBLIC = "public";

  /** The bit of a privilege's name (lower case), or 0 for one not supported on {@code schema} or table objects. */
  public static int bit(String name, boolean schema) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "select" -> schema ? 0 : SELECT;
      case "insert" -> schema ? 0 : INSERT;
      case "update" -> schema ? 0 : UPDATE;
      case "delete" -> schema ? 0 : DELETE;
      case "truncate" -> schema ? 0 : TRUNCATE;
      case "references" -> schema ? 0 : REFERENCES;
      case "trigger" -> schema ? 0 : TRIGGER;
      case "usage" -> schema ? USAGE : 0;
      case "create" -> schema ? CREATE : 0;
      default -> 0;
    };
  }

  /** The names of the bits in {@code mask}, in PostgreSQL's order. */
  public static List<String> names(int mask) {
    List<String> out = new ArrayList<>();
    String[] all = {"INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "USAGE", "CREATE"};
    int[] bits = {INSERT, SELECT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, USAGE, CREATE};
    for (int i = 0; i < bits.length; i++) if ((mask & bits[i]) != 0) out.add(all[i]);
    return out;
  }

  /** The stored form of a mask. */
  public static byte[] encode(int mask) {
    return ByteBuffer.allocate(4).putInt(mask).array();
  }

  /**
   * The stored form of a grant: its mask, then when the grantee first got a privilege on the object
   * (the granting transaction's start, then the pair's place in its statement), which orders the
   * object's ACL as PostgreSQL's, where a new grantee's entry is appended.
   */
  public static byte[] encode(int mask, long since, int place) {
    return ByteBuffer.allocate(16).putInt(mask).putLong(since).putInt(place).array();
  }

  /** A stored grant with another mask, keeping its place. */
  public static byte[] withMask(byte[] value, int mask) {
    byte[] out = value.clone();
    ByteBuffer.wrap(out).putInt(0, mask);
    return out;
  }

  /** The order a stored grant keeps in its object's ACL (grants stored before orders were: first). */
  public static long[] order(byte[] value) {
    if (value == null || value.length < 16) return new long[] {0, 0};
    ByteBuffer b = ByteBuffer.wrap(value);
    return new long[] {b.getLong(4), b.getInt(12)};
  }

  /** The mask a stored grant holds (0 for none). */
  public static int decode(byte[] value) {
    return value == null || value.length < 4 ? 0 : ByteBuffer.wrap(value).getInt();
  }
}
