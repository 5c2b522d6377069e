package org.opendsql.storage.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The snapshots a replica is handing to peers, page by page, by transfer id. A snapshot pins
 * storage resources, so one left idle past the bound (the peer gave up or died) is released.
 *
 * @param <S> an open snapshot of the replica's data
 */
public final class SnapshotTransfers<S> {
  private final long idleNanos;
  private final Map<Long, Outgoing<S>> open = new HashMap<>();

  /** A snapshot being handed out, with the journal positions and GC horizon it is at. */
  public static final class Outgoing<S> {
    private final S snapshot;
    private final long[] positions;
    private final long gcHorizon;
    private long lastUsedNanos;

    Outgoing(S snapshot, long[] positions, long gcHorizon, long nowNanos) {
      this.snapshot = snapshot;
      this.positions = positions;
      this.gcHorizon = gcHorizon;
      this.lastUsedNanos = nowNanos;
    }

    public S snapshot() {
      return snapshot;
    }

    public long[] positions() {
      return positions;
    }

    public long gcHorizon() {
      return gcHorizon;
    }
  }

  public SnapshotTransfers(long idleNanos) {
    this.idleNanos = idleNanos;
  }

  /** The transfer with this id, marked used now; null if none is open. */
  public Outgoing<S> touch(long transferId, long nowNanos) {
    Outgoing<S> o = open.get(transferId);
    if (o != null) o.lastUsedNanos = nowNanos;
    return o;
  }

  public Outgoing<S> open(long transferId, S snapshot, long[] positions, long gcHorizon, long nowNanos) {
    Outgoing<S> o = new Outgoing<>(snapshot, positions, gcHorizon, nowNanos);
    open.put(transferId, o);
    return o;
  }

  /** Ends a transfer; returns its snapshot to release (null if none was open). */
  public S close(long transferId) {
    Outgoing<S> o = open.remove(transferId);
    return o == null ? null : o.snapshot;
  }

  /** Ends every transfer idle past the bound; returns their snapshots to release. */
  public List<S> closeIdle(long nowNanos) {
    List<S> out = new ArrayList<>();
    Iterator<Outgoing<S>> it = open.values().iterator();
    while (it.hasNext()) {
      Outgoing<S> o = it.next();
      if (nowNanos - o.lastUsedNanos > idleNanos) {
        it.remove();
        out.add(o.snapshot);
      }
    }
    return out;
  }

  /** Ends every transfer (the replica stops); returns their snapshots to release. */
  public List<S> closeAll() {
    List<S> out = new ArrayList<>();
    for (Outgoing<S> o : open.values()) out.add(o.snapshot);
    open.clear();
    return out;
  }
}
