package org.opendsql.node.downing;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which member to down when exactly two members cannot reach each other while this node
 * still reaches both: a broken link between two nodes (packets lost one way, a bad route), not a
 * partition. Pekko's split-brain resolver downs every member involved in such a link, both ends:
 * in a cluster of three that leaves one node and no journal quorum, so writes stop until both come
 * back. Downing only the younger end leaves a connected majority that goes on.
 *
 * <p>Only a node outside the pair decides (it sees both ends alive; the ends cannot tell a broken
 * link from the other's death), only when the pair has been the whole of the cluster's unreachable
 * set for two rounds in a row (gossip has settled, and two rounds are well inside the resolver's
 * {@code stable-after}); the members left after downing one end (this node among them, so at
 * least two of three) are a strict majority. Every node outside the pair picks the same member (the younger by the cluster's age order), and
 * each member is downed once. Anything else (one member unreachable: dead, paused or cut off; three
 * or more) is left to the split-brain resolver.
 */
public final class BrokenLinkResolver {
  private Set<String> lastPair = Set.of();
  private final Set<String> downed = new HashSet<>();

  /**
   * One round.
   *
   * @param self this node
   * @param oldestFirst every member, oldest first
   * @param unreachable the members some member observes as unreachable (the cluster's view)
   * @param reachableToMe the members this node's own failure detector trusts
   * @return the member to down now, if any
   */
  public Optional<String> round(String self, List<String> oldestFirst, Set<String> unreachable,
      Set<String> reachableToMe) {
    Set<String> pair = unreachable.size() == 2 && !unreachable.contains(self)
        && reachableToMe.containsAll(unreachable) && oldestFirst.containsAll(unreachable) ? Set.copyOf(unreachable) : Set.of();
    boolean settled = !pair.isEmpty() && pair.equals(lastPair);
    lastPair = pair;
    if (!settled) return Optional.empty();
    String younger = null;
    for (String member : oldestFirst) {
      if (pair.contains(member)) younger = member;
    }
    return downed.add(younger) ? Optional.of(younger) : Optional.empty();
  }

  public void memberRemoved(String member) {
    downed.remove(member);
  }
}
