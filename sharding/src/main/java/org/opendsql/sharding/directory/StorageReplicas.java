package org.opendsql.sharding.directory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage replicas of every range and where they go. Replica {@code k} of range {@code r} is
 * the storage entity {@code "r-k"}, alone in its shard (so placement is per replica).
 *
 * <p>Placement: replicas of one range go to distinct nodes whenever there are enough nodes, each
 * to the node holding the fewest replicas among those without one of its range (ties broken by a
 * per-range order, so that one lost node's replicas spread out). With too few nodes two replicas
 * share a node (each in its own key space) until a node without one joins, when {@link
 * #misplaced} moves them there.
 *
 * @param replicas replicas per range
 */
public record StorageReplicas(int replicas) {
  public StorageReplicas {
    if (replicas < 1 || replicas > 7) throw new IllegalArgumentException("storage replicas must be 1..7");
  }

  public static String entityId(long range, int replica) {
    return range + "-" + replica;
  }

  /** The range of an entity (and shard) id. */
  public static long rangeOf(String entityId) {
    int dash = entityId.lastIndexOf('-');
    if (dash < 1) throw new IllegalArgumentException("not a storage replica id: " + entityId);
    return Long.parseLong(entityId.substring(0, dash));
  }

  /** The replica index of an entity (and shard) id. */
  public static int replicaOf(String entityId) {
    int dash = entityId.lastIndexOf('-');
    if (dash < 1) throw new IllegalArgumentException("not a storage replica id: " + entityId);
    return Integer.parseInt(entityId.substring(dash + 1));
  }

  /**
   * Where to put replica {@code replica} of {@code range}.
   *
   * @param nodes the nodes able to host it, in a fixed (address) order
   * @param hosting for each node, the storage replica ids it hosts now
   */
  public static String place(long range, int replica, List<String> nodes, Map<String, ? extends Iterable<String>> hosting) {
    if (nodes.isEmpty()) throw new IllegalArgumentException("no node to place a replica on");
    List<String> free = new ArrayList<>();
    for (String node : nodes) {
      if (!hostsRange(hosting.get(node), range)) free.add(node);
    }
    List<String> from = free.isEmpty() ? nodes : free;
    int start = Math.floorMod(Long.hashCode(range * 0x9E3779B97F4A7C15L) + replica, nodes.size());
    String best = null;
    int bestCount = Integer.MAX_VALUE;
    for (int i = 0; i < nodes.size(); i++) {
      String n = nodes.get((start + i) % nodes.size());
      if (!from.contains(n)) continue;
      int count = count(hosting.get(n));
      if (count < bestCount) {
        best = n;
        bestCount = count;
      }
    }
    return best;
  }

  /**
   * The replicas to move so that no node holds two replicas of a range while another node holds
   * none of it: each such extra replica, as long as a node without its range is left for it
   * (moves are planned one after the other, each where {@link #place} would put it).
   */
  public static Set<String> misplaced(List<String> nodes, Map<String, ? extends Iterable<String>> hosting) {
    Map<String, List<String>> plan = plan(nodes, hosting, false);
    Set<String> moves = new java.util.LinkedHashSet<>();
    for (String node : nodes) {
      Set<Long> seen = new HashSet<>();
      for (String id : List.copyOf(plan.get(node))) {
        long range = rangeOf(id);
        if (seen.add(range)) continue;
        plan.get(node).remove(id);
        String to = place(range, replicaOf(id), nodes, plan);
        if (hostsRange(plan.get(to), range)) {
          plan.get(node).add(id);
        } else {
          plan.get(to).add(id);
          moves.add(id);
        }
      }
    }
    return moves;
  }

  /**
   * Moves that bring the node holding the most replicas within {@code tolerance} of the node
   * holding the fewest: each one replica from the fullest node to the emptiest one that holds none
   * of its range, planned one after the other, at most {@code maxMoves}. A node that joins is filled
   * this way, a few replicas at a time.
   */
  public static Set<String> unbalanced(List<String> nodes, Map<String, ? extends Iterable<String>> hosting,
      int tolerance, int maxMoves) {
    return unbalanced(nodes, hosting, tolerance, maxMoves, Set.of());
  }

  /** {@link #unbalanced}, never moving a replica of {@code fixed} (one an operator placed). */
  public static Set<String> unbalanced(List<String> nodes, Map<String, ? extends Iterable<String>> hosting,
      int tolerance, int maxMoves, Set<String> fixed) {
    Map<String, List<String>> plan = plan(nodes, hosting, true);
    Set<String> moves = new java.util.LinkedHashSet<>();
    while (moves.size() < maxMoves && nodes.size() > 1) {
      String fullest = null;
      String emptiest = null;
      for (String n : nodes) {
        if (fullest == null || plan.get(n).size() > plan.get(fullest).size()) fullest = n;
        if (emptiest == null || plan.get(n).size() < plan.get(emptiest).size()) emptiest = n;
      }
      if (plan.get(fullest).size() - plan.get(emptiest).size() <= tolerance) break;
      String move = null;
      for (String id : plan.get(fullest)) {
        if (!moves.contains(id) && !fixed.contains(id) && !hostsRange(plan.get(emptiest), rangeOf(id))) {
          move = id;
          break;
        }
      }
      if (move == null) break;
      plan.get(fullest).remove(move);
      plan.get(emptiest).add(move);
      moves.add(move);
    }
    return moves;
  }

  /**
   * The replicas to move off nodes being drained (those in {@code hosting} but not in
   * {@code eligible}), at most {@code maxMoves}, each planned where {@link #place} puts it among the
   * eligible nodes after the moves before it. A replica whose range every eligible node already
   * holds still moves (two replicas then share a node until another joins): a drained node leaves.
   */
  public static Set<String> evacuate(List<String> eligible, Map<String, ? extends Iterable<String>> hosting,
      int maxMoves) {
    Map<String, List<String>> plan = plan(eligible, hosting, false);
    List<String> leaving = new ArrayList<>(hosting.keySet());
    leaving.removeAll(eligible);
    leaving.sort(null);
    Set<String> moves = new java.util.LinkedHashSet<>();
    for (String node : leaving) {
      List<String> ids = new ArrayList<>();
      hosting.get(node).forEach(ids::add);
      ids.sort(null);
      for (String id : ids) {
        if (moves.size() >= maxMoves || eligible.isEmpty()) return moves;
        plan.get(place(rangeOf(id), replicaOf(id), eligible, plan)).add(id);
        moves.add(id);
      }
    }
    return moves;
  }

  /**
   * One step of balancing by load, for nodes already balanced by count: when the node carrying the
   * most weight is more than {@code allowed} above the one carrying the least, the moves (replica
   * id to node) that bring them closest: a single replica from the heavier node if that node also
   * holds more replicas, else a swap of a heavier replica for a lighter one, so counts stay as
   * they are. A move is made only if it narrows the gap by at least half of {@code allowed}, never
   * onto a node holding the range, never of a replica in {@code fixed}. Empty when nothing helps.
   *
   * @param weight each replica's weight (bytes and operations, in one unit); a replica without one
   *     weighs the mean of the others
   */
  public static Map<String, String> unbalancedByLoad(List<String> nodes, Map<String, ? extends Iterable<String>> hosting,
      Map<String, Double> weight, double allowed, Set<String> fixed) {
    if (nodes.size() < 2) return Map.of();
    double known = 0;
    int knownCount = 0;
    for (double w : weight.values()) {
      known += w;
      knownCount++;
    }
    double mean = knownCount == 0 ? 0 : known / knownCount;
    Map<String, List<String>> on = plan(nodes, hosting, true);
    Map<String, Double> load = new java.util.HashMap<>();
    for (String n : nodes) {
      List<String> ids = on.get(n);
      double sum = 0;
      for (String id : ids) sum += weight.getOrDefault(id, mean);
      load.put(n, sum);
    }
    String heavy = nodes.get(0);
    String light = nodes.get(0);
    for (String n : nodes) {
      if (load.get(n) > load.get(heavy)) heavy = n;
      if (load.get(n) < load.get(light)) light = n;
    }
    double gap = load.get(heavy) - load.get(light);
    if (gap <= allowed) return Map.of();
    String bestFrom = null;
    String bestBack = null;
    double bestLeft = gap;
    boolean single = on.get(heavy).size() > on.get(light).size();
    for (String a : on.get(heavy)) {
      if (fixed.contains(a) || hostsRange(on.get(light), rangeOf(a))) continue;
      double wa = weight.getOrDefault(a, mean);
      if (single) {
        double left = Math.abs(gap - 2 * wa);
        if (left < bestLeft) {
          bestLeft = left;
          bestFrom = a;
        }
        continue;
      }
      for (String b : on.get(light)) {
        if (fixed.contains(b) || rangeOf(b) == rangeOf(a) || hostsRange(on.get(heavy), rangeOf(b))) continue;
        double left = Math.abs(gap - 2 * (wa - weight.getOrDefault(b, mean)));
        if (left < bestLeft) {
          bestLeft = left;
          bestFrom = a;
          bestBack = b;
        }
      }
    }
    // A move copies a whole replica: not for a gain smaller than half the allowance.
    if (bestFrom == null || gap - bestLeft < allowed / 2) return Map.of();
    Map<String, String> moves = new java.util.LinkedHashMap<>();
    moves.put(bestFrom, light);
    if (bestBack != null) moves.put(bestBack, heavy);
    return moves;
  }

  /** A copy of what each of {@code nodes} hosts, to plan moves on ({@code sorted}: ids in order). */
  private static Map<String, List<String>> plan(List<String> nodes, Map<String, ? extends Iterable<String>> hosting,
      boolean sorted) {
    Map<String, List<String>> plan = new java.util.HashMap<>();
    for (String node : nodes) {
      List<String> ids = new ArrayList<>();
      Iterable<String> current = hosting.get(node);
      if (current != null) current.forEach(ids::add);
      if (sorted) ids.sort(null);
      plan.put(node, ids);
    }
    return plan;
  }

  /** The fewest replicas any of {@code nodes} holds. */
  public static int fewest(List<String> nodes, Map<String, ? extends Iterable<String>> hosting) {
    int min = Integer.MAX_VALUE;
    for (String n : nodes) min = Math.min(min, count(hosting.get(n)));
    return nodes.isEmpty() ? 0 : min;
  }

  /** How many replicas {@code node} holds. */
  public static int countOn(String node, Map<String, ? extends Iterable<String>> hosting) {
    return count(hosting.get(node));
  }

  private static int count(Iterable<String> ids) {
    int n = 0;
    if (ids != null) {
      for (String ignored : ids) n++;
    }
    return n;
  }

  private static boolean hostsRange(Iterable<String> ids, long range) {
    if (ids == null) return false;
    for (String id : ids) {
      if (rangeOf(id) == range) return true;
    }
    return false;
  }
}
