package org.opendsql.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.journal.protocol.FeedRoutes;
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.CommittedTxn;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * Routes each journal entry, in journal order and whole, to every storage replica of every range
 * this node's directory knows, with the closed timestamp after it: each replica keeps what falls
 * in its own bounds, so a directory here that lags a split sends nothing to the wrong place, and
 * a replica it does not know yet sees a gap at its next entry and asks for a replay.
 */
public final class Crossbar {
  private final FeedRoutes routes;

  public Crossbar(FeedRoutes routes) {
    this.routes = routes;
  }

  /** The name of a replica slot (for per-replica tables). */
  public static String slot(long range, int replica) {
    return range + "-" + replica;
  }

  /** Directory changes this node's journal recorded: this node's directory takes them at once. */
  public void learn(List<org.opendsql.core.range.RangeChange> changes) {
    routes.directory().offer(List.copyOf(changes));
  }

  /** Every replica slot of every range in this node's directory. */
  public List<String> slots() {
    List<RangeDesc> ranges = routes.directory().map().ranges();
    List<String> out = new ArrayList<>(ranges.size() * routes.replicasPerRange());
    for (RangeDesc r : ranges) {
      for (int k = 0; k < routes.replicasPerRange(); k++) out.add(slot(r.id(), k));
    }
    return out;
  }

  /**
   * {@code direct} holds the replicas' own references by {@link #slot} where known: a direct tell
   * skips two hops, and a replica reorders nothing because it holds entries that arrive early.
   */
  public void deliver(int journal, long seq, BatchCommitted batch, long closedTs,
      Map<String, ActorRef<StorageProtocol.Command>> direct) {
    StorageProtocol.Apply apply = new StorageProtocol.Apply(journal, seq, entry(batch), closedTs);
    for (RangeDesc r : routes.directory().map().ranges()) {
      for (int k = 0; k < routes.replicasPerRange(); k++) {
        ActorRef<StorageProtocol.Command> ref = direct.get(slot(r.id(), k));
        if (ref != null) ref.tell(apply);
        else routes.tellReplica(r.id(), k, apply);
      }
    }
  }

  /** The same entry for one replica only (a replay it asked for). */
  public void deliverTo(ActorRef<StorageProtocol.Command> replica, int journal, long seq, BatchCommitted batch,
      long closedTs) {
    replica.tell(new StorageProtocol.Apply(journal, seq, entry(batch), closedTs));
  }

  /** Each transaction's writes and directory changes, in commit order. */
  static List<StorageProtocol.CommittedWrites> entry(BatchCommitted batch) {
    List<StorageProtocol.CommittedWrites> out = new ArrayList<>(batch.txns().size());
    for (CommittedTxn t : batch.txns()) out.add(new StorageProtocol.CommittedWrites(t.commitTs(), t.writes(), t.changes()));
    return out;
  }
}
