/**
 * Kryo serialization for Pekko messages and journal events.
 *
 * <p>Everything that crosses a JVM or goes into the journal implements {@link
 * org.opendsql.persistence.serialization.KryoMessage}; reference.conf binds that marker to {@link
 * org.opendsql.persistence.serialization.KryoSerializer} (identifier 7000001, no manifest).
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Registration is required: a class without an explicit id cannot be serialized. Ids come from
 *       one {@link org.opendsql.persistence.serialization.KryoRegistrar} per deployment (config
 *       {@code opendsql.serialization.registrar}); ids below 100 are this module's built-ins
 *       (JDK collections including {@code List.of}/{@code Collections.unmodifiable*}, {@code
 *       Write}, {@code KvEntry}, {@code ScanPage}, {@code DbException}, typed and classic ActorRefs).
 *   <li>Ids and registered record shapes are a persisted format (journal events): never renumber an
 *       id, never change a persisted record's components; add a new record and id instead.
 *   <li>Every ActorRef implementation maps to one id and travels as its serialization-format
 *       string, resolved by the receiving system.
 *   <li>Kryo instances are pooled because they are not thread-safe.
 * </ul>
 *
 * <p>Other modules' tests use {@link org.opendsql.persistence.serialization.KryoRegistryCheck} to
 * fail on an unregistered message class.
 */
package org.opendsql.persistence.serialization;
