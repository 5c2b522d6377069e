package org.opendsql.sharding.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
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
 * A storage replica of one key range, on the node's RocksDB MVCC store. It is fed by every
 * journal: from each it applies entries strictly in that journal's order, and it serves a read at
 * T only once every journal's closed timestamp has reached T (until then the read waits, bounded;
 * it is never answered from an older state). Entries of different journals interleave freely:
 * versions are keyed by commit timestamp, so only visibility needs the minimum closed timestamp.
 */
public final class StorageShard extends AbstractBehavior<StorageShard.Command> {
  public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "storage");

  public interface Command {}

  /** The writes of one committed transaction that fall in this range. */
  public record CommittedWrites(long commitTs, List<Write> writes) implements KryoMessage {}

  /** Entry {@code seq} of journal {@code journal} (maybe no writes here) and its closed timestamp after it. */
  public record Apply(int journal, long seq, List<CommittedWrites> txns, long closedTs)
      implements Command, KryoMessage {}

  /** Journal {@code journal} will commit nothing at or below {@code closedTs} beyond entry {@code throughSeq}. */
  public record Closed(int journal, long throughSeq, long closedTs, ActorRef<Journal.Command> journalRef,
      long replayId) implements Command, KryoMessage {}

  /**
   * A read at {@code ts}. With {@code orElsewhere} (the reader knows another replica), a replica
   * still catching up answers {@code behind} at once instead of making the read wait for it.
   */
  public record ReadAt(byte[] key, long ts, boolean orElsewhere, ActorRef<ReadResult> replyTo)
      implements Command, KryoMessage {}

  public record ReadResult(byte[] value, DbException error, boolean behind) implements KryoMessage {
    public ReadResult(byte[] value, DbException error) {
      this(value, error, false);
    }
  }

  public record ScanAt(byte[] from, boolean fromExclusive, byte[] to, long ts, int limit, boolean orElsewhere,
      ActorRef<ScanResult> replyTo) implements Command, KryoMessage {}

  public record ScanResult(ScanPage page, DbException error, boolean behind) implements KryoMessage {
    public ScanResult(ScanPage page, DbException error) {
      this(page, error, false);
    }
  }

  /** Starts the entity (and its catch-up) before the first read needs it. */
  public record Wake(ActorRef<Awake> replyTo) implements Command, KryoMessage {}

  /** The entity's own reference: callers may address it directly until it terminates. */
  public record Awake(int range, int replica, ActorRef<Command> ref) implements KryoMessage {}

  /**
   * A replay asked for entries the journal has deleted (every replica had applied them): this
   * replica copies a peer's snapshot, then replays the journal from the snapshot's positions.
   */
  public record Truncated(int journal, long firstRetained, long replayId) implements Command, KryoMessage {}

  /** The next page of a peer's snapshot of this range after {@code afterKey} (null: open one). */
  public record SnapshotRequest(long transferId, byte[] afterKey, ActorRef<Command> replyTo)
      implements Command, KryoMessage {}

  /**
   * A page of a replica's snapshot: the versions, the journal positions the snapshot is at and the
   * horizon below which old versions may already be collected; {@code refused}: the peer cannot
   * give one now (it is catching up itself).
   */
  public record SnapshotChunk(long transferId, int fromReplica, long[] positions, long gcHorizon,
      List<MvccStore.RawVersion> versions, boolean done, boolean refused) implements Command, KryoMessage {}

  /** Stops the replica (an operator moving it, a test): open snapshot transfers are released. */
  public record Stop() implements Command, KryoMessage {}

  private record WalSynced(long[] positions, long installs, Throwable failure) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private record Parked(Command request, long ts, long since) {}

  private static final int MAX_EARLY = 10_000;
  /** Well under Artery's frame size (4 MiB in the node config). */
  private static final int SNAPSHOT_PAGE_BYTES = 512 * 1024;
  private static final long SNAPSHOT_PATIENCE_NANOS = 10_000_000_000L;
  private static final long SNAPSHOT_IDLE_NANOS = 30_000_000_000L;
  private static final long GAP_PATIENCE_NANOS = 50_000_000L;
  private static final long REPLAY_PATIENCE_NANOS = 5_000_000_000L;

  /**
   * {@code appliedReportInterval}: how often a replica makes its applied positions durable and
   * reports them to the journals; {@code truncateEvery}: how many entries a journal lets pile up
   * past what every replica applied before it truncates.
   */
  public record Settings(Duration maxReadWait, Duration gcInterval, long gcHorizonMicros,
      Duration appliedReportInterval, long truncateEvery) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(10), Duration.ofMinutes(1), 300_000_000L, Duration.ofSeconds(10), 10_000);
    }
  }

  /** A snapshot this replica is installing from a peer. */
  private static final class Install {
    final long transferId = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    final int peer;
    long lastHeard = System.nanoTime();
    long versions;

    Install(int peer) {
      this.peer = peer;
    }
  }

  /** A snapshot this replica is handing to a peer. */
  private static final class Outgoing {
    final MvccStore.RangeSnapshot snapshot;
    final long[] positions;
    final long gcHorizon;
    long lastUsed = System.nanoTime();

    Outgoing(MvccStore.RangeSnapshot snapshot, long[] positions, long gcHorizon) {
      this.snapshot = snapshot;
      this.positions = positions;
      this.gcHorizon = gcHorizon;
    }
  }

  /** What this replica knows of one journal's stream. */
  private static final class Feed {
    final int journal;
    long appliedSeq;
    long closedTs;
    long advanceRequestedTo;
    /** Entries that arrived ahead of a missing one (another route, or lost): held, not dropped. */
    final TreeMap<Long, Apply> early = new TreeMap<>();
    /** Closed timestamps that hold only once the entries before them are applied. */
    final TreeMap<Long, Long> pendingClosed = new TreeMap<>();
    long gapSince;
    ActorRef<Journal.Command> ref;
    long replayId;
    long replayRequestedAt = Long.MIN_VALUE;

    Feed(int journal, long appliedSeq) {
      this.journal = journal;
      this.appliedSeq = appliedSeq;
    }

    boolean settled() {
      return early.isEmpty() && pendingClosed.isEmpty();
    }
  }

  private final int range;
  private final int replica;
  /** This replica's key space in the node's store. */
  private final int storeId;
  private final MvccStore store;
  private final JournalRouter journals;
  private final Hlc hlc;
  private final List<LocalJournalState> localJournals;
  private final Settings settings;
  private final Feed[] feeds;
  private final List<Parked> parked = new ArrayList<>();
  private long closedTs;
  private long replaySeq;
  private long gcHorizon;
  private long lastGcAt = System.nanoTime();
  private final int replicas;
  private final IntUnaryOperator keySpaces;
  private final IntFunction<RecipientRef<Command>> peers;
  /** Snapshot installs started: a WAL sync begun before the latest one reports nothing. */
  private long installs;
  private long lastNoPeerError = System.nanoTime() - SNAPSHOT_IDLE_NANOS - 1;
  private Install installing;
  private int nextPeer;
  private final Map<Long, Outgoing> outgoing = new HashMap<>();
  private final long[] reported;
  private boolean syncing;
  private long lastReportAt = System.nanoTime();

  /**
   * Replica {@code replica} of {@code range} (of {@code replicas}), keeping its data in the node
   * store's key space {@code keySpaces(replica)} ({@code keySpaces(k)}: where replica k of the range
   * keeps it on this node, maybe left from an earlier placement); {@code peers} addresses replica k
   * of the same range.
   */
  public static Behavior<Command> create(int range, int replica, int replicas, IntUnaryOperator keySpaces,
      MvccStore store, JournalRouter journals, Hlc hlc, List<LocalJournalState> localJournals,
      IntFunction<RecipientRef<Command>> peers, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new StorageShard(ctx, timers, range, replica,
        replicas, keySpaces, store, journals, hlc, localJournals, peers, settings)));
  }

  private StorageShard(ActorContext<Command> ctx, TimerScheduler<Command> timers, int range, int replica,
      int replicas, IntUnaryOperator keySpaces, MvccStore store, JournalRouter journals, Hlc hlc,
      List<LocalJournalState> localJournals, IntFunction<RecipientRef<Command>> peers, Settings settings) {
    super(ctx);
    this.range = range;
    this.replica = replica;
    this.replicas = replicas;
    this.keySpaces = keySpaces;
    this.storeId = keySpaces.applyAsInt(replica);
    this.peers = peers;
    this.nextPeer = (replica + 1) % replicas;
    this.store = store;
    this.journals = journals;
    this.hlc = hlc;
    this.localJournals = localJournals;
    this.settings = settings;
    this.feeds = new Feed[journals.count()];
    for (int j = 0; j < feeds.length; j++) feeds[j] = new Feed(j, store.appliedPosition(storeId, j));
    this.reported = new long[feeds.length];
    this.gcHorizon = store.gcHorizon(storeId);
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(100));
    for (Feed f : feeds) requestReplay(f);
    ctx.getLog().info("storage replica {}-{} started", range, replica);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ReadAt.class, this::onRead)
        .onMessage(ScanAt.class, this::onScan)
        .onMessage(Apply.class, this::onApply)
        .onMessage(Closed.class, this::onClosed)
        .onMessage(Wake.class, w -> {
          w.replyTo().tell(new Awake(range, replica, getContext().getSelf()));
          return this;
        })
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Truncated.class, this::onTruncated)
        .onMessage(SnapshotRequest.class, this::onSnapshotRequest)
        .onMessage(SnapshotChunk.class, this::onSnapshotChunk)
        .onMessage(WalSynced.class, this::onWalSynced)
        .onMessage(Stop.class, stop -> Behaviors.stopped())
        .onSignal(Terminated.class, this::onJournalTerminated)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, stop -> {
          outgoing.values().forEach(o -> o.snapshot.close());
          getContext().getLog().info("storage replica {}-{} stopped", range, replica);
          return this;
        })
        .build();
  }

  private Behavior<Command> onRead(ReadAt r) {
    if (r.ts() < gcHorizon) {
      r.replyTo().tell(new ReadResult(null, Errors.ageLimit()));
    } else if (r.ts() <= closedTs && installing == null) {
      serveRead(r);
    } else if (r.orElsewhere() && catchingUp()) {
      r.replyTo().tell(new ReadResult(null, null, true));
    } else {
      park(r, r.ts());
    }
    return this;
  }

  private Behavior<Command> onScan(ScanAt s) {
    if (s.ts() < gcHorizon) {
      s.replyTo().tell(new ScanResult(null, Errors.ageLimit()));
    } else if (s.ts() <= closedTs && installing == null) {
      serveScan(s);
    } else if (s.orElsewhere() && catchingUp()) {
      s.replyTo().tell(new ScanResult(null, null, true));
    } else {
      park(s, s.ts());
    }
    return this;
  }

  /** Replaying a journal (new replica, restart, gap): reads would wait for the whole replay. */
  private boolean catchingUp() {
    if (installing != null) return true;
    for (Feed f : feeds) {
      if (f.replayId != 0) return true;
    }
    return false;
  }

  private void serveRead(ReadAt r) {
    try {
      r.replyTo().tell(new ReadResult(store.get(storeId, r.key(), r.ts()), null));
    } catch (RuntimeException e) {
      r.replyTo().tell(new ReadResult(null, DbException.of(e)));
    }
  }

  private void serveScan(ScanAt s) {
    try {
      ScanPage page = store.scan(storeId, s.from(), s.fromExclusive(), s.to(), s.ts(), s.limit());
      s.replyTo().tell(new ScanResult(page, null));
    } catch (RuntimeException e) {
      s.replyTo().tell(new ScanResult(null, DbException.of(e)));
    }
  }

  private void serve(Command request) {
    if (request instanceof ReadAt r) serveRead(r);
    else serveScan((ScanAt) request);
  }

  private void park(Command request, long ts) {
    if (closedLocally(ts)) {
      serve(request);
      return;
    }
    parked.add(new Parked(request, ts, System.nanoTime()));
    for (Feed f : feeds) {
      if (f.closedTs < ts) requestAdvance(f, ts);
    }
  }

  /**
   * Every journal runs in this JVM and is settled at our position: T is closed with no message
   * (see {@link LocalJournalState}). The clock moves past T first, so later batches get larger
   * timestamps.
   */
  private boolean closedLocally(long ts) {
    if (installing != null) return false;
    for (Feed f : feeds) {
      if (!f.settled()) return false;
    }
    hlc.update(ts);
    for (Feed f : feeds) {
      if (!localJournals.get(f.journal).settledAt(f.appliedSeq, ts)) return false;
    }
    for (Feed f : feeds) {
      f.closedTs = Math.max(f.closedTs, ts);
      // Half the lease left: ask the journal, which renews it before reads have to wait.
      if (ts > localJournals.get(f.journal).lease() - Hlc.fromMicros(Journal.LEASE_MICROS / 2)) {
        requestAdvance(f, ts);
      }
    }
    closedTs = Math.max(closedTs, ts);
    return true;
  }

  private void requestAdvance(Feed f, long ts) {
    if (ts > f.advanceRequestedTo) {
      f.advanceRequestedTo = ts;
      Journal.AdvanceClosed request = new Journal.AdvanceClosed(range, replica, ts, getContext().getSelf());
      if (f.ref != null) f.ref.tell(request);
      else journals.journal(f.journal).tell(request);
    }
  }

  private Behavior<Command> onApply(Apply a) {
    // Installing a snapshot: the replay that follows it brings whatever the snapshot lacks.
    if (installing != null) return this;
    Feed f = feeds[a.journal()];
    if (a.seq() <= f.appliedSeq) return this;
    if (a.seq() != f.appliedSeq + 1) {
      if (f.early.size() < MAX_EARLY) f.early.put(a.seq(), a);
      noteGap(f);
      return this;
    }
    applyEntry(f, a);
    Apply next;
    while ((next = f.early.remove(f.appliedSeq + 1)) != null) applyEntry(f, next);
    f.early.headMap(f.appliedSeq + 1).clear();
    settlePending(f);
    return this;
  }

  private void applyEntry(Feed f, Apply a) {
    List<MvccStore.Commit> commits = new ArrayList<>(a.txns().size());
    for (CommittedWrites t : a.txns()) commits.add(new MvccStore.Commit(t.commitTs(), t.writes()));
    store.applyAll(storeId, f.journal, commits, a.seq());
    f.appliedSeq = a.seq();
    advanceClosed(f, a.closedTs());
  }

  private Behavior<Command> onClosed(Closed c) {
    Feed f = feeds[c.journal()];
    learnJournal(f, c.journalRef());
    if (installing != null) return this;
    if (c.replayId() != 0 && c.replayId() == f.replayId) {
      f.replayId = 0;
      getContext().getLog().info("storage range {} replica {} replayed journal {} through entry {}", range, replica, f.journal,
          f.appliedSeq);
    }
    if (c.throughSeq() > f.appliedSeq) {
      f.pendingClosed.merge(c.throughSeq(), c.closedTs(), Math::max);
      noteGap(f);
      return this;
    }
    advanceClosed(f, c.closedTs());
    return this;
  }

  private void settlePending(Feed f) {
    while (!f.pendingClosed.isEmpty() && f.pendingClosed.firstKey() <= f.appliedSeq) {
      advanceClosed(f, f.pendingClosed.pollFirstEntry().getValue());
    }
    if (f.settled()) f.gapSince = 0;
  }

  private void noteGap(Feed f) {
    if (f.gapSince == 0) f.gapSince = System.nanoTime();
  }

  /** Requests to a journal skip the sharding hops once its incarnation is known. */
  private void learnJournal(Feed f, ActorRef<Journal.Command> ref) {
    if (ref != null && !ref.equals(f.ref)) {
      if (f.ref != null) getContext().unwatch(f.ref);
      f.ref = ref;
      getContext().watch(ref);
    }
  }

  private Behavior<Command> onJournalTerminated(Terminated t) {
    for (Feed f : feeds) {
      if (t.getRef().equals(f.ref)) {
        f.ref = null;
        // A replay asked of the dead incarnation will never end: allow a new one at once.
        f.replayId = 0;
      }
    }
    return this;
  }

  private void advanceClosed(Feed f, long ts) {
    if (ts > f.closedTs) f.closedTs = ts;
    if (f.advanceRequestedTo <= f.closedTs) f.advanceRequestedTo = f.closedTs;
    long min = Long.MAX_VALUE;
    for (Feed g : feeds) min = Math.min(min, g.closedTs);
    if (min > closedTs) closedTs = min;
    if (parked.isEmpty() || installing != null) return;
    long stillWaiting = 0;
    Iterator<Parked> it = parked.iterator();
    while (it.hasNext()) {
      Parked p = it.next();
      if (p.ts() <= closedTs) {
        it.remove();
        serve(p.request());
      } else {
        stillWaiting = Math.max(stillWaiting, p.ts());
      }
    }
    if (stillWaiting > 0) {
      for (Feed g : feeds) {
        if (g.closedTs < stillWaiting && g.advanceRequestedTo <= g.closedTs) requestAdvance(g, stillWaiting);
      }
    }
  }

  /** One replay per journal at a time: a new one only after the last ended (or was lost for 5 s). */
  private void requestReplay(Feed f) {
    long now = System.nanoTime();
    if (f.replayId != 0 && now - f.replayRequestedAt < REPLAY_PATIENCE_NANOS) return;
    f.replayRequestedAt = now;
    f.replayId = ++replaySeq;
    Journal.ReplayFrom request = new Journal.ReplayFrom(range, replica, f.appliedSeq + 1, f.replayId, getContext().getSelf());
    if (f.ref != null) f.ref.tell(request);
    else journals.journal(f.journal).tell(request);
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
    for (Feed f : feeds) {
      if (stillWaiting > f.closedTs) {
        // A lost advance request must not strand reads: ask again.
        f.advanceRequestedTo = f.closedTs;
        requestAdvance(f, stillWaiting);
      }
      if (f.gapSince != 0 && now - f.gapSince > GAP_PATIENCE_NANOS && installing == null) {
        f.gapSince = now;
        requestReplay(f);
      }
    }
    if (installing != null && now - installing.lastHeard > SNAPSHOT_PATIENCE_NANOS) {
      getContext().getLog().warn("storage range {} replica {}: no snapshot page from replica {} in time; asking another",
          range, replica, installing.peer);
      startInstall();
    }
    outgoing.entrySet().removeIf(e -> {
      boolean idle = now - e.getValue().lastUsed > SNAPSHOT_IDLE_NANOS;
      if (idle) e.getValue().snapshot.close();
      return idle;
    });
    if (!syncing && installing == null && now - lastReportAt > settings.appliedReportInterval().toNanos()) {
      reportApplied(now);
    }
    if (now - lastGcAt > settings.gcInterval().toNanos()) {
      lastGcAt = now;
      long horizon = hlc.now() - Hlc.fromMicros(settings.gcHorizonMicros());
      if (horizon > 0 && horizon < closedTs && installing == null) {
        // From here on a read below the horizon could miss versions: refuse it instead.
        gcHorizon = horizon;
        store.gc(storeId, horizon);
      }
    }
    return this;
  }

  /**
   * Makes the applied positions durable (WAL fsync, off the actor's thread) and then reports them:
   * a journal deletes only entries that every replica has durably applied.
   */
  private void reportApplied(long now) {
    lastReportAt = now;
    long[] positions = new long[feeds.length];
    boolean moved = false;
    for (Feed f : feeds) {
      positions[f.journal] = f.appliedSeq;
      moved |= f.appliedSeq > reported[f.journal];
    }
    if (!moved) return;
    syncing = true;
    java.util.concurrent.Executor blocking = getContext().getSystem().dispatchers()
        .lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking());
    long generation = installs;
    // A non-null result: if this replica stops first, a null would reach dead letters.
    getContext().pipeToSelf(java.util.concurrent.CompletableFuture.runAsync(store::syncWal, blocking)
            .thenApply(done -> Boolean.TRUE),
        (done, failure) -> new WalSynced(positions, generation, failure));
  }

  private Behavior<Command> onWalSynced(WalSynced w) {
    syncing = false;
    if (w.failure() != null) {
      getContext().getLog().warn("storage range {} replica {}: WAL sync failed: {}", range, replica, w.failure().toString());
      return this;
    }
    if (installing != null || w.installs() != installs) return this;
    for (Feed f : feeds) {
      long seq = w.positions()[f.journal];
      if (seq <= reported[f.journal]) continue;
      reported[f.journal] = seq;
      Journal.ReplicaApplied report = new Journal.ReplicaApplied(range, replica, seq, getContext().getSelf());
      if (f.ref != null) f.ref.tell(report);
      else journals.journal(f.journal).tell(report);
    }
    return this;
  }

  private Behavior<Command> onTruncated(Truncated t) {
    Feed f = feeds[t.journal()];
    if (t.replayId() != f.replayId) return this;
    f.replayId = 0;
    if (installing != null) return this;
    getContext().getLog().info("storage range {} replica {}: journal {} has no entries before {}, past our position {};"
        + " copying a snapshot", range, replica, t.journal(), t.firstRetained(), f.appliedSeq);
    if (!copyLocalKeySpace(t.journal(), t.firstRetained())) startInstall();
    return this;
  }

  /**
   * This node may hold the range from an earlier placement, under another replica's key space
   * (a full restart reshuffles replicas over the nodes), or a co-located replica runs here: if one
   * is past the truncation, copy it from a consistent snapshot rather than over the network.
   */
  private boolean copyLocalKeySpace(int journal, long firstRetained) {
    int best = -1;
    long bestPosition = firstRetained - 2;
    for (int k = 0; k < replicas; k++) {
      if (k == replica) continue;
      long p = store.appliedPosition(keySpaces.applyAsInt(k), journal);
      if (p > bestPosition) {
        best = k;
        bestPosition = p;
      }
    }
    if (best < 0) return false;
    installs++;
    MvccStore.Copied copied = store.copyRange(keySpaces.applyAsInt(best), storeId, feeds.length, SNAPSHOT_PAGE_BYTES);
    resetFeeds();
    finishInstall(copied.positions(), copied.gcHorizon(), copied.versions(), "this node's key space of replica " + best);
    return true;
  }

  /**
   * Drops this replica's copy and asks the next peer for a snapshot. Until the last page is in,
   * nothing is served, nothing applied, nothing reported: the positions are written last.
   */
  private void startInstall() {
    if (replicas < 2) {
      long now = System.nanoTime();
      if (now - lastNoPeerError > SNAPSHOT_IDLE_NANOS) {
        lastNoPeerError = now;
        getContext().getLog().error("storage range {} replica {}: the journal no longer has the entries this"
            + " replica lacks and there is no other replica to copy from", range, replica);
      }
      return;
    }
    int peer = nextPeer;
    do {
      nextPeer = (nextPeer + 1) % replicas;
    } while (nextPeer == replica);
    installing = new Install(peer);
    installs++;
    store.dropRange(storeId);
    resetFeeds();
    peers.apply(peer).tell(new SnapshotRequest(installing.transferId, null, getContext().getSelf()));
  }

  /** Forgets everything learned from the journals: the data under it is being replaced. */
  private void resetFeeds() {
    closedTs = 0;
    for (Feed f : feeds) {
      f.appliedSeq = 0;
      f.closedTs = 0;
      f.advanceRequestedTo = 0;
      f.early.clear();
      f.pendingClosed.clear();
      f.gapSince = 0;
      f.replayId = 0;
      reported[f.journal] = 0;
    }
  }

  private void finishInstall(long[] positions, long horizon, long versions, String source) {
    gcHorizon = Math.max(gcHorizon, horizon);
    installing = null;
    for (Feed f : feeds) f.appliedSeq = positions[f.journal];
    getContext().getLog().info("storage range {} replica {} installed a snapshot of {} versions from {}"
        + " at positions {}; replaying the journals from there", range, replica, versions, source,
        java.util.Arrays.toString(positions));
    for (Feed f : feeds) requestReplay(f);
  }

  private Behavior<Command> onSnapshotRequest(SnapshotRequest r) {
    Outgoing o = outgoing.get(r.transferId());
    if (o == null) {
      if (r.afterKey() != null || catchingUp()) {
        r.replyTo().tell(new SnapshotChunk(r.transferId(), replica, new long[0], 0, List.of(), true, true));
        return this;
      }
      MvccStore.RangeSnapshot snap = store.snapshot(storeId);
      o = new Outgoing(snap, snap.positions(feeds.length), Math.max(gcHorizon, snap.gcHorizon()));
      outgoing.put(r.transferId(), o);
      getContext().getLog().info("storage range {} replica {}: giving a snapshot at positions {}", range, replica,
          java.util.Arrays.toString(o.positions));
    }
    o.lastUsed = System.nanoTime();
    List<MvccStore.RawVersion> page;
    try {
      page = o.snapshot.page(r.afterKey(), SNAPSHOT_PAGE_BYTES);
    } catch (RuntimeException e) {
      o.snapshot.close();
      outgoing.remove(r.transferId());
      r.replyTo().tell(new SnapshotChunk(r.transferId(), replica, new long[0], 0, List.of(), true, true));
      return this;
    }
    boolean done = page.isEmpty();
    if (done) {
      o.snapshot.close();
      outgoing.remove(r.transferId());
    }
    r.replyTo().tell(new SnapshotChunk(r.transferId(), replica, o.positions, o.gcHorizon, page, done, false));
    return this;
  }

  private Behavior<Command> onSnapshotChunk(SnapshotChunk c) {
    Install in = installing;
    if (in == null || c.transferId() != in.transferId) return this;
    if (c.refused()) {
      // The peer is catching up itself: another one is asked when this attempt times out.
      in.lastHeard = System.nanoTime() - SNAPSHOT_PATIENCE_NANOS + 1_000_000_000L;
      return this;
    }
    in.lastHeard = System.nanoTime();
    if (!c.done()) {
      store.installVersions(storeId, c.versions());
      in.versions += c.versions().size();
      byte[] last = c.versions().get(c.versions().size() - 1).key();
      peers.apply(in.peer).tell(new SnapshotRequest(in.transferId, last, getContext().getSelf()));
      return this;
    }
    store.installPositions(storeId, c.positions(), c.gcHorizon());
    finishInstall(c.positions(), c.gcHorizon(), in.versions, "replica " + c.fromReplica());
    return this;
  }
}
