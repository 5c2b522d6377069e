package org.opendsql.sharding.allocation;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.opendsql.core.range.LiveDirectory;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.storage.protocol.StorageProtocol;

/**
 * The weight of every storage replica, as the storage allocation strategy balances it: live
 * bytes plus reads and writes per second, from the replicas' own figures ({@code Describe}), in
 * one unit where a mebibyte weighs as much as {@link #OPS_PER_MIB} operations a second. Sampled
 * only on the node where the storage shard coordinator runs (the oldest member with the storage
 * role), since a replica that took writes counts its data again to answer.
 */
public final class ReplicaLoads implements Supplier<Map<String, Double>> {
  /** Operations a second that weigh as much as one mebibyte of data. */
  public static final double OPS_PER_MIB = 100;
  private volatile Map<String, Double> weights = Map.of();

  /** One replica's weight. */
  public static double weight(long bytes, double readsPerSecond, double writesPerSecond) {
    return bytes / (1024.0 * 1024.0) + (readsPerSecond + writesPerSecond) / OPS_PER_MIB;
  }

  @Override
  public Map<String, Double> get() {
    return weights;
  }

  /**
   * Samples every {@code interval} until the system terminates, whenever {@code samplesHere} says
   * this node runs the storage placement.
   */
  public void every(ActorSystem<?> system, ClusterSharding sharding, LiveDirectory directory, int replicas,
      Duration interval, java.util.function.BooleanSupplier samplesHere) {
    system.scheduler().scheduleWithFixedDelay(interval, interval, () -> {
      if (!system.whenTerminated().isCompleted() && samplesHere.getAsBoolean()) {
        sample(sharding, directory, replicas, interval);
      }
    }, system.executionContext());
  }

  private void sample(ClusterSharding sharding, LiveDirectory directory, int replicas, Duration timeout) {
    List<RangeDesc> ranges = directory.map().ranges();
    Map<String, CompletableFuture<StorageProtocol.ReplicaStatus>> asked = new HashMap<>();
    for (RangeDesc r : ranges) {
      for (int k = 0; k < replicas; k++) {
        String id = StorageReplicas.entityId(r.id(), k);
        asked.put(id, sharding.entityRefFor(EntityKeys.STORAGE, id)
            .<StorageProtocol.ReplicaStatus>ask(StorageProtocol.Describe::new, timeout).toCompletableFuture());
      }
    }
    CompletableFuture.allOf(asked.values().stream().map(f -> f.exceptionally(e -> null))
            .toArray(CompletableFuture[]::new))
        .thenRunAsync(() -> weights = weightsOf(asked), Runnable::run);
  }

  /**
   * The weights of the replicas that answered and serve; one that did not answer in time (moving,
   * its node gone) or is catching up is left out, and weighs the mean of the others until the next
   * sample.
   */
  static Map<String, Double> weightsOf(Map<String, CompletableFuture<StorageProtocol.ReplicaStatus>> answers) {
    Map<String, Double> out = new HashMap<>();
    answers.forEach((id, f) -> {
      if (!f.isDone() || f.isCompletedExceptionally()) return;
      StorageProtocol.ReplicaStatus s = f.join();
      if (s != null && s.serving()) out.put(id, weight(s.bytes(), s.readsPerSecond(), s.writesPerSecond()));
    });
    return Map.copyOf(out);
  }
}
