package org.opendsql.sharding.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.opendsql.storage.protocol.StorageProtocol.ReplicaStatus;

class ReplicaLoadsTest {
  private static ReplicaStatus status(long bytes, double reads, double writes, boolean serving) {
    return new ReplicaStatus(1, 0, 3, null, null, 10, bytes, reads, writes, serving);
  }

  @Test
  void aMebibyteWeighsAsMuchAsAHundredOperationsASecond() {
    assertEquals(1.0, ReplicaLoads.weight(1024 * 1024, 0, 0), 1e-9);
    assertEquals(1.0, ReplicaLoads.weight(0, 60, 40), 1e-9);
    assertEquals(3.5, ReplicaLoads.weight(2 * 1024 * 1024, 100, 50), 1e-9);
  }

  @Test
  void replicasThatDidNotAnswerOrDoNotServeAreLeftOutAndTheOthersStillCount() {
    Map<String, CompletableFuture<ReplicaStatus>> answers = new LinkedHashMap<>();
    answers.put("1-0", CompletableFuture.completedFuture(status(1024 * 1024, 100, 0, true)));
    answers.put("1-1", CompletableFuture.failedFuture(new TimeoutException("moving")));
    answers.put("2-0", CompletableFuture.completedFuture(status(5 * 1024 * 1024, 0, 0, false)));
    answers.put("2-1", new CompletableFuture<>());
    assertEquals(Map.of("1-0", 2.0), ReplicaLoads.weightsOf(answers));
  }
}
