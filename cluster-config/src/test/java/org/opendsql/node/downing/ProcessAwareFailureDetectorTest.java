package org.opendsql.node.downing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Set;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.event.EventStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessAwareFailureDetectorTest {
  private static final Config SETTINGS = ConfigFactory.parseString("""
      threshold = 8.0
      max-sample-size = 1000
      min-std-deviation = 100 ms
      acceptable-heartbeat-pause = 30 s
      heartbeat-interval = 1 s
      """);
  private static ActorSystem one;
  private static ActorSystem other;

  @BeforeAll
  static void start() {
    one = ActorSystem.create("one", ConfigFactory.parseString("pekko.loglevel = WARNING"));
    other = ActorSystem.create("other", ConfigFactory.parseString("pekko.loglevel = WARNING"));
  }

  @AfterAll
  static void stop() {
    for (ActorSystem system : new ActorSystem[] {one, other}) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  private static ProcessAwareFailureDetector monitoring(EventStream system, String address) {
    ProcessAwareFailureDetector detector = new ProcessAwareFailureDetector(SETTINGS, system);
    detector.setAddress(address);
    detector.heartbeat();
    return detector;
  }

  @Test
  void aGoneProcessIsUnavailableWhileHeartbeatsWouldStillTrustIt() {
    ProcessAwareFailureDetector node2 = monitoring(one.eventStream(), "pekko://opendsql@127.0.0.1:2");
    ProcessAwareFailureDetector node3 = monitoring(one.eventStream(), "pekko://opendsql@127.0.0.1:3");
    assertTrue(node2.isAvailable());

    GoneProcesses.set(one.eventStream(), Set.of("pekko://opendsql@127.0.0.1:2"));
    assertFalse(node2.isAvailable(), "the probes found its process gone");
    assertTrue(node3.isAvailable(), "only the gone member");

    GoneProcesses.set(one.eventStream(), Set.of());
    assertTrue(node2.isAvailable(), "a process that answers again is judged by its heartbeats");
  }

  @Test
  void oneSystemsProbesDoNotJudgeAnotherSystemsMembers() {
    String address = "pekko://opendsql@127.0.0.1:4";
    ProcessAwareFailureDetector seenByOne = monitoring(one.eventStream(), address);
    ProcessAwareFailureDetector seenByOther = monitoring(other.eventStream(), address);
    GoneProcesses.set(one.eventStream(), Set.of(address));
    assertFalse(seenByOne.isAvailable());
    assertTrue(seenByOther.isAvailable());
    GoneProcesses.set(one.eventStream(), Set.of());
  }
}
