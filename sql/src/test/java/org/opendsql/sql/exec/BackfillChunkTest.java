package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.IndexDef;
import org.opendsql.sql.catalog.TableDef;

/** A chunk's entries are the ones a write makes, and a unique chunk finds duplicates in itself and in storage. */
class BackfillChunkTest {
  private static final IndexDef BY_EMAIL = new IndexDef(2, "t_email", new int[] {1}, new int[0], true, false, true);
  private static final TableDef T = new TableDef(1000, "t", List.of(
      new ColumnDef(1, "id", PgType.INT4, -1, true, null, false),
      new ColumnDef(2, "email", PgType.TEXT, -1, false, null, false)), new int[] {0}, false, List.of(BY_EMAIL));

  private static List<KvEntry> rows(Object[]... rows) {
    List<KvEntry> out = new ArrayList<>();
    for (Object[] r : rows) out.add(new KvEntry(T.key(r), T.encodeRow(r)));
    return out;
  }

  @Test
  void entriesAreWhatAWriteOfTheRowWritesAndTheLastKeyIsTheLastRows() {
    List<KvEntry> page = rows(new Object[] {1, "a"}, new Object[] {2, null}, new Object[] {3, "c"});
    List<byte[]> check = BackfillChunk.keysToCheck(T, BY_EMAIL, page);
    assertEquals(2, check.size(), "a NULL key is not unique-keyed");
    BackfillChunk.Result r = BackfillChunk.build(T, BY_EMAIL, page, Arrays.asList(null, null));
    assertNull(r.duplicate());
    assertEquals(3, r.rows());
    assertArrayEquals(T.key(new Object[] {3, "c"}), r.lastKey());
    Object[] row = {2, null};
    assertArrayEquals(T.indexKey(BY_EMAIL, row), r.entries().get(1).key());
    assertArrayEquals(T.indexValue(BY_EMAIL, row), r.entries().get(1).value());
  }

  @Test
  void theRowsOwnEntryIsNoDuplicateButAnotherRowsIs() {
    List<KvEntry> page = rows(new Object[] {1, "a"});
    byte[] own = T.indexValue(BY_EMAIL, new Object[] {1, "a"});
    assertNull(BackfillChunk.build(T, BY_EMAIL, page, List.of(own)).duplicate());
    byte[] other = T.indexValue(BY_EMAIL, new Object[] {9, "a"});
    BackfillChunk.Result r = BackfillChunk.build(T, BY_EMAIL, page, List.of(other));
    assertEquals("could not create unique index \"t_email\": Key (email)=(a) is duplicated.", r.duplicate());
    assertTrue(r.entries().isEmpty());
  }

  @Test
  void twoRowsOfOnePageWithOneKeyAreADuplicate() {
    List<KvEntry> page = rows(new Object[] {1, "a"}, new Object[] {2, "a"});
    assertEquals("could not create unique index \"t_email\": Key (email)=(a) is duplicated.",
        BackfillChunk.build(T, BY_EMAIL, page, Arrays.asList(null, null)).duplicate());
  }

  @Test
  void aBuildingIndexSurvivesTheStoredDefinitionAndBuiltClearsIt() {
    TableDef back = TableDef.deserialize(T.serialize());
    assertTrue(back.index("t_email").building());
    assertEquals(List.of(), back.readableIndexes());
    TableDef built = back.withIndexes(List.of(back.index("t_email").built()));
    assertEquals(1, TableDef.deserialize(built.serialize()).readableIndexes().size());
  }
}
