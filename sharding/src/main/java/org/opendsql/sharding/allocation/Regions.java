package org.opendsql.sharding.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import scala.collection.immutable.IndexedSeq;
import scala.jdk.javaapi.CollectionConverters;

/** The shard regions an allocation strategy is given, named by node address. */
final class Regions {
  /** Node address to its region. */
  final Map<String, ActorRef> byNode = new HashMap<>();
  /** Node address to the shards its region hosts. */
  final Map<String, List<String>> hosting = new HashMap<>();

  /** @param self this node's address: the coordinator's own region has a local one, named like the others */
  Regions(Address self, Map<ActorRef, IndexedSeq<String>> current) {
    for (Map.Entry<ActorRef, IndexedSeq<String>> e : current.entrySet()) {
      Address a = e.getKey().path().address();
      String node = (a.hasLocalScope() && self != null ? self : a).toString();
      byNode.put(node, e.getKey());
      hosting.put(node, new ArrayList<>(CollectionConverters.asJava(e.getValue())));
    }
  }

  /** Every node, in address order (what breaks ties). */
  List<String> nodes() {
    List<String> nodes = new ArrayList<>(byNode.keySet());
    nodes.sort(null);
    return nodes;
  }
}
