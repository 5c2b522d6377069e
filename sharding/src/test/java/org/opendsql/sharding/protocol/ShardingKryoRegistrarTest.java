package org.opendsql.sharding.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.persistence.serialization.KryoMessage;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.opendsql.sharding.journal.Journal;
import org.opendsql.sharding.storage.StorageShard;

class ShardingKryoRegistrarTest {
  private static void collect(Class<?> c, List<Class<?>> out) {
    if (KryoMessage.class.isAssignableFrom(c) && !c.isInterface()) out.add(c);
    for (Class<?> inner : c.getDeclaredClasses()) collect(inner, out);
  }

  @Test
  void everyCrossJvmMessageHasAClassId() {
    List<Class<?>> messages = new ArrayList<>();
    for (Class<?> holder : List.of(Journal.class, StorageShard.class, Adjudicator.class)) {
      collect(holder, messages);
    }
    assertTrue(messages.size() > 10, "found " + messages);
    List<Class<?>> missing = new ArrayList<>();
    for (Class<?> m : messages) {
      if (!ShardingKryoRegistrar.CLASSES.contains(m)) missing.add(m);
    }
    assertEquals(List.of(), missing, "messages without a Kryo id");
  }

  @Test
  void classIdsAreUnique() {
    assertEquals(ShardingKryoRegistrar.CLASSES.size(), new HashSet<>(ShardingKryoRegistrar.CLASSES).size());
  }
}
