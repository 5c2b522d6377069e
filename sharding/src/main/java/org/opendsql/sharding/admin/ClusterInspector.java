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

  /** Merges {@code range}'s right neighbour into it, if {@code range} is still at {@code generation} (-1: any). */
  public CompletionStage<AdjudicatorProtocol.MergeResult> merge(long range, long generation, Duration timeout) {
    if (entities.directory().map().byId(range) == null) {
      entities.refreshDirectory();
      return CompletableFuture.completedFuture(new AdjudicatorProtocol.MergeResult(range, null, 0,
          "there is no range " + range + " in the directory"));
    }
    return entities.merge(range, generation, timeout);
  }

  /** Why a placement request was refused (nothing changed then). */
  public record Refusal(Kind kind, String message) {
    /** What the caller got wrong, for the control plane's status codes. */
    public enum Kind { NOT_FOUND, INVALID, PRECONDITION, UNAVAILABLE }
  }

  private static CompletableFuture<Refusal> refuse(Refusal.Kind kind, String message) {
    return CompletableFuture.completedFuture(new Refusal(kind, message));
  }

  /** One node's share: storage replicas, adjudicators and journals running there (-1: no answer). */
  public record NodeLoad(String address, String status, boolean draining, int replicas, int adjudicators,
      int journals) {}

  /**
   * Where everything runs. {@code balanced}: no node is draining and the storage nodes are within
   * the strategy's tolerance of each other; {@code pinned}: replicas moved on request, and where to.
   */
  public record RebalanceStatus(List<NodeLoad> nodes, boolean balanced, int tolerance,
      java.util.Map<String, String> pinned) {}

  /** The share of every member, from each entity type's sharding statistics. */
  public CompletionStage<RebalanceStatus> rebalanceStatus(Duration timeout) {
    CompletableFuture<java.util.Map<String, Integer>> replicas = shardCounts(EntityKeys.STORAGE, timeout, false);
    CompletableFuture<java.util.Map<String, Integer>> adjudicators = shardCounts(EntityKeys.ADJUDICATOR, timeout, true);
    CompletableFuture<java.util.Map<String, Integer>> journals = shardCounts(EntityKeys.JOURNAL, timeout, true);
    return CompletableFuture.allOf(replicas, adjudicators, journals).thenApply(done -> {
      org.opendsql.sharding.allocation.PlacementRequests asked = entities.placement().get();
      List<NodeLoad> out = new ArrayList<>();
      int most = Integer.MIN_VALUE;
      int fewest = Integer.MAX_VALUE;
      for (Member m : Cluster.get(system).state().getMembers()) {
        String full = m.address().toString();
        boolean draining = asked.draining().contains(full);
        NodeLoad load = new NodeLoad(hostPort(m.address()), m.status().toString().toLowerCase(java.util.Locale.ROOT), draining,
            replicas.join().getOrDefault(full, 0), adjudicators.join().getOrDefault(full, 0),
            journals.join().getOrDefault(full, 0));
        out.add(load);
        if (!draining && org.opendsql.sharding.NodeRoles.runs(m, org.opendsql.sharding.NodeRoles.STORAGE)) {
          most = Math.max(most, load.replicas());
          fewest = Math.min(fewest, load.replicas());
        }
      }
      boolean balanced = asked.draining().isEmpty()
          && (fewest == Integer.MAX_VALUE || most - fewest <= org.opendsql.sharding.allocation.StorageAllocationStrategy.TOLERANCE);
      java.util.Map<String, String> pinned = new java.util.TreeMap<>();
      asked.pins().forEach((shard, node) -> pinned.put(shard, hostPort(org.apache.pekko.actor.AddressFromURIString.parse(node))));
      return new RebalanceStatus(out, balanced, org.opendsql.sharding.allocation.StorageAllocationStrategy.TOLERANCE,
          pinned);
    });
  }

  /**
   * Asks for every entity to move off the node at {@code hostPort}, after which it leaves the
   * cluster. Completes with null once a majority has the request, or with why it was refused.
   */
  public CompletionStage<Refusal> drain(String hostPort, Duration timeout) {
    Member target = member(hostPort);
    if (target == null) return refuse(Refusal.Kind.NOT_FOUND, "no member of the cluster is at " + hostPort);
    if (target.status() != org.apache.pekko.cluster.MemberStatus.up()) {
      return refuse(Refusal.Kind.PRECONDITION, "node " + hostPort + " is "
          + target.status().toString().toLowerCase(java.util.Locale.ROOT) + ", not up");
    }
    org.opendsql.sharding.allocation.PlacementRequests asked = entities.placement().get();
    for (String role : List.of(org.opendsql.sharding.NodeRoles.STORAGE, org.opendsql.sharding.NodeRoles.ADJUDICATOR,
        org.opendsql.sharding.NodeRoles.JOURNAL)) {
      if (!org.opendsql.sharding.NodeRoles.runs(target, role)) continue;
      int left = 0;
      for (Member m : Cluster.get(system).state().getMembers()) {
        if (!m.equals(target) && m.status() == org.apache.pekko.cluster.MemberStatus.up() && org.opendsql.sharding.NodeRoles.runs(m, role)
            && !asked.draining().contains(m.address().toString())) {
          left++;
        }
      }
      int needed = role.equals(org.opendsql.sharding.NodeRoles.STORAGE) ? entities.replicas().replicas() : 1;
      if (left < needed) {
        return refuse(Refusal.Kind.PRECONDITION, "draining " + hostPort + " would leave " + left + " node(s) with the "
            + role + " role up, and " + needed + " are needed"
            + (needed > 1 ? " (one per storage replica of a range)" : ""));
      }
    }
    return shardCounts(EntityKeys.JOURNAL, timeout, true).thenCompose(journals -> {
      int there = journals.getOrDefault(target.address().toString(), 0);
      if (there > 0 && !entities.journalsMove()) {
        return refuse(Refusal.Kind.PRECONDITION, "node " + hostPort + " runs " + there + " journal(s) whose log is on its"
            + " disk only (the cluster has no --journal-peers): they cannot move");
      }
      return AskPattern.<org.opendsql.sharding.allocation.PlacementRegistry.Command, Boolean>ask(
              entities.placementRegistry(),
              reply -> new org.opendsql.sharding.allocation.PlacementRegistry.Drain(target.address().toString(), reply),
              timeout, system.scheduler())
          .thenApply(ok -> ok ? null : new Refusal(Refusal.Kind.UNAVAILABLE,
              "the request did not reach a majority of the nodes in time; it may still apply"));
    });
  }

  /**
   * Moves replica {@code replica} of {@code range} to the node at {@code hostPort} and keeps it
   * there. Completes with null once a majority has the request, or with why it was refused.
   */
  public CompletionStage<Refusal> move(long range, int replica, String hostPort, Duration timeout) {
    if (entities.directory().map().byId(range) == null) {
      entities.refreshDirectory();
      return refuse(Refusal.Kind.NOT_FOUND, "there is no range " + range + " in the directory");
    }
    if (replica < 0 || replica >= entities.replicas().replicas()) {
      return refuse(Refusal.Kind.INVALID, "replica must be 0.." + (entities.replicas().replicas() - 1));
    }
    Member target = member(hostPort);
    if (target == null) return refuse(Refusal.Kind.NOT_FOUND, "no member of the cluster is at " + hostPort);
    if (target.status() != org.apache.pekko.cluster.MemberStatus.up()
        || entities.placement().get().draining().contains(target.address().toString())) {
      return refuse(Refusal.Kind.PRECONDITION, "node " + hostPort + " is not up, or is draining");
    }
    if (!org.opendsql.sharding.NodeRoles.runs(target, org.opendsql.sharding.NodeRoles.STORAGE)) {
      return refuse(Refusal.Kind.PRECONDITION, "node " + hostPort + " does not have the storage role");
    }
    return view(entities.directory().map().byId(range), timeout).thenCompose(view -> {
      for (ReplicaView v : view.replicas()) {
        if (v.index() != replica && v.node().equals(hostPort)) {
          return refuse(Refusal.Kind.PRECONDITION, "node " + hostPort + " already holds replica " + v.index()
              + " of range " + range + "; two replicas of a range never share a node by request");
        }
      }
      return AskPattern.<org.opendsql.sharding.allocation.PlacementRegistry.Command, Boolean>ask(
              entities.placementRegistry(),
              reply -> new org.opendsql.sharding.allocation.PlacementRegistry.Pin(
                  StorageReplicas.entityId(range, replica), target.address().toString(), reply),
              timeout, system.scheduler())
          .thenApply(ok -> ok ? null : new Refusal(Refusal.Kind.UNAVAILABLE,
              "the request did not reach a majority of the nodes in time; it may still apply"));
    });
  }

  private Member member(String hostPort) {
    for (Member m : Cluster.get(system).state().getMembers()) {
      if (hostPort(m.address()).equals(hostPort)) return m;
    }
    return null;
  }


  /** Per node address: shards ({@code entities} false) or entities of the type running there. */
  private CompletableFuture<java.util.Map<String, Integer>> shardCounts(
      org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey<?> type, Duration timeout, boolean entities) {
    return AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery,
            org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats>ask(this.entities.sharding().shardState(),
            reply -> new org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats(type, timeout, reply),
            timeout.plusSeconds(1), system.scheduler())
        .thenApply(stats -> {
          java.util.Map<String, Integer> out = new java.util.HashMap<>();
          Address self = Cluster.get(system).selfMember().address();
          stats.getRegions().forEach((address, region) -> {
            int n = 0;
            for (Object count : region.getStats().values()) n += entities ? ((Number) count).intValue() : 1;
            out.put((address.hasLocalScope() ? self : address).toString(), n);
          });
          return out;
        }).toCompletableFuture();
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
