package org.opendsql.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.core.time.Hlc;
import org.opendsql.core.error.SqlState;
import org.opendsql.journal.protocol.FeedRoutes;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.journal.protocol.JournalProtocol.Append;
import org.opendsql.journal.protocol.JournalProtocol.AppendOutcome;
import org.opendsql.journal.protocol.JournalProtocol.BatchCommitted;
import org.opendsql.journal.protocol.JournalProtocol.Command;
import org.opendsql.journal.protocol.JournalProtocol.CommittedTxn;
import org.opendsql.journal.protocol.JournalProtocol.DirectoryChanges;
import org.opendsql.journal.protocol.JournalProtocol.Fence;
import org.opendsql.journal.protocol.JournalProtocol.FenceReceipt;
import org.opendsql.journal.protocol.JournalProtocol.FromReplica;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;
import org.opendsql.journal.protocol.JournalProtocol.ReadDirectory;
import org.opendsql.persistence.journal.JournalEvent;
import org.opendsql.persistence.journal.JournalStores;
import org.opendsql.storage.protocol.StorageProtocol;
import org.opendsql.storage.protocol.StorageProtocol.AdvanceClosed;
import org.opendsql.storage.protocol.StorageProtocol.Apply;
import org.opendsql.storage.protocol.StorageProtocol.CloseExcept;
import org.opendsql.storage.protocol.StorageProtocol.CloseThrough;
import org.opendsql.storage.protocol.StorageProtocol.CommittedWrites;
import org.opendsql.storage.protocol.StorageProtocol.ReplayFrom;
import org.opendsql.storage.protocol.StorageProtocol.ReportApplied;
import org.opendsql.storage.protocol.StorageProtocol.Truncation;

