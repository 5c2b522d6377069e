package org.opendsql.sharding.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.opendsql.adjudicator.protocol.AdjudicatorProtocol;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.range.RangeMap;
import org.opendsql.sharding.NodeEntities;
import org.opendsql.sharding.directory.StorageReplicas;
import org.opendsql.sharding.routing.EntityKeys;
import org.opendsql.storage.protocol.StorageProtocol;

/** The cluster as this node can see it, for the control plane. */
public final class ClusterInspector {
  /** A cluster member. */
  public record NodeView(String address, String status, List<String> roles, boolean reachable, boolean self) {}

  /** Replica {@code index} of a range: where it runs and what it said of itself (null: no answer). */
  public record ReplicaView(int index, String node, StorageProtocol.ReplicaStatus status) {}

  /** A range of the directory, where its adjudicator runs ("" if it did not answer), and its replicas. */
  public record RangeView(RangeDesc desc, String adjudicatorNode, List<ReplicaView> replicas) {}

  /** The directory at {@code version} with every range's view, in key order. */
  public record RangesView(long version, List<RangeView> ranges) {}

  private final ActorSystem<?> system;
  private final NodeEntities entities;

  public ClusterInspector(ActorSystem<?> system, NodeEntities entities) {
    this.system = system;
    this.entities = entities;
  }

  /** The members this node knows, oldest first, with their status and roles. */
  public List<NodeView> nodes() {
    Cluster cluster = Cluster.get(system);
    Address self = cluster.selfMember().address();
    java.util.Set<Member> unreachable = new java.util.HashSet<>();
    cluster.state().getUnreachable().forEach(unreachable::add);
    List<NodeView> out = new ArrayList<>();
    for (Member m : cluster.state().getMembers()) {
      List<String> roles = new ArrayList<>();
      for (String r : m.getRoles()) {
        if (!r.startsWith("dc-")) roles.add(r);
      }
      java.util.Collections.sort(roles);
      out.add(new NodeView(hostPort(m.address()), m.status().toString().toLowerCase(java.util.Locale.ROOT), roles,
          !unreachable.contains(m), m.address().equals(self)));
    }
    return out;
  }

  /**
   * Every range of this node's directory (asked of the journals first, so a split made on
   * another node a moment ago shows), each with its adjudicator's node and its replicas' answers.
   * Entities that do not answer within {@code timeout} show without figures.
   */
  public CompletionStage<RangesView> ranges(Duration timeout) {
    entities.refreshDirectory();
    RangeMap map = entities.directory().map();
    List<CompletableFuture<RangeView>> views = new ArrayList<>(map.size());
    for (RangeDesc r : map.ranges()) views.add(view(r, timeout).toCompletableFuture());
    return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<RangeView> out = new ArrayList<>(views.size());
      for (CompletableFuture<RangeView> v : views) out.add(v.join());
      return new RangesView(map.version(), out);
    });
  }

  /** Splits {@code range} at {@code at} (null: where its data says), if still at {@code generation} (-1: any). */
  public CompletionStage<AdjudicatorProtocol.SplitResult> split(long range, long generation, byte[] at,
      Duration timeout) {
    if (entities.directory().map().byId(range) == null) {
      entities.refreshDirectory();
      return CompletableFuture.completedFuture(new AdjudicatorProtocol.SplitResult(range, null, 0,
          "there is no range " + range + " in the directory"));
    }
    return entities.split(range, generation, at, timeout);
  }

  private CompletionStage<RangeView> view(RangeDesc range, Duration timeout) {
    CompletableFuture<String> adjudicator = entities.sharding()
        .entityRefFor(EntityKeys.ADJUDICATOR, Long.toString(range.id()))
        .<AdjudicatorProtocol.Incarnation>ask(AdjudicatorProtocol.Wake::new, timeout)
        .thenApply(i -> nodeOf(i.ref()))
        .exceptionally(failure -> "")
        .toCompletableFuture();
    List<CompletableFuture<ReplicaView>> replicas = new ArrayList<>();
    for (int k = 0; k < entities.replicas().replicas(); k++) replicas.add(replica(range.id(), k, timeout));
    List<CompletableFuture<?>> all = new ArrayList<>(replicas);
    all.add(adjudicator);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<ReplicaView> out = new ArrayList<>(replicas.size());
      for (CompletableFuture<ReplicaView> r : replicas) out.add(r.join());
      return new RangeView(range, adjudicator.join(), out);
    });
  }

  private CompletableFuture<ReplicaView> replica(long range, int index, Duration timeout) {
    return entities.sharding().entityRefFor(EntityKeys.STORAGE, StorageReplicas.entityId(range, index))
        .<StorageProtocol.Incarnation>ask(StorageProtocol.Wake::new, timeout)
        .thenCompose(i -> AskPattern.<StorageProtocol.Command, StorageProtocol.ReplicaStatus>ask(i.ref(),
                StorageProtocol.Describe::new, timeout, system.scheduler())
            .thenApply(status -> new ReplicaView(index, nodeOf(i.ref()), status)))
        .exceptionally(failure -> new ReplicaView(index, "", null))
        .toCompletableFuture();
  }

  /** The host:port of the node an entity runs on (this node's own address for a local one). */
  private String nodeOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return hostPort(a.hasLocalScope() ? Cluster.get(system).selfMember().address() : a);
  }

  private static String hostPort(Address a) {
    return a.getHost().orElse("?") + ":" + a.getPort().map(String::valueOf).orElse("?");
  }
}
