package org.opendsql.sharding.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.journal.JournalEvent;
import org.opendsql.persistence.journal.JournalStores;
import org.opendsql.persistence.serialization.KryoMessage;
import org.opendsql.sharding.storage.StorageShard;

/**
 * A journal: the cluster's durability point and commit sequencer. It assigns each decided
 * transaction its commit timestamp, gathers every commit that arrives while a write is in flight
 * into the next batch (group commit), and answers only after the batch is durable. It then hands
 * the batch to the crossbar, followed by the closed timestamp.
 *
 * <p>Invariants: commit timestamps strictly increase along the journal; a closed timestamp is
 * never published while a batch is in flight, and every batch assigned later gets timestamps
 * above every closed timestamp already published.
 *
 * <p>Across incarnations (a crash, a move to another node, a paused writer): every batch carries a
 * <em>lease</em>, a timestamp about {@link #LEASE_MICROS} ahead, and a closed timestamp is published
 * only up to the highest lease already durable. A new incarnation recovers the highest lease and
 * moves its clock past it before it assigns anything, so its commit timestamps lie above every
 * closed timestamp any earlier incarnation published, whatever that node's clock said. Its first
 * act is a claim (a batch, empty if need be, at the next sequence number); under the journal
 * store's single-writer rule that claim either lands, after which no earlier incarnation can
 * write again, or is refused because an earlier incarnation's late batch landed first, and then
 * this incarnation stops and the next one recovers that batch too.
 */
