package org.opendsql.node.admin;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** The node's Prometheus text endpoint ({@code /metrics}) at {@code opendsql.admin.metrics-host:metrics-port}. */
public final class MetricsEndpoint implements AutoCloseable {
  private final HTTPServer server;

  private MetricsEndpoint(HTTPServer server) {
    this.server = server;
  }

  public static MetricsEndpoint start(String host, int port, ClusterMetrics metrics) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(metrics);
    return new MetricsEndpoint(HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart());
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
