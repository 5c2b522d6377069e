package org.opendsql.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.journal.protocol.JournalProtocol.Append;
import org.opendsql.journal.protocol.JournalProtocol.AppendOutcome;
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.Command;
import org.opendsql.journal.protocol.JournalProtocol.Fence;
import org.opendsql.journal.protocol.JournalProtocol.FenceReceipt;
import org.opendsql.journal.protocol.JournalProtocol.FromReplica;
import org.opendsql.journal.protocol.JournalProtocol.Own;
import org.opendsql.journal.protocol.JournalProtocol.ReadDirectory;
import org.opendsql.journal.state.FenceTable;
import org.opendsql.journal.state.Lease;
import org.opendsql.journal.state.Sequencer;
import org.opendsql.journal.state.TruncationTracker;
import org.opendsql.persistence.journal.JournalEvent;
import org.opendsql.persistence.journal.JournalStores;
import org.opendsql.persistence.journal.LocalJournal;
import org.opendsql.storage.protocol.StorageProtocol;
import org.opendsql.storage.protocol.StorageProtocol.AdvanceClosed;
import org.opendsql.storage.protocol.StorageProtocol.CloseExcept;
import org.opendsql.storage.protocol.StorageProtocol.CloseThrough;
import org.opendsql.storage.protocol.StorageProtocol.FeedRequest;
import org.opendsql.storage.protocol.StorageProtocol.ReplayFrom;
import org.opendsql.storage.protocol.StorageProtocol.ReportApplied;
import org.opendsql.storage.protocol.StorageProtocol.Truncation;

/**
 * A journal: the cluster's durability point and commit sequencer. It routes appends and fences
 * into its {@link Sequencer} (group commit, commit timestamps, fences), writes each batch to the
 * journal store as the next entry of its event-sourced log (which {@link JournalLog} recovers at
 * start), answers only once the batch is durable, then hands it to the {@link Crossbar} with the
 * closed timestamp its {@link Lease} allows; its {@link TruncationTracker} decides when entries
 * every storage replica applied may be deleted.
 *
 * <p>Invariants: commit timestamps strictly increase along the journal; a closed timestamp is
 * never published while a batch is in flight nor above the highest durable lease, and every batch
 * assigned later gets timestamps above every closed timestamp already published.
 *
 * <p>Across incarnations (a crash, a move to another node, a paused writer): a new incarnation
 * recovers the highest lease and moves its clock past it before it assigns anything. Its first act
 * is a claim (a batch, empty if need be, at the next sequence number); under the journal store's
 * single-writer rule that claim either lands, after which no earlier incarnation can write again,
 * or is refused because an earlier incarnation's late batch landed first, and then this
 * incarnation stops and the next one recovers that batch too.
 */
public final class Journal extends AbstractBehavior<Command> {
  private record LogRecovered(JournalLog.State state) implements Own {}

  /** The store's answer to the write of entry {@code seq} (failure null: durable). */
  private record Written(long seq, Throwable failure) implements Own {}

  /** What entry {@code seq} holds after its write failed: the log's next entry, if any. */
  private record WriteChecked(long seq, List<JournalEvent> events, Throwable failure) implements Own {}

  private record ReplayChunk(ReplayFrom request, long upTo, List<JournalEvent> events, Throwable failure)
      implements Own {}

  private record TruncationDone(long upTo, Throwable failure) implements Own {}

  /** A hand-off waited its patience for the batch in flight. */
  private record HandOffOverdue() implements Own {}

  /**
   * How long a hand-off waits for the batch in flight (a write to a Raft group without a majority
   * may never end): the adjudicators' default journal timeout, past which their coordinators report
   * the outcome unknown anyway.
   */
  private static final java.time.Duration HAND_OFF_PATIENCE = java.time.Duration.ofSeconds(10);

