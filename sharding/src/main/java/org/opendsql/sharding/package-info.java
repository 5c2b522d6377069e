/**
 * The cluster's sharded entities and their wiring. Invariant: nothing outside this package
 * addresses an entity except through Cluster Sharding entity refs.
 */
package org.opendsql.sharding;
