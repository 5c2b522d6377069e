package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Three JVMs, each holding one peer of the journal's Raft group, storage ranges and adjudicators.
 * A bank workload runs on all of them while nodes are killed with SIGKILL one at a time (always a
 * minority of the journal's replicas, always with commits in flight): node 3, which is then
 * restarted, rejoins and gets storage replicas back (they replay the journal before serving), and
 * afterwards node 1, the cluster's seed and oldest member, which leaves the restarted node 3 a
 * necessary half of every journal majority and a holder of every range, so the run can only go on
 * if it caught up.
 */
class ReplicatedJournalFaultIT {
  private static final Duration PHASE = Duration.ofSeconds(120);
  private TestCluster cluster;

  @BeforeEach
  void startCluster() throws Exception {
    cluster = TestCluster.startReplicated(3);
  }

  @AfterEach
  void stopCluster() throws Exception {
    cluster.close();
  }

  /** Repeated on a fresh cluster each time: a fault test that passes once proves little. */
  @RepeatedTest(2)
  void bankKeepsEveryAcknowledgedTransferAndNeverReadsStaleAcrossKillsAndARestart() throws Exception {
    try (BankWorkload bank = new BankWorkload(cluster, 10, 1, 2, 3)) {
      bank.createSchema(1);
      bank.start(3, 1);
      bank.awaitMoreAcknowledged(30, PHASE);

      cluster.node(3).kill();
      bank.useNodes(1, 2);
      bank.awaitMoreAcknowledged(30, PHASE);

      long logBefore = java.nio.file.Files.size(cluster.node(3).logFile());
      cluster.restart(3);
      bank.useNodes(1, 2, 3);
      bank.awaitMoreAcknowledged(30, PHASE);
      awaitStorageReplicaCaughtUpOnRestartedNode(logBefore);
      awaitSomeReplicaInstalledAPeerSnapshot();

      cluster.node(1).kill();
      bank.useNodes(2, 3);
      bank.awaitMoreAcknowledged(30, PHASE);

      bank.stopAndVerify(3);
    }
  }

  /**
   * The journal is truncated every 20 entries here, so a replica re-created on a survivor (or
   * restarted on node 3 behind the truncation) copies a peer's snapshot before replaying.
   */
  private void awaitSomeReplicaInstalledAPeerSnapshot() {
    await("some storage replica installs a peer's snapshot").atMost(PHASE).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          for (int i = 1; i <= 3; i++) {
            String log = java.nio.file.Files.readString(cluster.node(i).logFile());
            if (log.matches("(?s).*storage range \\d+ replica \\d+ installed a snapshot of \\d+ versions.*")) {
              return true;
            }
          }
          return false;
        });
  }

  /**
   * The survivors held two replicas of some ranges; with node 3 back, the rebalance moves one of
   * each there, where it replays the journal before it serves.
   */
  private void awaitStorageReplicaCaughtUpOnRestartedNode(long logOffset) {
    await("a storage replica catches up on the restarted node").atMost(PHASE).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          byte[] log = java.nio.file.Files.readAllBytes(cluster.node(3).logFile());
          String since = new String(log, (int) Math.min(logOffset, log.length),
              (int) Math.max(0, log.length - logOffset), java.nio.charset.StandardCharsets.UTF_8);
          return since.matches("(?s).*storage range \\d+ replica \\d+ replayed journal.*");
        });
  }
}
