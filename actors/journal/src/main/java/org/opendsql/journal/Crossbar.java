package org.opendsql.journal;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.core.kv.Write;
import org.opendsql.journal.protocol.FeedRoutes;
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.CommittedTxn;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * Routes each journal entry, in journal order, to every storage replica of every range: each gets
 * the writes that fall in its range (maybe none) and the closed timestamp after the entry, so
 * every replica's sequence stays gap-free and its closed timestamp keeps moving.
 */
public final class Crossbar {
  private final FeedRoutes routes;

  public Crossbar(FeedRoutes routes) {
    this.routes = routes;
  }

  /** The dense index of a replica (for per-replica tables), or -1 if there is no such replica. */
  public int slot(int range, int replica) {
    if (range < 0 || replica < 0 || range >= routes.ranges() || replica >= routes.replicasPerRange()) return -1;
    return range * routes.replicasPerRange() + replica;
  }

  /** How many replicas there are: every range times replicas per range. */
  public int slots() {
    return routes.ranges() * routes.replicasPerRange();
  }

  /**
   * {@code direct} holds the replicas' own references by {@link #slot} where known (else null): a
   * direct tell skips two hops, and a replica reorders nothing because it holds entries that
   * arrive early.
   */
  public void deliver(int journal, long seq, BatchCommitted batch, long closedTs,
      List<ActorRef<StorageProtocol.Command>> direct) {
    List<List<StorageProtocol.CommittedWrites>> perRange = split(batch);
    for (int r = 0; r < perRange.size(); r++) {
      StorageProtocol.Apply apply = new StorageProtocol.Apply(journal, seq, perRange.get(r), closedTs);
      for (int k = 0; k < routes.replicasPerRange(); k++) {
        int slot = slot(r, k);
        ActorRef<StorageProtocol.Command> ref = slot < direct.size() ? direct.get(slot) : null;
        if (ref != null) ref.tell(apply);
        else routes.tellReplica(r, k, apply);
      }
    }
  }

  /** The same entry for one range only (a replay asked for by one of its replicas). */
  public void deliverTo(ActorRef<StorageProtocol.Command> replica, int range, int journal, long seq,
      BatchCommitted batch, long closedTs) {
    replica.tell(new StorageProtocol.Apply(journal, seq, split(batch).get(range), closedTs));
  }

  /** Per range, the writes of each transaction that fall in it, in commit order. */
  List<List<StorageProtocol.CommittedWrites>> split(BatchCommitted batch) {
    int n = routes.ranges();
    List<List<StorageProtocol.CommittedWrites>> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) out.add(new ArrayList<>());
    List<List<Write>> scratch = new ArrayList<>(n);
    for (int r = 0; r < n; r++) scratch.add(null);
    for (CommittedTxn t : batch.txns()) {
      for (Write w : t.writes()) {
        int r = routes.rangeOf(w.key());
        List<Write> l = scratch.get(r);
        if (l == null) {
          l = new ArrayList<>();
          scratch.set(r, l);
        }
        l.add(w);
      }
      for (int r = 0; r < n; r++) {
        List<Write> l = scratch.get(r);
        if (l != null) {
          out.get(r).add(new StorageProtocol.CommittedWrites(t.commitTs(), l));
          scratch.set(r, null);
        }
      }
    }
    return out;
  }
}
