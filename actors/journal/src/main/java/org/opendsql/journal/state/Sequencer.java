package org.opendsql.journal.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.protocol.JournalProtocol.Append;
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.CommittedTxn;
import org.opendsql.journal.protocol.JournalProtocol.Fence;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;

/**
 * The journal's batch builder and sequencer: it gathers the appends and fences that arrive while a
 * batch is being written into the next batch (group commit), gives each transaction its commit
 * timestamp from the node's clock, and knows which batch is in flight.
 *
 * <p>Invariants: at most one batch is in flight; commit timestamps strictly increase along the
 * journal (each comes from the clock after it saw the transaction's start); a transaction whose
 * decision involved a fenced adjudicator incarnation, or whose timestamp would pass its deadline,
 * is refused and never written; nothing is assigned before the log's position and highest lease
 * are recovered (the clock first moves past both).
 */
public final class Sequencer {
  private final Hlc hlc;
  private final FenceTable fences;
  private final java.util.function.Supplier<List<org.opendsql.core.range.RangeChange>> recorded;
  private final Lease lease;
  private final LongSupplier batchIds;
  private List<Append> buffer = new ArrayList<>();
  private List<Fence> fenceRequests = new ArrayList<>();
  private boolean recovered;
  private long lastSeq;
  private long maxAssignedTs;
  private InFlight inFlight;

  /** A transaction refused while building a batch, and why. */
  public record Refusal(Append append, DbException error) {}

  /** The batch being written: its event, the appends it answers, the fences it makes durable. */
  public record InFlight(BatchCommitted batch, List<Append> appends, List<Fence> fences) {}

  /** What a flush decided: the batch to write (null: nothing to write) and what it refused. */
  public record Flush(InFlight written, List<Refusal> refused) {}

  /** @param batchIds never yields 0 (0 means "no batch" in a recovered state) */
  /** {@code recorded}: every directory change already durable here, which a checkpoint batch carries. */
  public Sequencer(Hlc hlc, FenceTable fences, Lease lease, LongSupplier batchIds,
      java.util.function.Supplier<List<org.opendsql.core.range.RangeChange>> recorded) {
    this.recorded = recorded;
    this.hlc = hlc;
    this.fences = fences;
    this.lease = lease;
    this.batchIds = batchIds;
  }

