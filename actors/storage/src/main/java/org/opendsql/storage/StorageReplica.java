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
import org.opendsql.core.scan.PartialAggregates;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.storage.protocol.LocalJournalView;
import org.opendsql.storage.protocol.ReplicaRoutes;
import org.opendsql.storage.protocol.StorageProtocol.AdvanceClosed;
import org.opendsql.storage.protocol.StorageProtocol.Apply;
import org.opendsql.storage.protocol.StorageProtocol.CloseThrough;
import org.opendsql.storage.protocol.StorageProtocol.Command;
import org.opendsql.storage.protocol.StorageProtocol.CommittedWrites;
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
import org.opendsql.storage.state.AppliedReports;
import org.opendsql.storage.state.GcHorizon;
import org.opendsql.storage.state.JournalFeed;
import org.opendsql.storage.state.ReadGate;
import org.opendsql.storage.state.SnapshotInstall;
import org.opendsql.storage.state.SnapshotTransfers;

/**
 * A storage replica of one key range, on the node's RocksDB MVCC store. It routes messages into
 * its pure parts and carries out what they decide: {@link JournalFeed} orders each journal's
 * entries, {@link ReadGate} holds reads until a closed timestamp covers them, {@link GcHorizon}
 * decides what may be collected, {@link SnapshotInstall} and {@link SnapshotTransfers} run copies
 * between replicas, {@link AppliedReports} decides what to report to the journals.
 *
 * <p>Entries of different journals interleave freely: versions are keyed by commit timestamp, so
 * only visibility needs the minimum of the journals' closed timestamps.
 */
public final class StorageReplica extends AbstractBehavior<Command> {
  private record Tick() implements Own {}

  private record WalSynced(AppliedReports.Sync sync, Throwable failure) implements Own {}

  private final int range;
  private final int replica;
  /** This replica's key space in the node's store. */
  private final int keySpace;
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
  private final SnapshotTransfers<MvccStore.RangeSnapshot> transfers;
  private final AppliedReports reports;
  /** The minimum of the feeds' closed timestamps: reads at or below it may be served. */
  private long closedTs;

