package org.opendsql.storage;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * A storage replica's tunables, read from {@code opendsql.storage} (defaults in this module's
 * reference.conf).
 *
 * @param maxReadWait how long a read may wait for the replica to reach its snapshot time
 * @param tick how often the replica checks timers (expired reads, gaps, stalled installs, GC, reports)
 * @param gcInterval how often old versions are collected
 * @param gcRetention how far behind the clock the GC horizon trails (at least the transaction age limit)
 * @param appliedReportInterval how often the replica makes its applied positions durable and reports them
 * @param maxEarlyEntries journal entries held per journal while an earlier one is missing
 * @param gapPatience how long a gap may last before a replay is asked for
 * @param replayPatience how long a replay may go unanswered before another is asked for
 * @param snapshotPageBytes the size of one snapshot page (well under Artery's maximum frame size)
 * @param snapshotPatience how long an install waits for the next page before asking another peer
 * @param snapshotRetryAfterRefusal how soon the next peer is asked after one refused
 * @param snapshotIdle how long an outgoing snapshot may sit unused before it is released
 * @param blockCacheBytes the node store's RocksDB block cache (shared by every replica on the node)
 * @param newestVersionsBytes the heap the node store keeps keys' newest versions in (0: none)
 * @param transactionAgeLimit the limit named in the error a read below the horizon gets (54000):
 *     the SQL engine's
 * @param split when a range splits (size, keys, load)
 * @param splitCheckInterval how often a range's first replica weighs its range against {@code split}
 * @param positionPollInterval how often a replica asks each journal where it stands (a range without
 *     writes is sent no entries, and moves its position only on such an answer)
 */
public record StorageSettings(
    Duration maxReadWait,
    Duration tick,
    Duration gcInterval,
    Duration gcRetention,
    Duration appliedReportInterval,
    int maxEarlyEntries,
    Duration gapPatience,
    Duration replayPatience,
    int snapshotPageBytes,
    Duration snapshotPatience,
    Duration snapshotRetryAfterRefusal,
    Duration snapshotIdle,
    long blockCacheBytes,
    long newestVersionsBytes,
    Duration transactionAgeLimit,
    org.opendsql.core.range.SplitPolicy split,
    Duration splitCheckInterval,
    Duration positionPollInterval) {

  public StorageSettings {
    requirePositive("max-read-wait", maxReadWait);
    requirePositive("tick", tick);
    requirePositive("gc-interval", gcInterval);
    requirePositive("gc-retention", gcRetention);
    requirePositive("applied-report-interval", appliedReportInterval);
    requirePositive("gap-patience", gapPatience);
    requirePositive("replay-patience", replayPatience);
    requirePositive("snapshot-patience", snapshotPatience);
    requirePositive("snapshot-retry-after-refusal", snapshotRetryAfterRefusal);
    requirePositive("snapshot-idle", snapshotIdle);
    requirePositive("transaction-age-limit", transactionAgeLimit);
    requirePositive("split.check-interval", splitCheckInterval);
    requirePositive("position-poll-interval", positionPollInterval);
    if (maxEarlyEntries < 1) throw new IllegalArgumentException("opendsql.storage.max-early-entries must be at least 1");
    if (blockCacheBytes < 1 << 20) throw new IllegalArgumentException("opendsql.storage.block-cache must be at least 1 MiB");
    if (newestVersionsBytes < 0) throw new IllegalArgumentException("opendsql.storage.newest-versions must not be negative");
    if (snapshotPageBytes < 1024) {
      throw new IllegalArgumentException("opendsql.storage.snapshot-page-size must be at least 1 KiB");
    }
  }

  /** From the {@code opendsql.storage} section of {@code config} (the whole tree). */
  public StorageSettings(Config config) {
    this(section(config).getDuration("max-read-wait"),
        section(config).getDuration("tick"),
        section(config).getDuration("gc-interval"),
        section(config).getDuration("gc-retention"),
        section(config).getDuration("applied-report-interval"),
        section(config).getInt("max-early-entries"),
        section(config).getDuration("gap-patience"),
        section(config).getDuration("replay-patience"),
        Math.toIntExact(section(config).getBytes("snapshot-page-size")),
        section(config).getDuration("snapshot-patience"),
        section(config).getDuration("snapshot-retry-after-refusal"),
        section(config).getDuration("snapshot-idle"),
        section(config).getBytes("block-cache"),
        section(config).getBytes("newest-versions"),
        section(config).getDuration("transaction-age-limit"),
        new org.opendsql.core.range.SplitPolicy(section(config).getBytes("split.max-bytes"),
            section(config).getLong("split.max-keys"), section(config).getDouble("split.max-ops"),
            Math.round(section(config).getBytes("split.max-bytes") * section(config).getDouble("split.merge-fraction"))),
        section(config).getDuration("split.check-interval"),
        section(config).getDuration("position-poll-interval"));
  }

  private static Config section(Config config) {
    return config.getConfig("opendsql.storage");
  }

  private static void requirePositive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("opendsql.storage." + key + " must be a positive duration");
    }
  }
}
