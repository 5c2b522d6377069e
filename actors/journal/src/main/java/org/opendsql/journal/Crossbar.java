package org.opendsql.journal;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.journal.protocol.FeedRoutes;
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.CommittedTxn;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * Routes each journal entry, in journal order, to the storage replicas of the ranges it touches
 * (by this node's directory), with the closed timestamp after it: each range gets its own writes,
 * and the entry names the previous one its range was sent (see {@link LocalJournalState}), so the
 * replicas of an untouched range get nothing and still know they missed nothing. An entry with a
 * directory change goes to every range, whole. A directory here that lags a split sends the
 * split-off keys to the range they came from, which ignores them, and nothing to the new range,
 * whose replicas see a gap when their first entry names one they do not have, and ask for a replay.
 */
public final class Crossbar {
  private final FeedRoutes routes;

  public Crossbar(FeedRoutes routes) {
    this.routes = routes;
  }

  /** The ranges of this node's directory, for a journal starting to deliver. */
  public java.util.List<Long> knownRanges() {
    List<Long> out = new ArrayList<>();
    for (RangeDesc r : routes.directory().map().ranges()) out.add(r.id());
    return out;
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
   * {@code sent} records, per range, the entry sent (and is told the entry is delivered).
   */
  public void deliver(int journal, long seq, BatchCommitted batch, long closedTs,
      Map<String, ActorRef<StorageProtocol.Command>> direct, LocalJournalState sent) {
    RangeMap map = routes.directory().map();
    Map<Long, List<StorageProtocol.CommittedWrites>> parts = new java.util.LinkedHashMap<>();
    boolean changes = false;
    for (CommittedTxn t : batch.txns()) changes |= !t.changes().isEmpty();
    if (changes) {
      List<StorageProtocol.CommittedWrites> whole = entry(batch);
      for (RangeDesc r : map.ranges()) parts.put(r.id(), whole);
      // The map is already past the entry's changes: a range a merge retires is gone from it, and
      // its replicas must still see the entry that retires it.
      for (CommittedTxn t : batch.txns()) {
        for (org.opendsql.core.range.RangeChange c : t.changes()) {
          for (long[] idGen : c.replaces()) parts.putIfAbsent(idGen[0], whole);
        }
      }
    } else {
      for (CommittedTxn t : batch.txns()) {
        if (t.writes().isEmpty()) continue;
        Map<Long, List<Write>> byRange = new java.util.LinkedHashMap<>(2);
        for (Write w : t.writes()) byRange.computeIfAbsent(map.rangeOf(w.key()).id(), r -> new ArrayList<>()).add(w);
        for (Map.Entry<Long, List<Write>> e : byRange.entrySet()) {
          parts.computeIfAbsent(e.getKey(), r -> new ArrayList<>())
              .add(new StorageProtocol.CommittedWrites(t.commitTs(), e.getValue(), List.of()));
        }
      }
    }
    for (Map.Entry<Long, List<StorageProtocol.CommittedWrites>> part : parts.entrySet()) {
      long range = part.getKey();
      long prev = sent.lastSentTo(range);
      StorageProtocol.Apply apply = new StorageProtocol.Apply(journal, seq, prev < 0 ? seq - 1 : prev, part.getValue(),
          closedTs);
      for (int k = 0; k < routes.replicasPerRange(); k++) {
        ActorRef<StorageProtocol.Command> ref = direct.get(slot(range, k));
        if (ref != null) ref.tell(apply);
        else routes.tellReplica(range, k, apply);
      }
      sent.sent(range, seq);
    }
    sent.delivered(seq);
  }

  /** The last entry through {@code throughSeq} sent to {@code range}, as a closed timestamp names it. */
  public static long lastForRange(LocalJournalState sent, long range, long throughSeq) {
    long last = sent.lastSentTo(range);
    return last < 0 ? throughSeq : Math.min(last, throughSeq);
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