  private final String journalId;
  private final int id;
  private final JournalSettings settings;
  private final Crossbar crossbar;
  private final LocalJournalState local;
  private final StashBuffer<Command> stash;
  /** Recovers the log's state, then stops: batches are written to the store directly. */
  private final ActorRef<JournalLog.Command> log;
  private final LocalJournal store;
  /** This incarnation, as the writer of the log's entries (the store's single-writer rule). */
  private final String writer = UUID.randomUUID().toString();
  private final ActorRef<FeedRequest> feedRef;
  private final Hlc hlc;
  private final FenceTable fences = new FenceTable();
  private final Lease lease;
  private final Sequencer sequencer;
  private final TruncationTracker truncation;
  /** Storage replicas' own references by slot (absent: not known, go through sharding). */
  private final Map<String, ActorRef<StorageProtocol.Command>> replicas = new HashMap<>();
  /** Every directory change this journal recorded, durable, in order. */
  private final List<RangeChange> changes = new ArrayList<>();
  /** The closed timestamp published with the last delivery or answer. */
  private long lastClosed;
  /** The keys the batch in flight writes (null: unknown, or none in flight). */
  private Set<ByteBuffer> inFlightKeys;
  /** The same as sent to replicas, made when first asked for. */
  private List<byte[]> inFlightKeyList;
  /** Replicas' requests for a closed timestamp that wait for the batch in flight. */
  private final List<AdvanceClosed> waitingAdvances = new ArrayList<>();
  /** Whether this incarnation's claim (its first batch) is durable. */
  private boolean claimed;
  /** Sharding is moving the journal: it stops once the batch in flight is answered. */
  private boolean handingOff;
  /** The bound on a hand-off's wait for the batch in flight (null: none scheduled). */
  private org.apache.pekko.actor.Cancellable handOffOverdue;

  /**
   * The dispatcher a journal runs on where its store appends on the caller's thread (a log on the
   * node's disk): a thread of its own, since it waits there for each batch's fdatasync.
   */
  public static final String DISPATCHER = "opendsql.journal-dispatcher";

  public static Behavior<Command> create(String journalId, JournalSettings settings, Hlc hlc, Crossbar crossbar,
      LocalJournalState local) {
    return Behaviors.withStash(settings.stashCapacity(), stash ->
        Behaviors.setup(ctx -> new Journal(ctx, stash, journalId, settings, hlc, crossbar, local)));
  }

  private Journal(ActorContext<Command> ctx, StashBuffer<Command> stash, String journalId, JournalSettings settings,
      Hlc hlc, Crossbar crossbar, LocalJournalState local) {
    super(ctx);
    this.stash = stash;
    this.journalId = journalId;
    this.id = Integer.parseInt(journalId);
    this.settings = settings;
    this.hlc = hlc;
    this.crossbar = crossbar;
    this.local = local;
    this.lease = new Lease(Hlc.fromMicros(settings.lease().toNanos() / 1000));
    this.sequencer = new Sequencer(hlc, fences, lease, Journal::nextBatchId, () -> List.copyOf(changes));
    this.truncation = new TruncationTracker(settings.truncateEvery());
    this.feedRef = ctx.messageAdapter(FeedRequest.class, FromReplica::new);
    this.store = JournalStores.forSystem(ctx.getSystem());
    this.log = ctx.spawn(JournalLog.create(journalId, settings,
        ctx.messageAdapter(JournalLog.State.class, LogRecovered::new)), "log");
    ctx.watch(log);
  }

  private static long nextBatchId() {
    long batchId;
    do {
      batchId = ThreadLocalRandom.current().nextLong();
    } while (batchId == 0);
    return batchId;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(LogRecovered.class, r -> onRecovered(r.state()))
        .onMessage(Append.class, this::onAppend)
        .onMessage(Fence.class, this::onFence)
        .onMessage(Written.class, this::onWritten)
        .onMessage(WriteChecked.class, this::onWriteChecked)
        .onMessage(FromReplica.class, this::onFromReplica)
        .onMessage(ReadDirectory.class, r -> {
          int from = Math.max(0, Math.min(r.from(), changes.size()));
          r.replyTo().tell(new JournalProtocol.DirectoryChanges(id, from, List.copyOf(changes.subList(from, changes.size()))));
          return this;
        })
        .onMessage(ReplayChunk.class, this::onReplayChunk)
        .onMessage(TruncationDone.class, this::onTruncationDone)
        .onMessage(JournalProtocol.HandOff.class, h -> onHandOff())
        .onMessage(HandOffOverdue.class, h -> {
          Sequencer.InFlight lost = sequencer.abandon();
          if (lost != null) {
            for (Append a : lost.appends()) a.replyTo().tell(AppendOutcome.refused(a.txnId(), Errors.commitOutcomeUnknown()));
          }
          return handedOff();
        })
        .onSignal(Terminated.class, this::onTerminated)
        .onSignal(PostStop.class, s -> {
          local.deactivate();
          return this;
        })
        .build();
  }

