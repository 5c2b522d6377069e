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

  public static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
