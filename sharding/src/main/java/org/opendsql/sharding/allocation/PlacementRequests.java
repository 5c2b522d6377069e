package org.opendsql.sharding.allocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What operators asked of placement, as the allocation strategies read it: nodes to drain (every
 * entity moves off them, then they leave) and storage replicas pinned to a node. Nodes are named
 * by their full cluster address ({@code pekko://system@host:port}), shards by their id.
 *
 * <p>Kept cluster-wide as a set of strings (see {@link PlacementRegistry}); {@link #element} and
 * {@link #of} convert, so that a request survives any order of adds and removes.
 *
 * @param draining nodes being drained
 * @param pins storage shard id to the node it was moved to on request
 */
public record PlacementRequests(Set<String> draining, Map<String, String> pins) {
  public static final PlacementRequests NONE = new PlacementRequests(Set.of(), Map.of());
  private static final String DRAIN = "drain|";
  private static final String PIN = "pin|";

  public PlacementRequests {
    draining = Set.copyOf(draining);
    pins = Map.copyOf(pins);
  }

  /** The element that asks for {@code node} to be drained. */
  public static String drainElement(String node) {
    return DRAIN + node;
  }

  /** The element that pins storage shard {@code shard} to {@code node}. */
  public static String pinElement(String shard, String node) {
    return PIN + shard + "|" + node;
  }

  /** The node a pin element names (null for another element). */
  public static String pinnedNode(String element) {
    if (!element.startsWith(PIN)) return null;
    return element.substring(element.indexOf('|', PIN.length()) + 1);
  }

  /** The shard a pin element names (null for another element). */
  public static String pinnedShard(String element) {
    if (!element.startsWith(PIN)) return null;
    return element.substring(PIN.length(), element.indexOf('|', PIN.length()));
  }

  /**
   * The requests the elements hold. Two pins of one shard (made at once on two nodes) resolve to
   * the greater node name, the same everywhere.
   */
  public static PlacementRequests of(Collection<String> elements) {
    Set<String> draining = new HashSet<>();
    Map<String, String> pins = new HashMap<>();
    for (String e : elements) {
      if (e.startsWith(DRAIN)) {
        draining.add(e.substring(DRAIN.length()));
      } else if (e.startsWith(PIN) && e.indexOf('|', PIN.length()) > 0) {
        pins.merge(pinnedShard(e), pinnedNode(e), (x, y) -> x.compareTo(y) >= 0 ? x : y);
      }
    }
    return new PlacementRequests(draining, pins);
  }

  /**
   * The nodes new entities may go to: all but the draining ones, or all of them if every node is
   * draining (entities must live somewhere).
   */
  public List<String> eligible(List<String> nodes) {
    List<String> out = new ArrayList<>(nodes.size());
    for (String n : nodes) {
      if (!draining.contains(n)) out.add(n);
    }
    return out.isEmpty() ? nodes : out;
  }
}
