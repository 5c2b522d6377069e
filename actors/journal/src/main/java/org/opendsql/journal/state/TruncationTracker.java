package org.opendsql.journal.state;

import java.util.HashMap;
import java.util.Map;

/**
 * When a journal may delete entries: it tracks, per storage replica slot, the position the slot's
 * current incarnation reported durably applied, and runs one truncation at a time through its
 * steps: wanted, a checkpoint batch written, the delete, done.
 *
 * <p>Invariants: an entry is deleted only once every replica of every range in the directory
 * reported past it (a replica that lost its copy then installs a peer's snapshot, which has it; a
 * range split off another waits on its parent's replicas, which keep their reports at the split
 * until the new range holds the data) and only below a
 * durable checkpoint batch (which carries every fence, so the rest of the log still recovers the
 * whole journal state). A report counts only from the slot's current incarnation: one that moved,
 * maybe to a node without the data, counts only once it reported itself.
 */
public final class TruncationTracker {
  private final long every;
  private final Map<String, Long> applied = new HashMap<>();
  private long truncatedTo;
  private long wanted;
  private long checkpointFor;
  private boolean deleting;

  /** @param every truncate once every slot is this many entries past the last truncation */
  public TruncationTracker(long every) {
    if (every < 1) throw new IllegalArgumentException("truncation step must be at least 1");
    this.every = every;
  }

  /** The slot has a new incarnation (or none): its report no longer counts. */
  public void forget(String slot) {
    applied.remove(slot);
  }

  /**
   * The slot's current incarnation reported {@code seq} durably applied. Returns true when a
   * truncation has just become wanted (a checkpoint batch should be written).
   *
   * @param required the slots that must all have reported (every replica of every range now)
   */
  public boolean reported(String slot, long seq, boolean recovered, java.util.Collection<String> required) {
    applied.put(slot, seq);
    if (!recovered || deleting || checkpointFor > 0 || wanted > 0) return false;
    long min = Long.MAX_VALUE;
    for (String r : required) {
      Long s = applied.get(r);
      if (s == null) return false;
      min = Math.min(min, s);
    }
    if (required.isEmpty()) return false;
    if (min - truncatedTo < every) return false;
    wanted = min;
    return true;
  }

  /** A truncation waits for its checkpoint batch. */
  public boolean checkpointWanted() {
    return wanted > 0;
  }

  /** The batch being written now is the checkpoint for the wanted truncation. */
  public void checkpointStarted() {
    checkpointFor = wanted;
    wanted = 0;
  }

  /**
   * A batch is durable at {@code lastSeq}. If it was a checkpoint, returns the entry to delete
   * through (never the checkpoint itself, so the log keeps its last entry), else 0.
   */
  public long batchDurable(long lastSeq) {
    if (checkpointFor == 0) return 0;
    long upTo = Math.min(checkpointFor, lastSeq - 1);
    checkpointFor = 0;
    if (upTo <= truncatedTo) return 0;
    deleting = true;
    return upTo;
  }

  /** The delete ended; {@code ok}: entries through {@code upTo} are gone. */
  public void deleted(long upTo, boolean ok) {
    deleting = false;
    if (ok) truncatedTo = Math.max(truncatedTo, upTo);
  }

  public long truncatedTo() {
    return truncatedTo;
  }
}