public final class Journal extends AbstractBehavior<Journal.Command> {
  public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "journal");

  public interface Command {}

  /**
   * A decided transaction to make durable. The reply carries its commit timestamp. The journal
   * refuses it (40001) rather than give it a commit timestamp above {@code deadlineTs}: past the
   * deadline the coordinator may already have given up and fenced its keys up to it.
   */
  public record Append(long txnId, long tauStart, long deadlineTs, List<RangeEpoch> epochs,
      List<Write> writes, ActorRef<Appended> replyTo) implements Command, KryoMessage {}

  /** The incarnation (epoch) of a range's adjudicator that decided for its range. */
  public record RangeEpoch(int range, long epoch) implements KryoMessage {}

  /**
   * A new adjudicator incarnation of {@code range} fences older ones: from now on this journal
   * refuses any append whose decision involved an older incarnation of that range. The reply
   * comes once the fence is durable, with the highest commit timestamp assigned so far.
   */
  public record Fence(int range, long epoch, ActorRef<Fenced> replyTo) implements Command, KryoMessage {}

  /** {@code fence}: the range's fence now in force here (an epoch above the requester's means a newer incarnation exists). */
  public record Fenced(int journal, int range, long maxAssignedTs, long fence) implements KryoMessage {}

  /** {@code journal} lets the coordinator address this incarnation directly next time. */
  public record Appended(long txnId, long commitTs, DbException error, ActorRef<Command> journal)
      implements KryoMessage {}

  /** A storage replica needs the closed timestamp to reach {@code atLeast}. */
  public record AdvanceClosed(int range, int replica, long atLeast, ActorRef<StorageShard.Command> replyTo)
      implements Command, KryoMessage {}

  /** A storage replica missed entries from {@code fromSeq} on (restart, lost message, new replica). */
  public record ReplayFrom(int range, int replica, long fromSeq, long replayId, ActorRef<StorageShard.Command> replyTo)
      implements Command, KryoMessage {}

  /**
   * Storage replica {@code replica} of {@code range} (the incarnation {@code from}) has applied
   * this journal through {@code seq} and made it survive a machine crash. Once every replica of every range is past an entry, the
   * entry is no longer needed: a replica that lost its copy installs a peer's snapshot instead.
   */
  public record ReplicaApplied(int range, int replica, long seq, ActorRef<StorageShard.Command> from)
      implements Command, KryoMessage {}

  /**
   * The journal event: one group-committed batch, with the range fences that came with it, the
   * lease under which closed timestamps may be published once it is durable, an id telling this
   * batch from any other batch at the same sequence number, and the highest commit timestamp this
   * journal assigned so far. A checkpoint batch (written before the log is truncated) carries every
   * fence, so any suffix of the log that starts at a checkpoint recovers the whole state.
   */
  public record BatchCommitted(List<CommittedTxn> txns, List<RangeEpoch> fences, long lease, long batchId,
      long maxCommitTs) implements KryoMessage {}

  public record CommittedTxn(long txnId, long commitTs, List<Write> writes) implements KryoMessage {}

  record Persisted(long seq, BatchCommitted batch) implements Command {}

  record Recovered(long lastSeq, long maxCommitTs, Map<Integer, Long> fences, long lease, long lastBatchId)
      implements Command {}

  private record ReplayChunk(ReplayFrom request, long upTo, List<JournalEvent> events, Throwable failure)
      implements Command {}

  private record TruncationDone(long upTo, Throwable failure) implements Command {}

  private static final int REPLAY_CHUNK = 256;

  /**
   * How far ahead of its clock a batch's lease reaches. Longer means fewer lease-only batches
   * while nothing commits (one per half lease at most, and only while reads ask); shorter means a
   * smaller jump of the clock, and of commit waits, right after a new incarnation takes over.
   */
  public static final long LEASE_MICROS = 1_000_000L;

  private final String journalId;
  private final int id;
  private final Hlc hlc;
  private final Crossbar crossbar;
  private final LocalJournalState local;
  private final StashBuffer<Command> stash;
  private final ActorRef<JournalLog.Command> log;
  private List<Append> buffer = new ArrayList<>();
  private final Map<Long, ActorRef<Appended>> waiting = new HashMap<>();
  private final List<ActorRef<StorageShard.Command>> shards = new ArrayList<>();
  private boolean recovered;
  private boolean inFlight;
  private final Map<Integer, Long> fences = new HashMap<>();
  private List<Fence> fenceRequests = new ArrayList<>();
  private List<Fence> inFlightFences = List.of();
  private long maxAssignedTs;
  private BatchCommitted inFlightBatch;
  private long lastSeq;
  private long lastClosed;
  /** The highest lease durable in the log; nothing above it may be published as closed. */
  private long durableLease;
  /** Whether this incarnation's claim (its first batch) is durable. */
  private boolean claimed;
  /**
   * Truncate once every storage replica slot reported this many entries durably applied past the
   * last truncation (each truncation costs a checkpoint batch and a delete).
   */
  private final long truncateEvery;
  /**
   * Durably applied position per storage replica slot, as reported by the slot's current
   * incarnation: a new incarnation (moved to a node that may not have the data) counts only once
   * it reported itself.
   */
  private final Map<Integer, Long> replicaApplied = new HashMap<>();
  /** Entries through this are deleted (as far as this incarnation knows). */
  private long truncatedTo;
  /** Truncate through this once a checkpoint batch is durable (0: nothing wanted). */
  private long truncateWanted;
  /** The truncation target that the batch in flight is the checkpoint for (0: not a checkpoint). */
  private long checkpointFor;
  private boolean truncating;

  public static Behavior<Command> create(String journalId, Hlc hlc, Crossbar crossbar,
      LocalJournalState local, long truncateEvery) {
    return Behaviors.withStash(100_000, stash ->
        Behaviors.setup(ctx -> new Journal(ctx, stash, journalId, hlc, crossbar, local, truncateEvery)));
  }

  private Journal(ActorContext<Command> ctx, StashBuffer<Command> stash, String journalId, Hlc hlc,
      Crossbar crossbar, LocalJournalState local, long truncateEvery) {
    super(ctx);
    this.truncateEvery = truncateEvery;
    this.local = local;
    this.stash = stash;
    this.journalId = journalId;
    this.id = Integer.parseInt(journalId);
    this.hlc = hlc;
    this.crossbar = crossbar;
    this.log = ctx.spawn(JournalLog.create(journalId, ctx.getSelf()), "log");
    ctx.watch(log);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Recovered.class, this::onRecovered)
        .onMessage(Append.class, this::onAppend)
        .onMessage(Fence.class, this::onFence)
        .onMessage(Persisted.class, this::onPersisted)
        .onMessage(AdvanceClosed.class, this::onAdvance)
        .onMessage(ReplayFrom.class, this::onReplay)
        .onMessage(ReplayChunk.class, this::onReplayChunk)
        .onMessage(ReplicaApplied.class, this::onReplicaApplied)
        .onMessage(TruncationDone.class, this::onTruncationDone)
        .onSignal(Terminated.class, this::onTerminated)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<Command> onRecovered(Recovered r) {
    // Above every closed timestamp published under a recovered lease, and every commit.
    hlc.update(Math.max(r.maxCommitTs(), r.lease()));
    maxAssignedTs = Math.max(maxAssignedTs, r.maxCommitTs());
    r.fences().forEach((range, epoch) -> fences.merge(range, epoch, Math::max));
    if (inFlight) {
      // The log restarted under a write: whether the last batch recovered is ours tells whether
      // it landed (a later position alone does not: an earlier incarnation's batch may be there).
      inFlight = false;
      BatchCommitted batch = inFlightBatch;
      inFlightBatch = null;
      if (r.lastBatchId() == batch.batchId()) {
        return onPersisted(new Persisted(r.lastSeq(), batch));
      }
      // The write failed as far as we know, but a replicated store may still land it later:
      // its transactions' outcome is unknown (their coordinators fence the keys up to the
      // deadline), and this incarnation stops so that nothing more (no closed timestamp, no
      // next batch under the same sequence number) is published from a position in doubt.
      for (CommittedTxn t : batch.txns()) {
        ActorRef<Appended> ref = waiting.remove(t.txnId());
        if (ref != null) ref.tell(new Appended(t.txnId(), 0, Errors.commitOutcomeUnknown(), null));
      }
      getContext().getLog().warn("journal {}: a write failed under a log restart; restarting", journalId);
      return Behaviors.stopped();
    }
    lastSeq = r.lastSeq();
    recovered = true;
    getContext().getLog().info("journal {} recovered at entry {}; claiming it", journalId, lastSeq);
    flush(true);
    return stash.unstashAll(this);
  }

  private Behavior<Command> onAppend(Append a) {
    if (!recovered) {
      stash.stash(a);
      return this;
    }
    buffer.add(a);
    if (!inFlight) flush(false);
    return this;
  }

  private Behavior<Command> onFence(Fence f) {
    if (!recovered) {
      stash.stash(f);
      return this;
    }
    fences.merge(f.range(), f.epoch(), Math::max);
    fenceRequests.add(f);
    if (!inFlight) flush(false);
    return this;
  }

  /** A decision made by a fenced (older) incarnation of one of its ranges must not commit. */
  private boolean fencedOut(Append a) {
    for (RangeEpoch e : a.epochs()) {
      Long fence = fences.get(e.range());
      if (fence != null && fence > e.epoch()) return true;
    }
    return false;
  }

  /** Writes what is buffered; with {@code renew}, also when nothing is (a lease-only batch). */
  private void flush(boolean renew) {
    List<Append> batch = buffer;
    buffer = new ArrayList<>();
    List<Fence> fencing = fenceRequests;
    fenceRequests = new ArrayList<>();
    List<CommittedTxn> txns = new ArrayList<>(batch.size());
    local.reserve(lastSeq + 1);
    for (Append a : batch) {
      if (fencedOut(a)) {
        a.replyTo().tell(new Appended(a.txnId(), 0, Errors.writeConflict()
            .withDetail("a key range's adjudicator restarted during the commit"), null));
        continue;
      }
      long ts = hlc.update(a.tauStart());
      if (ts > a.deadlineTs()) {
        a.replyTo().tell(new Appended(a.txnId(), 0, Errors.writeConflict()
            .withDetail("the commit reached the journal after its deadline"), null));
        continue;
      }
      maxAssignedTs = Math.max(maxAssignedTs, ts);
      txns.add(new CommittedTxn(a.txnId(), ts, a.writes()));
      waiting.put(a.txnId(), a.replyTo());
    }
    boolean checkpoint = truncateWanted > 0;
    if (txns.isEmpty() && fencing.isEmpty() && !renew && !checkpoint) {
      local.reserve(lastSeq);
      return;
    }
    List<RangeEpoch> fenceEvents = new ArrayList<>(fencing.size());
    if (checkpoint) {
      fences.forEach((range, epoch) -> fenceEvents.add(new RangeEpoch(range, epoch)));
      checkpointFor = truncateWanted;
      truncateWanted = 0;
    } else {
      for (Fence f : fencing) fenceEvents.add(new RangeEpoch(f.range(), f.epoch()));
    }
    inFlightFences = fencing;
    inFlight = true;
    long batchId;
    do {
      batchId = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    } while (batchId == 0);
    inFlightBatch = new BatchCommitted(txns, fenceEvents, hlc.now() + Hlc.fromMicros(LEASE_MICROS), batchId,
        maxAssignedTs);
    log.tell(new JournalLog.PersistBatch(inFlightBatch, getContext().getSelf()));
  }

  private Behavior<Command> onPersisted(Persisted p) {
    inFlight = false;
    inFlightBatch = null;
    for (Fence f : inFlightFences) {
      f.replyTo().tell(new Fenced(id, f.range(), maxAssignedTs, fences.getOrDefault(f.range(), f.epoch())));
    }
    inFlightFences = List.of();
    lastSeq = p.seq();
    if (checkpointFor > 0) {
      truncate(Math.min(checkpointFor, lastSeq - 1));
      checkpointFor = 0;
    }
    durableLease = Math.max(durableLease, p.batch().lease());
    local.lease(durableLease);
    if (!claimed) {
      claimed = true;
      local.activate(lastSeq);
      getContext().getLog().info("journal {} claimed at entry {}", journalId, lastSeq);
    }
    for (CommittedTxn t : p.batch().txns()) {
      ActorRef<Appended> r = waiting.remove(t.txnId());
      if (r != null) r.tell(new Appended(t.txnId(), t.commitTs(), null, getContext().getSelf()));
    }
    lastClosed = closable();
    crossbar.deliver(id, p.seq(), p.batch(), lastClosed, shards);
    if (!buffer.isEmpty() || !fenceRequests.isEmpty() || truncateWanted > 0) flush(false);
    else if (renewalWanted > durableLease) flush(true);
    return this;
  }

  /** The highest timestamp that may be published as closed now: the clock, bounded by the lease. */
  private long closable() {
    return Math.min(hlc.now(), durableLease);
  }

  /** A timestamp some reader waits to see closed beyond the lease (0: none). */
  private long renewalWanted;

  /** A replica that wrote to us can be written to directly until it terminates. */
  private void learnShard(int range, int replica, ActorRef<StorageShard.Command> ref) {
    if (range < 0 || replica < 0 || ref == null) return;
    int slot = crossbar.slot(range, replica);
    if (slot < 0) return;
    while (shards.size() <= slot) shards.add(null);
    ActorRef<StorageShard.Command> known = shards.get(slot);
    if (!ref.equals(known)) {
      if (known != null) getContext().unwatch(known);
      replicaApplied.remove(slot);
      shards.set(slot, ref);
      getContext().watch(ref);
    }
  }

  private Behavior<Command> onAdvance(AdvanceClosed a) {
    learnShard(a.range(), a.replica(), a.replyTo());
    if (!recovered) {
      stash.stash(a);
      return this;
    }
    hlc.update(a.atLeast());
    if (inFlight) {
      // The batch's delivery publishes a closed timestamp; if the lease holds it back, the next
      // batch renews it.
      if (a.atLeast() > durableLease) renewalWanted = Math.max(renewalWanted, a.atLeast());
      return this;
    }
    // Idle: nothing can commit at or below now() any more, so it is closed, up to the lease.
    lastClosed = closable();
    if (lastClosed >= a.atLeast()) {
      a.replyTo().tell(new StorageShard.Closed(id, lastSeq, lastClosed, getContext().getSelf(), 0));
    }
    // Renew ahead of need (half a lease left) so that steady reads rarely wait for a renewal.
    if (hlc.now() + Hlc.fromMicros(LEASE_MICROS / 2) > durableLease) {
      renewalWanted = Math.max(renewalWanted, a.atLeast());
      flush(true);
    }
    return this;
  }

  private Behavior<Command> onReplay(ReplayFrom r) {
    learnShard(r.range(), r.replica(), r.replyTo());
    if (!recovered) {
      stash.stash(r);
      return this;
    }
    if (r.fromSeq() > lastSeq) {
      r.replyTo().tell(new StorageShard.Closed(id, lastSeq, lastClosed, getContext().getSelf(), r.replayId()));
      return this;
    }
    readChunk(r, lastSeq);
    return this;
  }

  /** Reads the log off the actor's thread, one chunk at a time, up to {@code upTo}. */
  private void readChunk(ReplayFrom r, long upTo) {
    getContext().pipeToSelf(
        JournalStores.forSystem(getContext().getSystem())
            .readEventsAsync("journal-" + journalId, r.fromSeq(), REPLAY_CHUNK),
        (events, failure) -> new ReplayChunk(r, upTo, events, failure));
  }

  private Behavior<Command> onReplayChunk(ReplayChunk c) {
    ReplayFrom r = c.request();
    if (c.failure() != null) {
      getContext().getLog().warn("replay for range {} failed: {}", r.range(), c.failure().toString());
      return this;
    }
    if (!c.events().isEmpty() && c.events().get(0).seqNr() > r.fromSeq()) {
      // Deleted: every replica had applied those entries, so a peer's snapshot has them.
      r.replyTo().tell(new StorageShard.Truncated(id, c.events().get(0).seqNr(), r.replayId()));
      return this;
    }
    long next = r.fromSeq();
    for (JournalEvent e : c.events()) {
      if (e.seqNr() > c.upTo()) break;
      // No closed timestamp on replayed entries: later entries may still commit below lastClosed.
      crossbar.deliverTo(r.replyTo(), r.range(), id, e.seqNr(), (BatchCommitted) e.payload(), 0L);
      next = e.seqNr() + 1;
    }
    if (next <= c.upTo() && !c.events().isEmpty()) {
      readChunk(new ReplayFrom(r.range(), r.replica(), next, r.replayId(), r.replyTo()), c.upTo());
    } else {
      // lastClosed belongs to lastSeq, which may have moved on while reading: a shard that has
      // not applied through it sees the gap and asks again rather than advancing.
      r.replyTo().tell(new StorageShard.Closed(id, lastSeq, lastClosed, getContext().getSelf(), r.replayId()));
    }
    return this;
  }

  private Behavior<Command> onReplicaApplied(ReplicaApplied a) {
    int slot = crossbar.slot(a.range(), a.replica());
    if (slot < 0 || a.from() == null) return this;
    ActorRef<StorageShard.Command> known = slot < shards.size() ? shards.get(slot) : null;
    if (known == null) {
      learnShard(a.range(), a.replica(), a.from());
    } else if (!known.equals(a.from())) {
      return this; // an earlier incarnation's late report: its data may not be where the slot is now
    }
    replicaApplied.put(slot, a.seq());
    if (truncating || checkpointFor > 0 || truncateWanted > 0 || !recovered) return this;
    if (replicaApplied.size() < crossbar.slots()) return this;
    long min = Long.MAX_VALUE;
    for (long seq : replicaApplied.values()) min = Math.min(min, seq);
    if (min - truncatedTo < truncateEvery) return this;
    truncateWanted = min;
    if (!inFlight) flush(false);
    return this;
  }

  /** Deletes entries through {@code upTo}; the checkpoint batch after them is durable. */
  private void truncate(long upTo) {
    if (upTo <= truncatedTo) return;
    truncating = true;
    getContext().pipeToSelf(
        JournalStores.forSystem(getContext().getSystem()).deleteEventsAsync("journal-" + journalId, upTo)
            .thenApply(done -> Boolean.TRUE), // not null: a null would reach dead letters if we stop first
        (done, failure) -> new TruncationDone(upTo, failure));
  }

  private Behavior<Command> onTruncationDone(TruncationDone d) {
    truncating = false;
    if (d.failure() != null) {
      getContext().getLog().warn("journal {}: truncation through entry {} failed: {}", journalId, d.upTo(),
          d.failure().toString());
      return this;
    }
    truncatedTo = Math.max(truncatedTo, d.upTo());
    getContext().getLog().info("journal {} truncated through entry {} (every storage replica applied it)",
        journalId, truncatedTo);
    return this;
  }

  private Behavior<Command> onTerminated(Terminated t) {
    if (!t.getRef().equals(log)) {
      for (int r = 0; r < shards.size(); r++) {
        if (t.getRef().equals(shards.get(r))) {
          shards.set(r, null);
          replicaApplied.remove(r);
        }
      }
      return this;
    }
    return onLogStopped();
  }

  private Behavior<Command> onPostStop() {
    local.deactivate();
    return this;
  }

  private Behavior<Command> onLogStopped() {
    DbException unknown = Errors.commitOutcomeUnknown();
    waiting.forEach((id, ref) -> ref.tell(new Appended(id, 0, unknown, null)));
    waiting.clear();
    for (Append a : buffer) a.replyTo().tell(new Appended(a.txnId(), 0, Errors.writeConflict(), null));
    return Behaviors.stopped();
  }
}
