package org.opendsql.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleWriterTest {
  private static JournalRecord rec(String pid, long seqNr, String writer) {
    return new JournalRecord(pid, seqNr, writer, new byte[] {(byte) seqNr});
  }

  private static SingleWriter.Verdict check(Map<String, SingleWriter.Holder> holders, JournalRecord... records) {
    return SingleWriter.check(List.of(records), pid -> holders.getOrDefault(pid, SingleWriter.Holder.NONE));
  }

  @Test
  void anAppendContinuingTheHighestEntryIsAppliedAndItsWriterHoldsTheId() {
    SingleWriter.Verdict v = check(Map.of("p", new SingleWriter.Holder(2, "a")), rec("p", 3, "b"), rec("p", 4, "b"));
    assertEquals(SingleWriter.Outcome.APPLY, v.outcome());
    assertEquals(Map.of("p", new SingleWriter.Holder(4, "b")), v.holders());
  }

  @Test
  void aResentAppendOfTheHoldingWriterIsADuplicate() {
    assertEquals(SingleWriter.Outcome.DUPLICATE,
        check(Map.of("p", new SingleWriter.Holder(4, "a")), rec("p", 3, "a"), rec("p", 4, "a")).outcome());
  }

  @Test
  void aSupersededWritersLateAppendIsRefusedWhetherNewOrResent() {
    Map<String, SingleWriter.Holder> takenOver = Map.of("p", new SingleWriter.Holder(3, "new"));
    assertEquals(SingleWriter.Outcome.CONFLICT, check(takenOver, rec("p", 3, "old")).outcome());
    assertEquals(SingleWriter.Outcome.CONFLICT, check(takenOver, rec("p", 2, "old")).outcome());
  }

  @Test
  void gapsAndMixedBatchesAreRefused() {
    Map<String, SingleWriter.Holder> at2 = Map.of("p", new SingleWriter.Holder(2, "a"), "q", new SingleWriter.Holder(1, "a"));
    assertEquals(SingleWriter.Outcome.CONFLICT, check(at2, rec("p", 4, "a")).outcome());
    assertEquals(SingleWriter.Outcome.CONFLICT, check(at2, rec("p", 3, "a"), rec("p", 5, "a")).outcome());
    assertEquals(SingleWriter.Outcome.CONFLICT, check(at2, rec("p", 3, "a"), rec("p", 4, "b")).outcome());
    assertEquals(SingleWriter.Outcome.CONFLICT, check(at2, rec("p", 3, "a"), rec("q", 1, "a")).outcome());
  }

  @Test
  void theHolderRoundTripsThroughItsStoredForm() {
    SingleWriter.Holder h = new SingleWriter.Holder(42, "writer-é");
    assertEquals(h, SingleWriter.Holder.decode(h.encode()));
    assertEquals(SingleWriter.Holder.NONE, SingleWriter.Holder.decode(null));
  }
}
