package org.opendsql.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.SequenceDef;
import org.opendsql.sql.catalog.SequenceState;

/** PostgreSQL's defaults and checks of sequence options, DSQL's CACHE rule, and how values are reserved. */
class SequenceOptionsTest {
  private static SequenceDef create(String options) {
    return SequenceOptions.parse(Arrays.asList(options.split(" ")), false, false).create(1000, "s", null);
  }

  private static String state(String options) {
    return assertThrows(DbException.class, () -> create(options)).state().code();
  }

  @Test
  void ascendingDefaultsRunFromOneToTheTypesMaximum() {
    SequenceDef d = create("cache 1");
    assertEquals(List.of(1L, 1L, Long.MAX_VALUE, 1L), List.of(d.increment(), d.min(), d.max(), d.start()));
    SequenceDef i = create("as integer cache 1");
    assertEquals(Integer.MAX_VALUE, i.max());
  }

  @Test
  void descendingDefaultsRunFromMinusOneDown() {
    SequenceDef d = create("increment -1 cache 1");
    assertEquals(List.of(Long.MIN_VALUE, -1L, -1L), List.of(d.min(), d.max(), d.start()));
  }

  @Test
  void dsqlCacheRule() {
    assertEquals("0A000", state("increment 1"));
    assertEquals("0A000", state("cache 2"));
    assertEquals("0A000", state("cache 65535"));
    assertEquals("22023", state("cache 0"));
    assertEquals(65536L, create("cache 65536").cache());
  }

  @Test
  void badOptionsGetPostgresStates() {
    assertEquals("22023", state("increment 0 cache 1"));
    assertEquals("22023", state("minvalue 5 maxvalue 5 cache 1"));
    assertEquals("22023", state("start 0 cache 1"));
    assertEquals("22023", state("as smallint maxvalue 40000 cache 1"));
    assertEquals("42601", state("cycle no cycle cache 1"));
  }

  @Test
  void alterToALargerTypeMovesADefaultMaximum() {
    SequenceDef small = create("as smallint cache 1");
    SequenceDef big = SequenceOptions.parse(List.of("as", "bigint"), true, false).alter(small);
    assertEquals(Long.MAX_VALUE, big.max());
  }

  @Test
  void reservationStopsAtTheLimitAndFailsBeyondIt() {
    SequenceDef d = create("maxvalue 10 cache 1");
    SequenceDef.Reservation r = d.reserve(new SequenceState(8, true), 5);
    assertEquals(List.of(9L, 2L, 10L), List.of(r.first(), r.count(), r.after().last()));
    assertEquals("2200H", assertThrows(DbException.class, () -> d.reserve(r.after(), 1)).state().code());
  }

  @Test
  void cycleWrapsToTheMinimum() {
    SequenceDef d = create("minvalue 1 maxvalue 3 cycle cache 1");
    assertEquals(1L, d.reserve(new SequenceState(3, true), 1).first());
  }

  @Test
  void reservationNearLongMaxDoesNotOverflow() {
    SequenceDef d = create("increment 1000 cache 65536");
    SequenceDef.Reservation r = d.reserve(new SequenceState(Long.MAX_VALUE - 2500, true), 65536);
    assertEquals(2L, r.count());
  }
}
