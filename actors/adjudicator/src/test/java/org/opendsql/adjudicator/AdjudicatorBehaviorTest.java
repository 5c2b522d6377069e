package org.opendsql.adjudicator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Command;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.CommitTxn;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Decide;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.HandOff;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Incarnation;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Outcome;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Prepare;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.RangeWrites;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.SplitRange;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Merged;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.MergeResult;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.MergeRange;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.MergeInto;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.SplitResult;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Vote;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Wake;
import org.opendsql.adjudicator.protocol.AdjudicatorRoutes;
import org.opendsql.adjudicator.state.ConflictWindow.Verdict;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.journal.protocol.JournalProtocol.Append;
import org.opendsql.journal.protocol.JournalProtocol.AppendOutcome;
import org.opendsql.journal.protocol.JournalProtocol.Fence;
import org.opendsql.journal.protocol.JournalProtocol.FenceReceipt;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The adjudicator as an actor: commits and splits from session probes, fences and appends to journal probes,
 * prepares, votes and decisions with peer-adjudicator probes. Its clock is a manual one, so that a
 * test can move past a transaction's deadline without waiting for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdjudicatorBehaviorTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  /** How long a test watches for something that must not happen. */
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final Config BASE = ConfigFactory.parseString("""
      opendsql.adjudicator {
        vote-timeout = 2s
        journal-timeout = 3s
        fence-retry = 5s
      }
      """).withFallback(ConfigFactory.load());

  private ActorTestKit kit;
  private final List<ActorRef<Command>> spawned = new ArrayList<>();
  private final AtomicLong txnIds = new AtomicLong();

  @BeforeAll
  void startKit() {
    kit = ActorTestKit.create("adjudicator-behavior");
  }

  @AfterEach
  void stopAdjudicators() {
    for (ActorRef<Command> ref : spawned) kit.stop(ref, WAIT);
    spawned.clear();
  }

  @AfterAll
  void stopKit() {
    kit.shutdownTestKit();
  }

  private static AdjudicatorSettings settings(String overrides) {
    return new AdjudicatorSettings(ConfigFactory.parseString(overrides).withFallback(BASE));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static RangeWrites part(int range, String... keys) {
    List<Write> writes = new ArrayList<>();
    for (String k : keys) writes.add(new Write(b(k), b("v-" + k)));
    return new RangeWrites(range, writes, List.of(), List.of());
  }

  /** A part that writes {@code written} and selected {@code locked} FOR UPDATE without writing them. */
  private static RangeWrites lockingPart(int range, List<String> written, String... locked) {
    List<Write> writes = new ArrayList<>();
    for (String k : written) writes.add(new Write(b(k), b("v-" + k)));
    List<byte[]> lockedKeys = new ArrayList<>();
    for (String k : locked) lockedKeys.add(b(k));
    return new RangeWrites(range, writes, lockedKeys, List.of());
  }

  private static void assertKeys(List<String> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) assertArrayEquals(b(expected.get(i)), actual.get(i));
  }

  private static void assertFailed(String sqlState, Outcome o) {
    assertNotNull(o.error(), "the transaction must fail");
    assertEquals(sqlState, o.error().state().code(), o.error().getMessage());
  }

  private static void assertConflict(Outcome o) {
    assertFailed("40001", o);
    assertTrue(o.error().getMessage().contains("OC000"), o.error().getMessage());
  }

  /** Where the fixture's layout cuts the key space: range 0 holds [.., m), range 1 [m, t), range 2 [t, ..). */
  private static final List<byte[]> CUTS = List.of(b("m"), b("t"));

  /**
   * The adjudicator of range 0 under test, with a probe per journal, per peer range and for its
   * range's first storage replica, on a clock the test moves by hand. The directory starts as
   * {@code ranges} ranges cut at {@link #CUTS} (range r on journal r mod journals), unless a test
   * gives its own.
   */
  private final class Fixture {
    final long range;
    final AdjudicatorSettings settings;
    final AtomicLong micros = new AtomicLong(Hlc.SYSTEM.micros());
    final Hlc hlc = new Hlc(micros::get);
    final List<TestProbe<JournalProtocol.Command>> journals = new ArrayList<>();
    final Map<Integer, TestProbe<Command>> peers = new HashMap<>();
    final TestProbe<StorageProtocol.Command> replica = kit.createTestProbe(StorageProtocol.Command.class);
    /** "range/replica" of every message sent to a storage replica. */
    final List<String> replicaAddresses = new CopyOnWriteArrayList<>();
    final LiveDirectory directory;
    final ActorRef<Command> adjudicator;
    /** The fences it asked of each journal at start. */
    final List<Fence> fences = new ArrayList<>();
    /** Its requests to be passivated. */
    final List<ActorRef<Command>> passivations = new CopyOnWriteArrayList<>();

    Fixture(int journalCount, int ranges, AdjudicatorSettings settings, RangeMap layout) {
      this(0, journalCount, ranges, settings, layout);
    }

    /** The adjudicator of range {@code range} of the layout (a probe stands for every other range's). */
    Fixture(long range, int journalCount, int ranges, AdjudicatorSettings settings, RangeMap layout) {
      this.range = range;
      this.settings = settings;
      this.directory = new LiveDirectory(layout);
      for (int j = 0; j < journalCount; j++) journals.add(kit.createTestProbe(JournalProtocol.Command.class));
      for (int r = 0; r < ranges; r++) {
        if (r != range) peers.put(r, kit.createTestProbe(Command.class));
      }
      AdjudicatorRoutes routes = new AdjudicatorRoutes() {
        @Override
        public int journals() {
          return journalCount;
        }

        @Override
        public LiveDirectory directory() {
          return directory;
        }

        @Override
        public void tellJournal(int journal, JournalProtocol.Command message) {
          journals.get(journal).ref().tell(message);
        }

        @Override
        public void tellPeer(long range, Command message) {
          peers.get((int) range).ref().tell(message);
        }

        @Override
        public void tellReplica(long range, int replicaNo, StorageProtocol.Command message) {
          replicaAddresses.add(range + "/" + replicaNo);
          replica.ref().tell(message);
        }
      };
      adjudicator = kit.spawn(Adjudicator.create(range, settings, hlc, routes, passivations::add));
      spawned.add(adjudicator);
      for (TestProbe<JournalProtocol.Command> j : journals) fences.add(j.expectMessageClass(Fence.class, WAIT));
    }

    Fixture(int journalCount, int ranges, AdjudicatorSettings settings) {
      this(journalCount, ranges, settings, RangeMap.presplit(CUTS.subList(0, ranges - 1), journalCount));
    }

    Fixture(int journalCount, int ranges) {
      this(journalCount, ranges, settings(""));
    }

    long epoch() {
      return fences.get(0).epoch();
    }

    /** Journal {@code j} durably fenced the range at {@code fenceInForce}. */
    void answerFence(int j, long fenceInForce) {
      answerFence(j, fenceInForce, List.of());
    }

    /** Journal {@code j} durably fenced the range, and had recorded these directory changes. */
    void answerFence(int j, long fenceInForce, List<RangeChange> changes) {
      fences.get(j).replyTo().tell(new FenceReceipt(j, range, 0, fenceInForce, changes));
    }

    /** Every journal fenced the range at its epoch: it decides from now on. */
    Fixture fenced() {
      for (int j = 0; j < journals.size(); j++) answerFence(j, epoch());
      return this;
    }

    TestProbe<JournalProtocol.Command> journal() {
      return journals.get(0);
    }

    TestProbe<Outcome> commit(long txnId, long tauStart, RangeWrites... parts) {
      TestProbe<Outcome> session = kit.createTestProbe(Outcome.class);
      adjudicator.tell(new CommitTxn(txnId, tauStart, List.of(parts), session.ref()));
      return session;
    }

    /** A commit of {@code key} alone in this range that began now. */
    TestProbe<Outcome> commit(long txnId, String key) {
      return commit(txnId, hlc.now(), part(0, key));
    }

    Append expectAppend(long txnId) {
      Append a = journal().expectMessageClass(Append.class, WAIT);
      assertEquals(txnId, a.txnId());
      return a;
    }

    /** Commits {@code key} through a journal probe at a timestamp it takes from the clock. */
    long commitThroughJournal(long txnId, long tauStart, String key) {
      TestProbe<Outcome> session = commit(txnId, tauStart, part(0, key));
      Append a = expectAppend(txnId);
      long commitTs = hlc.now();
      a.replyTo().tell(AppendOutcome.committed(txnId, commitTs, null));
      assertEquals(Outcome.committed(txnId, commitTs), session.receiveMessage(WAIT));
      return commitTs;
    }

    Vote prepare(long txnId, long tauStart, long deadlineTs, String key) {
      TestProbe<Vote> coordinator = kit.createTestProbe(Vote.class);
      adjudicator.tell(new Prepare(txnId, tauStart, deadlineTs, part(0, key), coordinator.ref()));
      return coordinator.receiveMessage(WAIT);
    }
  }

  private long txn() {
    return txnIds.incrementAndGet();
  }

  /** Range 0 once split at "m" into range 7 (on journal 0): what a journal reports when fenced. */
  private static final RangeChange.Split SPLIT_AT_M = new RangeChange.Split(0, 0, b("m"), 7, 0);

  /**
   * Range 0 of a directory that started as one range over every key, fenced by a journal that had
   * recorded {@link #SPLIT_AT_M}: it holds [.., m) at generation 1.
   */
  private Fixture fencedAfterSplitAtM() {
    Fixture f = new Fixture(1, 1, settings(""), RangeMap.initial());
    f.answerFence(0, f.epoch(), List.of(SPLIT_AT_M));
    return f;
  }

  private static void assertMoved(List<RangeChange> expected, Outcome o) {
    assertNull(o.error(), "a moved transaction is not failed: the session re-routes it");
    assertEquals(0, o.commitTs());
    assertEquals(expected, o.moved());
  }

  /** The split an Append carries: a transaction with no writes and one directory change. */
  private static RangeChange.Split splitOf(Append a) {
    assertTrue(a.writes().isEmpty(), "a split writes nothing");
    assertEquals(1, a.changes().size());
    return (RangeChange.Split) a.changes().get(0);
  }

  @Test
  void wakeIsAnsweredEvenBeforeTheJournalsFencedOlderIncarnations() {
    Fixture f = new Fixture(1, 1);
    TestProbe<Incarnation> waker = kit.createTestProbe(Incarnation.class);
    f.adjudicator.tell(new Wake(waker.ref()));
    assertEquals(new Incarnation(0, f.adjudicator), waker.receiveMessage(WAIT));
  }

  @Test
  void itAsksEveryJournalToFenceAndDecidesNothingUntilEveryJournalAnswered() {
    Fixture f = new Fixture(2, 1);
    assertEquals(f.fences.get(0).epoch(), f.fences.get(1).epoch());
    assertEquals(0, f.fences.get(0).range());

    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, "k");
    f.answerFence(0, f.epoch());
    session.expectNoMessage(QUIET);
    f.journals.get(0).expectNoMessage(Duration.ZERO);
    f.journals.get(1).expectNoMessage(Duration.ZERO);

    f.answerFence(1, f.epoch());
    Append a = f.expectAppend(txn);
    assertEquals(List.of(new RangeEpoch(0, f.epoch())), a.epochs());
    f.journals.get(1).expectNoMessage(Duration.ZERO);
  }

  @Test
  void aFenceUnansweredIsAskedAgainOfThatJournalOnly() {
    Fixture f = new Fixture(2, 1, settings("opendsql.adjudicator.fence-retry = 100ms"));
    f.answerFence(0, f.epoch());
    Fence again = f.journals.get(1).expectMessageClass(Fence.class, WAIT);
    assertEquals(f.epoch(), again.epoch());
    f.journals.get(0).expectNoMessage(QUIET);

    again.replyTo().tell(new FenceReceipt(1, 0, 0, f.epoch(), List.of()));
    long txn = txn();
    f.commit(txn, "k");
    f.expectAppend(txn);
  }

  @Test
  void aNewerFenceInForceMakesItTakeAHigherEpochFenceAgainAndRefuseWhatBeganBeforeIt() {
    Fixture f = new Fixture(2, 1);
    long first = f.epoch();
    long newer = first + Hlc.fromMicros(5_000_000);
    f.answerFence(0, newer);
    Fence refence0 = f.journals.get(0).expectMessageClass(Fence.class, WAIT);
    Fence refence1 = f.journals.get(1).expectMessageClass(Fence.class, WAIT);
    assertTrue(refence0.epoch() > newer, "the new epoch lies above the fence found");
    assertEquals(refence0.epoch(), refence1.epoch());

    f.answerFence(1, first); // the answer to the first request: stale now
    refence0.replyTo().tell(new FenceReceipt(0, 0, 0, refence0.epoch(), List.of()));
    TestProbe<Outcome> old = f.commit(txn(), f.epoch() + 1, part(0, "k"));
    old.expectNoMessage(QUIET);
    refence1.replyTo().tell(new FenceReceipt(1, 0, 0, refence1.epoch(), List.of()));

    Outcome refused = old.receiveMessage(WAIT);
    assertFailed("40001", refused);
    assertTrue(refused.error().detail().contains("restarted"), refused.error().detail());
    long txn = txn();
    f.commit(txn, "k");
    assertEquals(List.of(new RangeEpoch(0, refence0.epoch())), f.expectAppend(txn).epochs());
  }

  @Test
  void aSingleRangeCommitIsAppendedToItsJournalAndTheSessionGetsTheJournalsCommitTimestamp() {
    Fixture f = new Fixture(2, 1).fenced();
    long txn = txn();
    long tauStart = f.hlc.now();
    TestProbe<Outcome> session = f.commit(txn, tauStart, part(0, "k1", "k2"));
    Append a = f.expectAppend(txn);
    assertEquals(tauStart, a.tauStart());
    assertEquals(List.of(new RangeEpoch(0, f.epoch())), a.epochs());
    assertKeys(List.of("k1", "k2"), a.writes().stream().map(Write::key).toList());
    assertTrue(a.deadlineTs() > tauStart, "the deadline lies ahead");
    session.expectNoMessage(Duration.ZERO);

    TestProbe<JournalProtocol.Command> incarnation = kit.createTestProbe(JournalProtocol.Command.class);
    long commitTs = f.hlc.now() + Hlc.fromMicros(1_000);
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, incarnation.ref()));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));
    assertTrue(f.hlc.now() > commitTs, "the clock moved past the commit");

    // The journal incarnation the outcome named is addressed directly from now on.
    long next = txn();
    f.commit(next, "k3");
    assertEquals(next, incarnation.expectMessageClass(Append.class, WAIT).txnId());
    f.journals.get(0).expectNoMessage(QUIET);
  }

  @Test
  void aCommitOfTheSameKeyThatBeganBeforeTheLastCommitIsRefusedWithoutReachingTheJournal() {
    Fixture f = new Fixture(1, 1).fenced();
    long tau1 = f.hlc.now();
    long tau2 = f.hlc.now();
    long c1 = f.commitThroughJournal(txn(), tau1, "k");
    assertTrue(tau2 < c1);

    assertConflict(f.commit(txn(), tau2, part(0, "k")).receiveMessage(WAIT));
    f.journal().expectNoMessage(QUIET);

    long other = txn();
    f.commit(other, tau2, part(0, "other"));
    f.expectAppend(other);
    long later = txn();
    f.commit(later, "k");
    f.expectAppend(later);
  }

  @Test
  void aKeyHeldByATransactionAwaitingItsJournalConflictsWithAnotherCommit() {
    Fixture f = new Fixture(1, 1).fenced();
    long first = txn();
    f.commit(first, "k");
    Append a = f.expectAppend(first);

    assertConflict(f.commit(txn(), "k").receiveMessage(WAIT));
    f.journal().expectNoMessage(QUIET);
    a.replyTo().tell(AppendOutcome.committed(first, f.hlc.now(), null));
  }

  @Test
  void aHandOffAnswersTheCommitAwaitingItsJournalRefusesTheRestThenStops() {
    Fixture f = new Fixture(1, 2).fenced();
    long appending = txn();
    TestProbe<Outcome> first = f.commit(appending, "k");
    Append a = f.expectAppend(appending);
    long voting = txn();
    TestProbe<Outcome> second = f.commit(voting, f.hlc.now(), part(0, "j"), part(1, "x"));
    f.peers.get(1).expectMessageClass(Prepare.class, WAIT);

    f.adjudicator.tell(new HandOff());
    assertFailed("40001", second.receiveMessage(WAIT));
    assertFailed("40001", f.commit(txn(), "other").receiveMessage(WAIT));
    TestProbe<Vote> voter = kit.createTestProbe(Vote.class);
    f.adjudicator.tell(new Prepare(txn(), f.hlc.now(), f.hlc.now() + Hlc.fromMicros(5_000_000), part(0, "y"),
        voter.ref()));
    assertEquals(Verdict.WRITE_CONFLICT, voter.receiveMessage(WAIT).verdict(),
        "a coordinator elsewhere learns at once that this range will not hold its keys");
    first.expectNoMessage(QUIET);

    // A copy of the commit whose append is in flight is not refused: it may be durable.
    f.adjudicator.tell(new CommitTxn(appending, f.hlc.now(), List.of(part(0, "k")), first.ref()));
    first.expectNoMessage(QUIET);

    TestProbe<Object> watcher = kit.createTestProbe();
    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(appending, commitTs, null));
    Outcome committed = first.receiveMessage(WAIT);
    assertNull(committed.error(), "the commit the journal took is answered before the adjudicator stops");
    assertEquals(commitTs, committed.commitTs());
    watcher.expectTerminated(f.adjudicator, WAIT);
  }

  @Test
  void aCopyOfOneRangesVoteDoesNotStandInForAnotherRangesVote() {
    Fixture f = new Fixture(1, 3).fenced();
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), part(1, "b"), part(2, "c"));
    Prepare p1 = f.peers.get(1).expectMessageClass(Prepare.class, WAIT);
    f.peers.get(2).expectMessageClass(Prepare.class, WAIT);
    Vote yes = new Vote(txn, 1, Verdict.OK, 1, f.peers.get(1).ref(), null);
    p1.replyTo().tell(yes);
    p1.replyTo().tell(yes);
    f.journal().expectNoMessage(QUIET);
    session.expectNoMessage(Duration.ZERO);
    p1.replyTo().tell(new Vote(txn, 2, Verdict.OK, 1, f.peers.get(2).ref(), null));
    f.expectAppend(txn);
  }

  @Test
  void aJournalRefusalCommitsNothingAndFreesTheKeys() {
    Fixture f = new Fixture(1, 1).fenced();
    long tauOld = f.hlc.now();
    long first = txn();
    TestProbe<Outcome> session = f.commit(first, "k");
    Append a = f.expectAppend(first);
    a.replyTo().tell(AppendOutcome.refused(first, Errors.writeConflict()));
    assertFailed("40001", session.receiveMessage(WAIT));

    long retry = txn();
    f.commit(retry, tauOld, part(0, "k"));
    f.expectAppend(retry);
  }

  @Test
  void aMultiRangeCommitPreparesThePeerCollectsItsVoteAppendsThenSendsTheDecision() {
    Fixture f = new Fixture(1, 2).fenced();
    TestProbe<Command> peer = f.peers.get(1);
    TestProbe<Command> peerIncarnation = kit.createTestProbe(Command.class);
    long txn = txn();
    long tauStart = f.hlc.now();
    RangeWrites remote = new RangeWrites(1, List.of(new Write(b("p"), b("2"))), List.of(), List.of(b("schema")));
    TestProbe<Outcome> session = f.commit(txn, tauStart, part(0, "a"), remote);

    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);
    assertEquals(txn, prepare.txnId());
    assertEquals(tauStart, prepare.tauStart());
    assertEquals(remote, prepare.part(), "the peer gets its own range's part");
    f.journal().expectNoMessage(QUIET);

    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, peerIncarnation.ref(), null));
    Append a = f.expectAppend(txn);
    assertEquals(List.of(new RangeEpoch(0, f.epoch()), new RangeEpoch(1, 555)), a.epochs(),
        "every incarnation that took part, for the journal to check against its fences");
    assertEquals(prepare.deadlineTs(), a.deadlineTs());
    assertKeys(List.of("a", "p"), a.writes().stream().map(Write::key).toList());
    peerIncarnation.expectNoMessage(Duration.ZERO);

    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, null));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));
    Decide decide = peerIncarnation.expectMessageClass(Decide.class, WAIT);
    assertEquals(txn, decide.txnId());
    assertEquals(commitTs, decide.commitTs());
    assertKeys(List.of("p"), decide.keys());
    peer.expectNoMessage(QUIET);
  }

  @Test
  void aPeerThatVotesNoAbortsTheTransactionWhichFreesTheCoordinatorsKeys() {
    Fixture f = new Fixture(1, 2).fenced();
    TestProbe<Command> peer = f.peers.get(1);
    long txn = txn();
    long tauStart = f.hlc.now();
    TestProbe<Outcome> session = f.commit(txn, tauStart, part(0, "a"), part(1, "p"));
    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.WRITE_CONFLICT, 555, peer.ref(), null));

    assertConflict(session.receiveMessage(WAIT));
    Decide abort = peer.expectMessageClass(Decide.class, WAIT);
    assertEquals(new Decide(txn, 0, abort.keys()), abort, "commit timestamp 0 aborts");
    assertKeys(List.of("p"), abort.keys());
    f.journal().expectNoMessage(QUIET);

    long retry = txn();
    f.commit(retry, tauStart, part(0, "a"));
    f.expectAppend(retry);
  }

  @Test
  void aPeerThatVotesSchemaConflictFailsTheTransactionWithOc001() {
    Fixture f = new Fixture(1, 2).fenced();
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), part(1, "p"));
    Prepare prepare = f.peers.get(1).expectMessageClass(Prepare.class, WAIT);
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.SCHEMA_CONFLICT, 555, f.peers.get(1).ref(), null));
    Outcome o = session.receiveMessage(WAIT);
    assertFailed("40001", o);
    assertTrue(o.error().getMessage().contains("OC001"), o.error().getMessage());
  }

  @Test
  void aCommitWhoseVoteNeverComesFailsAfterTheVoteTimeoutAndALateVoteChangesNothing() {
    Fixture f = new Fixture(1, 2, settings("opendsql.adjudicator.vote-timeout = 200ms")).fenced();
    TestProbe<Command> peer = f.peers.get(1);
    long txn = txn();
    long sent = System.nanoTime();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), part(1, "p"));
    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);

    Outcome o = session.receiveMessage(WAIT);
    assertTrue(System.nanoTime() - sent >= Duration.ofMillis(200).toNanos(), "failed before the vote timeout");
    assertConflict(o);
    assertTrue(o.error().detail().contains("vote"), o.error().detail());
    Decide abort = peer.expectMessageClass(Decide.class, WAIT);
    assertEquals(0, abort.commitTs());

    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, peer.ref(), null));
    f.journal().expectNoMessage(QUIET);
    session.expectNoMessage(Duration.ZERO);
  }

  @Test
  void aCommitAwaitingTheVoteOfAPeerIncarnationThatStopsFailsAtOnceNotAtTheVoteTimeout() {
    Fixture f = new Fixture(1, 3, settings("opendsql.adjudicator.vote-timeout = 30s")).fenced();
    TestProbe<Command> peerIncarnation = kit.createTestProbe(Command.class);
    // A first transaction's vote reveals range 1's incarnation, which is then addressed directly.
    long first = txn();
    TestProbe<Outcome> firstSession = f.commit(first, f.hlc.now(), part(0, "a"), part(1, "p"));
    f.peers.get(1).expectMessageClass(Prepare.class, WAIT).replyTo()
        .tell(new Vote(first, 1, Verdict.OK, 555, peerIncarnation.ref(), null));
    f.expectAppend(first).replyTo().tell(AppendOutcome.committed(first, f.hlc.now(), null));
    assertNull(firstSession.receiveMessage(WAIT).error());
    peerIncarnation.expectMessageClass(Decide.class, WAIT);

    long waiting = txn();
    TestProbe<Outcome> session = f.commit(waiting, f.hlc.now(), part(0, "c"), part(1, "q"), part(2, "u"));
    peerIncarnation.expectMessageClass(Prepare.class, WAIT);
    Prepare toRange2 = f.peers.get(2).expectMessageClass(Prepare.class, WAIT);
    toRange2.replyTo().tell(new Vote(waiting, 2, Verdict.OK, 777, f.peers.get(2).ref(), null));
    long stopped = System.nanoTime();
    peerIncarnation.stop();

    Outcome o = session.receiveMessage(WAIT);
    assertTrue(System.nanoTime() - stopped < Duration.ofSeconds(10).toNanos(), "waited for the vote timeout");
    assertConflict(o);
    assertTrue(o.error().detail().contains("stopped before it voted"), o.error().detail());
    assertEquals(0, f.peers.get(2).expectMessageClass(Decide.class, WAIT).commitTs(), "the other voter is told: abort");
    f.journal().expectNoMessage(QUIET);

    long retry = txn();
    f.commit(retry, f.hlc.now(), part(0, "c"));
    f.expectAppend(retry);
  }

  @Test
  void anUnknownOutcomeFromTheJournalFencesTheKeysUpToTheDeadline() {
    Fixture f = new Fixture(1, 2).fenced();
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), part(1, "p"));
    Prepare prepare = f.peers.get(1).expectMessageClass(Prepare.class, WAIT);
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, f.peers.get(1).ref(), null));
    Append a = f.expectAppend(txn);
    a.replyTo().tell(AppendOutcome.refused(txn, Errors.commitOutcomeUnknown()));

    assertFailed("08007", session.receiveMessage(WAIT));
    Decide decide = f.peers.get(1).expectMessageClass(Decide.class, WAIT);
    assertTrue(decide.commitTs() >= a.deadlineTs(), "the peer fences its keys up to the deadline too");

    // It may have committed, at any timestamp up to its deadline.
    assertConflict(f.commit(txn(), f.hlc.now(), part(0, "a")).receiveMessage(WAIT));
    f.journal().expectNoMessage(QUIET);
    f.micros.addAndGet((f.settings.voteTimeout().plus(f.settings.journalTimeout()).toNanos() / 1000) + 1_000_000);
    long after = txn();
    long tauAfter = f.hlc.now();
    assertTrue(tauAfter > a.deadlineTs());
    f.commit(after, tauAfter, part(0, "a"));
    f.expectAppend(after);
  }

  @Test
  void aJournalThatDoesNotAnswerInTimeLeavesTheOutcomeUnknownAndTheKeysFenced() {
    Fixture f = new Fixture(1, 1, settings("opendsql.adjudicator.journal-timeout = 200ms")).fenced();
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, "k");
    Append a = f.expectAppend(txn);
    assertFailed("08007", session.receiveMessage(WAIT));

    // The journal's late answer changes nothing: the session was told already.
    a.replyTo().tell(AppendOutcome.committed(txn, f.hlc.now(), null));
    session.expectNoMessage(QUIET);
    assertConflict(f.commit(txn(), "k").receiveMessage(WAIT));
  }

  @Test
  void asAVoterItHoldsThePreparedKeysUntilTheDecisionAndRecordsTheCommit() {
    Fixture f = new Fixture(1, 1).fenced();
    long txn = txn();
    long tauStart = f.hlc.now();
    Vote vote = f.prepare(txn, tauStart, tauStart + Hlc.fromMicros(10_000_000), "k");
    assertEquals(new Vote(txn, 0, Verdict.OK, f.epoch(), f.adjudicator, null), vote);

    assertConflict(f.commit(txn(), "k").receiveMessage(WAIT));
    assertEquals(Verdict.WRITE_CONFLICT, f.prepare(txn(), f.hlc.now(), Long.MAX_VALUE, "k").verdict());

    long beganBefore = f.hlc.now();
    long commitTs = f.hlc.now();
    f.adjudicator.tell(new Decide(txn, commitTs, List.of(b("k"))));
    assertConflict(f.commit(txn(), beganBefore, part(0, "k")).receiveMessage(WAIT));
    long after = txn();
    f.commit(after, "k");
    f.expectAppend(after);
  }

  @Test
  void asAVoterItReleasesTheKeysOfAnAbortedTransaction() {
    Fixture f = new Fixture(1, 1).fenced();
    long txn = txn();
    long tauStart = f.hlc.now();
    f.prepare(txn, tauStart, tauStart + Hlc.fromMicros(10_000_000), "k");
    f.adjudicator.tell(new Decide(txn, 0, List.of(b("k"))));
    long next = txn();
    f.commit(next, tauStart, part(0, "k"));
    f.expectAppend(next);
  }

  @Test
  void aPreparedTransactionLeftUndecidedPastItsTtlFreesItsKeysAsIfCommittedAtItsDeadline() {
    Fixture f = new Fixture(1, 1, settings("opendsql.adjudicator.prepared-ttl = 200ms")).fenced();
    long tauStart = f.hlc.now();
    long deadline = tauStart + Hlc.fromMicros(10_000_000);
    assertEquals(Verdict.OK, f.prepare(txn(), tauStart, deadline, "k").verdict());
    f.micros.addAndGet(20_000_000);
    assertTrue(f.hlc.now() > deadline);

    // Once expired, a transaction that began after the deadline may take the key...
    long[] taker = new long[1];
    await("the prepared transaction expires").atMost(WAIT).until(() -> {
      taker[0] = txn();
      return f.prepare(taker[0], f.hlc.now(), Long.MAX_VALUE, "k").verdict() == Verdict.OK;
    });
    f.adjudicator.tell(new Decide(taker[0], 0, List.of(b("k"))));
    // ...one that began before it may not: the expired one may have committed up to there.
    assertEquals(Verdict.WRITE_CONFLICT, f.prepare(txn(), deadline - 1, Long.MAX_VALUE, "k").verdict());
  }

  @Test
  void lockedKeysAreAdjudicatedButOnlyTheWritesReachTheJournal() {
    Fixture f = new Fixture(1, 1).fenced();
    long tauOther = f.hlc.now();
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), lockingPart(0, List.of("a"), "b"));
    Append a = f.expectAppend(txn);
    assertKeys(List.of("a"), a.writes().stream().map(Write::key).toList());
    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, null));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));

    // The locked key counts as written at the commit timestamp for everyone else.
    assertConflict(f.commit(txn(), tauOther, part(0, "b")).receiveMessage(WAIT));
    f.journal().expectNoMessage(QUIET);
    long later = txn();
    f.commit(later, "b");
    f.expectAppend(later);
  }

  @Test
  void aTransactionWithOnlyLockedKeysFailsIfOneWasWrittenSinceItBeganAndOtherwiseAppendsNoWrite() {
    Fixture f = new Fixture(1, 1).fenced();
    long tauStale = f.hlc.now();
    long c1 = f.commitThroughJournal(txn(), f.hlc.now(), "k");
    assertTrue(tauStale < c1);

    assertConflict(f.commit(txn(), tauStale, lockingPart(0, List.of(), "k")).receiveMessage(WAIT));
    f.journal().expectNoMessage(QUIET);

    // Nothing written since it began: it commits through the journal, with no write at all, so
    // that the journal's fences still guard the decision and the keys get a commit timestamp.
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), lockingPart(0, List.of(), "k"));
    Append a = f.expectAppend(txn);
    assertTrue(a.writes().isEmpty(), "a locked key is never written");
    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, null));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));
  }

  @Test
  void aPeerRangeWithOnlyLockedKeysIsPreparedAndItsKeysAreDecidedButNotAppended() {
    Fixture f = new Fixture(1, 2).fenced();
    TestProbe<Command> peer = f.peers.get(1);
    long txn = txn();
    RangeWrites lockOnly = lockingPart(1, List.of(), "p");
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), lockOnly);

    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);
    assertEquals(lockOnly, prepare.part(), "the range takes part although nothing is written there");
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, peer.ref(), null));
    Append a = f.expectAppend(txn);
    assertKeys(List.of("a"), a.writes().stream().map(Write::key).toList());

    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, null));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));
    Decide decide = peer.expectMessageClass(Decide.class, WAIT);
    assertEquals(commitTs, decide.commitTs());
    assertKeys(List.of("p"), decide.keys());
  }

  @Test
  void asAVoterItRefusesALockedKeyWrittenSinceTheTransactionBeganAndHoldsOneItPrepared() {
    Fixture f = new Fixture(1, 1).fenced();
    long tauStale = f.hlc.now();
    f.commitThroughJournal(txn(), f.hlc.now(), "k");
    TestProbe<Vote> coordinator = kit.createTestProbe(Vote.class);
    f.adjudicator.tell(new Prepare(txn(), tauStale, Long.MAX_VALUE, lockingPart(0, List.of(), "k"), coordinator.ref()));
    assertEquals(Verdict.WRITE_CONFLICT, coordinator.receiveMessage(WAIT).verdict());

    f.adjudicator.tell(new Prepare(txn(), f.hlc.now(), Long.MAX_VALUE, lockingPart(0, List.of(), "j"), coordinator.ref()));
    assertEquals(Verdict.OK, coordinator.receiveMessage(WAIT).verdict());
    assertConflict(f.commit(txn(), "j").receiveMessage(WAIT));
  }

  @Test
  void itLearnsItsBoundsFromTheDirectoryChangesTheJournalsReportWhenTheyFenceIt() {
    Fixture f = new Fixture(2, 1, settings(""), RangeMap.initial());
    RangeChange.Split split = new RangeChange.Split(0, 0, b("m"), 7, 1);
    long tauStart = f.hlc.now();
    // Sent before fencing completes: it waits, then is judged by the bounds the journals reported.
    TestProbe<Outcome> early = f.commit(txn(), tauStart, part(0, "p"));
    f.answerFence(0, f.epoch(), List.of(split));
    early.expectNoMessage(QUIET);
    f.answerFence(1, f.epoch(), List.of());

    assertMoved(List.of(split), early.receiveMessage(WAIT));
    assertEquals(new RangeDesc(0, RangeDesc.MIN, b("m"), 0, 1), f.directory.map().byId(0));
    assertEquals(new RangeDesc(7, b("m"), null, 1, 1), f.directory.map().byId(7));
    long txn = txn();
    f.commit(txn, tauStart, part(0, "a"));
    f.expectAppend(txn);
    f.journals.get(1).expectNoMessage(QUIET);
  }

  @Test
  void aCommitWithAKeyOutsideTheRangeIsAnsweredMovedAndChangesNothing() {
    Fixture f = fencedAfterSplitAtM();
    long tauStart = f.hlc.now();
    // A written key, a locked key, a schema key past the range's end: each moves the whole commit.
    assertMoved(List.of(SPLIT_AT_M), f.commit(txn(), tauStart, part(0, "a", "p")).receiveMessage(WAIT));
    assertMoved(List.of(SPLIT_AT_M),
        f.commit(txn(), tauStart, lockingPart(0, List.of("a"), "p")).receiveMessage(WAIT));
    RangeWrites schemaOutside = new RangeWrites(0, List.of(new Write(b("a"), b("1"))), List.of(), List.of(b("s")));
    assertMoved(List.of(SPLIT_AT_M), f.commit(txn(), tauStart, schemaOutside).receiveMessage(WAIT));
    f.journal().expectNoMessage(QUIET);

    // None of them holds "a": a transaction that began as early commits it.
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, tauStart, part(0, "a"));
    Append a = f.expectAppend(txn);
    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, null));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));
  }

  @Test
  void asAVoterItAnswersAPrepareWithAKeyOutsideTheRangeWithMovedAndHoldsNothing() {
    Fixture f = fencedAfterSplitAtM();
    long tauStart = f.hlc.now();
    TestProbe<Vote> coordinator = kit.createTestProbe(Vote.class);
    long txn = txn();
    f.adjudicator.tell(new Prepare(txn, tauStart, Long.MAX_VALUE, part(0, "a", "p"), coordinator.ref()));
    Vote vote = coordinator.receiveMessage(WAIT);
    assertEquals(txn, vote.txnId());
    assertEquals(0, vote.range());
    assertTrue(vote.verdict() != Verdict.OK, "a moved vote is a refusal");
    assertEquals(List.of(SPLIT_AT_M), vote.moved());
    assertEquals(f.adjudicator, vote.voter());

    long next = txn();
    assertEquals(new Vote(next, 0, Verdict.OK, f.epoch(), f.adjudicator, null),
        f.prepare(next, tauStart, Long.MAX_VALUE, "a"), "the moved prepare held nothing");
  }

  @Test
  void aPeerVoteWithMovedAbortsTheTransactionAndTheSessionGetsThePeersChanges() {
    Fixture f = new Fixture(1, 2).fenced();
    TestProbe<Command> peer = f.peers.get(1);
    long txn = txn();
    long tauStart = f.hlc.now();
    TestProbe<Outcome> session = f.commit(txn, tauStart, part(0, "a"), part(1, "p"));
    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);
    List<RangeChange> peersChanges = List.of(new RangeChange.Split(1, 0, b("o"), 9, 0));
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.WRITE_CONFLICT, 555, peer.ref(), peersChanges));

    assertMoved(peersChanges, session.receiveMessage(WAIT));
    assertEquals(0, peer.expectMessageClass(Decide.class, WAIT).commitTs(), "the peer is told: abort");
    f.journal().expectNoMessage(QUIET);

    long retry = txn();
    f.commit(retry, tauStart, part(0, "a"));
    f.expectAppend(retry);
  }

  @Test
  void aSplitIsAppendedToTheJournalAndThenTheRightSideIsMovedWhileTheLeftSideStillCommits() {
    Fixture f = new Fixture(1, 1).fenced();
    TestProbe<SplitResult> admin = kit.createTestProbe(SplitResult.class);
    f.adjudicator.tell(new SplitRange(0, b("m"), admin.ref()));

    Append a = f.journal().expectMessageClass(Append.class, WAIT);
    RangeChange.Split split = splitOf(a);
    assertEquals(0, split.parent());
    assertEquals(0, split.parentGeneration());
    assertArrayEquals(b("m"), split.at());
    assertTrue(split.rightId() != 0, "the right side gets an id of its own");
    assertEquals(0, split.rightJournal());
    assertEquals(List.of(new RangeEpoch(0, f.epoch())), a.epochs(), "the journal checks it against its fences");
    admin.expectNoMessage(Duration.ZERO);

    long splitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(a.txnId(), splitTs, null));
    SplitResult result = admin.receiveMessage(WAIT);
    assertNull(result.refusal());
    assertEquals(0, result.range());
    assertEquals(split, result.split());
    assertEquals(splitTs, result.commitTs());
    assertEquals(new RangeDesc(0, RangeDesc.MIN, b("m"), 0, 1), f.directory.map().byId(0));
    assertEquals(new RangeDesc(split.rightId(), b("m"), null, 0, 1), f.directory.map().byId(split.rightId()));

    long tauStart = f.hlc.now();
    assertMoved(List.of(split), f.commit(txn(), tauStart, part(0, "p")).receiveMessage(WAIT));
    assertMoved(List.of(split), f.commit(txn(), tauStart, part(0, "a", "m")).receiveMessage(WAIT));
    f.journal().expectNoMessage(QUIET);
    long left = txn();
    TestProbe<Outcome> session = f.commit(left, tauStart, part(0, "a"));
    Append la = f.expectAppend(left);
    long commitTs = f.hlc.now();
    la.replyTo().tell(AppendOutcome.committed(left, commitTs, null));
    assertEquals(Outcome.committed(left, commitTs), session.receiveMessage(WAIT));
  }

  @Test
  void aSplitOfAStaleGenerationOrAtAKeyNotStrictlyInsideTheRangeIsRefused() {
    Fixture f = new Fixture(1, 2).fenced(); // range 0 is [.., m) at generation 0
    TestProbe<SplitResult> admin = kit.createTestProbe(SplitResult.class);
    f.adjudicator.tell(new SplitRange(3, b("c"), admin.ref()));
    SplitResult stale = admin.receiveMessage(WAIT);
    assertNull(stale.split());
    assertNotNull(stale.refusal());
    assertTrue(stale.refusal().contains("generation"), stale.refusal());
    f.adjudicator.tell(new SplitRange(0, RangeDesc.MIN, admin.ref()));
    assertNotNull(admin.receiveMessage(WAIT).refusal(), "the range's start splits off nothing");
    f.adjudicator.tell(new SplitRange(0, b("p"), admin.ref()));
    assertNotNull(admin.receiveMessage(WAIT).refusal(), "p lies in range 1");
    f.journal().expectNoMessage(QUIET);

    // Once split, the generation named before is stale.
    f.adjudicator.tell(new SplitRange(0, b("f"), admin.ref()));
    Append a = f.journal().expectMessageClass(Append.class, WAIT);
    a.replyTo().tell(AppendOutcome.committed(a.txnId(), f.hlc.now(), null));
    assertNull(admin.receiveMessage(WAIT).refusal());
    f.adjudicator.tell(new SplitRange(0, b("c"), admin.ref()));
    SplitResult again = admin.receiveMessage(WAIT);
    assertNull(again.split());
    assertTrue(again.refusal().contains("generation"), again.refusal());
    f.journal().expectNoMessage(QUIET);
    assertEquals(new RangeDesc(0, RangeDesc.MIN, b("f"), 0, 1), f.directory.map().byId(0));

    // Refusals leave it deciding as before.
    long txn = txn();
    f.commit(txn, "c");
    f.expectAppend(txn);
  }

  @Test
  void aSplitWaitsForTheTransactionsInFlightAndWhatComesMeanwhileIsJudgedByTheNewBounds() {
    Fixture f = new Fixture(1, 1).fenced();
    long first = txn();
    TestProbe<Outcome> firstSession = f.commit(first, "a");
    Append fa = f.expectAppend(first);
    TestProbe<SplitResult> admin = kit.createTestProbe(SplitResult.class);
    f.adjudicator.tell(new SplitRange(-1, b("m"), admin.ref()));
    f.journal().expectNoMessage(QUIET);

    TestProbe<Outcome> right = f.commit(txn(), "p");
    long leftTxn = txn();
    TestProbe<Outcome> left = f.commit(leftTxn, "b");
    right.expectNoMessage(QUIET);
    left.expectNoMessage(Duration.ZERO);
    f.journal().expectNoMessage(Duration.ZERO);

    long c1 = f.hlc.now();
    fa.replyTo().tell(AppendOutcome.committed(first, c1, null));
    assertEquals(Outcome.committed(first, c1), firstSession.receiveMessage(WAIT));
    Append sa = f.journal().expectMessageClass(Append.class, WAIT);
    RangeChange.Split split = splitOf(sa);
    right.expectNoMessage(Duration.ZERO);
    sa.replyTo().tell(AppendOutcome.committed(sa.txnId(), f.hlc.now(), null));
    assertEquals(split, admin.receiveMessage(WAIT).split());

    assertMoved(List.of(split), right.receiveMessage(WAIT));
    f.expectAppend(leftTxn);
  }

  @Test
  void aSplitWaitsUntilATransactionItVotedForIsDecided() {
    Fixture f = new Fixture(1, 1).fenced();
    long txn = txn();
    long tauStart = f.hlc.now();
    assertEquals(Verdict.OK, f.prepare(txn, tauStart, tauStart + Hlc.fromMicros(10_000_000), "a").verdict());
    TestProbe<SplitResult> admin = kit.createTestProbe(SplitResult.class);
    f.adjudicator.tell(new SplitRange(-1, b("m"), admin.ref()));
    f.journal().expectNoMessage(QUIET);

    f.adjudicator.tell(new Decide(txn, f.hlc.now(), List.of(b("a"))));
    assertArrayEquals(b("m"), splitOf(f.journal().expectMessageClass(Append.class, WAIT)).at());
  }

  @Test
  void aSplitWithoutAKeyAsksTheRangesFirstReplicaWhereToSplit() {
    Fixture f = new Fixture(1, 1).fenced();
    TestProbe<SplitResult> admin = kit.createTestProbe(SplitResult.class);
    f.adjudicator.tell(new SplitRange(-1, null, admin.ref()));
    StorageProtocol.ProposeSplit ask = f.replica.expectMessageClass(StorageProtocol.ProposeSplit.class, WAIT);
    assertEquals(List.of("0/0"), f.replicaAddresses);

    ask.replyTo().tell(new StorageProtocol.SplitProposal(0, 0, b("k")));
    Append a = f.journal().expectMessageClass(Append.class, WAIT);
    assertArrayEquals(b("k"), splitOf(a).at());
    a.replyTo().tell(AppendOutcome.committed(a.txnId(), f.hlc.now(), null));
    assertArrayEquals(b("k"), admin.receiveMessage(WAIT).split().at());
  }

  @Test
  void aSplitIsRefusedWhenTheReplicaFindsTooFewKeysOrTheJournalRefusesIt() {
    Fixture f = new Fixture(1, 1).fenced();
    TestProbe<SplitResult> admin = kit.createTestProbe(SplitResult.class);
    f.adjudicator.tell(new SplitRange(-1, null, admin.ref()));
    f.replica.expectMessageClass(StorageProtocol.ProposeSplit.class, WAIT).replyTo()
        .tell(new StorageProtocol.SplitProposal(0, 0, null));
    SplitResult tooFew = admin.receiveMessage(WAIT);
    assertNull(tooFew.split());
    assertTrue(tooFew.refusal().contains("too few keys"), tooFew.refusal());
    f.journal().expectNoMessage(QUIET);

    f.adjudicator.tell(new SplitRange(0, b("m"), admin.ref()));
    Append a = f.journal().expectMessageClass(Append.class, WAIT);
    TestProbe<Outcome> meanwhile = f.commit(txn(), "p");
    f.journal().expectNoMessage(QUIET);
    a.replyTo().tell(AppendOutcome.refused(a.txnId(), Errors.writeConflict()));
    SplitResult refused = admin.receiveMessage(WAIT);
    assertNull(refused.split());
    assertNotNull(refused.refusal());

    // Nothing moved: the range keeps every key, and what waited for the split goes on.
    assertEquals(new RangeDesc(0, RangeDesc.MIN, null, 0, 0), f.directory.map().byId(0));
    Append pa = f.journal().expectMessageClass(Append.class, WAIT);
    assertKeys(List.of("p"), pa.writes().stream().map(Write::key).toList());
    meanwhile.expectNoMessage(Duration.ZERO);
  }

  @Test
  void aSplitWhoseOutcomeIsUnknownStopsTheIncarnationSoTheNextOneLearnsItFromTheJournals() {
    Fixture f = new Fixture(1, 1).fenced();
    TestProbe<SplitResult> admin = kit.createTestProbe(SplitResult.class);
    f.adjudicator.tell(new SplitRange(0, b("m"), admin.ref()));
    Append a = f.journal().expectMessageClass(Append.class, WAIT);
    a.replyTo().tell(AppendOutcome.refused(a.txnId(), Errors.commitOutcomeUnknown()));
    SplitResult unknown = admin.receiveMessage(WAIT);
    assertNull(unknown.split());
    assertTrue(unknown.refusal().contains("unknown"), unknown.refusal());
    TestProbe<Object> watcher = kit.createTestProbe();
    watcher.expectTerminated(f.adjudicator, WAIT);
    assertEquals(new RangeDesc(0, RangeDesc.MIN, null, 0, 0), f.directory.map().byId(0),
        "the directory does not move on a split that may not have happened");
  }

  @Test
  void aSecondCopyOfACommitRequestIsIgnoredSoARefusedTransactionNeverCommitsLater() {
    Fixture f = new Fixture(1, 1).fenced();
    long holder = txn();
    TestProbe<Outcome> first = f.commit(holder, "k");
    Append held = f.expectAppend(holder);
    long refusedTxn = txn();
    long tauStart = f.hlc.now();
    TestProbe<Outcome> session = kit.createTestProbe(Outcome.class);
    CommitTxn request = new CommitTxn(refusedTxn, tauStart, List.of(part(0, "k")), session.ref());
    f.adjudicator.tell(request);
    assertConflict(session.receiveMessage(WAIT));
    // What refused it goes away: the key is free again.
    held.replyTo().tell(AppendOutcome.refused(holder, Errors.writeConflict()));
    assertFailed("40001", first.receiveMessage(WAIT));
    f.adjudicator.tell(request);
    f.journal().expectNoMessage(QUIET);
    session.expectNoMessage(Duration.ZERO);
    // A copy of a request still in flight is ignored too: one append, one answer.
    long inFlight = txn();
    TestProbe<Outcome> third = kit.createTestProbe(Outcome.class);
    CommitTxn once = new CommitTxn(inFlight, f.hlc.now(), List.of(part(0, "k")), third.ref());
    f.adjudicator.tell(once);
    f.adjudicator.tell(once);
    Append a = f.expectAppend(inFlight);
    f.journal().expectNoMessage(QUIET);
    long ts = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(inFlight, ts, null));
    assertEquals(Outcome.committed(inFlight, ts), third.receiveMessage(WAIT));
    third.expectNoMessage(QUIET);
  }

  // ------------------------------------------------------------------ merges

  private static final byte[] T = "t".getBytes(StandardCharsets.UTF_8);

  @Test
  void asTheLeftRangeItAsksItsNeighbourToRetireAndDecidesItsKeysOnceTheMergeIsDurable() {
    Fixture f = new Fixture(1, 3).fenced();
    TestProbe<MergeResult> admin = kit.createTestProbe(MergeResult.class);
    f.adjudicator.tell(new MergeRange(0, admin.ref()));
    MergeInto ask = f.peers.get(1).expectMessageClass(MergeInto.class, WAIT);
    assertEquals(new MergeInto(0, 0, f.epoch(), 0, ask.replyTo()), ask);
    // Until the neighbour answers, its keys are not this range's, and this range's own still commit.
    long before = f.hlc.now();
    assertMoved(List.of(), f.commit(txn(), before, part(0, "p")).receiveMessage(WAIT));
    f.commitThroughJournal(txn(), f.hlc.now(), "a");

    RangeChange.Merge merge = new RangeChange.Merge(0, 0, 1, 0);
    long mergeTs = f.hlc.now();
    ask.replyTo().tell(new Merged(1, merge, mergeTs, T, null, false));
    MergeResult result = admin.receiveMessage(WAIT);
    assertNull(result.refusal());
    assertEquals(new MergeResult(0, merge, mergeTs, null), result);
    assertEquals(new RangeDesc(0, RangeDesc.MIN, T, 0, 1), f.directory.map().byId(0));
    assertNull(f.directory.map().byId(1));

    // Its keys now commit here; a transaction that began before the merge is refused (retryable).
    assertFailed("40001", f.commit(txn(), before, part(0, "p")).receiveMessage(WAIT));
    f.commitThroughJournal(txn(), f.hlc.now(), "p");
    assertMoved(List.of(merge), f.commit(txn(), f.hlc.now(), part(0, "u")).receiveMessage(WAIT));
  }

  @Test
  void asTheRightRangeItWaitsForWhatItTakesPartInThenAppendsTheMergeWithBothIncarnations() {
    Fixture f = new Fixture(1, 1, 2, settings(""), RangeMap.presplit(List.of(b("m")), 1)).fenced();
    long held = txn();
    TestProbe<Vote> coordinator = kit.createTestProbe(Vote.class);
    f.adjudicator.tell(new Prepare(held, f.hlc.now(), f.hlc.now() + Hlc.fromMicros(10_000_000), part(1, "p"),
        coordinator.ref()));
    assertEquals(Verdict.OK, coordinator.receiveMessage(WAIT).verdict());

    TestProbe<Merged> left = kit.createTestProbe(Merged.class);
    f.adjudicator.tell(new MergeInto(0, 0, 77, 0, left.ref()));
    TestProbe<Outcome> waiting = f.commit(txn(), f.hlc.now(), part(1, "q"));
    f.journal().expectNoMessage(QUIET);
    waiting.expectNoMessage(Duration.ZERO);

    f.adjudicator.tell(new Decide(held, f.hlc.now(), List.of(b("p"))));
    Append a = f.journal().expectMessageClass(Append.class, WAIT);
    assertTrue(a.writes().isEmpty());
    RangeChange.Merge merge = new RangeChange.Merge(0, 0, 1, 0);
    assertEquals(List.of(merge), a.changes());
    assertEquals(List.of(new RangeEpoch(1, f.epoch()), new RangeEpoch(0, 77)), a.epochs(),
        "the journal refuses it if either range restarted since");
    long mergeTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(a.txnId(), mergeTs, null));

    assertEquals(new Merged(1, merge, mergeTs, null, null, false), left.receiveMessage(WAIT));
    assertMoved(List.of(merge), waiting.receiveMessage(WAIT));
    // Asked after the waiting commits are answered: on the actor's thread, maybe still under way.
    await().atMost(WAIT).untilAsserted(() ->
        assertEquals(List.of(f.adjudicator), f.passivations, "merged away, it asks to be stopped and forgotten"));
    assertMoved(List.of(merge), f.commit(txn(), f.hlc.now(), part(1, "z")).receiveMessage(WAIT));
    assertNull(f.directory.map().byId(1));
    assertEquals(new RangeDesc(0, RangeDesc.MIN, null, 0, 1), f.directory.map().byId(0));
  }

  @Test
  void aMergeTheJournalRefusesLeavesTheRightRangeDecidingAsBefore() {
    Fixture f = new Fixture(1, 1, 2, settings(""), RangeMap.presplit(List.of(b("m")), 1)).fenced();
    TestProbe<Merged> left = kit.createTestProbe(Merged.class);
    f.adjudicator.tell(new MergeInto(0, 0, 77, 0, left.ref()));
    Append a = f.journal().expectMessageClass(Append.class, WAIT);
    a.replyTo().tell(AppendOutcome.refused(a.txnId(), Errors.adjudicatorRestarted()));
    Merged answer = left.receiveMessage(WAIT);
    assertNotNull(answer.refusal());
    assertFalse(answer.outcomeUnknown());
    assertEquals(new RangeDesc(1, b("m"), null, 0, 0), f.directory.map().byId(1));
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(1, "q"));
    Append next = f.expectAppend(txn);
    next.replyTo().tell(AppendOutcome.committed(txn, f.hlc.now(), null));
    assertNull(session.receiveMessage(WAIT).error());
    assertTrue(f.passivations.isEmpty(), "still deciding its range: it stays");
  }

  @Test
  void mergesAreRefusedWithoutANeighbourOnTheSameSingleJournalOrAtAnotherGeneration() {
    Fixture several = new Fixture(2, 2).fenced();
    TestProbe<MergeResult> admin = kit.createTestProbe(MergeResult.class);
    several.adjudicator.tell(new MergeRange(-1, admin.ref()));
    assertTrue(admin.receiveMessage(WAIT).refusal().contains("one journal"));

    Fixture last = new Fixture(1, 1).fenced();
    last.adjudicator.tell(new MergeRange(-1, admin.ref()));
    assertTrue(admin.receiveMessage(WAIT).refusal().contains("no right neighbour"));

    Fixture f = new Fixture(1, 2).fenced();
    f.adjudicator.tell(new MergeRange(3, admin.ref()));
    assertTrue(admin.receiveMessage(WAIT).refusal().contains("generation"));

    Fixture right = new Fixture(1, 1, 2, settings(""), RangeMap.presplit(List.of(b("m")), 1)).fenced();
    TestProbe<Merged> left = kit.createTestProbe(Merged.class);
    right.adjudicator.tell(new MergeInto(0, 5, 77, 0, left.ref()));
    assertTrue(left.receiveMessage(WAIT).refusal().contains("left neighbour"));
    right.journal().expectNoMessage(QUIET);
  }

  @Test
  void aMergeWhoseOutcomeIsUnknownStopsTheLeftRangeSoItsNextIncarnationLearnsItFromTheJournals() {
    Fixture f = new Fixture(1, 2).fenced();
    TestProbe<MergeResult> admin = kit.createTestProbe(MergeResult.class);
    f.adjudicator.tell(new MergeRange(0, admin.ref()));
    MergeInto ask = f.peers.get(1).expectMessageClass(MergeInto.class, WAIT);
    ask.replyTo().tell(new Merged(1, null, 0, null, "the outcome of the merge is unknown", true));
    assertNotNull(admin.receiveMessage(WAIT).refusal());
    kit.createTestProbe().expectTerminated(f.adjudicator, WAIT);
  }
}
