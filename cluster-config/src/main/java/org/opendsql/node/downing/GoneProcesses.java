package org.opendsql.node.downing;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The members whose process is gone, as the probes of one actor system last found them, for its
 * failure detectors to read. Keyed by the system's event stream (the one thing a Pekko failure
 * detector is handed that names its system), so several systems in one JVM keep apart.
 */
final class GoneProcesses {
  private static final Map<Object, Set<String>> BY_SYSTEM = Collections.synchronizedMap(new WeakHashMap<>());

  private GoneProcesses() {}

  static void set(Object system, Set<String> addresses) {
    BY_SYSTEM.put(system, Set.copyOf(addresses));
  }

  static boolean isGone(Object system, String address) {
    Set<String> gone = BY_SYSTEM.get(system);
    return gone != null && address != null && gone.contains(address);
  }
}
