package org.opendsql.node.downing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opendsql.node.downing.DeadProcessRule.Probe;

class DeadProcessRuleTest {
  @Test
  void aRefusedPortOnTheMajoritySideIsDownedAtOnce() {
    assertTrue(DeadProcessRule.downNow(Probe.REFUSED, true, true));
  }

  @Test
  void aNodeCutOffFromTheMajorityNeverDownsOthers() {
    assertFalse(DeadProcessRule.downNow(Probe.REFUSED, true, false));
  }

  @Test
  void aPausedOrPartitionedMemberIsLeftToTheResolver() {
    assertFalse(DeadProcessRule.downNow(Probe.NO_ANSWER, true, true));
    assertFalse(DeadProcessRule.downNow(Probe.ACCEPTED, true, true));
  }

  @Test
  void aMemberReachableAgainByTheTimeTheProbeAnswersIsLeftAlone() {
    assertFalse(DeadProcessRule.downNow(Probe.REFUSED, false, true));
  }
}
