package org.opendsql.journal.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeChange;
import org.opendsql.persistence.serialization.KryoMessage;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * What a journal accepts and answers: appends and fences from adjudicators, requests from the
 * storage replicas it feeds; and the event it persists, one group-committed batch.
 */
public final class JournalProtocol {
  private JournalProtocol() {}

  /** Everything a journal entity receives. */
  public sealed interface Command permits Append, Fence, FromReplica, ReadDirectory, HandOff, Own {}

  /**
   * Messages a journal sends itself (its log's answers, finished background reads and deletes); no
   * other actor sends them, and they never cross a JVM.
   */
  public non-sealed interface Own extends Command {}

  /**
   * A decided transaction to make durable. The reply carries its commit timestamp. The journal
   * refuses it (40001) rather than give it a commit timestamp above {@code deadlineTs}: past the
   * deadline the coordinator may already have given up and fenced its keys up to it.
   *
   * @param epochs the incarnation of every range's adjudicator that took part in the decision
   * @param changes directory changes the transaction makes (a split is a transaction with no writes)
   */
  public record Append(long txnId, long tauStart, long deadlineTs, List<RangeEpoch> epochs,
      List<Write> writes, List<RangeChange> changes, ActorRef<AppendOutcome> replyTo)
      implements Command, KryoMessage {}

  /**
   * Sharding moves the journal (a drain, a rebalance, the node leaving): the batch in flight is
   * made durable and answered, appends not yet written are refused (40001, the client retries on
   * the next incarnation), then the journal stops. Sharding starts the next incarnation only once
   * this one has stopped.
   */
  public record HandOff() implements Command, KryoMessage {}

  /**
   * The commit timestamp given to a transaction, or the error that refused it. {@code journal}
   * lets the coordinator address this incarnation directly next time.
   */
  public record AppendOutcome(long txnId, long commitTs, DbException error, ActorRef<Command> journal)
      implements KryoMessage {
    public static AppendOutcome committed(long txnId, long commitTs, ActorRef<Command> journal) {
      return new AppendOutcome(txnId, commitTs, null, journal);
    }

    public static AppendOutcome refused(long txnId, DbException error) {
      return new AppendOutcome(txnId, 0, error, null);
    }
  }

  /** The incarnation (epoch) of a range's adjudicator that decided for its range. */
  public record RangeEpoch(long range, long epoch) implements KryoMessage {}

  /**
   * A new adjudicator incarnation of {@code range} fences older ones: from now on this journal
   * refuses any append whose decision involved an older incarnation of that range. The reply
   * comes once the fence is durable.
   */
  public record Fence(long range, long epoch, ActorRef<FenceReceipt> replyTo) implements Command, KryoMessage {}

  /**
   * A fence is durable. {@code maxAssignedTs}: the highest commit timestamp the journal assigned;
   * {@code fence}: the range's fence now in force (an epoch above the requester's means a newer
   * incarnation exists); {@code changes}: every directory change this journal recorded, durable
   * before the fence (with every journal's, what the range's bounds are).
   */
  public record FenceReceipt(int journal, long range, long maxAssignedTs, long fence, List<RangeChange> changes)
      implements KryoMessage {}

  /** Asks for the directory changes this journal recorded, from the {@code from}-th on. */
  public record ReadDirectory(int from, ActorRef<DirectoryChanges> replyTo) implements Command, KryoMessage {}

  /** Directory changes of one journal, in the order it recorded them, from the {@code from}-th. */
  public record DirectoryChanges(int journal, int from, List<RangeChange> changes) implements KryoMessage {}

  /** A storage replica's request, as it reaches a journal through sharding. */
  public record FromReplica(StorageProtocol.FeedRequest request) implements Command, KryoMessage {}

  /**
   * The journal event: one group-committed batch, with the range fences that came with it, the
   * lease under which closed timestamps may be published once it is durable, an id telling this
   * batch from any other batch at the same sequence number, and the highest commit timestamp this
   * journal assigned so far. A checkpoint batch (written before the log is truncated) carries every
   * fence and every directory change recorded before it, so any suffix of the log that starts at a
   * checkpoint recovers the whole state.
   */
  public record BatchCommitted(List<CommittedTxn> txns, List<RangeEpoch> fences, long lease, long batchId,
      long maxCommitTs, List<RangeChange> directory) implements KryoMessage {}

  public record CommittedTxn(long txnId, long commitTs, List<Write> writes, List<RangeChange> changes)
      implements KryoMessage {}
}
