package org.opendsql.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

class JournalTableTest {
  @TempDir Path dir;

  private record Entry(JournalTable.Family family, byte[] key, byte[] value) {}

  private static JournalRecord rec(String pid, long seqNr, String writer) {
    return new JournalRecord(pid, seqNr, writer, (pid + "#" + seqNr).getBytes(StandardCharsets.UTF_8));
  }

  /** Appends as a store does: one batch, written only if the rule applies it. */
  private static SingleWriter.Verdict append(JournalTable table, JournalRecord... records) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      SingleWriter.Verdict verdict = table.append(List.of(records), batch);
      table.write(batch, true);
      return verdict;
    }
  }

  private static void deleteTo(JournalTable table, String pid, long toSeqNr) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      table.deleteTo(pid, toSeqNr, batch);
      table.write(batch, true);
    }
  }

  private static List<JournalRecord> replay(JournalTable table, String pid, long from, long to, long max) {
    List<JournalRecord> out = new ArrayList<>();
    table.replay(pid, from, to, max, out::add);
    return out;
  }

  private static List<Long> seqNrs(JournalTable table, String pid) {
    return replay(table, pid, 0, Long.MAX_VALUE, Long.MAX_VALUE).stream().map(JournalRecord::seqNr).toList();
  }

  private static List<Entry> content(JournalTable table) throws Exception {
    List<Entry> out = new ArrayList<>();
    table.forEachEntry((family, key, value) -> out.add(new Entry(family, key, value)));
    return out;
  }

  @Test
  void appendedEventsReplayInSeqNrOrderWithTheirBytesAndSetTheHighestSeqNrAcrossAReopen() throws Exception {
    try (JournalTable table = JournalTable.open(dir)) {
      assertEquals(SingleWriter.Outcome.APPLY, append(table, rec("p", 1, "w"), rec("p", 2, "w")).outcome());
      assertEquals(SingleWriter.Outcome.APPLY, append(table, rec("p", 3, "w")).outcome());
    }
    try (JournalTable table = JournalTable.open(dir)) {
      List<JournalRecord> p = replay(table, "p", 1, Long.MAX_VALUE, Long.MAX_VALUE);
      assertEquals(List.of(1L, 2L, 3L), p.stream().map(JournalRecord::seqNr).toList());
      assertArrayEquals(rec("p", 2, "w").bytes(), p.get(1).bytes());
      assertEquals("p", p.get(0).persistenceId());
      assertEquals(3, table.highestSeqNr("p"));
      assertEquals(0, table.highestSeqNr("unknown"));
    }
  }

  @Test
  void anAppendTheSingleWriterRuleRefusesPutsNothingIntoTheBatch() throws Exception {
    try (JournalTable table = JournalTable.open(dir)) {
      append(table, rec("p", 1, "old"));
      append(table, rec("p", 2, "new"));
      try (WriteBatch batch = new WriteBatch()) {
        // The refusal of p's entry refuses q's too: one verdict per append.
        SingleWriter.Verdict verdict = table.append(List.of(rec("p", 2, "old"), rec("q", 1, "old")), batch);
        assertEquals(SingleWriter.Outcome.CONFLICT, verdict.outcome());
        assertEquals(0, batch.count());
      }
      assertEquals(List.of(1L, 2L), seqNrs(table, "p"));
      assertEquals(2, table.highestSeqNr("p"));
      assertEquals(0, table.highestSeqNr("q"));
    }
  }

  @Test
  void aSecondCopyOfAnAppliedAppendPutsNothingSoDeletedEventsStayDeleted() throws Exception {
    try (JournalTable table = JournalTable.open(dir)) {
      append(table, rec("p", 1, "w"), rec("p", 2, "w"));
      deleteTo(table, "p", 2);
      try (WriteBatch batch = new WriteBatch()) {
        SingleWriter.Verdict verdict = table.append(List.of(rec("p", 1, "w"), rec("p", 2, "w")), batch);
        assertEquals(SingleWriter.Outcome.DUPLICATE, verdict.outcome());
        assertEquals(0, batch.count());
      }
      assertEquals(List.of(), seqNrs(table, "p"));
    }
  }

  @Test
  void deleteToKeepsTheHighestSeqNrTheLaterEventsAndOtherIds() throws Exception {
    try (JournalTable table = JournalTable.open(dir)) {
      append(table, rec("p", 1, "w"), rec("p", 2, "w"), rec("p", 3, "w"), rec("p", 4, "w"), rec("p1", 1, "w"));
      deleteTo(table, "p", 2);
      assertEquals(List.of(3L, 4L), seqNrs(table, "p"));
      assertEquals(4, table.highestSeqNr("p"));

      deleteTo(table, "p", Long.MAX_VALUE);
      assertEquals(List.of(), seqNrs(table, "p"));
      assertEquals(4, table.highestSeqNr("p"));
      assertEquals(List.of(1L), seqNrs(table, "p1"));
      // The id continues where it was, not at 1.
      assertEquals(SingleWriter.Outcome.APPLY, append(table, rec("p", 5, "w")).outcome());
      assertEquals(List.of(5L), seqNrs(table, "p"));
    }
  }

  @Test
  void deleteToOfAnIdWithoutEventsPutsNothingIntoTheBatch() throws Exception {
    try (JournalTable table = JournalTable.open(dir); WriteBatch batch = new WriteBatch()) {
      table.deleteTo("p", Long.MAX_VALUE, batch);
      assertEquals(0, batch.count());
    }
  }

  @Test
  void replayStopsAtTheUpperBoundAndAtTheMaxCount() throws Exception {
    try (JournalTable table = JournalTable.open(dir)) {
      append(table, rec("p", 1, "w"), rec("p", 2, "w"), rec("p", 3, "w"), rec("p", 4, "w"));
      assertEquals(List.of(2L, 3L), replay(table, "p", 2, 3, 10).stream().map(JournalRecord::seqNr).toList());
      assertEquals(List.of(1L, 2L), replay(table, "p", 0, 10, 2).stream().map(JournalRecord::seqNr).toList());
      assertEquals(List.of(), replay(table, "p", 5, Long.MAX_VALUE, 10));
    }
  }

  @Test
  void replayOfAnIdStopsAtTheKeysOfTheIdsAfterIt() throws Exception {
    try (JournalTable table = JournalTable.open(dir)) {
      // "p1" starts with "p" and "q" sorts after it: neither may leak into a replay of "p".
      append(table, rec("p", 1, "w"), rec("p", 2, "w"), rec("p1", 1, "w"), rec("q", 1, "w"));
      assertEquals(List.of(1L, 2L), seqNrs(table, "p"));
      List<JournalRecord> p1 = replay(table, "p1", 0, Long.MAX_VALUE, Long.MAX_VALUE);
      assertEquals(List.of(1L), p1.stream().map(JournalRecord::seqNr).toList());
      assertArrayEquals(rec("p1", 1, "w").bytes(), p1.get(0).bytes());
      assertEquals(List.of(), seqNrs(table, "o"));
    }
  }

  @Test
  void theOnDiskFormatIsTheDocumentedOne() throws Exception {
    try (JournalTable table = JournalTable.open(dir)) {
      append(table, rec("p", 1, "w"), rec("p", 2, "w"));
      List<Entry> entries = content(table);
      assertEquals(3, entries.size());
      assertEquals(JournalTable.Family.EVENTS, entries.get(0).family());
      assertArrayEquals(new byte[] {0, 0, 0, 1, 'p', 0, 0, 0, 0, 0, 0, 0, 1}, entries.get(0).key());
      assertEquals(JournalTable.Family.EVENTS, entries.get(1).family());
      assertArrayEquals(new byte[] {0, 0, 0, 1, 'p', 0, 0, 0, 0, 0, 0, 0, 2}, entries.get(1).key());
      assertArrayEquals(rec("p", 2, "w").bytes(), entries.get(1).value());
      assertEquals(JournalTable.Family.HIGHEST, entries.get(2).family());
      assertArrayEquals(new byte[] {'p'}, entries.get(2).key());
      assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 2, 'w'}, entries.get(2).value());
    }
  }

  @Test
  void aCopyOfTheContentRestoredIntoAClearedTableReplacesItsContentButNotTheCallersFamilies() throws Exception {
    byte[] appliedKey = "applied".getBytes(StandardCharsets.US_ASCII);
    try (JournalTable source = JournalTable.open(dir.resolve("source"));
        JournalTable target = JournalTable.open(dir.resolve("target"), "meta")) {
      append(source, rec("p", 1, "w"), rec("p", 2, "w"), rec("q", 1, "v"));
      deleteTo(source, "p", 1);
      append(target, rec("p", 1, "x"), rec("r", 1, "x"));
      try (WriteBatch batch = new WriteBatch()) {
        batch.put(target.family("meta"), appliedKey, new byte[] {7});
        target.write(batch, true);
      }

      target.clear();
      try (WriteBatch batch = new WriteBatch()) {
        for (Entry e : content(source)) target.restore(e.family(), e.key(), e.value(), batch);
        target.write(batch, true);
      }

      assertEquals(List.of(2L), seqNrs(target, "p"));
      assertArrayEquals(rec("p", 2, "w").bytes(), replay(target, "p", 0, 2, 1).get(0).bytes());
      assertEquals(2, target.highestSeqNr("p"));
      assertEquals(List.of(1L), seqNrs(target, "q"));
      assertEquals(List.of(), seqNrs(target, "r"));
      assertEquals(0, target.highestSeqNr("r"));
      // The copy carries the holders: the source's writer continues, the target's old one is refused.
      try (WriteBatch batch = new WriteBatch()) {
        assertEquals(SingleWriter.Outcome.CONFLICT, target.append(List.of(rec("p", 2, "x")), batch).outcome());
      }
      assertArrayEquals(new byte[] {7}, target.get(target.family("meta"), appliedKey));
    }
  }

  @Test
  void theCallersOwnFamilyCommitsInTheJournalsBatchAndSurvivesAReopen() throws Exception {
    byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
    try (JournalTable table = JournalTable.open(dir, "meta")) {
      assertNull(table.get(table.family("meta"), key));
      try (WriteBatch batch = new WriteBatch()) {
        table.append(List.of(rec("p", 1, "w")), batch);
        batch.put(table.family("meta"), key, new byte[] {1});
        table.write(batch, false);
      }
      table.syncWal();
    }
    try (JournalTable table = JournalTable.open(dir, "meta")) {
      assertArrayEquals(new byte[] {1}, table.get(table.family("meta"), key));
      assertEquals(List.of(1L), seqNrs(table, "p"));
      assertThrows(IllegalArgumentException.class, () -> table.family("other"));
    }
  }
}
