package org.opendsql.node.admin;

import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.grpc.javadsl.Metadata;
import org.opendsql.admin.grpc.ClusterAdminPowerApi;
import org.opendsql.admin.grpc.DrainNodeReply;
import org.opendsql.admin.grpc.DrainNodeRequest;
import org.opendsql.admin.grpc.GetRebalanceStatusReply;
import org.opendsql.admin.grpc.GetRebalanceStatusRequest;
import org.opendsql.admin.grpc.ListNodesReply;
import org.opendsql.admin.grpc.ListNodesRequest;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.admin.grpc.ListRangesRequest;
import org.opendsql.admin.grpc.MoveReplicaReply;
import org.opendsql.admin.grpc.MoveReplicaRequest;
import org.opendsql.admin.grpc.Node;
import org.opendsql.admin.grpc.NodeLoad;
import org.opendsql.admin.grpc.PinnedReplica;
import org.opendsql.admin.grpc.Range;
import org.opendsql.admin.grpc.Replica;
import org.opendsql.admin.grpc.MergeRangeReply;
import org.opendsql.admin.grpc.MergeRangeRequest;
import org.opendsql.admin.grpc.SplitRangeReply;
import org.opendsql.admin.grpc.SplitRangeRequest;
import org.opendsql.core.auth.Tokens;
import org.opendsql.core.error.DbException;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.sharding.admin.ClusterInspector;

/** The ClusterAdmin service of one node: checks the caller's admin token, then asks the inspector. */
public final class AdminService implements ClusterAdminPowerApi {
  private final ClusterInspector inspector;
  private final Tokens tokens;
  private final Duration describeTimeout;
  private final Duration splitTimeout;

  public AdminService(ClusterInspector inspector, Tokens tokens, Duration describeTimeout, Duration splitTimeout) {
    this.inspector = inspector;
    this.tokens = tokens;
    this.describeTimeout = describeTimeout;
    this.splitTimeout = splitTimeout;
  }

  /** Every call: an admin token this node accepts, in the {@link AdminClient#TOKEN_HEADER} metadata. */
  private void authorize(Metadata metadata) {
    String token = metadata.getText(AdminClient.TOKEN_HEADER).orElse("");
    if (token.isBlank()) {
      throw new GrpcServiceException(Status.UNAUTHENTICATED.withDescription("an admin token is required in "
          + AdminClient.TOKEN_HEADER + " (bin/dsql token --admin makes one)"));
    }
    try {
      tokens.authenticate(Tokens.ADMIN, token.trim());
    } catch (DbException e) {
      throw new GrpcServiceException(Status.UNAUTHENTICATED.withDescription(e.getMessage()));
    }
  }

  @Override
  public CompletionStage<ListNodesReply> listNodes(ListNodesRequest in, Metadata metadata) {
    authorize(metadata);
    List<ClusterInspector.NodeView> nodes = inspector.nodes();
    return inspector.ranges(describeTimeout).thenApply(ranges -> {
      Map<String, Integer> replicas = new HashMap<>();
      for (ClusterInspector.RangeView r : ranges.ranges()) {
        for (ClusterInspector.ReplicaView v : r.replicas()) {
          if (!v.node().isEmpty()) replicas.merge(v.node(), 1, Integer::sum);
        }
      }
      ListNodesReply.Builder reply = ListNodesReply.newBuilder();
      for (ClusterInspector.NodeView n : nodes) {
        reply.addNodes(Node.newBuilder().setAddress(n.address()).setStatus(n.status()).addAllRoles(n.roles())
            .setReachable(n.reachable()).setSelf(n.self()).setReplicas(replicas.getOrDefault(n.address(), 0)));
      }
      return reply.build();
    });
  }

  @Override
  public CompletionStage<ListRangesReply> listRanges(ListRangesRequest in, Metadata metadata) {
    authorize(metadata);
    return inspector.ranges(describeTimeout).thenApply(view -> {
      ListRangesReply.Builder reply = ListRangesReply.newBuilder().setDirectoryVersion(view.version());
      for (ClusterInspector.RangeView r : view.ranges()) {
        RangeDesc d = r.desc();
        Range.Builder range = Range.newBuilder().setId(d.id()).setStart(hex(d.start())).setEnd(hex(d.end()))
            .setJournal(d.journal()).setGeneration(d.generation()).setAdjudicator(r.adjudicatorNode());
        for (ClusterInspector.ReplicaView v : r.replicas()) {
          Replica.Builder replica = Replica.newBuilder().setIndex(v.index()).setNode(v.node());
          if (v.status() != null) {
            replica.setCaughtUp(v.status().serving()).setKeys(v.status().keys()).setBytes(v.status().bytes())
                .setReadsPerSecond(v.status().readsPerSecond()).setWritesPerSecond(v.status().writesPerSecond());
          }
          range.addReplicas(replica);
        }
        reply.addRanges(range);
      }
      return reply.build();
    });
  }

