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
}
