/**
 * The journal's protocol: appends and fences from adjudicators with their replies, storage
 * replicas' requests as they arrive through sharding, the persisted batch event, and the routes
 * the crossbar uses to reach storage. The event's records are the journal's on-disk format: their
 * Kryo ids and components are pinned by the golden id table.
 */
package org.opendsql.journal.protocol;
