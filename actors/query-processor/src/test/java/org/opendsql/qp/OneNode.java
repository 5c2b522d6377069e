package org.opendsql.qp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.sharding.adjudicator.Adjudicator;
import org.opendsql.sharding.directory.RangeDirectory;
import org.opendsql.sharding.storage.StorageShard;

/**
 * A one-node Pekko cluster with the real entities on {@code dir} (journal plugin on RocksDB,
 * MVCC store), reopened on the same folder by creating another one after closing the first.
 */
final class OneNode implements AutoCloseable {
  final ActorTestKit kit;
  final MvccStore store;
  final RangeDirectory directory;
  final NodeEntities entities;
  final ShardedKvStore kv;

  OneNode(String name, Path dir, Hlc hlc, int ranges, int storageReplicas, int journals,
      StorageShard.Settings storageSettings) throws Exception {
    kit = ActorTestKit.create(name, ConfigFactory.parseString(
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
    directory = new RangeDirectory(ranges);
    entities = new NodeEntities(kit.system(), store, hlc, directory, storageReplicas, journals,
        Adjudicator.Settings.defaults(), storageSettings);
    assertEquals(List.of(), entities.wakeAll(Duration.ofSeconds(30)).toCompletableFuture().get(60, TimeUnit.SECONDS));
    kv = new ShardedKvStore(kit.system(), entities.sharding(), directory, entities.replicas(), hlc, 1,
        Duration.ofSeconds(10), Duration.ofSeconds(10), 0);
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
    store.close();
  }
}
