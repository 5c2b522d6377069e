package org.opendsql.core.session;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Opens sessions for authenticated connections; fails with 53300 when the node is full. */
public interface SessionFactory {
  CompletionStage<QuerySession> open(String user, String database, Map<String, String> startupParams);
}
