package org.opendsql.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksJournalStoreTest {
  private static <T> T await(java.util.concurrent.CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<JournalRecord> replay(JournalStore store, String pid, long from, long to, long max)
      throws Exception {
    List<JournalRecord> out = new ArrayList<>();
    await(store.replay(pid, from, to, max, out::add));
    return out;
  }

  @Test
  void appendsAreFsyncedWriteBatches(@TempDir Path dir) {
    try (RocksJournalStore store = new RocksJournalStore(dir, 1)) {
      assertTrue(store.syncsWrites());
    }
  }

  @Test
  void anAppendBreakingTheSingleWriterRuleIsRefusedAndWritesNothing(@TempDir Path dir) throws Exception {
    try (RocksJournalStore store = new RocksJournalStore(dir, 1)) {
      await(store.append(List.of(new JournalRecord("p", 1, "old", new byte[] {1}))));
      await(store.append(List.of(new JournalRecord("p", 2, "new", new byte[] {2}))));
      var refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
          () -> await(store.append(List.of(new JournalRecord("p", 2, "old", new byte[] {9}), new JournalRecord("q", 1, "old", new byte[] {9})))));
      assertTrue(refused.getCause() instanceof JournalWriteConflict, refused.toString());
      List<JournalRecord> p = replay(store, "p", 1, Long.MAX_VALUE, Long.MAX_VALUE);
      assertEquals(2, p.get(1).bytes()[0]);
      assertEquals(List.of(), replay(store, "q", 1, Long.MAX_VALUE, Long.MAX_VALUE));
    }
  }

  @Test
  void appendedRecordsSurviveReopenInSeqNrOrderPerPersistenceId(@TempDir Path dir) throws Exception {
    try (RocksJournalStore store = new RocksJournalStore(dir, 1)) {
      // "p" and "p1" share a prefix: the length prefix keeps their records apart.
      await(store.append(List.of(
          new JournalRecord("p", 1, new byte[] {1}),
          new JournalRecord("p1", 1, new byte[] {9}),
          new JournalRecord("p", 2, new byte[] {2}))));
      await(store.append(List.of(new JournalRecord("p", 3, new byte[] {3}))));
    }
    try (RocksJournalStore store = new RocksJournalStore(dir, 1)) {
      List<JournalRecord> p = replay(store, "p", 1, Long.MAX_VALUE, Long.MAX_VALUE);
      assertEquals(List.of(1L, 2L, 3L), p.stream().map(JournalRecord::seqNr).toList());
      assertArrayEquals(new byte[] {3}, p.get(2).bytes());
      assertEquals(List.of(2L), replay(store, "p", 2, 2, 10).stream().map(JournalRecord::seqNr).toList());
      assertEquals(List.of(1L, 2L), replay(store, "p", 0, 10, 2).stream().map(JournalRecord::seqNr).toList());
      assertEquals(1, replay(store, "p1", 1, Long.MAX_VALUE, 10).size());
      assertEquals(3L, await(store.highestSeqNr("p")));
      assertEquals(1L, await(store.highestSeqNr("p1")));

      await(store.deleteTo("p", 2));
    }
    try (RocksJournalStore store = new RocksJournalStore(dir, 1)) {
      assertEquals(List.of(3L), replay(store, "p", 1, Long.MAX_VALUE, 10).stream().map(JournalRecord::seqNr).toList());
      assertEquals(3L, await(store.highestSeqNr("p")));
      assertEquals(1, replay(store, "p1", 1, Long.MAX_VALUE, 10).size());
    }
  }
}
