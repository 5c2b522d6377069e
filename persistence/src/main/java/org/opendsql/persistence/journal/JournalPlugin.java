package org.opendsql.persistence.journal;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;

/**
 * The Pekko Persistence journal plugin (plugin id {@code opendsql.journal}). Everything about
 * storage is behind {@link JournalStore}; this class only maps the plugin protocol onto it.
 *
 * <p>One {@code asyncWriteMessages} call becomes one durable store append: Pekko hands the plugin
 * all events a persistent actor accumulated while its previous write was in flight, which is our
 * group commit. An AtomicWrite whose events cannot be serialized is rejected on its own (the actor
 * sees a persist rejection) and the others are still written.
 */
public final class JournalPlugin extends AsyncWriteJournal {
  private final LocalJournal journal;

  public JournalPlugin(Config pluginConfig) {
    this.journal = JournalStores.get(context().system());
  }

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
    List<Optional<Exception>> results = new ArrayList<>();
    List<JournalRecord> records = new ArrayList<>();
    for (AtomicWrite write : messages) {
      try {
        List<JournalRecord> encoded = new ArrayList<>();
        for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
          encoded.add(journal.encode(repr));
        }
        records.addAll(encoded);
        results.add(Optional.empty());
      } catch (Exception e) {
        results.add(Optional.of(e));
      }
    }
    CompletionStage<Void> written =
        records.isEmpty() ? CompletableFuture.completedFuture(null) : journal.store().append(records);
    return FutureConverters.asScala(written.thenApply(v -> (Iterable<Optional<Exception>>) results));
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return FutureConverters.asScala(journal.store().deleteTo(persistenceId, toSequenceNr));
  }

  @Override
  public Future<Void> doAsyncReplayMessages(
      String persistenceId, long fromSequenceNr, long toSequenceNr, long max, Consumer<PersistentRepr> replayCallback) {
    // Pekko allows the callback to be invoked from any thread, so decoding runs on the reader.
    return FutureConverters.asScala(
        journal.store().replay(
            persistenceId, fromSequenceNr, toSequenceNr, max, r -> replayCallback.accept(journal.decode(r))));
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return FutureConverters.asScala(journal.store().highestSeqNr(persistenceId));
  }
}
