package org.opendsql.storage.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.Write;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.storage.protocol.LocalJournalView;

/** What a reader on the replica's node may take from the store without asking the replica. */
class LocalReplicaTest {
  private static final long RANGE = 7;
  private static final byte[] ASK = LocalReplica.ASK_THE_REPLICA;
  private Path dir;
  private MvccStore store;
  private final Hlc hlc = new Hlc();
  private int space;
  /** The journal as the test sets it: settled or not, lease due for renewal or not. */
  private final AtomicBoolean settled = new AtomicBoolean();
  private final AtomicBoolean renewalDue = new AtomicBoolean();
  private Runnable duringSettledCheck = () -> {};
  private final LocalJournalView journal = new LocalJournalView() {
    @Override
    public boolean settledAt(long range, long appliedSeq, long ts) {
      duringSettledCheck.run();
      return settled.get() && appliedSeq >= 1;
    }

    @Override
    public boolean settledFor(long range, long appliedSeq, long ts, byte[] key) {
      return settledAt(range, appliedSeq, ts) || (pendingKey != null && !java.util.Arrays.equals(key, pendingKey));
    }

    @Override
    public boolean renewalDue(long ts) {
      return renewalDue.get();
    }
  };
  /** The key the journal's batch in flight writes (null: no such batch is modelled). */
  private byte[] pendingKey;
  private LocalReplica replica;
  private LocalReplicas replicas;
  private long c1;

  @BeforeEach
  void open() throws Exception {
    dir = Files.createTempDirectory("local-replica");
    store = new MvccStore(dir, 8L << 20);
    space = store.space("7-0");
    c1 = hlc.now();
    store.applyAll(space, 0, List.of(new MvccStore.Commit(c1, List.of(new Write(b("k"), b("v1"))))), 1);
    replica = new LocalReplica(RANGE, space, store, hlc, List.of(journal));
    replicas = new LocalReplicas(true);
    replicas.register(replica);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The replica's state: range [a, m), serving, closed at {@code closedTs}, applied through entry 1. */
  private void publish(boolean serving, long closedTs, long horizon) {
    replica.publish(new LocalReplica.View(new RangeDesc(RANGE, b("a"), b("m"), 0, 0), serving, closedTs,
        new long[] {1}, horizon, replica.epoch()));
  }

  @Test
  void aReadTheClosedTimestampCoversIsAnsweredFromTheStore() {
    publish(true, c1, 0);
    assertArrayEquals(b("v1"), replicas.read(RANGE, b("k"), c1));
    assertNull(replicas.read(RANGE, b("b"), c1), "no version: null, not a question for the replica");
  }

  @Test
  void nothingIsAnsweredBeforeTheReplicaPublishesOrWhileItCatchesUpOrForAnotherRange() {
    assertSame(ASK, replicas.read(RANGE, b("k"), c1));
    publish(false, c1, 0);
    assertSame(ASK, replicas.read(RANGE, b("k"), c1));
    publish(true, c1, 0);
    assertSame(ASK, replicas.read(RANGE + 1, b("k"), c1));
  }

  @Test
  void keysOutsideTheRangeAndReadsBelowTheHorizonGoToTheReplica() {
    publish(true, c1, c1);
    assertSame(ASK, replicas.read(RANGE, b("x"), c1), "past the range's end: the replica answers moved");
    assertSame(ASK, replicas.read(RANGE, b("k"), c1 - 1), "below the horizon: the replica refuses it");
  }

  @Test
  void aReadAboveTheClosedTimestampIsAnsweredOnlyWhenTheJournalIsSettledAndItsLeaseNeedsNoRenewal() {
    publish(true, c1, 0);
    long later = hlc.now() + Hlc.fromMicros(1_000);
    assertSame(ASK, replicas.read(RANGE, b("k"), later), "the journal may still commit at or below it");
    settled.set(true);
    assertArrayEquals(b("v1"), replicas.read(RANGE, b("k"), later));
    org.junit.jupiter.api.Assertions.assertTrue(hlc.now() > later, "the clock moved past the read first");
    renewalDue.set(true);
    assertSame(ASK, replicas.read(RANGE, b("k"), later + 1), "the replica's own path renews the lease");
  }

  @Test
  void aReadAboveTheClosedTimestampAsksTheJournalAboutItsOwnKey() {
    publish(true, c1, 0);
    long later = hlc.now() + Hlc.fromMicros(1_000);
    pendingKey = b("k");
    assertSame(ASK, replicas.read(RANGE, b("k"), later), "the batch in flight writes k");
    assertNull(replicas.read(RANGE, b("c"), later), "it does not write c: answered from the store");
  }

  @Test
  void aReadIsDiscardedWhenTheReplicaChangesItsDataDuringIt() {
    publish(true, c1, 0);
    settled.set(true);
    duringSettledCheck = replica::changingData;
    assertSame(ASK, replicas.read(RANGE, b("k"), hlc.now() + Hlc.fromMicros(1_000)));
    duringSettledCheck = () -> {};
    assertSame(ASK, replicas.read(RANGE, b("k"), c1), "not serving until the replica publishes again");
    publish(true, c1, 0);
    assertArrayEquals(b("v1"), replicas.read(RANGE, b("k"), c1));
  }

  @Test
  void readsServedHereReachTheReplicasLoadFiguresWithASampleOfTheirKeys() {
    publish(true, c1, 0);
    for (int i = 0; i < 16; i++) replicas.read(RANGE, b("k"), c1);
    List<byte[]> keys = new java.util.ArrayList<>();
    org.junit.jupiter.api.Assertions.assertEquals(16, replica.takeReads(keys));
    org.junit.jupiter.api.Assertions.assertEquals(2, keys.size());
    org.junit.jupiter.api.Assertions.assertEquals(0, replica.takeReads(new java.util.ArrayList<>()));
  }

  @Test
  void aStoppedReplicaAnswersNothingAndDisabledLocalReadsAnswerNothing() {
    publish(true, c1, 0);
    replica.changingData();
    replicas.unregister(replica);
    assertSame(ASK, replicas.read(RANGE, b("k"), c1));
    LocalReplicas off = new LocalReplicas(false);
    off.register(replica);
    publish(true, c1, 0);
    assertSame(ASK, off.read(RANGE, b("k"), c1));
  }
}
