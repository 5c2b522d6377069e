/**
 * The cluster's Kryo class-id table: the one place where every message and journal event gets its
 * id. Invariant: ids and registered record shapes are wire and journal format, pinned by a golden
 * file in this module's tests.
 */
package org.opendsql.sharding.serialization;
