package org.opendsql.node.admin;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.opendsql.sharding.admin.ClusterInspector;

/**
 * The control plane's figures as Prometheus gauges, read fresh at every scrape: the directory's
 * version and size, each range replica's live keys, bytes, reads and writes per second and whether
 * it is caught up (labelled with its range, replica index and node), and per node the replicas,
 * adjudicators and journals it runs and whether it is draining.
 */
public final class ClusterMetrics implements MultiCollector {
  private final Supplier<List<ClusterInspector.NodeView>> nodes;
  private final Supplier<ClusterInspector.RangesView> ranges;
  private final Supplier<ClusterInspector.RebalanceStatus> placement;

  public ClusterMetrics(Supplier<List<ClusterInspector.NodeView>> nodes, Supplier<ClusterInspector.RangesView> ranges,
      Supplier<ClusterInspector.RebalanceStatus> placement) {
    this.nodes = nodes;
    this.ranges = ranges;
    this.placement = placement;
  }

  /** Over an inspector: a scrape waits at most {@code timeout} for the entities' answers. */
  public static ClusterMetrics of(ClusterInspector inspector, Duration timeout) {
    return new ClusterMetrics(inspector::nodes, () -> {
      try {
        return inspector.ranges(timeout).toCompletableFuture().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the ranges did not describe themselves in time", e);
      }
    }, () -> {
      try {
        return inspector.rebalanceStatus(timeout).toCompletableFuture().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("sharding did not report where entities run in time", e);
      }
    });
  }

  @Override
  public MetricSnapshots collect() {
    ClusterInspector.RangesView view = ranges.get();
    GaugeSnapshot.Builder keys = gauge("opendsql_range_keys", "live keys of a range replica, at its last count");
    GaugeSnapshot.Builder bytes = gauge("opendsql_range_bytes", "live bytes (keys and values) of a range replica");
    GaugeSnapshot.Builder reads = gauge("opendsql_range_reads_per_second", "reads a range replica served per second");
    GaugeSnapshot.Builder writes = gauge("opendsql_range_writes_per_second", "writes a range replica applied per second");
    GaugeSnapshot.Builder caughtUp = gauge("opendsql_range_replica_caught_up", "1 when the replica serves reads");
    Map<String, Integer> perNode = new HashMap<>();
    for (ClusterInspector.RangeView r : view.ranges()) {
      for (ClusterInspector.ReplicaView v : r.replicas()) {
        Labels labels = Labels.of("range", Long.toString(r.desc().id()), "replica", Integer.toString(v.index()),
            "node", v.node().isEmpty() ? "unknown" : v.node());
        if (!v.node().isEmpty()) perNode.merge(v.node(), 1, Integer::sum);
        if (v.status() == null) {
          caughtUp.dataPoint(point(labels, 0));
          continue;
        }
        keys.dataPoint(point(labels, v.status().keys()));
        bytes.dataPoint(point(labels, v.status().bytes()));
        reads.dataPoint(point(labels, v.status().readsPerSecond()));
        writes.dataPoint(point(labels, v.status().writesPerSecond()));
        caughtUp.dataPoint(point(labels, v.status().serving() ? 1 : 0));
      }
    }
    GaugeSnapshot.Builder replicas = gauge("opendsql_node_replicas", "storage replicas running on a node");
    GaugeSnapshot.Builder up = gauge("opendsql_node_reachable", "1 when the member is reachable from this node");
    for (ClusterInspector.NodeView n : nodes.get()) {
      Labels labels = Labels.of("node", n.address(), "status", n.status());
      up.dataPoint(point(labels, n.reachable() ? 1 : 0));
      replicas.dataPoint(point(Labels.of("node", n.address()), perNode.getOrDefault(n.address(), 0)));
    }
    GaugeSnapshot.Builder adjudicators = gauge("opendsql_node_adjudicators", "adjudicators running on a node");
    GaugeSnapshot.Builder journals = gauge("opendsql_node_journals", "journals running on a node");
    GaugeSnapshot.Builder draining = gauge("opendsql_node_draining", "1 while a node is being drained");
    ClusterInspector.RebalanceStatus status = placement.get();
    for (ClusterInspector.NodeLoad n : status.nodes()) {
      Labels labels = Labels.of("node", n.address());
      adjudicators.dataPoint(point(labels, n.adjudicators()));
      journals.dataPoint(point(labels, n.journals()));
      draining.dataPoint(point(labels, n.draining() ? 1 : 0));
    }
    return MetricSnapshots.of(
        gauge("opendsql_directory_version", "changes the range directory has taken").dataPoint(point(Labels.EMPTY,
            view.version())).build(),
        gauge("opendsql_ranges", "key ranges in the directory").dataPoint(point(Labels.EMPTY, view.ranges().size()))
            .build(),
        keys.build(), bytes.build(), reads.build(), writes.build(), caughtUp.build(), replicas.build(), up.build(),
        adjudicators.build(), journals.build(), draining.build(),
        gauge("opendsql_placement_balanced", "1 when no node drains and storage nodes are within the tolerance")
            .dataPoint(point(Labels.EMPTY, status.balanced() ? 1 : 0)).build());
  }

  private static GaugeSnapshot.Builder gauge(String name, String help) {
    return GaugeSnapshot.builder().name(name).help(help);
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
