package org.opendsql.journal.state;

import java.util.HashMap;
import java.util.Map;

/**
 * When a journal may delete entries: it tracks, per storage replica slot, the position the slot's
 * current incarnation reported durably applied, and runs one truncation at a time through its
 * steps: wanted, a checkpoint batch written, the delete, done.
 *
 * <p>Invariants: an entry is deleted only once every slot of every range reported past it (a
 * replica that lost its copy then installs a peer's snapshot, which has it) and only below a
 * durable checkpoint batch (which carries every fence, so the rest of the log still recovers the
 * whole journal state). A report counts only from the slot's current incarnation: one that moved,
 * maybe to a node without the data, counts only once it reported itself.
 */
public final class TruncationTracker {
  private final int slots;
  private final long every;
  private final Map<Integer, Long> applied = new HashMap<>();
  private long truncatedTo;
  private long wanted;
  private long checkpointFor;
  private boolean deleting;

  /**
   * @param slots storage replica slots (ranges times replicas per range): all must report
   * @param every truncate once every slot is this many entries past the last truncation
   */
  public TruncationTracker(int slots, long every) {
    if (every < 1) throw new IllegalArgumentException("truncation step must be at least 1");
    this.slots = slots;
    this.every = every;
  }

  /** The slot has a new incarnation (or none): its report no longer counts. */
  public void forget(int slot) {
    applied.remove(slot);
  }

  /**
   * The slot's current incarnation reported {@code seq} durably applied. Returns true when a
   * truncation has just become wanted (a checkpoint batch should be written).
   */
  public boolean reported(int slot, long seq, boolean recovered) {
    applied.put(slot, seq);
    if (!recovered || deleting || checkpointFor > 0 || wanted > 0) return false;
    if (applied.size() < slots) return false;
    long min = Long.MAX_VALUE;
    for (long s : applied.values()) min = Math.min(min, s);
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
