package org.opendsql.node.downing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendsql.node.downing.DeadProcessTracker.Probe;

class DeadProcessTrackerTest {
  private static DeadProcessTracker members(String... names) {
    DeadProcessTracker t = new DeadProcessTracker();
    for (String m : names) t.memberUp(m);
    return t;
  }

  @Test
  void aMemberRefusingTwoRoundsInARowIsDownedOnceEvenBeforeItIsUnreachable() {
    DeadProcessTracker t = members("a", "b", "c");
    assertEquals(List.of(), t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.REFUSED)));
    assertEquals(List.of("c"), t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.REFUSED)));
    assertEquals(List.of(), t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.REFUSED)), "downed once");
  }

  @Test
  void twoMembersDyingWithinARoundOfEachOtherAreLeftToTheResolver() {
    DeadProcessTracker t = members("a", "b", "c");
    assertEquals(List.of(), t.round(Map.of("b", Probe.REFUSED, "c", Probe.ACCEPTED)));
    assertEquals(List.of(), t.round(Map.of("b", Probe.REFUSED, "c", Probe.REFUSED)));
    assertEquals(List.of(), t.round(Map.of("b", Probe.REFUSED, "c", Probe.REFUSED)));
  }

  @Test
  void membersRefusingTwoRoundsAreGoneEvenWithoutAMajorityToDownThem() {
    DeadProcessTracker t = members("a", "b", "c");
    t.round(Map.of("b", Probe.REFUSED, "c", Probe.REFUSED));
    assertEquals(java.util.Set.of(), t.gone());
    t.round(Map.of("b", Probe.REFUSED, "c", Probe.REFUSED));
    assertEquals(java.util.Set.of("b", "c"), t.gone());
    t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.REFUSED));
    assertEquals(java.util.Set.of("c"), t.gone());
  }

  @Test
  void aNodeCutOffFromTheMajorityNeverDownsOthers() {
    DeadProcessTracker t = members("a", "b", "c");
    t.unreachable("b");
    t.round(Map.of("b", Probe.NO_ANSWER, "c", Probe.REFUSED));
    assertEquals(List.of(), t.round(Map.of("b", Probe.NO_ANSWER, "c", Probe.REFUSED)));
  }

  @Test
  void aPausedOrPartitionedMemberIsLeftToTheResolver() {
    DeadProcessTracker t = members("a", "b", "c");
    t.unreachable("c");
    t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.NO_ANSWER));
    assertEquals(List.of(), t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.ACCEPTED)));
  }

  @Test
  void aMemberSilentTwoRoundsInARowIsSilentButNeverDownedForIt() {
    DeadProcessTracker t = members("a", "b", "c");
    assertEquals(List.of(), t.round(Map.of("b", Probe.NO_ANSWER, "c", Probe.ACCEPTED)));
    assertEquals(java.util.Set.of(), t.silent(), "one round may be one lost packet");
    assertEquals(List.of(), t.round(Map.of("b", Probe.NO_ANSWER, "c", Probe.ACCEPTED)));
    assertEquals(java.util.Set.of("b"), t.silent());
    assertEquals(List.of(), t.round(Map.of("b", Probe.NO_ANSWER, "c", Probe.ACCEPTED)), "the resolver decides");
    t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.ACCEPTED));
    assertEquals(java.util.Set.of(), t.silent(), "answering again: the partition healed");
    t.round(Map.of("b", Probe.NO_ANSWER, "c", Probe.ACCEPTED));
    t.memberRemoved("b");
    t.round(Map.of("c", Probe.ACCEPTED));
    assertEquals(java.util.Set.of(), t.silent());
  }

  @Test
  void aRefusalFollowedByAnAcceptedProbeStartsCountingAgain() {
    DeadProcessTracker t = members("a", "b", "c");
    t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.REFUSED));
    t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.ACCEPTED));
    assertEquals(List.of(), t.round(Map.of("b", Probe.ACCEPTED, "c", Probe.REFUSED)));
  }

  @Test
  void unknownMembersAreIgnored() {
    DeadProcessTracker t = members("a", "b", "c");
    t.round(Map.of("x", Probe.REFUSED));
    assertEquals(List.of(), t.round(Map.of("x", Probe.REFUSED)));
  }
}
