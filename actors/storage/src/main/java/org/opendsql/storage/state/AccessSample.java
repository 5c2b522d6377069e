package org.opendsql.storage.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.range.SplitPoint;

/**
 * A range's reads and writes per second and a bounded sample of the keys they touched, weighted
 * by how often: what a load split chooses its key from. Counts every access; samples one in
 * {@code every} (by a counter, so the sample is even over time) into at most {@code maxKeys}
 * keys, and when full forgets the least used half.
 */
public final class AccessSample {
  private final int every;
  private final int maxKeys;
  private final TreeMap<byte[], long[]> counts = new TreeMap<>(Bytes.UNSIGNED);
  private long reads;
  private long writes;
  private long tick;
  private long windowStartNanos;
  private double readRate;
  private double writeRate;

  public AccessSample(int every, int maxKeys, long nowNanos) {
    this.every = Math.max(1, every);
    this.maxKeys = Math.max(4, maxKeys);
    this.windowStartNanos = nowNanos;
  }

  public void read(byte[] key) {
    reads++;
    sample(key);
  }

  public void wrote(byte[] key) {
    writes++;
    sample(key);
  }

  /**
   * Reads served without this replica's thread ({@code count} of them), with the keys sampled
   * among them at this sample's rate.
   */
  public void readElsewhere(long count, List<byte[]> sampled) {
    reads += count;
    for (byte[] key : sampled) {
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      if (counts.size() > maxKeys) forgetLeastUsed();
    }
  }

  private void sample(byte[] key) {
    if (++tick % every != 0) return;
    counts.computeIfAbsent(key, k -> new long[1])[0]++;
    if (counts.size() > maxKeys) forgetLeastUsed();
  }

  /** Drops exactly the less used half (ties broken arbitrarily), so the sample never empties. */
  private void forgetLeastUsed() {
    List<Map.Entry<byte[], long[]>> byUse = new ArrayList<>(counts.entrySet());
    byUse.sort((a, b) -> Long.compare(a.getValue()[0], b.getValue()[0]));
    for (int i = 0; i < byUse.size() / 2; i++) counts.remove(byUse.get(i).getKey());
  }

  /** Closes the current window: the rates become those of its accesses, and counting starts again. */
  public void roll(long nowNanos) {
    double seconds = Math.max(1e-3, (nowNanos - windowStartNanos) / 1e9);
    readRate = reads / seconds;
    writeRate = writes / seconds;
    reads = 0;
    writes = 0;
    windowStartNanos = nowNanos;
  }

  public double readsPerSecond() {
    return readRate;
  }

  public double writesPerSecond() {
    return writeRate;
  }

  /** The sampled keys in key order, weighted by their counts. */
  public List<SplitPoint.Sample> samples() {
    List<SplitPoint.Sample> out = new ArrayList<>(counts.size());
    counts.forEach((k, c) -> out.add(new SplitPoint.Sample(Arrays.copyOf(k, k.length), c[0])));
    return out;
  }

  /** The range changed (split): its old keys say nothing about the new one. */
  public void clear() {
    counts.clear();
  }
}
