package org.opendsql.qp;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether this node can reach a majority of the cluster's members, from membership and
 * reachability as this node sees them. The journal's Raft group has a peer on every member, so
 * without a majority no commit can become durable and no read can be proven fresh: the query
 * processor then answers at once instead of waiting out its timeouts.
 *
 * <p>Members count from the moment they join until they are removed (a downed member still
 * counts until then, so losing two of three nodes is a lost majority even before anything is
 * downed).
 */
public final class MajorityView {
  private final Set<String> members = new HashSet<>();
  private final Set<String> unreachable = new HashSet<>();

  public void memberJoined(String member) {
    members.add(member);
  }

  public void memberRemoved(String member) {
    members.remove(member);
    unreachable.remove(member);
  }

  public void unreachable(String member) {
    if (members.contains(member)) unreachable.add(member);
  }

  public void reachable(String member) {
    unreachable.remove(member);
  }

  /** True until this node knows the membership (it is not serving before then anyway). */
  public boolean hasMajority() {
    if (members.isEmpty()) return true;
    return 2 * (members.size() - unreachable.size()) > members.size();
  }
}
