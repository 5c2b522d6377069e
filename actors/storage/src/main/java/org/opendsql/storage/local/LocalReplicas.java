package org.opendsql.storage.local;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The replicas running in this JVM, by range: where a reader looks before it sends a read. A
 * replica registers when it starts and leaves when it stops; with two replicas of one range here
 * (a move under way) either will do, since each answers only what its own gate allows.
 */
public final class LocalReplicas {
  private final ConcurrentHashMap<Long, LocalReplica> byRange = new ConcurrentHashMap<>();
  private final boolean enabled;

  /** @param enabled false: readers always go to the replica actors (fault tests that intercept reads) */
  public LocalReplicas(boolean enabled) {
    this.enabled = enabled;
  }

  public void register(LocalReplica r) {
    if (enabled) byRange.put(r.range(), r);
  }

  public void unregister(LocalReplica r) {
    byRange.remove(r.range(), r);
  }

  /** The value of {@code key} of range {@code range} at {@code ts}, or {@link LocalReplica#ASK_THE_REPLICA}. */
  public byte[] read(long range, byte[] key, long ts) {
    LocalReplica r = byRange.get(range);
    return r == null ? LocalReplica.ASK_THE_REPLICA : r.read(key, ts);
  }
}
