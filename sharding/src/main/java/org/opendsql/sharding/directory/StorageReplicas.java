package org.opendsql.sharding.directory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage replicas of every range and where they go. Replica {@code k} of range {@code r} is
 * the storage entity {@code "r-k"}, alone in its shard (so placement is per replica), and keeps
 * its data in the node's store under key space {@link #storeId}.
 *
 * <p>Placement: replicas of one range go to distinct nodes whenever there are enough nodes,
 * spread so that every node gets its share (replica k of range r prefers the (r + k)-th node in
 * address order). When a node is lost its replicas are re-created on nodes that do not yet hold
 * that range; with too few nodes two replicas share a node (each in its own key space) until a
 * node without one joins, when {@link #misplaced} moves them there.
 *
 * @param ranges the number of ranges (as in {@link RangeDirectory})
 * @param replicas replicas per range
 */
public record StorageReplicas(int ranges, int replicas) {
  public StorageReplicas {
    if (ranges < 1) throw new IllegalArgumentException("ranges must be positive");
    if (replicas < 1 || replicas > 7) throw new IllegalArgumentException("storage replicas must be 1..7");
  }

  public String entityId(int range, int replica) {
    return range + "-" + replica;
  }

  /** {@code {range, replica}} of an entity (and shard) id. */
  public static int[] parse(String entityId) {
    int dash = entityId.indexOf('-');
    if (dash < 1) throw new IllegalArgumentException("not a storage replica id: " + entityId);
    return new int[] {Integer.parseInt(entityId.substring(0, dash)), Integer.parseInt(entityId.substring(dash + 1))};
  }

  /** A dense index over all replicas, range-major. */
  public int slot(int range, int replica) {
    return range * replicas + replica;
  }

  public int slots() {
    return ranges * replicas;
  }

  /** Key space of the replica in its node's store; replica 0 uses the range number itself. */
  public int storeId(int range, int replica) {
    return range + replica * ranges;
  }

  /**
   * Where to put replica {@code replica} of {@code range}.
   *
   * @param nodes the nodes able to host it, in a fixed (address) order
   * @param hosting for each node, the storage replica ids it hosts now
   */
  public static String place(int range, int replica, List<String> nodes, Map<String, ? extends Iterable<String>> hosting) {
    if (nodes.isEmpty()) throw new IllegalArgumentException("no node to place a replica on");
    List<String> free = new ArrayList<>();
    for (String node : nodes) {
      if (!hostsRange(hosting.get(node), range)) free.add(node);
    }
    List<String> from = free.isEmpty() ? nodes : free;
    String preferred = nodes.get(Math.floorMod(range + replica, nodes.size()));
    if (from.contains(preferred)) return preferred;
    // The next free node after the preferred one, so that one lost node's replicas spread out.
    int start = nodes.indexOf(preferred);
    for (int i = 1; i <= nodes.size(); i++) {
      String n = nodes.get((start + i) % nodes.size());
      if (from.contains(n)) return n;
    }
    return from.get(0);
  }

  /**
   * The replicas to move so that no node holds two replicas of a range while another node holds
   * none of it: each such extra replica, as long as a node without its range is left for it
   * (moves are planned one after the other, each where {@link #place} would put it).
   */
  public static Set<String> misplaced(List<String> nodes, Map<String, ? extends Iterable<String>> hosting) {
    Map<String, List<String>> plan = new java.util.HashMap<>();
    for (String node : nodes) {
      List<String> ids = new ArrayList<>();
      Iterable<String> current = hosting.get(node);
      if (current != null) current.forEach(ids::add);
      plan.put(node, ids);
    }
    Set<String> moves = new java.util.LinkedHashSet<>();
    for (String node : nodes) {
      Set<Integer> seen = new HashSet<>();
      for (String id : List.copyOf(plan.get(node))) {
        int[] rk = parse(id);
        if (seen.add(rk[0])) continue;
        plan.get(node).remove(id);
        String to = place(rk[0], rk[1], nodes, plan);
        if (hostsRange(plan.get(to), rk[0])) {
          plan.get(node).add(id);
        } else {
          plan.get(to).add(id);
          moves.add(id);
        }
      }
    }
    return moves;
  }

  private static boolean hostsRange(Iterable<String> ids, int range) {
    if (ids == null) return false;
    for (String id : ids) {
      if (parse(id)[0] == range) return true;
    }
    return false;
  }
}
