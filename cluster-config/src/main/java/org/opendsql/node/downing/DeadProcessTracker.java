package org.opendsql.node.downing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which members to down because their process is gone. A member whose cluster port
 * refuses a TCP connect has no actor system listening: it cannot be serving, whatever the failure
 * detector says yet. A paused process, a slow one or a partition answers a connect with a
 * timeout, or accepts it; those are left to the split-brain resolver.
 *
 * <p>Probes come in rounds (every other member once). A member is downed only after refusing in
 * two rounds in a row, and only while this node reaches a strict majority of the membership
 * counting every member unreachable or refusing in the latest round as lost: a node cut off from
 * the others never downs them, and when several nodes die within a round of each other (a lost
 * majority), none is downed ahead of the split-brain resolver, which then downs the minority.
 * Each member is downed once.
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
  private final Map<String, Integer> refusedRounds = new HashMap<>();
  private final Map<String, Integer> silentRounds = new HashMap<>();
  private final Set<String> downed = new HashSet<>();

  public void memberUp(String member) {
    members.add(member);
  }

  public void memberRemoved(String member) {
    members.remove(member);
    unreachable.remove(member);
    refusedRounds.remove(member);
    silentRounds.remove(member);
    downed.remove(member);
  }

  public void unreachable(String member) {
    if (members.contains(member)) unreachable.add(member);
  }

  public void reachable(String member) {
    unreachable.remove(member);
  }

  /** Members that refused in at least the last two rounds: their process is gone. */
  public Set<String> gone() {
    Set<String> gone = new HashSet<>();
    refusedRounds.forEach((member, rounds) -> {
      if (rounds >= 2) gone.add(member);
    });
    return gone;
  }

  /**
   * Members whose port gave no answer at all in at least the last two rounds: packets to them
   * are dropped (a partition, a dead host), since even a paused process's kernel still completes
   * a connect. Never downed for it (the resolver decides), but nothing sent there is answered:
   * requests to them are given up, and a node that finds a majority silent has no quorum.
   */
  public Set<String> silent() {
    Set<String> silent = new HashSet<>();
    silentRounds.forEach((member, rounds) -> {
      if (rounds >= 2) silent.add(member);
    });
    return silent;
  }

  /** Records one round of probes; returns the members to down now. */
  public List<String> round(Map<String, Probe> probes) {
    Set<String> lost = new HashSet<>(unreachable);
    for (Map.Entry<String, Probe> p : probes.entrySet()) {
      if (!members.contains(p.getKey())) continue;
      if (p.getValue() == Probe.NO_ANSWER) silentRounds.merge(p.getKey(), 1, Integer::sum);
      else silentRounds.remove(p.getKey());
      if (p.getValue() == Probe.REFUSED) {
        refusedRounds.merge(p.getKey(), 1, Integer::sum);
        lost.add(p.getKey());
      } else {
        refusedRounds.remove(p.getKey());
      }
    }
    List<String> down = new ArrayList<>();
    if (2 * (members.size() - lost.size()) <= members.size()) return down;
    for (Map.Entry<String, Integer> r : refusedRounds.entrySet()) {
      if (r.getValue() >= 2 && downed.add(r.getKey())) down.add(r.getKey());
    }
    return down;
  }
}
