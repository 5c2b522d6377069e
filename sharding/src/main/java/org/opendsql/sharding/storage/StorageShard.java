package org.opendsql.sharding.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.serialization.KryoMessage;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.journal.Journal;
import org.opendsql.sharding.journal.JournalRouter;
import org.opendsql.sharding.journal.LocalJournalState;

/**
 * A storage replica of one key range, on the node's RocksDB MVCC store. It applies committed
 * writes strictly in journal order and serves a read at T only once it has applied everything
 * up to a closed timestamp at or above T: until then the read waits (bounded), it is never
 * answered from an older state.
 */
public final class StorageShard extends AbstractBehavior<StorageShard.Command> {
  public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "storage");

  public interface Command {}

  /** The writes of one committed transaction that fall in this range. */
  public record CommittedWrites(long commitTs, List<Write> writes) implements KryoMessage {}

  /** Journal entry {@code seq} (possibly with no writes for this range) and the closed timestamp after it. */
  public record Apply(long seq, List<CommittedWrites> txns, long closedTs) implements Command, KryoMessage {}

  /** Nothing at or below {@code closedTs} will commit beyond journal entry {@code throughSeq}. */
  public record Closed(long throughSeq, long closedTs, ActorRef<Journal.Command> journal, long replayId)
      implements Command, KryoMessage {}

  public record ReadAt(byte[] key, long ts, ActorRef<ReadResult> replyTo) implements Command, KryoMessage {}

  public record ReadResult(byte[] value, DbException error) implements KryoMessage {}

  public record ScanAt(byte[] from, boolean fromExclusive, byte[] to, long ts, int limit,
      ActorRef<ScanResult> replyTo) implements Command, KryoMessage {}

  public record ScanResult(ScanPage page, DbException error) implements KryoMessage {}

  /** Starts the entity (and its catch-up) before the first read needs it. */
  public record Wake(ActorRef<Awake> replyTo) implements Command, KryoMessage {}

  /** The entity's own reference: callers may address it directly until it terminates. */
  public record Awake(int range, ActorRef<Command> ref) implements KryoMessage {}

  private enum Tick implements Command { INSTANCE }

  private record Parked(Command request, long ts, long since) {}

  private static final int MAX_EARLY = 10_000;
  private static final long GAP_PATIENCE_NANOS = 50_000_000L;

  public record Settings(Duration maxReadWait, Duration gcInterval, long gcHorizonMicros) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(10), Duration.ofMinutes(1), 300_000_000L);
    }
  }

  private final int range;
  private final MvccStore store;
  private final JournalRouter journal;
  private final Hlc hlc;
  private final LocalJournalState localJournal;
  private final Settings settings;
  private long appliedSeq;
  private long closedTs;
  private long advanceRequestedTo;
  private long replayRequestedAt = Long.MIN_VALUE;
  private long replayId;
  private long replaySeq;
  private long gcHorizon;
  private long lastGcAt = System.nanoTime();
  private final List<Parked> parked = new ArrayList<>();
  private final java.util.TreeMap<Long, Apply> early = new java.util.TreeMap<>();
  private final java.util.TreeMap<Long, Long> pendingClosed = new java.util.TreeMap<>();
  private long gapSince;
  private ActorRef<Journal.Command> journalRef;

  public static Behavior<Command> create(int range, MvccStore store, JournalRouter journal, Hlc hlc,
      LocalJournalState localJournal, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new StorageShard(ctx, timers, range, store, journal, hlc, localJournal, settings)));
  }

  private StorageShard(ActorContext<Command> ctx, TimerScheduler<Command> timers, int range,
      MvccStore store, JournalRouter journal, Hlc hlc, LocalJournalState localJournal,
      Settings settings) {
    super(ctx);
    this.localJournal = localJournal;
    this.range = range;
    this.store = store;
    this.journal = journal;
    this.hlc = hlc;
    this.settings = settings;
    this.appliedSeq = store.appliedPosition(range);
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(100));
    requestReplay();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ReadAt.class, this::onRead)
        .onMessage(ScanAt.class, this::onScan)
        .onMessage(Apply.class, this::onApply)
        .onMessage(Closed.class, this::onClosed)
        .onMessage(Wake.class, w -> {
          w.replyTo().tell(new Awake(range, getContext().getSelf()));
          return this;
        })
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onSignal(Terminated.class, this::onJournalTerminated)
        .build();
  }

  private Behavior<Command> onRead(ReadAt r) {
    if (r.ts() < gcHorizon) {
      r.replyTo().tell(new ReadResult(null, Errors.ageLimit()));
    } else if (r.ts() <= closedTs) {
      serveRead(r);
    } else {
      park(r, r.ts());
    }
    return this;
  }

  private Behavior<Command> onScan(ScanAt s) {
    if (s.ts() < gcHorizon) {
      s.replyTo().tell(new ScanResult(null, Errors.ageLimit()));
    } else if (s.ts() <= closedTs) {
      serveScan(s);
    } else {
      park(s, s.ts());
    }
    return this;
  }

  private void serveRead(ReadAt r) {
    try {
      r.replyTo().tell(new ReadResult(store.get(range, r.key(), r.ts()), null));
    } catch (RuntimeException e) {
      r.replyTo().tell(new ReadResult(null, DbException.of(e)));
    }
  }

  private void serveScan(ScanAt s) {
    try {
      ScanPage page = store.scan(range, s.from(), s.fromExclusive(), s.to(), s.ts(), s.limit());
      s.replyTo().tell(new ScanResult(page, null));
    } catch (RuntimeException e) {
      s.replyTo().tell(new ScanResult(null, DbException.of(e)));
    }
  }

  private void park(Command request, long ts) {
    if (closedLocally(ts)) {
      if (request instanceof ReadAt r) serveRead(r);
      else serveScan((ScanAt) request);
      return;
    }
    parked.add(new Parked(request, ts, System.nanoTime()));
    requestAdvance(ts);
  }

  /** The journal runs in this JVM and is settled at our position: T is closed (see LocalJournalState). */
  private boolean closedLocally(long ts) {
    if (!early.isEmpty() || !pendingClosed.isEmpty()) return false;
    hlc.update(ts);
    if (!localJournal.settledAt(appliedSeq)) return false;
    closedTs = Math.max(closedTs, ts);
    return true;
  }

  private void requestAdvance(long ts) {
    if (ts > advanceRequestedTo) {
      advanceRequestedTo = ts;
      if (journalRef != null) {
        journalRef.tell(new Journal.AdvanceClosed(range, ts, getContext().getSelf()));
      } else {
        journal.advanceClosed(range, ts, getContext().getSelf());
      }
    }
  }

  private Behavior<Command> onApply(Apply a) {
    if (a.seq() <= appliedSeq) return this;
    if (a.seq() != appliedSeq + 1) {
      // Arrived ahead of an entry still on its way (another route) or lost: hold it briefly.
      if (early.size() < MAX_EARLY) early.put(a.seq(), a);
      noteGap();
      return this;
    }
    applyEntry(a);
    Apply next;
    while ((next = early.remove(appliedSeq + 1)) != null) applyEntry(next);
    early.headMap(appliedSeq + 1).clear();
    settlePending();
    return this;
  }

  private void applyEntry(Apply a) {
    List<MvccStore.Commit> commits = new ArrayList<>(a.txns().size());
    for (CommittedWrites t : a.txns()) commits.add(new MvccStore.Commit(t.commitTs(), t.writes()));
    store.applyAll(range, commits, a.seq());
    appliedSeq = a.seq();
    advanceClosed(a.closedTs());
  }

  private Behavior<Command> onClosed(Closed c) {
    learnJournal(c.journal());
    if (c.replayId() != 0 && c.replayId() == replayId) replayId = 0;
    if (c.throughSeq() > appliedSeq) {
      // The closed timestamp holds only once the entries before it are applied.
      pendingClosed.merge(c.throughSeq(), c.closedTs(), Math::max);
      noteGap();
      return this;
    }
    advanceClosed(c.closedTs());
    return this;
  }

  private void settlePending() {
    while (!pendingClosed.isEmpty() && pendingClosed.firstKey() <= appliedSeq) {
      advanceClosed(pendingClosed.pollFirstEntry().getValue());
    }
    if (pendingClosed.isEmpty() && early.isEmpty()) gapSince = 0;
  }

  private void noteGap() {
    if (gapSince == 0) gapSince = System.nanoTime();
  }

  /** Closed-timestamp requests skip the sharding hops once the journal's incarnation is known. */
  private void learnJournal(ActorRef<Journal.Command> ref) {
    if (ref != null && !ref.equals(journalRef)) {
      if (journalRef != null) getContext().unwatch(journalRef);
      journalRef = ref;
      getContext().watch(ref);
    }
  }

  private Behavior<Command> onJournalTerminated(Terminated t) {
    if (t.getRef().equals(journalRef)) journalRef = null;
    return this;
  }

  private void advanceClosed(long ts) {
    if (ts > closedTs) closedTs = ts;
    if (advanceRequestedTo <= closedTs) advanceRequestedTo = closedTs;
    if (parked.isEmpty()) return;
    long stillWaiting = 0;
    Iterator<Parked> it = parked.iterator();
    while (it.hasNext()) {
      Parked p = it.next();
      if (p.ts() <= closedTs) {
        it.remove();
        if (p.request() instanceof ReadAt r) serveRead(r);
        else serveScan((ScanAt) p.request());
      } else {
        stillWaiting = Math.max(stillWaiting, p.ts());
      }
    }
    if (stillWaiting > 0 && advanceRequestedTo <= closedTs) requestAdvance(stillWaiting);
  }

  /** One replay at a time: a new one only after the last one ended (or was lost for 5 s). */
  private void requestReplay() {
    long now = System.nanoTime();
    if (replayId != 0 && now - replayRequestedAt < 5_000_000_000L) return;
    replayRequestedAt = now;
    replayId = ++replaySeq;
    Journal.ReplayFrom request = new Journal.ReplayFrom(range, appliedSeq + 1, replayId, getContext().getSelf());
    if (journalRef != null) journalRef.tell(request);
    else journal.journal().tell(request);
  }

  private Behavior<Command> onTick() {
    long now = System.nanoTime();
    long limit = settings.maxReadWait().toNanos();
    Iterator<Parked> it = parked.iterator();
    long stillWaiting = 0;
    while (it.hasNext()) {
      Parked p = it.next();
      if (now - p.since() > limit) {
        it.remove();
        if (p.request() instanceof ReadAt r) r.replyTo().tell(new ReadResult(null, Errors.storageUnavailable()));
        else ((ScanAt) p.request()).replyTo().tell(new ScanResult(null, Errors.storageUnavailable()));
      } else {
        stillWaiting = Math.max(stillWaiting, p.ts());
      }
    }
    if (stillWaiting > 0) {
      // A lost advance request must not strand reads: ask again.
      advanceRequestedTo = closedTs;
      requestAdvance(stillWaiting);
    }
    if (gapSince != 0 && now - gapSince > GAP_PATIENCE_NANOS) {
      gapSince = now;
      requestReplay();
    }
    if (now - lastGcAt > settings.gcInterval().toNanos()) {
      lastGcAt = now;
      long horizon = hlc.now() - Hlc.fromMicros(settings.gcHorizonMicros());
      if (horizon > 0 && horizon < closedTs) {
        // From here on a read below the horizon could miss versions: refuse it instead.
        gcHorizon = horizon;
        store.gc(range, horizon);
      }
    }
    return this;
  }
}
