/** Hybrid logical clocks: every node's source of snapshot and commit timestamps. */
package org.opendsql.core.time;