  /**
   * Replica {@code replica} of {@code range}. {@code localJournals} holds, per journal, what that
   * journal publishes in this JVM (a journal running elsewhere shows as never settled).
   */
  public static Behavior<Command> create(int range, int replica, StorageSettings settings, MvccStore store, Hlc hlc,
      List<? extends LocalJournalView> localJournals, ReplicaRoutes routes) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), settings.tick());
      return new StorageReplica(ctx, range, replica, settings, store, hlc, localJournals, routes);
    }));
  }

  private StorageReplica(ActorContext<Command> ctx, int range, int replica, StorageSettings settings,
      MvccStore store, Hlc hlc, List<? extends LocalJournalView> localJournals, ReplicaRoutes routes) {
    super(ctx);
    this.range = range;
    this.replica = replica;
    this.settings = settings;
    this.store = store;
    this.hlc = hlc;
    this.localJournals = localJournals;
    this.routes = routes;
    this.keySpace = routes.keySpace(replica);
    long now = System.nanoTime();
    for (int j = 0; j < routes.journals(); j++) {
      feeds.add(new JournalFeed<>(j, store.appliedPosition(keySpace, j), settings.maxEarlyEntries(),
          settings.gapPatience().toNanos(), settings.replayPatience().toNanos()));
      journalRefs.add(null);
    }
    this.gate = new ReadGate<>(settings.maxReadWait().toNanos());
    this.gc = new GcHorizon(store.gcHorizon(keySpace), settings.gcInterval().toNanos(),
        Hlc.fromMicros(settings.gcRetention().toNanos() / 1000), now);
    this.install = new SnapshotInstall(replica, routes.replicas(), settings.snapshotPatience().toNanos(),
        settings.snapshotRetryAfterRefusal().toNanos(), settings.snapshotIdle().toNanos());
    this.transfers = new SnapshotTransfers<>(settings.snapshotIdle().toNanos());
    this.reports = new AppliedReports(routes.journals(), settings.appliedReportInterval().toNanos(), now);
    for (JournalFeed<Apply> f : feeds) replay(f, now);
    ctx.getLog().info("storage replica {}-{} started", range, replica);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ReadAt.class, r -> onRead(r, r.ts(), r.orElsewhere()))
        .onMessage(ReadManyAt.class, r -> onRead(r, r.ts(), r.orElsewhere()))
        .onMessage(ScanAt.class, s -> onRead(s, s.ts(), s.orElsewhere()))
        .onMessage(Apply.class, this::onApply)
        .onMessage(CloseThrough.class, this::onCloseThrough)
        .onMessage(Wake.class, w -> {
          w.replyTo().tell(new Incarnation(range, replica, getContext().getSelf()));
          return this;
        })
        .onMessage(Tick.class, t -> onTick())
        .onMessage(Truncation.class, this::onTruncation)
        .onMessage(SendSnapshotPage.class, this::onSendSnapshotPage)
        .onMessage(SnapshotPage.class, this::onSnapshotPage)
        .onMessage(WalSynced.class, this::onWalSynced)
        .onMessage(Stop.class, stop -> Behaviors.stopped())
        .onSignal(Terminated.class, this::onJournalTerminated)
        .onSignal(PostStop.class, stop -> {
          transfers.closeAll().forEach(MvccStore.RangeSnapshot::close);
          getContext().getLog().info("storage replica {}-{} stopped", range, replica);
          return this;
        })
        .build();
  }

  private Behavior<Command> onRead(Command request, long ts, boolean orElsewhere) {
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

  /** Installing a snapshot or replaying a journal: a read would wait for all of it. */
  private boolean catchingUp() {
    if (install.installing()) return true;
    for (JournalFeed<Apply> f : feeds) {
      if (f.replaying()) return true;
    }
    return false;
  }

  private void serve(Command request) {
    try {
      if (request instanceof ReadAt r) {
        r.replyTo().tell(ReadResult.of(store.get(keySpace, r.key(), r.ts())));
      } else if (request instanceof ReadManyAt m) {
        List<byte[]> values = new ArrayList<>(m.keys().size());
        for (byte[] key : m.keys()) values.add(store.get(keySpace, key, m.ts()));
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
    if (closedLocally(ts)) {
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
    if (install.installing()) return false;
    for (JournalFeed<Apply> f : feeds) {
      if (!f.settled()) return false;
    }
    hlc.update(ts);
    for (JournalFeed<Apply> f : feeds) {
      if (!localJournals.get(f.journal()).settledAt(f.appliedSeq(), ts)) return false;
    }
    for (JournalFeed<Apply> f : feeds) {
      f.closedLocally(ts);
      if (localJournals.get(f.journal()).renewalDue(ts)) requestAdvance(f, ts);
    }
    closedTs = Math.max(closedTs, ts);
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
    // Installing a snapshot: the replay that follows it brings whatever the snapshot lacks.
    if (install.installing()) return this;
    JournalFeed<Apply> f = feeds.get(a.journal());
    List<JournalFeed.Ready<Apply>> run = f.offer(a.seq(), a, a.closedTs(), System.nanoTime());
    for (JournalFeed.Ready<Apply> ready : run) {
      List<MvccStore.Commit> commits = new ArrayList<>(ready.entry().txns().size());
      for (CommittedWrites t : ready.entry().txns()) commits.add(new MvccStore.Commit(t.commitTs(), t.writes()));
      // The writes and the new position in one batch: a crash never leaves half an entry.
      store.applyAll(keySpace, f.journal(), commits, ready.seq());
      f.applied(ready.seq(), ready.closedTs());
    }
    if (!run.isEmpty()) closedMoved();
    return this;
  }

  private Behavior<Command> onCloseThrough(CloseThrough c) {
    JournalFeed<Apply> f = feeds.get(c.journal());
    learnJournal(f, c.journalRef());
    if (install.installing()) return this;
    if (f.endReplay(c.replayId())) {
      getContext().getLog().info("storage range {} replica {} replayed journal {} through entry {}", range, replica,
          f.journal(), f.appliedSeq());
    }
    f.closeThrough(c.throughSeq(), c.closedTs(), System.nanoTime());
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
    if (gate.isEmpty() || install.installing()) return;
    ReadGate.Released<Command> released = gate.release(closedTs, gc);
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
    transfers.closeIdle(now).forEach(MvccStore.RangeSnapshot::close);
    reportIfDue(now);
    if (gc.collectDue(now, hlc::now, closedTs, install.installing())) store.gc(keySpace, gc.horizon());
    return this;
  }

  /**
   * Makes the applied positions durable (WAL fsync, off the actor's thread) and then reports them:
   * a journal deletes only entries that every replica has durably applied.
   */
  private void reportIfDue(long now) {
    long[] applied = new long[feeds.size()];
    for (JournalFeed<Apply> f : feeds) applied[f.journal()] = f.appliedSeq();
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
    for (int j : reports.synced(w.sync(), install.generation(), install.installing())) {
      tellJournal(feeds.get(j), new ReportApplied(range, replica, w.sync().positions()[j], getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onTruncation(Truncation t) {
    JournalFeed<Apply> f = feeds.get(t.journal());
    if (!f.endReplay(t.replayId()) || install.installing()) return this;
    getContext().getLog().info("storage range {} replica {}: journal {} has no entries before {}, past our position {};"
        + " copying a snapshot", range, replica, t.journal(), t.firstRetained(), f.appliedSeq());
    if (!copyLocalKeySpace(t.journal(), t.firstRetained())) installFromPeer(System.nanoTime());
    return this;
  }

  /**
   * This node may hold the range from an earlier placement, under another replica's key space
   * (a full restart reshuffles replicas over the nodes), or a co-located replica runs here: if one
   * is past the truncation, copy it from a consistent snapshot rather than over the network.
   */
  private boolean copyLocalKeySpace(int journal, long firstRetained) {
    long[] positions = new long[routes.replicas()];
    for (int k = 0; k < positions.length; k++) {
      positions[k] = k == replica ? 0 : store.appliedPosition(routes.keySpace(k), journal);
    }
    int source = install.localSource(positions, firstRetained);
    if (source < 0) return false;
    install.localCopyStarted();
    MvccStore.Copied copied = store.copyRange(routes.keySpace(source), keySpace, feeds.size(),
        settings.snapshotPageBytes());
    resetFeeds();
    installed(copied.positions(), copied.gcHorizon(), copied.versions(), "this node's key space of replica " + source);
    return true;
  }

  /**
   * Drops this replica's copy and asks the next peer for a snapshot. Until the last page is in,
   * nothing is served, nothing applied, nothing reported: the positions are written last.
   */
  private void installFromPeer(long now) {
    SnapshotInstall.Transfer t = install.startFromPeer(ThreadLocalRandom.current().nextLong(), now);
    if (t == null) {
      if (install.noPeerErrorDue(now)) {
        getContext().getLog().error("storage range {} replica {}: the journal no longer has the entries this"
            + " replica lacks and there is no other replica to copy from", range, replica);
      }
      return;
    }
    store.dropRange(keySpace);
    resetFeeds();
    routes.tellPeer(t.peer(), new SendSnapshotPage(t.transferId(), null, getContext().getSelf()));
  }

  /** Forgets everything learned from the journals: the data under it is being replaced. */
  private void resetFeeds() {
    closedTs = 0;
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

  private Behavior<Command> onSendSnapshotPage(SendSnapshotPage r) {
    long now = System.nanoTime();
    SnapshotTransfers.Outgoing<MvccStore.RangeSnapshot> o = transfers.touch(r.transferId(), now);
    if (o == null) {
      if (r.afterKey() != null || catchingUp()) {
        r.replyTo().tell(SnapshotPage.refusal(r.transferId(), replica));
        return this;
      }
      MvccStore.RangeSnapshot snap = store.snapshot(keySpace);
      o = transfers.open(r.transferId(), snap, snap.positions(feeds.size()), Math.max(gc.horizon(), snap.gcHorizon()),
          now);
      getContext().getLog().info("storage range {} replica {}: giving a snapshot at positions {}", range, replica,
          Arrays.toString(o.positions()));
    }
    List<MvccStore.RawVersion> page;
    try {
      page = o.snapshot().page(r.afterKey(), settings.snapshotPageBytes());
    } catch (RuntimeException e) {
      transfers.close(r.transferId()).close();
      r.replyTo().tell(SnapshotPage.refusal(r.transferId(), replica));
      return this;
    }
    boolean done = page.isEmpty();
    if (done) transfers.close(r.transferId()).close();
    r.replyTo().tell(new SnapshotPage(r.transferId(), replica, o.positions(), o.gcHorizon(), page, done, false));
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
      routes.tellPeer(t.peer(), new SendSnapshotPage(t.transferId(), last, getContext().getSelf()));
      return this;
    }
    store.installPositions(keySpace, p.positions(), p.gcHorizon());
    installed(p.positions(), p.gcHorizon(), t.versions(), "replica " + p.fromReplica());
    return this;
  }
}
