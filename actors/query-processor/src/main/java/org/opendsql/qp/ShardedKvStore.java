package org.opendsql.qp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.scan.PartialAggregates;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.qp.plan.RangeScanCursor;
import org.opendsql.qp.plan.ScanMerge;
import org.opendsql.qp.plan.WriteSetSplit;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.sharding.routing.DirectRefs;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The SQL engine's {@link KvStore} over the cluster: reads go to the owning range's storage
 * shard, scans fan out to every range and merge in key order, a commit goes to the adjudicator of
 * the lowest range it touches. Everything travels through Cluster Sharding.
 *
 * <p>Before a commit is reported, the local clock is moved past the commit timestamp and, when a
 * clock offset bound is configured, the reply waits until the physical clock passes it
 * (commit-wait): a transaction that starts anywhere after COMMIT returned then has a later snapshot.
 */
public final class ShardedKvStore implements KvStore {
  /**
   * Continuations run on the thread that completed the ask. Pekko's ask stages turn plain
   * thenApply into thenApplyAsync on the common pool, which on a two-core machine starts a new
   * thread per call; an explicit direct executor avoids both the hop and the thread.
   */
  private static final java.util.concurrent.Executor DIRECT = Runnable::run;
  private final ClusterSharding sharding;
  private final RangeDirectory directory;
  private final Hlc hlc;
  private final int nodeId;
  private final QueryProcessorSettings settings;
  private final long maxClockOffsetMicros;
  private final AtomicLong ids;
  private final Scheduler scheduler;
  private final DirectRefs refs;
  private final StorageReplicas replicas;
  private final QuorumWatch quorum;

  /**
   * @param nodeId this node's id (0..1023), which keeps the ids it makes unique in the cluster
   * @param maxClockOffsetMicros the bound on clock offsets between nodes, which commits wait out
   */
  public ShardedKvStore(ActorSystem<?> system, NodeEntities entities, Hlc hlc, int nodeId,
      QueryProcessorSettings settings, long maxClockOffsetMicros) {
    if (nodeId < 0 || nodeId > 1023) throw new IllegalArgumentException("node id must be 0..1023");
    this.scheduler = system.scheduler();
    this.sharding = entities.sharding();
    this.directory = entities.directory();
    this.replicas = entities.replicas();
    this.settings = settings;
    this.refs = new DirectRefs(system, sharding, replicas, settings.readTimeout(), settings.avoidBehindReplicaFor());
    this.hlc = hlc;
    this.nodeId = nodeId;
    this.maxClockOffsetMicros = maxClockOffsetMicros;
    this.ids = new AtomicLong(Hlc.physicalMicros(hlc.now()));
    this.quorum = QuorumWatch.of(system, refs);
  }

  /** What this store knows of the cluster's health, for the node to feed. */
  public QuorumWatch quorum() {
    return quorum;
  }

  @Override
  public String rangesTouched(byte[] key, byte[] to) {
    // Ranges are hash ranges: a point read touches one, any scan every one.
    return to == null ? "range " + directory.rangeOf(key) : "all " + directory.rangeCount() + " ranges";
  }

  @Override
  public long now() {
    return hlc.now();
  }

  /** A counter seeded from the clock in microseconds, tagged with the node id (10 bits). */
  @Override
  public long uniqueId() {
    return (ids.incrementAndGet() << 10) | nodeId;
  }

  @Override
  public CompletionStage<byte[]> get(byte[] key, long readTs) {
    int range = directory.rangeOf(key);
    return this.<StorageProtocol.ReadResult>askStorage(range,
            (orElsewhere, reply) -> new StorageProtocol.ReadAt(key, readTs, orElsewhere, reply),
            StorageProtocol.ReadResult::behind)
        .thenApplyAsync(r -> {
          if (r.error() != null) throw r.error();
          return r.value();
        }, DIRECT);
  }

