package org.opendsql.persistence.journal.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opendsql.persistence.journal.raft.RaftTestCluster.await;
import static org.opendsql.persistence.journal.raft.RaftTestCluster.get;
import static org.opendsql.persistence.journal.raft.RaftTestCluster.localReplay;
import static org.opendsql.persistence.journal.raft.RaftTestCluster.rec;
import static org.opendsql.persistence.journal.raft.RaftTestCluster.replay;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendsql.persistence.journal.JournalRecord;
import org.opendsql.persistence.journal.JournalStore;

class RaftJournalStoreTest {
  private static final Duration CATCH_UP = Duration.ofSeconds(15);

  private static List<Long> seqNrs(List<JournalRecord> records) {
    return records.stream().map(JournalRecord::seqNr).toList();
  }

  private static List<Long> range(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void acknowledgedAppendsAreReadableFromEveryReplica(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 3).startAll()) {
      c.awaitLeader();
      JournalStore store = c.store(0);
      get(store.append(List.of(rec("p", 1), rec("q", 1), rec("p", 2))));
      get(store.append(List.of(rec("p", 3))));
      for (int i = 0; i < 3; i++) {
        RaftJournalServer s = c.server(i);
        await("replica " + i + " applies", CATCH_UP, () -> localReplay(s, "p").size() == 3);
        assertEquals(3, s.stateMachine().highestSeqNr("p"));
        assertEquals(List.of(1L), seqNrs(localReplay(s, "q")));
        assertArrayEquals(rec("p", 2).bytes(), localReplay(s, "p").get(1).bytes());
      }
      // The store's own reads are linearizable from any peer: no waiting needed.
      for (int i = 0; i < 3; i++) {
        JournalStore reader = c.store(i);
        assertEquals(3L, get(reader.highestSeqNr("p")));
        assertEquals(range(1, 3), seqNrs(replay(reader, "p")));
      }
    }
  }

  @Test
  void aSupersededWritersAppendsAreRefusedOnEveryReplicaAndTheNewWritersStand(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 3).startAll()) {
      c.awaitLeader();
      JournalStore store = c.store(0);
      get(store.append(List.of(by("p", 1, "old"), by("p", 2, "old"))));
      get(store.append(List.of(by("p", 3, "new"))));
      ExecutionException late = assertThrows(ExecutionException.class, () -> get(store.append(List.of(by("p", 3, "old")))));
      assertTrue(late.getCause() instanceof org.opendsql.persistence.journal.JournalWriteConflict, late.toString());
      // So is a resend of what it wrote before it was superseded.
      assertThrows(ExecutionException.class, () -> get(store.append(List.of(by("p", 1, "old"), by("p", 2, "old")))));
      // The holder's own resend is a duplicate, acknowledged without a second copy.
      get(store.append(List.of(by("p", 3, "new"))));
      get(store.append(List.of(by("p", 4, "new"))));
      for (int i = 0; i < 3; i++) {
        RaftJournalServer s = c.server(i);
        await("replica " + i + " applies", CATCH_UP, () -> localReplay(s, "p").size() == 4);
        assertEquals("new", new String(localReplay(s, "p").get(2).bytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  private static JournalRecord by(String pid, long seqNr, String writer) {
    return new JournalRecord(pid, seqNr, writer, writer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void appendsSucceedWithOneFollowerDownAndItCatchesUpAfterRestart(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 3).startAll()) {
      int leader = c.awaitLeader();
      int down = c.anyFollower(leader);
      JournalStore store = c.store(leader);
      get(store.append(List.of(rec("p", 1))));
      c.stop(down);
      for (long s = 2; s <= 10; s++) get(store.append(List.of(rec("p", s))));
      assertEquals(10L, get(store.highestSeqNr("p")));

      RaftJournalServer back = c.start(down);
      await("restarted follower catches up", CATCH_UP, () -> back.stateMachine().highestSeqNr("p") == 10);
      assertEquals(range(1, 10), seqNrs(localReplay(back, "p")));
    }
  }

  @Test
  void leaderLossKeepsEveryAcknowledgedEntryAndANewLeaderTakesAppends(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 3).startAll()) {
      int oldLeader = c.awaitLeader();
      int reader = c.anyFollower(oldLeader);
      JournalStore store = c.store(reader);
      for (long s = 1; s <= 20; s++) get(store.append(List.of(rec("p", s))));
      c.stop(oldLeader);

      int newLeader = c.awaitLeader();
      assertTrue(newLeader != oldLeader);
      assertEquals(20L, get(store.highestSeqNr("p")));
      assertEquals(range(1, 20), seqNrs(replay(store, "p")));
      get(store.append(List.of(rec("p", 21), rec("p", 22))));
      assertEquals(range(1, 22), seqNrs(replay(store, "p")));
      for (int i = 0; i < 3; i++) {
        RaftJournalServer s = c.server(i);
        if (s != null) await("replica " + i + " has 22", CATCH_UP, () -> s.stateMachine().highestSeqNr("p") == 22);
      }
    }
  }

  @Test
  void appendWithoutMajorityDoesNotCompleteAndResolvesCleanlyWhenAPeerReturns(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 3).startAll()) {
      int leader = c.awaitLeader();
      JournalStore store = c.store(leader);
      get(store.append(List.of(rec("p", 1))));
      int f1 = c.anyFollower(leader);
      c.stop(f1);
      int f2 = c.anyFollower(leader);
      c.stop(f2);

      CompletableFuture<Void> pending = store.append(List.of(rec("p", 2))).toCompletableFuture();
      assertThrows(TimeoutException.class, () -> pending.get(1500, TimeUnit.MILLISECONDS));
      assertFalse(pending.isDone());

      c.start(f1);
      // Either outcome is clean: committed (and then readable), or failed with the request timeout.
      boolean committed;
      try {
        pending.get(20, TimeUnit.SECONDS);
        committed = true;
      } catch (ExecutionException e) {
        committed = false;
      }
      get(store.append(List.of(rec("p", 3))));
      List<Long> expected = committed ? range(1, 3) : List.of(1L, 3L);
      List<Long> actual = seqNrs(replay(store, "p"));
      // A timed-out append may still have landed (outcome unknown), never twice or out of order.
      assertTrue(actual.equals(expected) || (!committed && actual.equals(range(1, 3))), "got " + actual);
      assertEquals(3L, get(store.highestSeqNr("p")));
    }
  }

  @Test
  void restartingAllPeersOnTheSameDirsKeepsEntriesWithoutDuplicates(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 3).startAll()) {
      c.awaitLeader();
      JournalStore store = c.store(0);
      for (long s = 1; s <= 10; s++) get(store.append(List.of(rec("p", s), rec("q", s))));
      get(store.deleteTo("q", 4));
      c.stopAll();

      c.startAll();
      c.awaitLeader();
      JournalStore after = c.store(1);
      assertEquals(10L, get(after.highestSeqNr("p")));
      assertEquals(10L, get(after.highestSeqNr("q")));
      List<JournalRecord> p = replay(after, "p");
      assertEquals(range(1, 10), seqNrs(p));
      assertArrayEquals(rec("p", 7).bytes(), p.get(6).bytes());
      assertEquals(range(5, 10), seqNrs(replay(after, "q")));
      get(after.append(List.of(rec("p", 11))));
      assertEquals(range(1, 11), seqNrs(replay(after, "p")));
      for (int i = 0; i < 3; i++) {
        RaftJournalServer s = c.server(i);
        await("replica " + i + " after restart", CATCH_UP, () -> localReplay(s, "p").size() == 11);
        assertEquals(range(5, 10), seqNrs(localReplay(s, "q")));
      }
    }
  }

  @Test
  void aPeerThatLostItsDiskCatchesUpFromTheLeadersSnapshotOnceTheLogIsPurged(@TempDir Path dir) throws Exception {
    // Snapshot every 20 entries; 64 KiB entries fill the 2 MiB log segments, which purging removes.
    RaftJournalSettings snapshotOften = new RaftJournalSettings(Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(10), 1 << 20, 1, 20, Duration.ofSeconds(5));
    try (RaftTestCluster c = new RaftTestCluster(dir, 3, snapshotOften).startAll()) {
      c.awaitLeader();
      JournalStore store = c.store(0);
      for (long s = 1; s <= 60; s++) get(store.append(List.of(big(s))));
      get(store.deleteTo("p", 30));
      for (long s = 61; s <= 100; s++) get(store.append(List.of(big(s))));
      int lost = c.server(0).isLeader() ? 2 : 0;
      c.stop(lost);
      RaftTestCluster.deleteRecursively(c.dir(lost));
      // More entries and snapshots while it is away: the log it would need is purged.
      JournalStore survivor = c.store(lost == 0 ? 1 : 0);
      for (long s = 101; s <= 160; s++) get(survivor.append(List.of(big(s))));
      for (int i = 0; i < 3; i++) {
        if (i == lost) continue;
        Path raft = c.dir(i).resolve("raft");
        await("peer " + i + " purges its log up to a snapshot", CATCH_UP,
            () -> countFiles(raft, "snapshot\\.\\d+_\\d+") > 0 && countFiles(raft, "log_0-\\d+") == 0);
      }

      RaftJournalServer back = c.start(lost);
      await("the wiped peer catches up", CATCH_UP, () -> localReplay(back, "p").size() == 130);
      List<JournalRecord> p = localReplay(back, "p");
      assertEquals(range(31, 160), seqNrs(p));
      assertArrayEquals(big(77).bytes(), p.get(77 - 31).bytes());
      assertEquals(160, back.stateMachine().highestSeqNr("p"));
      assertEquals(0, countFiles(c.dir(lost).resolve("raft"), "log_0-\\d+|log_inprogress_0"),
          "it started from the leader's snapshot, not from the beginning of the log");
    }
  }

  private static JournalRecord big(long seqNr) {
    byte[] b = new byte[64 << 10];
    java.util.Arrays.fill(b, (byte) seqNr);
    return new JournalRecord("p", seqNr, b);
  }

  private static long countFiles(Path root, String nameRegex) {
    try (var files = java.nio.file.Files.walk(root)) {
      return files.filter(f -> f.getFileName().toString().matches(nameRegex)).count();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  @Test
  void singlePeerGroupAppendsReadsDeletesAndSurvivesRestart(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 1).startAll()) {
      c.awaitLeader();
      JournalStore store = c.store(0);
      assertEquals(0L, get(store.highestSeqNr("p")));
      get(store.append(List.of(rec("p", 1), rec("p", 2), rec("p", 3))));
      get(store.deleteTo("p", 2));
      assertEquals(List.of(3L), seqNrs(replay(store, "p")));
      List<JournalRecord> bounded = new java.util.ArrayList<>();
      get(store.append(List.of(rec("p", 4), rec("p", 5))));
      get(store.replay("p", 4, 5, 1, bounded::add));
      assertEquals(List.of(4L), seqNrs(bounded));
      c.stop(0);

      c.start(0);
      c.awaitLeader();
      JournalStore after = c.store(0);
      assertEquals(5L, get(after.highestSeqNr("p")));
      assertEquals(range(3, 5), seqNrs(replay(after, "p")));
    }
  }

  @Test
  void reappendedBatchBelowTheHighestSeqNrDoesNotResurrectDeletedEvents(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 1).startAll()) {
      c.awaitLeader();
      JournalStore store = c.store(0);
      List<JournalRecord> batch = List.of(rec("p", 1), rec("p", 2));
      get(store.append(batch));
      get(store.deleteTo("p", 2));
      // What a Ratis client retry racing a leader change looks like to the state machine.
      get(store.append(batch));
      assertEquals(List.of(), replay(store, "p"));
      assertEquals(2L, get(store.highestSeqNr("p")));
    }
  }

  @Test
  void oversizedBatchIsRefusedWithoutReachingTheLog(@TempDir Path dir) throws Exception {
    try (RaftTestCluster c = new RaftTestCluster(dir, 1).startAll()) {
      c.awaitLeader();
      JournalStore store = c.store(0);
      byte[] big = new byte[RaftTestCluster.SETTINGS.maxEntryBytes()];
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> get(store.append(List.of(new JournalRecord("p", 1, big)))));
      assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
      assertEquals(0L, get(store.highestSeqNr("p")));
    }
  }

  @Test
  void factoryStartsThePeerFromConfigAndClosingTheStoreStopsIt(@TempDir Path dir) throws Exception {
    int port = RaftTestCluster.freePort();
    String conf =
        "dir = \"" + dir.resolve("journal").toString().replace("\\", "/") + "\"\n"
            + "raft { peers = [\"n1=127.0.0.1:" + port + "\"], self = n1, group-id = \""
            + java.util.UUID.randomUUID() + "\", request-timeout = 10s }";
    RaftJournalStore store = RaftJournalStore.Factory.open(ConfigFactory.parseString(conf)
        .withFallback(ConfigFactory.defaultReference().getConfig("opendsql.journal")));
    try {
      get(store.append(List.of(rec("p", 1))));
      assertEquals(1L, get(store.highestSeqNr("p")));
      assertTrue(java.nio.file.Files.isDirectory(dir.resolve("journal").resolve("raft-n1").resolve("state")));
    } finally {
      store.close();
    }
    // The peer's port is free again once the store closed it.
    try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, s.getLocalPort());
    }
  }
}
