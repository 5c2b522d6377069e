package org.opendsql.sharding.journal;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.core.kv.Write;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.sharding.storage.StorageShard;

/**
 * Routes each journal entry, in journal order, to every storage replica of every range: each gets
 * the writes that fall in its range (maybe none) and the closed timestamp after the entry, so
 * every replica's sequence stays gap-free and its closed timestamp keeps moving.
 */
public final class Crossbar {
  private final ClusterSharding sharding;
  private final RangeDirectory directory;
  private final StorageReplicas replicas;

  public Crossbar(ClusterSharding sharding, RangeDirectory directory, StorageReplicas replicas) {
    this.sharding = sharding;
    this.directory = directory;
    this.replicas = replicas;
  }

  /** The dense index of a replica (for per-replica tables), or -1 if there is no such replica. */
  int slot(int range, int replica) {
    if (range >= replicas.ranges() || replica >= replicas.replicas()) return -1;
    return replicas.slot(range, replica);
  }

  /** How many replicas there are: every range times replicas per range. */
  int slots() {
    return replicas.ranges() * replicas.replicas();
  }

  /**
   * {@code direct} holds the replicas' own references by {@link #slot} where known (else null): a
   * direct tell skips two hops, and a replica reorders nothing because it buffers entries that
   * arrive early.
   */
  public void deliver(int journal, long seq, Journal.BatchCommitted batch, long closedTs,
      List<ActorRef<StorageShard.Command>> direct) {
    List<List<StorageShard.CommittedWrites>> perRange = split(batch);
    for (int r = 0; r < perRange.size(); r++) {
      StorageShard.Apply apply = new StorageShard.Apply(journal, seq, perRange.get(r), closedTs);
      for (int k = 0; k < replicas.replicas(); k++) {
        int slot = replicas.slot(r, k);
        ActorRef<StorageShard.Command> ref = slot < direct.size() ? direct.get(slot) : null;
        if (ref != null) ref.tell(apply);
        else sharding.entityRefFor(StorageShard.KEY, replicas.entityId(r, k)).tell(apply);
      }
    }
  }

  /** The same entry for one range only (a replay asked for by one of its replicas). */
  public void deliverTo(ActorRef<StorageShard.Command> shard, int range, int journal, long seq,
      Journal.BatchCommitted batch, long closedTs) {
    shard.tell(new StorageShard.Apply(journal, seq, split(batch).get(range), closedTs));
  }

  private List<List<StorageShard.CommittedWrites>> split(Journal.BatchCommitted batch) {
    int n = directory.rangeCount();
    List<List<StorageShard.CommittedWrites>> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) out.add(new ArrayList<>());
    List<List<Write>> scratch = new ArrayList<>(n);
    for (int r = 0; r < n; r++) scratch.add(null);
    for (Journal.CommittedTxn t : batch.txns()) {
      for (Write w : t.writes()) {
        int r = directory.rangeOf(w.key());
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
          out.get(r).add(new StorageShard.CommittedWrites(t.commitTs(), l));
          scratch.set(r, null);
        }
      }
    }
    return out;
  }
}