  /** One ReadManyAt per range the keys fall in, all in flight at once. */
  @Override
  public CompletionStage<List<byte[]>> getAll(List<byte[]> keys, long readTs) {
    if (keys.size() == 1) return get(keys.get(0), readTs).thenApply(v -> java.util.Collections.singletonList(v));
    java.util.Map<Integer, List<Integer>> byRange = new java.util.TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      byRange.computeIfAbsent(directory.rangeOf(keys.get(i)), r -> new ArrayList<>()).add(i);
    }
    byte[][] values = new byte[keys.size()][];
    List<CompletableFuture<Void>> parts = new ArrayList<>(byRange.size());
    for (var e : byRange.entrySet()) {
      List<Integer> slots = e.getValue();
      List<byte[]> rangeKeys = new ArrayList<>(slots.size());
      for (int i : slots) rangeKeys.add(keys.get(i));
      parts.add(this.<StorageProtocol.ReadManyResult>askStorage(e.getKey(),
              (orElsewhere, reply) -> new StorageProtocol.ReadManyAt(rangeKeys, readTs, orElsewhere, reply),
              StorageProtocol.ReadManyResult::behind)
          .thenAcceptAsync(r -> {
            if (r.error() != null) throw r.error();
            for (int j = 0; j < slots.size(); j++) values[slots.get(j)] = r.values().get(j);
          }, DIRECT)
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
        .thenApplyAsync(v -> java.util.Arrays.asList(values), DIRECT);
  }

  @Override
  public CompletionStage<ScanPage> scan(byte[] from, boolean fromExclusive, byte[] to, long readTs, int limit) {
    int n = directory.rangeCount();
    @SuppressWarnings("unchecked")
    CompletableFuture<StorageProtocol.ScanResult>[] parts = new CompletableFuture[n];
    for (int r = 0; r < n; r++) {
      parts[r] = this.<StorageProtocol.ScanResult>askStorage(r,
              (orElsewhere, reply) -> new StorageProtocol.ScanAt(from, fromExclusive, to, readTs, limit, orElsewhere, null, reply),
              StorageProtocol.ScanResult::behind)
          .thenApplyAsync(result -> result, DIRECT)
          .toCompletableFuture();
    }
    return CompletableFuture.allOf(parts).thenApplyAsync(v -> merge(parts, limit), DIRECT);
  }

  /**
   * Each range is asked for its next page only when the merge has used up its last one (see
   * {@link RangeScanCursor}), so a scan reads every entry once instead of once per merged page.
   */
  @Override
  public Cursor openScan(byte[] from, boolean fromExclusive, byte[] to, long readTs) {
    return openScan(from, fromExclusive, to, readTs, null);
  }

  /** Each range's storage shard filters and projects its rows (see {@link ScanSpec}). */
  @Override
  public Cursor openScan(byte[] from, boolean fromExclusive, byte[] to, long readTs, ScanSpec spec) {
    RangeScanCursor state = new RangeScanCursor(directory.rangeCount(), from, fromExclusive);
    return new Cursor() {
      @Override
      public CompletionStage<ScanPage> next(int limit) {
        int[] need = state.toFetch();
        if (need.length == 0) return CompletableFuture.completedFuture(state.take(limit));
        @SuppressWarnings("unchecked")
        CompletableFuture<StorageProtocol.ScanResult>[] parts = new CompletableFuture[need.length];
        for (int i = 0; i < need.length; i++) {
          int r = need[i];
          byte[] resume = state.resumeKey(r);
          boolean exclusive = state.resumeExclusive(r);
          parts[i] = ShardedKvStore.this.<StorageProtocol.ScanResult>askStorage(r,
                  (orElsewhere, reply) -> new StorageProtocol.ScanAt(resume, exclusive, to, readTs, limit, orElsewhere, spec, reply),
                  StorageProtocol.ScanResult::behind)
              .toCompletableFuture();
        }
        return CompletableFuture.allOf(parts).thenComposeAsync(v -> {
          for (int i = 0; i < need.length; i++) {
            StorageProtocol.ScanResult r = parts[i].join();
            if (r.error() != null) throw r.error();
            state.offer(need[i], r.page());
          }
          ScanPage page = state.take(limit);
          // A page can come out empty when a range's last key bounds it: fetch that range and go on.
          return page.entries().isEmpty() && page.more() ? next(limit) : CompletableFuture.completedFuture(page);
        }, DIRECT);
      }
    };
  }

  /**
   * Every range's storage shard aggregates its own rows, a bounded number per request, resuming
   * where its last answer stopped; only the partial results travel, and they combine here.
   */
  @Override
  public CompletionStage<Object[]> aggregate(byte[] from, byte[] to, long readTs, ScanSpec spec) {
    PartialAggregates total = new PartialAggregates(spec.aggregates());
    int n = directory.rangeCount();
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] parts = new CompletableFuture[n];
    for (int r = 0; r < n; r++) parts[r] = aggregateRange(r, from, false, to, readTs, spec, total).toCompletableFuture();
    return CompletableFuture.allOf(parts).thenApplyAsync(v -> total.values(), DIRECT);
  }

