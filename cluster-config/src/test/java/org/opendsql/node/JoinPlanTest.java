package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JoinPlanTest {
  private static final List<String> SEEDS = List.of("h:1", "h:2", "h:3");

  @Test
  void aBrandNewClustersFirstSeedMayFormItAlone() {
    assertTrue(JoinPlan.decide(SEEDS, "h:1", false, 3).formsAlone());
  }

  @Test
  void aFormerMemberNeverFormsAClusterAloneEvenAsTheFirstSeed() {
    JoinPlan plan = JoinPlan.decide(SEEDS, "h:1", true, 3);
    assertFalse(plan.formsAlone());
    assertTrue(plan.waitsForEveryOtherSeed());
    assertEquals(SEEDS, plan.seeds());
  }

  @Test
  void otherSeedsNeverFormAClusterAlone() {
    assertFalse(JoinPlan.decide(SEEDS, "h:2", false, 3).formsAlone());
    assertFalse(JoinPlan.decide(SEEDS, "h:3", true, 3).formsAlone());
    assertFalse(JoinPlan.decide(SEEDS, "h:3", true, 3).waitsForEveryOtherSeed());
  }

  @Test
  void aFormerMemberWhoseOnlySeedIsItselfIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JoinPlan.decide(List.of("h:1"), "h:1", true, 3));
    assertTrue(e.getMessage().contains("--seed"), e.getMessage());
  }

  @Test
  void aClusterOfOneReformsFromItsOwnSeed() {
    assertTrue(JoinPlan.decide(List.of("h:1"), "h:1", true, 1).formsAlone());
  }

  @Test
  void noSeedsFormsANewCluster() {
    JoinPlan plan = JoinPlan.decide(List.of(), "h:1", true, 1);
    assertTrue(plan.formsAlone());
    assertEquals(List.of(), plan.seeds());
  }
}
