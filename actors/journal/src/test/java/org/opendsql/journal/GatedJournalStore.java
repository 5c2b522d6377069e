package org.opendsql.journal;

import com.typesafe.config.Config;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.opendsql.persistence.journal.JournalRecord;
import org.opendsql.persistence.journal.JournalStore;
import org.opendsql.persistence.journal.JournalStoreFactory;
import org.opendsql.persistence.journal.RocksJournalStore;

/**
 * The local RocksDB journal store with a hand on its writes, configured as the test systems'
 * {@code opendsql.journal.store-factory}: a test can hold the writes of one persistence id (to
 * see what a journal does while a batch is in flight, and that it answers only once the batch is
 * durable) and make the next write of an id fail, before or after it landed.
 */
public final class GatedJournalStore implements JournalStore {
  public static final class Factory implements JournalStoreFactory {
    @Override
    public JournalStore open(Config journalConfig, ExtendedActorSystem system) {
      return new GatedJournalStore(new RocksJournalStore.Factory().open(journalConfig, system));
    }
  }

  /** Thrown for a write the test made fail. */
  static final class InjectedFailure extends RuntimeException {
    InjectedFailure(String message) {
      super(message);
    }
  }

  private static final Map<String, CompletableFuture<Void>> HELD = new ConcurrentHashMap<>();
  /** Per persistence id, whether its next write lands before it is reported failed. */
  private static final Map<String, Boolean> FAIL_NEXT = new ConcurrentHashMap<>();

  private final JournalStore delegate;

  private GatedJournalStore(JournalStore delegate) {
    this.delegate = delegate;
  }

  /** Writes of {@code persistenceId} wait from now until {@link #release}. */
  static void hold(String persistenceId) {
    HELD.putIfAbsent(persistenceId, new CompletableFuture<>());
  }

  /** The held writes of {@code persistenceId} go ahead, in order. */
  static void release(String persistenceId) {
    CompletableFuture<Void> gate = HELD.remove(persistenceId);
    if (gate != null) gate.complete(null);
  }

  static void releaseAll() {
    for (String id : Set.copyOf(HELD.keySet())) release(id);
    FAIL_NEXT.clear();
  }

  /** The next write of {@code persistenceId} fails; with {@code landed} only after it was written. */
  static void failNextWrite(String persistenceId, boolean landed) {
    FAIL_NEXT.put(persistenceId, landed);
  }

  @Override
  public CompletionStage<Void> append(List<JournalRecord> records) {
    Set<String> ids = new LinkedHashSet<>();
    for (JournalRecord r : records) ids.add(r.persistenceId());
    CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    for (String id : ids) {
      CompletableFuture<Void> held = HELD.get(id);
      if (held != null) gate = gate.thenCompose(v -> held);
    }
    return gate.thenCompose(v -> write(records, ids));
  }

  private CompletionStage<Void> write(List<JournalRecord> records, Set<String> ids) {
    for (String id : ids) {
      Boolean landed = FAIL_NEXT.remove(id);
      if (landed == null) continue;
      InjectedFailure failure = new InjectedFailure("injected write failure of " + id + (landed ? " after it landed" : ""));
      if (!landed) return CompletableFuture.failedFuture(failure);
      return delegate.append(records).thenCompose(done -> CompletableFuture.<Void>failedFuture(failure));
    }
    return delegate.append(records);
  }

  @Override
  public CompletionStage<Void> replay(String persistenceId, long fromSeqNr, long toSeqNr, long max,
      Consumer<JournalRecord> consumer) {
    return delegate.replay(persistenceId, fromSeqNr, toSeqNr, max, consumer);
  }

  @Override
  public CompletionStage<Long> highestSeqNr(String persistenceId) {
    return delegate.highestSeqNr(persistenceId);
  }

  @Override
  public CompletionStage<Void> deleteTo(String persistenceId, long toSeqNr) {
    return delegate.deleteTo(persistenceId, toSeqNr);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
