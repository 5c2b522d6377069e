package org.opendsql.persistence.journal;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ExtendedActorSystem;

/**
 * Opens the node's {@link JournalStore}; named by {@code opendsql.journal.store-factory} and
 * instantiated reflectively (public no-argument constructor).
 */
public interface JournalStoreFactory {
  /** @param journalConfig the {@code opendsql.journal} section */
  JournalStore open(Config journalConfig, ExtendedActorSystem system);
}
