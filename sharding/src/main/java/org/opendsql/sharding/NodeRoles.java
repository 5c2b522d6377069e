package org.opendsql.sharding;

import java.util.Set;

/**
 * What a node runs, as Pekko cluster roles: {@link #SQL} (the PostgreSQL wire endpoint and its
 * query processor), and the three entity types sharding places only on nodes with their role.
 */
public final class NodeRoles {
  public static final String SQL = "sql";
  public static final String ADJUDICATOR = "adjudicator";
  public static final String JOURNAL = "journal";
  public static final String STORAGE = "storage";
  public static final Set<String> ALL = Set.of(SQL, ADJUDICATOR, JOURNAL, STORAGE);

  private NodeRoles() {}

  /** Checks a node's roles: a non-empty subset of {@link #ALL}. */
  public static Set<String> check(java.util.Collection<String> roles) {
    if (roles.isEmpty()) throw new IllegalArgumentException("opendsql.node.roles must name at least one role of " + ALL);
    for (String r : roles) {
      if (!ALL.contains(r)) throw new IllegalArgumentException("unknown role " + r + " in opendsql.node.roles (roles: " + ALL + ")");
    }
    return Set.copyOf(roles);
  }

  /**
   * Whether this node is the oldest up member running {@code role} (a member with none of our
   * roles runs all): where Cluster Sharding runs that entity type's coordinator.
   */
  public static boolean oldestWith(org.apache.pekko.actor.typed.ActorSystem<?> system, String role) {
    org.apache.pekko.cluster.typed.Cluster cluster = org.apache.pekko.cluster.typed.Cluster.get(system);
    org.apache.pekko.cluster.Member oldest = null;
    for (org.apache.pekko.cluster.Member m : cluster.state().getMembers()) {
      if (m.status() != org.apache.pekko.cluster.MemberStatus.up() || !runs(m, role)) continue;
      if (oldest == null || m.isOlderThan(oldest)) oldest = m;
    }
    return oldest != null && oldest.equals(cluster.selfMember());
  }

  /** A member runs an entity type if it has its role, or if it has none of ours (a bare system runs all). */
  public static boolean runs(org.apache.pekko.cluster.Member m, String role) {
    return m.getRoles().contains(role) || java.util.Collections.disjoint(m.getRoles(), ALL);
  }
}
