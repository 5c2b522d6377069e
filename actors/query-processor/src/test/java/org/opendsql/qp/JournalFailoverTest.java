package org.opendsql.qp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendsql.core.kv.Write;
import org.opendsql.core.time.Hlc;

/**
 * A journal's next incarnation on a node whose clock runs behind: it must still commit above
 * every timestamp the previous incarnation let readers treat as closed.
 */
class JournalFailoverTest {

  /** One node on {@code dir}, with its clock {@code behindMicros} behind the real one. */
  private static OneNode node(Path dir, long behindMicros) throws Exception {
    return new OneNode("failover", dir, new Hlc(() -> Hlc.SYSTEM.micros() - behindMicros),
        "opendsql.cluster { storage-replicas = 1, journals = 1 }");
  }

  private static <T> T await(CompletionStage<T> s) {
    return s.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Retries 40001 as a client would: a fresh adjudicator refuses snapshots older than itself. */
  private static long commitRetrying(ShardedKvStore kv, List<Write> writes) {
    for (int attempt = 1; ; attempt++) {
      try {
        return await(kv.commit(kv.now(), writes, List.of(), List.of()));
      } catch (java.util.concurrent.CompletionException e) {
        if (attempt == 20 || !"40001".equals(org.opendsql.core.error.DbException.of(e).state().code())) throw e;
      }
    }
  }

  @Test
  void aNewIncarnationOnASlowerClockCommitsAboveEveryTimestampReadAsClosedBefore() throws Exception {
    Path dir = Files.createTempDirectory("journal-failover");
    long readTs;
    try (OneNode first = node(dir, 0)) {
      await(first.kv.commit(first.kv.now(), List.of(new Write(b("k"), b("before"))), List.of(), List.of()));
      readTs = first.kv.now();
      // This read makes readTs closed: from now on a read at readTs must always see "before".
      assertArrayEquals(b("before"), await(first.kv.get(b("k"), readTs)));
    }
    try (OneNode second = node(dir, 10_000_000L)) {
      long commitTs = commitRetrying(second.kv, List.of(new Write(b("k"), b("after"))));
      assertTrue(commitTs > readTs, "a commit at " + Hlc.toString(commitTs)
          + " would change what a read at " + Hlc.toString(readTs) + " already returned");
      assertArrayEquals(b("before"), await(second.kv.get(b("k"), readTs)));
      assertArrayEquals(b("after"), await(second.kv.get(b("k"), second.kv.now())));
    }
  }
}
