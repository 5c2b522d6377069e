package org.opendsql.storage.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeChange;
import org.opendsql.persistence.serialization.KryoMessage;
import org.opendsql.persistence.storage.MvccStore;

/**
 * What a storage replica accepts and answers: reads from query processors, the journals' feed
 * (entries and closed timestamps), snapshot pages between replicas of one range; and what a
 * replica asks of each journal that feeds it ({@link FeedRequest}).
 */
public final class StorageProtocol {
  private StorageProtocol() {}

  /** Everything a storage replica entity receives. */
  public sealed interface Command
      permits ReadAt, ReadManyAt, ScanAt, Apply, CloseThrough, CloseExcept, Truncation, Wake, SendSnapshotPage, SnapshotPage, Stop,
          ProposeSplit, HandoffTaken, CheckHandoff, CheckAbsorbed, Absorbed, Describe, Own {}

  /**
   * Messages a replica sends itself (timer ticks, finished background work); no other actor sends
   * them, and they never cross a JVM.
   */
  public non-sealed interface Own extends Command {}

  /**
   * One committed transaction of a journal entry: all its writes (each replica keeps those in its
   * range) and the directory changes it made, in the order they took effect.
   */
  public record CommittedWrites(long commitTs, List<Write> writes, List<RangeChange> changes) implements KryoMessage {
    public CommittedWrites(long commitTs, List<Write> writes) {
      this(commitTs, writes, List.of());
    }
  }

  /**
   * Entry {@code seq} of journal {@code journal} as it concerns the recipient's range (its writes
   * there, and every directory change of the entry), and the journal's closed timestamp after it.
   * {@code prevSeq} is the previous entry the journal sent that range: the ones between hold
   * nothing for it ({@code seq - 1} when the sender does not know, as in a replay).
   */
  public record Apply(int journal, long seq, long prevSeq, List<CommittedWrites> txns, long closedTs)
      implements Command, KryoMessage {
    /** An entry that directly follows the previous one. */
    public Apply(int journal, long seq, List<CommittedWrites> txns, long closedTs) {
      this(journal, seq, seq - 1, txns, closedTs);
    }
  }

  /**
   * Journal {@code journal} will commit nothing at or below {@code closedTs} beyond entry {@code
   * throughSeq}; the last entry through it that it sent the recipient's range is {@code
   * lastForRange} ({@code throughSeq} when it does not know). {@code journalRef} addresses that
   * journal incarnation directly; {@code replayId} names the replay this ends (0: none).
   */
  public record CloseThrough(int journal, long throughSeq, long lastForRange, long closedTs,
      ActorRef<FeedRequest> journalRef, long replayId) implements Command, KryoMessage {
    /** A closed timestamp for which every entry through {@code throughSeq} counts. */
    public CloseThrough(int journal, long throughSeq, long closedTs, ActorRef<FeedRequest> journalRef, long replayId) {
      this(journal, throughSeq, throughSeq, closedTs, journalRef, replayId);
    }
  }

  /**
   * Journal {@code journal} will commit nothing at or below {@code closedTs} beyond entry {@code
   * inFlightSeq}, which is being made durable and writes only {@code keys}; the last entry before it
   * that it sent the recipient's range is {@code lastForRange}. Once that one is applied, a read at
   * or below {@code closedTs} of any other key needs nothing more from this journal: the answer to
   * an advance request that came while a batch was in flight, sent at once (the {@link
   * CloseThrough} after the batch follows as before).
   */
  public record CloseExcept(int journal, long inFlightSeq, long lastForRange, List<byte[]> keys, long closedTs,
      ActorRef<FeedRequest> journalRef) implements Command, KryoMessage {}

  /**
   * A read at {@code ts}. With {@code orElsewhere} (the reader knows another replica), a replica
   * still catching up answers {@code behind} at once instead of making the read wait for it.
   */
  public record ReadAt(byte[] key, long ts, boolean orElsewhere, ActorRef<ReadResult> replyTo)
      implements Command, KryoMessage {}

