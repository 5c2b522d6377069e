package org.opendsql.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.sharding.admin.ClusterInspector;
import org.opendsql.storage.protocol.StorageProtocol.ReplicaStatus;

class ClusterMetricsTest {
  private static ReplicaStatus status(long range, int replica, long keys, boolean serving) {
    return new ReplicaStatus(range, replica, 1, RangeDesc.MIN, null, keys, keys * 10, 2.5, 1.5, serving);
  }

  private static double value(MetricSnapshots all, String name, Labels labels) {
    for (MetricSnapshot m : all) {
      if (!m.getMetadata().getPrometheusName().equals(name)) continue;
      for (GaugeSnapshot.GaugeDataPointSnapshot p : ((GaugeSnapshot) m).getDataPoints()) {
        if (p.getLabels().equals(labels)) return p.getValue();
      }
    }
    throw new AssertionError("no " + name + labels);
  }

  @Test
  void everyReplicaIsAGaugePointLabelledWithItsRangeReplicaAndNodeAndNodesCountWhatTheyRun() {
    ClusterInspector.RangesView view = new ClusterInspector.RangesView(4, List.of(
        new ClusterInspector.RangeView(new RangeDesc(0, RangeDesc.MIN, new byte[] {5}, 0, 1), "a:1", List.of(
            new ClusterInspector.ReplicaView(0, "a:1", status(0, 0, 10, true)),
            new ClusterInspector.ReplicaView(1, "b:2", status(0, 1, 10, false)))),
        new ClusterInspector.RangeView(new RangeDesc(9, new byte[] {5}, null, 0, 1), "b:2", List.of(
            new ClusterInspector.ReplicaView(0, "b:2", status(9, 0, 3, true)),
            new ClusterInspector.ReplicaView(1, "", null)))));
    List<ClusterInspector.NodeView> nodes = List.of(
        new ClusterInspector.NodeView("a:1", "up", List.of("sql", "storage"), true, true),
        new ClusterInspector.NodeView("b:2", "up", List.of("storage"), false, false));
    ClusterInspector.RebalanceStatus placement = new ClusterInspector.RebalanceStatus(List.of(
        new ClusterInspector.NodeLoad("a:1", "up", false, 1, 3, 1),
        new ClusterInspector.NodeLoad("b:2", "up", true, 2, 0, 0)), false, 1, java.util.Map.of());
    MetricSnapshots m = new ClusterMetrics(() -> nodes, () -> view, () -> placement).collect();

    assertEquals(2, value(m, "opendsql_ranges", Labels.EMPTY));
    assertEquals(4, value(m, "opendsql_directory_version", Labels.EMPTY));
    assertEquals(10, value(m, "opendsql_range_keys", Labels.of("node", "a:1", "range", "0", "replica", "0")));
    assertEquals(30, value(m, "opendsql_range_bytes", Labels.of("node", "b:2", "range", "9", "replica", "0")));
    assertEquals(2.5, value(m, "opendsql_range_reads_per_second", Labels.of("node", "a:1", "range", "0", "replica", "0")));
    assertEquals(0, value(m, "opendsql_range_replica_caught_up", Labels.of("node", "b:2", "range", "0", "replica", "1")));
    assertEquals(0, value(m, "opendsql_range_replica_caught_up", Labels.of("node", "unknown", "range", "9", "replica", "1")),
        "a replica that did not answer shows as not caught up");
    assertEquals(1, value(m, "opendsql_node_replicas", Labels.of("node", "a:1")));
    assertEquals(2, value(m, "opendsql_node_replicas", Labels.of("node", "b:2")));
    assertEquals(0, value(m, "opendsql_node_reachable", Labels.of("node", "b:2", "status", "up")));
    assertEquals(3, value(m, "opendsql_node_adjudicators", Labels.of("node", "a:1")));
    assertEquals(1, value(m, "opendsql_node_journals", Labels.of("node", "a:1")));
    assertEquals(1, value(m, "opendsql_node_draining", Labels.of("node", "b:2")));
    assertEquals(0, value(m, "opendsql_node_draining", Labels.of("node", "a:1")));
    assertEquals(0, value(m, "opendsql_placement_balanced", Labels.EMPTY));
  }
}
