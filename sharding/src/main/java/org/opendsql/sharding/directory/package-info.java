/**
 * The range directory (which key range, and so which adjudicator, owns a key) and the storage
 * replicas of each range with the pure placement rules Cluster Sharding follows for them. Pure:
 * no Pekko here.
 */
package org.opendsql.sharding.directory;
