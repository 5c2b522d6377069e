package org.opendsql.sharding.allocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Placement of the shards of one entity type whose entities are alike (adjudicators, journals):
 * each new shard to the eligible node holding the fewest, and moves that empty the nodes no longer
 * eligible (drained) and, when asked, bring the fullest node within a tolerance of the emptiest.
 */
public final class ShardSpread {
  private ShardSpread() {}

  /**
   * The node for a new shard: among {@code eligible} (in a fixed order, which breaks ties), the one
   * holding the fewest shards.
   */
  public static String allocate(List<String> eligible, Map<String, ? extends Collection<String>> hosting) {
    if (eligible.isEmpty()) throw new IllegalArgumentException("no node to place a shard on");
    String best = null;
    int fewest = Integer.MAX_VALUE;
    for (String n : eligible) {
      int count = count(hosting.get(n));
      if (count < fewest) {
        best = n;
        fewest = count;
      }
    }
    return best;
  }

  /**
   * The shards to move now, at most {@code maxMoves}: first every shard on a node outside
   * {@code eligible}; then, if {@code tolerance} is not negative, shards from the fullest eligible
   * node to the emptiest until they are within {@code tolerance} of each other. Planned one after
   * the other (each move counted before the next is chosen). A tolerance of 0 acts as 1: shards
   * are whole.
   *
   * @param nodes every node of the type's regions, in a fixed order
   */
  public static Set<String> rebalance(List<String> nodes, List<String> eligible,
      Map<String, ? extends Collection<String>> hosting, int tolerance, int maxMoves) {
    Map<String, List<String>> plan = new HashMap<>();
    for (String n : nodes) {
      List<String> shards = new ArrayList<>();
      Collection<String> current = hosting.get(n);
      if (current != null) shards.addAll(current);
      shards.sort(null);
      plan.put(n, shards);
    }
    for (String n : eligible) plan.computeIfAbsent(n, k -> new ArrayList<>());
    Set<String> moves = new LinkedHashSet<>();
    for (String n : nodes) {
      if (eligible.contains(n)) continue;
      for (String shard : List.copyOf(plan.get(n))) {
        if (moves.size() >= maxMoves) return moves;
        String to = allocate(eligible, plan);
        plan.get(n).remove(shard);
        plan.get(to).add(shard);
        moves.add(shard);
      }
    }
    if (!moves.isEmpty() || tolerance < 0) return moves;
    while (moves.size() < maxMoves && eligible.size() > 1) {
      String fullest = null;
      String emptiest = null;
      for (String n : eligible) {
        if (fullest == null || plan.get(n).size() > plan.get(fullest).size()) fullest = n;
        if (emptiest == null || plan.get(n).size() < plan.get(emptiest).size()) emptiest = n;
      }
      // Within one of each other is as even as whole shards get, whatever the tolerance says.
      if (plan.get(fullest).size() - plan.get(emptiest).size() <= Math.max(tolerance, 1)) break;
      String shard = plan.get(fullest).remove(plan.get(fullest).size() - 1);
      plan.get(emptiest).add(shard);
      moves.add(shard);
    }
    return moves;
  }

  private static int count(Collection<String> shards) {
    return shards == null ? 0 : shards.size();
  }
}
