package org.opendsql.persistence.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The journal stores' key layout, shared by the single-node store and the Raft state machine:
 * {@code len(pid) (4 bytes BE) + pid UTF-8 + seqNr (8 bytes BE)}. Changing it changes the format
 * of every journal on disk.
 */
public final class JournalKeys {
  private JournalKeys() {}

  public static byte[] pidBytes(String pid) {
    return pid.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] pidPrefix(String pid) {
    byte[] p = pidBytes(pid);
    byte[] k = new byte[4 + p.length];
    k[0] = (byte) (p.length >>> 24);
    k[1] = (byte) (p.length >>> 16);
    k[2] = (byte) (p.length >>> 8);
    k[3] = (byte) p.length;
    System.arraycopy(p, 0, k, 4, p.length);
    return k;
  }

  public static byte[] eventKey(String pid, long seqNr) {
    byte[] prefix = pidPrefix(pid);
    byte[] k = Arrays.copyOf(prefix, prefix.length + 8);
    putLong(k, prefix.length, seqNr);
    return k;
  }

  public static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    return b;
  }

  public static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  public static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xFF);
    return v;
  }
}
