package org.opendsql.core.range;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This node's copy of the range directory: what every role here routes by. It moves only by
 * changes read from the journals (through the storage feed, a journal's answer, or a refusal that
 * carried them), folded by a {@link DirectoryLog}; readers get an immutable {@link RangeMap} and
 * never block. Since requests are checked by their receiver, a stale copy costs a retry, never a
 * wrong answer.
 */
public final class LiveDirectory {
  private final DirectoryLog log;
  private volatile RangeMap current;
  /** The range each split's right side came from: where its first replicas should be placed. */
  private final Map<Long, Long> parents = new HashMap<>();
  /** Merges offered here, by the range each retires. */
  private final Map<Long, RangeChange.Merge> merges = new HashMap<>();
  private final List<Consumer<RangeMap>> listeners = new CopyOnWriteArrayList<>();

  public LiveDirectory(RangeMap initial) {
    this.log = new DirectoryLog(initial);
    this.current = initial;
  }

  public RangeMap map() {
    return current;
  }

  /** Offers changes in the order one journal recorded them; returns whether the map moved. */
  public boolean offer(List<RangeChange> changes) {
    if (changes.isEmpty()) return false;
    RangeMap moved;
    synchronized (this) {
      boolean any = false;
      for (RangeChange c : changes) {
        if (c instanceof RangeChange.Split s) parents.putIfAbsent(s.rightId(), s.parent());
        if (c instanceof RangeChange.Merge m) merges.putIfAbsent(m.right(), m);
        any |= log.offer(c);
      }
      if (!any) return false;
      moved = log.map();
      current = moved;
    }
    for (Consumer<RangeMap> l : listeners) l.accept(moved);
    return true;
  }

  public boolean offer(RangeChange change) {
    return offer(List.of(change));
  }

  /** Whether this node has applied the change. */
  public synchronized boolean seen(RangeChange change) {
    return log.seen(change);
  }

  /** The range a split carved this one out of, or -1 if none is known here. */
  public synchronized long parentOf(long range) {
    return parents.getOrDefault(range, -1L);
  }

  /** The merge this node applied that made {@code range} part of its left neighbour, or null. */
  public synchronized RangeChange.Merge mergedAway(long range) {
    RangeChange.Merge m = merges.get(range);
    return m != null && log.seen(m) ? m : null;
  }

  /** Called (on the offering thread) with each new map. */
  public void onChange(Consumer<RangeMap> listener) {
    listeners.add(listener);
  }
}
