package org.opendsql.qp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MajorityViewTest {
  private static MajorityView threeMembers() {
    MajorityView v = new MajorityView();
    v.memberJoined("a");
    v.memberJoined("b");
    v.memberJoined("c");
    return v;
  }

  @Test
  void oneUnreachableOfThreeLeavesAMajority() {
    MajorityView v = threeMembers();
    v.unreachable("c");
    assertTrue(v.hasMajority());
  }

  @Test
  void twoUnreachableOfThreeIsNoMajorityUntilOneIsReachableAgain() {
    MajorityView v = threeMembers();
    v.unreachable("b");
    v.unreachable("c");
    assertFalse(v.hasMajority());
    v.reachable("b");
    assertTrue(v.hasMajority());
  }

  @Test
  void aRemovedMemberNoLongerCounts() {
    MajorityView v = threeMembers();
    v.unreachable("c");
    v.memberRemoved("c");
    v.unreachable("b");
    assertFalse(v.hasMajority(), "one of two members reachable is not a majority");
    v.memberJoined("d");
    assertTrue(v.hasMajority(), "two of three members reachable");
  }

  @Test
  void halfOfAnEvenClusterIsNoMajority() {
    MajorityView v = threeMembers();
    v.memberJoined("d");
    v.unreachable("c");
    v.unreachable("d");
    assertFalse(v.hasMajority());
  }

  @Test
  void unknownMembersDoNotCount() {
    MajorityView v = threeMembers();
    v.unreachable("x");
    assertTrue(v.hasMajority());
  }
}
