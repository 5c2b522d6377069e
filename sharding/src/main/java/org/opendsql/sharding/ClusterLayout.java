package org.opendsql.sharding;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * The cluster's shape, read from {@code opendsql.cluster}: every node must say the same, since it
 * is part of the on-disk layout and of every routing decision.
 *
 * @param journals journals commits are written to (each commit wholly to one)
 * @param storageReplicas storage replicas per range
 * @param minMembers members that must be up before entities are placed (a fresh cluster's size)
 */
public record ClusterLayout(int journals, int storageReplicas, int minMembers) {
  public ClusterLayout {
    if (journals < 1 || journals > 64) throw new IllegalArgumentException("opendsql.cluster.journals must be 1..64");
    if (storageReplicas < 1 || storageReplicas > 7) {
      throw new IllegalArgumentException("opendsql.cluster.storage-replicas must be 1..7 (or auto)");
    }
    if (minMembers < 1) throw new IllegalArgumentException("opendsql.cluster.min-members must be at least 1");
  }

  /**
   * From {@code opendsql.cluster}; {@code storage-replicas = auto} means three, but no more than a
   * fresh cluster's size (so a single node keeps one).
   */
  public ClusterLayout(Config config) {
    this(config.getInt("opendsql.cluster.journals"),
        replicas(config), config.getInt("opendsql.cluster.min-members"));
  }

  private static int replicas(Config config) {
    String path = "opendsql.cluster.storage-replicas";
    if ("auto".equals(config.getString(path))) {
      return Math.max(1, Math.min(3, config.getInt("opendsql.cluster.min-members")));
    }
    try {
      return config.getInt(path);
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException(path + " must be a number 1..7 or auto");
    }
  }
}
