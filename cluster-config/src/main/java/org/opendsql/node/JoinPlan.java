package org.opendsql.node;

import java.util.List;

/**
 * How a node enters its cluster, decided from its seed list, its own cluster address and whether
 * its data folder says it was a member before.
 *
 * <p>The rule that keeps one cluster per set of data folders: only a brand new cluster's first
 * seed may form a cluster on its own. A node that was a member before never does; as the first
 * seed it forms a cluster only once every other seed has answered that it is not in one either
 * (the whole cluster restarting), and otherwise it waits until one of them lets it in. Every node
 * can then be started with the same seed list, in any order, any number of times.
 *
 * @param seeds the addresses to join through, in the order given (empty: form a new cluster)
 * @param formsAlone whether this node may form a cluster when no other seed answers in time
 * @param firstSeed whether this node is the first seed (Pekko's seed process differs for it)
 */
public record JoinPlan(List<String> seeds, boolean formsAlone, boolean firstSeed) {

  /** The first seed of a cluster that existed before: it forms one only with every seed's word. */
  public boolean waitsForEveryOtherSeed() {
    return firstSeed && !formsAlone;
  }

  /**
   * @param seeds the configured seeds, {@code host:port}
   * @param self this node's cluster address, {@code host:port}
   * @param wasMember whether this node's data folder was a cluster member's
   * @param minMembers the members the cluster needs (1: a cluster of one may always re-form)
   * @throws IllegalArgumentException when the seeds would let a former member form a second
   *     cluster (it names only itself while its cluster has other members)
   */
  public static JoinPlan decide(List<String> seeds, String self, boolean wasMember, int minMembers) {
    if (seeds.isEmpty()) return new JoinPlan(List.of(), true, true);
    boolean first = seeds.get(0).equals(self);
    boolean onlySelf = seeds.stream().allMatch(self::equals);
    if (onlySelf && wasMember && minMembers > 1) {
      throw new IllegalArgumentException("this node was a member of a cluster of " + minMembers
          + " and its only seed is itself, so it would form a second cluster: give every node the same"
          + " --seed list naming the other members too");
    }
    return new JoinPlan(List.copyOf(seeds), first && (!wasMember || onlySelf), first);
  }
}
