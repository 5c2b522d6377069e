package org.opendsql.multijvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A node paused (SIGSTOP) past failure detection is downed; the others go on with the replicated
 * journal; resumed (SIGCONT), the removed node exits instead of serving as a second writer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PausedNodeFencingIT {
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.startReplicated(3);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private Connection connect(int node) throws Exception {
    return cluster.connect(node);
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

  @Test
  void aNodePausedPastFailureDetectionIsRemovedAndExitsWhenResumed() throws Exception {
    var paused = cluster.node(2);
    try (Connection c = connect(1); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE pause_marks (id int PRIMARY KEY)");
      s.execute("INSERT INTO pause_marks VALUES (1)");
      paused.signal("STOP");
      awaitDowning(Duration.ofSeconds(90));
      // The survivor goes on once the paused node is downed: commits succeed again.
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      int id = 2;
      boolean committed = false;
      while (!committed) {
        assertTrue(System.nanoTime() < deadline, "no commit succeeded with node 2 paused");
        try {
          s.execute("INSERT INTO pause_marks VALUES (" + id++ + ")");
          committed = true;
        } catch (SQLException e) {
          java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval while awaiting the condition
        }
      }
      paused.signal("CONT");
      // Resumed, it learns it was removed: it must stop rather than serve as a second writer.
      long exitDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (paused.isAlive()) {
        assertTrue(System.nanoTime() < exitDeadline, "the resumed, removed node kept running");
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval while awaiting the condition
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pause_marks")) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) >= 2, "both acknowledged inserts are there");
      }
    }
  }

}
