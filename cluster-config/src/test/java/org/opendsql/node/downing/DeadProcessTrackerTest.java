package org.opendsql.node.downing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opendsql.node.downing.DeadProcessTracker.Probe;

class DeadProcessTrackerTest {
  private static DeadProcessTracker threeMembers() {
    DeadProcessTracker t = new DeadProcessTracker();
    t.memberUp("a");
    t.memberUp("b");
    t.memberUp("c");
    return t;
  }

  @Test
  void aMemberWhosePortRefusesIsDownedOnceEvenBeforeItIsUnreachable() {
    DeadProcessTracker t = threeMembers();
    assertTrue(t.probed("c", Probe.REFUSED));
    assertFalse(t.probed("c", Probe.REFUSED), "downed once");
  }

  @Test
  void aNodeCutOffFromTheMajorityNeverDownsOthers() {
    DeadProcessTracker t = threeMembers();
    t.unreachable("b");
    assertFalse(t.probed("c", Probe.REFUSED), "b unreachable and c refusing leave one of three");
  }

  @Test
  void twoRefusingMembersOfThreeAreNotBothDownedByTheThird() {
    DeadProcessTracker t = threeMembers();
    assertTrue(t.probed("b", Probe.REFUSED));
    assertFalse(t.probed("c", Probe.REFUSED));
  }

  @Test
  void aPausedOrPartitionedMemberIsLeftToTheResolver() {
    DeadProcessTracker t = threeMembers();
    t.unreachable("c");
    assertFalse(t.probed("c", Probe.NO_ANSWER));
    assertFalse(t.probed("c", Probe.ACCEPTED));
  }

  @Test
  void aRefusalIsForgottenByALaterAcceptedProbe() {
    DeadProcessTracker t = new DeadProcessTracker();
    for (String m : new String[] {"a", "b", "c", "d", "e"}) t.memberUp(m);
    t.unreachable("e");
    t.probed("d", Probe.REFUSED);
    t.probed("d", Probe.ACCEPTED);
    assertTrue(t.probed("c", Probe.REFUSED), "d accepts again: a, b, d of five are a majority");
  }

  @Test
  void unknownMembersAreIgnored() {
    assertFalse(threeMembers().probed("x", Probe.REFUSED));
  }
}
