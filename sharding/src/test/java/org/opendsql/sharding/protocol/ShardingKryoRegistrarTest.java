package org.opendsql.sharding.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.Write;
import org.opendsql.persistence.serialization.KryoRegistryCheck;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.opendsql.sharding.adjudicator.ConflictWindow;
import org.opendsql.sharding.journal.Journal;
import org.opendsql.sharding.storage.StorageShard;

class ShardingKryoRegistrarTest {
  private final ShardingKryoRegistrar registrar = new ShardingKryoRegistrar();

  @Test
  void everyCrossJvmMessageAndItsFieldTypesHaveAClassId() {
    List<Class<?>> messages =
        KryoRegistryCheck.nestedKryoMessages(Journal.class, StorageShard.class, Adjudicator.class);
    assertTrue(messages.size() > 10, "found " + messages);
    assertEquals(List.of(), KryoRegistryCheck.unregistered(registrar, messages));
  }

  @Test
  void classIdsAreUnique() {
    assertEquals(ShardingKryoRegistrar.CLASSES.size(), new HashSet<>(ShardingKryoRegistrar.CLASSES).size());
  }

  @Test
  void journalEventSurvivesARoundTrip() {
    Journal.BatchCommitted batch = new Journal.BatchCommitted(List.of(
        new Journal.CommittedTxn(7, 1234, List.of(new Write(new byte[] {1, 2}, new byte[] {3}),
            new Write(new byte[] {4}, null)))), List.of(new Journal.RangeEpoch(3, 99)), 5678, -42, 1300);
    Journal.BatchCommitted back = KryoRegistryCheck.roundTrip(registrar, batch);
    Journal.CommittedTxn t = back.txns().get(0);
    assertEquals(7, t.txnId());
    assertEquals(1234, t.commitTs());
    assertArrayEquals(new byte[] {1, 2}, t.writes().get(0).key());
    assertTrue(t.writes().get(1).isDelete());
    assertEquals(new Journal.RangeEpoch(3, 99), back.fences().get(0));
    assertEquals(5678, back.lease());
    assertEquals(-42, back.batchId());
    assertEquals(1300, back.maxCommitTs());
  }

  @Test
  void voteVerdictIsWrittenByName() {
    Adjudicator.Vote v = KryoRegistryCheck.roundTrip(registrar,
        new Adjudicator.Vote(1, 2, ConflictWindow.Verdict.SCHEMA_CONFLICT, 5, null));
    assertEquals(ConflictWindow.Verdict.SCHEMA_CONFLICT, v.verdict());
  }
}
