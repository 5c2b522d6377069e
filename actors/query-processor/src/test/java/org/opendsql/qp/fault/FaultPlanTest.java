package org.opendsql.qp.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.qp.fault.FaultPlan.Action;
import org.opendsql.qp.fault.FaultPlan.Rule;

class FaultPlanTest {

  @Test
  void withoutRulesEveryMessageIsDelivered() {
    FaultPlan plan = new FaultPlan(1);
    assertEquals(Action.DELIVER, plan.decide("storage", "0-0", "Apply").action());
  }

  @Test
  void aRuleHitsOnlyItsRoleEntityAndMessageType() {
    FaultPlan plan = new FaultPlan(1);
    plan.enable(new Rule("r", "storage", "0-0", "Apply", Action.DROP, 1.0, 0, -1));
    assertEquals(Action.DROP, plan.decide("storage", "0-0", "Apply").action());
    assertEquals(Action.DELIVER, plan.decide("storage", "0-1", "Apply").action());
    assertEquals(Action.DELIVER, plan.decide("storage", "0-0", "ReadAt").action());
    assertEquals(Action.DELIVER, plan.decide("journal", "0-0", "Apply").action());
  }

  @Test
  void aLimitedRuleStopsFiringAtItsLimitAndLaterRulesDecide() {
    FaultPlan plan = new FaultPlan(1);
    plan.enable(Rule.once("crash", "adjudicator", "0", null, Action.CRASH_AFTER));
    plan.enable(new Rule("slow", "adjudicator", null, null, Action.DELAY, 1.0, 50, -1));
    assertEquals(Action.CRASH_AFTER, plan.decide("adjudicator", "0", "CommitTxn").action());
    FaultPlan.Decision next = plan.decide("adjudicator", "0", "CommitTxn");
    assertEquals(new FaultPlan.Decision(Action.DELAY, 50), next);
    assertEquals(1, plan.fired("crash"));
    assertEquals(1, plan.fired("slow"));
  }

  @Test
  void theSameSeedMakesTheSameDecisionsAndTheProbabilityIsRoughlyKept() {
    List<Action> first = run(42);
    assertEquals(first, run(42));
    long dropped = first.stream().filter(a -> a == Action.DROP).count();
    assertEquals(250, dropped, 50, "about a quarter of 1000 messages");
  }

  @Test
  void aDisabledRuleNoLongerFires() {
    FaultPlan plan = new FaultPlan(1);
    plan.enable(Rule.sometimes("dup", "adjudicator", "Vote", Action.DUPLICATE, 1.0, 0));
    assertEquals(Action.DUPLICATE, plan.decide("adjudicator", "1", "Vote").action());
    plan.disable("dup");
    assertEquals(Action.DELIVER, plan.decide("adjudicator", "1", "Vote").action());
    assertEquals(1, plan.fired().get("dup"));
  }

  private static List<Action> run(long seed) {
    FaultPlan plan = new FaultPlan(seed);
    plan.enable(Rule.sometimes("drop", null, "ReadAt", Action.DROP, 0.25, 0));
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < 1000; i++) actions.add(plan.decide("storage", "0-" + (i % 2), "ReadAt").action());
    return actions;
  }
}
