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
 * @param installSnapshotTimeout how long a follower may take to accept one chunk of a snapshot
 */
public record RaftJournalSettings(
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration requestTimeout,
    int maxEntryBytes,
    int readThreads,
    long snapshotEvery,
    Duration installSnapshotTimeout) {

  public RaftJournalSettings {
    if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw new IllegalArgumentException("election-timeout-max must exceed election-timeout-min");
    }
    if (maxEntryBytes < 1024) throw new IllegalArgumentException("max-entry-bytes too small: " + maxEntryBytes);
    if (snapshotEvery < 1) throw new IllegalArgumentException("snapshot-every must be at least 1: " + snapshotEvery);
    if (readThreads < 1) throw new IllegalArgumentException("read-threads must be at least 1: " + readThreads);
  }

  public RaftJournalSettings withRequestTimeout(Duration timeout) {
    return new RaftJournalSettings(electionTimeoutMin, electionTimeoutMax, timeout, maxEntryBytes, readThreads,
        snapshotEvery, installSnapshotTimeout);
  }

  /** From the {@code opendsql.journal.raft} section (defaults in this module's reference.conf). */
  static RaftJournalSettings fromConfig(Config raft) {
    return new RaftJournalSettings(
        raft.getDuration("election-timeout-min"),
        raft.getDuration("election-timeout-max"),
        raft.getDuration("request-timeout"),
        Math.toIntExact(raft.getBytes("max-entry-bytes")),
        raft.getInt("read-threads"),
        raft.getLong("snapshot-every"),
        raft.getDuration("install-snapshot-timeout"));
  }
}
