package org.opendsql.node.downing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokenLinkResolverTest {
  private static final List<String> OLDEST_FIRST = List.of("a", "b", "c");

  @Test
  void aNodeReachingBothEndsOfABrokenLinkDownsTheYoungerEndOnceTheViewHeldTwoRounds() {
    BrokenLinkResolver r = new BrokenLinkResolver();
    Set<String> pair = Set.of("a", "b");
    assertEquals(Optional.empty(), r.round("c", OLDEST_FIRST, pair, Set.of("a", "b")), "gossip may not have settled");
    assertEquals(Optional.of("b"), r.round("c", OLDEST_FIRST, pair, Set.of("a", "b")));
    assertEquals(Optional.empty(), r.round("c", OLDEST_FIRST, pair, Set.of("a", "b")), "downed once");
  }

  @Test
  void anEndOfTheLinkNeverDecides() {
    BrokenLinkResolver r = new BrokenLinkResolver();
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), r.round("a", OLDEST_FIRST, Set.of("b"), Set.of("c")));
      assertEquals(Optional.empty(), r.round("a", OLDEST_FIRST, Set.of("a", "b"), Set.of("b", "c")));
    }
  }

  @Test
  void deadOrCutOffMembersAreLeftToTheSplitBrainResolver() {
    BrokenLinkResolver r = new BrokenLinkResolver();
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), r.round("c", OLDEST_FIRST, Set.of("b"), Set.of("a")), "one member unreachable");
      assertEquals(Optional.empty(), r.round("c", OLDEST_FIRST, Set.of("a", "b"), Set.of("a")),
          "this node's own detector lost one of them too: not a broken link between them");
    }
  }

  @Test
  void aPairThatChangesStartsTheCountAgain() {
    BrokenLinkResolver r = new BrokenLinkResolver();
    List<String> four = List.of("a", "b", "c", "d");
    assertEquals(Optional.empty(), r.round("d", four, Set.of("a", "b"), Set.of("a", "b", "c")));
    assertEquals(Optional.empty(), r.round("d", four, Set.of("a", "c"), Set.of("a", "b", "c")));
    assertEquals(Optional.of("c"), r.round("d", four, Set.of("a", "c"), Set.of("a", "b", "c")));
  }

  @Test
  void aMemberRemovedAndBackCanBeDownedAgain() {
    BrokenLinkResolver r = new BrokenLinkResolver();
    r.round("c", OLDEST_FIRST, Set.of("a", "b"), Set.of("a", "b"));
    assertEquals(Optional.of("b"), r.round("c", OLDEST_FIRST, Set.of("a", "b"), Set.of("a", "b")));
    r.memberRemoved("b");
    r.round("c", OLDEST_FIRST, Set.of(), Set.of("a", "b"));
    r.round("c", OLDEST_FIRST, Set.of("a", "b"), Set.of("a", "b"));
    assertEquals(Optional.of("b"), r.round("c", OLDEST_FIRST, Set.of("a", "b"), Set.of("a", "b")),
        "a new incarnation at the same address, with the link still broken");
  }
}
