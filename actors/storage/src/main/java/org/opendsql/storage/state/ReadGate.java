package org.opendsql.storage.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Which reads a replica may answer, and the reads it holds until it may.
 *
 * <p>Invariant: a read at T is answered from the store only once the replica's closed timestamp
 * (the minimum over its journals) is at least T and no snapshot install is under way; never from
 * an older state (or, for a point read, once every journal closed T for the keys it reads: see
 * {@link JournalFeed#closedFor}). A read below the garbage-collection horizon is refused, since versions it needs
 * may be gone, also when the horizon moved past it while it was parked (it is refused when the
 * parked reads are next looked at, or times out). A parked read waits at most the configured
 * bound.
 *
 * @param <R> a parked request (the gate only orders and times it)
 */
public final class ReadGate<R> {
  /** What to do with a read that just arrived. */
  public enum Admission {
    /** Below the GC horizon: refuse (transaction age limit). */
    TOO_OLD,
    /** Covered by the closed timestamp: answer from the store now. */
    SERVE,
    /** Catching up, and the reader knows another replica: tell it to go there. */
    ELSEWHERE,
    /** Wait until the closed timestamp covers it (or the bound passes). */
    PARK
  }

  private record Parked<R>(R request, long ts, long sinceNanos) {}

  private final long maxWaitNanos;
  private final List<Parked<R>> parked = new ArrayList<>();

  public ReadGate(long maxWaitNanos) {
    this.maxWaitNanos = maxWaitNanos;
  }

  /**
   * The decision for a read at {@code ts}.
   *
   * @param orElsewhere the reader knows another replica it can ask instead
   * @param installing a snapshot install is under way (nothing may be served)
   * @param catchingUp the replica is installing or replaying a journal (a read would wait long)
   */
  public static Admission admit(long ts, boolean orElsewhere, long closedTs, GcHorizon horizon, boolean installing,
      boolean catchingUp) {
    if (horizon.refuses(ts)) return Admission.TOO_OLD;
    if (ts <= closedTs && !installing) return Admission.SERVE;
    if (orElsewhere && catchingUp) return Admission.ELSEWHERE;
    return Admission.PARK;
  }

  public void park(R request, long ts, long nowNanos) {
    parked.add(new Parked<>(request, ts, nowNanos));
  }

  public boolean isEmpty() {
    return parked.isEmpty();
  }

  /**
   * Parked reads that may be answered now, in arrival order: {@code serve} those the closed
   * timestamp covers; {@code tooOld} those the horizon has passed while they waited (a snapshot
   * installed with a later horizon), which must be refused, not answered from pruned history.
   */
  public record Released<R>(List<R> serve, List<R> tooOld) {}

  /** Removes and returns the parked reads that {@code closedTs} covers, or {@code horizon} refuses. */
  public Released<R> release(long closedTs, GcHorizon horizon) {
    return release(closedTs, horizon, (request, ts) -> false);
  }

  /**
   * Like {@link #release(long, GcHorizon)}; also serves the reads {@code closedFor} says need
   * nothing more at their timestamp (every key they read is closed there, though not all keys are).
   */
  public Released<R> release(long closedTs, GcHorizon horizon, BiPredicate<R, Long> closedFor) {
    List<R> serve = new ArrayList<>();
    List<R> tooOld = new ArrayList<>();
    Iterator<Parked<R>> it = parked.iterator();
    while (it.hasNext()) {
      Parked<R> p = it.next();
      if (horizon.refuses(p.ts())) {
        it.remove();
        tooOld.add(p.request());
      } else if (p.ts() <= closedTs || closedFor.test(p.request(), p.ts())) {
        it.remove();
        serve.add(p.request());
      }
    }
    return new Released<>(serve, tooOld);
  }

  /** Removes and returns the parked reads that have waited longer than the bound. */
  public List<R> expire(long nowNanos) {
    List<R> out = new ArrayList<>();
    Iterator<Parked<R>> it = parked.iterator();
    while (it.hasNext()) {
      Parked<R> p = it.next();
      if (nowNanos - p.sinceNanos() > maxWaitNanos) {
        it.remove();
        out.add(p.request());
      }
    }
    return out;
  }

  /** Removes and returns every parked read (the range they named is gone from here). */
  public List<R> takeAll() {
    List<R> out = new ArrayList<>(parked.size());
    for (Parked<R> p : parked) out.add(p.request());
    parked.clear();
    return out;
  }

  /** The highest timestamp a parked read waits for (0: none waits). */
  public long highestWaiting() {
    long max = 0;
    for (Parked<R> p : parked) max = Math.max(max, p.ts());
    return max;
  }
}
