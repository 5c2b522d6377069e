package org.opendsql.qp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.opendsql.adjudicator.AdjudicatorSettings;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.time.Hlc;
import org.opendsql.journal.JournalSettings;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.sharding.ClusterLayout;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.storage.StorageSettings;

/**
 * A one-node Pekko cluster with the real entities on {@code dir} (journal plugin on RocksDB,
 * MVCC store), reopened on the same folder by creating another one after closing the first.
 * {@code settings} overrides the {@code opendsql} defaults (cluster layout, role tunables).
 */
final class OneNode implements AutoCloseable {
  final ActorTestKit kit;
  final MvccStore store;
  final LiveDirectory directory;
  final NodeEntities entities;
  final ShardedKvStore kv;

  OneNode(String name, Path dir, Hlc hlc, String settings) throws Exception {
    this(name, dir, hlc, settings, NodeEntities.Wrappers.NONE);
  }

  /** As above, with {@code wrappers} around every entity's behavior (fault tests). */
  OneNode(String name, Path dir, Hlc hlc, String settings, NodeEntities.Wrappers wrappers) throws Exception {
    Config config = ConfigFactory.parseString(settings + "\n"
            + "pekko.actor.provider = cluster\n"
            + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
            + "pekko.remote.artery.canonical.port = 0\n"
            + "pekko.cluster.sharding.passivation.strategy = none\n"
            // With many ranges (dozens of entities after splits) leaving the cluster can take
            // longer than the default 10 s: a region's graceful shutdown waits out messages
            // buffered for shards being handed off.
            + "pekko.actor.testkit.typed.system-shutdown-default = 30s\n"
            + "opendsql.journal.dir = \"" + dir.resolve("journal") + "\"\n")
        .withFallback(ConfigFactory.load());
    kit = ActorTestKit.create(name, config);
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    await("the node comes up").atMost(Duration.ofSeconds(30))
        .until(() -> cluster.selfMember().status() == MemberStatus.up());
    store = new MvccStore(dir.resolve("storage"), config.getBytes("opendsql.storage.block-cache"));
    entities = new NodeEntities(kit.system(), store, hlc, new ClusterLayout(config), new NodeEntities.RoleSettings(
        new AdjudicatorSettings(config), new JournalSettings(config), new StorageSettings(config)), wrappers);
    directory = entities.directory();
    assertEquals(List.of(), entities.wakeAll(kit.system(), Duration.ofSeconds(30), Duration.ofSeconds(5)).toCompletableFuture().get(60, TimeUnit.SECONDS));
    kv = new ShardedKvStore(kit.system(), entities, hlc, 1, new QueryProcessorSettings(config), 0);
  }

  /**
   * Splits the range holding {@code at} there, unless a range starts there already, and returns the
   * range that starts at {@code at} once this node's directory shows it. A split waits for the
   * transactions its range takes part in (up to the adjudicator's prepared-ttl for one whose
   * coordinator crashed), so an unanswered request or an "already under way" refusal is waited
   * out; another refusal (say, a generation this node had not seen yet) is retried a few times.
   */
  RangeDesc splitAt(byte[] at) {
    java.util.concurrent.atomic.AtomicReference<String> refusal = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
    return await("a split at " + Bytes.hex(at)).atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          RangeDesc r = directory.map().rangeOf(at);
          if (java.util.Arrays.equals(r.start(), at)) return r;
          AdjudicatorProtocol.SplitResult res;
          try {
            res = entities.split(r.id(), r.generation(), at, Duration.ofSeconds(45))
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) throw e;
            refusal.set("no answer: " + e.getCause());
            return null;
          }
          if (res.refusal() != null) {
            refusal.set(res.refusal());
            if (!res.refusal().contains("already under way") && refusals.incrementAndGet() > 10) {
              throw new AssertionError("split at " + Bytes.hex(at) + " refused: " + refusal);
            }
            entities.refreshDirectory();
            return null;
          }
          assertEquals(r.id(), res.split().parent());
          assertEquals(r.generation(), res.split().parentGeneration());
          return null;
        }, java.util.Objects::nonNull);
  }

  /** {@link #splitAt} for a string key. */
  RangeDesc splitAt(String at) {
    return splitAt(at.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
    store.close();
  }
}
