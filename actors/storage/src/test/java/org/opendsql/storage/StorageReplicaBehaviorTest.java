package org.opendsql.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.storage.local.LocalReplica;
import org.opendsql.storage.local.LocalReplicas;
import org.opendsql.storage.protocol.LocalJournalView;
import org.opendsql.storage.protocol.ReplicaRoutes;
import org.opendsql.storage.protocol.StorageProtocol.AdvanceClosed;
import org.opendsql.storage.protocol.StorageProtocol.Apply;
import org.opendsql.storage.protocol.StorageProtocol.CloseExcept;
import org.opendsql.storage.protocol.StorageProtocol.CloseThrough;
import org.opendsql.storage.protocol.StorageProtocol.Command;
import org.opendsql.storage.protocol.StorageProtocol.CommittedWrites;
import org.opendsql.storage.protocol.StorageProtocol.Describe;
import org.opendsql.storage.protocol.StorageProtocol.FeedRequest;
import org.opendsql.storage.protocol.StorageProtocol.CheckHandoff;
import org.opendsql.storage.protocol.StorageProtocol.Absorbed;
import org.opendsql.storage.protocol.StorageProtocol.CheckAbsorbed;
import org.opendsql.storage.protocol.StorageProtocol.HandoffTaken;
import org.opendsql.storage.protocol.StorageProtocol.Incarnation;
import org.opendsql.storage.protocol.StorageProtocol.ProposeSplit;
import org.opendsql.storage.protocol.StorageProtocol.ReadAt;
import org.opendsql.storage.protocol.StorageProtocol.ReadManyAt;
import org.opendsql.storage.protocol.StorageProtocol.ReadManyResult;
import org.opendsql.storage.protocol.StorageProtocol.ReadResult;
import org.opendsql.storage.protocol.StorageProtocol.ReplayFrom;
import org.opendsql.storage.protocol.StorageProtocol.ReplicaStatus;
import org.opendsql.storage.protocol.StorageProtocol.ReportApplied;
import org.opendsql.storage.protocol.StorageProtocol.ScanAt;
import org.opendsql.storage.protocol.StorageProtocol.ScanResult;
import org.opendsql.storage.protocol.StorageProtocol.SendSnapshotPage;
import org.opendsql.storage.protocol.StorageProtocol.SnapshotPage;
import org.opendsql.storage.protocol.StorageProtocol.SplitProposal;
import org.opendsql.storage.protocol.StorageProtocol.Stop;
import org.opendsql.storage.protocol.StorageProtocol.Truncation;
import org.opendsql.storage.protocol.StorageProtocol.Wake;

