/**
 * The storage replicas of each range with the pure placement rules Cluster Sharding follows for
 * them (the range directory itself is {@code org.opendsql.core.range}). Pure: no Pekko here.
 */
package org.opendsql.sharding.directory;