  private Behavior<Command> onRecovered(JournalLog.State r) {
    if (sequencer.recovered()) return this;
    // Its work is done: this incarnation writes every later entry itself.
    getContext().unwatch(log);
    getContext().stop(log);
    sequencer.learnRecovered(r.maxCommitTs(), r.fences(), r.lease());
    changes.clear();
    changes.addAll(r.changes());
    crossbar.learn(changes);
    sequencer.recovered(r.lastSeq());
    getContext().getLog().info("journal {} recovered at entry {}; claiming it", journalId, r.lastSeq());
    flush(true);
    return stash.unstashAll(this);
  }

  private Behavior<Command> onAppend(Append a) {
    if (handingOff) {
      if (sequencer.takeToRefuse(a)) a.replyTo().tell(AppendOutcome.refused(a.txnId(), movedBeforeWritten()));
      return this;
    }
    if (!sequencer.recovered()) {
      stash.stash(a);
      return this;
    }
    sequencer.add(a);
    if (!sequencer.inFlight()) flush(false);
    return this;
  }

  private Behavior<Command> onFence(Fence f) {
    if (!sequencer.recovered()) {
      stash.stash(f);
      return this;
    }
    sequencer.addFence(f);
    if (!sequencer.inFlight()) flush(false);
    return this;
  }

  /** Writes what waits; with {@code renew}, also when nothing does (a lease-only batch or the claim). */
  private void flush(boolean renew) {
    // A reservation names the batch in flight to readers: never made while one is.
    if (!sequencer.ready()) throw new IllegalStateException("flush while not ready");
    // Reserved, with the keys it writes, before any commit timestamp of the batch is taken from the
    // clock (see LocalJournalState).
    Set<ByteBuffer> keys = sequencer.pendingKeys(LocalJournalState.MAX_KEYS);
    local.reserve(sequencer.lastSeq() + 1, keys);
    inFlightKeys = keys;
    inFlightKeyList = null;
    boolean checkpoint = truncation.checkpointWanted();
    Sequencer.Flush f = sequencer.flush(renew, checkpoint);
    for (Sequencer.Refusal refusal : f.refused()) {
      refusal.append().replyTo().tell(AppendOutcome.refused(refusal.append().txnId(), refusal.error()));
    }
    if (f.written() == null) {
      local.unreserve(sequencer.lastSeq());
      inFlightKeys = null;
      return;
    }
    if (checkpoint) truncation.checkpointStarted();
    long seq = sequencer.lastSeq() + 1;
    if (store.appendsHere()) {
      // A local log: this journal waits for the write on its own thread (see DISPATCHER), which
      // saves handing the batch to the store's writer thread and the answer back (two wake-ups per
      // batch on a busy machine). Appends arriving meanwhile wait in the mailbox for the next batch.
      Throwable failure = null;
      try {
        store.appendEventHere(JournalLog.persistenceId(journalId), seq, writer, f.written().batch());
      } catch (RuntimeException e) {
        failure = e;
      }
      getContext().getSelf().tell(new Written(seq, failure));
      return;
    }
    getContext().pipeToSelf(store.appendEvent(JournalLog.persistenceId(journalId), seq, writer, f.written().batch()),
        (done, failure) -> new Written(seq, failure));
  }

  private Behavior<Command> onWritten(Written w) {
    if (w.failure() == null) return onPersisted(w.seq());
    // The answer failed, not necessarily the write: what the entry holds now tells (a later
    // position alone would not: an earlier incarnation's batch may be there).
    getContext().getLog().warn("journal {}: the write of entry {} failed ({}); reading it back", journalId, w.seq(),
        w.failure().toString());
    getContext().pipeToSelf(store.readEventsAsync(JournalLog.persistenceId(journalId), w.seq(), 1),
        (events, failure) -> new WriteChecked(w.seq(), events, failure));
    return this;
  }

