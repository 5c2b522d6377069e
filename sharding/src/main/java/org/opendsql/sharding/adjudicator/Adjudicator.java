package org.opendsql.sharding.adjudicator;

import java.time.Duration;
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
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.serialization.KryoMessage;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.journal.Journal;
import org.opendsql.sharding.journal.JournalRouter;

/**
 * The adjudicator of one key range. For a transaction it is the coordinator of (the lowest range
 * it touches) it collects the other ranges' votes, sends the decided write set to the journal and
 * answers the session; for the others it votes and then learns the decision.
 *
 * <p>Its state is soft: a new incarnation refuses every transaction that began before it started
 * (40001), so it never needs history it does not have.
 */
public final class Adjudicator extends AbstractBehavior<Adjudicator.Command> {
  public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "adjudicator");

  public interface Command {}

  /** The part of a write set that falls in one range, with the schema keys to validate there. */
  public record RangeWrites(int range, List<Write> writes, List<byte[]> schemaKeys) implements KryoMessage {}

  /** From a session to the coordinating range (the lowest range in {@code parts}). */
  public record CommitTxn(long txnId, long tauStart, List<RangeWrites> parts, ActorRef<Outcome> replyTo)
      implements Command, KryoMessage {}

  /** The commit timestamp, or the error that aborted the transaction. */
  public record Outcome(long txnId, long commitTs, DbException error) implements KryoMessage {}

  /** {@code deadlineTs}: no commit timestamp of this transaction can exceed it (see Journal.Append). */
  public record Prepare(long txnId, long tauStart, long deadlineTs, RangeWrites part, ActorRef<Vote> replyTo)
      implements Command, KryoMessage {}

  /** {@code epoch}: the voter's incarnation, so the journal can refuse a decision a restart voided. */
  public record Vote(long txnId, int range, ConflictWindow.Verdict verdict, long epoch,
      ActorRef<Command> voter) implements KryoMessage {}

  /**
   * The coordinator's decision; {@code commitTs == 0} aborts. It carries the range's write keys so
   * that an incarnation that never saw the Prepare (restarted since) still records the commit.
   */
  public record Decide(long txnId, long commitTs, List<byte[]> keys) implements Command, KryoMessage {}

  /** Starts the entity ahead of traffic; the reply says it is running. */
  public record Wake(ActorRef<Awake> replyTo) implements Command, KryoMessage {}

  /** The entity's own reference: callers may address it directly until it terminates. */
  public record Awake(int range, ActorRef<Command> ref) implements KryoMessage {}

  private record VoteReceived(Vote vote) implements Command {}

  private record AppendedReceived(Journal.Appended appended) implements Command {}

  private record FencedReceived(Journal.Fenced fenced) implements Command {}

  private enum RetryFence implements Command { INSTANCE }

  private record Expire(long txnId) implements Command {}

  private enum Prune implements Command { INSTANCE }

  public record Settings(Duration voteTimeout, Duration journalTimeout, Duration preparedTtl,
      long windowMicros) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
          330_000_000L);
    }
  }

  private static final class Coordination {
    final CommitTxn txn;
    long deadlineTs;
    final List<Journal.RangeEpoch> epochs = new ArrayList<>();
    final List<Integer> others = new ArrayList<>();
    int votesMissing;
    boolean appending;

    Coordination(CommitTxn txn) {
      this.txn = txn;
    }
  }

  private final int range;
  private final Hlc hlc;
  private final ClusterSharding sharding;
  private final JournalRouter journal;
  private final Settings settings;
  private final TimerScheduler<Command> timers;
  private final ConflictWindow window;
  /** This incarnation: its start time. Journals refuse decisions of older incarnations. */
  private long epoch;
  private final java.util.Set<Integer> unfenced = new java.util.HashSet<>();
  private final org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash;
  private final ActorRef<Journal.Fenced> fencedAdapter;
  private final Map<Long, Coordination> coordinating = new HashMap<>();
  private final Map<Long, Long> deadlines = new HashMap<>();
  private final ActorRef<Vote> voteAdapter;
  private final ActorRef<Journal.Appended> appendAdapter;
  private ActorRef<Journal.Command> journalRef;
  private final Map<Integer, ActorRef<Command>> peers = new HashMap<>();

  public static Behavior<Command> create(int range, Hlc hlc, ClusterSharding sharding,
      JournalRouter journal, Settings settings) {
    return Behaviors.withStash(100_000, stash -> Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new Adjudicator(ctx, timers, stash, range, hlc, sharding, journal, settings))));
  }

  private Adjudicator(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash, int range, Hlc hlc,
      ClusterSharding sharding, JournalRouter journal, Settings settings) {
    super(ctx);
    this.stash = stash;
    this.range = range;
    this.hlc = hlc;
    this.sharding = sharding;
    this.journal = journal;
    this.settings = settings;
    this.timers = timers;
    this.epoch = hlc.now();
    this.window = new ConflictWindow(epoch);
    this.voteAdapter = ctx.messageAdapter(Vote.class, VoteReceived::new);
    this.appendAdapter = ctx.messageAdapter(Journal.Appended.class, AppendedReceived::new);
    this.fencedAdapter = ctx.messageAdapter(Journal.Fenced.class, FencedReceived::new);
    timers.startTimerWithFixedDelay(Prune.INSTANCE, Duration.ofSeconds(30));
    for (int j = 0; j < journal.count(); j++) unfenced.add(j);
    fence();
  }

  /**
   * A new incarnation decides nothing until every journal has durably fenced older incarnations
   * of this range: after that, a decision an older incarnation made either already has a commit
   * timestamp (at most the journals' highest, below which this incarnation refuses transactions)
   * or will be refused by the journal.
   */
  private void fence() {
    for (int j : unfenced) journal.journal(j).tell(new Journal.Fence(range, epoch, fencedAdapter));
    timers.startSingleTimer(RetryFence.INSTANCE, RetryFence.INSTANCE, Duration.ofSeconds(2));
  }

  private Behavior<Command> onFenced(FencedReceived f) {
    Journal.Fenced fd = f.fenced();
    // A reply to an older fence request of ours: the current one brings its own reply.
    if (fd.range() != range || !unfenced.contains(fd.journal()) || fd.fence() < epoch) return this;
    if (fd.fence() > epoch) {
      // An earlier incarnation (on a node whose clock ran ahead) fenced above our epoch: take an
      // epoch above it and fence every journal again, or its decisions would not be refused.
      epoch = hlc.update(f.fenced().fence());
      window.prune(epoch);
      unfenced.clear();
      for (int j = 0; j < journal.count(); j++) unfenced.add(j);
      fence();
      return this;
    }
    unfenced.remove(fd.journal());
    window.prune(fd.maxAssignedTs());
    if (!unfenced.isEmpty()) return this;
    timers.cancel(RetryFence.INSTANCE);
    getContext().getLog().info("adjudicator of range {} fenced older incarnations; deciding from {}",
        range, Hlc.toString(window.lowWatermark()));
    return stash.unstashAll(this);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CommitTxn.class, c -> whenFenced(c, this::onCommit))
        .onMessage(Prepare.class, p -> whenFenced(p, this::onPrepare))
        .onMessage(FencedReceived.class, this::onFenced)
        .onMessageEquals(RetryFence.INSTANCE, () -> {
          if (!unfenced.isEmpty()) fence();
          return this;
        })
        .onMessage(Decide.class, this::onDecide)
        .onMessage(VoteReceived.class, this::onVote)
        .onMessage(AppendedReceived.class, this::onAppended)
        .onMessage(Expire.class, this::onExpire)
        .onMessage(Wake.class, w -> {
          w.replyTo().tell(new Awake(range, getContext().getSelf()));
          return this;
        })
        .onMessageEquals(Prune.INSTANCE, this::onPrune)
        .onSignal(Terminated.class, t -> {
          if (t.getRef().equals(journalRef)) journalRef = null;
          peers.values().removeIf(ref -> ref.equals(t.getRef()));
          return this;
        })
        .build();
  }

  private <T extends Command> Behavior<Command> whenFenced(T msg,
      java.util.function.Function<T, Behavior<Command>> handler) {
    if (!unfenced.isEmpty()) {
      stash.stash(msg);
      return this;
    }
    return handler.apply(msg);
  }

  private Behavior<Command> onCommit(CommitTxn c) {
    hlc.update(c.tauStart());
    RangeWrites local = null;
    Coordination co = new Coordination(c);
    for (RangeWrites p : c.parts()) {
      if (p.range() == range) local = p;
      else co.others.add(p.range());
    }
    if (local != null) {
      ConflictWindow.Verdict v = window.prepare(c.txnId(), c.tauStart(), keys(local.writes()), local.schemaKeys());
      if (v != ConflictWindow.Verdict.OK) {
        c.replyTo().tell(new Outcome(c.txnId(), 0, errorFor(v)));
        return this;
      }
    }
    co.epochs.add(new Journal.RangeEpoch(range, epoch));
    co.deadlineTs = hlc.now()
        + Hlc.fromMicros((settings.voteTimeout().toNanos() + settings.journalTimeout().toNanos()) / 1000);
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
    timers.startSingleTimer(new Expire(c.txnId()), new Expire(c.txnId()), settings.voteTimeout());
    return this;
  }

  private Behavior<Command> onVote(VoteReceived vr) {
    Vote v = vr.vote();
    learnPeer(v.range(), v.voter());
    Coordination co = coordinating.get(v.txnId());
    if (co == null || co.appending) return this;
    if (v.verdict() != ConflictWindow.Verdict.OK) {
      abort(co, errorFor(v.verdict()));
      return this;
    }
    co.epochs.add(new Journal.RangeEpoch(v.range(), v.epoch()));
    if (--co.votesMissing == 0) {
      timers.cancel(new Expire(v.txnId()));
      append(co);
    }
    return this;
  }

  private void append(Coordination co) {
    co.appending = true;
    List<Write> all = new ArrayList<>();
    for (RangeWrites p : co.txn.parts()) all.addAll(p.writes());
    Journal.Append append = new Journal.Append(co.txn.txnId(), co.txn.tauStart(), co.deadlineTs,
        List.copyOf(co.epochs), all, appendAdapter);
    if (journalRef != null) journalRef.tell(append);
    else journal.journal(journal.journalForRange(range)).tell(append);
    timers.startSingleTimer(new Expire(co.txn.txnId()), new Expire(co.txn.txnId()), settings.journalTimeout());
  }

  private Behavior<Command> onAppended(AppendedReceived ar) {
    Journal.Appended a = ar.appended();
    learnJournal(a.journal());
    Coordination co = coordinating.remove(a.txnId());
    if (co == null) return this;
    timers.cancel(new Expire(a.txnId()));
    if (a.error() != null) {
      if (a.error().state() == SqlState.TRANSACTION_RESOLUTION_UNKNOWN) {
        // It may be durable: fence its keys up to the deadline, above any timestamp it could have.
        long fence = Math.max(hlc.now(), co.deadlineTs);
        window.expire(a.txnId(), fence);
        for (int other : co.others) decide(co, other, fence);
      } else {
        // Refused before it was durable: nothing was committed.
        window.abort(a.txnId());
        for (int other : co.others) decide(co, other, 0);
      }
      co.txn.replyTo().tell(new Outcome(a.txnId(), 0, a.error()));
      return this;
    }
    hlc.update(a.commitTs());
    window.commit(a.txnId(), a.commitTs());
    for (int other : co.others) decide(co, other, a.commitTs());
    co.txn.replyTo().tell(new Outcome(a.txnId(), a.commitTs(), null));
    return this;
  }

  /** Appends skip the sharding hops once the journal's incarnation is known. */
  private void learnJournal(ActorRef<Journal.Command> ref) {
    if (ref != null && !ref.equals(journalRef)) {
      if (journalRef != null) getContext().unwatch(journalRef);
      journalRef = ref;
      getContext().watch(ref);
    }
  }

  private void abort(Coordination co, DbException error) {
    coordinating.remove(co.txn.txnId());
    timers.cancel(new Expire(co.txn.txnId()));
    window.abort(co.txn.txnId());
    for (int other : co.others) decide(co, other, 0);
    co.txn.replyTo().tell(new Outcome(co.txn.txnId(), 0, error));
  }

  private void decide(Coordination co, int otherRange, long commitTs) {
    List<byte[]> keys = List.of();
    for (RangeWrites p : co.txn.parts()) {
      if (p.range() == otherRange) keys = keys(p.writes());
    }
    tellPeer(otherRange, new Decide(co.txn.txnId(), commitTs, keys));
  }

  /** Other ranges' adjudicators are addressed directly once a vote revealed their incarnation. */
  private void tellPeer(int peerRange, Command message) {
    ActorRef<Command> ref = peers.get(peerRange);
    if (ref != null) ref.tell(message);
    else sharding.entityRefFor(KEY, RangeDirectory.entityId(peerRange)).tell(message);
  }

  private void learnPeer(int peerRange, ActorRef<Command> ref) {
    if (ref == null) return;
    ActorRef<Command> known = peers.put(peerRange, ref);
    if (!ref.equals(known)) {
      if (known != null) getContext().unwatch(known);
      getContext().watch(ref);
    }
  }

  private Behavior<Command> onPrepare(Prepare p) {
    hlc.update(p.tauStart());
    ConflictWindow.Verdict v = window.prepare(p.txnId(), p.tauStart(), keys(p.part().writes()),
        p.part().schemaKeys());
    if (v == ConflictWindow.Verdict.OK) {
      deadlines.put(p.txnId(), p.deadlineTs());
      timers.startSingleTimer(new Expire(p.txnId()), new Expire(p.txnId()), settings.preparedTtl());
    }
    p.replyTo().tell(new Vote(p.txnId(), range, v, epoch, getContext().getSelf()));
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
    return this;
  }

  private Behavior<Command> onExpire(Expire e) {
    Coordination co = coordinating.get(e.txnId());
    if (co != null) {
      if (!co.appending) {
        abort(co, Errors.writeConflict().withDetail("a key range did not vote in time"));
      } else {
        // The journal may still commit it, but never above the deadline: fence up to there.
        coordinating.remove(e.txnId());
        long fence = Math.max(hlc.now(), co.deadlineTs);
        window.expire(e.txnId(), fence);
        for (int other : co.others) decide(co, other, fence);
        co.txn.replyTo().tell(new Outcome(e.txnId(), 0, Errors.commitOutcomeUnknown()));
      }
      return this;
    }
    Long deadline = deadlines.remove(e.txnId());
    if (window.isPrepared(e.txnId())) {
      window.expire(e.txnId(), Math.max(hlc.now(), deadline == null ? 0 : deadline));
    }
    return this;
  }

  private Behavior<Command> onPrune() {
    window.prune(hlc.now() - Hlc.fromMicros(settings.windowMicros()));
    return this;
  }

  private static List<byte[]> keys(List<Write> writes) {
    List<byte[]> out = new ArrayList<>(writes.size());
    for (Write w : writes) out.add(w.key());
    return out;
  }

  private static DbException errorFor(ConflictWindow.Verdict v) {
    return switch (v) {
      case SCHEMA_CONFLICT -> Errors.schemaConflict();
      case TOO_OLD -> Errors.adjudicatorRestarted();
      default -> Errors.writeConflict();
    };
  }
}
