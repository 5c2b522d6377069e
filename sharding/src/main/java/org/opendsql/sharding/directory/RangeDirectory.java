package org.opendsql.sharding.directory;

/**
 * Maps a key to the key range that owns it. Ranges are hash ranges over the whole encoded key,
 * a fixed count per cluster: every node must be configured with the same count (it is part of
 * the on-disk layout). Splitting hot or large ranges comes with the range-split work.
 */
public final class RangeDirectory {
  private final int ranges;

  public RangeDirectory(int ranges) {
    if (ranges < 1 || ranges > 4096) throw new IllegalArgumentException("ranges must be 1..4096");
    this.ranges = ranges;
  }

  public int rangeCount() {
    return ranges;
  }

  public int rangeOf(byte[] key) {
    int h = 0x9747b28c;
    for (byte b : key) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return Math.floorMod(h, ranges);
  }

  public static String entityId(int range) {
    return Integer.toString(range);
  }
}
