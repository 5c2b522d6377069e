package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.storage.state.SnapshotInstall.Source;

class SnapshotInstallTest {
  private static final long PATIENCE = 1_000;
  private static final long RETRY_AFTER_REFUSAL = 100;
  private static final long NO_PEER_ERROR_EVERY = 5_000;
  private static final long T = 90_000;
  private static final long RANGE = 7;
  private static final long PARENT = 3;

  private static SnapshotInstall install(int replica) {
    return new SnapshotInstall(replica, PATIENCE, RETRY_AFTER_REFUSAL, NO_PEER_ERROR_EVERY);
  }

  /** The sources a replica lists for its range: every other replica of it, never itself. */
  private static List<Source> others(int replica, int replicas) {
    List<Source> out = new ArrayList<>();
    for (int k = 0; k < replicas; k++) {
      if (k != replica) out.add(new Source(RANGE, k));
    }
    return out;
  }

  private static List<Source> asked(SnapshotInstall s, List<Source> sources, int attempts) {
    List<Source> peers = new ArrayList<>();
    for (int i = 0; i < attempts; i++) peers.add(s.startFromPeer(i + 1, T, sources).peer());
    return peers;
  }

  private static List<Integer> peersAsked(int replica, int replicas, int attempts) {
    return asked(install(replica), others(replica, replicas), attempts).stream().map(Source::replica).toList();
  }

  @Test
  void peersAreAskedInTurnNeverItself() {
    assertEquals(List.of(2, 0, 2, 0), peersAsked(1, 3, 4));
    assertEquals(List.of(3, 0, 1, 3), peersAsked(2, 4, 4));
  }

  @Test
  void withTwoReplicasTheOtherOneIsAlwaysAsked() {
    assertEquals(List.of(1, 1, 1), peersAsked(0, 2, 3));
    assertEquals(List.of(0, 0, 0), peersAsked(1, 2, 3));
  }

  @Test
  void aLoneReplicaHasNoPeerToAsk() {
    SnapshotInstall s = install(0);
    assertNull(s.startFromPeer(1, T, others(0, 1)));
    assertFalse(s.installing());
    assertEquals(0, s.generation(), "no install began, so no WAL sync is invalidated");
  }

  @Test
  void theRotationCoversTheParentRangesReplicasAfterTheRangesOwnAndComesBackAround() {
    List<Source> sources = new ArrayList<>(others(0, 3));
    for (int k = 0; k < 3; k++) sources.add(new Source(PARENT, k));
    assertEquals(List.of(new Source(RANGE, 1), new Source(RANGE, 2), new Source(PARENT, 0), new Source(PARENT, 1),
        new Source(PARENT, 2), new Source(RANGE, 1)), asked(install(0), sources, 6));
  }

  @Test
  void aSourceListThatGrowsBetweenAttemptsIsRotatedFromWhereTheLastAttemptLeftOff() {
    SnapshotInstall s = install(0);
    assertEquals(new Source(RANGE, 1), s.startFromPeer(1, T, List.of(new Source(RANGE, 1))).peer());
    // The directory learned where the range came from: its parent's replicas join the list.
    List<Source> grown = List.of(new Source(RANGE, 1), new Source(PARENT, 0), new Source(PARENT, 1));
    assertEquals(List.of(new Source(PARENT, 0), new Source(PARENT, 1), new Source(RANGE, 1)), asked(s, grown, 3));
  }

  @Test
  void aSourceListThatShrinksBetweenAttemptsStillYieldsOneOfItsSources() {
    SnapshotInstall s = install(2);
    List<Source> many = List.of(new Source(RANGE, 0), new Source(RANGE, 1), new Source(PARENT, 0),
        new Source(PARENT, 1));
    asked(s, many, 3);
    List<Source> few = List.of(new Source(RANGE, 0));
    assertEquals(new Source(RANGE, 0), s.startFromPeer(9, T, few).peer());
    assertNull(s.startFromPeer(10, T, List.of()), "no source left: nothing to ask");
  }

  @Test
  void onlyTheParentsReplicasAreAskedWhenTheRangeHasNoOtherReplica() {
    List<Source> parentOnly = List.of(new Source(PARENT, 0), new Source(PARENT, 1));
    assertEquals(List.of(new Source(PARENT, 0), new Source(PARENT, 1), new Source(PARENT, 0)),
        asked(install(0), parentOnly, 3));
  }

