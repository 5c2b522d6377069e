package org.opendsql.storage.state;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.range.SplitPoint;

/**
 * Counts a range's live keys and bytes in one pass and keeps an even sample of its keys, each
 * weighted by the bytes it stands for: what a size split chooses its key from. The sample is
 * bounded: when full, every other sample is dropped and the stride doubles.
 */
public final class KeySampler {
  private final int maxSamples;
  private long keys;
  private long bytes;
  private long stride = 1;
  private long sinceLast;
  private long bytesSinceLast;
  private final List<SplitPoint.Sample> samples = new ArrayList<>();

  public KeySampler(int maxSamples) {
    if (maxSamples < 2) throw new IllegalArgumentException("at least two samples");
    this.maxSamples = maxSamples;
  }

  public void add(byte[] key, long size) {
    keys++;
    bytes += size;
    sinceLast++;
    bytesSinceLast += size;
    if (sinceLast < stride) return;
    samples.add(new SplitPoint.Sample(key, bytesSinceLast));
    sinceLast = 0;
    bytesSinceLast = 0;
    if (samples.size() >= maxSamples) thin();
  }

  private void thin() {
    List<SplitPoint.Sample> kept = new ArrayList<>(samples.size() / 2 + 1);
    for (int i = 0; i + 1 < samples.size(); i += 2) {
      SplitPoint.Sample a = samples.get(i);
      SplitPoint.Sample b = samples.get(i + 1);
      // The kept sample stands for both: its weight is the bytes up to it since the previous kept one.
      kept.add(new SplitPoint.Sample(b.key(), a.weight() + b.weight()));
    }
    if (samples.size() % 2 == 1) kept.add(samples.get(samples.size() - 1));
    samples.clear();
    samples.addAll(kept);
    stride *= 2;
  }

  public long keys() {
    return keys;
  }

  public long bytes() {
    return bytes;
  }

  public List<SplitPoint.Sample> samples() {
    return List.copyOf(samples);
  }
}
