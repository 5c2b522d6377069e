package org.opendsql.persistence.journal;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * The journal of one ActorSystem: the open {@link JournalStore} plus the codec between {@link
 * PersistentRepr} and stored bytes. Shared by the Pekko journal plugin and by in-JVM readers (the
 * crossbar catches up from {@link #readEvents} after a restart), so both see the same store
 * instance. Obtain it with {@link JournalStores#get}; it closes when the ActorSystem terminates
 * (after all actors, including the plugin, have stopped).
 *
 * <p>Stored bytes are the whole PersistentRepr serialized by Pekko's persistence message
 * serializer, which in turn serializes the payload with its bound serializer (Kryo for {@code
 * KryoMessage} events) and keeps the writer UUID and manifest that recovery checks.
 */
public final class LocalJournal implements Extension {
  public static final String CONFIG_PATH = "opendsql.journal";

  private final JournalStore store;
  private final Serialization serialization;
  private final java.time.Duration readTimeout;

  LocalJournal(ExtendedActorSystem system) {
    Config config = system.settings().config().getConfig(CONFIG_PATH);
    String factoryName = config.getString("store-factory");
    JournalStoreFactory factory;
    try {
      factory =
          (JournalStoreFactory)
              Class.forName(factoryName, true, system.dynamicAccess().classLoader())
                  .getDeclaredConstructor()
                  .newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          CONFIG_PATH + ".store-factory = " + factoryName + " is not an instantiable "
              + JournalStoreFactory.class.getName(), e);
    }
    this.readTimeout = config.getDuration("blocking-read-timeout");
    this.store = factory.open(config, system);
    this.serialization = SerializationExtension.get(system);
    system.registerOnTermination(store::close);
  }

  public JournalStore store() {
    return store;
  }

  /**
   * Up to {@code max} events of {@code persistenceId} from {@code fromSeqNr} on, in seqNr order,
   * with their payloads deserialized. Blocks the caller until read (at most {@code blocking-read-timeout});
   * actors on a shared dispatcher should prefer {@link #readEventsAsync}.
   */
  public List<JournalEvent> readEvents(String persistenceId, long fromSeqNr, int max) {
    return await(readEventsAsync(persistenceId, fromSeqNr, max), "reading " + persistenceId);
  }

  /** As {@link #readEvents}, completing on a journal reader thread. */
  public CompletionStage<List<JournalEvent>> readEventsAsync(String persistenceId, long fromSeqNr, int max) {
    List<JournalEvent> out = new ArrayList<>();
    return store
        .replay(
            persistenceId,
            fromSeqNr,
            Long.MAX_VALUE,
            max,
            r -> out.add(new JournalEvent(persistenceId, r.seqNr(), decode(r).payload())))
        .thenApply(v -> out);
  }

  /**
   * Appends {@code event} as entry {@code seqNr} of {@code persistenceId}, written by {@code
   * writer}, in the very form the plugin writes an event an actor persisted, so that a persistent
   * actor of that id recovers it as its own. For an actor that numbers its log itself and writes
   * without the plugin's round trips; the store's single-writer rule (see {@link SingleWriter})
   * holds for it as for the plugin. Completes once durable, on a store thread.
   */
  public CompletionStage<Void> appendEvent(String persistenceId, long seqNr, String writer, Object event) {
    JournalRecord record;
    try {
      record = record(persistenceId, seqNr, writer, event);
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    return store.append(List.of(record));
  }

  /** Whether {@link #appendEventHere} may be called (see {@link JournalStore#appendsHere}). */
  public boolean appendsHere() {
    return store.appendsHere();
  }

  /** {@link #appendEvent} on the caller's thread: returns once durable, throws if it may not be. */
  public void appendEventHere(String persistenceId, long seqNr, String writer, Object event) {
    store.appendHere(List.of(record(persistenceId, seqNr, writer, event)));
  }

  /** The event as the plugin stores an event a persistent actor of that id persisted. */
  private JournalRecord record(String persistenceId, long seqNr, String writer, Object event) {
    return encode(PersistentRepr.apply(event, seqNr, persistenceId, "", false, null, writer));
  }

  /** Deletes the id's events through {@code toSeqNr} (its highest seqNr is kept), durably. */
  public CompletionStage<Void> deleteEventsAsync(String persistenceId, long toSeqNr) {
    return store.deleteTo(persistenceId, toSeqNr);
  }

  /** The highest seqNr ever written for the id (0 if none); blocks like {@link #readEvents}. */
  public long highestSeqNr(String persistenceId) {
    return await(highestSeqNrAsync(persistenceId), "highest seqNr of " + persistenceId);
  }

  public CompletionStage<Long> highestSeqNrAsync(String persistenceId) {
    return store.highestSeqNr(persistenceId);
  }

  private <T> T await(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(readTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("journal failed while " + what, e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("journal timed out while " + what, e);
    }
  }

  JournalRecord encode(PersistentRepr repr) {
    // Tags are only for tag queries, which this journal does not offer; storing the bare event keeps
    // readEvents and replay returning what the behavior persisted.
    if (repr.payload() instanceof Tagged tagged) {
      repr = repr.withPayload(tagged.payload());
    }
    byte[] bytes = serialization.serialize(repr).get();
    return new JournalRecord(repr.persistenceId(), repr.sequenceNr(), repr.writerUuid(), bytes);
  }

  PersistentRepr decode(JournalRecord record) {
    return serialization.deserialize(record.bytes(), PersistentRepr.class).get();
  }
}
