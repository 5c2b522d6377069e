package org.opendsql.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.SplitPoint;
import org.opendsql.core.scan.PartialAggregates;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.storage.protocol.LocalJournalView;
import org.opendsql.storage.protocol.ReplicaRoutes;
import org.opendsql.storage.protocol.StorageProtocol.AdvanceClosed;
import org.opendsql.storage.protocol.StorageProtocol.Apply;
import org.opendsql.storage.protocol.StorageProtocol.CloseExcept;
import org.opendsql.storage.protocol.StorageProtocol.CloseThrough;
import org.opendsql.storage.protocol.StorageProtocol.Command;
import org.opendsql.storage.protocol.StorageProtocol.CommittedWrites;
import org.opendsql.storage.protocol.StorageProtocol.Describe;
import org.opendsql.storage.protocol.StorageProtocol.CheckHandoff;
import org.opendsql.storage.protocol.StorageProtocol.Absorbed;
import org.opendsql.storage.protocol.StorageProtocol.CheckAbsorbed;
import org.opendsql.storage.protocol.StorageProtocol.HandoffTaken;
import org.opendsql.storage.protocol.StorageProtocol.ProposeSplit;
import org.opendsql.storage.protocol.StorageProtocol.ReplicaStatus;
import org.opendsql.storage.protocol.StorageProtocol.SplitProposal;
import org.opendsql.storage.protocol.StorageProtocol.FeedRequest;
import org.opendsql.storage.protocol.StorageProtocol.Incarnation;
import org.opendsql.storage.protocol.StorageProtocol.Own;
import org.opendsql.storage.protocol.StorageProtocol.ReadAt;
import org.opendsql.storage.protocol.StorageProtocol.ReadManyAt;
import org.opendsql.storage.protocol.StorageProtocol.ReadManyResult;
import org.opendsql.storage.protocol.StorageProtocol.ReadResult;
import org.opendsql.storage.protocol.StorageProtocol.ReplayFrom;
import org.opendsql.storage.protocol.StorageProtocol.ReportApplied;
import org.opendsql.storage.protocol.StorageProtocol.ScanAt;
import org.opendsql.storage.protocol.StorageProtocol.ScanResult;
import org.opendsql.storage.protocol.StorageProtocol.SendSnapshotPage;
import org.opendsql.storage.protocol.StorageProtocol.SnapshotPage;
import org.opendsql.storage.protocol.StorageProtocol.Stop;
import org.opendsql.storage.protocol.StorageProtocol.Truncation;
import org.opendsql.storage.protocol.StorageProtocol.Wake;
import org.opendsql.storage.state.AccessSample;
import org.opendsql.storage.state.AppliedReports;
import org.opendsql.storage.state.KeySampler;
import org.opendsql.storage.local.LocalReplica;
import org.opendsql.storage.local.LocalReplicas;
import org.opendsql.storage.state.RangeRecords;
import org.opendsql.storage.state.GcHorizon;
import org.opendsql.storage.state.JournalFeed;
import org.opendsql.storage.state.ReadGate;
import org.opendsql.storage.state.SnapshotInstall;
import org.opendsql.storage.state.SnapshotTransfers;

/**
 * A storage replica of one key range, on the node's RocksDB MVCC store, in a key space of its own
 * named after it. It routes messages into
 * its pure parts and carries out what they decide: {@link JournalFeed} orders each journal's
 * entries, {@link ReadGate} holds reads until a closed timestamp covers them, {@link GcHorizon}
 * decides what may be collected, {@link SnapshotInstall} and {@link SnapshotTransfers} run copies
 * between replicas, {@link AppliedReports} decides what to report to the journals.
 *
 * <p>Entries of different journals interleave freely: versions are keyed by commit timestamp, so
 * only visibility needs the minimum of the journals' closed timestamps.
 *
 * <p>Ranges: every journal entry reaches every replica whole; a replica keeps the writes inside
 * its range's bounds and serves only keys inside them, answering {@code moved} (with the
 * directory changes that moved them) otherwise. Its bounds change only when it applies a split of
 * its own range, at that split's place in its journal: the keys split off stay here, frozen as of
 * that entry, as a hand-off the new range's replicas copy (a local copy on this node), and the
 * journal positions reported for truncation never pass the hand-off's until one of them has its
 * data durably. A merge, at its place in the journal, retires the right range's replicas (their
 * data stays as a hand-off until every replica of the left range holds it durably, then they stop
 * for good) and widens the left range's (each copies the hand-off in pages, next to its own data,
 * then replays the journal from the merge). A replica new on a node takes its bounds from the
 * directory and its data from a copy on this node, from the journals, or from a peer.
 */
public final class StorageReplica extends AbstractBehavior<Command> {
  private record Tick() implements Own {}

  private record WalSynced(AppliedReports.Sync sync, Throwable failure) implements Own {}

  private record NeighbourStatus(ReplicaStatus status) implements Own {}

  /** A snapshot being given to a peer, with the range's record as of the snapshot's positions. */
  private record Serving(MvccStore.RangeSnapshot snapshot, byte[] rangeDesc) {}

  private static final byte RECORD_RANGE = 1;
  private static final byte RECORD_HANDOFF = 2;
  /** This range was merged into its left neighbour: the value is that range's id. */
  private static final byte RECORD_MERGED = 3;
  private static final byte[] NO_NAME = new byte[0];
  private static final int MAX_SIZE_SAMPLES = 4096;

  private final long range;
  private final int replica;
  /** This replica's key space in the node's store. */
  private final int keySpace;
  /** The range as this replica last applied it; null until the directory names it (a new replica). */
  private RangeDesc desc;
  /** The directory changes that shaped this range, newest last: what a moved answer carries. */
  private final List<RangeChange> history = new ArrayList<>();
  /** Per range split off this one: the data kept here for its replicas. */
  private final java.util.Map<Long, RangeRecords.Handoff> handoffs = new java.util.HashMap<>();
  /** The range whose hand-off this replica started from, until it has told it that it holds the data. */
  private long owesHandoffNotice = -1;
  /** The range this one was merged into (-1: none): this replica then only keeps its hand-off. */
  private long mergedInto = -1;
  /** The left neighbour's replicas that hold this range's data durably since the merge. */
  private final java.util.Set<Integer> absorbedBy = new java.util.HashSet<>();
  /** The merge that brings the right neighbour's data here, while its copy is under way. */
  private RangeChange.Merge absorbing;
  private long lastMergeCheck;
  /** Stops this entity for good (sharding's passivation): its range is gone. */
  private final java.util.function.Consumer<ActorRef<Command>> passivate;
  /** Whether this replica's data, as installed last, has been made durable (a WAL sync since). */
  private boolean durableSinceInstall;
  private long lastHandoffCheck;
  private final AccessSample access;
  private long lastSplitCheck;
  private long lastDirectoryRefresh = Long.MIN_VALUE / 2;
  private long lastPositionPoll;
  private long lastSplitRequestGeneration = -1;
  private long lastSplitRequestNanos;
  private long countedKeys = -1;
  private long countedBytes;
  private long writesSinceCount;
  private final StorageSettings settings;
  private final MvccStore store;
  private final Hlc hlc;
  private final List<? extends LocalJournalView> localJournals;
  private final ReplicaRoutes routes;
  private final List<JournalFeed<Apply>> feeds = new ArrayList<>();
  /** Per journal: its current incarnation's reference once learned (else null: go through sharding). */
  private final List<ActorRef<FeedRequest>> journalRefs = new ArrayList<>();
  private final ReadGate<Command> gate;
  private final GcHorizon gc;
  private final SnapshotInstall install;
  private final SnapshotTransfers<Serving> transfers;
  private final AppliedReports reports;
  /** What readers in this JVM see of this replica (published after every message). */
  private final LocalReplica local;
  private final LocalReplicas localReplicas;
  /** The minimum of the feeds' closed timestamps: reads at or below it may be served. */
  private long closedTs;

