package org.opendsql.storage.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opendsql.core.range.RangeDesc;

class RangeRecordsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRangeRoundTripsWithItsIdBoundsJournalAndGeneration() {
    RangeDesc d = new RangeDesc(7_000_000_000L, b("g"), b("p"), 3, 41);
    RangeDesc back = RangeRecords.decodeRange(RangeRecords.encode(d));
    assertEquals(d, back);
    assertEquals(7_000_000_000L, back.id());
    assertArrayEquals(b("g"), back.start());
    assertArrayEquals(b("p"), back.end());
    assertEquals(3, back.journal());
    assertEquals(41, back.generation());
  }

  @Test
  void theWholeKeySpaceRoundTripsWithAnEmptyStartAndNoEnd() {
    RangeDesc back = RangeRecords.decodeRange(RangeRecords.encode(new RangeDesc(0, RangeDesc.MIN, null, 0, 0)));
    assertEquals(0, back.start().length);
    assertNull(back.end(), "no end stays no end, not an empty end");
    assertTrue(back.contains(new byte[] {(byte) 0xff, (byte) 0xff}));
  }

  @Test
  void boundsOfAnyBytesRoundTrip() {
    byte[] start = {0, (byte) 0xff, 0, 1};
    byte[] end = {(byte) 0xff, 0};
    RangeDesc back = RangeRecords.decodeRange(RangeRecords.encode(new RangeDesc(5, start, end, 1, 2)));
    assertArrayEquals(start, back.start());
    assertArrayEquals(end, back.end());
  }

  @Test
  void noStoredRecordIsNoRange() {
    assertNull(RangeRecords.decodeRange(null));
  }

  @Test
  void aHandoffRoundTripsWithItsIntervalPositionsAndHorizon() {
    RangeRecords.Handoff h = new RangeRecords.Handoff(99, b("m"), b("t"), 2, 5, new long[] {12, 0, 7}, 123_456_789L);
    RangeRecords.Handoff back = RangeRecords.decodeHandoff(RangeRecords.encode(h));
    assertEquals(99, back.child());
    assertArrayEquals(b("m"), back.at());
    assertArrayEquals(b("t"), back.end());
    assertEquals(2, back.journal());
    assertEquals(new org.opendsql.core.range.RangeDesc(99, b("m"), b("t"), 2, 5), back.childDesc());
    assertArrayEquals(new long[] {12, 0, 7}, back.positions());
    assertEquals(123_456_789L, back.gcHorizon());
  }

  @Test
  void aHandoffToTheEndOfTheKeySpaceWithNoJournalsRoundTrips() {
    RangeRecords.Handoff back = RangeRecords.decodeHandoff(
        RangeRecords.encode(new RangeRecords.Handoff(1, b("m"), null, 0, 1, new long[0], 0)));
    assertNull(back.end());
    assertEquals(0, back.positions().length);
  }

  @Test
  void aHandoffHoldsTheKeysFromItsSplitPointToItsEndExclusive() {
    RangeRecords.Handoff h = new RangeRecords.Handoff(1, b("m"), b("t"), 0, 1, new long[] {1}, 0);
    assertFalse(h.contains(b("l")));
    assertTrue(h.contains(b("m")));
    assertTrue(h.contains(b("s~")));
    assertFalse(h.contains(b("t")));
    RangeRecords.Handoff open = new RangeRecords.Handoff(1, b("m"), null, 0, 1, new long[] {1}, 0);
    assertTrue(open.contains(new byte[] {(byte) 0xff}), "unsigned order: 0xff is after m");
  }

  @Test
  void aRangeIdsRecordNameIsItsEightBigEndianBytesSoNamesSortByPositiveId() {
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, RangeRecords.name(258));
    assertTrue(Arrays.compareUnsigned(RangeRecords.name(255), RangeRecords.name(256)) < 0);
    assertFalse(Arrays.equals(RangeRecords.name(1L << 32), RangeRecords.name(1)), "no truncation to an int");
  }
}
