package org.opendsql.sharding.protocol;

import java.util.List;
import org.opendsql.persistence.serialization.EnumNameSerializer;
import org.opendsql.persistence.serialization.KryoRegistrar;
import org.opendsql.persistence.serialization.KryoRegistration;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.opendsql.sharding.adjudicator.ConflictWindow;
import org.opendsql.sharding.journal.Journal;
import org.opendsql.sharding.storage.StorageShard;

/**
 * The one table of Kryo class ids for every message that crosses a JVM and every journal event.
 * Ids are wire and journal format: append new classes with new ids, never renumber.
 */
public final class ShardingKryoRegistrar implements KryoRegistrar {
  /** In id order, starting at {@link KryoRegistration#FIRST_USER_ID}. */
  public static final List<Class<?>> CLASSES = List.of(
      Journal.Append.class,
      Journal.Appended.class,
      Journal.AdvanceClosed.class,
      Journal.ReplayFrom.class,
      Journal.BatchCommitted.class,
      Journal.CommittedTxn.class,
      StorageShard.CommittedWrites.class,
      StorageShard.Apply.class,
      StorageShard.Closed.class,
      StorageShard.ReadAt.class,
      StorageShard.ReadResult.class,
      StorageShard.ScanAt.class,
      StorageShard.ScanResult.class,
      StorageShard.Wake.class,
      Adjudicator.RangeWrites.class,
      Adjudicator.CommitTxn.class,
      Adjudicator.Outcome.class,
      Adjudicator.Prepare.class,
      Adjudicator.Vote.class,
      Adjudicator.Decide.class,
      Adjudicator.Wake.class,
      ConflictWindow.Verdict.class,
      Adjudicator.Awake.class,
      StorageShard.Awake.class,
      Journal.RangeEpoch.class,
      Journal.Fence.class,
      Journal.Fenced.class,
      Journal.ReplicaApplied.class,
      StorageShard.Truncated.class,
      StorageShard.SnapshotRequest.class,
      StorageShard.SnapshotChunk.class,
      org.opendsql.persistence.storage.MvccStore.RawVersion.class,
      StorageShard.Stop.class,
      org.opendsql.sharding.census.ConnectionCensus.ConnectionsOpen.class);

  @Override
  public void register(KryoRegistration r) {
    int id = KryoRegistration.FIRST_USER_ID;
    for (Class<?> c : CLASSES) {
      if (c.isEnum()) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        EnumNameSerializer s = new EnumNameSerializer(c);
        r.register(id++, c, s);
      } else {
        r.register(id++, c);
      }
    }
  }
}
