package org.opendsql.sharding.routing;

import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The sharded entity types. Entity ids: an adjudicator is its range id, a journal its number, a
 * storage replica {@code "range-replica"} (see {@link org.opendsql.sharding.directory.StorageReplicas}).
 */
public final class EntityKeys {
  private EntityKeys() {}

  public static final EntityTypeKey<AdjudicatorProtocol.Command> ADJUDICATOR =
      EntityTypeKey.create(AdjudicatorProtocol.Command.class, "adjudicator");

  public static final EntityTypeKey<JournalProtocol.Command> JOURNAL =
      EntityTypeKey.create(JournalProtocol.Command.class, "journal");

  public static final EntityTypeKey<StorageProtocol.Command> STORAGE =
      EntityTypeKey.create(StorageProtocol.Command.class, "storage");
}
