package org.opendsql.persistence.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;
import org.opendsql.persistence.TestRegistrar;
import org.opendsql.persistence.TestRegistrar.Sample;
import org.opendsql.persistence.TestRegistrar.WithRef;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KryoSerializerTest {
  record NotRegistered(String x) implements KryoMessage {}

  private ActorTestKit kit;
  private Serialization serialization;

  @BeforeAll
  void start() {
    kit =
        ActorTestKit.create(
            "kryo",
            ConfigFactory.parseString(
                    "opendsql.serialization.registrar = \"" + TestRegistrar.class.getName() + "\"")
                .withFallback(ConfigFactory.load()));
    serialization = SerializationExtension.get(kit.system());
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T o) {
    Serializer s = serialization.findSerializerFor(o);
    byte[] bytes = s.toBinary(o);
    return (T) serialization.deserialize(bytes, s.identifier(), "").get();
  }

  @Test
  void kryoMessagesAreBoundToKryoSerializerWithoutManifest() {
    Serializer s = serialization.findSerializerFor(new WithRef("x", null));
    assertInstanceOf(KryoSerializer.class, s);
    assertEquals(KryoSerializer.IDENTIFIER, s.identifier());
    assertTrue(!s.includeManifest());
  }

  @Test
  void recordWithJdkCollectionsRoundTripsByValue() {
    List<Object> items =
        new ArrayList<>(
            List.of(
                List.of(1L, 2L),
                List.of(),
                Arrays.asList("a", "b"),
                Collections.unmodifiableList(new ArrayList<>(List.of("u"))),
                Stream.of("n", null).toList(),
                Map.of("k", 1),
                Collections.emptyMap(),
                Collections.singletonList(7),
                new HashMap<>(Map.of("h", 2L)),
                "text",
                3.5d,
                true));
    Sample in = new Sample("s", 42L, new byte[] {1, 2, 3}, items, Map.of("a", 1, "b", 2), Optional.of("note"));
    Sample out = roundTrip(in);
    assertEquals(in.name(), out.name());
    assertEquals(in.n(), out.n());
    assertArrayEquals(in.blob(), out.blob());
    assertEquals(in.items(), out.items());
    assertEquals(in.counts(), out.counts());
    assertEquals(in.note(), out.note());
    // Immutable inputs stay immutable after the trip.
    assertThrows(UnsupportedOperationException.class, () -> out.counts().put("c", 3));
  }

  @Test
  void writeKvEntryAndScanPageRoundTripIncludingDeleteWrite() {
    Write put = new Write(new byte[] {1}, new byte[] {2, 3});
    Write delete = new Write(new byte[] {4}, null);
    Write put2 = roundTrip(put);
    Write delete2 = roundTrip(delete);
    assertArrayEquals(put.key(), put2.key());
    assertArrayEquals(put.value(), put2.value());
    assertArrayEquals(delete.key(), delete2.key());
    assertNull(delete2.value());
    assertTrue(delete2.isDelete());

    ScanPage page = new ScanPage(List.of(new KvEntry(new byte[] {9}, new byte[] {8})), true);
    ScanPage page2 = roundTrip(page);
    assertTrue(page2.more());
    assertEquals(1, page2.entries().size());
    assertArrayEquals(new byte[] {9}, page2.entries().get(0).key());
    assertArrayEquals(new byte[] {8}, page2.entries().get(0).value());
  }

  @Test
  void dbExceptionKeepsStateSeverityMessageDetailAndHint() {
    DbException in = Errors.connectionAgeLimit(Duration.ofMinutes(5)).withDetail("d");
    DbException out = roundTrip(in);
    assertEquals(SqlState.ADMIN_SHUTDOWN, out.state());
    assertEquals(DbException.Severity.FATAL, out.severity());
    assertEquals("terminating connection: connection age limit of 5 minutes exceeded", out.getMessage());
    assertEquals("d", out.detail());
    assertEquals("reconnect to continue", out.hint());
    DbException plain = roundTrip(Errors.undefinedRelation("t"));
    assertNull(plain.detail());
    assertNull(plain.hint());
  }

  @Test
  void typedActorRefInsideMessageResolvesToTheSameActor() {
    TestProbe<String> probe = kit.createTestProbe();
    WithRef out = roundTrip(new WithRef("hello", probe.ref()));
    assertEquals(probe.ref(), out.replyTo());
    out.replyTo().tell(out.text());
    probe.expectMessage("hello");
  }

  @Test
  void unregisteredClassFailsToSerializeNamingTheClass() {
    Serializer s = serialization.findSerializerFor(new NotRegistered("x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.toBinary(new NotRegistered("x")));
    assertTrue(e.getMessage().contains(NotRegistered.class.getName()), e.getMessage());
  }
}
