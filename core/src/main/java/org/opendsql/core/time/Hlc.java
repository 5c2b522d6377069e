package org.opendsql.core.time;

/**
 * A hybrid logical clock. A timestamp is a long: microseconds since the epoch shifted left by
 * {@link #LOGICAL_BITS}, plus a logical counter. Microsecond resolution keeps commit-wait (the
 * wait until the local physical clock passes a commit timestamp) under a microsecond or two.
 *
 * <p>Invariant: {@link #now()} is strictly increasing per clock and greater than every timestamp
 * passed to {@link #update(long)} before it.
 */
public final class Hlc {
  public static final int LOGICAL_BITS = 12;
  private static final long LOGICAL_MASK = (1L << LOGICAL_BITS) - 1;

  /** Physical time source in microseconds; replaceable in tests. */
  public interface MicroClock {
    long micros();
  }

  public static final MicroClock SYSTEM = () -> {
    java.time.Instant i = java.time.Instant.now();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  };

  private final MicroClock clock;
  private long last;

  public Hlc() {
    this(SYSTEM);
  }

  public Hlc(MicroClock clock) {
    this.clock = clock;
  }

  public synchronized long now() {
    long phys = clock.micros() << LOGICAL_BITS;
    last = phys > last ? phys : last + 1;
    return last;
  }

  /** Merges a timestamp seen on a message; returns the new local time (greater than both). */
  public synchronized long update(long seen) {
    long phys = clock.micros() << LOGICAL_BITS;
    long max = Math.max(Math.max(phys, last), seen);
    last = max == phys && phys > last && phys > seen ? phys : max + 1;
    return last;
  }

  /** The latest timestamp issued, without advancing. */
  public synchronized long peek() {
    return last;
  }

  public static long physicalMicros(long ts) {
    return ts >>> LOGICAL_BITS;
  }

  public static long fromMicros(long micros) {
    return micros << LOGICAL_BITS;
  }

  /**
   * Blocks no thread: tells how many microseconds remain until the local physical clock is past
   * {@code ts}'s physical part plus {@code maxOffsetMicros}. Zero means any node whose clock is
   * within the offset bound now issues timestamps above {@code ts}.
   */
  public long commitWaitMicros(long ts, long maxOffsetMicros) {
    long target = physicalMicros(ts) + maxOffsetMicros + 1;
    long nowMicros = clock.micros();
    return Math.max(0, target - nowMicros);
  }

  public static String toString(long ts) {
    return physicalMicros(ts) + "." + (ts & LOGICAL_MASK);
  }
}
