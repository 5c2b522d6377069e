package org.opendsql.persistence;

import org.opendsql.persistence.journal.JournalPluginTest;
import org.opendsql.persistence.serialization.KryoMessage;
import org.opendsql.persistence.serialization.KryoRegistrar;
import org.opendsql.persistence.serialization.KryoRegistration;

/** The registrar the module's tests configure; ids from 1000 so they never meet production ids. */
public final class TestRegistrar implements KryoRegistrar {
  public record Sample(String name, long n, byte[] blob, java.util.List<Object> items,
      java.util.Map<String, Integer> counts, java.util.Optional<String> note) implements KryoMessage {}

  public record WithRef(String text, org.apache.pekko.actor.typed.ActorRef<String> replyTo)
      implements KryoMessage {}

  @Override
  public void register(KryoRegistration r) {
    r.register(1000, Sample.class);
    r.register(1001, WithRef.class);
    r.register(1002, JournalPluginTest.Added.class);
  }
}
