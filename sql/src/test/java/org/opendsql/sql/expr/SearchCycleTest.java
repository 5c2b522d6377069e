package org.opendsql.sql.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.RecordValue;

class SearchCycleTest {
  private static RecordValue rec(Object... v) {
    PgType[] types = new PgType[v.length];
    Arrays.fill(types, PgType.INT4);
    return new RecordValue(Arrays.asList(v), List.of(types));
  }

  @Test
  void breadthFirstRecordStartsAtDepthZeroAndGoesOneDeeperPerStep() {
    RecordValue first = SearchCycle.nextLevel(null, List.of(7), List.of(PgType.INT4));
    assertEquals("(0,7)", first.text(ZoneOffset.UTC));
    RecordValue second = SearchCycle.nextLevel(first, List.of(9), List.of(PgType.INT4));
    assertEquals("(1,9)", second.text(ZoneOffset.UTC));
    assertEquals(PgType.INT8, second.types().get(0));
  }

  @Test
  void pathPrintsAsPostgresqlsRecordArrayQuotingRecordsWithCommas() {
    PgArray one = SearchCycle.extend(null, rec(1));
    PgArray two = SearchCycle.extend(one, rec(2));
    assertEquals("{(1),(2)}", PgText.format(PgType.RECORD_ARRAY, two, ZoneOffset.UTC));
    assertEquals("{\"(1,2)\"}", PgText.format(PgType.RECORD_ARRAY, SearchCycle.extend(null, rec(1, 2)), ZoneOffset.UTC));
  }

  @Test
  void cycleIsARecordAlreadyOnThePathWithNullFieldsEqualAsRecordEqHasThem() {
    PgArray path = SearchCycle.extend(SearchCycle.extend(null, rec(1, 2)), rec(3, null));
    assertTrue(SearchCycle.onPath(path, rec(1, 2)));
    assertTrue(SearchCycle.onPath(path, rec(3, null)));
    assertFalse(SearchCycle.onPath(path, rec(2, 1)));
  }
}
