package org.opendsql.sharding.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.adjudicator.state.ConflictWindow;
import org.opendsql.core.kv.Write;
import org.opendsql.journal.protocol.JournalProtocol;
import org.opendsql.persistence.serialization.KryoRegistryCheck;
import org.opendsql.sharding.census.ConnectionCensus;
import org.opendsql.storage.protocol.StorageProtocol;

class ClusterKryoRegistrarTest {
  /** Checked in: the id table is the wire and journal format. */
  private static final Path GOLDEN = Path.of("src", "test", "resources", "kryo-ids.golden");

  private final ClusterKryoRegistrar registrar = new ClusterKryoRegistrar();

  @Test
  void idTableMatchesTheCheckedInGoldenFile() throws IOException {
    List<String> table = KryoRegistryCheck.idTable(registrar);
    if (Boolean.getBoolean("kryo.golden.update")) {
      Files.write(GOLDEN, table, StandardCharsets.UTF_8);
    }
    List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    assertEquals(String.join("\n", golden), String.join("\n", table),
        "the Kryo id table changed: that changes the wire and journal formats. If the change is meant,"
            + " rerun with -Dkryo.golden.update=true and commit the new " + GOLDEN + " with it");
  }

  @Test
  void everyCrossJvmMessageAndItsFieldTypesHaveAClassId() {
    List<Class<?>> messages = KryoRegistryCheck.nestedKryoMessages(JournalProtocol.class, StorageProtocol.class,
        AdjudicatorProtocol.class, ConnectionCensus.class);
    assertTrue(messages.size() > 30, "found " + messages);
    assertEquals(List.of(), KryoRegistryCheck.unregistered(registrar, messages));
  }

  @Test
  void noIdIsRegisteredTwice() {
    List<String> ids = new ArrayList<>();
    for (String line : KryoRegistryCheck.idTable(registrar)) ids.add(line.substring(0, line.indexOf(' ')));
    assertEquals(ids.size(), ids.stream().distinct().count());
  }

  @Test
  void journalEventSurvivesARoundTrip() {
    JournalProtocol.BatchCommitted batch = new JournalProtocol.BatchCommitted(List.of(
        new JournalProtocol.CommittedTxn(7, 1234, List.of(new Write(new byte[] {1, 2}, new byte[] {3}),
            new Write(new byte[] {4}, null)))), List.of(new JournalProtocol.RangeEpoch(3, 99)), 5678, -42, 1300);
    JournalProtocol.BatchCommitted back = KryoRegistryCheck.roundTrip(registrar, batch);
    JournalProtocol.CommittedTxn t = back.txns().get(0);
    assertEquals(7, t.txnId());
    assertEquals(1234, t.commitTs());
    assertArrayEquals(new byte[] {1, 2}, t.writes().get(0).key());
    assertTrue(t.writes().get(1).isDelete());
    assertEquals(new JournalProtocol.RangeEpoch(3, 99), back.fences().get(0));
    assertEquals(5678, back.lease());
    assertEquals(-42, back.batchId());
    assertEquals(1300, back.maxCommitTs());
  }

  @Test
  void voteVerdictIsWrittenByName() {
    AdjudicatorProtocol.Vote v = KryoRegistryCheck.roundTrip(registrar,
        new AdjudicatorProtocol.Vote(1, 2, ConflictWindow.Verdict.SCHEMA_CONFLICT, 5, null));
    assertEquals(ConflictWindow.Verdict.SCHEMA_CONFLICT, v.verdict());
  }

  @Test
  void aReplicaRequestWrappedForSharingTravelsWhole() {
    JournalProtocol.FromReplica back = KryoRegistryCheck.roundTrip(registrar,
        new JournalProtocol.FromReplica(new StorageProtocol.ReplayFrom(2, 1, 40, 7, null)));
    assertEquals(new StorageProtocol.ReplayFrom(2, 1, 40, 7, null), back.request());
  }
}
