package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotInstallTest {
  private static final long PATIENCE = 1_000;
  private static final long RETRY_AFTER_REFUSAL = 100;
  private static final long NO_PEER_ERROR_EVERY = 5_000;
  private static final long T = 90_000;

  private static SnapshotInstall install(int replica, int replicas) {
    return new SnapshotInstall(replica, replicas, PATIENCE, RETRY_AFTER_REFUSAL, NO_PEER_ERROR_EVERY);
  }

  private static List<Integer> peersAsked(SnapshotInstall s, int attempts) {
    List<Integer> peers = new ArrayList<>();
    for (int i = 0; i < attempts; i++) peers.add(s.startFromPeer(i + 1, T).peer());
    return peers;
  }

  @Test
  void peersAreAskedInTurnNeverItself() {
    assertEquals(List.of(2, 0, 2, 0), peersAsked(install(1, 3), 4));
    assertEquals(List.of(3, 0, 1, 3), peersAsked(install(2, 4), 4));
  }

  @Test
  void withTwoReplicasTheOtherOneIsAlwaysAsked() {
    assertEquals(List.of(1, 1, 1), peersAsked(install(0, 2), 3));
    assertEquals(List.of(0, 0, 0), peersAsked(install(1, 2), 3));
  }

  @Test
  void aLoneReplicaHasNoPeerToAsk() {
    SnapshotInstall s = install(0, 1);
    assertNull(s.startFromPeer(1, T));
    assertFalse(s.installing());
    assertEquals(0, s.generation(), "no install began, so no WAL sync is invalidated");
  }

  @Test
  void onlyPagesOfTheInstallUnderWayAreAccepted() {
    SnapshotInstall s = install(0, 3);
    assertFalse(s.accepts(42));
    s.startFromPeer(42, T);
    assertTrue(s.installing());
    assertTrue(s.accepts(42));
    assertFalse(s.accepts(41));
    s.startFromPeer(43, T + 1);
    assertFalse(s.accepts(42), "pages of an abandoned attempt must not mix into the new one");
    assertTrue(s.accepts(43));
    s.finished();
    assertFalse(s.installing());
    assertNull(s.current());
    assertFalse(s.accepts(43));
  }

  @Test
  void aSilentPeerStallsTheInstallAfterThePatience() {
    SnapshotInstall s = install(0, 3);
    s.startFromPeer(1, T);
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
    SnapshotInstall s = install(0, 3);
    s.startFromPeer(1, T);
    s.refused(T + 10);
    assertFalse(s.stalled(T + 10 + RETRY_AFTER_REFUSAL));
    assertTrue(s.stalled(T + 10 + RETRY_AFTER_REFUSAL + 1));
    assertEquals(2, s.startFromPeer(2, T + 200).peer());
  }

  @Test
  void nothingStallsWithoutAnInstall() {
    SnapshotInstall s = install(0, 3);
    assertFalse(s.stalled(T + 100 * PATIENCE));
    s.startFromPeer(1, T);
    s.finished();
    assertFalse(s.stalled(T + 100 * PATIENCE));
  }

  @Test
  void everyInstallBeginsANewGenerationLocalCopiesIncluded() {
    SnapshotInstall s = install(0, 3);
    s.startFromPeer(1, T);
    assertEquals(1, s.generation());
    s.startFromPeer(2, T + 1);
    assertEquals(2, s.generation(), "a restart with another peer replaces the data again");
    s.finished();
    s.localCopyStarted();
    assertEquals(3, s.generation());
  }

  @Test
  void theLocalSourceIsTheFurthestOtherKeySpaceThatHoldsEveryEntryBeforeTheTruncation() {
    SnapshotInstall s = install(1, 3);
    assertEquals(2, s.localSource(new long[] {12, 99, 15}, 10));
    assertEquals(0, s.localSource(new long[] {15, 99, 12}, 10));
  }

  @Test
  void itsOwnKeySpaceIsNeverALocalSource() {
    assertEquals(-1, install(1, 3).localSource(new long[] {0, 99, 0}, 10));
  }

  @Test
  void aKeySpaceShortOfTheTruncationIsNotALocalSource() {
    SnapshotInstall s = install(1, 3);
    assertEquals(-1, s.localSource(new long[] {8, 0, 7}, 10), "entry 9 is gone from the journal and from both");
    assertEquals(0, s.localSource(new long[] {9, 0, 7}, 10), "through 9, the journal's entries from 10 on complete it");
  }

  @Test
  void theNoPeerErrorIsLoggedAtMostOncePerPeriod() {
    SnapshotInstall s = install(0, 1);
    assertTrue(s.noPeerErrorDue(T));
    assertFalse(s.noPeerErrorDue(T + 1));
    assertFalse(s.noPeerErrorDue(T + NO_PEER_ERROR_EVERY));
    assertTrue(s.noPeerErrorDue(T + NO_PEER_ERROR_EVERY + 1));
  }
}
