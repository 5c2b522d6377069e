package org.opendsql.adjudicator;

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
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Command;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.CommitTxn;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Decide;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.HandOff;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Incarnation;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Outcome;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Own;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Prepare;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.RangeWrites;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.MergeInto;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.MergeRange;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.MergeResult;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Merged;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.SplitRange;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.SplitResult;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Vote;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Wake;
import org.opendsql.adjudicator.protocol.AdjudicatorRoutes;
import org.opendsql.adjudicator.state.ConflictWindow;
import org.opendsql.adjudicator.state.Fencing;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.journal.protocol.JournalProtocol.AppendOutcome;
import org.opendsql.journal.protocol.JournalProtocol.FenceReceipt;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The adjudicator of one key range. For a transaction it is the coordinator of (the lowest range
 * it touches) it collects the other ranges' votes, sends the decided write set to the journal and
 * answers the session; for the others it votes and then learns the decision. Conflicts are decided
 * by its {@link ConflictWindow}, the fencing of older incarnations by {@link Fencing}.
 *
 * <p>Its state is soft: a new incarnation refuses every transaction that began before it started
 * (40001), so it never needs history it does not have.
 *
 * <p>Its range's bounds come from the journals: every directory change is a journal entry, and the
 * fence receipts carry them all, so once every journal fenced older incarnations this one knows
 * the bounds no other incarnation can change any more. It decides only keys inside them and
 * answers {@code moved} for others. It splits its range itself, as a transaction with no writes,
 * once nothing it decided is in flight, then keeps the left side; the right side's adjudicator,
 * a new incarnation, refuses every transaction that began before the highest commit timestamp the
 * journals had assigned when it fenced them, which is above the split's.
 *
 * <p>A merge takes two: the left range asks its right neighbour to retire ({@code MergeInto}); the
 * neighbour quiesces as for a split and appends the merge with both incarnations (the journal
 * refuses it if either was fenced since), then decides nothing; the left range widens its bounds
 * only on hearing the entry is durable, refusing transactions that began before it.
 */
public final class Adjudicator extends AbstractBehavior<Command> {
  private record VoteReceived(Vote vote) implements Own {}

  private record AppendAnswered(AppendOutcome outcome) implements Own {}

  private record FenceAnswered(FenceReceipt receipt) implements Own {}

  private record RetryFence() implements Own {}

  private record Expire(long txnId) implements Own {}

  private record Prune() implements Own {}

  private record Proposed(StorageProtocol.SplitProposal proposal) implements Own {}

  private record MergedAnswer(Merged merged) implements Own {}

  private record MergeOverdue(long right) implements Own {}

  /** This range taking in its right neighbour, from the request to the neighbour's answer. */
  private record Absorbing(MergeRange request, long right) {}

  /** This range retiring into its left neighbour, from the request to the durable entry. */
  private static final class Retiring {
    final MergeInto request;
    final RangeChange.Merge merge;
    long txnId;

    Retiring(MergeInto request, RangeChange.Merge merge) {
      this.request = request;
      this.merge = merge;
    }
  }

  /** A split asked for, from the request to the answer. */
  private static final class Splitting {
    final SplitRange request;
    RangeChange.Split split;
    long txnId;

    Splitting(SplitRange request) {
      this.request = request;
    }
  }

  /** A transaction this range coordinates, from its commit request to its outcome. */
  private static final class Coordination {
    final CommitTxn txn;
    long deadlineTs;
    final List<RangeEpoch> epochs = new ArrayList<>();
    final List<Long> others = new ArrayList<>();
    int votesMissing;
    boolean appending;

    Coordination(CommitTxn txn) {
      this.txn = txn;
    }
  }

