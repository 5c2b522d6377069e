package org.opendsql.node.admin;

import com.typesafe.config.Config;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.opendsql.admin.grpc.ClusterAdminPowerApiHandlerFactory;

/** Binds the control plane: the ClusterAdmin service over HTTP/2 and TLS at {@code opendsql.admin.host:port}. */
public final class AdminEndpoint {
  private AdminEndpoint() {}

  public static CompletableFuture<ServerBinding> bind(ActorSystem<?> system, Config config, SSLContext tls,
      AdminService service) {
    return Http.get(system)
        .newServerAt(config.getString("opendsql.admin.host"), config.getInt("opendsql.admin.port"))
        .enableHttps(ConnectionContext.httpsServer(tls))
        .bind(ClusterAdminPowerApiHandlerFactory.create(service, system))
        .toCompletableFuture();
  }
}
