package org.opendsql.persistence.journal.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RocksJournalStore's key layout, repeated here rather than shared so that the single-node store
 * stays byte-for-byte untouched: {@code len(pid) (4 bytes BE) + pid UTF-8 + seqNr (8 bytes BE)}.
 */
final class Keys {
  private Keys() {}

  static byte[] pidBytes(String pid) {
    return pid.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] pidPrefix(String pid) {
    byte[] p = pidBytes(pid);
    byte[] k = new byte[4 + p.length];
    k[0] = (byte) (p.length >>> 24);
    k[1] = (byte) (p.length >>> 16);
    k[2] = (byte) (p.length >>> 8);
    k[3] = (byte) p.length;
    System.arraycopy(p, 0, k, 4, p.length);
    return k;
  }

  static byte[] eventKey(String pid, long seqNr) {
    byte[] prefix = pidPrefix(pid);
    byte[] k = Arrays.copyOf(prefix, prefix.length + 8);
    putLong(k, prefix.length, seqNr);
    return k;
  }

  static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    return b;
  }

  static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xFF);
    return v;
  }
}
