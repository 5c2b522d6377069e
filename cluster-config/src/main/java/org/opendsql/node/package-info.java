/**
 * Starting a node (the single-process embedded default or a cluster member): the one settings
 * tree ({@link org.opendsql.node.NodeConfig}, checked into {@link org.opendsql.node.NodeSettings}
 * before anything starts) and the command line ({@link org.opendsql.node.Main}, including the
 * token tool). The only place that knows every module.
 */
package org.opendsql.node;
