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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.core.codec.RowCodec;
import org.opendsql.core.error.DbException;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.core.scan.AggSpec;
import org.opendsql.core.scan.ScanSpec;
import org.opendsql.core.time.Hlc;
import org.opendsql.core.types.PgType;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.storage.StorageReplica;

/**
 * The cluster path under the SQL engine on a one-node Pekko cluster: sharded adjudicators, two
 * journals on the RocksDB plugin, the crossbar and two storage replicas per range, driven through
 * the KvStore API. The cluster starts as one range; tests that need several split it at keys they
 * choose, and the elastic tests prove that splits (on demand, under load, and automatic) change
 * no answer.
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
        "opendsql.cluster { storage-replicas = 2, journals = 2 }\n"
            // A commit can wait for a split that waits out an orphaned prepared transaction (up
            // to the adjudicator's prepared-ttl, 30 s): longer than that, so it is not reported
            // as outcome unknown (see concurrentWritersDuringSplits...).
            + "opendsql.query-processor.commit-timeout = 60s");
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

  private static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private RangeDesc rangeOf(byte[] key) {
    return node.directory.map().rangeOf(key);
  }

  /** The MVCC key space of a storage replica, once the replica has made it. */
  private int space(long range, int replica) {
    String name = StorageReplica.spaceName(range, replica);
    return org.awaitility.Awaitility.await("replica " + name + " has its key space").atMost(Duration.ofSeconds(20))
        .until(() -> store.existingSpace(name), java.util.Objects::nonNull);
  }

  /** The ranges holding some key of [lo, hi). */
  private List<RangeDesc> overlapping(String lo, String hi) {
    return node.directory.map().overlapping(b(lo), b(hi));
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
    // A range made by a split: its replicas are new ones.
    node.splitAt("replicated/");
    long ts = await(kv.commit(kv.now(), List.of(new Write(key, b("both"))), List.of(), List.of()));
    long range = rangeOf(key).id();
    assertTrue(range != 0, "the key is in the range split off");
    for (int replica = 0; replica < 2; replica++) {
      int space = space(range, replica);
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
    for (String at : List.of("m/2", "m/5", "n/", "n/2")) node.splitAt(at);
    assertTrue(overlapping("m/", "n0").size() >= 5, node.directory.map().toString());
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
    // Four ranges, one of them ([s/031, s/0315)) holding a single key.
    for (String at : List.of("s/030", "s/031", "s/0315", "s/064")) node.splitAt(at);
    assertEquals(5, overlapping("s/", "s0").size(), node.directory.map().toString());
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
            List.of(new Write(b("late/1"), b("x"))), List.of(), probe.getRef()));
    var reply = probe.receiveMessage(Duration.ofSeconds(10));
    assertEquals("40001", reply.error().state().code());
    assertNull(await(kv.get(b("late/1"), kv.now())));
  }

  @Test
  void commitsSpreadOverBothJournalsAndEveryRangeFollowsEachJournal() {
    // A split's right side goes to the journal with fewer ranges: split the j/ keys until their
    // ranges are on both journals.
    node.splitAt("j/");
    for (int i = 1; i < 10 && journalsOf("j/", "j0").size() < 2; i++) node.splitAt("j/" + i);
    assertEquals(Set.of(0, 1), journalsOf("j/", "j0"), node.directory.map().toString());
    for (int i = 0; i < 50; i++) {
      await(kv.commit(kv.now(), List.of(new Write(b("j/" + i), b("v" + i))), List.of(), List.of()));
    }
    long now = kv.now();
    for (int i = 0; i < 50; i++) assertArrayEquals(b("v" + i), await(kv.get(b("j/" + i), now)));
    for (RangeDesc range : node.directory.map().ranges()) {
      for (int replica = 0; replica < 2; replica++) {
        int space = space(range.id(), replica);
        for (int journal = 0; journal < 2; journal++) {
          int j = journal;
          org.awaitility.Awaitility.await(range + " replica " + replica + " follows journal " + j)
              .atMost(Duration.ofSeconds(20)).until(() -> store.appliedPosition(space, j) > 0);
        }
      }
    }
  }

  private Set<Integer> journalsOf(String lo, String hi) {
    Set<Integer> journals = new TreeSet<>();
    for (RangeDesc r : overlapping(lo, hi)) journals.add(r.journal());
    return journals;
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
        List.of(new Write(b("f/1"), b("x"))), List.of(), appended.getRef()));
    assertEquals("40001", appended.receiveMessage(Duration.ofSeconds(10)).error().state().code());
    journal0.tell(new JournalProtocol.Append(44, kv.now(), deadline, List.of(new JournalProtocol.RangeEpoch(1000, newEpoch)),
        List.of(new Write(b("f/2"), b("y"))), List.of(), appended.getRef()));
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
    // Two ranges of their own: [fu/, fu/m) and [fu/m, ...). The locked key goes in the one with
    // the lower id, so that every commit below coordinates there and goes to one journal, in
    // order; the transaction has no write in the locked key's range: only its adjudicator can see
    // the conflict.
    RangeDesc left = node.splitAt("fu/");
    RangeDesc right = node.splitAt("fu/m");
    left = rangeOf(b("fu/"));
    String lockedPrefix = left.id() < right.id() ? "fu/a-locked/" : "fu/x-locked/";
    String writtenPrefix = left.id() < right.id() ? "fu/x-written/" : "fu/a-written/";
    byte[] locked = b(lockedPrefix + "1");
    byte[] written = b(writtenPrefix + "1");
    long lockedRange = rangeOf(locked).id();
    assertTrue(lockedRange < rangeOf(written).id(), node.directory.map().toString());
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
    byte[] marker = b(lockedPrefix + "marker");
    assertEquals(lockedRange, rangeOf(marker).id());
    long markerTs = await(kv.commit(kv.now(), List.of(new Write(marker, b("m"))), List.of(), List.of()));

    long now = kv.now();
    assertArrayEquals(b("w2"), await(kv.get(written, now)));
    assertArrayEquals(b("v1"), await(kv.get(locked, now)));
    for (int replica = 0; replica < 2; replica++) {
      int space = space(lockedRange, replica);
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

  // ---- The elastic path: ranges split under the store, which must answer exactly as before. ----

  private static final int[] VALUE_ID = {1};
  private static final PgType[] VALUE_TYPE = {PgType.INT8};
  private static final ScanSpec AGGREGATES = new ScanSpec(null, null, List.of(AggSpec.countRows(),
      new AggSpec(AggSpec.Kind.SUM, 1, PgType.INT8), new AggSpec(AggSpec.Kind.MIN, 1, PgType.INT8),
      new AggSpec(AggSpec.Kind.MAX, 1, PgType.INT8)));

  /** A row of one bigint column (id 1), which the aggregates above read. */
  private static byte[] row(long v) {
    return RowCodec.encode(VALUE_ID, VALUE_TYPE, new Object[] {v});
  }

  private static long valueOf(byte[] row) {
    return (Long) RowCodec.decode(row, new int[] {-1, 0}, VALUE_TYPE)[0];
  }

  /** Every key of [from, to) at {@code ts}, through kv.scan pages of {@code limit}, resuming after each page's last key. */
  private List<String> scanByPages(String from, String to, long ts, int limit) {
    List<String> seen = new ArrayList<>();
    byte[] lo = b(from);
    boolean exclusive = false;
    for (int pages = 0; ; pages++) {
      assertTrue(pages < 10_000, "the scan does not end");
      ScanPage page = await(kv.scan(lo, exclusive, b(to), ts, limit));
      assertTrue(page.entries().size() <= limit, "a page of " + page.entries().size() + " > " + limit);
      for (KvEntry e : page.entries()) seen.add(str(e.key()) + "=" + valueOf(e.value()));
      if (!page.more()) return seen;
      assertTrue(page.resumeAfter() != null, "a page with more says where it stopped");
      lo = page.resumeAfter();
      exclusive = true;
    }
  }

  /** The same through a cursor that keeps its place. */
  private List<String> scanByCursor(String from, boolean exclusive, String to, long ts, int limit) {
    List<String> seen = new ArrayList<>();
    KvStore.Cursor cursor = kv.openScan(b(from), exclusive, b(to), ts);
    for (int pages = 0; ; pages++) {
      assertTrue(pages < 10_000, "the scan does not end");
      ScanPage page = await(cursor.next(limit));
      assertTrue(page.entries().size() <= limit, "a page of " + page.entries().size() + " > " + limit);
      for (KvEntry e : page.entries()) seen.add(str(e.key()) + "=" + valueOf(e.value()));
      if (!page.more()) return seen;
    }
  }

  private static void assertStrictlyAscending(List<String> entries, String what) {
    for (int i = 1; i < entries.size(); i++) {
      String a = entries.get(i - 1).substring(0, entries.get(i - 1).indexOf('='));
      String c = entries.get(i).substring(0, entries.get(i).indexOf('='));
      assertTrue(Arrays.compareUnsigned(b(a), b(c)) < 0, what + ": " + a + " then " + c);
    }
  }

  /**
   * Everything the store answers about [from, to) at {@code ts}: point reads and one getAll of
   * {@code keys} (some absent), scans of the whole interval and of a middle part with several
   * page sizes, by pages and by cursor, and aggregates of both intervals. Equal maps, equal answers.
   */
  private Map<String, Object> observe(List<String> keys, String from, String mid1, String mid2, String to, long ts) {
    Map<String, Object> seen = new LinkedHashMap<>();
    List<byte[]> keyBytes = new ArrayList<>();
    for (String k : keys) {
      keyBytes.add(b(k));
      byte[] v = await(kv.get(b(k), ts));
      seen.put("get " + k, v == null ? null : valueOf(v));
    }
    List<byte[]> all = await(kv.getAll(keyBytes, ts));
    List<Object> allValues = new ArrayList<>();
    for (byte[] v : all) allValues.add(v == null ? null : valueOf(v));
    seen.put("getAll", allValues);
    List<String> whole = scanByPages(from, to, ts, 1000);
    assertStrictlyAscending(whole, "scan");
    seen.put("scan", whole);
    for (int limit : new int[] {1, 3, 7, 64}) {
      List<String> paged = scanByPages(from, to, ts, limit);
      assertEquals(whole, paged, "kv.scan pages of " + limit);
      assertEquals(whole, scanByCursor(from, false, to, ts, limit), "cursor pages of " + limit);
    }
    List<String> middle = scanByCursor(mid1, true, mid2, ts, 5);
    assertStrictlyAscending(middle, "middle scan");
    seen.put("middle scan (exclusive start)", middle);
    seen.put("aggregate", Arrays.asList(await(kv.aggregate(b(from), b(to), ts, AGGREGATES))));
    seen.put("aggregate middle", Arrays.asList(await(kv.aggregate(b(mid1), b(mid2), ts, AGGREGATES))));
    return seen;
  }

  @Test
  void afterManySplitsEveryReadAnswersAsBeforeIncludingAtTimestampsBeforeTheSplits() {
    // Its own range, so that splits elsewhere do not show here: [el/, el0).
    node.splitAt("el/");
    node.splitAt("el0");
    int n = 300;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) keys.add(String.format("el/%03d", i));
    keys.addAll(List.of("el/", "el/0005", "el/1500", "el/999", "el/zz"));
    // Three versions in time: all rows, then some updated and some deleted.
    for (int batch = 0; batch < n; batch += 100) {
      List<Write> rows = new ArrayList<>();
      for (int i = batch; i < batch + 100; i++) rows.add(new Write(b(String.format("el/%03d", i)), row(i)));
      await(kv.commit(kv.now(), rows, List.of(), List.of()));
    }
    long tsOld = kv.now();
    List<Write> changes = new ArrayList<>();
    for (int i = 0; i < n; i += 7) changes.add(new Write(b(String.format("el/%03d", i)), row(1000 + i)));
    for (int i = 3; i < n; i += 10) changes.add(new Write(b(String.format("el/%03d", i)), null));
    await(kv.commit(kv.now(), changes, List.of(), List.of()));
    long tsBefore = kv.now();

    // What the data is, to check the observations against, not only against each other.
    TreeMap<String, Long> expectedOld = new TreeMap<>();
    for (int i = 0; i < n; i++) expectedOld.put(String.format("el/%03d", i), (long) i);
    TreeMap<String, Long> expected = new TreeMap<>(expectedOld);
    for (int i = 0; i < n; i += 7) expected.put(String.format("el/%03d", i), 1000L + i);
    for (int i = 3; i < n; i += 10) expected.remove(String.format("el/%03d", i));

    Map<String, Object> old = observe(keys, "el/", "el/042", "el/257", "el0", tsOld);
    Map<String, Object> before = observe(keys, "el/", "el/042", "el/257", "el0", tsBefore);
    assertMatches(expectedOld, old);
    assertMatches(expected, before);
    assertEquals(1, overlapping("el/", "el0").size());

    // Ten splits: ranges of one key, an empty one ([el/0700, el/0701)), one starting at a key
    // absent from the data, boundaries inside the middle interval and at its ends.
    for (String at : List.of("el/042", "el/0421", "el/100", "el/0700", "el/0701", "el/150", "el/151", "el/2005",
        "el/257", "el/299")) {
      node.splitAt(at);
    }
    List<RangeDesc> ranges = overlapping("el/", "el0");
    assertEquals(11, ranges.size(), node.directory.map().toString());
    long splitGenerations = ranges.stream().mapToLong(RangeDesc::generation).max().orElseThrow();
    assertTrue(splitGenerations > 0);

    assertEquals(old, observe(keys, "el/", "el/042", "el/257", "el0", tsOld), "at a timestamp before the writes");
    assertEquals(before, observe(keys, "el/", "el/042", "el/257", "el0", tsBefore), "at a timestamp before the splits");
    assertEquals(before, observe(keys, "el/", "el/042", "el/257", "el0", kv.now()), "now");
  }

  /** The observations agree with the data: present keys, values, counts, sums, min and max. */
  private static void assertMatches(TreeMap<String, Long> data, Map<String, Object> seen) {
    List<String> rows = new ArrayList<>();
    data.forEach((k, v) -> rows.add(k + "=" + v));
    assertEquals(rows, seen.get("scan"));
    for (var e : data.entrySet()) assertEquals(e.getValue(), seen.get("get " + e.getKey()), e.getKey());
    long sum = data.values().stream().mapToLong(Long::longValue).sum();
    List<Object> agg = List.of(
        (long) data.size(), java.math.BigDecimal.valueOf(sum), java.util.Collections.min(data.values()),
        java.util.Collections.max(data.values()));
    assertEquals(agg.toString(), seen.get("aggregate").toString());
    var middle = data.subMap("el/042", false, "el/257", false);
    List<String> middleRows = new ArrayList<>();
    middle.forEach((k, v) -> middleRows.add(k + "=" + v));
    assertEquals(middleRows, seen.get("middle scan (exclusive start)"));
  }

  @Test
  void concurrentWritersDuringSplitsSeeOnlySuccessOr40001AndEveryAcknowledgedWriteIsRead() throws Exception {
    node.splitAt("cw/");
    node.splitAt("cw0");
    int slots = 60;
    /** Acknowledged writes: key -> (commit timestamp -> value). */
    Map<String, java.util.concurrent.ConcurrentSkipListMap<Long, String>> acked = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    List<String> unexpected = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger acks = new AtomicInteger();
    java.util.concurrent.atomic.AtomicLong longestCommitMillis = new java.util.concurrent.atomic.AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      threads.add(new Thread(() -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; running.get(); i++) {
          // One to four keys anywhere in cw/: after a few splits, most transactions span ranges.
          TreeSet<String> chosen = new TreeSet<>();
          int size = 1 + rnd.nextInt(4);
          while (chosen.size() < size) chosen.add(String.format("cw/%02d", rnd.nextInt(slots)));
          String value = "w" + writer + "-" + i;
          List<Write> writes = new ArrayList<>();
          for (String k : chosen) writes.add(new Write(b(k), b(value)));
          try {
            long began = System.nanoTime();
            long ts = kv.commit(kv.now(), writes, List.of(), List.of()).toCompletableFuture()
                .orTimeout(90, TimeUnit.SECONDS).join();
            longestCommitMillis.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
            for (String k : chosen) {
              acked.computeIfAbsent(k, x -> new java.util.concurrent.ConcurrentSkipListMap<>()).put(ts, value);
            }
            acks.incrementAndGet();
            outcomes.computeIfAbsent("commit ok", x -> new AtomicInteger()).incrementAndGet();
          } catch (RuntimeException e) {
            String code = DbException.of(e).state().code();
            outcomes.computeIfAbsent("commit " + code, x -> new AtomicInteger()).incrementAndGet();
            if (!"40001".equals(code) && unexpected.size() < 20) {
              unexpected.add("commit " + chosen + ": " + DbException.of(e).getMessage());
            }
          }
        }
      }, "cw-writer-" + w));
    }
    // A reader: scans and point reads in flight while ranges split under them.
    threads.add(new Thread(() -> {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      while (running.get()) {
        try {
          List<String> scanned = new ArrayList<>();
          KvStore.Cursor cursor = kv.openScan(b("cw/"), false, b("cw0"), kv.now());
          int limit = 1 + rnd.nextInt(8);
          for (boolean more = true; more; ) {
            ScanPage page = await(cursor.next(limit));
            for (KvEntry e : page.entries()) scanned.add(str(e.key()));
            more = page.more();
          }
          for (int i = 1; i < scanned.size(); i++) {
            if (scanned.get(i - 1).compareTo(scanned.get(i)) >= 0 && unexpected.size() < 20) {
              unexpected.add("scan order " + scanned);
            }
          }
          await(kv.get(b(String.format("cw/%02d", rnd.nextInt(slots))), kv.now()));
          outcomes.computeIfAbsent("read ok", x -> new AtomicInteger()).incrementAndGet();
        } catch (RuntimeException e) {
          String code = DbException.of(e).state().code();
          outcomes.computeIfAbsent("read " + code, x -> new AtomicInteger()).incrementAndGet();
          if (!"40001".equals(code) && unexpected.size() < 20) unexpected.add("read: " + DbException.of(e).getMessage());
        }
      }
    }, "cw-reader"));
    threads.forEach(Thread::start);
    try {
      org.awaitility.Awaitility.await("writers commit").atMost(Duration.ofSeconds(30)).until(() -> acks.get() >= 20);
      for (int at = 5; at < slots; at += 6) {
        int before = acks.get();
        node.splitAt(String.format("cw/%02d", at));
        // Let some commits through between two splits.
        org.awaitility.Awaitility.await("writers go on after the split at " + at).atMost(Duration.ofSeconds(60))
            .until(() -> acks.get() >= before + 5);
      }
    } finally {
      running.set(false);
      for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(60));
    }
    System.out.println("Writers during " + (overlapping("cw/", "cw0").size() - 1) + " splits: " + outcomes
        + ", longest commit " + longestCommitMillis.get() + " ms");
    assertEquals(List.of(), unexpected);
    assertTrue(overlapping("cw/", "cw0").size() >= 10, node.directory.map().toString());

    // Every acknowledged write is read at its commit timestamp; the newest of each key now.
    long now = kv.now();
    int checked = 0;
    for (var e : acked.entrySet()) {
      for (var v : e.getValue().entrySet()) {
        assertEquals(v.getValue(), str(await(kv.get(b(e.getKey()), v.getKey()))), e.getKey() + " at its commit");
        checked++;
      }
      assertEquals(e.getValue().lastEntry().getValue(), str(await(kv.get(b(e.getKey()), now))), e.getKey() + " now");
    }
    assertTrue(checked >= 60, "only " + checked + " acknowledged writes");
    // And the scan sees exactly the newest values.
    List<String> rows = new ArrayList<>();
    new TreeMap<>(acked).forEach((k, m) -> rows.add(k + "=" + m.lastEntry().getValue()));
    List<String> scanned = new ArrayList<>();
    for (KvEntry en : await(kv.scan(b("cw/"), false, b("cw0"), now, 1000)).entries()) {
      scanned.add(str(en.key()) + "=" + str(en.value()));
    }
    assertEquals(rows, scanned);
  }

  @Test
  void aSplitNamingAStaleGenerationIsRefusedAndChangesNothing() {
    RangeDesc range = node.splitAt("sg/");
    node.splitAt("sg0");
    List<Write> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) rows.add(new Write(b(String.format("sg/%02d", i)), b("v" + i)));
    await(kv.commit(kv.now(), rows, List.of(), List.of()));
    range = rangeOf(b("sg/"));
    long stale = range.generation();
    node.splitAt("sg/10");
    assertEquals(range.id(), rangeOf(b("sg/")).id(), "the left side keeps the range's id");
    long current = rangeOf(b("sg/")).generation();
    assertEquals(stale + 1, current);

    RangeMap mapBefore = node.directory.map();
    for (long generation : new long[] {stale, current + 1}) {
      AdjudicatorProtocol.SplitResult refused =
          await(entities.split(range.id(), generation, b("sg/05"), Duration.ofSeconds(20)));
      assertTrue(refused.refusal() != null, "a split at generation " + generation + " of " + current);
      assertNull(refused.split());
      assertEquals(range.id(), refused.range());
    }
    // Nothing moved: the directory, the data, and the range's generation (the next split names
    // the same one as before the refusals).
    entities.refreshDirectory();
    long now = kv.now();
    List<String> seen = new ArrayList<>();
    for (KvEntry e : await(kv.scan(b("sg/"), false, b("sg0"), now, 100)).entries()) seen.add(str(e.value()));
    assertEquals(20, seen.size());
    assertEquals(mapBefore, node.directory.map());
    AdjudicatorProtocol.SplitResult ok = await(entities.split(range.id(), current, b("sg/05"), Duration.ofSeconds(20)));
    assertNull(ok.refusal());
    assertEquals(current, ok.split().parentGeneration());
    assertArrayEquals(b("v5"), await(kv.get(b("sg/05"), kv.now())));
  }

  @Test
  void rangesPastTheSplitThresholdsSplitByThemselvesAndKeepEveryRow() throws Exception {
    loadAndAwaitAutomaticSplits(1);
  }

  /**
   * The same with two journals, one of which has no range at first: its closed timestamp moves only
   * when a read waits for it, which must not hide the keys from the split check.
   */
  @Test
  void rangesPastTheSplitThresholdsSplitByThemselvesWithAnIdleJournal() throws Exception {
    loadAndAwaitAutomaticSplits(2);
  }

  private void loadAndAwaitAutomaticSplits(int journals) throws Exception {
    int rows = 3000;
    try (OneNode small = new OneNode("autosplit", Files.createTempDirectory("qp-autosplit"), new Hlc(),
        "opendsql.cluster { storage-replicas = 2, journals = " + journals + " }\n"
            + "opendsql.storage.split { max-keys = 200, check-interval = 200ms }")) {
      ShardedKvStore skv = small.kv;
      for (int batch = 0; batch < rows; batch += 100) {
        List<Write> writes = new ArrayList<>();
        for (int i = batch; i < batch + 100; i++) writes.add(new Write(b(String.format("auto/%05d", i)), row(i)));
        // A commit may meet a split under way: 40001, retried as a client would.
        org.awaitility.Awaitility.await("batch " + batch + " commits").atMost(Duration.ofSeconds(60))
            .ignoreExceptionsMatching(e -> "40001".equals(DbException.of(e).state().code()))
            .until(() -> await(skv.commit(skv.now(), writes, List.of(), List.of())), ts -> ts > 0);
      }
      try {
        org.awaitility.Awaitility.await("ranges split by themselves").atMost(Duration.ofSeconds(60))
            .until(() -> small.directory.map().size() >= 8);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("no automatic split: " + small.directory.map() + "; replicas say " + describe(small), e);
      }
      long ts = skv.now();
      List<byte[]> keys = new ArrayList<>();
      for (int i = 0; i < rows; i++) keys.add(b(String.format("auto/%05d", i)));
      List<byte[]> values = await(skv.getAll(keys, ts));
      for (int i = 0; i < rows; i++) {
        assertTrue(values.get(i) != null, "auto/" + i + " is gone");
        assertEquals(i, valueOf(values.get(i)));
      }
      int seen = 0;
      KvStore.Cursor cursor = skv.openScan(b("auto/"), false, b("auto0"), ts);
      while (true) {
        ScanPage page = await(cursor.next(97));
        for (KvEntry e : page.entries()) {
          assertEquals(String.format("auto/%05d", seen), str(e.key()));
          seen++;
        }
        if (!page.more()) break;
      }
      assertEquals(rows, seen);
      Object[] agg = await(skv.aggregate(b("auto/"), b("auto0"), ts, AGGREGATES));
      assertEquals((long) rows, agg[0]);
      assertEquals(java.math.BigDecimal.valueOf((long) rows * (rows - 1) / 2), agg[1]);
      assertEquals(0L, agg[2]);
      assertEquals((long) rows - 1, agg[3]);
      assertTrue(small.directory.map().overlapping(b("auto/"), b("auto0")).size() >= 8,
          "the loaded keys are what split: " + small.directory.map());
      System.out.println("Automatic splits: " + small.directory.map());
    }
  }

  /** What each storage replica of each range of {@code n} says of itself. */
  private static List<String> describe(OneNode n) {
    List<String> out = new ArrayList<>();
    for (RangeDesc r : n.directory.map().ranges()) {
      for (int replica = 0; replica < 2; replica++) {
        var probe = n.kit.<org.opendsql.storage.protocol.StorageProtocol.ReplicaStatus>createTestProbe();
        n.entities.sharding().entityRefFor(EntityKeys.STORAGE, org.opendsql.sharding.directory.StorageReplicas.entityId(r.id(), replica))
            .tell(new org.opendsql.storage.protocol.StorageProtocol.Describe(probe.getRef()));
        var st = probe.receiveMessage(Duration.ofSeconds(10));
        out.add(st.range() + "-" + st.replica() + "@" + st.generation() + " keys " + st.keys() + " bytes " + st.bytes()
            + " r/s " + st.readsPerSecond() + " w/s " + st.writesPerSecond() + " serving " + st.serving());
      }
    }
    return out;
  }
}