  private final long range;
  /** The range's bounds, known once fencing is complete; null before (or if the range is gone). */
  private RangeDesc desc;
  /** The directory changes that shaped this range: what a moved answer carries. */
  private final List<RangeChange> history = new ArrayList<>();
  private Splitting splitting;
  private Absorbing absorbing;
  private Retiring retiring;
  private final java.util.function.Consumer<ActorRef<Command>> passivate;
  /** Sharding is moving this adjudicator: it stops once no commit it coordinates waits for the journal. */
  private boolean handingOff;
  private final ActorRef<Merged> mergedAdapter;
  private final Hlc hlc;
  private final AdjudicatorRoutes routes;
  private final AdjudicatorSettings settings;
  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private final Fencing fencing;
  private final ConflictWindow window;
  private final ActorRef<FenceReceipt> fenceAdapter;
  private final ActorRef<Vote> voteAdapter;
  private final ActorRef<AppendOutcome> appendAdapter;
  private final Map<Long, Coordination> coordinating = new HashMap<>();
  /**
   * Transactions this range answered lately: a second copy of a commit request (a network that
   * duplicates) is ignored. Answered again, a refused one could commit once what refused it (a
   * key another transaction held) is gone, after its session was told it failed.
   */
  private final java.util.Set<Long> answered = java.util.Collections.newSetFromMap(
      new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
          return size() > ANSWERED_KEPT;
        }
      });
  private static final int ANSWERED_KEPT = 100_000;
  /** Per transaction this range voted for: the deadline up to which its keys stay fenced if it expires. */
  private final Map<Long, Long> deadlines = new HashMap<>();
  private ActorRef<JournalProtocol.Command> journalRef;
  private final Map<Long, ActorRef<Command>> peers = new HashMap<>();

  /**
   * @param passivate asks for this entity to be stopped and forgotten (Cluster Sharding's
   *     passivation): a range merged into its neighbour has nothing left to decide, and a later
   *     message starts an incarnation that learns the merge from the journals and answers moved
   */
  public static Behavior<Command> create(long range, AdjudicatorSettings settings, Hlc hlc, AdjudicatorRoutes routes,
      java.util.function.Consumer<ActorRef<Command>> passivate) {
    return Behaviors.withStash(settings.stashCapacity(), stash -> Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new Adjudicator(ctx, timers, stash, range, settings, hlc, routes, passivate))));
  }

  private Adjudicator(ActorContext<Command> ctx, TimerScheduler<Command> timers, StashBuffer<Command> stash,
      long range, AdjudicatorSettings settings, Hlc hlc, AdjudicatorRoutes routes,
      java.util.function.Consumer<ActorRef<Command>> passivate) {
    super(ctx);
    this.passivate = passivate;
    this.stash = stash;
    this.range = range;
    this.hlc = hlc;
    this.routes = routes;
    this.settings = settings;
    this.timers = timers;
    this.fencing = new Fencing(hlc, routes.journals());
    this.window = new ConflictWindow(fencing.epoch());
    this.voteAdapter = ctx.messageAdapter(Vote.class, VoteReceived::new);
    this.appendAdapter = ctx.messageAdapter(AppendOutcome.class, AppendAnswered::new);
    this.fenceAdapter = ctx.messageAdapter(FenceReceipt.class, FenceAnswered::new);
    this.mergedAdapter = ctx.messageAdapter(Merged.class, MergedAnswer::new);
    timers.startTimerWithFixedDelay(new Prune(), settings.pruneInterval());
    fence();
  }

  /**
   * A new incarnation decides nothing until every journal has durably fenced older incarnations
   * of this range: after that, a decision an older incarnation made either already has a commit
   * timestamp (at most the journals' highest, below which this incarnation refuses transactions)
   * or will be refused by the journal.
   */
  private void fence() {
    for (int j : fencing.unfenced()) {
      routes.tellJournal(j, new JournalProtocol.Fence(range, fencing.epoch(), fenceAdapter));
    }
    timers.startSingleTimer(new RetryFence(), settings.fenceRetry());
  }

  private Behavior<Command> onFenceAnswered(FenceReceipt r) {
    if (r.range() != range) return this;
    routes.directory().offer(r.changes());
    for (RangeChange c : r.changes()) {
      for (long[] idGen : c.replaces()) {
        if (idGen[0] == range && !history.contains(c)) history.add(c);
      }
    }
    switch (fencing.receipt(r.journal(), r.fence())) {
      case STALE -> {
        return this;
      }
      case REFENCE -> {
        // An earlier incarnation (on a node whose clock ran ahead) fenced above our epoch: its
        // decisions are refused only once every journal holds a fence above it.
        window.prune(fencing.epoch());
        fence();
        return this;
      }
      case PENDING -> {
        window.prune(r.maxAssignedTs());
        return this;
      }
      default -> {
        window.prune(r.maxAssignedTs());
        timers.cancel(new RetryFence());
        desc = routes.directory().map().byId(range);
        getContext().getLog().info("adjudicator of range {} fenced older incarnations; deciding {} from {}",
            range, desc == null ? "nothing (the range is not in the directory)" : desc,
            Hlc.toString(window.lowWatermark()));
        return stash.unstashAll(this);
      }
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CommitTxn.class, c -> handingOff ? refuseCommit(c) : whenFenced(c, this::onCommit))
        .onMessage(Prepare.class, p -> handingOff ? refusePrepare(p) : whenFenced(p, this::onPrepare))
        .onMessage(HandOff.class, h -> onHandOff())
        .onMessage(FenceAnswered.class, f -> onFenceAnswered(f.receipt()))
        .onMessage(RetryFence.class, r -> {
          if (!fencing.complete()) fence();
          return this;
        })
        .onMessage(SplitRange.class, m -> handingOff ? refuseWhileMoving(m) : onSplitRange(m))
        .onMessage(MergeRange.class, m -> handingOff ? refuseWhileMoving(m) : onMergeRange(m))
        .onMessage(MergeInto.class, m -> handingOff ? refuseWhileMoving(m) : onMergeInto(m))
        .onMessage(MergedAnswer.class, m -> onMerged(m.merged()))
        .onMessage(MergeOverdue.class, m -> absorbing != null && absorbing.right() == m.right()
            ? absorbInDoubt() : this)
        .onMessage(Proposed.class, p -> onProposed(p.proposal()))
        .onMessage(Decide.class, d -> {
          // Behind the Prepare it decides, which waits for the fencing: handled first, an abort
          // would find nothing, and the Prepare after it would hold its keys until they expire.
          if (!fencing.complete()) {
            stash.stash(d);
            return this;
          }
          return onDecide(d);
        })
        .onMessage(VoteReceived.class, v -> onVote(v.vote()))
        .onMessage(AppendAnswered.class, a -> whileHandingOff(onAppendAnswered(a.outcome())))
        .onMessage(Expire.class, e -> whileHandingOff(onExpire(e)))
        .onMessage(Wake.class, w -> {
          w.replyTo().tell(new Incarnation(range, getContext().getSelf()));
          return this;
        })
        .onMessage(Prune.class, p -> {
          window.prune(hlc.now() - Hlc.fromMicros(settings.window().toNanos() / 1000));
          return this;
        })
        .onSignal(Terminated.class, t -> {
          if (t.getRef().equals(journalRef)) journalRef = null;
          java.util.Set<Long> lost = new java.util.HashSet<>();
          peers.forEach((peerRange, ref) -> {
            if (ref.equals(t.getRef())) lost.add(peerRange);
          });
          peers.values().removeIf(ref -> ref.equals(t.getRef()));
          abortAwaitingVotesOf(lost);
          return this;
        })
        .build();
  }

  private <T extends Command> Behavior<Command> whenFenced(T msg, java.util.function.Function<T, Behavior<Command>> handler) {
    // A split waits for what is in flight; what comes meanwhile waits for the split.
    if (!fencing.complete() || splitting != null && splitting.split != null || retiring != null) {
      stash.stash(msg);
      return this;
    }
    return handler.apply(msg);
  }

  private Behavior<Command> onCommit(CommitTxn c) {
    if (coordinating.containsKey(c.txnId()) || !answered.add(c.txnId())) return this;
    hlc.update(c.tauStart());
    RangeWrites local = null;
    Coordination co = new Coordination(c);
    for (RangeWrites p : c.parts()) {
      if (p.range() == range) local = p;
      else co.others.add(p.range());
    }
    if (local != null && !owns(local)) {
      c.replyTo().tell(Outcome.movedBy(c.txnId(), List.copyOf(history)));
      return this;
    }
    if (local != null) {
      ConflictWindow.Verdict v = window.prepare(c.txnId(), c.tauStart(), local.conflictKeys(), local.schemaKeys());
      if (v != ConflictWindow.Verdict.OK) {
        c.replyTo().tell(Outcome.failed(c.txnId(), errorFor(v)));
        return this;
      }
    }
    co.epochs.add(new RangeEpoch(range, fencing.epoch()));
    co.deadlineTs = hlc.now() + Hlc.fromMicros(settings.voteTimeout().plus(settings.journalTimeout()).toNanos() / 1000);
    coordinating.put(c.txnId(), co);
    if (co.others.isEmpty()) {
      append(co);
      return this;
    }
    co.votesMissing = co.others.size();
    for (RangeWrites p : c.parts()) {
      if (p.range() != range) {
        tellPeer(p.range(), new Prepare(c.txnId(), c.tauStart(), co.deadlineTs, p, voteAdapter));
      }
    }
    timers.startSingleTimer(new Expire(c.txnId()), settings.voteTimeout());
    return this;
  }

  private Behavior<Command> onVote(Vote v) {
    learnPeer(v.range(), v.voter());
    Coordination co = coordinating.get(v.txnId());
    if (co == null || co.appending) return this;
    if (v.moved() != null) {
      abortMoved(co, v.moved());
      return this;
    }
    if (v.verdict() != ConflictWindow.Verdict.OK) {
      abort(co, errorFor(v.verdict()));
      return this;
    }
    // A copy of one range's vote must not stand in for another range's.
    if (co.epochs.stream().anyMatch(e -> e.range() == v.range())) return this;
    co.epochs.add(new RangeEpoch(v.range(), v.epoch()));
    if (--co.votesMissing == 0) {
      timers.cancel(new Expire(v.txnId()));
      append(co);
    }
    return this;
  }

  /** Only the writes go to the journal: locked keys were adjudicated and are never written. */
  private void append(Coordination co) {
    co.appending = true;
    List<Write> all = new ArrayList<>();
    for (RangeWrites p : co.txn.parts()) all.addAll(p.writes());
    JournalProtocol.Append append = new JournalProtocol.Append(co.txn.txnId(), co.txn.tauStart(), co.deadlineTs,
        List.copyOf(co.epochs), all, List.of(), appendAdapter);
    if (journalRef != null) journalRef.tell(append);
    else routes.tellJournal(desc.journal(), append);
    timers.startSingleTimer(new Expire(co.txn.txnId()), settings.journalTimeout());
  }

  private Behavior<Command> onAppendAnswered(AppendOutcome a) {
    learnJournal(a.journal());
    if (splitting != null && splitting.txnId == a.txnId()) return onSplitAppended(a);
    if (retiring != null && retiring.txnId == a.txnId()) return onRetireAppended(a);
    Coordination co = coordinating.remove(a.txnId());
    if (co == null) return this;
    timers.cancel(new Expire(a.txnId()));
    if (a.error() != null) {
      if (a.error().state() == SqlState.TRANSACTION_RESOLUTION_UNKNOWN) {
        // It may be durable: fence its keys up to the deadline, above any timestamp it could have.
        long fence = Math.max(hlc.now(), co.deadlineTs);
        window.expire(a.txnId(), fence);
        for (long other : co.others) decide(co, other, fence);
      } else {
        // Refused before it was durable: nothing was committed.
        window.abort(a.txnId());
        for (long other : co.others) decide(co, other, 0);
      }
      co.txn.replyTo().tell(Outcome.failed(a.txnId(), a.error()));
      return maybeSplit();
    }
    hlc.update(a.commitTs());
    window.commit(a.txnId(), a.commitTs());
    for (long other : co.others) decide(co, other, a.commitTs());
    co.txn.replyTo().tell(Outcome.committed(a.txnId(), a.commitTs()));
    return maybeSplit();
  }

  /** Appends skip the sharding hops once the journal's incarnation is known. */
  private void learnJournal(ActorRef<JournalProtocol.Command> ref) {
    if (ref != null && !ref.equals(journalRef)) {
      if (journalRef != null) getContext().unwatch(journalRef);
      journalRef = ref;
      getContext().watch(ref);
    }
  }

  /**
   * A peer incarnation that stopped (its node was removed) will never vote: transactions still
   * waiting for its vote fail now rather than at the vote timeout, so their clients retry at once
   * (against the range's next incarnation). Nothing was appended for them, so nothing committed.
   */
  private void abortAwaitingVotesOf(java.util.Set<Long> lostRanges) {
    if (lostRanges.isEmpty()) return;
    for (Coordination co : List.copyOf(coordinating.values())) {
      if (co.appending) continue;
      for (long other : co.others) {
        if (lostRanges.contains(other) && co.epochs.stream().noneMatch(e -> e.range() == other)) {
          abort(co, Errors.writeConflict().withDetail("a key range's adjudicator stopped before it voted"));
          break;
        }
      }
    }
  }

  private void abort(Coordination co, DbException error) {
    coordinating.remove(co.txn.txnId());
    timers.cancel(new Expire(co.txn.txnId()));
    window.abort(co.txn.txnId());
    for (long other : co.others) decide(co, other, 0);
    co.txn.replyTo().tell(Outcome.failed(co.txn.txnId(), error));
    maybeSplit();
  }

  /** A peer no longer holds its part's keys: nothing was decided; the session re-routes. */
  private void abortMoved(Coordination co, List<RangeChange> changes) {
    coordinating.remove(co.txn.txnId());
    timers.cancel(new Expire(co.txn.txnId()));
    window.abort(co.txn.txnId());
    for (long other : co.others) decide(co, other, 0);
    co.txn.replyTo().tell(Outcome.movedBy(co.txn.txnId(), changes));
    maybeSplit();
  }

  private void decide(Coordination co, long otherRange, long commitTs) {
    List<byte[]> keys = List.of();
    for (RangeWrites p : co.txn.parts()) {
      if (p.range() == otherRange) keys = p.conflictKeys();
    }
    tellPeer(otherRange, new Decide(co.txn.txnId(), commitTs, keys));
  }

  /** Other ranges' adjudicators are addressed directly once a vote revealed their incarnation. */
  private void tellPeer(long peerRange, Command message) {
    ActorRef<Command> ref = peers.get(peerRange);
    if (ref != null) ref.tell(message);
    else routes.tellPeer(peerRange, message);
  }

  private void learnPeer(long peerRange, ActorRef<Command> ref) {
    if (ref == null) return;
    ActorRef<Command> known = peers.put(peerRange, ref);
    if (!ref.equals(known)) {
      if (known != null) getContext().unwatch(known);
      getContext().watch(ref);
    }
  }

  private Behavior<Command> onPrepare(Prepare p) {
    hlc.update(p.tauStart());
    if (!owns(p.part())) {
      p.replyTo().tell(new Vote(p.txnId(), range, ConflictWindow.Verdict.WRITE_CONFLICT, fencing.epoch(), getContext().getSelf(),
          List.copyOf(history)));
      return this;
    }
    ConflictWindow.Verdict v = window.prepare(p.txnId(), p.tauStart(), p.part().conflictKeys(), p.part().schemaKeys());
    if (v == ConflictWindow.Verdict.OK) {
      deadlines.put(p.txnId(), p.deadlineTs());
      timers.startSingleTimer(new Expire(p.txnId()), settings.preparedTtl());
    }
    p.replyTo().tell(new Vote(p.txnId(), range, v, fencing.epoch(), getContext().getSelf(), null));
    return this;
  }

  private Behavior<Command> onDecide(Decide d) {
    timers.cancel(new Expire(d.txnId()));
    deadlines.remove(d.txnId());
    if (d.commitTs() == 0) {
      window.abort(d.txnId());
    } else {
      hlc.update(d.commitTs());
      if (window.isPrepared(d.txnId())) window.commit(d.txnId(), d.commitTs());
      else window.recordCommit(d.keys(), d.commitTs());
    }
    return maybeSplit();
  }

  /** Whether every key of the part is inside this range's bounds. */
  private boolean owns(RangeWrites part) {
    if (desc == null) return false;
    for (Write w : part.writes()) {
      if (!desc.contains(w.key())) return false;
    }
    for (byte[] k : part.lockedKeys()) {
      if (!desc.contains(k)) return false;
    }
    for (byte[] k : part.schemaKeys()) {
      if (!desc.contains(k)) return false;
    }
    return true;
  }

  private Behavior<Command> onSplitRange(SplitRange s) {
    if (!fencing.complete()) {
      stash.stash(s);
      return this;
    }
    String refusal = desc == null ? "range " + range + " is not in the directory"
        : splitting != null ? "a split of range " + range + " is already under way"
        : absorbing != null || retiring != null ? "a merge of range " + range + " is under way"
        : s.generation() >= 0 && s.generation() != desc.generation()
            ? "range " + range + " is at generation " + desc.generation() + ", not " + s.generation() : null;
    if (refusal != null) {
      s.replyTo().tell(new SplitResult(range, null, 0, refusal));
      return this;
    }
    splitting = new Splitting(s);
    if (s.at() == null) {
      routes.tellReplica(range, 0, new StorageProtocol.ProposeSplit(
          getContext().messageAdapter(StorageProtocol.SplitProposal.class, Proposed::new)));
      timers.startSingleTimer(new Proposed(new StorageProtocol.SplitProposal(range, -1, null)), settings.voteTimeout());
      return this;
    }
    return splitAt(s.at());
  }

  private Behavior<Command> onProposed(StorageProtocol.SplitProposal p) {
    if (splitting == null || splitting.split != null) return this;
    timers.cancel(new Proposed(new StorageProtocol.SplitProposal(range, -1, null)));
    if (p.at() == null) return refuseSplit(p.generation() < 0 ? "the range's first replica did not answer in time"
        : "the range has too few keys to split");
    return splitAt(p.at());
  }

  private Behavior<Command> refuseSplit(String why) {
    Splitting sp = splitting;
    splitting = null;
    sp.request.replyTo().tell(new SplitResult(range, null, 0, why));
    return stash.unstashAll(this);
  }

  /**
   * Chooses the right side's id (unused in the directory) and journal (the one with the fewest
   * ranges), then waits until nothing this range decided is in flight.
   */
  private Behavior<Command> splitAt(byte[] at) {
    if (!(java.util.Arrays.compareUnsigned(desc.start(), at) < 0 && desc.contains(at))) {
      return refuseSplit("the split key is not strictly inside range " + range);
    }
    RangeMap map = routes.directory().map();
    long rightId;
    do {
      rightId = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    } while (map.byId(rightId) != null);
    int[] perJournal = new int[routes.journals()];
    for (RangeDesc r : map.ranges()) {
      if (r.journal() < perJournal.length) perJournal[r.journal()]++;
    }
    int journal = 0;
    for (int j = 1; j < perJournal.length; j++) {
      if (perJournal[j] < perJournal[journal]) journal = j;
    }
    splitting.split = new RangeChange.Split(range, desc.generation(), at, rightId, journal);
    return maybeSplit();
  }

  /** Appends the split once no transaction this range takes part in is undecided. */
  private Behavior<Command> maybeSplit() {
    if (handingOff) return stopWhenIdle();
    maybeRetire();
    if (splitting == null || splitting.split == null || splitting.txnId != 0) return this;
    if (!coordinating.isEmpty() || !deadlines.isEmpty()) return this;
    long txnId = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    splitting.txnId = txnId == 0 ? 1 : txnId;
    long now = hlc.now();
    JournalProtocol.Append append = new JournalProtocol.Append(splitting.txnId, now,
        now + Hlc.fromMicros(settings.journalTimeout().toNanos() / 1000), List.of(new RangeEpoch(range, fencing.epoch())),
        List.of(), List.of(splitting.split), appendAdapter);
    if (journalRef != null) journalRef.tell(append);
    else routes.tellJournal(desc.journal(), append);
    timers.startSingleTimer(new Expire(splitting.txnId), settings.journalTimeout());
    return this;
  }

  private Behavior<Command> onSplitAppended(AppendOutcome a) {
    timers.cancel(new Expire(a.txnId()));
    Splitting sp = splitting;
    if (a.error() != null) {
      if (a.error().state() == SqlState.TRANSACTION_RESOLUTION_UNKNOWN) return splitInDoubt();
      return refuseSplit("the journal refused the split: " + a.error().getMessage());
    }
    splitting = null;
    hlc.update(a.commitTs());
    RangeChange.Split split = sp.split;
    desc = new RangeDesc(range, desc.start(), split.at(), desc.journal(), desc.generation() + 1);
    history.add(split);
    routes.directory().offer(split);
    getContext().getLog().info("range {} split at {}: now {}, range {} holds the rest", range,
        org.opendsql.core.codec.Bytes.hex(split.at()), desc, split.rightId());
    sp.request.replyTo().tell(new SplitResult(range, split, a.commitTs(), null));
    // Transactions that waited for the split: those with keys past it now get moved answers.
    return stash.unstashAll(this);
  }

  /**
   * Whether the split is durable is unknown: this incarnation can no longer tell which keys are
   * its own, so it stops, and the next one learns the answer from the journals when it fences them.
   */
  private Behavior<Command> splitInDoubt() {
    getContext().getLog().warn("range {}: the outcome of its split is unknown; restarting to learn it", range);
    splitting.request.replyTo().tell(new SplitResult(range, null, 0, "the outcome of the split is unknown"));
    return Behaviors.stopped();
  }

  private Behavior<Command> onExpire(Expire e) {
    if (splitting != null && splitting.txnId == e.txnId()) return splitInDoubt();
    if (retiring != null && retiring.txnId == e.txnId()) return retireInDoubt();
    Coordination co = coordinating.get(e.txnId());
    if (co != null) {
      if (!co.appending) {
        abort(co, Errors.writeConflict().withDetail("a key range did not vote in time"));
      } else {
        // The journal may still commit it, but never above the deadline: fence up to there.
        coordinating.remove(e.txnId());
        long fence = Math.max(hlc.now(), co.deadlineTs);
        window.expire(e.txnId(), fence);
        for (long other : co.others) decide(co, other, fence);
        co.txn.replyTo().tell(Outcome.failed(e.txnId(), Errors.commitOutcomeUnknown()));
      }
      return maybeSplit();
    }
    Long deadline = deadlines.remove(e.txnId());
    if (window.isPrepared(e.txnId())) {
      window.expire(e.txnId(), Math.max(hlc.now(), deadline == null ? 0 : deadline));
    }
    return maybeSplit();
  }

  // ------------------------------------------------------------------ merges

  private Behavior<Command> onMergeRange(MergeRange m) {
    if (!fencing.complete()) {
      stash.stash(m);
      return this;
    }
    RangeDesc right = desc == null || desc.end() == null ? null : routes.directory().map().rangeOf(desc.end());
    String refusal = desc == null ? "range " + range + " is not in the directory"
        : splitting != null ? "a split of range " + range + " is under way"
        : absorbing != null || retiring != null ? "a merge of range " + range + " is already under way"
        : m.generation() >= 0 && m.generation() != desc.generation()
            ? "range " + range + " is at generation " + desc.generation() + ", not " + m.generation()
        : desc.end() == null ? "range " + range + " is the last range: it has no right neighbour"
        : routes.journals() != 1 ? "merging ranges needs a cluster with one journal (this one has " + routes.journals()
            + "): with several, a range's writes can sit in any journal's entries"
        : !java.util.Arrays.equals(right.start(), desc.end()) ? "this node's directory is behind range " + range
            + "'s bounds; try again"
        : right.journal() != desc.journal() ? "range " + right.id() + " commits to another journal" : null;
    if (refusal != null) {
      m.replyTo().tell(new MergeResult(range, null, 0, refusal));
      return this;
    }
    absorbing = new Absorbing(m, right.id());
    tellPeer(right.id(), new MergeInto(range, desc.generation(), fencing.epoch(), right.generation(), mergedAdapter));
    timers.startSingleTimer(new MergeOverdue(right.id()), settings.voteTimeout().plus(settings.preparedTtl())
        .plus(settings.journalTimeout().multipliedBy(2)));
    return this;
  }

  /** The right neighbour's answer: on success this range holds both sides from the merge's timestamp on. */
  private Behavior<Command> onMerged(Merged r) {
    if (absorbing == null || absorbing.right() != r.right()) return this;
    if (r.outcomeUnknown()) return absorbInDoubt();
    timers.cancel(new MergeOverdue(r.right()));
    Absorbing a = absorbing;
    absorbing = null;
    if (r.refusal() != null) {
      a.request().replyTo().tell(new MergeResult(range, null, 0, r.refusal()));
      return this;
    }
    hlc.update(r.commitTs());
    RangeChange.Merge merge = r.merge();
    desc = new RangeDesc(range, desc.start(), r.rightEnd(), desc.journal(),
        Math.max(desc.generation(), merge.rightGeneration()) + 1);
    history.add(merge);
    routes.directory().offer(merge);
    // The neighbour's recent commits are not in this window: transactions that began before the
    // merge are refused (retryable), as after a restart.
    window.prune(r.commitTs());
    getContext().getLog().info("range {} took in range {}: now {}", range, r.right(), desc);
    a.request().replyTo().tell(new MergeResult(range, merge, r.commitTs(), null));
    return this;
  }

  /** Whether the neighbour merged is unknown: the next incarnation learns it from the journals. */
  private Behavior<Command> absorbInDoubt() {
    getContext().getLog().warn("range {}: the outcome of its merge with range {} is unknown; restarting to learn it",
        range, absorbing.right());
    absorbing.request().replyTo().tell(new MergeResult(range, null, 0, "the outcome of the merge is unknown"));
    return Behaviors.stopped();
  }

  private Behavior<Command> onMergeInto(MergeInto m) {
    if (!fencing.complete()) {
      stash.stash(m);
      return this;
    }
    RangeDesc left = routes.directory().map().byId(m.left());
    String refusal = desc == null ? "range " + range + " is not in the directory"
        : splitting != null ? "a split of range " + range + " is under way"
        : absorbing != null || retiring != null ? "a merge of range " + range + " is already under way"
        : m.rightGeneration() != desc.generation()
            ? "range " + range + " is at generation " + desc.generation() + ", not " + m.rightGeneration()
        : left == null || left.generation() != m.leftGeneration() || left.end() == null
            || !java.util.Arrays.equals(left.end(), desc.start())
            ? "range " + m.left() + " is not this range's left neighbour at generation " + m.leftGeneration() + " here"
        : left.journal() != desc.journal() ? "range " + m.left() + " commits to another journal" : null;
    if (refusal != null) {
      m.replyTo().tell(new Merged(range, null, 0, null, refusal, false));
      return this;
    }
    retiring = new Retiring(m, new RangeChange.Merge(m.left(), m.leftGeneration(), range, desc.generation()));
    return maybeSplit();
  }

  /**
   * Appends the merge once no transaction this range takes part in is undecided; commits and
   * prepares that arrive meanwhile wait, and are answered by the outcome (moved, once merged).
   */
  private void maybeRetire() {
    if (retiring == null || retiring.txnId != 0) return;
    if (!coordinating.isEmpty() || !deadlines.isEmpty()) return;
    long txnId = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    retiring.txnId = txnId == 0 ? 1 : txnId;
    long now = hlc.now();
    JournalProtocol.Append append = new JournalProtocol.Append(retiring.txnId, now,
        now + Hlc.fromMicros(settings.journalTimeout().toNanos() / 1000),
        List.of(new RangeEpoch(range, fencing.epoch()), new RangeEpoch(retiring.request.left(), retiring.request.leftEpoch())),
        List.of(), List.of(retiring.merge), appendAdapter);
    if (journalRef != null) journalRef.tell(append);
    else routes.tellJournal(desc.journal(), append);
    timers.startSingleTimer(new Expire(retiring.txnId), settings.journalTimeout());
  }

  private Behavior<Command> onRetireAppended(AppendOutcome a) {
    timers.cancel(new Expire(a.txnId()));
    Retiring r = retiring;
    if (a.error() != null && a.error().state() == SqlState.TRANSACTION_RESOLUTION_UNKNOWN) return retireInDoubt();
    retiring = null;
    if (a.error() != null) {
      r.request.replyTo().tell(new Merged(range, null, 0, null, "the journal refused the merge: "
          + a.error().getMessage(), false));
      return stash.unstashAll(this);
    }
    hlc.update(a.commitTs());
    byte[] end = desc.end();
    desc = null;
    history.add(r.merge);
    routes.directory().offer(r.merge);
    getContext().getLog().info("range {} merged into range {} at {}", range, r.request.left(), Hlc.toString(a.commitTs()));
    r.request.replyTo().tell(new Merged(range, r.merge, a.commitTs(), end, null, false));
    // What waited for the merge is answered moved: the keys are the left range's now. Then this
    // entity goes: kept, it would run (and be counted, and be restarted after moves) for ever.
    Behavior<Command> next = stash.unstashAll(this);
    passivate.accept(getContext().getSelf());
    return next;
  }

  private Behavior<Command> retireInDoubt() {
    getContext().getLog().warn("range {}: the outcome of its merge into range {} is unknown; restarting to learn it",
        range, retiring.request.left());
    retiring.request.replyTo().tell(new Merged(range, null, 0, null, "the outcome of the merge is unknown", true));
    return Behaviors.stopped();
  }

  /**
   * Sharding moves this adjudicator. A commit whose append is in flight may be durable: it is
   * answered when the journal answers (or its timeout says the outcome is unknown). Everything
   * else was decided nowhere and is refused, so its client retries against the next incarnation
   * at once instead of waiting for an answer that would never come.
   */
  private Behavior<Command> onHandOff() {
    handingOff = true;
    for (Coordination co : List.copyOf(coordinating.values())) {
      if (!co.appending) abort(co, movedBeforeDecided());
    }
    stash.forEach(m -> {
      if (m instanceof CommitTxn c) refuseCommit(c);
      else if (m instanceof Prepare p) refusePrepare(p);
      else refuseWhileMoving(m);
    });
    stash.clear();
    getContext().getLog().info("adjudicator of range {} handing off ({} commits awaiting the journal)", range,
        coordinating.size());
    return stopWhenIdle();
  }

  /** After an answer or a timeout: a hand-off in progress may have nothing left to wait for. */
  private Behavior<Command> whileHandingOff(Behavior<Command> next) {
    return handingOff && next == this ? stopWhenIdle() : next;
  }

  private Behavior<Command> stopWhenIdle() {
    if (!coordinating.isEmpty() || splitting != null && splitting.txnId != 0 || retiring != null && retiring.txnId != 0) {
      return this;
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> refuseCommit(CommitTxn c) {
    // A copy of a commit already taken: the original's answer stands (its append may be durable).
    if (coordinating.containsKey(c.txnId()) || !answered.add(c.txnId())) return this;
    c.replyTo().tell(Outcome.failed(c.txnId(), movedBeforeDecided()));
    return this;
  }

  /** A split or merge asked of a range whose adjudicator is moving: refused, asked again later. */
  private Behavior<Command> refuseWhileMoving(Command m) {
    String why = "the range's adjudicator is moving";
    if (m instanceof SplitRange r) r.replyTo().tell(new SplitResult(range, null, 0, why));
    else if (m instanceof MergeRange r) r.replyTo().tell(new MergeResult(range, null, 0, why));
    else if (m instanceof MergeInto r) r.replyTo().tell(new Merged(range, null, 0, null, why, false));
    return this;
  }

  private Behavior<Command> refusePrepare(Prepare p) {
    p.replyTo().tell(new Vote(p.txnId(), range, ConflictWindow.Verdict.WRITE_CONFLICT, fencing.epoch(),
        getContext().getSelf(), null));
    return this;
  }

  private static DbException movedBeforeDecided() {
    return Errors.writeConflict().withDetail("the key range's adjudicator moved before the commit was decided");
  }

  private static DbException errorFor(ConflictWindow.Verdict v) {
    return switch (v) {
      case SCHEMA_CONFLICT -> Errors.schemaConflict();
      case TOO_OLD -> Errors.adjudicatorRestarted();
      default -> Errors.writeConflict();
    };
  }
}
