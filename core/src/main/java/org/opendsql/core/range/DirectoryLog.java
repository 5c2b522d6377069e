package org.opendsql.core.range;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Folds directory changes arriving from several journals into one {@link RangeMap}. Each journal
 * delivers its own changes in order, but the journals are not ordered with each other: a change
 * that replaces a generation not reached yet here waits until the change that makes it arrives.
 * A change seen twice (a journal replay) is applied once. Not thread-safe.
 */
public final class DirectoryLog {
  private RangeMap map;
  private final List<RangeChange> waiting = new ArrayList<>();
  private final Set<String> applied = new HashSet<>();

  public DirectoryLog(RangeMap initial) {
    this.map = initial;
  }

  public RangeMap map() {
    return map;
  }

  /** Changes held back until what they replace is here. */
  public List<RangeChange> waiting() {
    return List.copyOf(waiting);
  }

  /** Whether this change has been applied here already. */
  public boolean seen(RangeChange change) {
    return applied.contains(key(change));
  }

  /** Takes a change; returns true if the map moved (by it or by changes it unblocked). */
  public boolean offer(RangeChange change) {
    String k = key(change);
    if (applied.contains(k)) return false;
    for (RangeChange w : waiting) {
      if (key(w).equals(k)) return false;
    }
    waiting.add(change);
    boolean moved = false;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Iterator<RangeChange> it = waiting.iterator(); it.hasNext(); ) {
        RangeChange c = it.next();
        if (map.applicable(c)) {
          map = map.apply(c);
          applied.add(key(c));
          it.remove();
          moved = progress = true;
        }
      }
    }
    return moved;
  }

  /** A change replaces its first range at one generation, and only one change can do that. */
  private static String key(RangeChange change) {
    long[] first = change.replaces().get(0);
    return first[0] + "@" + first[1];
  }
}
