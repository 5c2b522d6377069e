package org.opendsql.adjudicator.protocol;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.opendsql.adjudicator.state.ConflictWindow;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeChange;
import org.opendsql.persistence.serialization.KryoMessage;

/**
 * What an adjudicator accepts and answers: a session's commit (to the coordinating range), and
 * between adjudicators of one transaction the prepare, the vote and the decision.
 */
public final class AdjudicatorProtocol {
  private AdjudicatorProtocol() {}

  /** Everything an adjudicator entity receives. */
  public sealed interface Command permits CommitTxn, Prepare, Decide, Wake, SplitRange, MergeRange, MergeInto, HandOff,
      Own {}

  /**
   * Messages an adjudicator sends itself (timers, adapted replies); no other actor sends them, and
   * they never cross a JVM.
   */
  public non-sealed interface Own extends Command {}

  /**
   * The part of a write set that falls in one range: its writes, the keys it selected FOR UPDATE
   * there without writing them (adjudicated like written keys, never sent to the journal), and the
   * schema keys to validate there.
   */
  public record RangeWrites(long range, List<Write> writes, List<byte[]> lockedKeys, List<byte[]> schemaKeys)
      implements KryoMessage {
    /** Every key this part puts in the range's conflict window: written keys, then locked keys. */
    public List<byte[]> conflictKeys() {
      List<byte[]> keys = new ArrayList<>(writes.size() + lockedKeys.size());
      for (Write w : writes) keys.add(w.key());
      keys.addAll(lockedKeys);
      return keys;
    }
  }

  /** From a session to the coordinating range (the lowest range in {@code parts}). */
  public record CommitTxn(long txnId, long tauStart, List<RangeWrites> parts, ActorRef<Outcome> replyTo)
      implements Command, KryoMessage {}

  /**
   * The commit timestamp, or the error that aborted the transaction; or {@code moved} (not null):
   * nothing was decided because a range named in the commit no longer holds some of its keys, and
   * these are the directory changes that moved them (the session applies them and commits again).
   */
  public record Outcome(long txnId, long commitTs, DbException error, List<RangeChange> moved)
      implements KryoMessage {
    public static Outcome committed(long txnId, long commitTs) {
      return new Outcome(txnId, commitTs, null, null);
    }

    public static Outcome failed(long txnId, DbException error) {
      return new Outcome(txnId, 0, error, null);
    }

    public static Outcome movedBy(long txnId, List<RangeChange> changes) {
      return new Outcome(txnId, 0, null, changes);
    }
  }

  /** {@code deadlineTs}: no commit timestamp of this transaction can exceed it (see the journal's Append). */
  public record Prepare(long txnId, long tauStart, long deadlineTs, RangeWrites part, ActorRef<Vote> replyTo)
      implements Command, KryoMessage {}

  /**
   * {@code epoch}: the voter's incarnation, so the journal can refuse a decision a restart voided;
   * {@code moved} (not null): the part's keys are not all in the voter's range any more (the
   * changes that moved them), and the vote is a refusal.
   */
  public record Vote(long txnId, long range, ConflictWindow.Verdict verdict, long epoch, ActorRef<Command> voter,
      List<RangeChange> moved) implements KryoMessage {}

  /**
   * The coordinator's decision; {@code commitTs == 0} aborts. It carries the range's conflict keys
   * (written and locked) so that an incarnation that never saw the Prepare (restarted since) still
   * records the commit.
   */
  public record Decide(long txnId, long commitTs, List<byte[]> keys) implements Command, KryoMessage {}

  /**
   * Sharding moves the adjudicator (a drain, a rebalance, the node leaving, a passivation):
   * commits still collecting votes are aborted (40001: nothing was appended), commits whose append
   * is in flight are answered when the journal answers, new work is refused, then it stops.
   * Sharding starts the next incarnation only once this one has stopped.
   */
  public record HandOff() implements Command, KryoMessage {}

  /** Starts the entity ahead of traffic; the reply says it is running. */
  public record Wake(ActorRef<Incarnation> replyTo) implements Command, KryoMessage {}

  /** The entity's own reference: callers may address it directly until it terminates. */
  public record Incarnation(long range, ActorRef<Command> ref) implements KryoMessage {}

  /**
   * Split this range at {@code at} (null: at a key its first replica chooses from the data) if it
   * is still at {@code generation} (-1: whatever it is). The split is a transaction of its own,
   * appended to the range's journal once nothing the range decided is in flight.
   */
  public record SplitRange(long generation, byte[] at, ActorRef<SplitResult> replyTo) implements Command, KryoMessage {}

  /** The split made and its commit timestamp, or why none was ({@code refusal}). */
  public record SplitResult(long range, RangeChange.Split split, long commitTs, String refusal) implements KryoMessage {}

  /**
   * Merge this range's right neighbour into it, if this range is still at {@code generation} (-1:
   * whatever it is). The neighbour's adjudicator retires: it appends the merge to the journal both
   * ranges share once nothing it decided is in flight, and this range then decides both.
   */
  public record MergeRange(long generation, ActorRef<MergeResult> replyTo) implements Command, KryoMessage {}

  /** The merge made and its commit timestamp, or why none was ({@code refusal}). */
  public record MergeResult(long range, RangeChange.Merge merge, long commitTs, String refusal) implements KryoMessage {}

  /**
   * From the left range's adjudicator (incarnation {@code leftEpoch}) to its right neighbour's:
   * become part of {@code left}. The merge's journal entry carries both incarnations, so the
   * journal refuses it if either was fenced since (a restarted left range then learns its bounds
   * from the journal, with or without the merge, never half of it).
   */
  public record MergeInto(long left, long leftGeneration, long leftEpoch, long rightGeneration,
      ActorRef<Merged> replyTo) implements Command, KryoMessage {}

  /**
   * The right range's answer: the merge is durable at {@code commitTs} (its range ended at {@code
   * rightEnd}, null: unbounded), or it was refused ({@code refusal}), or its outcome is unknown.
   */
  public record Merged(long right, RangeChange.Merge merge, long commitTs, byte[] rightEnd, String refusal,
      boolean outcomeUnknown) implements KryoMessage {}
}
