package org.opendsql.persistence.journal.raft;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.opendsql.persistence.journal.JournalRecord;
import org.opendsql.persistence.journal.JournalWriteConflict;
import org.opendsql.persistence.journal.JournalStore;
import org.opendsql.persistence.journal.JournalStoreFactory;

/**
 * A {@link JournalStore} replicated by Raft (Apache Ratis): each {@link #append} is one Raft log
 * entry and completes once the entry is committed, i.e. durable on a majority of peers. Reads
 * ({@link #replay}, {@link #highestSeqNr}) are served from the co-located peer's replica after a
 * linearizable read barrier (the leader's read index, which the local replica waits to apply), so
 * they see every append acknowledged before they began, wherever it was acknowledged.
 *
 * <p>Ordering: while the co-located peer leads, writes enter its log in call order in-process;
 * otherwise they go through one Ratis client, which keeps its async requests in call order. Only
 * across a leader change can two writes of different writers (persistence ids) swap places; a
 * writer has one append in flight at a time (Pekko persists one batch after another), so its own
 * order always holds.
 *
 * <p>Failure: requests retry across leader changes until {@link
 * RaftJournalSettings#requestTimeout()}; then the stage fails. A failed append's outcome is
 * unknown (the entry may commit later), as with any journal whose write times out: a writer learns
 * the truth from {@link #highestSeqNr} when it recovers.
 */
public final class RaftJournalStore implements JournalStore {

  /**
   * Starts this node's peer and a store on it, from {@code opendsql.journal.raft}: {@code peers}
   * (list of {@code id=host:port}), {@code self} (this node's id), {@code group-id} (UUID, same on
   * all peers), {@code dir} (optional; default {@code <opendsql.journal.dir>/raft-<self>}), and the
   * optional tuning keys of {@link RaftJournalSettings#fromConfig}. Closing the store stops the
   * peer.
   */
  public static final class Factory implements JournalStoreFactory {
    @Override
    public JournalStore open(Config journalConfig, ExtendedActorSystem system) {
      return open(journalConfig);
    }

    /** As {@link #open(Config, ExtendedActorSystem)}, without an actor system (tools, tests). */
    public static RaftJournalStore open(Config journalConfig) {
      Config raft = journalConfig.getConfig("raft");
      List<RaftJournalServer.Peer> peers =
          raft.getStringList("peers").stream().map(RaftJournalServer.Peer::parse).toList();
      String self = raft.getString("self");
      Path dir =
          raft.hasPath("dir")
              ? Path.of(raft.getString("dir"))
              : Path.of(journalConfig.getString("dir")).resolve("raft-" + self);
      RaftJournalSettings settings = RaftJournalSettings.fromConfig(raft);
      RaftJournalServer server =
          RaftJournalServer.start(UUID.fromString(raft.getString("group-id")), peers, self, dir, settings);
      try {
        return new RaftJournalStore(server, true);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }

  private static final Message SYNC = JournalCommand.encode(new JournalCommand.Sync());

  private final RaftJournalServer local;
  private final boolean ownsServer;
  private final RaftJournalSettings settings;
  /** Replaced when a failed request closed it (see {@link #viaClient}). */
  private volatile RaftClient client;
  private final RetryPolicy retryPolicy;
  private final ExecutorService readers;
  /** Leadership transfers block their thread for up to the transfer timeout: kept off the retries. */
  private final ExecutorService leadership;
  private final ScheduledExecutorService retries;
  private volatile boolean closed;

  /**
   * A store reading from {@code local}'s replica and writing through the group's leader.
   *
   * @param ownsServer whether {@link #close} also stops {@code local}
   */
  public RaftJournalStore(RaftJournalServer local, boolean ownsServer) {
    this.local = local;
    this.ownsServer = ownsServer;
    this.settings = local.settings();
    TimeDuration sleep = TimeDuration.valueOf(50, TimeUnit.MILLISECONDS);
    TimeDuration timeout = TimeDuration.valueOf(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    // Retry forever within the deadline: a leader change or a lost majority heals by itself, and
    // the deadline is what turns "cannot commit" into a clean failure.
    RequestTypeDependentRetryPolicy.Builder retry = RequestTypeDependentRetryPolicy.newBuilder();
    for (RaftClientRequestProto.TypeCase type :
        List.of(RaftClientRequestProto.TypeCase.WRITE, RaftClientRequestProto.TypeCase.READ)) {
      retry.setRetryPolicy(type, RetryPolicies.retryForeverWithSleep(sleep)).setTimeout(type, timeout);
    }
    this.retryPolicy = retry.build();
    this.client = newClient();
    this.retries = Executors.newSingleThreadScheduledExecutor(daemon("opendsql-raft-journal-retry"));
    this.readers = Executors.newFixedThreadPool(Math.max(1, settings.readThreads()), daemon("opendsql-raft-journal-reader"));
    this.leadership = Executors.newSingleThreadExecutor(daemon("opendsql-raft-journal-leadership"));
  }

  /** The co-located peer this store reads from. */
  public RaftJournalServer server() {
    return local;
  }

  @Override
  public CompletionStage<Void> append(List<JournalRecord> records) {
    if (records.isEmpty()) return CompletableFuture.completedFuture(null);
    long size = JournalCommand.appendSize(records);
    if (size > settings.maxEntryBytes()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "journal batch of " + size + " bytes exceeds max-entry-bytes " + settings.maxEntryBytes()));
    }
    return write(new JournalCommand.Append(List.copyOf(records)));
  }

