package org.opendsql.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AbstractPersistentActor;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.RecoveryCompleted;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendsql.persistence.TestRegistrar;
import org.opendsql.persistence.serialization.KryoMessage;

public class JournalPluginTest {
  /** The persisted event; a KryoMessage, so it is stored through the Kryo serializer. */
  public record Added(String text) implements KryoMessage {}

  interface Cmd {}

  record Add(List<String> texts, ActorRef<Done> replyTo) implements Cmd {}

  record Get(ActorRef<List<String>> replyTo) implements Cmd {}

  static final class Counter extends EventSourcedBehavior<Cmd, Added, List<String>> {
    Counter(String id) {
      super(PersistenceId.ofUniqueId(id));
    }

    @Override
    public List<String> emptyState() {
      return new ArrayList<>();
    }

    @Override
    public CommandHandler<Cmd, Added, List<String>> commandHandler() {
      return newCommandHandlerBuilder()
          .forAnyState()
          .onCommand(
              Add.class,
              (state, c) ->
                  Effect()
                      .persist(c.texts().stream().map(Added::new).toList())
                      .thenReply(c.replyTo(), s -> Done.getInstance()))
          .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), List.copyOf(state)))
          .build();
    }

    @Override
    public EventHandler<List<String>, Added> eventHandler() {
      return newEventHandlerBuilder()
          .forAnyState()
          .onEvent(Added.class, (s, e) -> {
            s.add(e.text());
            return s;
          })
          .build();
    }
  }

  record Recovered(List<String> events, long lastSeqNr) {}

  /** Classic persistent actor: the typed API cannot delete events without snapshots. */
  static final class Recorder extends AbstractPersistentActor {
    private final String id;
    private final org.apache.pekko.actor.ActorRef probe;
    private final List<String> recovered = new ArrayList<>();

    Recorder(String id, org.apache.pekko.actor.ActorRef probe) {
      this.id = id;
      this.probe = probe;
    }

    @Override
    public String persistenceId() {
      return id;
    }

    @Override
    public Receive createReceiveRecover() {
      return receiveBuilder()
          .match(Added.class, e -> recovered.add(e.text()))
          .match(RecoveryCompleted.class, rc -> probe.tell(new Recovered(List.copyOf(recovered), lastSequenceNr()), self()))
          .build();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(String.class, s -> persist(new Added(s), e -> probe.tell("persisted " + e.text(), self())))
          .match(Long.class, this::deleteMessages)
          .match(DeleteMessagesSuccess.class, d -> probe.tell(d, self()))
          .build();
    }
  }

  private static Config config(Path dir) {
    return ConfigFactory.parseString(
            "opendsql.serialization.registrar = \"" + TestRegistrar.class.getName() + "\"\n"
                + "opendsql.journal.dir = \"" + dir.toString().replace("\\", "/") + "\"\n")
        .withFallback(ConfigFactory.load());
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void eventsPersistedByOneSystemAreRecoveredInOrderByTheNextOnTheSameDir(@TempDir Path dir) throws Exception {
    ActorTestKit first = ActorTestKit.create("journal-first", config(dir));
    try {
      ActorRef<Cmd> counter = first.spawn(new Counter("c1"));
      TestProbe<Done> done = first.createTestProbe();
      counter.tell(new Add(List.of("a"), done.ref()));
      done.expectMessage(Done.getInstance());
      counter.tell(new Add(List.of("b", "c"), done.ref())); // one AtomicWrite of two events
      done.expectMessage(Done.getInstance());

      LocalJournal journal = JournalStores.get(first.system());
      List<JournalEvent> events = journal.readEvents("c1", 1, 100);
      assertEquals(
          List.of(new JournalEvent("c1", 1, new Added("a")), new JournalEvent("c1", 2, new Added("b")),
              new JournalEvent("c1", 3, new Added("c"))),
          events);
      assertEquals(List.of(new JournalEvent("c1", 3, new Added("c"))), journal.readEvents("c1", 3, 100));
      assertEquals(2, journal.readEvents("c1", 1, 2).size());
      assertEquals(events, await(journal.readEventsAsync("c1", 1, 100)));
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = ActorTestKit.create("journal-second", config(dir));
    try {
      ActorRef<Cmd> counter = second.spawn(new Counter("c1"));
      TestProbe<List<String>> state = second.createTestProbe();
      counter.tell(new Get(state.ref()));
      state.expectMessage(Duration.ofSeconds(10), List.of("a", "b", "c"));

      TestProbe<Done> done = second.createTestProbe();
      counter.tell(new Add(List.of("d"), done.ref()));
      done.expectMessage(Done.getInstance());
      LocalJournal journal = JournalStores.forSystem(second.system());
      assertEquals(4L, await(journal.highestSeqNrAsync("c1")));
      assertEquals(4L, journal.highestSeqNr("c1"));
      assertEquals(new JournalEvent("c1", 4, new Added("d")), journal.readEvents("c1", 4, 10).get(0));
      assertEquals(0L, journal.highestSeqNr("never-written"));
    } finally {
      second.shutdownTestKit();
    }
  }

  @Test
  void deleteToRemovesEventsButKeepsTheHighestSeqNr(@TempDir Path dir) throws Exception {
    ActorTestKit kit = ActorTestKit.create("journal-delete", config(dir));
    try {
      TestProbe<Object> probe = kit.createTestProbe();
      org.apache.pekko.actor.ActorRef classicProbe = Adapter.toClassic(probe.ref());
      Props props = Props.create(Recorder.class, () -> new Recorder("r1", classicProbe));
      // The testkit's user guardian is typed; a system actor is the way to host a classic actor.
      org.apache.pekko.actor.ExtendedActorSystem classic =
          (org.apache.pekko.actor.ExtendedActorSystem) Adapter.toClassic(kit.system());
      org.apache.pekko.actor.ActorRef recorder = classic.systemActorOf(props, "recorder-1");
      probe.expectMessage(new Recovered(List.of(), 0));
      for (String s : List.of("x", "y", "z")) {
        recorder.tell(s, org.apache.pekko.actor.ActorRef.noSender());
        probe.expectMessage("persisted " + s);
      }
      recorder.tell(2L, org.apache.pekko.actor.ActorRef.noSender());
      probe.expectMessage(new DeleteMessagesSuccess(2));
      kit.system().classicSystem().stop(recorder);
      probe.expectTerminated(Adapter.toTyped(recorder));

      LocalJournal journal = JournalStores.get(kit.system());
      assertEquals(List.of(new JournalEvent("r1", 3, new Added("z"))), journal.readEvents("r1", 1, 10));
      assertEquals(3L, journal.highestSeqNr("r1"));

      // A new incarnation replays only the survivor and continues numbering after the deleted ones.
      org.apache.pekko.actor.ActorRef again = classic.systemActorOf(props, "recorder-2");
      probe.expectMessage(new Recovered(List.of("z"), 3));
      again.tell(Long.MAX_VALUE, org.apache.pekko.actor.ActorRef.noSender());
      probe.expectMessage(new DeleteMessagesSuccess(Long.MAX_VALUE));
      assertEquals(List.of(), journal.readEvents("r1", 1, 10));
      assertEquals(3L, journal.highestSeqNr("r1"));
    } finally {
      kit.shutdownTestKit();
    }
  }
}
