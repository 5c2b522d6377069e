package org.opendsql.sharding.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorageReplicasTest {
  private final StorageReplicas replicas = new StorageReplicas(8, 3);

  private Map<String, List<String>> placeAll(List<String> nodes) {
    Map<String, List<String>> hosting = new HashMap<>();
    for (String n : nodes) hosting.put(n, new ArrayList<>());
    for (int r = 0; r < replicas.ranges(); r++) {
      for (int k = 0; k < replicas.replicas(); k++) {
        hosting.get(StorageReplicas.place(r, k, nodes, hosting)).add(replicas.entityId(r, k));
      }
    }
    return hosting;
  }

  @Test
  void replicasOfARangeGoToDistinctNodesAndEveryNodeGetsItsShare() {
    Map<String, List<String>> hosting = placeAll(List.of("a", "b", "c"));
    for (List<String> ids : hosting.values()) {
      assertEquals(8, ids.size());
      Set<Integer> ranges = new HashSet<>();
      for (String id : ids) assertTrue(ranges.add(StorageReplicas.parse(id)[0]), "two replicas of one range on a node: " + ids);
    }
  }

  @Test
  void aLostNodesReplicasMoveToNodesWithoutThatRangeAndComeBackApartWhenANodeJoins() {
    Map<String, List<String>> hosting = placeAll(List.of("a", "b", "c", "d"));
    List<String> lost = hosting.remove("c");
    List<String> survivors = List.of("a", "b", "d");
    for (String id : lost) {
      int[] rk = StorageReplicas.parse(id);
      String to = StorageReplicas.place(rk[0], rk[1], survivors, hosting);
      assertNotEquals("c", to);
      hosting.get(to).add(id);
    }
    for (List<String> ids : hosting.values()) {
      assertEquals(ids.size(), ids.stream().map(i -> StorageReplicas.parse(i)[0]).distinct().count(), "co-located: " + ids);
    }
    assertEquals(Set.of(), StorageReplicas.misplaced(survivors, hosting));
  }

  @Test
  void withTooFewNodesReplicasShareAndTheExtrasMoveApartWhenANodeArrives() {
    Map<String, List<String>> hosting = placeAll(List.of("a", "b"));
    assertEquals(Set.of(), StorageReplicas.misplaced(List.of("a", "b"), hosting), "nowhere better to go");
    hosting.put("c", new ArrayList<>());
    List<String> three = List.of("a", "b", "c");
    Set<String> moves = StorageReplicas.misplaced(three, hosting);
    assertEquals(8, moves.size(), "one extra replica of every range: " + moves);
    for (String id : moves) {
      for (List<String> ids : hosting.values()) ids.remove(id);
      int[] rk = StorageReplicas.parse(id);
      hosting.get(StorageReplicas.place(rk[0], rk[1], three, hosting)).add(id);
    }
    for (List<String> ids : hosting.values()) {
      assertEquals(8, ids.size());
      assertEquals(8, ids.stream().map(i -> StorageReplicas.parse(i)[0]).distinct().count(), "co-located: " + ids);
    }
  }

  @Test
  void idsSlotsAndKeySpacesAreDistinctPerReplica() {
    Set<Integer> slots = new HashSet<>();
    Set<Integer> stores = new HashSet<>();
    for (int r = 0; r < 8; r++) {
      for (int k = 0; k < 3; k++) {
        int[] back = StorageReplicas.parse(replicas.entityId(r, k));
        assertEquals(r, back[0]);
        assertEquals(k, back[1]);
        assertTrue(slots.add(replicas.slot(r, k)));
        assertTrue(stores.add(replicas.storeId(r, k)));
      }
    }
    assertEquals(replicas.slots(), slots.size());
    assertEquals(3, replicas.storeId(3, 0));
  }
}