  @Override
  public CompletionStage<Void> deleteTo(String persistenceId, long toSeqNr) {
    return write(new JournalCommand.Delete(persistenceId, toSeqNr));
  }

  /**
   * When the co-located peer leads, the write enters its log in-process; otherwise, or if that
   * fails (leadership just moved), it goes through the client, which finds the leader and
   * retries. A write sent both ways lands at most once as far as the journal is concerned: the
   * second copy of an applied append is a no-op under the single-writer rule.
   */
  private CompletableFuture<Void> write(JournalCommand command) {
    if (closed) return CompletableFuture.failedFuture(closedException());
    Message message = JournalCommand.encode(command);
    if (!local.isLeader()) return viaClient(message);
    return local.submitLocally(message).handle((reply, error) -> {
      if (error == null && reply.isSuccess()) {
        return CompletableFuture.completedFuture(check(reply));
      }
      return viaClient(message);
    }).thenCompose(f -> f);
  }

  private RaftClient newClient() {
    return RaftClient.newBuilder()
        .setProperties(RaftJournalServer.properties(settings, local.group().getPeers().size()))
        .setRaftGroup(local.group())
        .setRetryPolicy(retryPolicy)
        .build();
  }

  /**
   * A request that ran out of its deadline closes the client's ordered window, after which every
   * request fails at once without being sent: the store then takes a new client and sends again
   * (nothing of a refused request reached the group), so a long loss of the majority does not
   * leave the store unusable once it is back.
   */
  private CompletableFuture<Void> viaClient(Message message) {
    RaftClient c = client;
    return c.async().send(message).handle((reply, error) -> {
      if (error == null) return CompletableFuture.completedFuture(check(reply));
      if (closed || !causedBy(error, AlreadyClosedException.class)) return CompletableFuture.<Void>failedFuture(error);
      return replaceClient(c).async().send(message).thenApply(RaftJournalStore::check);
    }).thenCompose(f -> f);
  }

