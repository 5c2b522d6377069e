package org.opendsql.persistence.serialization;

/**
 * Marker for every message that crosses a JVM boundary (cluster messages) and every journal event.
 * reference.conf binds this interface to {@link KryoSerializer}; the concrete class must also be
 * registered with an id by the node's {@link KryoRegistrar}, or serialization fails.
 */
public interface KryoMessage {}
