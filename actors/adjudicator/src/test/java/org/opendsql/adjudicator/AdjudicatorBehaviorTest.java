package org.opendsql.adjudicator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Incarnation;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Outcome;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Prepare;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.RangeWrites;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Vote;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol.Wake;
import org.opendsql.adjudicator.protocol.AdjudicatorRoutes;
import org.opendsql.adjudicator.state.ConflictWindow.Verdict;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.journal.protocol.JournalProtocol.Append;
import org.opendsql.journal.protocol.JournalProtocol.AppendOutcome;
import org.opendsql.journal.protocol.JournalProtocol.Fence;
import org.opendsql.journal.protocol.JournalProtocol.FenceReceipt;
import org.opendsql.journal.protocol.JournalProtocol.RangeEpoch;

/**
 * The adjudicator as an actor: commits from a session probe, fences and appends to journal probes,
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

  /**
   * The adjudicator of range 0 under test, with a probe per journal (range r's transactions go to
   * journal r mod journals) and per peer range, on a clock the test moves by hand.
   */
  private final class Fixture {
    final int range = 0;
    final AdjudicatorSettings settings;
    final AtomicLong micros = new AtomicLong(Hlc.SYSTEM.micros());
    final Hlc hlc = new Hlc(micros::get);
    final List<TestProbe<JournalProtocol.Command>> journals = new ArrayList<>();
    final Map<Integer, TestProbe<Command>> peers = new HashMap<>();
    final ActorRef<Command> adjudicator;
    /** The fences it asked of each journal at start. */
    final List<Fence> fences = new ArrayList<>();

    Fixture(int journalCount, int ranges, AdjudicatorSettings settings) {
      this.settings = settings;
      for (int j = 0; j < journalCount; j++) journals.add(kit.createTestProbe(JournalProtocol.Command.class));
      for (int r = 1; r < ranges; r++) peers.put(r, kit.createTestProbe(Command.class));
      AdjudicatorRoutes routes = new AdjudicatorRoutes() {
        @Override
        public int journals() {
          return journalCount;
        }

        @Override
        public int journalOf(int range) {
          return range % journalCount;
        }

        @Override
        public void tellJournal(int journal, JournalProtocol.Command message) {
          journals.get(journal).ref().tell(message);
        }

        @Override
        public void tellPeer(int range, Command message) {
          peers.get(range).ref().tell(message);
        }
      };
      adjudicator = kit.spawn(Adjudicator.create(range, settings, hlc, routes));
      spawned.add(adjudicator);
      for (TestProbe<JournalProtocol.Command> j : journals) fences.add(j.expectMessageClass(Fence.class, WAIT));
    }

    Fixture(int journalCount, int ranges) {
      this(journalCount, ranges, settings(""));
    }

    long epoch() {
      return fences.get(0).epoch();
    }

    /** Journal {@code j} durably fenced the range at {@code fenceInForce}. */
    void answerFence(int j, long fenceInForce) {
      fences.get(j).replyTo().tell(new FenceReceipt(j, range, 0, fenceInForce));
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

    again.replyTo().tell(new FenceReceipt(1, 0, 0, f.epoch()));
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
    refence0.replyTo().tell(new FenceReceipt(0, 0, 0, refence0.epoch()));
    TestProbe<Outcome> old = f.commit(txn(), f.epoch() + 1, part(0, "k"));
    old.expectNoMessage(QUIET);
    refence1.replyTo().tell(new FenceReceipt(1, 0, 0, refence1.epoch()));

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
    RangeWrites remote = new RangeWrites(1, List.of(new Write(b("b"), b("2"))), List.of(), List.of(b("schema")));
    TestProbe<Outcome> session = f.commit(txn, tauStart, part(0, "a"), remote);

    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);
    assertEquals(txn, prepare.txnId());
    assertEquals(tauStart, prepare.tauStart());
    assertEquals(remote, prepare.part(), "the peer gets its own range's part");
    f.journal().expectNoMessage(QUIET);

    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, peerIncarnation.ref()));
    Append a = f.expectAppend(txn);
    assertEquals(List.of(new RangeEpoch(0, f.epoch()), new RangeEpoch(1, 555)), a.epochs(),
        "every incarnation that took part, for the journal to check against its fences");
    assertEquals(prepare.deadlineTs(), a.deadlineTs());
    assertKeys(List.of("a", "b"), a.writes().stream().map(Write::key).toList());
    peerIncarnation.expectNoMessage(Duration.ZERO);

    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, null));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));
    Decide decide = peerIncarnation.expectMessageClass(Decide.class, WAIT);
    assertEquals(txn, decide.txnId());
    assertEquals(commitTs, decide.commitTs());
    assertKeys(List.of("b"), decide.keys());
    peer.expectNoMessage(QUIET);
  }

  @Test
  void aPeerThatVotesNoAbortsTheTransactionWhichFreesTheCoordinatorsKeys() {
    Fixture f = new Fixture(1, 2).fenced();
    TestProbe<Command> peer = f.peers.get(1);
    long txn = txn();
    long tauStart = f.hlc.now();
    TestProbe<Outcome> session = f.commit(txn, tauStart, part(0, "a"), part(1, "b"));
    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.WRITE_CONFLICT, 555, peer.ref()));

    assertConflict(session.receiveMessage(WAIT));
    Decide abort = peer.expectMessageClass(Decide.class, WAIT);
    assertEquals(new Decide(txn, 0, abort.keys()), abort, "commit timestamp 0 aborts");
    assertKeys(List.of("b"), abort.keys());
    f.journal().expectNoMessage(QUIET);

    long retry = txn();
    f.commit(retry, tauStart, part(0, "a"));
    f.expectAppend(retry);
  }

  @Test
  void aPeerThatVotesSchemaConflictFailsTheTransactionWithOc001() {
    Fixture f = new Fixture(1, 2).fenced();
    long txn = txn();
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), part(1, "b"));
    Prepare prepare = f.peers.get(1).expectMessageClass(Prepare.class, WAIT);
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.SCHEMA_CONFLICT, 555, f.peers.get(1).ref()));
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
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), part(1, "b"));
    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);

    Outcome o = session.receiveMessage(WAIT);
    assertTrue(System.nanoTime() - sent >= Duration.ofMillis(200).toNanos(), "failed before the vote timeout");
    assertConflict(o);
    assertTrue(o.error().detail().contains("vote"), o.error().detail());
    Decide abort = peer.expectMessageClass(Decide.class, WAIT);
    assertEquals(0, abort.commitTs());

    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, peer.ref()));
    f.journal().expectNoMessage(QUIET);
    session.expectNoMessage(Duration.ZERO);
  }

  @Test
  void aCommitAwaitingTheVoteOfAPeerIncarnationThatStopsFailsAtOnceNotAtTheVoteTimeout() {
    Fixture f = new Fixture(1, 3, settings("opendsql.adjudicator.vote-timeout = 30s")).fenced();
    TestProbe<Command> peerIncarnation = kit.createTestProbe(Command.class);
    // A first transaction's vote reveals range 1's incarnation, which is then addressed directly.
    long first = txn();
    TestProbe<Outcome> firstSession = f.commit(first, f.hlc.now(), part(0, "a"), part(1, "b"));
    f.peers.get(1).expectMessageClass(Prepare.class, WAIT).replyTo()
        .tell(new Vote(first, 1, Verdict.OK, 555, peerIncarnation.ref()));
    f.expectAppend(first).replyTo().tell(AppendOutcome.committed(first, f.hlc.now(), null));
    assertNull(firstSession.receiveMessage(WAIT).error());
    peerIncarnation.expectMessageClass(Decide.class, WAIT);

    long waiting = txn();
    TestProbe<Outcome> session = f.commit(waiting, f.hlc.now(), part(0, "c"), part(1, "d"), part(2, "e"));
    peerIncarnation.expectMessageClass(Prepare.class, WAIT);
    Prepare toRange2 = f.peers.get(2).expectMessageClass(Prepare.class, WAIT);
    toRange2.replyTo().tell(new Vote(waiting, 2, Verdict.OK, 777, f.peers.get(2).ref()));
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
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), part(1, "b"));
    Prepare prepare = f.peers.get(1).expectMessageClass(Prepare.class, WAIT);
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, f.peers.get(1).ref()));
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
    assertEquals(new Vote(txn, 0, Verdict.OK, f.epoch(), f.adjudicator), vote);

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
    RangeWrites lockOnly = lockingPart(1, List.of(), "b");
    TestProbe<Outcome> session = f.commit(txn, f.hlc.now(), part(0, "a"), lockOnly);

    Prepare prepare = peer.expectMessageClass(Prepare.class, WAIT);
    assertEquals(lockOnly, prepare.part(), "the range takes part although nothing is written there");
    prepare.replyTo().tell(new Vote(txn, 1, Verdict.OK, 555, peer.ref()));
    Append a = f.expectAppend(txn);
    assertKeys(List.of("a"), a.writes().stream().map(Write::key).toList());

    long commitTs = f.hlc.now();
    a.replyTo().tell(AppendOutcome.committed(txn, commitTs, null));
    assertEquals(Outcome.committed(txn, commitTs), session.receiveMessage(WAIT));
    Decide decide = peer.expectMessageClass(Decide.class, WAIT);
    assertEquals(commitTs, decide.commitTs());
    assertKeys(List.of("b"), decide.keys());
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
}
