package org.opendsql.qp.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.Write;

class WriteSetSplitTest {
  /** Range = the key's first byte, so tests choose where each key falls. */
  private static long rangeOf(byte[] key) {
    return key[0];
  }

  private static Write put(int range, int n) {
    return new Write(new byte[] {(byte) range, (byte) n}, new byte[] {1});
  }

  @Test
  void theLowestRangeTouchedCoordinatesAndPartsComeInRangeOrder() {
    WriteSetSplit s = WriteSetSplit.of(List.of(put(5, 1), put(2, 1), put(5, 2), put(7, 1)), List.of(),
        List.of(), WriteSetSplitTest::rangeOf);
    assertEquals(2, s.coordinator());
    assertEquals(List.of(2L, 5L, 7L), s.parts().stream().map(WriteSetSplit.Part::range).toList());
    assertEquals(2, s.parts().get(1).writes().size(), "both writes of range 5 travel together");
  }

  @Test
  void writesKeepTheTransactionsOrderWithinARange() {
    Write first = put(3, 9);
    Write second = put(3, 1);
    WriteSetSplit s = WriteSetSplit.of(List.of(first, second), List.of(), List.of(), WriteSetSplitTest::rangeOf);
    assertEquals(List.of(first, second), s.parts().get(0).writes());
  }

  @Test
  void aSchemaKeyAloneMakesItsRangeAParticipantAndCanCoordinate() {
    byte[] schema = {1, 42};
    WriteSetSplit s = WriteSetSplit.of(List.of(put(4, 1)), List.of(), List.of(schema), WriteSetSplitTest::rangeOf);
    assertEquals(1, s.coordinator(), "the schema key's range is lower than every write's");
    assertEquals(2, s.parts().size());
    assertTrue(s.parts().get(0).writes().isEmpty());
    assertEquals(1, s.parts().get(0).schemaKeys().size());
    assertTrue(s.parts().get(1).schemaKeys().isEmpty());
  }

  @Test
  void aRangeTouchedOnlyByLockedKeysIsAParticipantAndCanCoordinate() {
    byte[] locked = {1, 7};
    byte[] lockedBesideAWrite = {4, 2};
    WriteSetSplit s = WriteSetSplit.of(List.of(put(4, 1)), List.of(locked, lockedBesideAWrite), List.of(),
        WriteSetSplitTest::rangeOf);
    assertEquals(1, s.coordinator(), "the locked key's range is lower than every write's");
    assertEquals(List.of(1L, 4L), s.parts().stream().map(WriteSetSplit.Part::range).toList());
    WriteSetSplit.Part lockOnly = s.parts().get(0);
    assertTrue(lockOnly.writes().isEmpty(), "a locked key is not a write");
    assertEquals(List.of(locked), lockOnly.lockedKeys());
    assertEquals(List.of(lockedBesideAWrite), s.parts().get(1).lockedKeys());
    assertEquals(1, s.parts().get(1).writes().size());
  }

  @Test
  void aTransactionWithOnlyLockedKeysStillHasSomethingToDecide() {
    // A read-only transaction that selected rows FOR UPDATE must pass the conflict check.
    byte[] locked = {3, 1};
    WriteSetSplit s = WriteSetSplit.of(List.of(), List.of(locked), List.of(), WriteSetSplitTest::rangeOf);
    assertEquals(3, s.coordinator());
    assertEquals(1, s.parts().size());
    assertEquals(List.of(locked), s.parts().get(0).lockedKeys());
  }

  @Test
  void anEmptyTransactionHasNothingToDecide() {
    WriteSetSplit s = WriteSetSplit.of(List.of(), List.of(), List.of(), WriteSetSplitTest::rangeOf);
    assertEquals(-1, s.coordinator());
    assertTrue(s.parts().isEmpty());
  }

  @Test
  void rangeIdsAreLongsAndTheLowestCoordinatesWhateverTheKeyOrder() {
    // Split ranges get ids anywhere in 1..Long.MAX_VALUE: the key order says nothing of the id order.
    long[] ids = {Long.MAX_VALUE - 1, 1L << 40, 5_000_000_000_000L};
    WriteSetSplit s = WriteSetSplit.of(List.of(put(0, 1), put(1, 1), put(2, 1), put(1, 2)), List.of(), List.of(),
        k -> ids[k[0]]);
    assertEquals(1L << 40, s.coordinator());
    assertEquals(List.of(1L << 40, 5_000_000_000_000L, Long.MAX_VALUE - 1),
        s.parts().stream().map(WriteSetSplit.Part::range).toList());
    assertEquals(2, s.parts().get(0).writes().size());
  }
}
