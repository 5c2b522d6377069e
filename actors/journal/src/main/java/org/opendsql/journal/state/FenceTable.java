package org.opendsql.journal.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;

/**
 * Per key range, the adjudicator incarnation (epoch) that fenced every older one.
 *
 * <p>Invariant: fences only rise; a decision that involved a range's incarnation older than the
 * fence in force is refused, so a dead or paused adjudicator can never commit after its successor
 * began deciding.
 */
public final class FenceTable {
  private final Map<Long, Long> fences = new HashMap<>();

  /** Raises the fence of {@code range} to {@code epoch} (never lowers it). */
  public void raise(long range, long epoch) {
    fences.merge(range, epoch, Math::max);
  }

  /** Raises every fence recovered from the log. */
  public void raiseAll(Map<Long, Long> recovered) {
    recovered.forEach(this::raise);
  }

  /** Whether a decision taken by these incarnations involved a fenced one. */
  public boolean fencedOut(List<RangeEpoch> epochs) {
    for (RangeEpoch e : epochs) {
      Long fence = fences.get(e.range());
      if (fence != null && fence > e.epoch()) return true;
    }
    return false;
  }

  /** The fence in force for {@code range}, or {@code otherwise} if it has none. */
  public long inForce(long range, long otherwise) {
    return fences.getOrDefault(range, otherwise);
  }

  /** Every fence, as a checkpoint batch carries them. */
  public List<RangeEpoch> all() {
    List<RangeEpoch> out = new ArrayList<>(fences.size());
    fences.forEach((range, epoch) -> out.add(new RangeEpoch(range, epoch)));
    return out;
  }
}
