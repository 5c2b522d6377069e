package org.opendsql.qp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.storage.StorageShard;

/**
 * A journal's next incarnation on a node whose clock runs behind: it must still commit above
 * every timestamp the previous incarnation let readers treat as closed.
 */
class JournalFailoverTest {

  /** One node on {@code dir}, with its clock {@code behindMicros} behind the real one. */
  private static final class Node implements AutoCloseable {
    final ActorTestKit kit;
    final MvccStore store;
    final ShardedKvStore kv;

    Node(Path dir, long behindMicros) throws Exception {
      kit = ActorTestKit.create("failover", ConfigFactory.parseString(
              "pekko.actor.provider = cluster\n"
                  + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                  + "pekko.remote.artery.canonical.port = 0\n"
                  + "pekko.cluster.sharding.passivation.strategy = none\n"
                  + "opendsql.serialization.registrar = \"org.opendsql.sharding.protocol.ShardingKryoRegistrar\"\n"
                  + "opendsql.journal.dir = \"" + dir.resolve("journal") + "\"\n")
          .withFallback(ConfigFactory.load()));
      Cluster cluster = Cluster.get(kit.system());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (cluster.selfMember().status() != MemberStatus.up()) {
        assertTrue(System.nanoTime() < deadline, "the node did not come up");
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll interval while awaiting the condition
      }
      store = MvccStore.open(dir.resolve("storage"));
      Hlc hlc = new Hlc(() -> Hlc.SYSTEM.micros() - behindMicros);
      RangeDirectory directory = new RangeDirectory(4);
      NodeEntities entities = new NodeEntities(kit.system(), store, hlc, directory, 1, 1,
          Adjudicator.Settings.defaults(), StorageShard.Settings.defaults());
      assertEquals(List.of(), await(entities.wakeAll(Duration.ofSeconds(30))));
      kv = new ShardedKvStore(kit.system(), entities.sharding(), directory, entities.replicas(), hlc, 1,
          Duration.ofSeconds(10), Duration.ofSeconds(10), 0);
    }

    @Override
    public void close() {
      kit.shutdownTestKit();
      store.close();
    }
  }

  private static <T> T await(CompletionStage<T> s) {
    return s.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Retries 40001 as a client would: a fresh adjudicator refuses snapshots older than itself. */
  private static long commitRetrying(ShardedKvStore kv, List<Write> writes) {
    for (int attempt = 1; ; attempt++) {
      try {
        return await(kv.commit(kv.now(), writes, List.of()));
      } catch (java.util.concurrent.CompletionException e) {
        if (attempt == 20 || !"40001".equals(org.opendsql.core.error.DbException.of(e).state().code())) throw e;
      }
    }
  }

  @Test
  void aNewIncarnationOnASlowerClockCommitsAboveEveryTimestampReadAsClosedBefore() throws Exception {
    Path dir = Files.createTempDirectory("journal-failover");
    long readTs;
    try (Node first = new Node(dir, 0)) {
      await(first.kv.commit(first.kv.now(), List.of(new Write(b("k"), b("before"))), List.of()));
      readTs = first.kv.now();
      // This read makes readTs closed: from now on a read at readTs must always see "before".
      assertArrayEquals(b("before"), await(first.kv.get(b("k"), readTs)));
    }
    try (Node second = new Node(dir, 10_000_000L)) {
      long commitTs = commitRetrying(second.kv, List.of(new Write(b("k"), b("after"))));
      assertTrue(commitTs > readTs, "a commit at " + Hlc.toString(commitTs)
          + " would change what a read at " + Hlc.toString(readTs) + " already returned");
      assertArrayEquals(b("before"), await(second.kv.get(b("k"), readTs)));
      assertArrayEquals(b("after"), await(second.kv.get(b("k"), second.kv.now())));
    }
  }
}
