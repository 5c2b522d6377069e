package org.opendsql.qp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.journal.JournalEvent;
import org.opendsql.persistence.journal.JournalStores;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * Journal truncation and snapshot catch-up: entries go once every storage replica has durably
 * applied them; a replica that lost its copy installs another replica's snapshot plus the
 * journal's tail before it serves; a journal recovers from its truncated log.
 */
class JournalTruncationTest {
  private static final int ROWS = 60;

  /**
   * Reports every 100 ms, truncates every 5 entries: enough to see several truncations. A range
   * without recent writes learns where the journal stands every 100 ms too.
   */
  private static OneNode node(Path dir) throws Exception {
    return new OneNode("truncation", dir, new Hlc(), "opendsql.cluster { storage-replicas = 2, journals = 1 }\n"
        + "opendsql.storage.applied-report-interval = 100ms\n"
        + "opendsql.storage.position-poll-interval = 100ms\n"
        + "opendsql.journal.truncate-every = 5");
  }

  private static <T> T await(CompletionStage<T> s) {
    return s.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long firstRetained(OneNode n) {
    List<JournalEvent> events = JournalStores.forSystem(n.kit.system()).readEvents("journal-0", 1, 1);
    return events.isEmpty() ? 0 : events.get(0).seqNr();
  }

  @Test
  void aReplicaThatLostItsCopyCatchesUpFromAPeerSnapshotOnceTheJournalIsTruncated() throws Exception {
    Path dir = Files.createTempDirectory("journal-truncation");
    List<byte[]> keys = new ArrayList<>();
    try (OneNode n = node(dir)) {
      // Two ranges, as a cluster has once it split: the split is in the journal's log, and goes
      // with the entries truncated below.
      n.splitAt("t/3");
      for (int i = 0; i < ROWS; i++) {
        byte[] key = b("t/" + i);
        keys.add(key);
        await(n.kv.commit(n.kv.now(), List.of(new Write(key, b("v" + i))), List.of(), List.of()));
      }
      org.awaitility.Awaitility.await("the journal is truncated").atMost(Duration.ofSeconds(60))
          .until(() -> firstRetained(n) > ROWS / 2);

      // Replica 1 of the first key's range stops and loses its copy. Replica 0 runs on this same node, so the
      // copy comes from its key space (the network path is covered by the multi-JVM fault test).
      long range = n.directory.map().rangeOf(keys.get(0)).id();
      int space = n.store.space(org.opendsql.storage.StorageReplica.spaceName(range, 1));
      var replicaRef = n.entities.sharding().entityRefFor(EntityKeys.STORAGE,
          org.opendsql.sharding.directory.StorageReplicas.entityId(range, 1));
      TestProbe<StorageProtocol.Incarnation> awake = TestProbe.create(n.kit.system());
      replicaRef.tell(new StorageProtocol.Wake(awake.getRef()));
      ActorRef<StorageProtocol.Command> first = awake.receiveMessage().ref();
      replicaRef.tell(new StorageProtocol.Stop());
      awake.expectTerminated(first, Duration.ofSeconds(10));
      n.store.dropRange(space);
      assertEquals(0, n.store.appliedPosition(space, 0));

      byte[] late = b("t/late");
      await(n.kv.commit(n.kv.now(), List.of(new Write(late, b("late"))), List.of(), List.of()));
      keys.add(late);

      replicaRef.tell(new StorageProtocol.Wake(awake.getRef()));
      ActorRef<StorageProtocol.Command> second = awake.receiveMessage().ref();
      assertFalse(second.equals(first));
      // Read straight from the new replica: it answers only once it holds every commit up to now.
      long readTs = n.kv.now();
      TestProbe<StorageProtocol.ReadResult> reads = TestProbe.create(n.kit.system());
      int checked = 0;
      for (byte[] key : keys) {
        if (n.directory.map().rangeOf(key).id() != range) continue;
        second.tell(new StorageProtocol.ReadAt(key, readTs, false, reads.getRef()));
        StorageProtocol.ReadResult r = reads.receiveMessage(Duration.ofSeconds(20));
        assertEquals(null, r.error());
        assertArrayEquals(await(n.kv.get(key, readTs)), r.value(), new String(key, StandardCharsets.UTF_8));
        checked++;
      }
      assertTrue(checked > 10, "only " + checked + " keys fell in range " + range);
      assertTrue(n.store.appliedPosition(space, 0) > 0, "the snapshot's position was not installed");
    }

    // A journal recovers from a truncated log: the next incarnation continues its numbering.
    try (OneNode n = node(dir)) {
      // The directory comes back too, although the entry of the split was truncated.
      org.awaitility.Awaitility.await("the directory is recovered").atMost(Duration.ofSeconds(20))
          .until(() -> n.directory.map().size() == 2);
      long before = firstRetained(n);
      assertTrue(before > 1);
      await(n.kv.commit(n.kv.now(), List.of(new Write(b("t/after-restart"), b("x"))), List.of(), List.of()));
      for (int i = 0; i < ROWS; i += 7) {
        assertArrayEquals(b("v" + i), await(n.kv.get(keys.get(i), n.kv.now())));
      }
      assertArrayEquals(b("x"), await(n.kv.get(b("t/after-restart"), n.kv.now())));
    }
  }
}
