package org.opendsql.core.codec;

import java.util.Arrays;
import java.util.Comparator;

/** Unsigned byte-array helpers shared by keys, scans and the write buffer. */
public final class Bytes {
  private Bytes() {}

  public static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  /**
   * The smallest key greater than every key starting with {@code prefix}: the end of a prefix
   * scan. Trailing 0xFF bytes cannot be incremented, so they are dropped first.
   */
  public static byte[] prefixEnd(byte[] prefix) {
    int n = prefix.length;
    while (n > 0 && prefix[n - 1] == (byte) 0xFF) n--;
    if (n == 0) throw new IllegalArgumentException("prefix has no successor");
    byte[] end = Arrays.copyOf(prefix, n);
    end[n - 1]++;
    return end;
  }

  public static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * A hash of the whole array for hash maps keyed by encoded keys. {@link Arrays#hashCode(byte[])}
   * is a base-31 polynomial: consecutive integer keys, whose encodings differ only in their last
   * bytes, share a hash about ten at a time (100,000 sequential keys gave 9,122 distinct hashes),
   * and the maps degrade to scanning tree bins on every lookup. FNV-1a over the bytes, then a
   * 64-bit finalizer so that the low bits a table indexes by depend on every byte.
   */
  public static int hash(byte[] b) {
    long h = 0xcbf29ce484222325L;
    for (byte x : b) h = (h ^ (x & 0xff)) * 0x100000001b3L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }

  public static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
