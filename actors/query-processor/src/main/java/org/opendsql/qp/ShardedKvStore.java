package org.opendsql.qp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.core.scan.PartialAggregates;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.time.Hlc;
import org.opendsql.qp.plan.WriteSetSplit;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.sharding.routing.DirectRefs;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.storage.local.LocalReplica;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The SQL engine's {@link KvStore} over the cluster, routed by this node's copy of the range
 * directory: a point read goes to the one range holding its key, a scan visits the ranges its
 * interval overlaps one after another in key order (each asked only for its own part of the
 * interval), an aggregate asks each of those ranges for its partial result, and a commit goes to
 * the adjudicator of the lowest range it touches.
 *
 * <p>The directory here may lag: a replica or adjudicator that no longer owns a key answers
 * {@code moved} with the directory changes that took it away, and the request is re-routed with
 * them (a bounded number of times, then a retryable 40001). Nothing is ever answered from a range
 * that does not own the key, so a stale directory costs a round trip, never a wrong answer.
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
  /** Commit waits up to this long are spun out on the answering thread. */
  private static final long SPIN_WAIT_MICROS = 50;
  /** Re-routings of one request after moved answers before it gives up with a retryable error. */
  private static final int MAX_REROUTES = 40;
  private final ClusterSharding sharding;
  private final NodeEntities entities;
  private final LiveDirectory directory;
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
    this.entities = entities;
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
    RangeMap map = directory.map();
    if (to == null && key != null) return "range " + map.rangeOf(key).id();
    List<RangeDesc> touched = map.overlapping(key == null ? RangeDesc.MIN : key, to);
    if (touched.size() == 1) return "range " + touched.get(0).id();
    return touched.size() + " of " + map.size() + " ranges";
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

  /**
   * A request was answered {@code moved}: learns the changes (or asks the journals for the
   * directory when they teach nothing new) and says after how long to try again, or fails once
   * the request has been re-routed too often.
   */
  private CompletionStage<Void> rerouteAfter(List<RangeChange> moved, int attempt) {
    if (attempt >= MAX_REROUTES) return CompletableFuture.failedFuture(Errors.rangeMoved());
    boolean learned = directory.offer(moved);
    if (!learned) entities.refreshDirectory();
    if (learned && attempt < 2) return CompletableFuture.completedFuture(null);
    long delayMillis = Math.min(200, 5L << Math.min(attempt, 6));
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, DIRECT));
  }

  @Override
  public CompletionStage<byte[]> get(byte[] key, long readTs) {
    return get(key, readTs, 0);
  }

  private CompletionStage<byte[]> get(byte[] key, long readTs, int attempt) {
    long range = directory.map().rangeOf(key).id();
    if (quorum.hasMajority()) {
      byte[] local = entities.localReplicas().read(range, key, readTs);
      if (local != LocalReplica.ASK_THE_REPLICA) return CompletableFuture.completedFuture(local);
    }
    return this.<StorageProtocol.ReadResult>askStorage(range,
            (orElsewhere, reply) -> new StorageProtocol.ReadAt(key, readTs, orElsewhere, reply),
            StorageProtocol.ReadResult::behind)
        .thenComposeAsync(r -> {
          if (r.moved() != null) return rerouteAfter(r.moved(), attempt).thenCompose(v -> get(key, readTs, attempt + 1));
          if (r.error() != null) throw r.error();
          return CompletableFuture.completedFuture(r.value());
        }, DIRECT);
  }

  /** One ReadManyAt per range the keys fall in, all in flight at once. */
  @Override
  public CompletionStage<List<byte[]>> getAll(List<byte[]> keys, long readTs) {
    if (keys.size() == 1) return get(keys.get(0), readTs).thenApply(v -> java.util.Collections.singletonList(v));
    byte[][] values = new byte[keys.size()][];
    List<Integer> all = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) all.add(i);
    return readMany(keys, all, values, readTs, 0).thenApplyAsync(v -> Arrays.asList(values), DIRECT);
  }

  /** Reads {@code keys[slots]} into {@code values[slots]}, grouped by the range each falls in now. */
  private CompletionStage<Void> readMany(List<byte[]> keys, List<Integer> slots, byte[][] values, long readTs,
      int attempt) {
    RangeMap map = directory.map();
    Map<Long, List<Integer>> byRange = new LinkedHashMap<>();
    for (int i : slots) byRange.computeIfAbsent(map.rangeOf(keys.get(i)).id(), r -> new ArrayList<>()).add(i);
    List<CompletableFuture<Void>> parts = new ArrayList<>(byRange.size());
    for (var e : byRange.entrySet()) {
      List<Integer> group = e.getValue();
      List<byte[]> rangeKeys = new ArrayList<>(group.size());
      for (int i : group) rangeKeys.add(keys.get(i));
      parts.add(this.<StorageProtocol.ReadManyResult>askStorage(e.getKey(),
              (orElsewhere, reply) -> new StorageProtocol.ReadManyAt(rangeKeys, readTs, orElsewhere, reply),
              StorageProtocol.ReadManyResult::behind)
          .thenComposeAsync(r -> {
            if (r.moved() != null) {
              return rerouteAfter(r.moved(), attempt).thenCompose(v -> readMany(keys, group, values, readTs, attempt + 1));
            }
            if (r.error() != null) throw r.error();
            for (int j = 0; j < group.size(); j++) values[group.get(j)] = r.values().get(j);
            return CompletableFuture.<Void>completedFuture(null);
          }, DIRECT)
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
  }

  @Override
  public CompletionStage<ScanPage> scan(byte[] from, boolean fromExclusive, byte[] to, long readTs, int limit) {
    return openScan(from, fromExclusive, to, readTs, null).next(limit);
  }

  @Override
  public Cursor openScan(byte[] from, boolean fromExclusive, byte[] to, long readTs) {
    return openScan(from, fromExclusive, to, readTs, null);
  }

  /**
   * Visits the ranges of [from, to) in key order, each asked for its own part of the interval and
   * filtering and projecting its rows itself (see {@link ScanSpec}); a page fills up across range
   * boundaries. Each range's place is kept, so no key is read twice.
   */
  @Override
  public Cursor openScan(byte[] from, boolean fromExclusive, byte[] to, long readTs, ScanSpec spec) {
    return new OrderedScan(from, fromExclusive, to, readTs, spec);
  }

  /** Where an ordered scan stands: the next key to read (inclusive or not), or done. */
  private final class OrderedScan implements Cursor {
    private final byte[] to;
    private final long readTs;
    private final ScanSpec spec;
    private byte[] from;
    private boolean exclusive;
    private boolean done;

    OrderedScan(byte[] from, boolean exclusive, byte[] to, long readTs, ScanSpec spec) {
      this.from = from;
      this.exclusive = exclusive;
      this.to = to;
      this.readTs = readTs;
      this.spec = spec;
    }

    @Override
    public CompletionStage<ScanPage> next(int limit) {
      return fill(new ArrayList<>(), null, limit, 0);
    }

    private CompletionStage<ScanPage> fill(List<KvEntry> collected, byte[] examined, int limit, int attempt) {
      if (done || collected.size() >= limit) {
        byte[] resume = collected.isEmpty() ? examined : last(collected, examined);
        return CompletableFuture.completedFuture(new ScanPage(collected, !done, resume));
      }
      RangeDesc range = directory.map().rangeOf(from == null ? RangeDesc.MIN : from);
      byte[] hi = clip(to, range.end());
      byte[] lo = from;
      boolean loExclusive = exclusive;
      int want = limit - collected.size();
      return ShardedKvStore.this.<StorageProtocol.ScanResult>askStorage(range.id(),
              (orElsewhere, reply) -> new StorageProtocol.ScanAt(lo, loExclusive, hi, readTs, want, orElsewhere, spec, reply),
              StorageProtocol.ScanResult::behind)
          .thenComposeAsync(r -> {
            if (r.moved() != null) {
              return rerouteAfter(r.moved(), attempt).thenCompose(v -> fill(collected, examined, limit, attempt + 1));
            }
            if (r.error() != null) throw r.error();
            ScanPage page = r.page();
            collected.addAll(page.entries());
            byte[] seen = page.resumeAfter() != null ? page.resumeAfter() : examined;
            if (page.more() && page.resumeAfter() != null) {
              from = page.resumeAfter();
              exclusive = true;
            } else if (range.end() == null || to != null && Arrays.compareUnsigned(range.end(), to) >= 0) {
              done = true;
            } else {
              from = range.end();
              exclusive = false;
            }
            return fill(collected, seen, limit, 0);
          }, DIRECT);
    }
  }

  private static byte[] last(List<KvEntry> entries, byte[] examined) {
    byte[] lastKey = entries.get(entries.size() - 1).key();
    return examined != null && Arrays.compareUnsigned(examined, lastKey) > 0 ? examined : lastKey;
  }

  /** The lower of two exclusive upper bounds (null: unbounded). */
  private static byte[] clip(byte[] to, byte[] end) {
    if (end == null) return to;
    if (to == null) return end;
    return Arrays.compareUnsigned(to, end) <= 0 ? to : end;
  }

  /**
   * Every range the interval overlaps aggregates its own part of it, a bounded number of rows per
   * request, resuming where its last answer stopped; only the partial results travel, and they
   * combine here.
   */
  @Override
  public CompletionStage<Object[]> aggregate(byte[] from, byte[] to, long readTs, ScanSpec spec) {
    PartialAggregates total = new PartialAggregates(spec.aggregates());
    return aggregateInterval(from, false, to, readTs, spec, total, 0).thenApplyAsync(v -> total.values(), DIRECT);
  }

  private CompletionStage<Void> aggregateInterval(byte[] from, boolean exclusive, byte[] to, long readTs,
      ScanSpec spec, PartialAggregates total, int attempt) {
    List<RangeDesc> ranges = directory.map().overlapping(from == null ? RangeDesc.MIN : from, to);
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] parts = new CompletableFuture[ranges.size()];
    for (int i = 0; i < parts.length; i++) {
      RangeDesc r = ranges.get(i);
      byte[] lo = i == 0 ? from : r.start();
      parts[i] = aggregateRange(r.id(), lo, i == 0 && exclusive, clip(to, r.end()), readTs, spec, total, attempt)
          .toCompletableFuture();
    }
    return CompletableFuture.allOf(parts);
  }

  private CompletionStage<Void> aggregateRange(long range, byte[] from, boolean exclusive, byte[] to, long readTs,
      ScanSpec spec, PartialAggregates total, int attempt) {
    return this.<StorageProtocol.ScanResult>askStorage(range,
            (orElsewhere, reply) -> new StorageProtocol.ScanAt(from, exclusive, to, readTs, 1, orElsewhere, spec, reply),
            StorageProtocol.ScanResult::behind)
        .thenComposeAsync(r -> {
          if (r.moved() != null) {
            // Nothing of this request was counted: the part it covered is asked again of its new ranges.
            return rerouteAfter(r.moved(), attempt)
                .thenCompose(v -> aggregateInterval(from, exclusive, to, readTs, spec, total, attempt + 1));
          }
          if (r.error() != null) throw r.error();
          synchronized (total) {
            total.merge(r.partials());
          }
          ScanPage page = r.page();
          if (!page.more() || page.resumeAfter() == null) return CompletableFuture.<Void>completedFuture(null);
          return aggregateRange(range, page.resumeAfter(), true, to, readTs, spec, total, 0);
        }, DIRECT);
  }

  @Override
  public CompletionStage<Long> commit(long tauStart, List<Write> writes, List<byte[]> lockedKeys,
      List<byte[]> schemaKeys) {
    return commit(tauStart, writes, lockedKeys, schemaKeys, 0);
  }

  private CompletionStage<Long> commit(long tauStart, List<Write> writes, List<byte[]> lockedKeys,
      List<byte[]> schemaKeys, int attempt) {
    RangeMap map = directory.map();
    WriteSetSplit split = WriteSetSplit.of(writes, lockedKeys, schemaKeys, k -> map.rangeOf(k).id());
    if (split.parts().isEmpty()) return CompletableFuture.completedFuture(hlc.now());
    long coordinator = split.coordinator();
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
            : sharding.entityRefFor(EntityKeys.ADJUDICATOR, Long.toString(coordinator))
                .ask(request::apply, commitTimeout),
        Errors::commitOutcomeUnknownNodeLost, Errors::commitOutcomeUnknownNoMajority);
    return outcome
        .handleAsync((o, failure) -> {
          if (failure != null) {
            DbException e = DbException.of(failure);
            throw e.state() == org.opendsql.core.error.SqlState.QUERY_CANCELED ? Errors.commitOutcomeUnknown() : e;
          }
          return o;
        }, DIRECT)
        .thenComposeAsync(o -> {
          // Refused before anything was decided: the write set is divided again by the new bounds.
          if (o.moved() != null) {
            return rerouteAfter(o.moved(), attempt)
                .thenCompose(v -> commit(tauStart, writes, lockedKeys, schemaKeys, attempt + 1));
          }
          if (o.error() != null) throw o.error();
          hlc.update(o.commitTs());
          return commitWait(o.commitTs());
        }, DIRECT);
  }

  /**
   * Asks the nearest caught-up replica of the range. If it answers that it is still catching up
   * (it only does so when told another replica is known), or does not answer within the first
   * replica's patience while another is known (its node may be gone and not yet declared dead), the read
   * goes to another replica, which then waits if it must: no replica ever answers before it is
   * current, so asking twice changes nothing but the latency.
   */
  private <R> CompletionStage<R> askStorage(long range,
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

  private <R> CompletionStage<R> askReplica(long range, ActorRef<StorageProtocol.Command> direct,
      Function<ActorRef<R>, StorageProtocol.Command> request, Duration timeout) {
    if (direct == null) {
      // No replica known yet: any one will do; spread such first reads over them.
      int replica = java.util.concurrent.ThreadLocalRandom.current().nextInt(replicas.replicas());
      return quorum.guard(null, () -> sharding.entityRefFor(EntityKeys.STORAGE, StorageReplicas.entityId(range, replica))
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
    if (waitMicros <= SPIN_WAIT_MICROS) {
      // A wait of microseconds (the clock's own tick, no offset to wait out): a timer thread's
      // wake-up would cost more than the wait.
      while (hlc.commitWaitMicros(commitTs, maxClockOffsetMicros) > 0) Thread.onSpinWait();
      return CompletableFuture.completedFuture(commitTs);
    }
    return CompletableFuture.supplyAsync(() -> commitTs,
        CompletableFuture.delayedExecutor(waitMicros, TimeUnit.MICROSECONDS, DIRECT));
  }
}