/**
 * The journal as an actor on the real journal plugin (RocksDB in a temp directory, through {@link
 * GatedJournalStore} so that a test can hold a write in flight): appends and fences in, outcomes,
 * receipts and the crossbar's deliveries to probes standing in for every storage replica out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalBehaviorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** How long a test watches for something that must not happen. */
  private static final Duration QUIET = Duration.ofMillis(300);
  /** How long after one replica has an entry any other replica it was sent to has it too. */
  private static final Duration SETTLE = Duration.ofMillis(150);
  /** Long, so that no renewal batch comes unasked while a test counts entries. */
  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final JournalSettings SETTINGS =
      new JournalSettings(LEASE, 256, 10_000, Long.MAX_VALUE, Duration.ofMillis(10), Duration.ofMillis(100));

  private final AtomicInteger ids = new AtomicInteger(10);
  private final List<Path> dirs = new ArrayList<>();
  private final List<Fixture> started = new ArrayList<>();
  private ActorTestKit kit;

  private static Config config(Path dir) {
    return ConfigFactory.parseString(
            "opendsql.serialization.registrar = \"" + JournalTestRegistrar.class.getName() + "\"\n"
                + "opendsql.journal.dir = \"" + dir.toString().replace("\\", "/") + "\"\n"
                + "opendsql.journal.store-factory = \"" + GatedJournalStore.Factory.class.getName() + "\"\n")
        .withFallback(ConfigFactory.load());
  }

  private Path newDir() throws IOException {
    Path dir = Files.createTempDirectory("journal-behavior");
    dirs.add(dir);
    return dir;
  }

  @BeforeAll
  void startKit() throws IOException {
    kit = ActorTestKit.create("journal-behavior", config(newDir()));
  }

  @AfterEach
  void stopJournals() {
    GatedJournalStore.releaseAll();
    for (Fixture f : started) {
      if (f.kit == kit) kit.stop(f.journal, WAIT);
    }
    started.clear();
  }

  @AfterAll
  void stopKit() throws IOException {
    kit.shutdownTestKit();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Keys starting with 'a' fall in range 0, with 'b' in range 1 (the fixture's directory is cut at "b"). */
  private static Write w(String key, String value) {
    return new Write(b(key), b(value));
  }

  /** An epoch above every fence a test raises: a decision by incarnations nobody fenced. */
  private static final long CURRENT = 1_000;

  private static List<RangeEpoch> epochs(long epoch) {
    return List.of(new RangeEpoch(0, epoch), new RangeEpoch(1, epoch));
  }

  /**
   * A journal under test, its local view, this node's directory (ranges cut at "b", "c", ...,
   * numbered 0.. from the left), and a probe per storage replica slot of every range the directory
   * holds (made on first use, so a range a split adds gets its own).
   */
  private final class Fixture {
    final ActorTestKit kit;
    final int id;
    final String persistenceId;
    final Hlc hlc;
    final LocalJournalState local;
    final LiveDirectory directory;
    final int replicasPerRange;
    final Map<Long, List<TestProbe<StorageProtocol.Command>>> replicas = new ConcurrentHashMap<>();
    final ActorRef<Command> journal;
    /** Later entries a replica got while a test looked for an earlier one elsewhere, by probe. */
    final Map<TestProbe<StorageProtocol.Command>, java.util.Deque<Apply>> later = new java.util.IdentityHashMap<>();

    Fixture(ActorTestKit kit, int id, Hlc hlc, JournalSettings settings, int ranges, int replicasPerRange) {
      this.kit = kit;
      this.id = id;
      this.persistenceId = JournalLog.persistenceId(Integer.toString(id));
      this.hlc = hlc;
      this.replicasPerRange = replicasPerRange;
      List<byte[]> cuts = new ArrayList<>();
      for (int r = 1; r < ranges; r++) cuts.add(new byte[] {(byte) ('a' + r)});
      this.directory = new LiveDirectory(RangeMap.presplit(cuts, 1));
      FeedRoutes routes = new FeedRoutes() {
        @Override
        public LiveDirectory directory() {
          return directory;
        }

        @Override
        public int replicasPerRange() {
          return replicasPerRange;
        }

        @Override
        public void tellReplica(long range, int replica, StorageProtocol.Command message) {
          replica(range, replica).ref().tell(message);
        }
      };
      local = new LocalJournalState(Hlc.fromMicros(settings.lease().toNanos() / 1000));
      journal = kit.spawn(Journal.create(Integer.toString(id), settings, hlc, new Crossbar(routes), local));
      started.add(this);
    }

    Fixture(JournalSettings settings) {
      this(JournalBehaviorTest.this.kit, ids.incrementAndGet(), new Hlc(), settings, 2, 1);
    }

    Fixture() {
      this(SETTINGS);
    }

    TestProbe<StorageProtocol.Command> replica(long range, int replica) {
      return replicas.computeIfAbsent(range, r -> {
        List<TestProbe<StorageProtocol.Command>> slots = new ArrayList<>();
        for (int k = 0; k < replicasPerRange; k++) slots.add(kit.createTestProbe(StorageProtocol.Command.class));
        return List.copyOf(slots);
      }).get(replica);
    }

    /** Every replica slot of every range this node's directory holds now, by range order then replica. */
    List<TestProbe<StorageProtocol.Command>> slots() {
      List<TestProbe<StorageProtocol.Command>> out = new ArrayList<>();
      for (RangeDesc r : directory.map().ranges()) {
        for (int k = 0; k < replicasPerRange; k++) out.add(replica(r.id(), k));
      }
      return out;
    }

    /**
     * The Apply for entry {@code seq}, by range: every replica of each of {@code ranges} gets one
     * (the same for the replicas of a range, one closed timestamp for the whole entry), and no
     * replica of any other range of the directory gets anything.
     */
    Map<Long, Apply> expectEntry(long seq, long... ranges) {
      Map<Long, Apply> out = new LinkedHashMap<>();
      Long closed = null;
      for (long r : ranges) {
        Apply first = null;
        for (int k = 0; k < replicasPerRange; k++) {
          TestProbe<StorageProtocol.Command> probe = replica(r, k);
          java.util.Deque<Apply> held = later.get(probe);
          Apply a = held != null && !held.isEmpty() ? held.poll() : probe.expectMessageClass(Apply.class, WAIT);
          assertEquals(id, a.journal());
          assertEquals(seq, a.seq(), "entry number at range " + r);
          if (closed == null) closed = a.closedTs();
          assertEquals(closed, a.closedTs(), "one closed timestamp per entry");
          if (first == null) {
            first = a;
          } else {
            assertEquals(first.prevSeq(), a.prevSeq(), "the replicas of range " + r + " get the same entry");
            assertEquals(describe(first), describe(a), "the replicas of range " + r + " get the same entry");
          }
        }
        out.put(r, first);
      }
      expectNothingOutside(seq, out.keySet());
      return out;
    }

    /**
     * No replica of a range outside {@code touched} got entry {@code seq} or any before it: one
     * delivery tells every replica at once, so by the time the touched ones have theirs a short
     * wait shows any other. A later entry that already arrived is kept for {@link #expectEntry}.
     */
    void expectNothingOutside(long seq, Set<Long> touched) {
      try {
        Thread.sleep(SETTLE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      for (RangeDesc r : directory.map().ranges()) {
        if (touched.contains(r.id())) continue;
        for (int k = 0; k < replicasPerRange; k++) {
          TestProbe<StorageProtocol.Command> probe = replica(r.id(), k);
          java.util.Deque<Apply> held = later.computeIfAbsent(probe, p -> new java.util.ArrayDeque<>());
          for (Apply a : held) assertTrue(a.seq() > seq, "range " + r.id() + " got entry " + a.seq());
          for (StorageProtocol.Command c : drain(probe)) {
            assertTrue(c instanceof Apply a && a.seq() > seq,
                "range " + r.id() + " touched by no write of entry " + seq + " got " + c);
            held.add((Apply) c);
          }
        }
      }
    }

    /** Whatever {@code probe} holds now. */
    private List<StorageProtocol.Command> drain(TestProbe<StorageProtocol.Command> probe) {
      List<StorageProtocol.Command> out = new ArrayList<>();
      while (true) {
        try {
          out.add(probe.receiveMessage(Duration.ofMillis(20)));
        } catch (AssertionError none) {
          return out;
        }
      }
    }

    /**
     * Waits for the claim (the incarnation's first entry, written before anything else): it
     * carries no transaction, so it touches no range and is sent nowhere; once it is durable the
     * incarnation is active and the ranges it knows stand at the entry before it.
     */
    void awaitClaim(long seq) {
      await("the claim at entry " + seq + " is durable and its incarnation active").atMost(WAIT)
          .until(() -> local.settledAt(0, seq - 1, hlc.now()));
      List<JournalEvent> log = events(seq);
      assertEquals(seq, log.get(0).seqNr(), "the claim's entry number");
      assertTrue(((BatchCommitted) log.get(0).payload()).txns().isEmpty(), "the claim carries no transaction");
    }

    void expectNoDelivery() {
      for (java.util.Deque<Apply> held : later.values()) assertTrue(held.isEmpty(), () -> "delivered: " + held);
      for (TestProbe<StorageProtocol.Command> p : slots()) p.expectNoMessage(QUIET);
    }

    TestProbe<AppendOutcome> append(long txnId, List<RangeEpoch> epochs, Write... writes) {
      return append(txnId, epochs, List.of(writes), List.of());
    }

    TestProbe<AppendOutcome> append(long txnId, List<RangeEpoch> epochs, List<Write> writes,
        List<RangeChange> changes) {
      TestProbe<AppendOutcome> session = kit.createTestProbe(AppendOutcome.class);
      long tauStart = hlc.now();
      journal.tell(new Append(txnId, tauStart, tauStart + Hlc.fromMicros(60_000_000), epochs, writes, changes,
          session.ref()));
      return session;
    }

    /** Commits a directory change, decided like a transaction with no writes. */
    AppendOutcome change(long txnId, RangeChange change) {
      AppendOutcome o = append(txnId, epochs(CURRENT), List.of(), List.of(change)).receiveMessage(WAIT);
      assertNull(o.error(), () -> "refused: " + o.error().getMessage());
      return o;
    }

    DirectoryChanges readDirectory(int from) {
      TestProbe<DirectoryChanges> reader = kit.createTestProbe(DirectoryChanges.class);
      journal.tell(new ReadDirectory(from, reader.ref()));
      return reader.receiveMessage(WAIT);
    }

    AppendOutcome commit(long txnId, Write... writes) {
      AppendOutcome o = append(txnId, epochs(CURRENT), writes).receiveMessage(WAIT);
      assertNull(o.error(), () -> "refused: " + o.error().getMessage());
      return o;
    }

    FenceReceipt fence(int range, long epoch) {
      TestProbe<FenceReceipt> adjudicator = kit.createTestProbe(FenceReceipt.class);
      journal.tell(new Fence(range, epoch, adjudicator.ref()));
      return adjudicator.receiveMessage(WAIT);
    }

    List<JournalEvent> events(long from) {
      return JournalStores.get(kit.system()).readEvents(persistenceId, from, 1000);
    }
  }

  /** An entry as text (commit timestamps, writes, directory changes), to compare copies of it. */
  private static List<String> describe(Apply a) {
    List<String> out = new ArrayList<>();
    for (CommittedWrites t : a.txns()) out.add(describe(t.commitTs(), t.writes(), t.changes()));
    return out;
  }

  /** A durable entry as text, whole, as {@link #describe(Apply)} writes it. */
  private static List<String> describe(BatchCommitted batch) {
    List<String> out = new ArrayList<>();
    for (CommittedTxn t : batch.txns()) out.add(describe(t.commitTs(), t.writes(), t.changes()));
    return out;
  }

  private static String describe(long commitTs, List<Write> writes, List<? extends RangeChange> changes) {
    StringBuilder sb = new StringBuilder().append(commitTs);
    for (Write w : writes) {
      sb.append(' ').append(new String(w.key(), StandardCharsets.UTF_8)).append('=')
          .append(w.value() == null ? "<deleted>" : new String(w.value(), StandardCharsets.UTF_8));
    }
    for (RangeChange c : changes) sb.append(' ').append(c);
    return sb.toString();
  }

  private static List<Long> commitTimestamps(Apply a) {
    return a.txns().stream().map(CommittedWrites::commitTs).toList();
  }

  /** Entry {@code seq} as the log holds it. */
  private static BatchCommitted durable(Fixture f, long seq) {
    List<JournalEvent> log = f.events(seq);
    assertEquals(seq, log.get(0).seqNr());
    return (BatchCommitted) log.get(0).payload();
  }

  /** Range 1 (keys from "b") split at "bm": the right part becomes range {@code rightId}. */
  private static RangeChange.Split splitRange1(long rightId) {
    return new RangeChange.Split(1, 0, b("bm"), rightId, 0);
  }

  private static void assertChanges(List<? extends RangeChange> expected, List<? extends RangeChange> actual) {
    assertEquals(expected.stream().map(Object::toString).toList(), actual.stream().map(Object::toString).toList());
  }

  private static void assertWrites(List<Write> expected, CommittedWrites actual) {
    assertEquals(expected.size(), actual.writes().size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).key(), actual.writes().get(i).key());
      assertArrayEquals(expected.get(i).value(), actual.writes().get(i).value());
    }
  }

  private static void assertRefused(String sqlState, AppendOutcome o) {
    assertNotNull(o.error(), "the append must be refused");
    assertEquals(sqlState, o.error().state().code(), o.error().getMessage());
    assertEquals(0, o.commitTs());
  }

  @Test
  void itsFirstEntryIsAClaimThatTouchesNoRangeAfterWhichReplicasAtTheStartAreSettledLocallyAndClosedThroughIt() {
    Fixture f = new Fixture(kit, ids.incrementAndGet(), new Hlc(), SETTINGS, 2, 2);
    f.awaitClaim(1);
    f.expectNoDelivery();
    assertEquals(1, f.events(1).size());
    long ts = f.hlc.now();
    assertTrue(f.local.settledAt(0, 0, ts), "a replica at the start may close " + Hlc.toString(ts) + " locally");
    assertTrue(f.local.settledAt(1, 0, ts), "in every range this incarnation knew when it started");
    assertTrue(f.local.settledAt(1, 1, ts), "and so may one that a closed timestamp moved past the claim");
    assertFalse(f.local.settledAt(7, 1, ts), "not in a range this incarnation does not know");
    assertFalse(f.local.settledAt(0, 0, ts + Hlc.fromMicros(2 * LEASE.toNanos() / 1000)), "nor beyond the lease");

    // The claim's closed timestamp reaches a replica that asks: it names entry 0 as range 1's last.
    TestProbe<StorageProtocol.Command> incarnation = kit.createTestProbe(StorageProtocol.Command.class);
    long atLeast = f.hlc.now();
    f.journal.tell(new FromReplica(new AdvanceClosed(1, 1, atLeast, incarnation.ref())));
    CloseThrough close = incarnation.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(1, close.throughSeq());
    assertEquals(0, close.lastForRange(), "nothing was sent range 1 since the start");
    assertTrue(close.closedTs() > 0 && close.closedTs() >= atLeast, "the claim's lease lets it close what was asked");
  }

  @Test
  void anAppendIsAnsweredOnlyOnceDurableWithItsCommitTimestampAndTheCrossbarSendsEachRangeItsOwnWrites() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    assertTrue(f.local.settledAt(0, 1, f.hlc.now()), "idle after the claim: a replica past it is settled");
    GatedJournalStore.hold(f.persistenceId);
    Write a = w("a1", "x");
    Write b = w("b1", "y");
    long before = f.hlc.now();
    TestProbe<AppendOutcome> session = f.append(7, epochs(CURRENT), a, b);
    session.expectNoMessage(QUIET);
    f.expectNoDelivery();
    assertFalse(f.local.settledAt(0, 1, f.hlc.now()), "a batch is reserved: nothing is closed locally meanwhile");

    GatedJournalStore.release(f.persistenceId);
    AppendOutcome outcome = session.receiveMessage(WAIT);
    assertNull(outcome.error());
    assertEquals(7, outcome.txnId());
    assertTrue(outcome.commitTs() > before, "the commit timestamp is above the transaction's start");
    assertEquals(f.journal, outcome.journal(), "the outcome names the journal to address directly");

    Map<Long, Apply> delivered = f.expectEntry(2, 0, 1);
    for (Apply d : delivered.values()) {
      assertEquals(List.of(outcome.commitTs()), commitTimestamps(d));
      assertTrue(d.txns().get(0).changes().isEmpty());
      assertEquals(0, d.prevSeq(), "nothing was sent either range since the incarnation started after entry 0");
    }
    assertWrites(List.of(a), delivered.get(0L).txns().get(0));
    assertWrites(List.of(b), delivered.get(1L).txns().get(0));
    assertTrue(delivered.get(0L).closedTs() >= outcome.commitTs(), "the entry's closed timestamp covers its commit");

    BatchCommitted durable = durable(f, 2);
    assertEquals(1, durable.txns().size());
    assertEquals(outcome.commitTs(), durable.txns().get(0).commitTs());
    assertEquals(List.of(a, b).size(), durable.txns().get(0).writes().size(), "the log keeps the entry whole");
    long now = f.hlc.now();
    assertTrue(f.local.settledAt(0, 2, now));
    assertTrue(f.local.settledAt(1, 2, now));
    assertFalse(f.local.settledAt(0, 1, now), "a replica that has not applied the entry sent its range");
  }

  @Test
  void appendsArrivingWhileABatchIsWrittenShareTheNextBatch() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    TestProbe<AppendOutcome> first = f.append(1, epochs(CURRENT), w("a1", "1"));
    TestProbe<AppendOutcome> second = f.append(2, epochs(CURRENT), w("a2", "2"));
    TestProbe<AppendOutcome> third = f.append(3, epochs(CURRENT), w("b3", "3"), w("a3", "3"));
    GatedJournalStore.release(f.persistenceId);

    long c1 = first.receiveMessage(WAIT).commitTs();
    long c2 = second.receiveMessage(WAIT).commitTs();
    long c3 = third.receiveMessage(WAIT).commitTs();
    assertTrue(c1 < c2 && c2 < c3, "commit timestamps rise along the journal");

    assertEquals(List.of(c1), commitTimestamps(f.expectEntry(2, 0).get(0L)));
    Map<Long, Apply> shared = f.expectEntry(3, 0, 1);
    Apply left = shared.get(0L);
    assertEquals(List.of(c2, c3), commitTimestamps(left),
        "both appends that waited went into one entry, in arrival order");
    assertWrites(List.of(w("a2", "2")), left.txns().get(0));
    assertWrites(List.of(w("a3", "3")), left.txns().get(1));
    assertEquals(2, left.prevSeq());
    Apply right = shared.get(1L);
    assertEquals(List.of(c3), commitTimestamps(right),
        "range 1 gets only the transaction that wrote there, not the one that wrote only in range 0");
    assertWrites(List.of(w("b3", "3")), right.txns().get(0));
    assertEquals(0, right.prevSeq(), "entry 2 was not sent range 1");
    assertEquals(3, f.events(1).size(), "the claim and two batches");
  }

  @Test
  void aFenceIsAnsweredOnceDurableAndADecisionOfAnOlderIncarnationIsRefusedAndNeverDelivered() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    TestProbe<FenceReceipt> adjudicator = kit.createTestProbe(FenceReceipt.class);
    f.journal.tell(new Fence(0, 100, adjudicator.ref()));
    adjudicator.expectNoMessage(QUIET);
    // Decided by range 0's incarnation 50 while the fence is being written: refused all the same.
    TestProbe<AppendOutcome> stale = f.append(1, List.of(new RangeEpoch(0, 50), new RangeEpoch(1, 7)), w("a1", "old"));
    GatedJournalStore.release(f.persistenceId);

    assertEquals(new FenceReceipt(f.id, 0, 0, 100, List.of()), adjudicator.receiveMessage(WAIT));
    BatchCommitted fenceEntry = durable(f, 2);
    assertTrue(fenceEntry.txns().isEmpty(), "the fence's entry carries no transaction");
    assertEquals(List.of(new RangeEpoch(0, 100)), fenceEntry.fences());
    assertRefused("40001", stale.receiveMessage(WAIT));
    f.expectNoDelivery();

    AppendOutcome current = f.append(2, List.of(new RangeEpoch(0, 100), new RangeEpoch(1, 7)), w("a1", "new"))
        .receiveMessage(WAIT);
    assertNull(current.error());
    Apply delivered = f.expectEntry(3, 0).get(0L);
    assertEquals(List.of(current.commitTs()), commitTimestamps(delivered),
        "the refused decision took no entry and no place in one");
    assertWrites(List.of(w("a1", "new")), delivered.txns().get(0));
    assertEquals(0, delivered.prevSeq(), "the fence's entry, touching no range, was sent nowhere");
  }

  @Test
  void aFenceBelowTheOneInForceIsAnsweredWithTheHigherFenceAndTheHighestCommitTimestamp() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    assertEquals(100, f.fence(0, 100).fence());
    AppendOutcome committed = f.append(1, List.of(new RangeEpoch(0, 100)), w("a", "v")).receiveMessage(WAIT);
    FenceReceipt older = f.fence(0, 60);
    assertEquals(new FenceReceipt(f.id, 0, committed.commitTs(), 100, List.of()), older,
        "an incarnation with a lower epoch learns a newer one exists");
    assertEquals(new FenceReceipt(f.id, 1, committed.commitTs(), 60, List.of()), f.fence(1, 60),
        "ranges are fenced apart");
  }

  @Test
  void anAppendThatWouldCommitPastItsDeadlineIsRefused() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    TestProbe<AppendOutcome> session = kit.createTestProbe(AppendOutcome.class);
    long tauStart = f.hlc.now();
    f.journal.tell(new Append(1, tauStart, tauStart, epochs(CURRENT), List.of(w("a", "late")), List.of(),
        session.ref()));
    AppendOutcome o = session.receiveMessage(WAIT);
    assertRefused("40001", o);
    assertTrue(o.error().detail().contains("deadline"), o.error().detail());
    f.expectNoDelivery();
  }

  @Test
  void theReferenceACloseThroughCarriesTerminatesWithTheJournalSoReplicasForgetIt() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    TestProbe<StorageProtocol.Command> incarnation = kit.createTestProbe(StorageProtocol.Command.class);
    f.journal.tell(new FromReplica(new AdvanceClosed(0, 0, f.hlc.now(), incarnation.ref())));
    ActorRef<StorageProtocol.FeedRequest> journalRef = incarnation.expectMessageClass(CloseThrough.class, WAIT).journalRef();
    TestProbe<Object> watcher = kit.createTestProbe();
    kit.stop(f.journal, WAIT);
    // Replicas death-watch this reference (a message adapter, not the journal itself) to fall back to sharding.
    watcher.expectTerminated(journalRef, WAIT);
  }

  @Test
  void anIdleJournalAnswersAdvanceClosedAtOnceAndThenFeedsThatReplicaDirectly() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    TestProbe<StorageProtocol.Command> incarnation = kit.createTestProbe(StorageProtocol.Command.class);
    long atLeast = f.hlc.now();
    f.journal.tell(new FromReplica(new AdvanceClosed(0, 0, atLeast, incarnation.ref())));
    CloseThrough close = incarnation.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(f.id, close.journal());
    assertEquals(1, close.throughSeq());
    assertEquals(0, close.lastForRange(), "the claim was not sent range 0");
    assertEquals(0, close.replayId());
    assertTrue(close.closedTs() >= atLeast, "closed at least as far as asked");

    // The reference in the answer reaches the journal directly.
    long further = f.hlc.now();
    close.journalRef().tell(new AdvanceClosed(0, 0, further, incarnation.ref()));
    CloseThrough again = incarnation.expectMessageClass(CloseThrough.class, WAIT);
    assertTrue(again.closedTs() >= further);
    assertTrue(again.closedTs() >= close.closedTs(), "closed timestamps never move back");

    AppendOutcome o = f.commit(1, w("a", "v"), w("b", "v"));
    Apply direct = incarnation.expectMessageClass(Apply.class, WAIT);
    assertEquals(2, direct.seq());
    assertEquals(0, direct.prevSeq());
    assertEquals(o.commitTs(), direct.txns().get(0).commitTs());
    assertEquals(2, f.replica(1, 0).expectMessageClass(Apply.class, WAIT).seq(), "other ranges' replicas through the routes");
    f.replica(0, 0).expectNoMessage(QUIET);
  }

  @Test
  void anAdvanceDuringAWriteIsAnsweredRightAfterThatBatchsDelivery() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    TestProbe<AppendOutcome> session = f.append(1, epochs(CURRENT), w("a", "v"));
    TestProbe<StorageProtocol.Command> incarnation = kit.createTestProbe(StorageProtocol.Command.class);
    long atLeast = f.hlc.now();
    f.journal.tell(new FromReplica(new AdvanceClosed(0, 0, atLeast, incarnation.ref())));
    CloseExcept except = incarnation.expectMessageClass(CloseExcept.class, WAIT);
    assertEquals(2, except.inFlightSeq());
    assertEquals(List.of("a"), except.keys().stream().map(String::new).toList(), "the batch in flight writes a");
    incarnation.expectNoMessage(QUIET);

    GatedJournalStore.release(f.persistenceId);
    assertNull(session.receiveMessage(WAIT).error());
    Apply apply = incarnation.expectMessageClass(Apply.class, WAIT);
    assertEquals(2, apply.seq());
    assertTrue(apply.closedTs() >= atLeast, "the batch's closed timestamp covers the request");
    CloseThrough close = incarnation.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(2, close.throughSeq());
    assertEquals(2, close.lastForRange(), "the batch went to this range");
    assertEquals(apply.closedTs(), close.closedTs(), "the answer is the batch's closed timestamp");
    incarnation.expectNoMessage(QUIET);
  }

  @Test
  void aHandOffAnswersTheBatchInFlightRefusesWhatWaitsBehindItThenStops() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    TestProbe<AppendOutcome> inFlight = f.append(1, epochs(CURRENT), w("a", "1"));
    TestProbe<AppendOutcome> waiting = f.append(2, epochs(CURRENT), w("b", "2"));
    TestProbe<Object> watcher = kit.createTestProbe();
    f.journal.tell(new JournalProtocol.HandOff());
    AppendOutcome refused = waiting.receiveMessage(WAIT);
    assertEquals(SqlState.SERIALIZATION_FAILURE, refused.error().state(), "never written: the client retries");
    TestProbe<AppendOutcome> late = f.append(3, epochs(CURRENT), w("c", "3"));
    assertEquals(SqlState.SERIALIZATION_FAILURE, late.receiveMessage(WAIT).error().state());
    // A copy of the append in flight is not refused: the batch may be durable already.
    TestProbe<AppendOutcome> copy = f.append(1, epochs(CURRENT), w("a", "1"));
    copy.expectNoMessage(QUIET);
    inFlight.expectNoMessage(Duration.ZERO);

    GatedJournalStore.release(f.persistenceId);
    AppendOutcome committed = inFlight.receiveMessage(WAIT);
    assertNull(committed.error(), "the batch in flight is answered before the journal stops");
    f.expectEntry(2, 0);
    watcher.expectTerminated(f.journal, WAIT);
    assertEquals(1, f.events(2).size(), "only the batch in flight was written");
  }

  @Test
  void aCloseExceptTheBatchInFlightLiesBelowEveryLaterCommitAndAboveEveryCommitOfTheBatch() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    TestProbe<AppendOutcome> first = f.append(1, epochs(CURRENT), w("a", "1"), w("b", "1"));
    TestProbe<StorageProtocol.Command> asking = kit.createTestProbe(StorageProtocol.Command.class);
    long atLeast = f.hlc.now();
    f.journal.tell(new FromReplica(new AdvanceClosed(0, 0, atLeast, asking.ref())));
    CloseExcept except = asking.expectMessageClass(CloseExcept.class, WAIT);
    assertEquals(2, except.inFlightSeq());
    assertEquals(0, except.lastForRange(), "the claim was not sent range 0");
    assertEquals(Set.of("a", "b"), except.keys().stream().map(String::new).collect(java.util.stream.Collectors.toSet()));
    assertTrue(except.closedTs() >= atLeast, "closed at least as far as asked");
    // A commit that waits behind the batch in flight takes a timestamp above the close.
    TestProbe<AppendOutcome> second = f.append(2, epochs(CURRENT), w("c", "2"));

    GatedJournalStore.release(f.persistenceId);
    AppendOutcome one = first.receiveMessage(WAIT);
    assertNull(one.error());
    assertTrue(one.commitTs() <= except.closedTs(), "the batch in flight committed below the close");
    AppendOutcome two = second.receiveMessage(WAIT);
    assertNull(two.error());
    assertTrue(two.commitTs() > except.closedTs(), "nothing after the batch commits at or below the close");
  }

  @Test
  void noCloseExceptWhileTheBatchInFlightChangesTheDirectory() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    f.append(1, epochs(CURRENT), List.of(w("a", "1")), List.of(splitRange1(5)));
    TestProbe<StorageProtocol.Command> asking = kit.createTestProbe(StorageProtocol.Command.class);
    f.journal.tell(new FromReplica(new AdvanceClosed(0, 0, f.hlc.now(), asking.ref())));
    asking.expectNoMessage(QUIET);
    GatedJournalStore.release(f.persistenceId);
  }

  @Test
  void anAdvanceFromAReplicaOfAnUntouchedRangeIsAnsweredWithTheLastEntrySentThereEvenWhileABatchIsInFlight() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    f.commit(1, w("b1", "1"));
    f.expectEntry(2, 1);
    f.commit(2, w("a1", "1"));
    f.expectEntry(3, 0);

    TestProbe<StorageProtocol.Command> incarnation = kit.createTestProbe(StorageProtocol.Command.class);
    long atLeast = f.hlc.now();
    f.journal.tell(new FromReplica(new AdvanceClosed(1, 0, atLeast, incarnation.ref())));
    CloseThrough idle = incarnation.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(3, idle.throughSeq());
    assertEquals(2, idle.lastForRange(), "entry 3 went to range 0 only: range 1's last is entry 2");
    assertTrue(idle.closedTs() >= atLeast);

    // A batch that will not touch range 1 is being written: every key but its own is closed at
    // once; the whole close waits for its delivery.
    GatedJournalStore.hold(f.persistenceId);
    TestProbe<AppendOutcome> session = f.append(3, epochs(CURRENT), w("a2", "2"));
    long later = f.hlc.now();
    f.journal.tell(new FromReplica(new AdvanceClosed(1, 0, later, incarnation.ref())));
    CloseExcept except = incarnation.expectMessageClass(CloseExcept.class, WAIT);
    assertEquals(4, except.inFlightSeq());
    assertEquals(2, except.lastForRange(), "entry 3 went to range 0 only");
    assertEquals(List.of("a2"), except.keys().stream().map(String::new).toList());
    assertTrue(except.closedTs() >= later);
    incarnation.expectNoMessage(QUIET);

    GatedJournalStore.release(f.persistenceId);
    assertNull(session.receiveMessage(WAIT).error());
    Apply entry4 = f.expectEntry(4, 0).get(0L);
    CloseThrough waited = incarnation.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(4, waited.throughSeq(), "answered after entry 4 was delivered");
    assertEquals(2, waited.lastForRange(), "entry 4 went to range 0 only");
    assertEquals(entry4.closedTs(), waited.closedTs(), "the delivered batch's closed timestamp");
    assertTrue(waited.closedTs() >= later, "closed at least as far as asked");
    assertEquals(0, waited.replayId());
    incarnation.expectNoMessage(QUIET);
  }

  @Test
  void anAdvanceBeyondTheLeaseIsAnsweredAfterALeaseOnlyBatchAndLaterCommitsLieAboveIt() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    long atLeast = f.hlc.now() + Hlc.fromMicros(3 * LEASE.toNanos() / 1000);
    TestProbe<StorageProtocol.Command> asking = f.replica(0, 0);
    f.journal.tell(new FromReplica(new AdvanceClosed(0, 0, atLeast, asking.ref())));
    await("the lease-only batch is durable").atMost(WAIT).until(() -> f.events(2).size() == 1);
    BatchCommitted renewal = durable(f, 2);
    assertTrue(renewal.txns().isEmpty(), "a lease-only batch");
    assertTrue(renewal.lease() >= atLeast);

    // It touches no range, so no replica gets it: the replica that asked gets an answer instead.
    CloseThrough close = asking.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(2, close.throughSeq());
    assertEquals(0, close.lastForRange(), "neither the claim nor the renewal was sent range 0");
    assertTrue(close.closedTs() >= atLeast, "the answer closes the timestamp asked for");
    f.expectNoDelivery();

    AppendOutcome o = f.commit(1, w("a", "v"));
    assertTrue(o.commitTs() > close.closedTs(), "nothing commits at or below a published closed timestamp");
  }

  @Test
  void aReplayDeliversWholeEntriesToTheAskingReplicaOnlyThenACloseThroughCarryingTheReplayId() {
    Fixture f = new Fixture(new JournalSettings(LEASE, 1, 10_000, Long.MAX_VALUE, Duration.ofMillis(10),
        Duration.ofMillis(100)));
    f.awaitClaim(1);
    AppendOutcome first = f.commit(1, w("a1", "x"), w("b1", "y"));
    f.expectEntry(2, 0, 1);
    AppendOutcome second = f.commit(2, w("b2", "z"));
    long closedAfterLast = f.expectEntry(3, 1).get(1L).closedTs();

    TestProbe<StorageProtocol.Command> asking = kit.createTestProbe(StorageProtocol.Command.class);
    f.journal.tell(new FromReplica(new ReplayFrom(0, 0, 2, 7, asking.ref())));
    Apply e2 = asking.expectMessageClass(Apply.class, WAIT);
    Apply e3 = asking.expectMessageClass(Apply.class, WAIT);
    CloseThrough end = asking.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(List.of(2L, 3L), List.of(e2.seq(), e3.seq()));
    assertEquals(List.of(1L, 2L), List.of(e2.prevSeq(), e3.prevSeq()), "a replayed entry names the one before it");
    assertEquals(List.of(first.commitTs()), commitTimestamps(e2));
    assertWrites(List.of(w("a1", "x"), w("b1", "y")), e2.txns().get(0));
    assertEquals(List.of(second.commitTs()), commitTimestamps(e3),
        "a replayed entry is whole: entry 3 wrote nothing in range 0, the replica keeps none of it");
    assertWrites(List.of(w("b2", "z")), e3.txns().get(0));
    assertEquals(0, e2.closedTs(), "a replayed entry carries no closed timestamp");
    assertEquals(new CloseThrough(f.id, 3, 2, closedAfterLast, end.journalRef(), 7), end,
        "through entry 3, the last sent range 0 being entry 2");
    assertTrue(second.commitTs() <= end.closedTs());

    f.journal.tell(new FromReplica(new ReplayFrom(0, 0, 4, 8, asking.ref())));
    CloseThrough nothingToReplay = asking.expectMessageClass(CloseThrough.class, WAIT);
    assertEquals(3, nothingToReplay.throughSeq());
    assertEquals(2, nothingToReplay.lastForRange());
    assertEquals(8, nothingToReplay.replayId());
    f.expectNoDelivery();
  }

  @Test
  void entriesEveryReplicaReportedAreDeletedBelowACheckpointAndAReplayFromThemAnswersTruncation() {
    Fixture f = new Fixture(new JournalSettings(LEASE, 256, 10_000, 2, Duration.ofMillis(10), Duration.ofMillis(100)));
    f.awaitClaim(1);
    f.fence(0, 100);
    f.commit(1, w("a", "1"));
    assertEquals(0, f.expectEntry(3, 0).get(0L).prevSeq(), "the fence's entry 2 was sent nowhere");

    f.journal.tell(new FromReplica(new ReportApplied(0, 0, 3, f.replica(0, 0).ref())));
    f.expectNoDelivery();
    assertEquals(1, f.events(1).get(0).seqNr(), "one replica's report deletes nothing");

    f.journal.tell(new FromReplica(new ReportApplied(1, 0, 3, f.replica(1, 0).ref())));
    await("entries through 3 are deleted").atMost(WAIT).until(() -> f.events(1).get(0).seqNr() == 4);
    BatchCommitted kept = (BatchCommitted) f.events(1).get(0).payload();
    assertTrue(kept.txns().isEmpty(), "the checkpoint carries no transaction");
    assertEquals(List.of(new RangeEpoch(0, 100)), kept.fences(), "the checkpoint carries every fence");
    f.expectNoDelivery();

    TestProbe<StorageProtocol.Command> asking = kit.createTestProbe(StorageProtocol.Command.class);
    f.journal.tell(new FromReplica(new ReplayFrom(0, 0, 2, 9, asking.ref())));
    assertEquals(new Truncation(f.id, 4, 9), asking.expectMessageClass(Truncation.class, WAIT));
  }

  @Test
  void aSplitIsCommittedLikeATransactionThisNodesDirectoryTakesItAndItsEntryOnReachesTheNewRangesReplicas() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    RangeChange.Split split = splitRange1(2);
    AppendOutcome o = f.change(1, split);

    // Taken as soon as it is durable, before it is delivered: the split's own entry reaches range 2.
    RangeMap map = f.directory.map();
    assertEquals(3, map.size(), map.toString());
    RangeDesc left = map.byId(1);
    RangeDesc right = map.byId(2);
    assertArrayEquals(b("bm"), left.end());
    assertArrayEquals(b("bm"), right.start());
    assertNull(right.end());
    Map<Long, Apply> delivered = f.expectEntry(2, 0, 1, 2);
    for (Apply d : delivered.values()) {
      assertEquals(List.of(o.commitTs()), commitTimestamps(d));
      assertTrue(d.txns().get(0).writes().isEmpty(), "a split writes nothing");
      assertChanges(List.of(split), d.txns().get(0).changes());
    }
    assertEquals(0, delivered.get(0L).prevSeq());
    assertEquals(0, delivered.get(1L).prevSeq());
    assertEquals(1, delivered.get(2L).prevSeq(), "a range new to this incarnation is sent the entry before");
    BatchCommitted durable = durable(f, 2);
    assertChanges(List.of(split), durable.txns().get(0).changes());
    assertTrue(durable.directory().isEmpty(), "only a checkpoint repeats the recorded directory");

    AppendOutcome later = f.commit(2, w("bz", "v"));
    Apply next = f.expectEntry(3, 2).get(2L);
    assertEquals(List.of(later.commitTs()), commitTimestamps(next),
        "the new range's replica is fed from the journal's next entry on, and the range it left is not");
    assertEquals(2, next.prevSeq());

    FenceReceipt receipt = f.fence(2, 5);
    assertChanges(List.of(split), receipt.changes());
    assertTrue(durable(f, 4).txns().isEmpty(), "the fence's entry");

    DirectoryChanges all = f.readDirectory(0);
    assertEquals(f.id, all.journal());
    assertEquals(0, all.from());
    assertChanges(List.of(split), all.changes());
    assertEquals(new DirectoryChanges(f.id, 1, List.of()), f.readDirectory(1), "nothing after the first");
    assertEquals(new DirectoryChanges(f.id, 1, List.of()), f.readDirectory(7), "a reader ahead is told where the end is");
  }

  @Test
  void aBatchTouchingOneRangeGoesOnlyToThatRangesReplicasNamingTheLastEntrySentThere() {
    Fixture f = new Fixture(kit, ids.incrementAndGet(), new Hlc(), SETTINGS, 2, 2);
    f.awaitClaim(1);
    f.commit(1, w("a1", "1"));
    Apply a1 = f.expectEntry(2, 0).get(0L);
    assertEquals(0, a1.prevSeq(), "the claim, entry 1, held nothing for range 0");
    assertWrites(List.of(w("a1", "1")), a1.txns().get(0));
    f.commit(2, w("a2", "2"));
    assertEquals(2, f.expectEntry(3, 0).get(0L).prevSeq());
    f.commit(3, w("b1", "1"));
    Apply b1 = f.expectEntry(4, 1).get(1L);
    assertEquals(0, b1.prevSeq(), "range 1, known when the incarnation started, was sent nothing since");
    assertWrites(List.of(w("b1", "1")), b1.txns().get(0));
    f.commit(4, w("a3", "3"), w("a4", "4"));
    assertEquals(3, f.expectEntry(5, 0).get(0L).prevSeq(), "entry 4 went to range 1 only");

    // Another journal's split reaches this node's directory: range 2 is new to this incarnation.
    assertTrue(f.directory.offer(splitRange1(2)));
    f.commit(5, w("bz", "1"));
    Apply first = f.expectEntry(6, 2).get(2L);
    assertEquals(5, first.prevSeq(), "nothing sent range 2 yet and not known at the start: the entry before");
    assertWrites(List.of(w("bz", "1")), first.txns().get(0));
    f.commit(6, w("bz", "2"));
    assertEquals(6, f.expectEntry(7, 2).get(2L).prevSeq());
    f.commit(7, w("b2", "2"));
    assertEquals(4, f.expectEntry(8, 1).get(1L).prevSeq(), "entries 6 and 7 went to range 2, not range 1");
  }

  @Test
  void aBatchWithASplitGoesWholeToEveryRangeWritesOfItsOtherTransactionsIncluded() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    TestProbe<AppendOutcome> first = f.append(1, epochs(CURRENT), w("a0", "0"));
    TestProbe<AppendOutcome> writer = f.append(2, epochs(CURRENT), w("a1", "1"));
    RangeChange.Split split = splitRange1(2);
    TestProbe<AppendOutcome> splitter = f.append(3, epochs(CURRENT), List.of(), List.of(split));
    GatedJournalStore.release(f.persistenceId);
    for (TestProbe<AppendOutcome> p : List.of(first, writer, splitter)) {
      AppendOutcome o = p.receiveMessage(WAIT);
      assertNull(o.error(), () -> "refused: " + o.error().getMessage());
    }

    f.expectEntry(2, 0);
    Map<Long, Apply> shared = f.expectEntry(3, 0, 1, 2);
    List<String> whole = describe(durable(f, 3));
    assertEquals(2, whole.size(), "the write and the split share entry 3");
    for (Map.Entry<Long, Apply> e : shared.entrySet()) {
      assertEquals(whole, describe(e.getValue()), "range " + e.getKey() + " gets the whole entry");
    }
    assertEquals(2, shared.get(0L).prevSeq());
    assertEquals(0, shared.get(1L).prevSeq());
    assertEquals(2, shared.get(2L).prevSeq(), "a range new to this incarnation is sent the entry before");
  }

  @Test
  void settledAtForARangeHoldsOnceItsLastEntryIsAppliedThoughOthersGotLaterOnesButNotWhileABatchIsReserved() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    f.commit(1, w("a1", "1"));
    f.expectEntry(2, 0);
    f.commit(2, w("b1", "1"));
    f.expectEntry(3, 1);
    f.commit(3, w("b2", "2"));
    f.expectEntry(4, 1);
    long ts = f.hlc.now();
    assertTrue(f.local.settledAt(0, 2, ts), "range 0's last entry is 2: entries 3 and 4 went to range 1 only");
    assertFalse(f.local.settledAt(0, 1, ts), "a replica of range 0 that has not applied entry 2");
    assertTrue(f.local.settledAt(1, 4, ts));
    assertFalse(f.local.settledAt(1, 3, ts), "range 1 was sent entry 4");

    GatedJournalStore.hold(f.persistenceId);
    TestProbe<AppendOutcome> session = f.append(4, epochs(CURRENT), w("b3", "3"));
    session.expectNoMessage(QUIET);
    assertFalse(f.local.settledAt(0, 2, f.hlc.now()), "a batch is reserved, not delivered: it may touch range 0");
    assertFalse(f.local.settledAt(1, 4, f.hlc.now()));

    GatedJournalStore.release(f.persistenceId);
    assertNull(session.receiveMessage(WAIT).error());
    f.expectEntry(5, 1);
    long after = f.hlc.now();
    assertTrue(f.local.settledAt(0, 2, after), "entry 5 is delivered, and not to range 0");
    assertFalse(f.local.settledAt(1, 4, after), "range 1 was sent entry 5");
    assertTrue(f.local.settledAt(1, 5, after));
  }

  @Test
  void everyReplicaOfARangeASplitAddedMustReportAndTheCheckpointCarriesTheDirectorySoARestartRecoversIt()
      throws IOException {
    Path dir = newDir();
    RangeChange.Split split = splitRange1(2);
    JournalSettings truncating =
        new JournalSettings(LEASE, 256, 10_000, 2, Duration.ofMillis(10), Duration.ofMillis(100));
    ActorTestKit first = ActorTestKit.create("journal-directory-first", config(dir));
    try {
      Fixture f = new Fixture(first, 1, new Hlc(), truncating, 2, 1);
      f.awaitClaim(1);
      f.change(1, split);
      f.expectEntry(2, 0, 1, 2);
      f.commit(2, w("bz", "1"));
      f.expectEntry(3, 2);

      f.journal.tell(new FromReplica(new ReportApplied(0, 0, 3, f.replica(0, 0).ref())));
      f.journal.tell(new FromReplica(new ReportApplied(1, 0, 3, f.replica(1, 0).ref())));
      f.expectNoDelivery();
      assertEquals(1, f.events(1).get(0).seqNr(), "range 2's replica has not reported: nothing is deleted");

      f.journal.tell(new FromReplica(new ReportApplied(2, 0, 3, f.replica(2, 0).ref())));
      await("entries through 3 are deleted").atMost(WAIT).until(() -> f.events(1).get(0).seqNr() == 4);
      BatchCommitted kept = (BatchCommitted) f.events(1).get(0).payload();
      assertTrue(kept.txns().isEmpty(), "the checkpoint");
      assertChanges(List.of(split), kept.directory());
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = ActorTestKit.create("journal-directory-second", config(dir));
    try {
      // A node whose directory has not seen the split: the recovered journal hands it over.
      Fixture f = new Fixture(second, 1, new Hlc(), SETTINGS, 2, 1);
      await("the recovered split reaches this node's directory").atMost(WAIT)
          .until(() -> f.directory.map().size() == 3);
      f.awaitClaim(5);
      assertTrue(f.local.settledAt(2, 4, f.hlc.now()), "a range recovered with the directory is known at the claim");
      assertFalse(f.local.settledAt(2, 3, f.hlc.now()), "an earlier incarnation may have sent it anything through 4");
      assertChanges(List.of(split), f.readDirectory(0).changes());
      assertChanges(List.of(split), f.fence(2, 1).changes());
      assertTrue(durable(f, 6).txns().isEmpty(), "the fence's entry");
      f.commit(1, w("bz", "2"));
      assertEquals(4, f.expectEntry(7, 2).get(2L).prevSeq(), "nothing was sent range 2 since the claim");
    } finally {
      second.shutdownTestKit();
    }
  }

  @Test
  void aSplitWhoseWriteLandedThoughItsAnswerFailedIsRecordedOnce() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.failNextWrite(f.persistenceId, true);
    RangeChange.Split split = splitRange1(2);
    AppendOutcome o = f.change(1, split);
    Map<Long, Apply> delivered = f.expectEntry(2, 0, 1, 2);
    for (Apply d : delivered.values()) assertEquals(List.of(o.commitTs()), commitTimestamps(d));

    assertChanges(List.of(split), f.readDirectory(0).changes());
    assertChanges(List.of(split), f.fence(0, 5).changes());
    assertEquals(3, f.events(1).size(), "the claim, the split and the fence");
  }

  @Test
  void aWriteThatFailsLeavesItsOutcomeUnknownAndStopsTheIncarnation() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    assertTrue(f.local.settledAt(0, 1, f.hlc.now()));
    GatedJournalStore.failNextWrite(f.persistenceId, false);
    TestProbe<AppendOutcome> session = f.append(1, epochs(CURRENT), w("a", "v"));
    assertRefused("08007", session.receiveMessage(WAIT));
    kit.createTestProbe().expectTerminated(f.journal, WAIT);
    f.expectNoDelivery();
    assertFalse(f.local.settledAt(0, 1, f.hlc.now()), "a stopped journal closes nothing locally");
    assertFalse(f.local.settledAt(1, 1, f.hlc.now()), "in no range");
    assertEquals(1, f.events(1).size());
  }

  @Test
  void aWriteThatLandedThoughItsAnswerFailedIsRecognizedOnceTheLogRecoversAndCommits() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.failNextWrite(f.persistenceId, true);
    AppendOutcome o = f.append(1, epochs(CURRENT), w("a", "v")).receiveMessage(WAIT);
    assertNull(o.error(), () -> "refused: " + o.error().getMessage());
    assertEquals(o.commitTs(), f.expectEntry(2, 0).get(0L).txns().get(0).commitTs());

    AppendOutcome next = f.commit(2, w("a", "w"));
    assertTrue(next.commitTs() > o.commitTs());
    assertEquals(2, f.expectEntry(3, 0).get(0L).prevSeq());
  }

  @Test
  void aJournalRestartedOnTheSameDirectoryContinuesItsNumberingKeepsItsFencesAndCommitsAboveEveryLease()
      throws IOException {
    Path dir = newDir();
    long committedBefore;
    long maxLease;
    ActorTestKit first = ActorTestKit.create("journal-first", config(dir));
    try {
      Fixture f = new Fixture(first, 1, new Hlc(), SETTINGS, 2, 1);
      f.awaitClaim(1);
      f.fence(0, 100);
      committedBefore = f.commit(1, w("a", "before")).commitTs();
      f.expectEntry(3, 0);
      // A reader asks far ahead: the lease-only batch that answers it reaches further still.
      long far = f.hlc.now() + Hlc.fromMicros(3 * LEASE.toNanos() / 1000);
      TestProbe<StorageProtocol.Command> reader = first.createTestProbe(StorageProtocol.Command.class);
      f.journal.tell(new FromReplica(new AdvanceClosed(0, 0, far, reader.ref())));
      await("the lease-only batch is durable").atMost(WAIT).until(() -> f.events(4).size() == 1);
      maxLease = f.events(1).stream().mapToLong(e -> ((BatchCommitted) e.payload()).lease()).max().orElseThrow();
      assertTrue(maxLease > far);
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = ActorTestKit.create("journal-second", config(dir));
    try {
      // This node's clock is a minute behind: only the recovered lease keeps its commits above.
      Hlc behind = new Hlc(() -> Hlc.SYSTEM.micros() - 60_000_000L);
      Fixture f = new Fixture(second, 1, behind, SETTINGS, 2, 1);
      f.awaitClaim(5);
      assertFalse(f.local.settledAt(0, 3, f.hlc.now()),
          "a replica behind the claim: an earlier incarnation may have sent its range anything through entry 4");
      FenceReceipt receipt = f.fence(0, 10);
      assertEquals(100, receipt.fence(), "the fence survived the restart");
      assertEquals(committedBefore, receipt.maxAssignedTs(), "and so did the highest commit timestamp");
      assertTrue(durable(f, 6).txns().isEmpty(), "the fence's entry");

      TestProbe<AppendOutcome> stale = f.append(1, List.of(new RangeEpoch(0, 50)), w("a", "stale"));
      assertRefused("40001", stale.receiveMessage(WAIT));
      AppendOutcome after = f.append(2, List.of(new RangeEpoch(0, 100)), w("a", "after")).receiveMessage(WAIT);
      assertNull(after.error());
      assertTrue(after.commitTs() > maxLease, "the first commit " + Hlc.toString(after.commitTs())
          + " must lie above the recovered lease " + Hlc.toString(maxLease));
      Apply seventh = f.expectEntry(7, 0).get(0L);
      assertEquals(4, seventh.prevSeq(), "the claim and the fence's entry were sent nowhere");
    } finally {
      second.shutdownTestKit();
    }
  }

  @Test
  void appendsWaitingBehindAWriteThatFailedAreAnsweredWhenTheIncarnationStops() {
    Fixture f = new Fixture();
    f.awaitClaim(1);
    GatedJournalStore.hold(f.persistenceId);
    GatedJournalStore.failNextWrite(f.persistenceId, false);
    TestProbe<AppendOutcome> inFlight = f.append(1, epochs(CURRENT), w("a", "1"));
    TestProbe<AppendOutcome> waiting = f.append(2, epochs(CURRENT), w("a", "2"));
    GatedJournalStore.release(f.persistenceId);

    assertRefused("08007", inFlight.receiveMessage(WAIT));
    kit.createTestProbe().expectTerminated(f.journal, WAIT);
    // Never written: its outcome is known, and its coordinator should not wait out its journal timeout.
    assertRefused("40001", waiting.receiveMessage(Duration.ofSeconds(2)));
  }
}
