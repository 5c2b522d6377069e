package org.opendsql.sharding.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementRequestsTest {
  private static final String A = "pekko://opendsql@10.0.0.1:25520";
  private static final String B = "pekko://opendsql@10.0.0.2:25520";

  @Test
  void elementsReadBackAsDrainsAndPins() {
    PlacementRequests r = PlacementRequests.of(List.of(PlacementRequests.drainElement(A),
        PlacementRequests.pinElement("17-2", B), "something else"));
    assertEquals(Set.of(A), r.draining());
    assertEquals(Map.of("17-2", B), r.pins());
    assertEquals("17-2", PlacementRequests.pinnedShard(PlacementRequests.pinElement("17-2", B)));
    assertEquals(B, PlacementRequests.pinnedNode(PlacementRequests.pinElement("17-2", B)));
  }

  @Test
  void twoPinsOfOneShardResolveTheSameWayWhateverTheOrder() {
    List<String> one = List.of(PlacementRequests.pinElement("3-0", A), PlacementRequests.pinElement("3-0", B));
    List<String> other = List.of(one.get(1), one.get(0));
    assertEquals(PlacementRequests.of(one), PlacementRequests.of(other));
    assertEquals(B, PlacementRequests.of(one).pins().get("3-0"));
  }

  @Test
  void drainingNodesAreNotEligibleUnlessAllAre() {
    PlacementRequests r = PlacementRequests.of(List.of(PlacementRequests.drainElement(A)));
    assertEquals(List.of(B), r.eligible(List.of(A, B)));
    assertEquals(List.of(A), r.eligible(List.of(A)), "entities must live somewhere");
  }
}
