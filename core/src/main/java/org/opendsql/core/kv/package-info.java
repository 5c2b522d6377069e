/**
 * The storage contract seen by the SQL engine: timestamped reads, ordered scans in pages (the
 * unit of backpressure), and one optimistic commit call. No Pekko types cross this boundary.
 */
package org.opendsql.core.kv;
