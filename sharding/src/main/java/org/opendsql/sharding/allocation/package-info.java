/**
 * Where Cluster Sharding places entities and when it moves them: storage replicas one per shard,
 * the replicas of a range on distinct nodes (rules in {@link org.opendsql.sharding.directory.StorageReplicas}).
 */
package org.opendsql.sharding.allocation;