  /**
   * Replica {@code replica} of {@code range}. {@code localJournals} holds, per journal, what that
   * journal publishes in this JVM (a journal running elsewhere shows as never settled).
   */
  public static Behavior<Command> create(long range, int replica, StorageSettings settings, MvccStore store, Hlc hlc,
      List<? extends LocalJournalView> localJournals, LocalReplicas localReplicas, ReplicaRoutes routes,
      java.util.function.Consumer<ActorRef<Command>> passivate) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), settings.tick());
      return new StorageReplica(ctx, range, replica, settings, store, hlc, localJournals, localReplicas, routes,
          passivate);
    }));
  }

  private StorageReplica(ActorContext<Command> ctx, long range, int replica, StorageSettings settings,
      MvccStore store, Hlc hlc, List<? extends LocalJournalView> localJournals, LocalReplicas localReplicas,
      ReplicaRoutes routes, java.util.function.Consumer<ActorRef<Command>> passivate) {
    super(ctx);
    this.passivate = passivate;
    this.range = range;
    this.replica = replica;
    this.settings = settings;
    this.store = store;
    this.hlc = hlc;
    this.localJournals = localJournals;
    this.routes = routes;
    this.keySpace = store.space(spaceName(range, replica));
    this.localReplicas = localReplicas;
    this.local = new LocalReplica(range, keySpace, store, hlc, localJournals);
    long now = System.nanoTime();
    this.access = new AccessSample(8, 512, now);
    this.lastSplitCheck = now;
    this.lastMergeCheck = now;
    this.lastPositionPoll = now;
    for (int j = 0; j < routes.journals(); j++) {
      feeds.add(new JournalFeed<>(j, store.appliedPosition(keySpace, j), settings.maxEarlyEntries(),
          settings.gapPatience().toNanos(), settings.replayPatience().toNanos()));
      journalRefs.add(null);
    }
    this.gate = new ReadGate<>(settings.maxReadWait().toNanos());
    this.gc = new GcHorizon(store.gcHorizon(keySpace), settings.gcInterval().toNanos(),
        Hlc.fromMicros(settings.gcRetention().toNanos() / 1000), now);
    this.install = new SnapshotInstall(replica, settings.snapshotPatience().toNanos(),
        settings.snapshotRetryAfterRefusal().toNanos(), settings.snapshotIdle().toNanos());
    this.transfers = new SnapshotTransfers<>(settings.snapshotIdle().toNanos());
    this.reports = new AppliedReports(routes.journals(), settings.appliedReportInterval().toNanos(), now);
    this.desc = RangeRecords.decodeRange(store.record(keySpace, RECORD_RANGE, NO_NAME));
    for (byte[][] rec : store.records(keySpace, RECORD_HANDOFF)) {
      RangeRecords.Handoff h = RangeRecords.decodeHandoff(rec[1]);
      handoffs.put(h.child(), h);
    }
    byte[] merged = store.record(keySpace, RECORD_MERGED, NO_NAME);
    if (merged != null) mergedInto = java.nio.ByteBuffer.wrap(merged).getLong();
    if (mergedInto >= 0) {
      ctx.getLog().info("storage replica {}-{} started: merged into range {}, keeping its data for it", range,
          replica, mergedInto);
    } else if (desc != null) {
      for (JournalFeed<Apply> f : feeds) replay(f, now);
      ctx.getLog().info("storage replica {}-{} started: {}", range, replica, desc);
    } else {
      adoptFromDirectory(now);
    }
    publishView();
    localReplicas.register(local);
  }

  /** The name of a replica's key space in its node's store. */
  public static String spaceName(long range, int replica) {
    return range + "-" + replica;
  }

  /**
   * A replica new on this node takes its bounds from the directory (waiting, and asking for a
   * refresh, while the directory does not know the range yet), then its data: a copy on this node
   * if there is one, else the journals from their start (a truncated journal sends it to a peer).
   */
  private void adoptFromDirectory(long now) {
    RangeDesc known = routes.directory().map().byId(range);
    if (known == null && routes.directory().mergedAway(range) != null) {
      // Reached through a stale route after its range was merged away: nothing to hold.
      getContext().getLog().info("storage replica {}-{}: range {} was merged into range {}; stopping", range, replica,
          range, routes.directory().mergedAway(range).left());
      for (Command parked : gate.takeAll()) moved(parked);
      passivate.accept(getContext().getSelf());
      return;
    }
    if (known == null) {
      if (now - lastDirectoryRefresh > settings.tick().toNanos() * 10) {
        lastDirectoryRefresh = now;
        routes.refreshDirectory();
      }
      return;
    }
    desc = known;
    store.putRecord(keySpace, RECORD_RANGE, NO_NAME, RangeRecords.encode(desc));
    getContext().getLog().info("storage replica {}-{} started new: {}", range, replica, desc);
    if (!copyLocal(-1, 1)) {
      for (JournalFeed<Apply> f : feeds) replay(f, now);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    Receive<Command> handlers = handlers();
    // Readers in this JVM decide from the state as of the end of each message.
    return new Receive<>() {
      @Override
      public Behavior<Command> receiveMessage(Command msg) throws Exception {
        Behavior<Command> next = handlers.receiveMessage(msg);
        publishView();
        return next;
      }

      @Override
      public Behavior<Command> receiveSignal(org.apache.pekko.actor.typed.Signal signal) throws Exception {
        return handlers.receiveSignal(signal);
      }
    };
  }

  /** Publishes this replica's state for readers in this JVM. */
  private void publishView() {
    long[] applied = new long[feeds.size()];
    boolean settled = true;
    for (JournalFeed<Apply> f : feeds) {
      applied[f.journal()] = f.appliedSeq();
      settled &= f.settled();
    }
    boolean serving = settled && mergedInto < 0 && !catchingUp();
    local.publish(new LocalReplica.View(desc, serving, closedTs, applied, gc.horizon(), local.epoch()));
  }

  private Receive<Command> handlers() {
    return newReceiveBuilder()
        .onMessage(ReadAt.class, r -> onRead(r, r.ts(), r.orElsewhere()))
        .onMessage(ReadManyAt.class, r -> onRead(r, r.ts(), r.orElsewhere()))
        .onMessage(ScanAt.class, s -> onRead(s, s.ts(), s.orElsewhere()))
        .onMessage(Apply.class, this::onApply)
        .onMessage(CloseThrough.class, this::onCloseThrough)
        .onMessage(CloseExcept.class, this::onCloseExcept)
        .onMessage(Wake.class, w -> {
          w.replyTo().tell(new Incarnation(range, replica, getContext().getSelf()));
          return this;
        })
        .onMessage(Tick.class, t -> onTick())
        .onMessage(Truncation.class, this::onTruncation)
        .onMessage(SendSnapshotPage.class, this::onSendSnapshotPage)
        .onMessage(SnapshotPage.class, this::onSnapshotPage)
        .onMessage(WalSynced.class, this::onWalSynced)
        .onMessage(ProposeSplit.class, this::onProposeSplit)
        .onMessage(HandoffTaken.class, this::onHandoffTaken)
        .onMessage(CheckHandoff.class, this::onCheckHandoff)
        .onMessage(CheckAbsorbed.class, this::onCheckAbsorbed)
        .onMessage(Absorbed.class, this::onAbsorbed)
        .onMessage(NeighbourStatus.class, n -> onNeighbourStatus(n.status()))
        .onMessage(Describe.class, this::onDescribe)
        .onMessage(Stop.class, stop -> Behaviors.stopped())
        .onSignal(Terminated.class, this::onJournalTerminated)
        .onSignal(PostStop.class, stop -> {
          local.changingData();
          localReplicas.unregister(local);
          transfers.closeAll().forEach(o -> o.snapshot().close());
          getContext().getLog().info("storage replica {}-{} stopped", range, replica);
          return this;
        })
        .build();
  }

  private Behavior<Command> onRead(Command request, long ts, boolean orElsewhere) {
    if ((desc != null || mergedInto >= 0) && !owns(request)) {
      moved(request);
      return this;
    }
    switch (ReadGate.admit(ts, orElsewhere, closedTs, gc, install.installing(), catchingUp())) {
      case TOO_OLD -> fail(request, Errors.ageLimit(settings.transactionAgeLimit()));
      case SERVE -> serve(request);
      case ELSEWHERE -> {
        if (request instanceof ReadAt r) r.replyTo().tell(ReadResult.catchingUp());
        else if (request instanceof ReadManyAt m) m.replyTo().tell(ReadManyResult.catchingUp());
        else ((ScanAt) request).replyTo().tell(ScanResult.catchingUp());
      }
      case PARK -> park(request, ts);
    }
    return this;
  }

  /** Whether every key the request names lies in this replica's range. */
  private boolean owns(Command request) {
    if (mergedInto >= 0) return false;
    if (request instanceof ReadAt r) return desc.contains(r.key());
    if (request instanceof ReadManyAt m) {
      for (byte[] k : m.keys()) {
        if (!desc.contains(k)) return false;
      }
      return true;
    }
    ScanAt s = (ScanAt) request;
    boolean fromInside = s.from() == null ? desc.start().length == 0 : Arrays.compareUnsigned(s.from(), desc.start()) >= 0;
    boolean toInside = desc.end() == null || s.to() != null && Arrays.compareUnsigned(s.to(), desc.end()) <= 0;
    return fromInside && toInside;
  }

  private void moved(Command request) {
    List<RangeChange> changes = List.copyOf(history);
    if (request instanceof ReadAt r) r.replyTo().tell(ReadResult.movedBy(changes));
    else if (request instanceof ReadManyAt m) m.replyTo().tell(ReadManyResult.movedBy(changes));
    else ((ScanAt) request).replyTo().tell(ScanResult.movedBy(changes));
  }

  /** Installing a snapshot or replaying a journal: a read would wait for all of it. */
  private boolean catchingUp() {
    if (mergedInto >= 0) return false;
    if (desc == null || install.installing()) return true;
    for (JournalFeed<Apply> f : feeds) {
      if (f.replaying()) return true;
    }
    return false;
  }

  private void serve(Command request) {
    // The range may have split while the read waited for its snapshot time.
    if (desc == null) return;
    if (!owns(request)) {
      moved(request);
      return;
    }
    try {
      if (request instanceof ReadAt r) {
        access.read(r.key());
        r.replyTo().tell(ReadResult.of(store.get(keySpace, r.key(), r.ts())));
      } else if (request instanceof ReadManyAt m) {
        List<byte[]> values = new ArrayList<>(m.keys().size());
        for (byte[] key : m.keys()) {
          access.read(key);
          values.add(store.get(keySpace, key, m.ts()));
        }
        m.replyTo().tell(ReadManyResult.of(values));
      } else {
        ScanAt s = (ScanAt) request;
        if (s.spec() == null) {
          s.replyTo().tell(ScanResult.of(store.scan(keySpace, s.from(), s.fromExclusive(), s.to(), s.ts(), s.limit())));
        } else {
          s.replyTo().tell(pushedDown(s));
        }
      }
    } catch (RuntimeException e) {
      fail(request, DbException.of(e));
    }
  }

  /**
   * Rows examined per pushed-down scan request: a filter that rejects most rows, or an aggregate,
   * would otherwise hold this replica (and every read queued behind it) for a whole range.
   */
  private static final int EXAMINED_PER_REQUEST = 16_384;

  /** A scan with a filter, a projection or aggregates, evaluated here so that only what the query needs leaves. */
  private ScanResult pushedDown(ScanAt s) {
    ScanSpec spec = s.spec();
    java.util.function.Predicate<byte[]> filter = spec.filter() == null ? row -> true : spec.filter().compile();
    if (!spec.aggregating()) {
      ScanPage page = store.scan(keySpace, s.from(), s.fromExclusive(), s.to(), s.ts(), s.limit(),
          row -> filter.test(row) ? spec.shape(row) : null, EXAMINED_PER_REQUEST);
      return ScanResult.of(page);
    }
    PartialAggregates partial = new PartialAggregates(spec.aggregates());
    ScanPage page = store.scan(keySpace, s.from(), s.fromExclusive(), s.to(), s.ts(), Integer.MAX_VALUE, row -> {
      if (filter.test(row)) partial.add(row);
      return null;
    }, EXAMINED_PER_REQUEST);
    return ScanResult.aggregated(page, partial.encode());
  }

  private static void fail(Command request, DbException error) {
    if (request instanceof ReadAt r) r.replyTo().tell(ReadResult.failed(error));
    else if (request instanceof ReadManyAt m) m.replyTo().tell(ReadManyResult.failed(error));
    else ((ScanAt) request).replyTo().tell(ScanResult.failed(error));
  }

  private void park(Command request, long ts) {
    if (closedLocally(ts) || closedForKeys(request, ts)) {
      serve(request);
      return;
    }
    gate.park(request, ts, System.nanoTime());
    for (JournalFeed<Apply> f : feeds) {
      if (f.closedTs() < ts) requestAdvance(f, ts);
    }
  }

  /**
   * Every journal runs in this JVM and is settled at our position: T is closed with no message
   * (see {@link LocalJournalView}). The clock moves past T first, so later batches get larger
   * timestamps.
   */
  private boolean closedLocally(long ts) {
    if (install.installing() || desc == null) return false;
    for (JournalFeed<Apply> f : feeds) {
      if (!f.settled()) return false;
    }
    hlc.update(ts);
    for (JournalFeed<Apply> f : feeds) {
      if (!localJournals.get(f.journal()).settledAt(range, f.appliedSeq(), ts)) return false;
    }
    for (JournalFeed<Apply> f : feeds) {
      f.closedLocally(ts);
      if (localJournals.get(f.journal()).renewalDue(ts)) requestAdvance(f, ts);
    }
    closedTs = Math.max(closedTs, ts);
    return true;
  }

  /**
   * A point read whose keys every journal has closed at {@code ts}, though not every key (a batch
   * in flight writes others: see {@link JournalFeed#closeExcept}).
   */
  private boolean closedForKeys(Command request, long ts) {
    if (install.installing() || desc == null) return false;
    if (request instanceof ReadAt r) return closedFor(r.key(), ts);
    if (request instanceof ReadManyAt m) {
      for (byte[] key : m.keys()) {
        if (!closedFor(key, ts)) return false;
      }
      return true;
    }
    return false;
  }

  private boolean closedFor(byte[] key, long ts) {
    for (JournalFeed<Apply> f : feeds) {
      if (!f.closedFor(key, ts)) return false;
    }
    return true;
  }

  private void requestAdvance(JournalFeed<Apply> f, long ts) {
    if (f.wantsAdvance(ts)) tellJournal(f, new AdvanceClosed(range, replica, ts, getContext().getSelf()));
  }

  private void tellJournal(JournalFeed<Apply> f, FeedRequest request) {
    ActorRef<FeedRequest> ref = journalRefs.get(f.journal());
    if (ref != null) ref.tell(request);
    else routes.tellJournal(f.journal(), request);
  }

  private Behavior<Command> onApply(Apply a) {
    // Installing a snapshot (or not knowing its range yet): the replay that follows brings
    // whatever the snapshot lacks.
    if (install.installing() || desc == null || mergedInto >= 0) return this;
    JournalFeed<Apply> f = feeds.get(a.journal());
    if (applyReady(f, f.offer(a.seq(), a.prevSeq(), a, a.closedTs(), System.nanoTime()))) closedMoved();
    return this;
  }

  /** Applies {@code run} and whatever it unblocks; true when anything was applied. */
  private boolean applyReady(JournalFeed<Apply> f, List<JournalFeed.Ready<Apply>> run) {
    boolean any = false;
    while (!run.isEmpty()) {
      for (JournalFeed.Ready<Apply> ready : run) {
        if (!applyEntry(f, ready.seq(), ready.entry())) {
          // A merge into this range: its neighbour's data is copied first, then the entry again.
          absorbFromPeer(System.nanoTime());
          return true;
        }
        f.applied(ready.seq(), ready.closedTs());
        if (mergedInto >= 0) return true;
      }
      any = true;
      run = f.drain();
    }
    return any;
  }

  /**
   * Keeps the entry's writes that fall in this range, in commit order; a split of this range
   * takes effect at its place in the entry. The writes and the new position go in one batch (a
   * crash never leaves half an entry); a split writes what came before it first, then its
   * hand-off and new bounds, and the position last, so a crash anywhere replays the entry to the
   * same result.
   */
  private boolean applyEntry(JournalFeed<Apply> f, long seq, Apply entry) {
    List<MvccStore.Commit> commits = new ArrayList<>(entry.txns().size());
    List<RangeChange> seen = null;
    for (CommittedWrites t : entry.txns()) {
      List<Write> mine = null;
      for (Write w : t.writes()) {
        if (mergedInto >= 0 || !desc.contains(w.key())) continue;
        if (mine == null) mine = new ArrayList<>(t.writes().size());
        mine.add(w);
        access.wrote(w.key());
      }
      if (mine != null) {
        commits.add(new MvccStore.Commit(t.commitTs(), mine));
        writesSinceCount += mine.size();
      }
      for (RangeChange c : t.changes()) {
        if (seen == null) seen = new ArrayList<>();
        seen.add(c);
        if (c instanceof RangeChange.Split split && split.parent() == range
            && split.parentGeneration() == desc.generation()) {
          store.applyAll(keySpace, f.journal(), commits, f.appliedSeq());
          commits.clear();
          splitOff(split, f.journal(), seq);
        } else if (c instanceof RangeChange.Merge m && mergedInto < 0 && m.right() == range
            && m.rightGeneration() == desc.generation()) {
          store.applyAll(keySpace, f.journal(), commits, f.appliedSeq());
          commits.clear();
          retireInto(m, f.journal(), seq);
        } else if (c instanceof RangeChange.Merge m && mergedInto < 0 && m.left() == range
            && m.leftGeneration() == desc.generation()) {
          store.applyAll(keySpace, f.journal(), commits, f.appliedSeq());
          absorbing = m;
          return false;
        }
      }
    }
    store.applyAll(keySpace, f.journal(), commits, seq);
    if (seen != null) routes.directory().offer(seen);
    return true;
  }

  /**
   * This range merges into its left neighbour at this point of journal {@code journal}'s entry
   * {@code seq}: all its keys stay here as a hand-off for the left range's replicas (as of the
   * entry before: they replay this entry whole), and this replica serves nothing from now on. It
   * keeps the hand-off until every replica of the left range holds the data durably.
   */
  private void retireInto(RangeChange.Merge merge, int journal, long seq) {
    long[] positions = new long[feeds.size()];
    for (JournalFeed<Apply> f : feeds) positions[f.journal()] = f.appliedSeq();
    positions[journal] = seq - 1;
    long generation = Math.max(merge.leftGeneration(), merge.rightGeneration()) + 1;
    RangeRecords.Handoff h = new RangeRecords.Handoff(merge.left(), desc.start(), desc.end(), desc.journal(),
        generation, positions, gc.horizon());
    store.putRecord(keySpace, RECORD_HANDOFF, RangeRecords.name(h.child()), RangeRecords.encode(h));
    handoffs.put(h.child(), h);
    store.putRecord(keySpace, RECORD_MERGED, NO_NAME, java.nio.ByteBuffer.allocate(8).putLong(merge.left()).array());
    mergedInto = merge.left();
    history.add(merge);
    if (history.size() > 16) history.remove(0);
    getContext().getLog().info("storage replica {}-{}: merged into range {} at journal {} entry {}; its data kept for"
        + " that range's replicas", range, replica, merge.left(), journal, seq);
    // Reads parked here are answered moved: the keys are the left range's now.
    for (Command parked : gate.takeAll()) moved(parked);
  }

  /**
   * Copies the right neighbour's data from one of its replicas' hand-offs (in pages, whichever
   * node it is on) into this key space, next to this range's own data, which stays; nothing is
   * served or applied meanwhile. When the last page is in, the bounds widen and the journals
   * replay from the merge's entry.
   */
  private void absorbFromPeer(long now) {
    getContext().getLog().info("storage replica {}-{}: taking in range {} ({})", range, replica, absorbing.right(),
        absorbing);
    installFromPeer(now);
  }

  private Behavior<Command> onCheckAbsorbed(CheckAbsorbed c) {
    // A later split may have moved the merged keys to another range; this replica held them first.
    boolean took = desc != null && (desc.contains(c.at()) || desc.generation() > c.generation());
    if (took && mergedInto < 0 && !catchingUp() && durableSinceInstall) {
      routes.tellReplica(c.right(), c.rightReplica(), new Absorbed(range, replica));
    }
    return this;
  }

  /** Once every replica of the left range holds this range's data, this replica's copy goes, and so does it. */
  private Behavior<Command> onAbsorbed(Absorbed a) {
    if (mergedInto < 0 || a.left() != mergedInto) return this;
    absorbedBy.add(a.leftReplica());
    if (absorbedBy.size() < routes.replicas()) return this;
    local.changingData();
    store.dropRange(keySpace);
    handoffs.clear();
    getContext().getLog().info("storage replica {}-{}: every replica of range {} holds this range's data; stopping",
        range, replica, mergedInto);
    passivate.accept(getContext().getSelf());
    return this;
  }

  /**
   * This range splits at this point of journal {@code journal}'s entry {@code seq}: the keys from
   * the split on stay here as a hand-off, and this replica keeps the left side from now on. The
   * hand-off's position in this journal is the entry before: the child replays this entry whole,
   * which brings the writes to its keys that follow the split in the entry (re-applying those
   * before it is harmless: a version is keyed by its commit timestamp).
   */
  private void splitOff(RangeChange.Split split, int journal, long seq) {
    long[] positions = new long[feeds.size()];
    for (JournalFeed<Apply> f : feeds) positions[f.journal()] = f.appliedSeq();
    positions[journal] = seq - 1;
    // Both sides take the next generation, as the directory gives them.
    RangeRecords.Handoff h = new RangeRecords.Handoff(split.rightId(), split.at(), desc.end(), split.rightJournal(),
        desc.generation() + 1, positions, gc.horizon());
    store.putRecord(keySpace, RECORD_HANDOFF, RangeRecords.name(h.child()), RangeRecords.encode(h));
    handoffs.put(h.child(), h);
    desc = new RangeDesc(range, desc.start(), split.at(), desc.journal(), desc.generation() + 1);
    store.putRecord(keySpace, RECORD_RANGE, NO_NAME, RangeRecords.encode(desc));
    history.add(split);
    if (history.size() > 16) history.remove(0);
    access.clear();
    countedKeys = -1;
    countedBytes = 0;
    getContext().getLog().info("storage replica {}-{}: split at journal {} entry {}; now {}, keys from the split kept"
        + " for range {}", range, replica, journal, seq, desc, split.rightId());
    // Its replica with our index starts here first (placement follows whoever asks first).
    routes.tellReplica(split.rightId(), replica, new Wake(getContext().getSystem().ignoreRef()));
  }

  private Behavior<Command> onCloseThrough(CloseThrough c) {
    JournalFeed<Apply> f = feeds.get(c.journal());
    learnJournal(f, c.journalRef());
    if (install.installing() || mergedInto >= 0) return this;
    if (f.endReplay(c.replayId())) {
      getContext().getLog().info("storage range {} replica {} replayed journal {} through entry {}", range, replica,
          f.journal(), f.appliedSeq());
    }
    f.closeThrough(c.throughSeq(), c.lastForRange(), c.closedTs(), System.nanoTime());
    applyReady(f, f.drain());
    closedMoved();
    return this;
  }

  private Behavior<Command> onCloseExcept(CloseExcept c) {
    JournalFeed<Apply> f = feeds.get(c.journal());
    learnJournal(f, c.journalRef());
    // Not while replaying (after an install, a gap or a merge's copy): the journal's idea of what it
    // last sent this range may predate what the replay has yet to bring.
    if (install.installing() || mergedInto >= 0 || f.replaying()) return this;
    f.closeExcept(c.inFlightSeq(), c.lastForRange(), c.keys(), c.closedTs());
    closedMoved();
    return this;
  }

  /** Requests to a journal skip the sharding hops once its incarnation is known. */
  private void learnJournal(JournalFeed<Apply> f, ActorRef<FeedRequest> ref) {
    ActorRef<FeedRequest> known = journalRefs.get(f.journal());
    if (ref != null && !ref.equals(known)) {
      if (known != null) getContext().unwatch(known);
      journalRefs.set(f.journal(), ref);
      getContext().watch(ref);
    }
  }

  private Behavior<Command> onJournalTerminated(Terminated t) {
    for (JournalFeed<Apply> f : feeds) {
      if (t.getRef().equals(journalRefs.get(f.journal()))) {
        journalRefs.set(f.journal(), null);
        // A replay asked of the dead incarnation will never end: allow a new one at once.
        f.replayLost();
      }
    }
    return this;
  }

  /** Some feed's closed timestamp may have moved: serve what it covers, ask on for the rest. */
  private void closedMoved() {
    long min = Long.MAX_VALUE;
    for (JournalFeed<Apply> f : feeds) min = Math.min(min, f.closedTs());
    if (min > closedTs) closedTs = min;
    if (gate.isEmpty() || install.installing() || desc == null) return;
    ReadGate.Released<Command> released = gate.release(closedTs, gc, this::closedForKeys);
    for (Command r : released.tooOld()) fail(r, Errors.ageLimit(settings.transactionAgeLimit()));
    released.serve().forEach(this::serve);
    long stillWaiting = gate.highestWaiting();
    if (stillWaiting == 0) return;
    for (JournalFeed<Apply> f : feeds) {
      if (f.closedTs() < stillWaiting && !f.advanceOutstanding()) requestAdvance(f, stillWaiting);
    }
  }

  /** One replay per journal at a time (see {@link JournalFeed#startReplay}). */
  private void replay(JournalFeed<Apply> f, long now) {
    JournalFeed.Replay r = f.startReplay(now);
    if (r != null) tellJournal(f, new ReplayFrom(range, replica, r.fromSeq(), r.replayId(), getContext().getSelf()));
  }

  private Behavior<Command> onTick() {
    long now = System.nanoTime();
    if (mergedInto >= 0) {
      checkAbsorbed(now);
      return this;
    }
    if (desc == null) {
      adoptFromDirectory(now);
      for (Command expired : gate.expire(now)) fail(expired, Errors.storageUnavailable());
      return this;
    }
    List<byte[]> sampled = new ArrayList<>();
    long readHere = local.takeReads(sampled);
    if (readHere > 0) access.readElsewhere(readHere, sampled);
    if (now - lastSplitCheck > settings.splitCheckInterval().toNanos()) {
      lastSplitCheck = now;
      access.roll(now);
      if (replica == 0 && !catchingUp()) checkSplit();
    }
    for (Command expired : gate.expire(now)) fail(expired, Errors.storageUnavailable());
    long stillWaiting = gate.highestWaiting();
    for (JournalFeed<Apply> f : feeds) {
      if (stillWaiting > f.closedTs()) {
        // A lost advance request must not strand reads: ask again.
        f.forgetAdvanceRequest();
        requestAdvance(f, stillWaiting);
      }
      if (!install.installing() && f.gapOverdue(now)) replay(f, now);
    }
    if (install.stalled(now)) {
      getContext().getLog().warn("storage range {} replica {}: no snapshot page from replica {} in time; asking another",
          range, replica, install.current().peer());
      installFromPeer(now);
    }
    transfers.closeIdle(now).forEach(o -> o.snapshot().close());
    pollPositions(now);
    checkHandoffs(now);
    if (replica == 0 && !catchingUp() && absorbing == null) checkMerge(now);
    reportIfDue(now);
    if (gc.collectDue(now, hlc::now, closedTs, install.installing())) {
      local.changingData();
      store.gc(keySpace, gc.horizon());
    }
    return this;
  }

  /**
   * A range without writes is sent no entries: once per poll interval it asks each journal for a
   * closed timestamp, whose answer names the last entry sent the range and so moves its position
   * past the entries since (else its reports, and with them the journals' truncation, would stand
   * still).
   */
  private void pollPositions(long now) {
    if (now - lastPositionPoll < settings.positionPollInterval().toNanos() || install.installing()) return;
    lastPositionPoll = now;
    for (JournalFeed<Apply> f : feeds) {
      if (!f.replaying() && f.settled()) {
        tellJournal(f, new AdvanceClosed(range, replica, f.closedTs() + 1, getContext().getSelf()));
      }
    }
  }

  /**
   * A hand-off held here is released by a notice from the split-off range's replicas, but that
   * notice can come before this replica applied the split (a replica of the new range copied the
   * data from another replica's hand-off, or from its peer), and then it finds nothing to release.
   * So, once per poll interval, each replica of the new range is asked again: a hand-off kept
   * forever would hold the journals' truncation at the split.
   */
  /** A merged-away replica asks the left range's replicas that have not said so yet whether they hold its data. */
  private void checkAbsorbed(long now) {
    RangeRecords.Handoff h = handoffs.get(mergedInto);
    if (h == null || now - lastHandoffCheck < settings.positionPollInterval().toNanos()) return;
    lastHandoffCheck = now;
    for (int k = 0; k < routes.replicas(); k++) {
      if (!absorbedBy.contains(k)) {
        routes.tellReplica(mergedInto, k, new CheckAbsorbed(range, replica, h.at(), h.generation()));
      }
    }
  }

  /**
   * Once per check interval the first replica weighs its range for a merge with its right
   * neighbour: if it is small and cold itself, it asks the neighbour's first replica for its
   * figures, and if the pair qualifies ({@code SplitPolicy.mergePairs}), asks its adjudicator to
   * take the neighbour in. Only with one journal (see the adjudicator's merge).
   */
  private void checkMerge(long now) {
    if (now - lastMergeCheck < settings.splitCheckInterval().toNanos()) return;
    lastMergeCheck = now;
    if (settings.split().mergeBelowBytes() <= 0 || desc.end() == null || routes.journals() != 1) return;
    RangeDesc right = routes.directory().map().rangeOf(desc.end());
    if (!Arrays.equals(right.start(), desc.end()) || right.journal() != desc.journal()) return;
    org.opendsql.core.range.SplitPolicy.RangeStats own = ownStats();
    if (!settings.split().mayMerge(own)) return;
    routes.tellReplica(right.id(), 0, new Describe(
        getContext().messageAdapter(ReplicaStatus.class, NeighbourStatus::new)));
  }

  private Behavior<Command> onNeighbourStatus(ReplicaStatus theirs) {
    if (desc == null || mergedInto >= 0 || absorbing != null || desc.end() == null || !theirs.serving()
        || theirs.start() == null || !Arrays.equals(theirs.start(), desc.end())) {
      return this;
    }
    org.opendsql.core.range.SplitPolicy.RangeStats own = ownStats();
    org.opendsql.core.range.SplitPolicy.RangeStats right = new org.opendsql.core.range.SplitPolicy.RangeStats(
        theirs.range(), theirs.bytes(), theirs.keys(), theirs.readsPerSecond(), theirs.writesPerSecond());
    if (settings.split().mergePairs(List.of(own, right)).isEmpty()) return this;
    getContext().getLog().info("storage replica {}-{}: {} ({} bytes) and its neighbour range {} ({} bytes) are small"
        + " and cold; asking for a merge", range, replica, desc, own.bytes(), theirs.range(), theirs.bytes());
    routes.requestMerge(range, desc.generation());
    return this;
  }

  /** This range's size (counted again if it took writes since) and load. */
  private org.opendsql.core.range.SplitPolicy.RangeStats ownStats() {
    if (countedKeys < 0 || writesSinceCount > 0) {
      KeySampler sampler = count();
      countedKeys = sampler.keys();
      countedBytes = sampler.bytes();
      writesSinceCount = 0;
    }
    return new org.opendsql.core.range.SplitPolicy.RangeStats(range, countedBytes, countedKeys,
        access.readsPerSecond(), access.writesPerSecond());
  }

  private void checkHandoffs(long now) {
    if (handoffs.isEmpty() || now - lastHandoffCheck < settings.positionPollInterval().toNanos()) return;
    lastHandoffCheck = now;
    for (long child : handoffs.keySet()) {
      for (int k = 0; k < routes.replicas(); k++) routes.tellReplica(child, k, new CheckHandoff(range, replica));
    }
  }

  private Behavior<Command> onCheckHandoff(CheckHandoff c) {
    if (desc != null && !catchingUp() && !install.installing() && durableSinceInstall) {
      routes.tellReplica(c.parent(), c.parentReplica(), new HandoffTaken(range));
    }
    return this;
  }

  /**
   * Makes the applied positions durable (WAL fsync, off the actor's thread) and then reports them:
   * a journal deletes only entries that every replica has durably applied.
   */
  private void reportIfDue(long now) {
    long[] applied = new long[feeds.size()];
    for (JournalFeed<Apply> f : feeds) applied[f.journal()] = f.appliedSeq();
    if (!reports.wouldReport(now, applied, install.installing())) return;
    // Positions moved past entries that held nothing for this range are written first: the
    // WAL sync below makes them durable before any journal hears of them.
    for (JournalFeed<Apply> f : feeds) {
      if (f.appliedSeq() > store.appliedPosition(keySpace, f.journal())) {
        store.applyAll(keySpace, f.journal(), List.of(), f.appliedSeq());
      }
    }
    // A journal must keep what a split-off range still needs from this replica's hand-off.
    for (RangeRecords.Handoff h : handoffs.values()) {
      for (int j = 0; j < applied.length && j < h.positions().length; j++) {
        applied[j] = Math.min(applied[j], h.positions()[j]);
      }
    }
    AppliedReports.Sync sync = reports.due(now, applied, install.generation(), install.installing());
    if (sync == null) return;
    var blocking = getContext().getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    // A non-null result: if this replica stops first, a null would reach dead letters.
    getContext().pipeToSelf(CompletableFuture.runAsync(store::syncWal, blocking).thenApply(done -> Boolean.TRUE),
        (done, failure) -> new WalSynced(sync, failure));
  }

  private Behavior<Command> onWalSynced(WalSynced w) {
    if (w.failure() != null) {
      reports.syncFailed();
      getContext().getLog().warn("storage range {} replica {}: WAL sync failed: {}", range, replica, w.failure().toString());
      return this;
    }
    if (!install.installing() && w.sync().generation() == install.generation()) durableSinceInstall = true;
    for (int j : reports.synced(w.sync(), install.generation(), install.installing())) {
      tellJournal(feeds.get(j), new ReportApplied(range, replica, w.sync().positions()[j], getContext().getSelf()));
    }
    if (owesHandoffNotice >= 0 && !install.installing() && w.sync().generation() == install.generation()) {
      // Durable here now: the parent's copy is no longer the only one.
      for (int k = 0; k < routes.replicas(); k++) routes.tellReplica(owesHandoffNotice, k, new HandoffTaken(range));
      owesHandoffNotice = -1;
    }
    return this;
  }

  private Behavior<Command> onTruncation(Truncation t) {
    JournalFeed<Apply> f = feeds.get(t.journal());
    if (!f.endReplay(t.replayId()) || install.installing()) return this;
    getContext().getLog().info("storage range {} replica {}: journal {} has no entries before {}, past our position {};"
        + " copying a snapshot", range, replica, t.journal(), t.firstRetained(), f.appliedSeq());
    if (!copyLocal(t.journal(), t.firstRetained())) installFromPeer(System.nanoTime());
    return this;
  }

  /**
   * This node may hold the range's data already: under another replica's key space (an earlier
   * placement, or a co-located replica) or as the hand-off of the range it was split from. If one
   * holds every entry of journal {@code journal} (-1: any journal will do) before
   * {@code firstRetained}, copy it from a consistent snapshot rather than over the network. The
   * copy takes the source's bounds with its data: the range as of the source's positions, which a
   * split already applied there has narrowed.
   */
  private boolean copyLocal(int journal, long firstRetained) {
    List<Integer> spaces = new ArrayList<>();
    List<long[]> positions = new ArrayList<>();
    List<Long> horizons = new ArrayList<>();
    List<RangeDesc> descs = new ArrayList<>();
    long parent = routes.directory().parentOf(range);
    for (int k = 0; k < routes.replicas(); k++) {
      if (k == replica) continue;
      Integer space = store.existingSpace(spaceName(range, k));
      if (space == null) continue;
      // A key space without a record has the bounds the directory gives this range.
      RangeDesc recorded = RangeRecords.decodeRange(store.record(space, RECORD_RANGE, NO_NAME));
      RangeDesc theirs = recorded != null ? recorded : desc;
      long[] p = new long[feeds.size()];
      for (int j = 0; j < p.length; j++) p[j] = store.appliedPosition(space, j);
      spaces.add(space);
      positions.add(p);
      horizons.add(store.gcHorizon(space));
      descs.add(theirs);
    }
    int ownSpaces = spaces.size();
    if (parent >= 0) {
      for (int k = 0; k < routes.replicas(); k++) {
        Integer space = store.existingSpace(spaceName(parent, k));
        if (space == null) continue;
        byte[] rec = store.record(space, RECORD_HANDOFF, RangeRecords.name(range));
        if (rec == null) {
          // Woken by the split's own entry before that replica applied it: its key space still
          // holds this range's keys as of its positions, a copy as good as the hand-off (the
          // replay from there brings the split); without it the journals would be replayed whole.
          RangeDesc theirs = RangeRecords.decodeRange(store.record(space, RECORD_RANGE, NO_NAME));
          if (desc == null || theirs == null || theirs.id() != parent || !theirs.contains(desc.start())) continue;
          long[] p = new long[feeds.size()];
          for (int j = 0; j < p.length; j++) p[j] = store.appliedPosition(space, j);
          spaces.add(space);
          positions.add(p);
          horizons.add(store.gcHorizon(space));
          descs.add(desc);
          continue;
        }
        RangeRecords.Handoff h = RangeRecords.decodeHandoff(rec);
        spaces.add(space);
        positions.add(h.positions());
        horizons.add(Math.max(h.gcHorizon(), store.gcHorizon(space)));
        descs.add(h.childDesc());
      }
    }
    if (spaces.isEmpty()) return false;
    long[] reach = new long[spaces.size()];
    for (int i = 0; i < reach.length; i++) {
      long[] p = positions.get(i);
      long min = Long.MAX_VALUE;
      if (journal >= 0) min = journal < p.length ? p[journal] : 0;
      else for (long q : p) min = Math.min(min, q);
      reach[i] = p.length == 0 ? 0 : min;
    }
    int source = install.localSource(reach, firstRetained);
    if (source < 0) return false;
    install.localCopyStarted();
    local.changingData();
    int from = spaces.get(source);
    RangeDesc copied = descs.get(source);
    long horizon = horizons.get(source);
    long versions = store.copyInterval(from, keySpace, copied.start(), copied.end(), settings.snapshotPageBytes(),
        positions.get(source), horizon);
    desc = copied;
    store.putRecord(keySpace, RECORD_RANGE, NO_NAME, RangeRecords.encode(desc));
    resetFeeds();
    boolean fromParent = copied.id() == range && source >= ownSpaces;
    if (fromParent) owesHandoffNotice = parent;
    installed(positions.get(source), horizon, versions,
        fromParent ? "range " + parent + "'s replica on this node" : "another replica's key space on this node");
    return true;
  }

  /**
   * Drops this replica's copy and asks the next peer for a snapshot. Until the last page is in,
   * nothing is served, nothing applied, nothing reported: the positions are written last.
   */
  private void installFromPeer(long now) {
    SnapshotInstall.Transfer t = install.startFromPeer(ThreadLocalRandom.current().nextLong(), now,
        absorbing != null ? absorbSources() : sources());
    if (t == null) {
      if (install.noPeerErrorDue(now)) {
        getContext().getLog().error("storage range {} replica {}: the journal no longer has the entries this"
            + " replica lacks and there is no other replica to copy from", range, replica);
      }
      return;
    }
    local.changingData();
    // Taking in a neighbour adds its keys to this range's own, which stay.
    if (absorbing == null) store.dropRange(keySpace);
    resetFeeds();
    routes.tellReplica(t.peer().range(), t.peer().replica(),
        new SendSnapshotPage(t.transferId(), null, range, getContext().getSelf()));
  }

  /** Where a merged neighbour's data can come from: its replicas' hand-offs. */
  private List<SnapshotInstall.Source> absorbSources() {
    List<SnapshotInstall.Source> out = new ArrayList<>();
    for (int k = 0; k < routes.replicas(); k++) out.add(new SnapshotInstall.Source(absorbing.right(), k));
    return out;
  }

  /** Where a copy can come from: the range's other replicas, then those of the range it was split from. */
  private List<SnapshotInstall.Source> sources() {
    List<SnapshotInstall.Source> out = new ArrayList<>();
    for (int k = 0; k < routes.replicas(); k++) {
      if (k != replica) out.add(new SnapshotInstall.Source(range, k));
    }
    long parent = routes.directory().parentOf(range);
    if (parent >= 0) {
      for (int k = 0; k < routes.replicas(); k++) out.add(new SnapshotInstall.Source(parent, k));
    }
    return out;
  }

  /** Forgets everything learned from the journals: the data under it is being replaced. */
  private void resetFeeds() {
    closedTs = 0;
    durableSinceInstall = false;
    for (JournalFeed<Apply> f : feeds) f.reset();
    reports.reset();
  }

  private void installed(long[] positions, long horizon, long versions, String source) {
    gc.raiseTo(horizon);
    install.finished();
    for (JournalFeed<Apply> f : feeds) f.installedThrough(positions[f.journal()]);
    getContext().getLog().info("storage range {} replica {} installed a snapshot of {} versions from {}"
        + " at positions {}; replaying the journals from there", range, replica, versions, source,
        Arrays.toString(positions));
    long now = System.nanoTime();
    for (JournalFeed<Apply> f : feeds) replay(f, now);
  }

  /**
   * Weighs the range against the split policy: counts its keys and bytes when it took writes since
   * the last count, and asks its adjudicator for a split at a key chosen from the data (by bytes for
   * a size split, by accesses for a load split), once per generation of the range.
   */
  private void checkSplit() {
    // Once per generation, unless the request was lost or refused: then again after a while.
    long now = System.nanoTime();
    if (lastSplitRequestGeneration == desc.generation()
        && now - lastSplitRequestNanos < settings.splitCheckInterval().toNanos() * 10) {
      return;
    }
    KeySampler sampler = null;
    if (countedKeys < 0 || writesSinceCount > 0) {
      sampler = count();
      countedKeys = sampler.keys();
      countedBytes = sampler.bytes();
      writesSinceCount = 0;
    }
    org.opendsql.core.range.SplitPolicy.RangeStats stats = new org.opendsql.core.range.SplitPolicy.RangeStats(range,
        countedBytes, countedKeys, access.readsPerSecond(), access.writesPerSecond());
    String reason = settings.split().splitReason(stats);
    if (reason == null) return;
    List<SplitPoint.Sample> samples;
    if (settings.split().splitsBySize(stats)) {
      if (sampler == null) sampler = count();
      samples = sampler.samples();
    } else {
      samples = access.samples();
    }
    java.util.Optional<byte[]> at = SplitPoint.choose(desc, samples);
    if (at.isEmpty()) return;
    lastSplitRequestGeneration = desc.generation();
    lastSplitRequestNanos = now;
    getContext().getLog().info("storage replica {}-{}: {} ({}); asking for a split at {}", range, replica, desc, reason,
        org.opendsql.core.codec.Bytes.hex(at.get()));
    routes.requestSplit(range, desc.generation(), at.get());
  }

  /**
   * One pass over the range's live keys as applied so far (every applied version is committed; the
   * closed timestamp would hide the newest while another journal is idle).
   */
  private KeySampler count() {
    KeySampler sampler = new KeySampler(MAX_SIZE_SAMPLES);
    long ts = Long.MAX_VALUE;
    byte[] from = desc.start().length == 0 ? null : desc.start();
    boolean exclusive = false;
    while (true) {
      ScanPage page = store.scan(keySpace, from, exclusive, desc.end(), ts, 4096);
      for (org.opendsql.core.kv.KvEntry e : page.entries()) sampler.add(e.key(), e.key().length + e.value().length);
      if (!page.more() || page.entries().isEmpty()) return sampler;
      from = page.entries().get(page.entries().size() - 1).key();
      exclusive = true;
    }
  }

  private Behavior<Command> onProposeSplit(ProposeSplit p) {
    if (desc == null || catchingUp()) {
      p.replyTo().tell(new SplitProposal(range, desc == null ? -1 : desc.generation(), null));
      return this;
    }
    KeySampler sampler = count();
    byte[] at = SplitPoint.choose(desc, sampler.samples()).orElse(null);
    p.replyTo().tell(new SplitProposal(range, desc.generation(), at));
    return this;
  }

  private Behavior<Command> onHandoffTaken(HandoffTaken t) {
    RangeRecords.Handoff h = handoffs.remove(t.child());
    if (h == null) return this;
    // Only keys no longer ours: a later merge would have brought the bounds back over them.
    if (desc == null || !desc.overlaps(h.at(), h.end())) {
      local.changingData();
      store.dropInterval(keySpace, h.at(), h.end());
    }
    store.putRecord(keySpace, RECORD_HANDOFF, RangeRecords.name(h.child()), null);
    getContext().getLog().info("storage replica {}-{}: range {} holds its data; hand-off released", range, replica,
        t.child());
    return this;
  }

  private Behavior<Command> onDescribe(Describe d) {
    RangeDesc r = desc;
    // Counted now when stale: a range is bounded by the split policy, so one pass is bounded too.
    if (r != null && !catchingUp() && (countedKeys < 0 || writesSinceCount > 0)) {
      KeySampler sampler = count();
      countedKeys = sampler.keys();
      countedBytes = sampler.bytes();
      writesSinceCount = 0;
    }
    d.replyTo().tell(new ReplicaStatus(range, replica, r == null ? -1 : r.generation(), r == null ? null : r.start(),
        r == null ? null : r.end(), Math.max(countedKeys, 0), countedBytes, access.readsPerSecond(),
        access.writesPerSecond(), !catchingUp()));
    return this;
  }

  private Behavior<Command> onSendSnapshotPage(SendSnapshotPage r) {
    long now = System.nanoTime();
    SnapshotTransfers.Outgoing<Serving> o = transfers.touch(r.transferId(), now);
    if (o == null) {
      RangeRecords.Handoff h = r.of() == range ? null : handoffs.get(r.of());
      if (r.afterKey() != null || catchingUp() || (r.of() != range && h == null)) {
        r.replyTo().tell(SnapshotPage.refusal(r.transferId(), range, replica));
        return this;
      }
      if (h == null) {
        MvccStore.RangeSnapshot snap = store.snapshot(keySpace, desc.start(), desc.end());
        o = transfers.open(r.transferId(), new Serving(snap, RangeRecords.encode(desc)), snap.positions(feeds.size()),
            Math.max(gc.horizon(), snap.gcHorizon()), now);
      } else {
        MvccStore.RangeSnapshot snap = store.snapshot(keySpace, h.at(), h.end());
        o = transfers.open(r.transferId(), new Serving(snap, RangeRecords.encode(h.childDesc())), h.positions(),
            Math.max(h.gcHorizon(), gc.horizon()), now);
      }
      getContext().getLog().info("storage range {} replica {}: giving a snapshot of range {} at positions {}", range,
          replica, r.of(), Arrays.toString(o.positions()));
    }
    List<MvccStore.RawVersion> page;
    try {
      page = o.snapshot().snapshot().page(r.afterKey(), settings.snapshotPageBytes());
    } catch (RuntimeException e) {
      transfers.close(r.transferId()).snapshot().close();
      r.replyTo().tell(SnapshotPage.refusal(r.transferId(), range, replica));
      return this;
    }
    boolean done = page.isEmpty();
    if (done) transfers.close(r.transferId()).snapshot().close();
    r.replyTo().tell(new SnapshotPage(r.transferId(), range, replica, o.positions(), o.gcHorizon(),
        done ? o.snapshot().rangeDesc() : null, page, done, false));
    return this;
  }

  private Behavior<Command> onSnapshotPage(SnapshotPage p) {
    if (!install.accepts(p.transferId())) return this;
    long now = System.nanoTime();
    if (p.refused()) {
      // The peer is catching up itself: another one is asked when this attempt times out.
      install.refused(now);
      return this;
    }
    SnapshotInstall.Transfer t = install.current();
    if (!p.done()) {
      store.installVersions(keySpace, p.versions());
      install.pageInstalled(p.versions().size(), now);
      byte[] last = p.versions().get(p.versions().size() - 1).key();
      routes.tellReplica(t.peer().range(), t.peer().replica(),
          new SendSnapshotPage(t.transferId(), last, range, getContext().getSelf()));
      return this;
    }
    RangeDesc theirs = RangeRecords.decodeRange(p.rangeDesc());
    if (absorbing != null) {
      // This range's own versions stay, so its horizon may only rise.
      store.installPositions(keySpace, p.positions(), Math.max(gc.horizon(), p.gcHorizon()));
      desc = new RangeDesc(range, desc.start(), theirs.end(), desc.journal(), theirs.generation());
      history.add(absorbing);
      if (history.size() > 16) history.remove(0);
      absorbing = null;
      access.clear();
      countedKeys = -1;
    } else {
      store.installPositions(keySpace, p.positions(), p.gcHorizon());
      if (theirs != null && theirs.id() == range) desc = theirs;
      if (p.fromRange() != range) owesHandoffNotice = p.fromRange();
    }
    store.putRecord(keySpace, RECORD_RANGE, NO_NAME, RangeRecords.encode(desc));
    installed(p.positions(), p.gcHorizon(), t.versions(), "replica " + p.fromRange() + "-" + p.fromReplica());
    return this;
  }
}