  private CompletionStage<Void> aggregateRange(int range, byte[] from, boolean exclusive, byte[] to, long readTs,
      ScanSpec spec, PartialAggregates total) {
    return this.<StorageProtocol.ScanResult>askStorage(range,
            (orElsewhere, reply) -> new StorageProtocol.ScanAt(from, exclusive, to, readTs, 1, orElsewhere, spec, reply),
            StorageProtocol.ScanResult::behind)
        .thenComposeAsync(r -> {
          if (r.error() != null) throw r.error();
          synchronized (total) {
            total.merge(r.partials());
          }
          ScanPage page = r.page();
          if (!page.more() || page.resumeAfter() == null) return CompletableFuture.<Void>completedFuture(null);
          return aggregateRange(range, page.resumeAfter(), true, to, readTs, spec, total);
        }, DIRECT);
  }

  private static ScanPage merge(CompletableFuture<StorageProtocol.ScanResult>[] parts, int limit) {
    List<ScanPage> pages = new ArrayList<>(parts.length);
    for (CompletableFuture<StorageProtocol.ScanResult> f : parts) {
      StorageProtocol.ScanResult r = f.join();
      if (r.error() != null) throw r.error();
      pages.add(r.page());
    }
    return ScanMerge.merge(pages, limit);
  }

  @Override
  public CompletionStage<Long> commit(long tauStart, List<Write> writes, List<byte[]> lockedKeys,
      List<byte[]> schemaKeys) {
    WriteSetSplit split = WriteSetSplit.of(writes, lockedKeys, schemaKeys, directory::rangeOf);
    if (split.coordinator() < 0) return CompletableFuture.completedFuture(hlc.now());
    int coordinator = split.coordinator();
    List<AdjudicatorProtocol.RangeWrites> parts = new ArrayList<>(split.parts().size());
    for (WriteSetSplit.Part p : split.parts()) {
      parts.add(new AdjudicatorProtocol.RangeWrites(p.range(), p.writes(), p.lockedKeys(), p.schemaKeys()));
    }
    long txnId = uniqueId();
    Function<ActorRef<AdjudicatorProtocol.Outcome>, AdjudicatorProtocol.Command> request =
        reply -> new AdjudicatorProtocol.CommitTxn(txnId, tauStart, parts, reply);
    ActorRef<AdjudicatorProtocol.Command> direct = refs.adjudicator(coordinator);
    Duration commitTimeout = settings.commitTimeout();
    // Nothing sent yet: an adjudicator on a node known to be unreachable is a definite refusal.
    if (direct != null && refs.isUnreachable(direct)) return CompletableFuture.failedFuture(Errors.adjudicatorUnreachable());
    CompletionStage<AdjudicatorProtocol.Outcome> outcome = quorum.guard(direct == null ? null : direct.path().address(),
        () -> direct != null
            ? AskPattern.ask(direct, request::apply, commitTimeout, scheduler)
                .whenCompleteAsync((r, e) -> {
                  if (e != null) refs.invalidate(direct);
                }, DIRECT)
            : sharding.entityRefFor(EntityKeys.ADJUDICATOR, RangeDirectory.entityId(coordinator))
                .ask(request::apply, commitTimeout),
        Errors::commitOutcomeUnknownNodeLost, Errors::commitOutcomeUnknownNoMajority);
    return outcome
        .handleAsync((o, failure) -> {
          if (failure != null) {
            DbException e = DbException.of(failure);
            throw e.state() == org.opendsql.core.error.SqlState.QUERY_CANCELED ? Errors.commitOutcomeUnknown() : e;
          }
          if (o.error() != null) throw o.error();
          hlc.update(o.commitTs());
          return o.commitTs();
        }, DIRECT)
        .thenCompose(this::commitWait);
  }