  private Behavior<Command> onWriteChecked(WriteChecked c) {
    boolean ours = c.failure() == null && !c.events().isEmpty() && c.events().get(0).seqNr() == c.seq()
        && c.events().get(0).payload() instanceof BatchCommitted b && sequencer.inFlightLanded(b.batchId());
    if (ours) return onPersisted(c.seq());
    // Not there as far as we know, but a replicated store may still land it later: its
    // transactions' outcome is unknown (their coordinators fence the keys up to the deadline), and
    // this incarnation stops so that nothing more (no closed timestamp, no next batch under the
    // same sequence number) is published from a position in doubt.
    for (Append a : sequencer.abandon().appends()) {
      a.replyTo().tell(AppendOutcome.refused(a.txnId(), Errors.commitOutcomeUnknown()));
    }
    refuseUnwritten();
    getContext().getLog().warn("journal {}: entry {} is not ours after its write failed; restarting", journalId,
        c.seq());
    return Behaviors.stopped();
  }

  private static List<byte[]> keyList(Set<ByteBuffer> keys) {
    List<byte[]> out = new ArrayList<>(keys.size());
    for (ByteBuffer k : keys) {
      byte[] b = new byte[k.remaining()];
      k.duplicate().get(b);
      out.add(b);
    }
    return List.copyOf(out);
  }

  private Behavior<Command> onPersisted(long seq) {
    Sequencer.InFlight done = sequencer.persisted(seq);
    inFlightKeys = null;
    int known = changes.size();
    for (JournalProtocol.CommittedTxn t : done.batch().txns()) changes.addAll(t.changes());
    if (changes.size() > known) crossbar.learn(changes.subList(known, changes.size()));
    for (Fence f : done.fences()) {
      f.replyTo().tell(new FenceReceipt(id, f.range(), sequencer.maxAssignedTs(), fences.inForce(f.range(), f.epoch()),
          List.copyOf(changes)));
    }
    long deleteThrough = truncation.batchDurable(seq);
    if (deleteThrough > 0) truncate(deleteThrough);
    local.lease(lease.durable());
    if (!claimed) {
      claimed = true;
      // The claim itself is delivered like any batch, after this.
      local.activate(seq - 1, crossbar.knownRanges());
      getContext().getLog().info("journal {} claimed at entry {}", journalId, seq);
    }
    for (int i = 0; i < done.appends().size(); i++) {
      Append a = done.appends().get(i);
      a.replyTo().tell(AppendOutcome.committed(a.txnId(), done.batch().txns().get(i).commitTs(), getContext().getSelf()));
    }
    lastClosed = lease.closable(hlc.now());
    crossbar.deliver(id, seq, done.batch(), lastClosed, replicas, local);
    answerWaitingAdvances();
    if (handingOff) return handedOff();
    if (sequencer.hasWork() || truncation.checkpointWanted()) flush(false);
    else if (lease.renewalWanted()) flush(true);
    return this;
  }

  private Behavior<Command> onFromReplica(FromReplica m) {
    FeedRequest request = m.request();
    if (request instanceof AdvanceClosed a) {
      learnReplica(a.range(), a.replica(), a.replyTo());
      if (!sequencer.recovered()) return stashed(m);
      return onAdvance(a);
    }
    if (request instanceof ReplayFrom r) {
      learnReplica(r.range(), r.replica(), r.replyTo());
      if (!sequencer.recovered()) return stashed(m);
      return onReplay(r);
    }
    return onReportApplied((ReportApplied) request);
  }

  private Behavior<Command> stashed(Command m) {
    stash.stash(m);
    return this;
  }

  /** A replica that wrote to us can be written to directly until it terminates. */
  private void learnReplica(long range, int replica, ActorRef<StorageProtocol.Command> ref) {
    if (ref == null) return;
    String slot = Crossbar.slot(range, replica);
    ActorRef<StorageProtocol.Command> known = replicas.get(slot);
    if (!ref.equals(known)) {
      if (known != null) getContext().unwatch(known);
      truncation.forget(slot);
      replicas.put(slot, ref);
      getContext().watch(ref);
    }
  }

