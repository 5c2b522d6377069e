package org.opendsql.persistence.journal;

import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Finds the {@link LocalJournal} of an ActorSystem, opening its store on first use. Being a Pekko
 * extension makes it one instance per system, created once even under concurrent first calls, so
 * the plugin actor and an in-JVM reader never open the same directory twice.
 */
public final class JournalStores {
  private JournalStores() {}

  private static final class Id extends AbstractExtensionId<LocalJournal> {
    @Override
    public LocalJournal createExtension(ExtendedActorSystem system) {
      return new LocalJournal(system);
    }
  }

  private static final Id ID = new Id();

  public static LocalJournal get(ActorSystem system) {
    return ID.get(system);
  }

  public static LocalJournal get(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return ID.get(Adapter.toClassic(system));
  }

  /** Same as {@link #get(ActorSystem)}. */
  public static LocalJournal forSystem(ActorSystem system) {
    return get(system);
  }

  /** Same as {@link #get(org.apache.pekko.actor.typed.ActorSystem)}. */
  public static LocalJournal forSystem(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return get(system);
  }
}
