package org.opendsql.multijvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A node paused (SIGSTOP) past failure detection is downed; the others go on with the replicated
 * journal under a bank workload; resumed (SIGCONT), the removed node exits instead of serving as a
 * second writer, and the bank's checks hold throughout.
 */
class PausedNodeFencingIT {
  private TestCluster cluster;

  @BeforeEach
  void startCluster() throws Exception {
    cluster = TestCluster.startReplicated(3);
  }

  @AfterEach
  void stopCluster() throws Exception {
    cluster.close();
  }

  /** The split-brain resolver on a survivor logs its decision to down the unreachable node. */
  private void awaitDowning(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i : new int[] {1, 3}) {
        if (java.nio.file.Files.readString(cluster.node(i).logFile()).contains("SBR took decision DownUnreachable")) {
          return;
        }
      }
      assertTrue(System.nanoTime() < deadline, "the paused node was never downed");
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval while awaiting the condition
    }
  }

  /** Repeated on a fresh cluster each time: a fault test that passes once proves little. */
  @RepeatedTest(2)
  void aNodePausedPastFailureDetectionIsRemovedAndExitsWhenResumed() throws Exception {
    var paused = cluster.node(2);
    try (BankWorkload bank = new BankWorkload(cluster, 10, 1, 2, 3)) {
      bank.createSchema(1);
      bank.start(3, 1);
      bank.awaitMoreAcknowledged(20, Duration.ofSeconds(120));
      paused.signal("STOP");
      bank.useNodes(1, 3);
      awaitDowning(Duration.ofSeconds(90));
      // The survivors go on once the paused node is downed.
      bank.awaitMoreAcknowledged(20, Duration.ofSeconds(120));
      paused.signal("CONT");
      // Resumed, it learns it was removed: it must stop rather than serve as a second writer.
      long exitDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (paused.isAlive()) {
        assertTrue(System.nanoTime() < exitDeadline, "the resumed, removed node kept running");
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval while awaiting the condition
      }
      bank.awaitMoreAcknowledged(20, Duration.ofSeconds(120));
      bank.stopAndVerify(3);
    }
  }
}
