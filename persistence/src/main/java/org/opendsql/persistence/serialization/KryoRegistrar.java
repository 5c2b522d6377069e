package org.opendsql.persistence.serialization;

/**
 * Supplies the class ids of one deployment. Exactly one registrar is configured per node
 * ({@code opendsql.serialization.registrar}, a fully qualified class name with a public no-argument
 * constructor) so that every class id is decided in one place and two modules cannot pick the same
 * id. It is called once for each pooled Kryo instance, so it must be deterministic and cheap.
 */
public interface KryoRegistrar {
  void register(KryoRegistration r);
}
