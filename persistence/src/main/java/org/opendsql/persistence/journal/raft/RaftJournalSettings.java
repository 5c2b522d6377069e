package org.opendsql.persistence.journal.raft;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Tuning of a Raft journal group, the same on every peer.
 *
 * @param electionTimeoutMin lower bound of the randomized Raft election timeout
 * @param electionTimeoutMax upper bound; a dead leader is replaced after roughly this long
 * @param requestTimeout how long an append, delete or read may keep retrying (leader changes,
 *     lost majority) before it fails; an append that fails this way may still commit later
 * @param maxEntryBytes the largest encoded append batch; Ratis's buffers are sized for it
 * @param readThreads threads running local replays and highest-seqNr reads
 * @param snapshotEvery Raft entries between two snapshots of a peer's state; the log before a
 *     snapshot is purged, so this bounds the log (with journal truncation bounding the state)
 */
public record RaftJournalSettings(
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration requestTimeout,
    int maxEntryBytes,
    int readThreads,
    long snapshotEvery) {

  /** Ratis's own election timeouts; room for 10 MiB transactions in one batch and then some. */
  public static RaftJournalSettings defaults() {
    return new RaftJournalSettings(
        Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofSeconds(30), 32 << 20, 2, 10_000);
  }

  public RaftJournalSettings {
    if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw new IllegalArgumentException("election-timeout-max must exceed election-timeout-min");
    }
    if (maxEntryBytes < 1024) throw new IllegalArgumentException("max-entry-bytes too small: " + maxEntryBytes);
    if (snapshotEvery < 1) throw new IllegalArgumentException("snapshot-every must be at least 1: " + snapshotEvery);
  }

  public RaftJournalSettings withRequestTimeout(Duration timeout) {
    return new RaftJournalSettings(electionTimeoutMin, electionTimeoutMax, timeout, maxEntryBytes, readThreads,
        snapshotEvery);
  }

  /** Reads the optional keys of {@code opendsql.journal.raft}, defaulting the absent ones. */
  static RaftJournalSettings fromConfig(Config raft) {
    RaftJournalSettings d = defaults();
    return new RaftJournalSettings(
        raft.hasPath("election-timeout-min") ? raft.getDuration("election-timeout-min") : d.electionTimeoutMin(),
        raft.hasPath("election-timeout-max") ? raft.getDuration("election-timeout-max") : d.electionTimeoutMax(),
        raft.hasPath("request-timeout") ? raft.getDuration("request-timeout") : d.requestTimeout(),
        raft.hasPath("max-entry-bytes") ? (int) raft.getBytes("max-entry-bytes").longValue() : d.maxEntryBytes(),
        raft.hasPath("read-threads") ? raft.getInt("read-threads") : d.readThreads(),
        raft.hasPath("snapshot-every") ? raft.getLong("snapshot-every") : d.snapshotEvery());
  }
}
