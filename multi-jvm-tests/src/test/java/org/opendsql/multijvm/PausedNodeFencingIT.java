package org.opendsql.multijvm;

import static org.awaitility.Awaitility.await;

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
  private void awaitDowning(Duration timeout) {
    await("a survivor downs the paused node").atMost(timeout).until(() -> {
      for (int i : new int[] {1, 3}) {
        if (java.nio.file.Files.readString(cluster.node(i).logFile()).contains("SBR took decision DownUnreachable")) {
          return true;
        }
      }
      return false;
    });
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
      await("the resumed, removed node exits").atMost(Duration.ofSeconds(60)).until(() -> !paused.isAlive());
      bank.awaitMoreAcknowledged(20, Duration.ofSeconds(120));
      bank.stopAndVerify(3);
    }
  }
}
