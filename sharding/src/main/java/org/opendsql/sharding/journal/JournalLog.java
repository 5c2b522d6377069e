package org.opendsql.sharding.journal;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The durable part of a journal: an event-sourced log whose events are whole commit batches. One
 * persist per batch is the group commit; the reply goes out only once the journal plugin has the
 * batch durably. Its state is just the position (last sequence number, highest commit timestamp)
 * that a new incarnation must continue from. Recovery is correct from any suffix of the log that
 * starts at a checkpoint batch (see {@link Journal.BatchCommitted}): that is what truncation keeps.
 */
final class JournalLog
    extends EventSourcedBehavior<JournalLog.Command, Journal.BatchCommitted, JournalLog.State> {

  interface Command {}

  record PersistBatch(Journal.BatchCommitted batch, ActorRef<Journal.Command> replyTo) implements Command {}

  /**
   * {@code fences}: per range, the latest adjudicator epoch that fenced older ones; {@code lease}:
   * the highest lease written; {@code lastBatchId}: the id of the last batch.
   */
  record State(long lastSeq, long maxCommitTs, java.util.Map<Integer, Long> fences, long lease, long lastBatchId) {}

  private final ActorRef<Journal.Command> parent;

  private final ActorContext<Command> ctx;

  static Behavior<Command> create(String journalId, ActorRef<Journal.Command> parent) {
    return Behaviors.setup(ctx -> new JournalLog(ctx, PersistenceId.ofUniqueId("journal-" + journalId), parent));
  }

  private JournalLog(ActorContext<Command> ctx, PersistenceId id, ActorRef<Journal.Command> parent) {
    super(id, SupervisorStrategy.restartWithBackoff(
        java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2), 0.2));
    this.ctx = ctx;
    this.parent = parent;
  }

  @Override
  public String journalPluginId() {
    return "opendsql.journal";
  }

  @Override
  public State emptyState() {
    return new State(0, 0, java.util.Map.of(), 0, 0);
  }

  @Override
  public CommandHandler<Command, Journal.BatchCommitted, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(PersistBatch.class, (state, cmd) -> Effect().persist(cmd.batch())
            .thenRun(s -> cmd.replyTo().tell(new Journal.Persisted(s.lastSeq(), cmd.batch()))))
        .build();
  }

  @Override
  public EventHandler<State, Journal.BatchCommitted> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Journal.BatchCommitted.class, (state, ev) -> {
          long max = Math.max(state.maxCommitTs(), ev.maxCommitTs());
          for (Journal.CommittedTxn t : ev.txns()) max = Math.max(max, t.commitTs());
          java.util.Map<Integer, Long> fences = state.fences();
          if (!ev.fences().isEmpty()) {
            fences = new java.util.HashMap<>(fences);
            for (Journal.RangeEpoch f : ev.fences()) fences.merge(f.range(), f.epoch(), Math::max);
          }
          // The entry's own sequence number, not a count: entries before it may have been deleted.
          return new State(lastSequenceNumber(ctx), max, fences, Math.max(state.lease(), ev.lease()), ev.batchId());
        })
        .build();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(),
            state -> parent.tell(new Journal.Recovered(state.lastSeq(), state.maxCommitTs(), state.fences(),
                state.lease(), state.lastBatchId())))
        .build();
  }
}
