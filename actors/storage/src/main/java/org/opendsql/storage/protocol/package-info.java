/**
 * The storage replica's protocol: the commands it accepts (reads, the journals' feed, snapshot
 * pages), its replies, the requests it makes of each journal ({@code FeedRequest}), and the two
 * interfaces through which it reaches the rest of the node (routes through sharding, the view of a
 * co-located journal). Every record that crosses a JVM is a {@code KryoMessage} with a pinned id.
 */
package org.opendsql.storage.protocol;
