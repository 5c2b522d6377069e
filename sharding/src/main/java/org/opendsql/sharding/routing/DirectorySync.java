package org.opendsql.sharding.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.journal.protocol.JournalProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's copy of the directory up with the journals, which record every change: at
 * start, every few seconds, and whenever a role here finds it behind. Storage replicas and
 * journals on this node feed it sooner (they see changes as they are applied or made durable);
 * this is what a node without them, or one that just started, relies on.
 */
public final class DirectorySync {
  private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);
  private final ClusterSharding sharding;
  private final LiveDirectory directory;
  private final int journals;
  private final Duration timeout;
  /** Per journal: how many of its changes this node has taken. */
  private final AtomicIntegerArray taken;
  private final AtomicIntegerArray asking;

  public DirectorySync(ClusterSharding sharding, LiveDirectory directory, int journals, Duration timeout) {
    this.sharding = sharding;
    this.directory = directory;
    this.journals = journals;
    this.timeout = timeout;
    this.taken = new AtomicIntegerArray(journals);
    this.asking = new AtomicIntegerArray(journals);
  }

  /** Asks every journal for the changes after those taken from it (one question per journal at a time). */
  public void refresh() {
    for (int j = 0; j < journals; j++) {
      int journal = j;
      if (!asking.compareAndSet(journal, 0, 1)) continue;
      int from = taken.get(journal);
      sharding.entityRefFor(EntityKeys.JOURNAL, Integer.toString(journal))
          .<JournalProtocol.DirectoryChanges>ask(reply -> new JournalProtocol.ReadDirectory(from, reply), timeout)
          // Run where the answer completes: a plain whenComplete would start a thread on two cores.
          .whenCompleteAsync((answer, failure) -> {
            try {
              if (answer != null && answer.from() == from && !answer.changes().isEmpty()) {
                directory.offer(answer.changes());
                taken.accumulateAndGet(journal, from + answer.changes().size(), Math::max);
              }
            } catch (RuntimeException e) {
              LOG.warn("directory changes of journal {} could not be applied: {}", journal, e.toString());
            } finally {
              asking.set(journal, 0);
            }
          }, Runnable::run);
    }
  }

  /** Refreshes every {@code interval} until the system terminates. */
  public void every(ActorSystem<?> system, Duration interval) {
    system.scheduler().scheduleWithFixedDelay(Duration.ZERO, interval, () -> {
      if (!system.whenTerminated().isCompleted()) refresh();
    }, system.executionContext());
  }
}