/**
 * The storage replica as an actor: messages in from probes standing in for its journals, its
 * peers and its readers, messages and store contents out. Every test runs on a fresh MVCC store
 * and a fresh copy of the directory ({@link RangeMap#initial()}: range 0 holds every key, unless
 * the test lays out its own).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageReplicaBehaviorTest {
  private static final long RANGE = 0L;
  /** The id a split of {@code RANGE} gives its right side in these tests. */
  private static final long RIGHT = 77L;
  private static final Duration WAIT = Duration.ofSeconds(5);
  /** How long a test watches for something that must not happen. */
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final Config BASE = ConfigFactory.parseString("""
      opendsql.storage {
        tick = 20ms
        gap-patience = 50ms
        replay-patience = 5s
        applied-report-interval = 1h
        snapshot-retry-after-refusal = 100ms
      }
      """).withFallback(ConfigFactory.load());
  /** A journal running elsewhere: never settled here, so every read asks by message. */
  private static final LocalJournalView REMOTE = new LocalJournalView() {
    @Override
    public boolean settledAt(long range, long appliedSeq, long ts) {
      return false;
    }

    @Override
    public boolean renewalDue(long ts) {
      return false;
    }
  };

  /** A message a replica sent to a replica of a range other than its own. */
  private record Routed(long range, int replica, Command message) {}

  /** A split a replica asked its range's adjudicator for. */
  private record SplitAsked(long range, long generation, byte[] at) {}

  private ActorTestKit kit;
  private final List<ActorRef<Command>> spawned = new ArrayList<>();
  private Path dir;
  private MvccStore store;
  private Hlc hlc;
  /** This node's copy of the directory, shared by every replica a test starts. */
  private LiveDirectory directory;

  @BeforeAll
  void startKit() {
    kit = ActorTestKit.create("storage-behavior");
  }

  @AfterAll
  void stopKit() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void openStore() throws IOException {
    dir = Files.createTempDirectory("storage-behavior");
    store = new MvccStore(dir, 8L << 20);
    hlc = new Hlc();
    directory = new LiveDirectory(RangeMap.initial());
  }

  @AfterEach
  void closeStore() throws IOException {
    // Replicas first: a tick must not reach a closed store.
    for (ActorRef<Command> ref : spawned) kit.stop(ref, WAIT);
    spawned.clear();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static StorageSettings settings(String overrides) {
    return new StorageSettings(ConfigFactory.parseString(overrides).withFallback(BASE));
  }

  private static StorageSettings settings() {
    return settings("");
  }

  /** Where replica {@code replica} of {@code range} keeps its data in the test's store. */
  private int space(long range, int replica) {
    return store.space(StorageReplica.spaceName(range, replica));
  }

  /** Where replica {@code replica} of {@code RANGE} keeps its data in the test's store. */
  private int keySpace(int replica) {
    return space(RANGE, replica);
  }

  /** A key space of the test's own, named so that no replica ever takes it for a copy of its range. */
  private int scratchSpace(String name) {
    return store.space("test-" + name);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Write w(String key, String value) {
    return new Write(b(key), b(value));
  }

  private static CommittedWrites txn(long commitTs, String key, String value) {
    return new CommittedWrites(commitTs, List.of(w(key, value)));
  }

  /** A replica under test, with a probe for each journal and each replica slot of its range. */
  private final class Replica {
    final long range;
    final int index;
    final List<TestProbe<FeedRequest>> journals = new ArrayList<>();
    final List<TestProbe<Command>> peers = new ArrayList<>();
    /** What it sends to replicas of other ranges (a split-off range, the range it was split from). */
    final TestProbe<Routed> elsewhere = kit.createTestProbe(Routed.class);
    final TestProbe<SplitAsked> splitAsks = kit.createTestProbe(SplitAsked.class);
    /** Merges it asked its range's adjudicator for: (range, generation). */
    final List<long[]> mergeAsks = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger directoryRefreshes = new AtomicInteger();
    /** Its own reference, once it asked sharding to stop it for good. */
    final List<ActorRef<Command>> passivated = Collections.synchronizedList(new ArrayList<>());
    /** What a reader in this JVM sees of it. */
    final LocalReplicas local = new LocalReplicas(true);
    final ActorRef<Command> ref;

    Replica(long range, int index, int replicas, int journalCount, StorageSettings settings, LocalJournalView view) {
      this.range = range;
      this.index = index;
      for (int j = 0; j < journalCount; j++) journals.add(kit.createTestProbe(FeedRequest.class));
      for (int k = 0; k < replicas; k++) peers.add(kit.createTestProbe(Command.class));
      ReplicaRoutes routes = new ReplicaRoutes() {
        @Override
        public int replicas() {
          return replicas;
        }

        @Override
        public int journals() {
          return journalCount;
        }

        @Override
        public LiveDirectory directory() {
          return directory;
        }

        @Override
        public void tellJournal(int journal, FeedRequest request) {
          journals.get(journal).ref().tell(request);
        }

        @Override
        public void tellReplica(long toRange, int replica, Command message) {
          if (toRange == range) peers.get(replica).ref().tell(message);
          else elsewhere.ref().tell(new Routed(toRange, replica, message));
        }

        @Override
        public void requestSplit(long toRange, long generation, byte[] at) {
          splitAsks.ref().tell(new SplitAsked(toRange, generation, at));
        }

        @Override
        public void requestMerge(long toRange, long generation) {
          mergeAsks.add(new long[] {toRange, generation});
        }

        @Override
        public void refreshDirectory() {
          directoryRefreshes.incrementAndGet();
        }
      };
      ref = kit.spawn(StorageReplica.create(range, index, settings, store, hlc,
          Collections.nCopies(journalCount, view), local, routes, self -> passivated.add(self)));
      spawned.add(ref);
    }

    Replica(int index, int replicas, int journalCount, StorageSettings settings, LocalJournalView view) {
      this(RANGE, index, replicas, journalCount, settings, view);
    }

    Replica(int index, int replicas, int journalCount, StorageSettings settings) {
      this(index, replicas, journalCount, settings, REMOTE);
    }

    TestProbe<FeedRequest> journal(int j) {
      return journals.get(j);
    }

    /**
     * The next request of {@code type} to journal {@code j}, skipping requests to advance the
     * closed timestamp (a replica with parked reads repeats them every tick); anything else fails.
     */
    <T extends FeedRequest> T expectFeed(TestProbe<FeedRequest> journal, Class<T> type) {
      List<FeedRequest> seen = journal.fishForMessage(WAIT, "a " + type.getSimpleName(), m -> {
        if (type.isInstance(m)) return FishingOutcomes.complete();
        if (m instanceof AdvanceClosed) return FishingOutcomes.continueAndIgnore();
        return FishingOutcomes.fail("unexpected " + m);
      });
      return type.cast(seen.get(seen.size() - 1));
    }

    <T extends FeedRequest> T expectFeed(int j, Class<T> type) {
      return expectFeed(journal(j), type);
    }

    /** Ends the replay the replica asked journal {@code j} for at start; {@code closedTs} then holds. */
    ReplayFrom endStartupReplay(int j, long closedTs) {
      ReplayFrom r = expectFeed(j, ReplayFrom.class);
      ref.tell(new CloseThrough(j, r.fromSeq() - 1, closedTs, journal(j).ref(), r.replayId()));
      return r;
    }

    void endStartupReplays(long closedTs) {
      for (int j = 0; j < journals.size(); j++) endStartupReplay(j, closedTs);
    }

    TestProbe<ReadResult> readAsync(String key, long ts, boolean orElsewhere) {
      TestProbe<ReadResult> reader = kit.createTestProbe(ReadResult.class);
      ref.tell(new ReadAt(b(key), ts, orElsewhere, reader.ref()));
      return reader;
    }

    ReadResult read(String key, long ts) {
      return readAsync(key, ts, false).receiveMessage(WAIT);
    }

    /** Reads {@code key} at {@code ts}: the replica must answer with {@code value} (null: none). */
    void assertValue(String value, String key, long ts) {
      ReadResult r = read(key, ts);
      assertNull(r.error(), () -> "read of " + key + " failed: " + r.error().getMessage());
      assertFalse(r.behind());
      assertNull(r.moved(), () -> "read of " + key + " answered moved: " + r.moved());
      if (value == null) assertNull(r.value());
      else assertArrayEquals(b(value), r.value(), "value of " + key);
    }

    /** Reads {@code key} at {@code ts}: the replica must answer that the key is not in its range. */
    ReadResult assertMoved(String key, long ts) {
      ReadResult r = read(key, ts);
      StorageReplicaBehaviorTest.assertMoved(r, key);
      return r;
    }

    /** Asks for a snapshot of range {@code of} and collects it whole, page by page. */
    List<SnapshotPage> snapshotOf(long of, long transferId) {
      TestProbe<Command> asker = kit.createTestProbe(Command.class);
      List<SnapshotPage> pages = new ArrayList<>();
      byte[] after = null;
      while (true) {
        ref.tell(new SendSnapshotPage(transferId, after, of, asker.ref()));
        SnapshotPage p = asker.expectMessageClass(SnapshotPage.class, WAIT);
        pages.add(p);
        if (p.done() || p.refused()) return pages;
        after = p.versions().get(p.versions().size() - 1).key();
      }
    }

    ReplicaStatus describe() {
      TestProbe<ReplicaStatus> asker = kit.createTestProbe(ReplicaStatus.class);
      ref.tell(new Describe(asker.ref()));
      return asker.receiveMessage(WAIT);
    }

    /** Stops this incarnation and waits until it is gone (its store stays). */
    void stop() {
      TestProbe<Command> watcher = kit.createTestProbe(Command.class);
      ref.tell(new Stop());
      watcher.expectTerminated(ref, WAIT);
      spawned.remove(ref);
    }
  }

  private static void assertValue(String expected, ReadResult r) {
    assertNull(r.error(), () -> "read failed: " + r.error().getMessage());
    assertFalse(r.behind(), "the replica answered behind");
    assertArrayEquals(b(expected), r.value());
  }

  private static void assertMoved(ReadResult r, String key) {
    assertNotNull(r.moved(), () -> "a read of " + key + " must be answered moved, got " + r);
    assertNull(r.value(), "a moved answer carries no value");
    assertNull(r.error());
    assertFalse(r.behind());
  }

  private static void assertCode(String sqlState, ReadResult r) {
    assertNotNull(r.error(), "the read must fail");
    assertEquals(sqlState, r.error().state().code(), r.error().getMessage());
  }


  @Test
  void wakeIsAnsweredWithTheReplicasOwnIncarnation() {
    Replica replica = new Replica(1, 3, 1, settings());
    TestProbe<Incarnation> waker = kit.createTestProbe(Incarnation.class);
    replica.ref.tell(new Wake(waker.ref()));
    assertEquals(new Incarnation(RANGE, 1, replica.ref), waker.receiveMessage(WAIT));
  }

  @Test
  void atStartItAsksEveryJournalThroughTheRoutesToReplayFromItsStoredPosition() {
    store.applyAll(keySpace(0), 0, List.of(), 5);
    store.applyAll(keySpace(0), 2, List.of(), 9);
    Replica replica = new Replica(0, 1, 3, settings());

    ReplayFrom j0 = replica.expectFeed(0, ReplayFrom.class);
    ReplayFrom j1 = replica.expectFeed(1, ReplayFrom.class);
    ReplayFrom j2 = replica.expectFeed(2, ReplayFrom.class);
    assertEquals(List.of(6L, 1L, 10L), List.of(j0.fromSeq(), j1.fromSeq(), j2.fromSeq()),
        "each journal replays from the entry after the position stored for it");
    for (ReplayFrom r : List.of(j0, j1, j2)) {
      assertEquals(RANGE, r.range());
      assertEquals(0, r.replica());
      assertEquals(replica.ref, r.replyTo());
      assertNotEquals(0, r.replayId(), "0 would mean no replay");
    }
  }

  @Test
  void aReadParksUntilEveryJournalsClosedTimestampCoversItThenIsServedFromTheStore() {
    Replica replica = new Replica(0, 1, 2, settings());
    replica.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    long readTs = hlc.now();
    long c2 = hlc.now();

    TestProbe<ReadResult> reader = replica.readAsync("k", readTs, false);
    TestProbe<ScanResult> scanner = kit.createTestProbe(ScanResult.class);
    replica.ref.tell(new ScanAt(null, false, null, readTs, 10, false, null, scanner.ref()));
    for (int j = 0; j < 2; j++) {
      AdvanceClosed ask = replica.journal(j).expectMessageClass(AdvanceClosed.class, WAIT);
      assertEquals(new AdvanceClosed(RANGE, 0, readTs, replica.ref), ask);
    }
    reader.expectNoMessage(QUIET);

    replica.ref.tell(new Apply(0, 1, List.of(txn(c1, "k", "v1")), c1));
    reader.expectNoMessage(QUIET);
    replica.ref.tell(new Apply(0, 2, List.of(txn(c2, "k", "v2")), c2));
    reader.expectNoMessage(QUIET);
    scanner.expectNoMessage(Duration.ZERO);

    // Journal 0 is past the read; journal 1 closes it now, with no entry of its own.
    replica.ref.tell(new CloseThrough(1, 0, readTs, replica.journal(1).ref(), 0));
    assertValue("v1", reader.receiveMessage(WAIT));
    ScanResult scan = scanner.receiveMessage(WAIT);
    assertNull(scan.error());
    assertEquals(1, scan.page().entries().size());
    KvEntry e = scan.page().entries().get(0);
    assertArrayEquals(b("k"), e.key());
    assertArrayEquals(b("v1"), e.value(), "the version committed after the read timestamp must not show");
    assertEquals(2, store.appliedPosition(keySpace(0), 0));
  }

  @Test
  void aReadOfAKeyTheBatchInFlightDoesNotWriteIsServedOnACloseExceptThoseKeys() {
    Replica replica = new Replica(0, 1, 1, settings());
    replica.endStartupReplays(hlc.now());
    long c0 = hlc.now();
    long c1 = hlc.now();
    long inFlight = hlc.now();
    long readTs = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(txn(c0, "k", "v1"), txn(c1, "hot", "h1")), c1));
    TestProbe<ReadResult> reader = replica.readAsync("k", readTs, false);
    TestProbe<ReadResult> hotReader = replica.readAsync("hot", readTs, false);
    replica.journal(0).expectMessageClass(AdvanceClosed.class, WAIT);
    reader.expectNoMessage(QUIET);

    // Entry 2, in flight, writes "hot" only; the last entry sent this range before it is 1.
    replica.ref.tell(new CloseExcept(0, 2, 1, List.of(b("hot")), readTs, replica.journal(0).ref()));
    assertValue("v1", reader.receiveMessage(WAIT));
    hotReader.expectNoMessage(QUIET);
    TestProbe<ReadResult> later = replica.readAsync("k", readTs, false);
    assertValue("v1", later.receiveMessage(WAIT));

    replica.ref.tell(new Apply(0, 2, List.of(txn(inFlight, "hot", "h2")), readTs));
    assertValue("h2", hotReader.receiveMessage(WAIT));
  }

  @Test
  void aCloseExceptThatArrivesDuringAReplayIsNotKept() {
    Replica replica = new Replica(0, 1, 1, settings());
    long before = hlc.now();
    long readTs = hlc.now();
    replica.ref.tell(new CloseExcept(0, 1, 0, List.of(), readTs, replica.journal(0).ref()));
    replica.endStartupReplay(0, before);
    TestProbe<ReadResult> reader = replica.readAsync("k", readTs, false);
    replica.journal(0).expectMessageClass(AdvanceClosed.class, WAIT);
    reader.expectNoMessage(QUIET);
    replica.ref.tell(new Apply(0, 1, List.of(txn(readTs - 1, "k", "v1")), readTs));
    assertValue("v1", reader.receiveMessage(WAIT));
  }

  @Test
  void aCloseExceptCountsOnlyOnceTheEntryBeforeTheBatchIsApplied() {
    Replica replica = new Replica(0, 1, 1, settings());
    replica.endStartupReplays(hlc.now());
    long readTs = hlc.now();
    TestProbe<ReadResult> reader = replica.readAsync("k", readTs, false);
    replica.journal(0).expectMessageClass(AdvanceClosed.class, WAIT);
    // Entry 1 was sent this range and has not arrived: it may write "k".
    replica.ref.tell(new CloseExcept(0, 2, 1, List.of(b("other")), readTs, replica.journal(0).ref()));
    reader.expectNoMessage(QUIET);
    replica.ref.tell(new Apply(0, 1, List.of(txn(readTs - 1, "k", "v1")), readTs - 1));
    assertValue("v1", reader.receiveMessage(WAIT));
  }

  @Test
  void aBatchedReadParksLikeOneReadAndAnswersEachKeyInOrder() {
    Replica replica = new Replica(0, 1, 1, settings());
    replica.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    long readTs = hlc.now();
    long c2 = hlc.now();
    TestProbe<ReadManyResult> reader = kit.createTestProbe(ReadManyResult.class);
    replica.ref.tell(new ReadManyAt(List.of(b("b"), b("missing"), b("a")), readTs, false, reader.ref()));
    reader.expectNoMessage(QUIET);

    replica.ref.tell(new Apply(0, 1, List.of(txn(c1, "a", "va"), txn(c1, "b", "vb")), c1));
    reader.expectNoMessage(QUIET);
    replica.ref.tell(new Apply(0, 2, List.of(txn(c2, "a", "later")), c2));
    ReadManyResult r = reader.receiveMessage(WAIT);
    assertNull(r.error());
    assertFalse(r.behind());
    assertEquals(3, r.values().size());
    assertArrayEquals(b("vb"), r.values().get(0));
    assertNull(r.values().get(1));
    assertArrayEquals(b("va"), r.values().get(2), "the version committed after the read timestamp must not show");
  }

  @Test
  void aReadNoJournalClosesInTimeFailsRetryably() {
    Replica replica = new Replica(0, 1, 1, settings("opendsql.storage.max-read-wait = 200ms"));
    replica.endStartupReplays(hlc.now());
    long start = System.nanoTime();
    ReadResult r = replica.read("k", hlc.now());
    assertCode("40001", r);
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "answered before the read wait bound");
  }

  @Test
  void versionsBehindTheRetentionAreCollectedAndReadsBelowTheHorizonFailWithTheAgeLimit() {
    Replica replica = new Replica(0, 1, 1,
        settings("opendsql.storage { gc-interval = 50ms, gc-retention = 200ms }"));
    // The journal closed far ahead, so the horizon is bounded by the clock only.
    replica.endStartupReplays(hlc.now() + Hlc.fromMicros(60_000_000));
    long c1 = hlc.now();
    long c2 = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(txn(c1, "k", "v1"), txn(c2, "k", "v2")), c2));

    await("the GC horizon passes both versions").atMost(WAIT)
        .until(() -> replica.read("k", c1).error() != null);
    assertCode("54000", replica.read("k", c1));
    TestProbe<ScanResult> scanner = kit.createTestProbe(ScanResult.class);
    replica.ref.tell(new ScanAt(null, false, null, c2, 10, false, null, scanner.ref()));
    assertEquals("54000", scanner.receiveMessage(WAIT).error().state().code());

    assertTrue(store.gcHorizon(keySpace(0)) > c2);
    replica.assertValue("v2", "k", hlc.now());
    assertNull(store.get(keySpace(0), b("k"), c1), "the version below the newest one at the horizon is collected");
  }

  @Test
  void aRestartedReplicaRefusesReadsBelowTheHorizonStoredWithItsData() {
    long c1 = hlc.now();
    long horizon = hlc.now();
    store.applyAll(keySpace(0), 0, List.of(new MvccStore.Commit(c1, List.of(new Write(b("k"), b("v1"))))), 1);
    store.gc(keySpace(0), horizon);
    Replica replica = new Replica(0, 1, 1, settings());

    // Refused at once: not even a replay has to end first.
    assertCode("54000", replica.read("k", horizon - 1));
    replica.endStartupReplays(hlc.now());
    replica.assertValue("v1", "k", horizon);
  }

  @Test
  void anEntryAheadOfAMissingOneIsHeldAndAReplayIsAskedForAfterTheGapPatience() {
    Replica replica = new Replica(0, 1, 1, settings());
    ReplayFrom startup = replica.endStartupReplay(0, hlc.now());
    long c1 = hlc.now();
    long c2 = hlc.now();
    long readTs = hlc.now();
    TestProbe<ReadResult> reader = replica.readAsync("k2", readTs, false);

    long sent = System.nanoTime();
    replica.ref.tell(new Apply(0, 2, List.of(txn(c2, "k2", "v2")), readTs));
    ReplayFrom replay = replica.expectFeed(0, ReplayFrom.class);
    long waited = System.nanoTime() - sent;
    assertEquals(1, replay.fromSeq(), "the replay starts at the missing entry");
    assertNotEquals(startup.replayId(), replay.replayId());
    assertTrue(waited >= Duration.ofMillis(50).toNanos(), "asked before the gap patience: " + waited + "ns");
    reader.expectNoMessage(Duration.ZERO);
    assertEquals(0, store.appliedPosition(keySpace(0), 0), "the early entry is held, not applied");

    // The replay brings the missing entry: both apply in order and the read is served.
    replica.ref.tell(new Apply(0, 1, List.of(txn(c1, "k1", "v1")), 0));
    assertValue("v2", reader.receiveMessage(WAIT));
    replica.ref.tell(new CloseThrough(0, 2, readTs, replica.journal(0).ref(), replay.replayId()));
    replica.assertValue("v1", "k1", readTs);
    assertEquals(2, store.appliedPosition(keySpace(0), 0));
  }

  @Test
  void aReaderThatKnowsAnotherReplicaIsToldThisOneIsBehindWhileItReplays() {
    Replica replica = new Replica(0, 2, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    long ts = hlc.now();

    TestProbe<ReadResult> elsewhere = replica.readAsync("k", ts, true);
    assertEquals(ReadResult.catchingUp(), elsewhere.receiveMessage(WAIT));
    TestProbe<ScanResult> scanner = kit.createTestProbe(ScanResult.class);
    replica.ref.tell(new ScanAt(null, false, null, ts, 10, true, null, scanner.ref()));
    assertEquals(ScanResult.catchingUp(), scanner.receiveMessage(WAIT));

    // A reader with nowhere else to go waits for the replay instead.
    TestProbe<ReadResult> patient = replica.readAsync("k", ts, false);
    patient.expectNoMessage(QUIET);
    replica.ref.tell(new CloseThrough(0, 0, ts, replica.journal(0).ref(), startup.replayId()));
    ReadResult r = patient.receiveMessage(WAIT);
    assertNull(r.error());
    assertFalse(r.behind());
    assertNull(r.value());
  }

  /** Versions of a replica elsewhere, exported page by page as a peer would send them. */
  private List<List<MvccStore.RawVersion>> versionsOf(List<MvccStore.Commit> commits, long position) {
    int source = scratchSpace("export");
    store.applyAll(source, 0, commits, position);
    List<List<MvccStore.RawVersion>> pages = new ArrayList<>();
    try (MvccStore.RangeSnapshot snap = store.snapshot(source)) {
      byte[] after = null;
      for (List<MvccStore.RawVersion> page; !(page = snap.page(after, 1)).isEmpty(); ) {
        pages.add(page);
        after = page.get(page.size() - 1).key();
      }
    }
    store.dropRange(source);
    return pages;
  }

  @Test
  void aTruncationMakesItCopyAPeersSnapshotPageByPageThenReplayFromTheSnapshotsPositions() {
    Replica replica = new Replica(0, 2, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    long c1 = hlc.now();
    long c2 = hlc.now();
    long readTs = hlc.now();
    List<List<MvccStore.RawVersion>> pages = versionsOf(List.of(
        new MvccStore.Commit(c1, List.of(new Write(b("k1"), b("v1")))),
        new MvccStore.Commit(c2, List.of(new Write(b("k2"), b("v2"))))), 12);
    assertEquals(2, pages.size());

    replica.ref.tell(new Truncation(0, 10, startup.replayId()));
    SendSnapshotPage first = replica.peers.get(1).expectMessageClass(SendSnapshotPage.class, WAIT);
    assertNull(first.afterKey(), "the first request opens a snapshot");
    assertEquals(RANGE, first.of(), "the data of its own range is wanted");
    assertEquals(replica.ref, first.replyTo());
    long transfer = first.transferId();

    TestProbe<ReadResult> patient = replica.readAsync("k1", readTs, false);
    assertEquals(ReadResult.catchingUp(), replica.readAsync("k1", readTs, true).receiveMessage(WAIT),
        "a reader that knows another replica is sent there while this one copies");

    long[] positions = {12};
    replica.ref.tell(new SnapshotPage(transfer, RANGE, 1, positions, c1, null, pages.get(0), false, false));
    SendSnapshotPage next = replica.peers.get(1).expectMessageClass(SendSnapshotPage.class, WAIT);
    assertEquals(transfer, next.transferId());
    assertArrayEquals(pages.get(0).get(0).key(), next.afterKey(), "the next page starts after the last version");
    replica.ref.tell(new SnapshotPage(transfer, RANGE, 1, positions, c1, null, pages.get(1), false, false));
    next = replica.peers.get(1).expectMessageClass(SendSnapshotPage.class, WAIT);
    assertArrayEquals(pages.get(1).get(0).key(), next.afterKey());
    patient.expectNoMessage(Duration.ZERO);
    assertEquals(0, store.appliedPosition(keySpace(0), 0), "the positions are written last");

    replica.ref.tell(new SnapshotPage(transfer, RANGE, 1, positions, c1, null, List.of(), true, false));
    ReplayFrom replay = replica.expectFeed(0, ReplayFrom.class);
    assertEquals(13, replay.fromSeq(), "the replay continues after the snapshot's position");
    assertEquals(12, store.appliedPosition(keySpace(0), 0));
    patient.expectNoMessage(QUIET);

    replica.ref.tell(new CloseThrough(0, 12, readTs, replica.journal(0).ref(), replay.replayId()));
    assertValue("v1", patient.receiveMessage(WAIT));
    replica.assertValue("v2", "k2", readTs);
    assertCode("54000", replica.read("k1", c1 - 1));
    replica.peers.get(1).expectNoMessage(Duration.ZERO);
    replica.peers.get(0).expectNoMessage(Duration.ZERO);
  }

  @Test
  void aTruncationIsRepairedFromThisNodesCopyOfAnotherReplicaWithoutAskingAPeer() {
    Replica replica = new Replica(0, 3, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    assertEquals(1, startup.fromSeq(), "nothing on this node yet: it replays the journal from its start");
    // Replica 2's key space on this node (an earlier placement) is past the truncation.
    long c1 = hlc.now();
    store.applyAll(keySpace(2), 0, List.of(new MvccStore.Commit(c1, List.of(new Write(b("k"), b("v"))))), 12);

    replica.ref.tell(new Truncation(0, 10, startup.replayId()));
    ReplayFrom replay = replica.expectFeed(0, ReplayFrom.class);
    assertEquals(13, replay.fromSeq());
    long readTs = hlc.now();
    replica.ref.tell(new CloseThrough(0, 12, readTs, replica.journal(0).ref(), replay.replayId()));
    replica.assertValue("v", "k", readTs);
    replica.peers.get(1).expectNoMessage(Duration.ZERO);
    replica.peers.get(2).expectNoMessage(Duration.ZERO);
  }

  @Test
  void aNewReplicaStartsFromAnotherReplicasCopyOnThisNodeAndReplaysOnlyWhatFollowsIt() {
    long c1 = hlc.now();
    store.applyAll(keySpace(2), 0, List.of(new MvccStore.Commit(c1, List.of(new Write(b("k"), b("v"))))), 12);
    Replica replica = new Replica(0, 3, 1, settings());
    ReplayFrom replay = replica.expectFeed(0, ReplayFrom.class);
    assertEquals(13, replay.fromSeq(), "the copy holds entries 1..12");
    long readTs = hlc.now();
    replica.ref.tell(new CloseThrough(0, 12, readTs, replica.journal(0).ref(), replay.replayId()));
    replica.assertValue("v", "k", readTs);
    assertEquals(12, store.appliedPosition(keySpace(0), 0));
    replica.peers.get(1).expectNoMessage(Duration.ZERO);
    replica.peers.get(2).expectNoMessage(Duration.ZERO);
  }

  @Test
  void aTruncationNeverTakesTheReplicasOwnKeySpaceForALocalCopy() {
    // Its own key space holds entries through 12, yet a truncation at 10 came: that copy is the
    // one to replace, so a peer is asked.
    store.applyAll(keySpace(0), 0, List.of(), 12);
    Replica replica = new Replica(0, 2, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    assertEquals(13, startup.fromSeq());
    replica.ref.tell(new Truncation(0, 10, startup.replayId()));
    SendSnapshotPage ask = replica.peers.get(1).expectMessageClass(SendSnapshotPage.class, WAIT);
    assertEquals(RANGE, ask.of());
    replica.peers.get(0).expectNoMessage(QUIET);
  }

  @Test
  void aPeerThatRefusesTheSnapshotIsFollowedByTheNextPeerAndItsLatePagesAreIgnored() {
    Replica replica = new Replica(0, 3, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    replica.ref.tell(new Truncation(0, 10, startup.replayId()));
    SendSnapshotPage toPeer1 = replica.peers.get(1).expectMessageClass(SendSnapshotPage.class, WAIT);

    long refusedAt = System.nanoTime();
    replica.ref.tell(SnapshotPage.refusal(toPeer1.transferId(), RANGE, 1));
    SendSnapshotPage toPeer2 = replica.peers.get(2).expectMessageClass(SendSnapshotPage.class, WAIT);
    assertTrue(System.nanoTime() - refusedAt >= Duration.ofMillis(100).toNanos(),
        "the next peer is asked only after the retry delay");
    assertNull(toPeer2.afterKey());
    assertNotEquals(toPeer1.transferId(), toPeer2.transferId());
    replica.peers.get(0).expectNoMessage(Duration.ZERO);

    // A page of the abandoned transfer changes nothing.
    replica.ref.tell(new SnapshotPage(toPeer1.transferId(), RANGE, 1, new long[] {99}, 0, null, List.of(), true, false));
    replica.peers.get(1).expectNoMessage(QUIET);
    assertEquals(0, store.appliedPosition(keySpace(0), 0));

    replica.ref.tell(new SnapshotPage(toPeer2.transferId(), RANGE, 2, new long[] {12}, 0, null, List.of(), true, false));
    assertEquals(13, replica.expectFeed(0, ReplayFrom.class).fromSeq());
  }

  @Test
  void itAnswersAPeersSnapshotRequestWithItsOwnVersionsAndPositions() {
    Replica replica = new Replica(0, 2, 1, settings());
    replica.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    long c2 = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(txn(c1, "k1", "v1"), txn(c2, "k2", "v2")), c2));
    replica.assertValue("v2", "k2", c2); // applied

    TestProbe<Command> peer = kit.createTestProbe(Command.class);
    replica.ref.tell(new SendSnapshotPage(42, null, RANGE, peer.ref()));
    SnapshotPage page = peer.expectMessageClass(SnapshotPage.class, WAIT);
    assertEquals(42, page.transferId());
    assertEquals(RANGE, page.fromRange());
    assertEquals(0, page.fromReplica());
    assertFalse(page.refused());
    assertFalse(page.done());
    assertArrayEquals(new long[] {1}, page.positions());
    assertEquals(2, page.versions().size());

    replica.ref.tell(new SendSnapshotPage(42, page.versions().get(1).key(), RANGE, peer.ref()));
    SnapshotPage last = peer.expectMessageClass(SnapshotPage.class, WAIT);
    assertTrue(last.done());
    assertFalse(last.refused());
    assertTrue(last.versions().isEmpty());
    assertArrayEquals(new long[] {1}, last.positions());

    // The versions install elsewhere as the same data.
    int elsewhere = scratchSpace("import");
    store.installVersions(elsewhere, page.versions());
    assertArrayEquals(b("v1"), store.get(elsewhere, b("k1"), c2));
    assertArrayEquals(b("v2"), store.get(elsewhere, b("k2"), c2));
    assertNull(store.get(elsewhere, b("k2"), c1));
  }

  @Test
  void itRefusesToGiveASnapshotWhileCatchingUpOrToContinueATransferItDoesNotKnow() {
    Replica replica = new Replica(0, 2, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    TestProbe<Command> peer = kit.createTestProbe(Command.class);
    replica.ref.tell(new SendSnapshotPage(7, null, RANGE, peer.ref()));
    SnapshotPage refused = peer.expectMessageClass(SnapshotPage.class, WAIT);
    assertEquals(7, refused.transferId());
    assertTrue(refused.refused(), "a replica still replaying has no consistent copy to give");

    replica.ref.tell(new CloseThrough(0, 0, hlc.now(), replica.journal(0).ref(), startup.replayId()));
    replica.ref.tell(new SendSnapshotPage(8, b("somewhere"), RANGE, peer.ref()));
    SnapshotPage unknown = peer.expectMessageClass(SnapshotPage.class, WAIT);
    assertEquals(8, unknown.transferId());
    assertTrue(unknown.refused());

    replica.ref.tell(new SendSnapshotPage(9, null, RANGE, peer.ref()));
    SnapshotPage opened = peer.expectMessageClass(SnapshotPage.class, WAIT);
    assertFalse(opened.refused(), "caught up: it gives one");
    assertTrue(opened.versions().isEmpty());
  }

  @Test
  void itReportsEachJournalsAppliedPositionAfterTheReportIntervalOnlyWhenItMoved() {
    Replica replica = new Replica(0, 1, 2, settings("opendsql.storage.applied-report-interval = 100ms"));
    replica.endStartupReplays(hlc.now());
    replica.journal(0).expectNoMessage(QUIET);
    replica.journal(1).expectNoMessage(Duration.ZERO);

    replica.ref.tell(new Apply(0, 1, List.of(txn(hlc.now(), "a", "1")), hlc.now()));
    replica.ref.tell(new Apply(0, 2, List.of(txn(hlc.now(), "b", "2")), hlc.now()));
    List<FeedRequest> seen = replica.journal(0).fishForMessage(WAIT, "a report of entry 2", m -> {
      if (m instanceof ReportApplied r && r.seq() == 2) return FishingOutcomes.complete();
      if (m instanceof ReportApplied r && r.seq() == 1) return FishingOutcomes.continueAndIgnore();
      return FishingOutcomes.fail("unexpected " + m);
    });
    assertEquals(new ReportApplied(RANGE, 0, 2, replica.ref), seen.get(seen.size() - 1));
    replica.journal(0).expectNoMessage(QUIET);
    replica.journal(1).expectNoMessage(Duration.ZERO);
  }

  @Test
  void requestsGoToTheJournalIncarnationItLearnedAndBackThroughTheRoutesOnceItTerminates() {
    Replica replica = new Replica(0, 1, 1, settings());
    TestProbe<FeedRequest> incarnation = kit.createTestProbe(FeedRequest.class);
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    replica.ref.tell(new CloseThrough(0, 0, hlc.now(), incarnation.ref(), startup.replayId()));

    long readTs = hlc.now();
    TestProbe<ReadResult> reader = replica.readAsync("k", readTs, false);
    assertEquals(new AdvanceClosed(RANGE, 0, readTs, replica.ref), incarnation.expectMessageClass(AdvanceClosed.class, WAIT));
    replica.journal(0).expectNoMessage(QUIET);

    incarnation.stop();
    assertEquals(readTs, replica.expectFeed(0, AdvanceClosed.class).atLeast(),
        "with the incarnation gone, the still-waiting read asks through the routes");
    replica.ref.tell(new CloseThrough(0, 0, readTs, replica.journal(0).ref(), 0));
    ReadResult r = reader.receiveMessage(WAIT);
    assertNull(r.error());
    assertNull(r.value());
  }

  @Test
  void aReadIsServedWithoutAMessageWhenTheColocatedJournalIsSettledAtTheReplicasPosition() {
    List<long[]> asked = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean renewalDue = new AtomicBoolean(false);
    LocalJournalView local = new LocalJournalView() {
      @Override
      public boolean settledAt(long range, long appliedSeq, long ts) {
        asked.add(new long[] {appliedSeq, ts});
        return true;
      }

      @Override
      public boolean renewalDue(long ts) {
        return renewalDue.get();
      }
    };
    Replica replica = new Replica(0, 1, 1, settings(), local);
    replica.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(txn(c1, "k", "v")), c1));
    long readTs = hlc.now() + Hlc.fromMicros(1_000);

    replica.assertValue("v", "k", readTs);
    assertTrue(hlc.now() > readTs, "the clock moves past the read first, so later batches commit above it");
    long[] last = asked.get(asked.size() - 1);
    assertArrayEquals(new long[] {1, readTs}, last, "settled at the position the replica applied");
    replica.journal(0).expectNoMessage(QUIET);

    // Near the lease's end the read is still served locally, and the journal is asked to renew.
    renewalDue.set(true);
    long later = hlc.now() + Hlc.fromMicros(1_000);
    replica.assertValue("v", "k", later);
    assertEquals(later, replica.expectFeed(0, AdvanceClosed.class).atLeast());
  }

  @Test
  void aReaderOnThisNodeIsAnsweredFromTheStoreOnlyOnceTheReplicaHasCaughtUpAndUntilItStops() {
    Replica replica = new Replica(0, 1, 1, settings());
    long c0 = hlc.now();
    assertSame(LocalReplica.ASK_THE_REPLICA, replica.local.read(RANGE, b("k"), c0), "replaying at start");
    replica.endStartupReplays(c0);
    long c1 = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(txn(c1, "k", "v")), c1));
    replica.assertValue("v", "k", c1);
    assertArrayEquals(b("v"), replica.local.read(RANGE, b("k"), c1));
    assertSame(LocalReplica.ASK_THE_REPLICA, replica.local.read(RANGE, b("k"), hlc.now()),
        "above the closed timestamp, with no journal in this JVM, only the replica can wait for it");
    replica.stop();
    assertSame(LocalReplica.ASK_THE_REPLICA, replica.local.read(RANGE, b("k"), c1));
  }

  @Test
  void stopStopsTheReplica() {
    Replica replica = new Replica(0, 1, 1, settings());
    TestProbe<Command> watcher = kit.createTestProbe(Command.class);
    replica.ref.tell(new Stop());
    watcher.expectTerminated(replica.ref, WAIT);
  }

  @Test
  void aReadParkedDuringAnInstallIsRefusedIfTheInstalledHorizonPassedIt() {
    Replica replica = new Replica(0, 2, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    long c1 = hlc.now();
    long readTs = hlc.now();
    long c2 = hlc.now();
    long horizon = hlc.now();
    // The peer collected v1 (c1): below its horizon only v2 (c2), the newest version at it, is left.
    List<List<MvccStore.RawVersion>> pages = versionsOf(List.of(
        new MvccStore.Commit(c2, List.of(new Write(b("k"), b("v2"))))), 12);

    replica.ref.tell(new Truncation(0, 10, startup.replayId()));
    SendSnapshotPage first = replica.peers.get(1).expectMessageClass(SendSnapshotPage.class, WAIT);
    TestProbe<ReadResult> parked = replica.readAsync("k", readTs, false);
    parked.expectNoMessage(QUIET);
    long[] positions = {12};
    replica.ref.tell(new SnapshotPage(first.transferId(), RANGE, 1, positions, horizon, null, pages.get(0), false, false));
    replica.peers.get(1).expectMessageClass(SendSnapshotPage.class, WAIT);
    replica.ref.tell(new SnapshotPage(first.transferId(), RANGE, 1, positions, horizon, null, List.of(), true, false));
    ReplayFrom replay = replica.expectFeed(0, ReplayFrom.class);
    replica.ref.tell(new CloseThrough(0, 12, hlc.now(), replica.journal(0).ref(), replay.replayId()));

    // At readTs, k held v1, which this replica no longer has: the read must fail, not answer "no row".
    assertCode("54000", parked.receiveMessage(WAIT));
  }

  // Ranges: bounds, moved answers, splits and hand-offs.

  /** The split of {@code RANGE} (at generation 0, as {@link RangeMap#initial()} has it) at {@code at}. */
  private static RangeChange.Split splitAt(String at) {
    return new RangeChange.Split(RANGE, 0, b(at), RIGHT, 0);
  }

  /** A transaction that only makes a directory change, as an adjudicator appends a split. */
  private static CommittedWrites change(long commitTs, RangeChange c) {
    return new CommittedWrites(commitTs, List.of(), List.of(c));
  }

  /** The versions of a snapshot's pages installed in a fresh key space, to read them back. */
  private int installed(String name, List<SnapshotPage> pages) {
    int space = scratchSpace(name);
    for (SnapshotPage p : pages) store.installVersions(space, p.versions());
    return space;
  }

  @Test
  void itKeepsOnlyTheWritesInsideItsRangesBoundsAndAnswersMovedForKeysOutsideThem() {
    // Range 1 of three holds [g, p).
    directory = new LiveDirectory(RangeMap.presplit(List.of(b("g"), b("p")), 1));
    Replica replica = new Replica(1, 0, 1, 1, settings(), REMOTE);
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    // Its bounds are known before its data: a key outside them is answered at once, replay or not.
    replica.assertMoved("z", hlc.now());

    replica.ref.tell(new CloseThrough(0, 0, hlc.now(), replica.journal(0).ref(), startup.replayId()));
    long c1 = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1,
        List.of(w("a", "va"), w("g", "vg"), w("k", "vk"), w("p", "vp"), w("z", "vz")))), c1));
    replica.assertValue("vg", "g", c1);
    replica.assertValue("vk", "k", c1);
    int space = space(1, 0);
    assertEquals(1, store.appliedPosition(space, 0), "the entry is applied whole, whatever it held for the range");
    for (String outside : List.of("a", "p", "z")) {
      assertNull(store.get(space, b(outside), c1), outside + " is outside [g, p): its write is not kept");
      replica.assertMoved(outside, c1);
    }

    TestProbe<ReadManyResult> many = kit.createTestProbe(ReadManyResult.class);
    replica.ref.tell(new ReadManyAt(List.of(b("g"), b("z")), c1, false, many.ref()));
    ReadManyResult m = many.receiveMessage(WAIT);
    assertNotNull(m.moved(), "one key outside the range moves the whole batch");
    assertNull(m.values());

    TestProbe<ScanResult> scanner = kit.createTestProbe(ScanResult.class);
    replica.ref.tell(new ScanAt(null, false, b("k"), c1, 10, false, null, scanner.ref()));
    assertNotNull(scanner.receiveMessage(WAIT).moved(), "a scan from before the range's start");
    replica.ref.tell(new ScanAt(b("g"), false, null, c1, 10, false, null, scanner.ref()));
    assertNotNull(scanner.receiveMessage(WAIT).moved(), "a scan past the range's end");
    replica.ref.tell(new ScanAt(b("g"), false, b("p"), c1, 10, false, null, scanner.ref()));
    ScanResult inside = scanner.receiveMessage(WAIT);
    assertNull(inside.moved());
    assertEquals(List.of("g", "k"), inside.page().entries().stream()
        .map(e -> new String(e.key(), StandardCharsets.UTF_8)).toList());
  }

  @Test
  void aSplitInAnEntryKeepsTheRightSidesEarlierWritesAsAHandoffAndTheNewRangesReplicaStartsFromIt() {
    Replica parent = new Replica(0, 1, 1, settings());
    parent.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    long cSplit = hlc.now();
    long c2 = hlc.now();
    RangeChange.Split split = splitAt("m");
    Apply entry1 = new Apply(0, 1, List.of(
        new CommittedWrites(c1, List.of(w("a", "a1"), w("x", "x1"))),
        change(cSplit, split),
        new CommittedWrites(c2, List.of(w("b", "b2"), w("z", "z2")))), c2);
    parent.ref.tell(entry1);

    // After the split the left side is still served, the right side has moved, by that split.
    parent.assertValue("a1", "a", c2);
    parent.assertValue("b2", "b", c2);
    ReadResult moved = parent.assertMoved("x", c2);
    RangeChange.Split told = assertInstanceOf(RangeChange.Split.class, moved.moved().get(moved.moved().size() - 1));
    assertEquals(RIGHT, told.rightId());
    assertArrayEquals(b("m"), told.at());
    parent.assertMoved("x", c1);
    // A reader on this node is answered the same: the left side from the store, the right side by the replica.
    assertArrayEquals(b("a1"), parent.local.read(RANGE, b("a"), c2));
    assertSame(LocalReplica.ASK_THE_REPLICA, parent.local.read(RANGE, b("x"), c2));
    // It offered the change to this node's directory, and woke the new range's replica with its index.
    assertArrayEquals(b("m"), directory.map().byId(RANGE).end());
    assertNotNull(directory.map().byId(RIGHT));
    assertEquals(RANGE, directory.parentOf(RIGHT));
    Routed wake = parent.elsewhere.expectMessageClass(Routed.class, WAIT);
    assertEquals(RIGHT, wake.range());
    assertEquals(0, wake.replica());
    assertInstanceOf(Wake.class, wake.message());
    ReplicaStatus status = parent.describe();
    assertEquals(1, status.generation());
    assertArrayEquals(b("m"), status.end());

    // The new range's replica on this node copies the hand-off (no peer), then replays the split's
    // entry whole: the right side's writes after the split in that entry are its own.
    Replica right = new Replica(RIGHT, 0, 1, 1, settings(), REMOTE);
    ReplayFrom replay = right.expectFeed(0, ReplayFrom.class);
    assertEquals(1, replay.fromSeq(), "the hand-off stops before the split's entry");
    assertEquals(RIGHT, replay.range());
    right.ref.tell(entry1);
    right.ref.tell(new CloseThrough(0, 1, c2, right.journal(0).ref(), replay.replayId()));
    right.assertValue("x1", "x", c2);
    right.assertValue("z2", "z", c2);
    right.assertMoved("a", c2);
    right.assertMoved("b", c2);

    // Later entries: each replica keeps its own side; the hand-off stays as of the split.
    long c3 = hlc.now();
    Apply later = new Apply(0, 2, List.of(new CommittedWrites(c3, List.of(w("c", "c3"), w("y", "y3")))), c3);
    parent.ref.tell(later);
    right.ref.tell(later);
    right.assertValue("y3", "y", c3);
    right.assertValue("x1", "x", c3);
    parent.assertValue("c3", "c", c3);
    parent.assertMoved("y", c3);
    assertNull(store.get(keySpace(0), b("y"), c3), "the split-off keys are frozen here as of the split");
    right.elsewhere.expectNoMessage(QUIET);
    right.peers.get(0).expectNoMessage(Duration.ZERO);
  }

  @Test
  void itGivesTheHandoffOfARangeSplitOffItAtTheSplitsPositionsAndRefusesRangesItHoldsNothingFor() {
    Replica parent = new Replica(0, 1, 1, settings());
    parent.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    long c2 = hlc.now();
    parent.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("a", "a1"), w("x", "x1"))),
        change(c1, splitAt("m"))), c1));
    parent.ref.tell(new Apply(0, 2, List.of(new CommittedWrites(c2, List.of(w("b", "b2"), w("y", "y2")))), c2));
    parent.assertValue("b2", "b", c2);

    List<SnapshotPage> handoff = parent.snapshotOf(RIGHT, 42);
    SnapshotPage last = handoff.get(handoff.size() - 1);
    assertTrue(last.done());
    assertFalse(last.refused());
    for (SnapshotPage p : handoff) {
      assertEquals(RANGE, p.fromRange());
      assertEquals(0, p.fromReplica());
      assertArrayEquals(new long[] {0}, p.positions(), "as of the entry before the split's, not the replica's position");
    }
    int copy = installed("handoff", handoff);
    assertArrayEquals(b("x1"), store.get(copy, b("x"), c2));
    assertNull(store.get(copy, b("a"), c2), "only the split-off keys");
    assertNull(store.get(copy, b("y"), c2), "nothing written after the split");

    // Its own range's snapshot is the left side at its own position.
    List<SnapshotPage> own = parent.snapshotOf(RANGE, 43);
    assertArrayEquals(new long[] {2}, own.get(own.size() - 1).positions());
    int left = installed("left", own);
    assertArrayEquals(b("a1"), store.get(left, b("a"), c2));
    assertArrayEquals(b("b2"), store.get(left, b("b"), c2));
    assertNull(store.get(left, b("x"), c2));

    List<SnapshotPage> unknown = parent.snapshotOf(12345, 44);
    assertTrue(unknown.get(0).refused(), "no hand-off for that range here");
  }

  @Test
  void itsReportsStayAtTheHandoffsPositionsUntilTheSplitOffRangeHoldsItsDataThenTheHandoffGoes() {
    Replica parent = new Replica(0, 1, 1, settings("opendsql.storage.applied-report-interval = 100ms"));
    parent.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    parent.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("x", "x1"))),
        change(c1, splitAt("m"))), c1));
    long c3 = 0;
    for (long seq = 2; seq <= 3; seq++) {
      c3 = hlc.now();
      parent.ref.tell(new Apply(0, seq, List.of(txn(c3, "a", "a" + seq)), c3));
    }
    // The hand-off is as of the entry before the split's: nothing can be reported past it.
    parent.journal(0).expectNoMessage(QUIET);
    assertEquals(3, store.appliedPosition(keySpace(0), 0), "applied through 3, none of it reported");

    parent.ref.tell(new HandoffTaken(RIGHT));
    assertEquals(3, parent.expectFeed(0, ReportApplied.class).seq(), "released, the journal may let entries go");
    assertTrue(parent.snapshotOf(RIGHT, 1).get(0).refused(), "the hand-off is gone");
    assertNull(store.get(keySpace(0), b("x"), c3), "with its data");
    parent.assertValue("a3", "a", c3);
  }

  @Test
  void aReplicaStartedFromAHandoffTellsEveryReplicaOfTheParentOnceItHoldsTheDataDurably() {
    Replica parent = new Replica(0, 3, 1, settings());
    parent.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    parent.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("x", "x1"))),
        change(c1, splitAt("m"))), c1));
    parent.assertMoved("x", c1);

    Replica right = new Replica(RIGHT, 0, 3, 1, settings("opendsql.storage.applied-report-interval = 100ms"), REMOTE);
    ReplayFrom replay = right.expectFeed(0, ReplayFrom.class);
    assertEquals(1, replay.fromSeq());
    right.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("x", "x1"))), change(c1, splitAt("m"))), c1));
    right.ref.tell(new CloseThrough(0, 1, c1, right.journal(0).ref(), replay.replayId()));
    List<Routed> notices = right.elsewhere.receiveSeveralMessages(3, WAIT);
    for (int k = 0; k < 3; k++) {
      assertEquals(new Routed(RANGE, k, new HandoffTaken(RIGHT)), notices.get(k));
    }
    right.elsewhere.expectNoMessage(QUIET);
    assertEquals(new ReportApplied(RIGHT, 0, 1, right.ref), right.expectFeed(0, ReportApplied.class),
        "the copied position is reported like an applied one");

    // The parent, told, lets the hand-off go.
    parent.ref.tell(notices.get(0).message());
    assertTrue(parent.snapshotOf(RIGHT, 1).get(0).refused());
  }

  @Test
  void aHandoffWhoseNoticeCameBeforeTheSplitIsReleasedByAskingTheNewRangeAgain() {
    Replica parent = new Replica(0, 2, 1, settings("opendsql.storage.applied-report-interval = 100ms\n"
        + "opendsql.storage.position-poll-interval = 100ms"));
    parent.endStartupReplays(hlc.now());
    // The new range's replica copied another parent replica's hand-off and said so before this
    // one applied the split: nothing to release yet.
    parent.ref.tell(new HandoffTaken(RIGHT));
    long c1 = hlc.now();
    parent.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("x", "x1"))),
        change(c1, splitAt("m"))), c1));
    parent.assertMoved("x", c1);

    // It asks each replica of the new range, again and again, until one answers.
    java.util.Set<Integer> asked = new java.util.HashSet<>();
    for (int i = 0; i < 6; i++) {
      Routed r = parent.elsewhere.receiveMessage(WAIT);
      if (r.message() instanceof CheckHandoff check) {
        assertEquals(RIGHT, r.range());
        assertEquals(new CheckHandoff(RANGE, 0), check);
        asked.add(r.replica());
      }
    }
    assertEquals(java.util.Set.of(0, 1), asked, "both replicas of the new range asked, more than once");
    assertFalse(parent.snapshotOf(RIGHT, 1).get(0).refused(), "still held");
    parent.ref.tell(new HandoffTaken(RIGHT));
    assertTrue(parent.snapshotOf(RIGHT, 2).get(0).refused(), "released once told");
  }

  @Test
  void aNewRangesReplicaAnswersTheParentsQuestionOnlyOnceItsDataIsDurable() {
    Replica parent = new Replica(0, 3, 1, settings());
    parent.endStartupReplays(hlc.now());
    long c0 = hlc.now();
    parent.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c0, List.of(w("x", "x1"))),
        change(c0, splitAt("m"))), c0));
    parent.assertMoved("x", c0);

    Replica right = new Replica(RIGHT, 0, 3, 1, settings("opendsql.storage.applied-report-interval = 100ms"), REMOTE);
    ReplayFrom replay = right.expectFeed(0, ReplayFrom.class);
    right.ref.tell(new CheckHandoff(RANGE, 2));
    right.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c0, List.of(w("x", "x1"))), change(c0, splitAt("m"))), c0));
    right.ref.tell(new CloseThrough(0, 1, c0, right.journal(0).ref(), replay.replayId()));
    List<Routed> notices = right.elsewhere.receiveSeveralMessages(3, WAIT);
    for (int k = 0; k < 3; k++) {
      assertEquals(new Routed(RANGE, k, new HandoffTaken(RIGHT)), notices.get(k), "asked too early: no answer then");
    }
    right.elsewhere.expectNoMessage(QUIET);
    right.ref.tell(new CheckHandoff(RANGE, 2));
    assertEquals(new Routed(RANGE, 2, new HandoffTaken(RIGHT)), right.elsewhere.receiveMessage(WAIT));
  }

  @Test
  void aSplitOfAnotherRangeOrOfAnotherGenerationLeavesItsBoundsAlone() {
    Replica replica = new Replica(0, 1, 1, settings());
    replica.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(
        change(c1, new RangeChange.Split(RANGE + 5, 0, b("m"), RIGHT, 0)),
        change(c1, new RangeChange.Split(RANGE, 3, b("m"), RIGHT + 1, 0)),
        new CommittedWrites(c1, List.of(w("x", "x1")))), c1));
    replica.assertValue("x1", "x", c1);
    assertEquals(0, replica.describe().generation());
    assertNull(replica.describe().end());
    replica.elsewhere.expectNoMessage(QUIET);
  }

  @Test
  void aRestartedReplicaKeepsTheBoundsAndTheHandoffOfASplitItAppliedWhateverTheDirectorySays() {
    Replica before = new Replica(0, 1, 1, settings());
    before.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    before.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("a", "a1"), w("x", "x1"))),
        change(c1, splitAt("m"))), c1));
    before.assertMoved("x", c1);
    before.stop();

    // A node that restarted has not read the split from the journals yet.
    directory = new LiveDirectory(RangeMap.initial());
    Replica after = new Replica(0, 1, 1, settings());
    ReplayFrom replay = after.expectFeed(0, ReplayFrom.class);
    assertEquals(2, replay.fromSeq());
    after.assertMoved("x", c1);
    after.ref.tell(new CloseThrough(0, 1, c1, after.journal(0).ref(), replay.replayId()));
    after.assertValue("a1", "a", c1);
    ReplicaStatus status = after.describe();
    assertEquals(1, status.generation());
    assertArrayEquals(b("m"), status.end());
    assertTrue(status.serving());
    List<SnapshotPage> handoff = after.snapshotOf(RIGHT, 5);
    assertFalse(handoff.get(0).refused(), "the hand-off survived the restart");
    assertArrayEquals(b("x1"), store.get(installed("handoff", handoff), b("x"), c1));
  }

  @Test
  void aNewReplicaWhoseRangeTheDirectoryDoesNotKnowAsksForARefreshAndStartsOnceItLearnsIt() {
    Replica right = new Replica(RIGHT, 0, 1, 1, settings(), REMOTE);
    await("a directory refresh is asked for").atMost(WAIT).until(() -> right.directoryRefreshes.get() > 0);
    assertEquals(ReadResult.catchingUp(), right.readAsync("x", hlc.now(), true).receiveMessage(WAIT),
        "without its bounds it has nothing to serve");
    right.journal(0).expectNoMessage(QUIET);

    directory.offer(splitAt("m"));
    ReplayFrom replay = right.expectFeed(0, ReplayFrom.class);
    assertEquals(1, replay.fromSeq(), "no copy on this node: the journal from its start");
    assertEquals(RANGE, directory.parentOf(RIGHT));
    right.assertMoved("a", hlc.now());
    assertArrayEquals(b("m"), right.describe().start());
  }

  @Test
  void itsFirstReplicaAsksForASplitAtAKeyInsideItOncePerGenerationWhenItPassesThePolicy() {
    Replica replica = new Replica(0, 1, 1,
        settings("opendsql.storage.split { max-keys = 3, check-interval = 50ms }"));
    replica.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    replica.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1,
        List.of(w("a", "1"), w("b", "2"), w("c", "3"), w("d", "4")))), c1));
    SplitAsked ask = replica.splitAsks.receiveMessage(WAIT);
    assertEquals(RANGE, ask.range());
    assertEquals(0, ask.generation());
    assertTrue(Arrays.compareUnsigned(ask.at(), b("a")) > 0 && Arrays.compareUnsigned(ask.at(), b("d")) <= 0,
        "strictly inside, with keys on both sides: " + new String(ask.at(), StandardCharsets.UTF_8));
    replica.splitAsks.expectNoMessage(QUIET);
  }

  @Test
  void aProposedSplitComesFromTheRangesDataAndNoneIsProposedWhileItCatchesUp() {
    Replica replica = new Replica(0, 1, 1, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    TestProbe<SplitProposal> proposals = kit.createTestProbe(SplitProposal.class);
    replica.ref.tell(new ProposeSplit(proposals.ref()));
    assertNull(proposals.receiveMessage(WAIT).at(), "replaying: it does not know its data yet");

    long c1 = hlc.now();
    replica.ref.tell(new CloseThrough(0, 0, c1, replica.journal(0).ref(), startup.replayId()));
    replica.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1,
        List.of(w("a", "1"), w("b", "2"), w("c", "3"), w("d", "4")))), c1));
    replica.assertValue("4", "d", c1);
    replica.ref.tell(new ProposeSplit(proposals.ref()));
    SplitProposal p = proposals.receiveMessage(WAIT);
    assertEquals(RANGE, p.range());
    assertEquals(0, p.generation());
    assertNotNull(p.at());
    assertTrue(new RangeDesc(RANGE, RangeDesc.MIN, null, 0, 0).contains(p.at()));
    assertTrue(Arrays.compareUnsigned(p.at(), b("a")) > 0 && Arrays.compareUnsigned(p.at(), b("d")) <= 0);
  }

  @Test
  void aRightSideWriteAfterTheSplitInTheSameEntryReachesTheNewRange() {
    Replica parent = new Replica(0, 1, 1, settings());
    parent.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    long c2 = hlc.now();
    parent.ref.tell(new Apply(0, 1, List.of(change(c1, splitAt("m")),
        new CommittedWrites(c2, List.of(w("y", "y2")))), c2));
    parent.assertMoved("y", c2);

    Replica right = new Replica(RIGHT, 0, 1, 1, settings(), REMOTE);
    ReplayFrom replay = right.expectFeed(0, ReplayFrom.class);
    right.ref.tell(new CloseThrough(0, replay.fromSeq() - 1, c2, right.journal(0).ref(), replay.replayId()));
    if (replay.fromSeq() <= 1) {
      right.ref.tell(new Apply(0, 1, List.of(change(c1, splitAt("m")), new CommittedWrites(c2, List.of(w("y", "y2")))),
          c2));
    }
    right.assertValue("y2", "y", c2);
  }

  @Test
  void aTruncationOfOneJournalIsRepairedFromALocalCopyFarEnoughAlongOnThatJournal() {
    Replica first = new Replica(0, 3, 2, settings());
    first.endStartupReplays(hlc.now());
    first.stop();
    long c1 = hlc.now();
    // Replica 2's copy: far along on journal 0, little on journal 1 (whose entries are all kept).
    store.applyAll(keySpace(2), 0, List.of(new MvccStore.Commit(c1, List.of(w("k", "v")))), 12);
    store.applyAll(keySpace(2), 1, List.of(), 1);

    Replica replica = new Replica(0, 3, 2, settings());
    ReplayFrom startup = replica.expectFeed(0, ReplayFrom.class);
    replica.expectFeed(1, ReplayFrom.class);
    replica.ref.tell(new Truncation(0, 10, startup.replayId()));
    assertEquals(13, replica.expectFeed(0, ReplayFrom.class).fromSeq());
    replica.peers.get(1).expectNoMessage(QUIET);
    replica.peers.get(2).expectNoMessage(Duration.ZERO);
  }

  @Test
  void aReplicaThatDoesNotKnowItsBoundsYetKeepsAReadParkedWhenTheJournalsCloseIt() {
    Replica right = new Replica(RIGHT, 0, 1, 1, settings(), REMOTE);
    long ts = hlc.now();
    TestProbe<ReadResult> reader = right.readAsync("x", ts, false);
    right.journal(0).expectMessageClass(AdvanceClosed.class, WAIT);
    right.ref.tell(new CloseThrough(0, 0, ts, right.journal(0).ref(), 0));
    reader.expectNoMessage(QUIET);
    assertEquals(-1, right.describe().generation(), "still running, still without bounds");
  }

  @Test
  void aNewReplicaCopyingAReplicaPastASplitOfTheRangeTakesTheSplitsBoundsEvenIfTheDirectoryLags() {
    // Replica 1 of the range applied a split on this node.
    Replica earlier = new Replica(1, 2, 1, settings());
    earlier.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    earlier.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("a", "a1"), w("x", "x1"))),
        change(c1, splitAt("m"))), c1));
    earlier.assertMoved("x", c1);
    earlier.stop();

    // The node restarted: its directory has not read the split back yet when replica 0 is placed here.
    directory = new LiveDirectory(RangeMap.initial());
    Replica replica = new Replica(0, 2, 1, settings());
    ReplayFrom replay = replica.expectFeed(0, ReplayFrom.class);
    assertEquals(2, replay.fromSeq(), "it copied replica 1's key space, past the split");
    long c2 = hlc.now();
    replica.ref.tell(new CloseThrough(0, 1, c2, replica.journal(0).ref(), replay.replayId()));
    replica.assertValue("a1", "a", c2);
    replica.assertMoved("x", c2);
  }

  @Test
  void entriesNamingTheirPredecessorLetARangeSkipEntriesNotSentToItAndAClosedTimestampMovesItPastThem() {
    Replica replica = new Replica(0, 1, 1, settings());
    replica.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    // Entries 1 to 4 went to other ranges; entry 5 names 0 as the last one sent here.
    replica.ref.tell(new Apply(0, 5, 0, List.of(txn(c1, "a", "a5")), c1));
    replica.assertValue("a5", "a", c1);
    assertEquals(5, store.appliedPosition(keySpace(0), 0));
    // Entry 9 names 7, which never came: held, and a replay is asked for from 6.
    long c2 = hlc.now();
    replica.ref.tell(new Apply(0, 9, 7, List.of(txn(c2, "b", "b9")), c2));
    ReplayFrom replay = replica.expectFeed(0, ReplayFrom.class);
    assertEquals(6, replay.fromSeq());
    TestProbe<ReadResult> waiting = replica.readAsync("b", c2, false);
    waiting.expectNoMessage(QUIET);
    replica.ref.tell(new Apply(0, 7, 5, List.of(txn(c1, "c", "c7")), c1));
    assertArrayEquals(b("b9"), waiting.receiveMessage(WAIT).value(), "7 in, 9 follows it");
    // The journal closes through 20, the last entry sent here being 9: the replica stands at 20,
    // and entry 25, naming 9, applies at once with no replay.
    long c3 = hlc.now();
    replica.ref.tell(new CloseThrough(0, 20, 9, c3, replica.journal(0).ref(), 0));
    replica.assertValue("c7", "c", c3);
    long c4 = hlc.now();
    replica.ref.tell(new Apply(0, 25, 9, List.of(txn(c4, "d", "d25")), c4));
    replica.assertValue("d25", "d", c4);
    assertEquals(25, store.appliedPosition(keySpace(0), 0));
    for (FeedRequest m : drain(replica.journal(0))) {
      assertFalse(m instanceof ReplayFrom, "no replay asked after the first: " + m);
    }
  }

  @Test
  void aRangeWithoutWritesAsksEachJournalWhereItStandsAndReportsThePositionItMovesTo() {
    Replica replica = new Replica(0, 1, 1, settings("opendsql.storage.position-poll-interval = 100ms\n"
        + "opendsql.storage.applied-report-interval = 100ms"));
    replica.endStartupReplays(hlc.now());
    AdvanceClosed poll = replica.journal(0).fishForMessage(WAIT, "a poll", m -> m instanceof AdvanceClosed
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).stream()
        .filter(AdvanceClosed.class::isInstance).map(AdvanceClosed.class::cast).findFirst().orElseThrow();
    assertEquals(RANGE, poll.range());
    // Entries 1 to 30 went elsewhere: the answer moves the replica to 30, which it then reports.
    replica.ref.tell(new CloseThrough(0, 30, 0, hlc.now(), replica.journal(0).ref(), 0));
    replica.journal(0).fishForMessage(WAIT, "a report of entry 30", m -> m instanceof ReportApplied r && r.seq() == 30
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    assertEquals(30, store.appliedPosition(keySpace(0), 0), "made durable before it was reported");
  }

  /** What a probe received within the quiet period. */
  @Test
  void aNewRangesReplicaWokenBeforeItsParentHereAppliedTheSplitCopiesTheParentsKeysRatherThanReplayingEverything() {
    Replica parent = new Replica(0, 1, 1, settings());
    parent.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    parent.ref.tell(new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("a", "a1"), w("x", "x1")))), c1));
    parent.assertValue("x1", "x", c1);
    long cSplit = hlc.now();
    Apply split = new Apply(0, 2, List.of(change(cSplit, splitAt("m"))), cSplit);
    directory.offer(splitAt("m"));

    // The parent here has not applied the split: the new range copies its keys from the parent's
    // key space as of the parent's position, and replays from there (the split's entry included).
    Replica right = new Replica(RIGHT, 0, 1, 1, settings(), REMOTE);
    ReplayFrom replay = right.expectFeed(0, ReplayFrom.class);
    assertEquals(2, replay.fromSeq(), "from the parent's position on this node, not from the journal's start");
    right.ref.tell(split);
    right.ref.tell(new CloseThrough(0, 2, cSplit, right.journal(0).ref(), replay.replayId()));
    right.assertValue("x1", "x", cSplit);
    right.assertMoved("a", cSplit);
    parent.ref.tell(split);
    parent.assertMoved("x", cSplit);
  }

  // ------------------------------------------------------------------ merges

  @Test
  void aMergeLeavesTheRightRangesDataAsAHandoffThatTheLeftRangesReplicaTakesInThenItServesEveryTimestamp() {
    StorageSettings quick = settings("opendsql.storage { applied-report-interval = 100ms, position-poll-interval = 200ms }");
    directory.offer(splitAt("m"));
    Replica left = new Replica(RANGE, 0, 1, 1, quick, REMOTE);
    Replica right = new Replica(RIGHT, 0, 1, 1, quick, REMOTE);
    left.endStartupReplays(hlc.now());
    right.endStartupReplays(hlc.now());
    long c1 = hlc.now();
    Apply first = new Apply(0, 1, List.of(new CommittedWrites(c1, List.of(w("a", "a1"), w("x", "x1")))), c1);
    left.ref.tell(first);
    right.ref.tell(first);
    right.assertValue("x1", "x", c1);

    long cMerge = hlc.now();
    long c2 = hlc.now();
    RangeChange.Merge merge = new RangeChange.Merge(RANGE, 1, RIGHT, 1);
    Apply second = new Apply(0, 2, List.of(change(cMerge, merge),
        new CommittedWrites(c2, List.of(w("b", "b2"), w("y", "y2")))), c2);
    right.ref.tell(second);
    ReadResult moved = right.read("x", c1);
    assertEquals(merge, moved.moved().get(moved.moved().size() - 1), "the right range answers moved, by the merge");

    // The left range's replica copies the right range's hand-off, then replays the merge's entry.
    left.ref.tell(second);
    for (int page = 0; page < 2; page++) {
      Routed ask = left.elsewhere.receiveMessage(WAIT);
      assertEquals(RIGHT, ask.range());
      SendSnapshotPage request = assertInstanceOf(SendSnapshotPage.class, ask.message());
      assertEquals(RANGE, request.of(), "the hand-off kept for the left range");
      right.ref.tell(request);
    }
    ReplayFrom replay = left.expectFeed(0, ReplayFrom.class);
    assertEquals(2, replay.fromSeq(), "from the merge's entry, which it applies whole this time");
    left.ref.tell(second);
    left.ref.tell(new CloseThrough(0, 2, c2, left.journal(0).ref(), replay.replayId()));
    left.assertValue("a1", "a", c2);
    left.assertValue("x1", "x", c1);
    left.assertValue("x1", "x", c2);
    left.assertValue("y2", "y", c2);
    left.assertValue(null, "y", c1);
    ReplicaStatus status = left.describe();
    assertNull(status.end(), "its bounds reach the right range's end");
    assertEquals(2, status.generation());

    // The right replica asks the left range's replicas until each holds the data durably, then goes.
    Routed check = right.elsewhere.receiveMessage(WAIT);
    assertEquals(RANGE, check.range());
    CheckAbsorbed question = assertInstanceOf(CheckAbsorbed.class, check.message());
    Routed answer = null;
    for (int i = 0; i < 50 && answer == null; i++) {
      left.ref.tell(question);
      Routed r = null;
      try {
        r = left.elsewhere.receiveMessage(Duration.ofMillis(200));
      } catch (AssertionError quiet) {
        // Not durable yet: it ignores the question until it is.
      }
      if (r != null && r.message() instanceof Absorbed) answer = r;
    }
    assertNotNull(answer, "the left replica answers once its copy is durable");
    assertEquals(new Routed(RIGHT, 0, new Absorbed(RANGE, 0)), answer);
    assertTrue(right.passivated.isEmpty());
    right.ref.tell((Absorbed) answer.message());
    await().atMost(WAIT).until(() -> !right.passivated.isEmpty());
    assertNull(store.get(space(RIGHT, 0), b("x"), c1), "its copy is gone");
    left.assertValue("x1", "x", c1);
  }

  @Test
  void aReplicaOfARangeMergedAwayThatIsStartedAgainStopsForGood() {
    directory.offer(splitAt("m"));
    directory.offer(new RangeChange.Merge(RANGE, 1, RIGHT, 1));
    Replica stale = new Replica(RIGHT, 0, 1, 1, settings(), REMOTE);
    await().atMost(WAIT).until(() -> !stale.passivated.isEmpty());
  }

  private static <T> List<T> drain(TestProbe<T> probe) {
    List<T> seen = new ArrayList<>();
    while (true) {
      try {
        seen.add(probe.receiveMessage(QUIET));
      } catch (AssertionError timeout) {
        return seen;
      }
    }
  }
}