  /**
   * A read's answer. {@code moved} (null if not) says the key is not in this replica's range any
   * more and carries the directory changes that took it away: the reader applies them and
   * re-routes.
   */
  public record ReadResult(byte[] value, DbException error, boolean behind, List<RangeChange> moved)
      implements KryoMessage {
    public static ReadResult of(byte[] value) {
      return new ReadResult(value, null, false, null);
    }

    public static ReadResult failed(DbException error) {
      return new ReadResult(null, error, false, null);
    }

    public static ReadResult catchingUp() {
      return new ReadResult(null, null, true, null);
    }

    public static ReadResult movedBy(List<RangeChange> changes) {
      return new ReadResult(null, null, false, changes);
    }
  }

  /**
   * Point reads of several keys of this range at {@code ts} in one message (a secondary index's
   * rows, an IN list of keys): one trip and one pass of the read gate instead of one per key.
   */
  public record ReadManyAt(List<byte[]> keys, long ts, boolean orElsewhere, ActorRef<ReadManyResult> replyTo)
      implements Command, KryoMessage {}

  /** The values of a {@link ReadManyAt}'s keys in its order, null where a key has no visible version. */
  public record ReadManyResult(List<byte[]> values, DbException error, boolean behind, List<RangeChange> moved)
      implements KryoMessage {
    public static ReadManyResult of(List<byte[]> values) {
      return new ReadManyResult(values, null, false, null);
    }

    public static ReadManyResult failed(DbException error) {
      return new ReadManyResult(null, error, false, null);
    }

    public static ReadManyResult catchingUp() {
      return new ReadManyResult(null, null, true, null);
    }

    public static ReadManyResult movedBy(List<RangeChange> changes) {
      return new ReadManyResult(null, null, false, changes);
    }
  }

  /**
   * Up to {@code limit} entries of [from, to) at {@code ts}. With a {@code spec} (null: none) the
   * replica filters and projects rows itself, or computes the spec's aggregates instead of
   * returning rows, and examines a bounded number of rows per request: the page's {@code
   * resumeAfter} says where the next request starts.
   */
  public record ScanAt(byte[] from, boolean fromExclusive, byte[] to, long ts, int limit, boolean orElsewhere,
      ScanSpec spec, ActorRef<ScanResult> replyTo) implements Command, KryoMessage {}

  /** A page of entries; {@code partials}: the aggregates of an aggregating scan's page, encoded by PartialAggregates. */
  public record ScanResult(ScanPage page, byte[] partials, DbException error, boolean behind, List<RangeChange> moved)
      implements KryoMessage {
    public static ScanResult of(ScanPage page) {
      return new ScanResult(page, null, null, false, null);
    }

    public static ScanResult aggregated(ScanPage page, byte[] partials) {
      return new ScanResult(page, partials, null, false, null);
    }

    public static ScanResult failed(DbException error) {
      return new ScanResult(null, null, error, false, null);
    }

    public static ScanResult catchingUp() {
      return new ScanResult(null, null, null, true, null);
    }

    public static ScanResult movedBy(List<RangeChange> changes) {
      return new ScanResult(null, null, null, false, changes);
    }
  }

  /** Starts the entity (and its catch-up) before the first read needs it. */
  public record Wake(ActorRef<Incarnation> replyTo) implements Command, KryoMessage {}

  /** The entity's own reference: callers may address it directly until it terminates. */
  public record Incarnation(long range, int replica, ActorRef<Command> ref) implements KryoMessage {}

  /**
   * The answer to a replay that asked for entries the journal has deleted (every replica had
   * applied them): the replica copies a peer's snapshot, then replays from the snapshot's positions.
   */
  public record Truncation(int journal, long firstRetained, long replayId) implements Command, KryoMessage {}

  /**
   * Asks a replica for the next page of a snapshot after {@code afterKey} (null: open one) of
   * range {@code of}: its own range (a peer's copy) or a range split off it whose data it still
   * holds (the parent's hand-off).
   */
  public record SendSnapshotPage(long transferId, byte[] afterKey, long of, ActorRef<Command> replyTo)
      implements Command, KryoMessage {}