  /**
   * Asks the nearest caught-up replica of the range. If it answers that it is still catching up
   * (it only does so when told another replica is known), or does not answer within the first
   * replica's patience while another is known (its node may be gone and not yet declared dead), the read
   * goes to another replica, which then waits if it must: no replica ever answers before it is
   * current, so asking twice changes nothing but the latency.
   */
  private <R> CompletionStage<R> askStorage(int range,
      java.util.function.BiFunction<Boolean, ActorRef<R>, StorageProtocol.Command> request,
      java.util.function.Predicate<R> behind) {
    // Without a majority no replica can be proven fresh: answer now rather than at the timeout
    // (each ask below is answered the same way if the majority is lost while it waits).
    if (!quorum.hasMajority()) return CompletableFuture.failedFuture(Errors.noMajority());
    ActorRef<StorageProtocol.Command> first = refs.storage(range);
    boolean alternative = first != null && refs.hasAlternative(range, first);
    Duration readTimeout = settings.readTimeout();
    Duration timeout = alternative ? settings.firstReplicaPatience() : readTimeout;
    return this.<R>askReplica(range, first, reply -> request.apply(alternative, reply), timeout)
        .handle((result, failure) -> {
          if (failure == null && !behind.test(result)) return CompletableFuture.completedFuture(result);
          if (failure != null && !(alternative && isTimeout(failure))) {
            return CompletableFuture.<R>failedFuture(failure);
          }
          if (failure == null) refs.markBehind(first);
          Function<ActorRef<R>, StorageProtocol.Command> again = reply -> request.apply(false, reply);
          return this.<R>askReplica(range, refs.storage(range), again, readTimeout).toCompletableFuture();
        })
        .thenComposeAsync(f -> f, DIRECT)
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            unwrap(failure) instanceof ReplicaLost ? Errors.replicaUnreachable()
                : isTimeout(failure) ? Errors.readTimedOut() : failure));
  }

  /** A read's replica is on a node that became unreachable: like a timeout, but sooner. */
  private static final class ReplicaLost extends java.util.concurrent.TimeoutException {
    ReplicaLost() {
      super("the replica's node is unreachable");
    }
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }

  private static boolean isTimeout(Throwable t) {
    return unwrap(t) instanceof java.util.concurrent.TimeoutException;
  }

  private <R> CompletionStage<R> askReplica(int range, ActorRef<StorageProtocol.Command> direct,
      Function<ActorRef<R>, StorageProtocol.Command> request, Duration timeout) {
    if (direct == null) {
      // No replica known yet: any one will do; spread such first reads over them.
      int replica = java.util.concurrent.ThreadLocalRandom.current().nextInt(replicas.replicas());
      return quorum.guard(null, () -> sharding.entityRefFor(EntityKeys.STORAGE, replicas.entityId(range, replica))
          .<R>ask(request::apply, timeout), Errors::noMajority, Errors::noMajority);
    }
    // A replica whose node stops answering is given up on at once, like one that timed out: the
    // read then goes to another replica.
    return quorum.<R>guard(direct.path().address(),
            () -> AskPattern.<StorageProtocol.Command, R>ask(direct, request::apply, timeout, scheduler),
            ReplicaLost::new, Errors::noMajority)
        .whenCompleteAsync((r, e) -> {
          if (e != null) refs.invalidate(direct);
        }, DIRECT);
  }

  private CompletionStage<Long> commitWait(long commitTs) {
    long waitMicros = hlc.commitWaitMicros(commitTs, maxClockOffsetMicros);
    if (waitMicros <= 0) return CompletableFuture.completedFuture(commitTs);
    return CompletableFuture.supplyAsync(() -> commitTs,
        CompletableFuture.delayedExecutor(waitMicros, TimeUnit.MICROSECONDS, DIRECT));
  }
}
