/**
 * The storage replica's pure state machines, without Pekko: the per-journal feed (ordering, gaps,
 * replays), the read gate, the GC horizon rule, snapshot installs and transfers, and applied-position
 * reports. Each is driven by plain method calls with the time passed in, so each is unit-tested
 * without an actor system.
 */
package org.opendsql.storage.state;
