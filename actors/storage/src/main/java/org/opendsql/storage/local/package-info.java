/**
 * What a storage replica shares with readers in the same JVM, so that a point read on a node that
 * holds a caught-up replica of the key's range needs no actor round trip: the replica publishes an
 * immutable {@link org.opendsql.storage.local.LocalReplica.View} after every message it handles,
 * and a reader decides from it, and from the local journals' views, whether the store may answer.
 *
 * <p>Invariant: a value read this way is exactly what the replica actor would have answered at the
 * same timestamp. The reader serves only reads the replica's read gate would serve at once (closed
 * by the view's closed timestamp, or settled in every local journal at the applied positions), and
 * discards its answer when the replica marked its data as changing under readers (an install, a
 * copy, a dropped interval, a collection) between the check and the read.
 */
package org.opendsql.storage.local;