  @Override
  public CompletionStage<SplitRangeReply> splitRange(SplitRangeRequest in, Metadata metadata) {
    authorize(metadata);
    byte[] at;
    try {
      at = in.getAt().isEmpty() ? null : HexFormat.of().parseHex(in.getAt());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new GrpcServiceException(
          Status.INVALID_ARGUMENT.withDescription("the split key must be hex: " + e.getMessage())));
    }
    if (at != null && at.length == 0) at = null;
    return inspector.split(in.getRange(), in.getGeneration(), at, splitTimeout).thenApply(r -> {
      SplitRangeReply.Builder reply = SplitRangeReply.newBuilder().setLeft(in.getRange());
      if (r.split() == null) return reply.setSplit(false).setRefusal(r.refusal() == null ? "" : r.refusal()).build();
      return reply.setSplit(true).setRight(r.split().rightId()).setAt(hex(r.split().at())).build();
    });
  }

  @Override
  public CompletionStage<MergeRangeReply> mergeRange(MergeRangeRequest in, Metadata metadata) {
    authorize(metadata);
    return inspector.merge(in.getRange(), in.getGeneration(), splitTimeout).thenApply(r -> {
      MergeRangeReply.Builder reply = MergeRangeReply.newBuilder().setLeft(in.getRange());
      if (r.merge() == null) return reply.setMerged(false).setRefusal(r.refusal() == null ? "" : r.refusal()).build();
      return reply.setMerged(true).setRight(r.merge().right()).build();
    });
  }

  @Override
  public CompletionStage<MoveReplicaReply> moveReplica(MoveReplicaRequest in, Metadata metadata) {
    authorize(metadata);
    return answer(inspector.move(in.getRange(), in.getReplica(), in.getNode(), describeTimeout),
        MoveReplicaReply.getDefaultInstance());
  }

  @Override
  public CompletionStage<DrainNodeReply> drainNode(DrainNodeRequest in, Metadata metadata) {
    authorize(metadata);
    return answer(inspector.drain(in.getNode(), describeTimeout), DrainNodeReply.getDefaultInstance());
  }

  @Override
  public CompletionStage<GetRebalanceStatusReply> getRebalanceStatus(GetRebalanceStatusRequest in, Metadata metadata) {
    authorize(metadata);
    return inspector.rebalanceStatus(describeTimeout).thenApply(status -> {
      GetRebalanceStatusReply.Builder reply = GetRebalanceStatusReply.newBuilder().setBalanced(status.balanced())
          .setTolerance(status.tolerance());
      for (ClusterInspector.NodeLoad n : status.nodes()) {
        reply.addNodes(NodeLoad.newBuilder().setAddress(n.address()).setStatus(n.status()).setDraining(n.draining())
            .setReplicas(n.replicas()).setAdjudicators(n.adjudicators()).setJournals(n.journals()));
      }
      status.pinned().forEach((replica, node) ->
          reply.addPinned(PinnedReplica.newBuilder().setReplica(replica).setNode(node)));
      return reply.build();
    });
  }

  /** The reply once the request is recorded, or the refusal as a gRPC status. */
  private static <T> CompletionStage<T> answer(CompletionStage<ClusterInspector.Refusal> outcome, T ok) {
    return outcome.thenCompose(refusal -> {
      if (refusal == null) return CompletableFuture.completedFuture(ok);
      Status status = switch (refusal.kind()) {
        case NOT_FOUND -> Status.NOT_FOUND;
        case INVALID -> Status.INVALID_ARGUMENT;
        case PRECONDITION -> Status.FAILED_PRECONDITION;
        case UNAVAILABLE -> Status.UNAVAILABLE;
      };
      return CompletableFuture.failedFuture(new GrpcServiceException(status.withDescription(refusal.message())));
    });
  }

  private static String hex(byte[] key) {
    return key == null ? "" : HexFormat.of().formatHex(key);
  }
}