  /**
   * A page of a replica's snapshot: the versions, the journal positions the snapshot is at and the
   * horizon below which old versions may already be collected; {@code rangeDesc}: the range's
   * bounds at those positions (a split applied before them has narrowed it), encoded as the
   * replica's range record; {@code refused}: the peer cannot give one now (it is catching up itself).
   */
  public record SnapshotPage(long transferId, long fromRange, int fromReplica, long[] positions, long gcHorizon,
      byte[] rangeDesc, List<MvccStore.RawVersion> versions, boolean done, boolean refused)
      implements Command, KryoMessage {
    public static SnapshotPage refusal(long transferId, long fromRange, int fromReplica) {
      return new SnapshotPage(transferId, fromRange, fromReplica, new long[0], 0, null, List.of(), true, true);
    }
  }

  /** Asks the replica where its range should split, from its data (a split on demand without a key). */
  public record ProposeSplit(ActorRef<SplitProposal> replyTo) implements Command, KryoMessage {}

  /** Where range {@code range} at {@code generation} should split; {@code at} null: it cannot (too few keys). */
  public record SplitProposal(long range, long generation, byte[] at) implements KryoMessage {}

  /**
   * A replica of range {@code child}, split off this replica's range, holds its data durably: the
   * copy kept for it here can go.
   */
  public record HandoffTaken(long child) implements Command, KryoMessage {}

  /**
   * Asks a replica of a range split off {@code parent} to answer {@link HandoffTaken} to replica
   * {@code parentReplica} of it once it holds its data durably (it ignores the question until then).
   */
  public record CheckHandoff(long parent, int parentReplica) implements Command, KryoMessage {}

  /**
   * From a replica of range {@code right}, merged into the asked replica's range (which took
   * {@code generation} then): answer {@link Absorbed} to replica {@code rightReplica} of it once
   * this replica holds the merged data durably, that is its bounds hold {@code at} (the right
   * range's first key) or have changed since the merge, and it wrote nothing undurable since its
   * last copy (it ignores the question until then).
   */
  public record CheckAbsorbed(long right, int rightReplica, byte[] at, long generation)
      implements Command, KryoMessage {}

  /**
   * Replica {@code leftReplica} of range {@code left} holds the data of the range merged into it
   * durably: when every replica of {@code left} has said so, the copy kept for them can go.
   */
  public record Absorbed(long left, int leftReplica) implements Command, KryoMessage {}

  /** Asks for the replica's figures (what the control plane lists and the rebalancer weighs). */
  public record Describe(ActorRef<ReplicaStatus> replyTo) implements Command, KryoMessage {}

  /**
   * One replica's figures: its range as it knows it, live keys and bytes (as of its last count),
   * reads and writes per second, and whether it serves (false while it installs or replays).
   */
  public record ReplicaStatus(long range, int replica, long generation, byte[] start, byte[] end, long keys,
      long bytes, double readsPerSecond, double writesPerSecond, boolean serving) implements KryoMessage {}

  /**
   * Stops this incarnation (an operator, a test): open snapshot transfers are released. Sharding
   * remembers the entity, so it starts again on the next message or after its restart backoff.
   */
  public record Stop() implements Command, KryoMessage {}

  /**
   * What a replica asks of a journal that feeds it. Every request names the replica slot
   * ({@code range}, {@code replica}) and this incarnation's reference, which the journal then
   * addresses directly.
   */
  public sealed interface FeedRequest permits AdvanceClosed, ReplayFrom, ReportApplied {}

  /** The replica needs the journal's closed timestamp to reach {@code atLeast}. */
  public record AdvanceClosed(long range, int replica, long atLeast, ActorRef<Command> replyTo)
      implements FeedRequest, KryoMessage {}

  /** The replica missed entries from {@code fromSeq} on (restart, lost message, new replica). */
  public record ReplayFrom(long range, int replica, long fromSeq, long replayId, ActorRef<Command> replyTo)
      implements FeedRequest, KryoMessage {}

  /**
   * The replica has applied the journal through {@code seq} and made that survive a machine crash.
   * Once every replica of every range is past an entry, the journal may delete it.
   */
  public record ReportApplied(long range, int replica, long seq, ActorRef<Command> from)
      implements FeedRequest, KryoMessage {}
}
