package org.opendsql.node.downing;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides which members to down because their process is gone. A member whose cluster port
 * refuses a TCP connect has no actor system listening: it cannot be serving, whatever the failure
 * detector says yet. A paused process, a slow one or a partition answers a connect with a
 * timeout, or accepts it; those are left to the split-brain resolver.
 *
 * <p>A node acts only while it reaches a strict majority of the membership, counting every member
 * that is unreachable or refuses connections as lost: a node cut off from the others (whose
 * connects they may refuse too) never downs them. Each member is downed once.
 */
public final class DeadProcessTracker {
  /** What a TCP connect to a member's cluster port did. */
  public enum Probe {
    REFUSED,
    ACCEPTED,
    NO_ANSWER
  }

  private final Set<String> members = new HashSet<>();
  private final Set<String> unreachable = new HashSet<>();
  private final Set<String> refused = new HashSet<>();
  private final Set<String> downed = new HashSet<>();

  public void memberUp(String member) {
    members.add(member);
  }

  public void memberRemoved(String member) {
    members.remove(member);
    unreachable.remove(member);
    refused.remove(member);
    downed.remove(member);
  }

  public void unreachable(String member) {
    if (members.contains(member)) unreachable.add(member);
  }

  public void reachable(String member) {
    unreachable.remove(member);
  }

  /** Records a probe's result; true when {@code member} is to be downed now. */
  public boolean probed(String member, Probe probe) {
    if (!members.contains(member)) return false;
    if (probe != Probe.REFUSED) {
      refused.remove(member);
      return false;
    }
    refused.add(member);
    if (downed.contains(member) || !majorityReachable()) return false;
    downed.add(member);
    return true;
  }

  private boolean majorityReachable() {
    Set<String> lost = new HashSet<>(unreachable);
    lost.addAll(refused);
    return 2 * (members.size() - lost.size()) > members.size();
  }
}