  private synchronized RaftClient replaceClient(RaftClient failed) {
    if (client != failed) return client;
    RaftClient fresh = newClient();
    client = fresh;
    try {
      failed.close();
    } catch (IOException e) {
      // Nothing left to release in a client that failed to close.
    }
    return fresh;
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) return true;
    }
    return false;
  }

  @Override
  public CompletionStage<Void> replay(
      String persistenceId, long fromSeqNr, long toSeqNr, long max, Consumer<JournalRecord> consumer) {
    return afterBarrier(
        () -> {
          local.stateMachine().replay(persistenceId, fromSeqNr, toSeqNr, max, consumer);
          return null;
        });
  }

  /**
   * Called when a writer recovers here, so this is where it will write: the store also asks for
   * the group's leadership, which lets its appends skip a network hop, and answers once the
   * transfer is done or refused (bounded by the transfer timeout). The writer's first write (its
   * claim) then finds the leader settled: sent during the transfer, it met a leader stepping down,
   * and the client's retries could wander to a peer that is paused, costing its request timeout
   * each time. Best effort; with writers on several nodes the last to recover wins, and a refused
   * transfer changes nothing.
   */
  @Override
  public CompletionStage<Long> highestSeqNr(String persistenceId) {
    return afterBarrier(() -> local.stateMachine().highestSeqNr(persistenceId))
        .thenCompose(highest -> {
          if (closed || local.isLeader() || local.group().getPeers().size() <= 1) {
            return CompletableFuture.completedFuture(highest);
          }
          return requestLeadership().thenApply(done -> highest);
        });
  }

  private CompletableFuture<Void> requestLeadership() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      leadership.execute(() -> {
        try {
          client.admin().transferLeadership(local.peerId(), settings.electionTimeoutMax().toMillis() * 2);
        } catch (IOException | RuntimeException e) {
          // Leadership stays where it is; writes go through the client as before.
        } finally {
          done.complete(null);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.complete(null);
    }
    return done;
  }

  /**
   * Runs {@code read} on the local replica once it has applied the leader's commit index as of
   * now: a linearizable read addressed to the local peer, which Ratis answers only after that.
   */
  private <T> CompletableFuture<T> afterBarrier(Supplier<T> read) {
    if (closed) return CompletableFuture.failedFuture(closedException());
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    CompletableFuture<Void> barrier = new CompletableFuture<>();
    barrier(deadline, barrier);
    return barrier.thenApplyAsync(v -> read.get(), readers);
  }

  private void barrier(long deadline, CompletableFuture<Void> done) {
    // Unordered: an ordered read addressed to one peer opens a second sequence-number window to a
    // server that may also be the leader receiving our ordered writes, and Ratis 3.2 stalls it.
    // Order is not needed: the read index is taken after every append acknowledged so far.
    client.async().sendReadOnlyUnordered(SYNC, local.peerId()).whenComplete((reply, error) -> {
      Throwable failure = error != null ? unwrap(error) : reply.isSuccess() ? null : reply.getException();
      if (failure == null) {
        done.complete(null);
      } else if (closed || failure instanceof RaftRetryFailureException || System.nanoTime() > deadline) {
        done.completeExceptionally(failure);
      } else {
        // A peer that does not know the leader yet (start, election) answers at once with a
        // ReadIndexException instead of waiting; Ratis's retry policy does not cover that.
        try {
          retries.schedule(() -> barrier(deadline, done), 50, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          done.completeExceptionally(closedException());
        }
      }
    });
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static Void check(RaftClientReply reply) {
    if (!reply.isSuccess()) {
      throw new IllegalStateException("Raft journal request failed", reply.getException());
    }
    ByteString refusal = reply.getMessage() == null ? ByteString.EMPTY : reply.getMessage().getContent();
    if (!refusal.isEmpty()) throw new JournalWriteConflict(refusal.toStringUtf8());
    return null;
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("Raft journal store of " + local.self().id() + " is closed");
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      // Cancels requests still retrying; acknowledged appends are already committed.
      client.close();
    } catch (IOException e) {
      // Nothing left to release in a client that failed to close.
    }
    retries.shutdownNow();
    leadership.shutdownNow();
    readers.shutdown();
    try {
      readers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsServer) local.close();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
