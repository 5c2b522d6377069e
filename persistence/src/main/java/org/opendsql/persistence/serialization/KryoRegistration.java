package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Serializer;

/**
 * The id-to-class table a {@link KryoRegistrar} fills. Ids below {@link #FIRST_USER_ID} belong to
 * this module's built-in registrations; a duplicate id or class fails at once with both names, so a
 * clash is found when the first Kryo instance is built, not when a message is lost.
 *
 * <p>Ids are part of the wire and journal format: never reuse or renumber an id that was ever
 * deployed, and never change the components of a registered record that is persisted as a journal
 * event (add a new record with a new id instead).
 */
public interface KryoRegistration {
  int FIRST_USER_ID = 100;

  /** Registers {@code type} with Kryo's default serializer for it (records use Kryo's RecordSerializer). */
  KryoRegistration register(int id, Class<?> type);

  /** Registers {@code type} with a custom serializer (a fresh instance per Kryo instance is fine). */
  KryoRegistration register(int id, Class<?> type, Serializer<?> serializer);

  /**
   * Registers every class assignable to {@code base} under one id, for interface types whose
   * implementation classes are unknown or internal (as with ActorRef). Exact registrations win.
   */
  KryoRegistration registerFamily(int id, Class<?> base, Serializer<?> serializer);
}
