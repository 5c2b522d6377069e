package org.opendsql.multijvm;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Three JVMs, each holding one peer of the journal's Raft group, storage ranges and adjudicators.
 * A bank workload runs on all of them while nodes are killed with SIGKILL one at a time (always a
 * minority of the journal's replicas, always with commits in flight): node 3, which is then
 * restarted and rejoins, and afterwards node 1, the cluster's seed and oldest member, which leaves
 * the restarted node 3 a necessary half of every journal majority, so the run can only go on if it
 * caught up.
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

      cluster.restart(3);
      bank.useNodes(1, 2, 3);
      bank.awaitMoreAcknowledged(30, PHASE);

      cluster.node(1).kill();
      bank.useNodes(2, 3);
      bank.awaitMoreAcknowledged(30, PHASE);

      bank.stopAndVerify(3);
    }
  }
}
