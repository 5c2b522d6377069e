package org.opendsql.core.range;

import java.util.List;
import org.opendsql.core.codec.Bytes;

/**
 * A change of the directory, decided by the adjudicator of the range it starts from and appended
 * to that range's journal like a transaction. Each names the generation of every range it
 * replaces: applied to any other version of them it is not yet (or no longer) applicable.
 */
public sealed interface RangeChange {
  /** The ranges (id, generation) this change replaces. */
  List<long[]> replaces();

  /**
   * {@code [start, at)} keeps the parent's id and journal; {@code [at, end)} becomes range {@code
   * rightId} on journal {@code rightJournal}.
   */
  record Split(long parent, long parentGeneration, byte[] at, long rightId, int rightJournal) implements RangeChange {
    public List<long[]> replaces() {
      return List.of(new long[] {parent, parentGeneration});
    }

    @Override
    public String toString() {
      return "Split[" + parent + "@" + parentGeneration + " at " + Bytes.hex(at) + " -> " + rightId + " j" + rightJournal + "]";
    }
  }

  /** Two neighbours become one range with the left one's id and journal. */
  record Merge(long left, long leftGeneration, long right, long rightGeneration) implements RangeChange {
    public List<long[]> replaces() {
      return List.of(new long[] {left, leftGeneration}, new long[] {right, rightGeneration});
    }
  }

  /** The range's later transactions go to another journal. */
  record MoveJournal(long range, long generation, int journal) implements RangeChange {
    public List<long[]> replaces() {
      return List.of(new long[] {range, generation});
    }
  }
}