  private Behavior<Command> onAdvance(AdvanceClosed a) {
    hlc.update(a.atLeast());
    if (sequencer.inFlight()) {
      closeExceptInFlight(a);
      // Answered once the batch is delivered (which may not go to this range); if the lease holds
      // the closed timestamp back, the next batch renews it.
      lease.wantClosed(a.atLeast());
      waitingAdvances.add(a);
      return this;
    }
    // Idle: nothing can commit at or below now() any more, so it is closed, up to the lease.
    lastClosed = lease.closable(hlc.now());
    if (lastClosed >= a.atLeast()) {
      closeFor(a.range(), a.replyTo(), 0);
    } else {
      // Answered after the renewal below is delivered (a batch that may go to no range).
      waitingAdvances.add(a);
    }
    // Renew ahead of need (half a lease left) so that steady reads rarely wait for a renewal.
    if (lease.runningOut(hlc.now())) {
      lease.wantClosed(a.atLeast());
      flush(true);
    }
    return this;
  }

  /**
   * While a batch is in flight, reads of the keys it does not write need not wait for it: every
   * commit it holds lies below now, every later one above (the clock moved past the request first),
   * so now is closed for every other key, up to the lease. Not during the claim: what was sent to
   * each range is known only once this incarnation delivers.
   */
  private void closeExceptInFlight(AdvanceClosed a) {
    if (inFlightKeys == null || !claimed) return;
    long closable = lease.closable(hlc.now());
    if (closable < a.atLeast()) return;
    if (inFlightKeyList == null) inFlightKeyList = keyList(inFlightKeys);
    long before = sequencer.lastSeq();
    a.replyTo().tell(new CloseExcept(id, before + 1, Crossbar.lastForRange(local, a.range(), before), inFlightKeyList,
        closable, feedRef));
  }

  /** A closed timestamp for one replica of {@code range}, naming the last entry sent that range. */
  private void closeFor(long range, ActorRef<StorageProtocol.Command> replica, long replayId) {
    long through = sequencer.lastSeq();
    replica.tell(new CloseThrough(id, through, Crossbar.lastForRange(local, range, through), lastClosed, feedRef,
        replayId));
  }

  /** Advance requests that came while a batch was in flight: those its closed timestamp covers. */
  private void answerWaitingAdvances() {
    if (waitingAdvances.isEmpty()) return;
    List<AdvanceClosed> still = new ArrayList<>();
    for (AdvanceClosed a : waitingAdvances) {
      if (lastClosed >= a.atLeast()) closeFor(a.range(), a.replyTo(), 0);
      else still.add(a);
    }
    waitingAdvances.clear();
    // Bounded: a replica asks again on its next tick anyway.
    if (still.size() <= 4096) waitingAdvances.addAll(still);
  }

  private Behavior<Command> onReplay(ReplayFrom r) {
    if (r.fromSeq() > sequencer.lastSeq()) {
      closeFor(r.range(), r.replyTo(), r.replayId());
      return this;
    }
    readChunk(r, sequencer.lastSeq());
    return this;
  }

  /** Reads the log off the actor's thread, one chunk at a time, up to {@code upTo}. */
  private void readChunk(ReplayFrom r, long upTo) {
    getContext().pipeToSelf(
        store
            .readEventsAsync(JournalLog.persistenceId(journalId), r.fromSeq(), settings.replayChunk()),
        (events, failure) -> new ReplayChunk(r, upTo, events, failure));
  }

  private Behavior<Command> onReplayChunk(ReplayChunk c) {
    ReplayFrom r = c.request();
    if (c.failure() != null) {
      getContext().getLog().warn("journal {}: replay for range {} failed: {}", journalId, r.range(),
          c.failure().toString());
      return this;
    }
    if (!c.events().isEmpty() && c.events().get(0).seqNr() > r.fromSeq()) {
      // Deleted: every replica had applied those entries, so a peer's snapshot has them.
      r.replyTo().tell(new Truncation(id, c.events().get(0).seqNr(), r.replayId()));
      return this;
    }
    long next = r.fromSeq();
    for (JournalEvent e : c.events()) {
      if (e.seqNr() > c.upTo()) break;
      // No closed timestamp on replayed entries: later entries may still commit below lastClosed.
      crossbar.deliverTo(r.replyTo(), id, e.seqNr(), (BatchCommitted) e.payload(), 0L);
      next = e.seqNr() + 1;
    }
    if (next <= c.upTo() && !c.events().isEmpty()) {
      readChunk(new ReplayFrom(r.range(), r.replica(), next, r.replayId(), r.replyTo()), c.upTo());
    } else {
      // lastClosed belongs to the last entry, which may have moved on while reading: a replica
      // that has not applied the last one sent its range sees the gap and asks again.
      closeFor(r.range(), r.replyTo(), r.replayId());
    }
    return this;
  }

