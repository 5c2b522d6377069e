package org.opendsql.adjudicator.state;

import java.util.HashSet;
import java.util.Set;
import org.opendsql.core.time.Hlc;

/**
 * An adjudicator incarnation's fencing of its predecessors. Its epoch starts at its start time;
 * before it decides anything, every journal must durably fence the range at that epoch, after
 * which a journal refuses any append whose decision involved an older incarnation.
 *
 * <p>Epochs come from clocks, and a new incarnation's clock may be behind an old one's: a journal
 * answers with the fence in force, and an incarnation that finds a higher one takes an epoch above
 * it and fences every journal again.
 */
public final class Fencing {
  private final Hlc hlc;
  private final int journals;
  private final Set<Integer> unfenced = new HashSet<>();
  private long epoch;

  /** What a fence receipt meant. */
  public enum Step {
    /** A reply to an older request of this incarnation: the current one brings its own. */
    STALE,
    /** A higher fence exists: the epoch moved above it; fence every journal again. */
    REFENCE,
    /** This journal is fenced; others still are not. */
    PENDING,
    /** Every journal is fenced: decide from now on. */
    COMPLETE
  }

  public Fencing(Hlc hlc, int journals) {
    this.hlc = hlc;
    this.journals = journals;
    this.epoch = hlc.now();
    for (int j = 0; j < journals; j++) unfenced.add(j);
  }

  public long epoch() {
    return epoch;
  }

  /** The journals still to fence (ask them again if they have not answered). */
  public Set<Integer> unfenced() {
    return Set.copyOf(unfenced);
  }

  public boolean complete() {
    return unfenced.isEmpty();
  }

  /** Journal {@code journal} durably holds {@code fenceInForce} for this range. */
  public Step receipt(int journal, long fenceInForce) {
    if (!unfenced.contains(journal) || fenceInForce < epoch) return Step.STALE;
    if (fenceInForce > epoch) {
      epoch = hlc.update(fenceInForce);
      unfenced.clear();
      for (int j = 0; j < journals; j++) unfenced.add(j);
      return Step.REFENCE;
    }
    unfenced.remove(journal);
    return unfenced.isEmpty() ? Step.COMPLETE : Step.PENDING;
  }
}
