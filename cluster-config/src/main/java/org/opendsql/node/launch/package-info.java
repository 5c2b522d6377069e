/** Launching nodes in their own JVMs (for crash and multi-node tests, and scripts). */
package org.opendsql.node.launch;