  public boolean recovered() {
    return recovered;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public long maxAssignedTs() {
    return maxAssignedTs;
  }

  /** Recovered with nothing in flight: the next batch may be built (and announced). */
  public boolean ready() {
    return recovered && inFlight == null;
  }

  public boolean inFlight() {
    return inFlight != null;
  }

  /** Appends or fences wait for the next batch. */
  public boolean hasWork() {
    return !buffer.isEmpty() || !fenceRequests.isEmpty();
  }

  /**
   * The log recovered (at start, or after it restarted under a write) with these highest values:
   * the clock moves above every closed timestamp published under a recovered lease and above every
   * commit, and the recovered fences hold.
   */
  public void learnRecovered(long maxCommitTs, Map<Long, Long> recoveredFences, long leaseTs) {
    hlc.update(Math.max(maxCommitTs, leaseTs));
    maxAssignedTs = Math.max(maxAssignedTs, maxCommitTs);
    fences.raiseAll(recoveredFences);
  }

  /** The log ends at {@code lastSeq} and nothing is in flight: batches may be built from here. */
  public void recovered(long lastSeq) {
    this.lastSeq = lastSeq;
    recovered = true;
  }

  /**
   * Takes an append, unless it is a second copy of one taken lately (a duplicating network):
   * committed twice, a transaction's writes would land again at a later timestamp, over a
   * transaction that read its first commit and wrote the same key (a lost update). The
   * transaction's deadline bounds how late a copy can still be sequenced, well within what is kept.
   */
  public void add(Append a) {
    if (!taken.add(a.txnId())) return;
    buffer.add(a);
  }

  /**
   * Whether {@code a} must be refused as unwritten: it is not a copy of one taken lately (that one
   * may be in the batch in flight, which answers it). Marks it taken.
   */
  public boolean takeToRefuse(Append a) {
    return taken.add(a.txnId());
  }

  private static final int TAKEN_KEPT = 100_000;
  private final java.util.Set<Long> taken = java.util.Collections.newSetFromMap(
      new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
          return size() > TAKEN_KEPT;
        }
      });

  /**
   * The keys the appends waiting for the next batch write (a superset of what it will write: some
   * may be refused), or null when one of them changes the directory (keys move between ranges) or
   * they write more than {@code limit} keys (not worth collecting).
   */
  public Set<ByteBuffer> pendingKeys(int limit) {
    Set<ByteBuffer> keys = new HashSet<>();
    for (Append a : buffer) {
      if (!a.changes().isEmpty() || keys.size() + a.writes().size() > limit) return null;
      for (Write w : a.writes()) keys.add(ByteBuffer.wrap(w.key()));
    }
    return keys;
  }

  /** The fence holds at once for decisions still to come; its receipt waits for the next batch. */
  public void addFence(Fence f) {
    fences.raise(f.range(), f.epoch());
    fenceRequests.add(f);
  }

  /**
   * Builds the next batch from what waits. With {@code renew} a batch is written even if nothing
   * waits (it renews the lease, or claims the log); with {@code checkpoint} it carries every fence.
   */
  public Flush flush(boolean renew, boolean checkpoint) {
    if (!ready()) throw new IllegalStateException("flush while not ready");
    List<Append> batch = buffer;
    buffer = new ArrayList<>();
    List<Fence> fencing = fenceRequests;
    fenceRequests = new ArrayList<>();
    List<CommittedTxn> txns = new ArrayList<>(batch.size());
    List<Append> answered = new ArrayList<>(batch.size());
    List<Refusal> refused = new ArrayList<>();
    for (Append a : batch) {
      if (fences.fencedOut(a.epochs())) {
        refused.add(new Refusal(a, Errors.writeConflict()
            .withDetail("a key range's adjudicator restarted during the commit")));
        continue;
      }
      long ts = hlc.update(a.tauStart());
      if (ts > a.deadlineTs()) {
        refused.add(new Refusal(a, Errors.writeConflict()
            .withDetail("the commit reached the journal after its deadline")));
        continue;
      }
      maxAssignedTs = Math.max(maxAssignedTs, ts);
      txns.add(new CommittedTxn(a.txnId(), ts, a.writes(), a.changes()));
      answered.add(a);
    }
    if (txns.isEmpty() && fencing.isEmpty() && !renew && !checkpoint) return new Flush(null, refused);
    List<RangeEpoch> fenceEvents = new ArrayList<>(fencing.size());
    if (checkpoint) {
      fenceEvents.addAll(fences.all());
    } else {
      for (Fence f : fencing) fenceEvents.add(new RangeEpoch(f.range(), f.epoch()));
    }
    BatchCommitted event = new BatchCommitted(txns, fenceEvents, lease.forBatchAt(hlc.now()), batchIds.getAsLong(),
        maxAssignedTs, checkpoint ? recorded.get() : List.of());
    inFlight = new InFlight(event, answered, fencing);
    return new Flush(inFlight, refused);
  }

  /** The batch in flight is durable as entry {@code seq}; returns it. */
  public InFlight persisted(long seq) {
    InFlight done = inFlight;
    inFlight = null;
    lastSeq = seq;
    lease.durable(done.batch().lease());
    return done;
  }

  /**
   * The write of the batch in flight failed, and the log's entry at its position holds batch
   * {@code batchIdThere}: whether that is the batch in flight (it landed; otherwise whether it will
   * land is unknown).
   */
  public boolean inFlightLanded(long batchIdThere) {
    return inFlight != null && inFlight.batch().batchId() == batchIdThere;
  }

  /** Forgets the batch in flight (its outcome is unknown) and returns it. */
  public InFlight abandon() {
    InFlight lost = inFlight;
    inFlight = null;
    return lost;
  }

  /** Appends not yet in a batch (the journal is stopping). */
  public List<Append> drainBuffer() {
    List<Append> out = buffer;
    buffer = new ArrayList<>();
    return out;
  }
}
