package org.opendsql.sharding.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeChange;
import org.opendsql.core.range.RangeMap;
import org.opendsql.journal.protocol.JournalProtocol;

/** A one-node cluster whose journal entities are stand-ins that hold a list of directory changes each. */
class DirectorySyncTest {
  private static ActorTestKit kit;
  /** Per journal: the changes it recorded, in order. */
  private static final Map<Integer, List<RangeChange>> recorded = new ConcurrentHashMap<>();
  /** Every question asked: journal and from. */
  private static final List<int[]> asked = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void cluster() {
    kit = ActorTestKit.create("DirectorySyncTest", ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        """).withFallback(ConfigFactory.load()));
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    ClusterSharding.get(kit.system()).init(Entity.of(EntityKeys.JOURNAL, ctx -> {
      int journal = Integer.parseInt(ctx.getEntityId());
      return Behaviors.receive(JournalProtocol.Command.class)
          .onMessage(JournalProtocol.ReadDirectory.class, r -> {
            asked.add(new int[] {journal, r.from()});
            List<RangeChange> all = recorded.getOrDefault(journal, List.of());
            r.replyTo().tell(new JournalProtocol.DirectoryChanges(journal, r.from(),
                List.copyOf(all.subList(Math.min(r.from(), all.size()), all.size()))));
            return Behaviors.same();
          })
          .build();
    }));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  private static List<Integer> asksOf(int journal) {
    List<Integer> froms = new ArrayList<>();
    for (int[] a : asked) {
      if (a[0] == journal) froms.add(a[1]);
    }
    return froms;
  }

  @Test
  void takesEachJournalsChangesOnceInTheirOrderWhateverOrderTheJournalsAnswerIn() throws InterruptedException {
    RangeChange.Split first = new RangeChange.Split(0, 0, new byte[] {(byte) 0x80}, 1, 1);
    // Splits range 1, which the first split makes: it waits for it when it arrives first.
    RangeChange.Split second = new RangeChange.Split(1, 1, new byte[] {(byte) 0xc0}, 2, 0);
    recorded.put(1, new CopyOnWriteArrayList<>(List.of(second)));
    LiveDirectory directory = new LiveDirectory(RangeMap.initial());
    DirectorySync sync = new DirectorySync(ClusterSharding.get(kit.system()), directory, 2, Duration.ofSeconds(10));

    sync.refresh();
    await(() -> asksOf(0).size() == 1 && asksOf(1).size() == 1, "both journals asked");
    Thread.sleep(200);
    assertEquals(0, directory.map().version(), "the second split waits for the first");

    recorded.put(0, new CopyOnWriteArrayList<>(List.of(first)));
    await(() -> {
      sync.refresh();
      return directory.map().version() == 2;
    }, "both splits applied");
    assertEquals(3, directory.map().size());
    assertEquals(2, directory.map().rangeOf(new byte[] {(byte) 0xd0}).id());
    assertEquals(0, directory.parentOf(1));
    assertEquals(1, directory.parentOf(2));

    // Journal 1's change was taken at the first answer: it is never asked for from 0 again.
    List<Integer> fromOne = asksOf(1);
    assertEquals(0, fromOne.get(0));
    assertTrue(fromOne.subList(1, fromOne.size()).stream().allMatch(f -> f == 1), "asks of journal 1: " + fromOne);

    // A later change of journal 0 is asked for after the one already taken.
    recorded.get(0).add(new RangeChange.MoveJournal(2, 2, 1));
    await(() -> {
      sync.refresh();
      return directory.map().version() == 3;
    }, "the move applied");
    assertEquals(1, directory.map().byId(2).journal());
    List<Integer> fromZero = asksOf(0);
    assertTrue(fromZero.contains(1), "asks of journal 0: " + fromZero);
    for (int i = 1; i < fromZero.size(); i++) {
      assertTrue(fromZero.get(i - 1) <= fromZero.get(i) && fromZero.get(i) <= 2, "asks of journal 0: " + fromZero);
    }
  }
}
