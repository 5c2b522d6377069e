/**
 * Starting a node (single-process embedded default or a cluster member) and the command line,
 * including the token tool. The only place that knows every module.
 */
package org.opendsql.node;
