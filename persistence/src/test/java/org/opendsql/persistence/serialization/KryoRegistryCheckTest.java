package org.opendsql.persistence.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.Write;
import org.opendsql.persistence.TestRegistrar;

class KryoRegistryCheckTest {
  interface Protocol {
    record Registered(String s) implements KryoMessage {}

    record Missing(Inner inner) implements KryoMessage {}

    record Inner(int x) {}
  }

  static final class ProtocolRegistrar implements KryoRegistrar {
    @Override
    public void register(KryoRegistration r) {
      r.register(200, Protocol.Registered.class);
    }
  }

  @Test
  void reportsUnregisteredMessagesAndTheirConcreteComponents() {
    List<Class<?>> messages = KryoRegistryCheck.nestedKryoMessages(Protocol.class);
    assertEquals(List.of(Protocol.Missing.class, Protocol.Registered.class), messages);
    List<Class<?>> missing = KryoRegistryCheck.unregistered(new ProtocolRegistrar(), messages);
    assertEquals(List.of(Protocol.Missing.class, Protocol.Inner.class), missing);
    AssertionError e =
        assertThrows(AssertionError.class, () -> KryoRegistryCheck.assertRegistered(new ProtocolRegistrar(), messages));
    assertTrue(e.getMessage().contains(Protocol.Inner.class.getName()));
  }

  @Test
  void builtinsNeedNoRegistrationByUsers() {
    assertEquals(
        List.of(),
        KryoRegistryCheck.unregistered(new ProtocolRegistrar(), List.of(Write.class, String.class, Long.class, byte[].class)));
    Write w = KryoRegistryCheck.roundTrip(new ProtocolRegistrar(), new Write(new byte[] {1}, null));
    assertTrue(w.isDelete());
  }

  @Test
  void reservedAndDuplicateIdsAreRejected() {
    KryoRegistrar reserved = r -> r.register(99, Protocol.Inner.class);
    assertThrows(IllegalArgumentException.class, () -> KryoRegistryCheck.unregistered(reserved, List.of()));
    KryoRegistrar duplicateId = r -> r.register(300, Protocol.Inner.class).register(300, Protocol.Missing.class);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KryoRegistryCheck.unregistered(duplicateId, List.of()));
    assertTrue(e.getMessage().contains("300"));
    KryoRegistrar duplicateClass = r -> r.register(300, Protocol.Inner.class).register(301, Protocol.Inner.class);
    assertThrows(IllegalArgumentException.class, () -> KryoRegistryCheck.unregistered(duplicateClass, List.of()));
  }

  @Test
  void missingOrWrongRegistrarConfigFailsWithTheConfigKey() {
    ClassLoader cl = getClass().getClassLoader();
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> KryoSerializer.loadRegistrar(ConfigFactory.empty(), cl));
    assertTrue(missing.getMessage().contains(KryoSerializer.REGISTRAR_KEY));
    IllegalStateException unknown =
        assertThrows(
            IllegalStateException.class,
            () -> KryoSerializer.loadRegistrar(
                ConfigFactory.parseString(KryoSerializer.REGISTRAR_KEY + " = no.such.Registrar"), cl));
    assertTrue(unknown.getMessage().contains("no.such.Registrar"));
    KryoRegistrar ok =
        KryoSerializer.loadRegistrar(
            ConfigFactory.parseString(KryoSerializer.REGISTRAR_KEY + " = \"" + TestRegistrar.class.getName() + "\""), cl);
    assertTrue(ok instanceof TestRegistrar);
  }
}
