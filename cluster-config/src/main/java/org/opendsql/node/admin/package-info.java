/**
 * The control plane: the ClusterAdmin gRPC service every node serves (Pekko gRPC over TLS with the
 * node's pgwire identity; every call must carry an admin token), and the {@code bin/dsql nodes |
 * ranges | split} commands that call it and print tables. The service only reads and forwards:
 * what it shows comes from the sharding module's inspector, and a split goes through the range's
 * adjudicator and the journals like any directory change.
 */
package org.opendsql.node.admin;