  @Test
  void onlyPagesOfTheInstallUnderWayAreAccepted() {
    SnapshotInstall s = install(0);
    assertFalse(s.accepts(42));
    s.startFromPeer(42, T, others(0, 3));
    assertTrue(s.installing());
    assertTrue(s.accepts(42));
    assertFalse(s.accepts(41));
    s.startFromPeer(43, T + 1, others(0, 3));
    assertFalse(s.accepts(42), "pages of an abandoned attempt must not mix into the new one");
    assertTrue(s.accepts(43));
    s.finished();
    assertFalse(s.installing());
    assertNull(s.current());
    assertFalse(s.accepts(43));
  }

  @Test
  void aSilentPeerStallsTheInstallAfterThePatience() {
    SnapshotInstall s = install(0);
    s.startFromPeer(1, T, others(0, 3));
    s.pageInstalled(10, T + 800);
    assertFalse(s.stalled(T + PATIENCE + 1), "a page restarts the patience");
    assertFalse(s.stalled(T + 800 + PATIENCE));
    s.pageInstalled(5, T + 900);
    assertFalse(s.stalled(T + 900 + PATIENCE));
    assertTrue(s.stalled(T + 900 + PATIENCE + 1));
    assertEquals(15, s.current().versions());
  }

  @Test
  void aRefusalMovesToTheNextPeerSoonerThanThePatience() {
    SnapshotInstall s = install(0);
    s.startFromPeer(1, T, others(0, 3));
    s.refused(T + 10);
    assertFalse(s.stalled(T + 10 + RETRY_AFTER_REFUSAL));
    assertTrue(s.stalled(T + 10 + RETRY_AFTER_REFUSAL + 1));
    assertEquals(new Source(RANGE, 2), s.startFromPeer(2, T + 200, others(0, 3)).peer());
  }

  @Test
  void nothingStallsWithoutAnInstall() {
    SnapshotInstall s = install(0);
    assertFalse(s.stalled(T + 100 * PATIENCE));
    s.startFromPeer(1, T, others(0, 3));
    s.finished();
    assertFalse(s.stalled(T + 100 * PATIENCE));
  }

  @Test
  void everyInstallBeginsANewGenerationLocalCopiesIncluded() {
    SnapshotInstall s = install(0);
    s.startFromPeer(1, T, others(0, 3));
    assertEquals(1, s.generation());
    s.startFromPeer(2, T + 1, others(0, 3));
    assertEquals(2, s.generation(), "a restart with another peer replaces the data again");
    s.finished();
    s.localCopyStarted();
    assertEquals(3, s.generation());
  }

  @Test
  void theLocalSourceIsTheFurthestCandidateThatHoldsEveryEntryBeforeTheTruncation() {
    SnapshotInstall s = install(1);
    assertEquals(1, s.localSource(new long[] {12, 15}, 10));
    assertEquals(0, s.localSource(new long[] {15, 12}, 10));
  }

  @Test
  void everyCandidateTheCallerGivesMayBeChosenWhateverTheReplicasIndex() {
    // The caller lists only other copies (its own key space is not among them): the index of a
    // candidate says nothing about the replica's own.
    assertEquals(1, install(1).localSource(new long[] {0, 99, 0}, 10));
    assertEquals(0, install(0).localSource(new long[] {99}, 10));
    assertEquals(-1, install(0).localSource(new long[0], 10), "no candidate, no local source");
  }

  @Test
  void aCandidateShortOfTheTruncationIsNotALocalSource() {
    SnapshotInstall s = install(1);
    assertEquals(-1, s.localSource(new long[] {8, 7}, 10), "entry 9 is gone from the journal and from both");
    assertEquals(0, s.localSource(new long[] {9, 7}, 10), "through 9, the journal's entries from 10 on complete it");
  }

  @Test
  void theNoPeerErrorIsLoggedAtMostOncePerPeriod() {
    SnapshotInstall s = install(0);
    assertTrue(s.noPeerErrorDue(T));
    assertFalse(s.noPeerErrorDue(T + 1));
    assertFalse(s.noPeerErrorDue(T + NO_PEER_ERROR_EVERY));
    assertTrue(s.noPeerErrorDue(T + NO_PEER_ERROR_EVERY + 1));
  }
}
