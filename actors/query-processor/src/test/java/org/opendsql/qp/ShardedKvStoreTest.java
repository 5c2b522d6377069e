package org.opendsql.qp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.sharding.NodeEntities;

/**
 * The cluster path under the SQL engine on a one-node Pekko cluster: sharded adjudicators, two
 * journals on the RocksDB plugin, the crossbar and two storage replicas per range, driven through
 * the KvStore API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedKvStoreTest {
  private OneNode node;
  private MvccStore store;
  private ShardedKvStore kv;
  private Path dir;
  private NodeEntities entities;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("qp-test");
    // Two storage replicas per range (both on this one node, each in its own key space).
    node = new OneNode("qp", dir, new Hlc(),
        "opendsql.cluster { ranges = 4, storage-replicas = 2, journals = 2 }");
    store = node.store;
    kv = node.kv;
    entities = node.entities;
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static <T> T await(CompletionStage<T> s) {
    return s.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void committedWriteIsVisibleToLaterSnapshotsOnly() {
    long before = kv.now();
    long ts = await(kv.commit(kv.now(), List.of(new Write(b("a/1"), b("one"))), List.of(), List.of()));
    assertTrue(ts > before);
    assertArrayEquals(b("one"), await(kv.get(b("a/1"), kv.now())));
    assertNull(await(kv.get(b("a/1"), before)), "a snapshot before the commit does not see it");
  }

  @Test
  void everyStorageReplicaOfTheRangeAppliesTheCommit() {
    byte[] key = b("replicated/1");
    long ts = await(kv.commit(kv.now(), List.of(new Write(key, b("both"))), List.of(), List.of()));
    int range = node.directory.rangeOf(key);
    for (int replica = 0; replica < 2; replica++) {
      int space = entities.replicas().storeId(range, replica);
      org.awaitility.Awaitility.await("replica " + replica + " applies the commit").atMost(Duration.ofSeconds(20))
          .until(() -> store.get(space, key, ts) != null);
      assertArrayEquals(b("both"), store.get(space, key, ts));
    }
  }

  @Test
  void concurrentWritersOfOneKeyOneWins() {
    await(kv.commit(kv.now(), List.of(new Write(b("c/1"), b("0"))), List.of(), List.of()));
    long t1 = kv.now();
    long t2 = kv.now();
    await(kv.commit(t1, List.of(new Write(b("c/1"), b("first"))), List.of(), List.of()));
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> await(kv.commit(t2, List.of(new Write(b("c/1"), b("second"))), List.of(), List.of())));
    DbException db = DbException.of(e);
    assertEquals("40001", db.state().code());
    assertTrue(db.getMessage().endsWith("(OC000)"));
    assertArrayEquals(b("first"), await(kv.get(b("c/1"), kv.now())));
  }

  @Test
  void multiRangeTransactionIsAllOrNothing() {
    List<Write> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) many.add(new Write(b("m/" + i), b("v" + i)));
    long t0 = kv.now();
    await(kv.commit(t0, many, List.of(), List.of()));
    // A loser touching one of those keys and many fresh ones writes none of them.
    List<Write> loser = new ArrayList<>();
    loser.add(new Write(b("m/7"), b("lost")));
    for (int i = 0; i < 40; i++) loser.add(new Write(b("n/" + i), b("lost")));
    org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> await(kv.commit(t0, loser, List.of(), List.of())));
    long now = kv.now();
    for (int i = 0; i < 40; i++) {
      assertNull(await(kv.get(b("n/" + i), now)));
      assertArrayEquals(b("v" + i), await(kv.get(b("m/" + i), now)));
    }
  }

  @Test
  void scanMergesRangesInKeyOrderAcrossPages() {
    List<Write> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) rows.add(new Write(b(String.format("s/%03d", i)), b("r" + i)));
    await(kv.commit(kv.now(), rows, List.of(), List.of()));
    long ts = kv.now();
    List<String> seen = new ArrayList<>();
    byte[] from = b("s/");
    boolean exclusive = false;
    while (true) {
      ScanPage page = await(kv.scan(from, exclusive, b("s0"), ts, 7));
      for (KvEntry e : page.entries()) seen.add(new String(e.key(), StandardCharsets.UTF_8));
      if (!page.more()) break;
      assertFalse(page.entries().isEmpty());
      from = page.entries().get(page.entries().size() - 1).key();
      exclusive = true;
    }
    assertEquals(100, seen.size());
    for (int i = 0; i < 100; i++) assertEquals(String.format("s/%03d", i), seen.get(i));
  }

  @Test
  void journalRefusesAnAppendPastItsDeadlineAndCommitsNothing() {
    var probe = node.kit.<JournalProtocol.AppendOutcome>createTestProbe();
    long t = kv.now();
    entities.sharding().entityRefFor(EntityKeys.JOURNAL, "0")
        .tell(new JournalProtocol.Append(42, t, t - 1, List.of(),
            List.of(new Write(b("late/1"), b("x"))), probe.getRef()));
    var reply = probe.receiveMessage(Duration.ofSeconds(10));
    assertEquals("40001", reply.error().state().code());
    assertNull(await(kv.get(b("late/1"), kv.now())));
  }

  @Test
  void commitsSpreadOverBothJournalsAndEveryRangeFollowsEachJournal() {
    for (int i = 0; i < 50; i++) {
      await(kv.commit(kv.now(), List.of(new Write(b("j/" + i), b("v" + i))), List.of(), List.of()));
    }
    long now = kv.now();
    for (int i = 0; i < 50; i++) assertArrayEquals(b("v" + i), await(kv.get(b("j/" + i), now)));
    for (int range = 0; range < 4; range++) {
      assertTrue(store.appliedPosition(range, 0) > 0, "range " + range + " follows journal 0");
      assertTrue(store.appliedPosition(range, 1) > 0, "range " + range + " follows journal 1");
    }
  }

  @Test
  void journalRefusesADecisionOfAFencedAdjudicatorIncarnation() {
    var fenced = node.kit.<JournalProtocol.FenceReceipt>createTestProbe();
    var appended = node.kit.<JournalProtocol.AppendOutcome>createTestProbe();
    var journal0 = entities.sharding().entityRefFor(EntityKeys.JOURNAL, "0");
    long committed = await(kv.commit(kv.now(), List.of(new Write(b("f/0"), b("x"))), List.of(), List.of()));
    long oldEpoch = kv.now();
    long newEpoch = kv.now();
    long maxAssigned = 0;
    for (String j : List.of("0", "1")) {
      entities.sharding().entityRefFor(EntityKeys.JOURNAL, j)
          .tell(new JournalProtocol.Fence(1000, newEpoch, fenced.getRef()));
      JournalProtocol.FenceReceipt f = fenced.receiveMessage(Duration.ofSeconds(10));
      assertEquals(1000, f.range());
      assertEquals(newEpoch, f.fence(), "the fence in force is the newest epoch");
      maxAssigned = Math.max(maxAssigned, f.maxAssignedTs());
    }
    assertTrue(maxAssigned >= committed, "fences report every commit timestamp assigned so far");
    long deadline = kv.now() + org.opendsql.core.time.Hlc.fromMicros(10_000_000);
    journal0.tell(new JournalProtocol.Append(43, kv.now(), deadline, List.of(new JournalProtocol.RangeEpoch(1000, oldEpoch)),
        List.of(new Write(b("f/1"), b("x"))), appended.getRef()));
    assertEquals("40001", appended.receiveMessage(Duration.ofSeconds(10)).error().state().code());
    journal0.tell(new JournalProtocol.Append(44, kv.now(), deadline, List.of(new JournalProtocol.RangeEpoch(1000, newEpoch)),
        List.of(new Write(b("f/2"), b("y"))), appended.getRef()));
    JournalProtocol.AppendOutcome ok = appended.receiveMessage(Duration.ofSeconds(10));
    assertEquals(null, ok.error());
    long now = kv.now();
    assertNull(await(kv.get(b("f/1"), now)), "the fenced decision wrote nothing");
    assertArrayEquals(b("y"), await(kv.get(b("f/2"), now)));
  }

  @Test
  void deleteHidesTheKeyFromLaterSnapshots() {
    await(kv.commit(kv.now(), List.of(new Write(b("d/1"), b("x"))), List.of(), List.of()));
    long between = kv.now();
    await(kv.commit(kv.now(), List.of(new Write(b("d/1"), null)), List.of(), List.of()));
    assertNull(await(kv.get(b("d/1"), kv.now())));
    assertArrayEquals(b("x"), await(kv.get(b("d/1"), between)));
  }

  @Test
  void schemaKeyChangedAfterStartFailsWithOC001() {
    byte[] schema = b("catalog/t");
    long t = kv.now();
    await(kv.commit(kv.now(), List.of(new Write(schema, b("v2"))), List.of(), List.of()));
    DbException e = DbException.of(org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> await(kv.commit(t, List.of(new Write(b("t/1"), b("row"))), List.of(), List.of(schema)))));
    assertEquals("40001", e.state().code());
    assertTrue(e.getMessage().endsWith("(OC001)"), e.getMessage());
  }

  /** The first key {@code prefix + i} that falls in {@code range}. */
  private byte[] keyIn(String prefix, int range) {
    for (int i = 0; ; i++) {
      byte[] k = b(prefix + i);
      if (node.directory.rangeOf(k) == range) return k;
    }
  }

  /** How many versions of {@code key} a replica's key space holds. */
  private int versions(int space, byte[] key) {
    try (MvccStore.RangeSnapshot snap = store.snapshot(space)) {
      int n = 0;
      for (MvccStore.RawVersion v : snap.page(null, 64 << 20)) {
        // A version's key is the user key followed by 8 bytes of (inverted) commit timestamp.
        if (v.key().length == key.length + 8 && java.util.Arrays.equals(v.key(), 0, key.length, key, 0, key.length)) n++;
      }
      return n;
    }
  }

  @Test
  void lockedKeysAreCheckedByTheirOwnRangeEvenWithoutWritesThereAndAreNeverStored() {
    // The locked key's range (0) has no write of the transaction: only its adjudicator can see
    // the conflict. Every commit below coordinates at range 0, so all go to one journal, in order.
    byte[] locked = keyIn("fu-locked/", 0);
    byte[] written = keyIn("fu-written/", 1);
    await(kv.commit(kv.now(), List.of(new Write(locked, b("v0")), new Write(written, b("w0"))), List.of(), List.of()));
    long tauStale = kv.now();
    await(kv.commit(kv.now(), List.of(new Write(locked, b("v1"))), List.of(), List.of()));

    DbException e = DbException.of(org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> await(kv.commit(tauStale, List.of(new Write(written, b("lost"))), List.of(locked), List.of()))));
    assertEquals("40001", e.state().code());
    assertTrue(e.getMessage().endsWith("(OC000)"), e.getMessage());
    assertThrows40001(() -> kv.commit(tauStale, List.of(), List.of(locked), List.of()));

    await(kv.commit(kv.now(), List.of(new Write(written, b("w2"))), List.of(locked), List.of()));
    await(kv.commit(kv.now(), List.of(), List.of(locked), List.of()));
    byte[] marker = keyIn("fu-marker/", 0);
    long markerTs = await(kv.commit(kv.now(), List.of(new Write(marker, b("m"))), List.of(), List.of()));

    long now = kv.now();
    assertArrayEquals(b("w2"), await(kv.get(written, now)));
    assertArrayEquals(b("v1"), await(kv.get(locked, now)));
    for (int replica = 0; replica < 2; replica++) {
      int space = entities.replicas().storeId(0, replica);
      // The marker came last on the same journal: once it is applied, everything before it is.
      org.awaitility.Awaitility.await("replica " + replica + " applies the marker").atMost(Duration.ofSeconds(20))
          .until(() -> store.get(space, marker, markerTs) != null);
      assertEquals(2, versions(space, locked), "only the two writes of the locked key are stored");
    }
  }

  private static void assertThrows40001(java.util.function.Supplier<CompletionStage<Long>> commit) {
    DbException e = DbException.of(org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> await(commit.get())));
    assertEquals("40001", e.state().code(), e.getMessage());
  }
}