  private Behavior<Command> onReportApplied(ReportApplied a) {
    if (a.from() == null) return this;
    String slot = Crossbar.slot(a.range(), a.replica());
    ActorRef<StorageProtocol.Command> known = replicas.get(slot);
    if (known == null) {
      learnReplica(a.range(), a.replica(), a.from());
    } else if (!known.equals(a.from())) {
      return this; // an earlier incarnation's late report: its data may not be where the slot is now
    }
    if (truncation.reported(slot, a.seq(), sequencer.recovered(), crossbar.slots()) && !sequencer.inFlight()) {
      flush(false);
    }
    return this;
  }

  /** Deletes entries through {@code upTo}; the checkpoint batch after them is durable. */
  private void truncate(long upTo) {
    getContext().pipeToSelf(
        store.deleteEventsAsync(JournalLog.persistenceId(journalId), upTo)
            .thenApply(done -> Boolean.TRUE), // not null: a null would reach dead letters if we stop first
        (done, failure) -> new TruncationDone(upTo, failure));
  }

  private Behavior<Command> onTruncationDone(TruncationDone d) {
    truncation.deleted(d.upTo(), d.failure() == null);
    if (d.failure() != null) {
      getContext().getLog().warn("journal {}: truncation through entry {} failed: {}", journalId, d.upTo(),
          d.failure().toString());
      return this;
    }
    getContext().getLog().info("journal {} truncated through entry {} (every storage replica applied it)",
        journalId, truncation.truncatedTo());
    return this;
  }

  private Behavior<Command> onTerminated(Terminated t) {
    if (!t.getRef().equals(log)) {
      for (String slot : List.copyOf(replicas.keySet())) {
        if (t.getRef().equals(replicas.get(slot))) {
          replicas.remove(slot);
          truncation.forget(slot);
        }
      }
      return this;
    }
    // The log stopped before it recovered: nothing was written, so nothing is in doubt.
    refuseUnwritten();
    return Behaviors.stopped();
  }

  /**
   * Sharding moves this journal. A batch in flight may already be durable: it is answered first
   * (its coordinators would otherwise report an unknown outcome); what waits behind it was never
   * written and is refused.
   */
  private Behavior<Command> onHandOff() {
    handingOff = true;
    refuseBuffered(movedBeforeWritten());
    if (sequencer.recovered() && sequencer.inFlight()) {
      handOffOverdue = getContext().scheduleOnce(HAND_OFF_PATIENCE, getContext().getSelf(), new HandOffOverdue());
      return this;
    }
    if (!sequencer.recovered()) {
      // Nothing of this incarnation is written yet; the appends it stashed are refused.
      stash.forEach(m -> {
        if (m instanceof Append a) a.replyTo().tell(AppendOutcome.refused(a.txnId(), movedBeforeWritten()));
      });
      stash.clear();
    }
    return handedOff();
  }

  private Behavior<Command> handedOff() {
    if (handOffOverdue != null) handOffOverdue.cancel();
    getContext().getLog().info("journal {} handed off at entry {}", journalId, sequencer.lastSeq());
    return Behaviors.stopped();
  }

  private static DbException movedBeforeWritten() {
    return Errors.writeConflict().withDetail("the journal moved before the commit was written");
  }

  /**
   * This incarnation stops: appends still waiting for a batch were never written, so their
   * coordinators learn at once that they did not commit (40001), rather than wait out their
   * journal timeout and report an unknown outcome.
   */
  private void refuseUnwritten() {
    refuseBuffered(Errors.writeConflict().withDetail("the journal restarted before the commit was written"));
  }

  /** Appends waiting for a batch are refused with {@code error}: none of them was written. */
  private void refuseBuffered(DbException error) {
    for (Append a : sequencer.drainBuffer()) a.replyTo().tell(AppendOutcome.refused(a.txnId(), error));
  }
}
