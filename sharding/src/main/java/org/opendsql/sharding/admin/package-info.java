/**
 * What the control plane reads and drives on a node: the cluster's members, the range directory
 * with where each range's adjudicator and replicas run and their size and load (asked of the
 * entities themselves, so a listing is as fresh as their answers), and splits on demand. Nothing
 * here decides anything: a split goes through the range's adjudicator and the journals like any
 * other directory change.
 */
package org.opendsql.sharding.admin;
