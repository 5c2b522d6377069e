package org.opendsql.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.CommittedTxn;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;

/**
 * The recovery of a journal's log: an event-sourced log whose events are whole commit batches,
 * replayed through the journal plugin into just what a new incarnation must continue from. Recovery
 * is correct from any suffix of the log that starts at a checkpoint batch (see {@link
 * BatchCommitted}): that is what truncation keeps.
 *
 * <p>It persists nothing itself: once it has reported the state, the {@link Journal} stops it and
 * writes each later batch to the store directly, in the form the plugin writes (see {@code
 * LocalJournal.appendEvent}), so that the next incarnation's recovery reads them like its own.
 * Going through Pekko Persistence's persist would cost each commit four more thread hand-offs
 * (this actor, the plugin actor and back) on the path every commit waits for.
 */
final class JournalLog extends EventSourcedBehavior<JournalLog.Command, BatchCommitted, JournalLog.State> {
  /** The journal plugin's id: its configuration lives at this path. */
  static final String PLUGIN_ID = "opendsql.journal";

  /** It takes no commands: it only recovers. */
  interface Command {}

  /**
   * What the log holds: its last entry, the highest commit timestamp, per range the latest
   * adjudicator epoch that fenced older ones, the highest lease and every directory change.
   */
  record State(long lastSeq, long maxCommitTs, Map<Long, Long> fences, long lease,
      List<org.opendsql.core.range.RangeChange> changes) {}

  private final ActorRef<State> recovered;
  private final ActorContext<Command> ctx;

  static String persistenceId(String journalId) {
    return "journal-" + journalId;
  }

  static Behavior<Command> create(String journalId, JournalSettings settings, ActorRef<State> recovered) {
    return Behaviors.setup(ctx -> new JournalLog(ctx, PersistenceId.ofUniqueId(persistenceId(journalId)), settings,
        recovered));
  }

  private JournalLog(ActorContext<Command> ctx, PersistenceId id, JournalSettings settings, ActorRef<State> recovered) {
    super(id, SupervisorStrategy.restartWithBackoff(settings.logRestartMinBackoff(), settings.logRestartMaxBackoff(),
        0.2));
    this.ctx = ctx;
    this.recovered = recovered;
  }

  @Override
  public String journalPluginId() {
    return PLUGIN_ID;
  }

  @Override
  public State emptyState() {
    return new State(0, 0, Map.of(), 0, List.of());
  }

  @Override
  public CommandHandler<Command, BatchCommitted, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().build();
  }

  @Override
  public EventHandler<State, BatchCommitted> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(BatchCommitted.class, (state, ev) -> {
          long max = Math.max(state.maxCommitTs(), ev.maxCommitTs());
          for (CommittedTxn t : ev.txns()) max = Math.max(max, t.commitTs());
          Map<Long, Long> fences = state.fences();
          if (!ev.fences().isEmpty()) {
            fences = new HashMap<>(fences);
            for (RangeEpoch f : ev.fences()) fences.merge(f.range(), f.epoch(), Math::max);
          }
          List<org.opendsql.core.range.RangeChange> changes = state.changes();
          // A checkpoint carries every change before it: what a log truncated below it still knows.
          if (!ev.directory().isEmpty() && ev.directory().size() >= changes.size()) changes = ev.directory();
          for (CommittedTxn t : ev.txns()) {
            if (t.changes().isEmpty()) continue;
            changes = new ArrayList<>(changes);
            changes.addAll(t.changes());
          }
          // The entry's own sequence number, not a count: entries before it may have been deleted.
          return new State(lastSequenceNumber(ctx), max, fences, Math.max(state.lease(), ev.lease()),
              changes);
        })
        .build();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> recovered.tell(state))
        .build();
  }
}
