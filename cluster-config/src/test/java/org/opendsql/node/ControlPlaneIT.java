package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import org.opendsql.admin.grpc.DrainNodeRequest;
import org.opendsql.admin.grpc.GetRebalanceStatusReply;
import org.opendsql.admin.grpc.GetRebalanceStatusRequest;
import org.opendsql.admin.grpc.ListNodesReply;
import org.opendsql.admin.grpc.ListNodesRequest;
import org.opendsql.admin.grpc.ListRangesReply;
import org.opendsql.admin.grpc.ListRangesRequest;
import org.opendsql.admin.grpc.MoveReplicaRequest;
import org.opendsql.admin.grpc.Range;
import org.opendsql.admin.grpc.SplitRangeReply;
import org.opendsql.admin.grpc.SplitRangeRequest;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.admin.AdminClient;
import org.junit.jupiter.api.Test;

/**
 * The control plane of a running node over real gRPC and TLS: nodes and ranges listed, a split
 * made on demand and one chosen from the data, the data unchanged by them, bad tokens and bad
 * input refused; and the bin/dsql commands that call it.
 */
class ControlPlaneIT {
  private static Path cert(EmbeddedNode db) {
    return db.dataDir.resolve("tls").resolve("server.crt");
  }

  private static AdminClient client(EmbeddedNode db, String token) throws Exception {
    return new AdminClient("127.0.0.1", db.node.adminPort(), cert(db), token, Duration.ofSeconds(20));
  }

  private static ListRangesReply ranges(AdminClient admin) throws Exception {
    return admin.call(c -> c.listRanges().addHeader(AdminClient.TOKEN_HEADER, admin.token())
        .invoke(ListRangesRequest.getDefaultInstance()));
  }

  private static SplitRangeReply split(AdminClient admin, long range, String at, long generation) throws Exception {
    return admin.call(c -> c.splitRange().addHeader(AdminClient.TOKEN_HEADER, admin.token())
        .invoke(SplitRangeRequest.newBuilder().setRange(range).setAt(at).setGeneration(generation).build()));
  }

  @Test
  void rangesAreListedAndSplitOnDemandWithoutChangingWhatQueriesSee() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start();
         Connection c = db.connect(); Statement s = c.createStatement();
         AdminClient admin = client(db, db.token(Tokens.ADMIN))) {
      s.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
      s.execute("INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 500) g");

      ListNodesReply nodes = admin.call(x -> x.listNodes().addHeader(AdminClient.TOKEN_HEADER, admin.token())
          .invoke(ListNodesRequest.getDefaultInstance()));
      assertEquals(1, nodes.getNodesCount());
      assertEquals("up", nodes.getNodes(0).getStatus());
      assertTrue(nodes.getNodes(0).getSelf());
      assertTrue(nodes.getNodes(0).getReplicas() >= 1, "the node hosts the range's replicas");

      ListRangesReply before = ranges(admin);
      assertEquals(1, before.getRangesCount(), "a new cluster is one range");
      Range whole = before.getRanges(0);
      assertEquals("", whole.getStart());
      assertEquals("", whole.getEnd());
      assertFalse(whole.getAdjudicator().isEmpty(), "its adjudicator's node is shown");
      assertTrue(whole.getReplicasList().stream().allMatch(r -> !r.getNode().isEmpty()), "every replica answered");

      // Chosen from the data: a key inside the table's rows.
      SplitRangeReply chosen = split(admin, whole.getId(), "", whole.getGeneration());
      assertTrue(chosen.getSplit(), chosen.getRefusal());
      // Stale generation: refused, nothing changes.
      SplitRangeReply stale = split(admin, whole.getId(), "", whole.getGeneration());
      assertFalse(stale.getSplit());
      assertFalse(stale.getRefusal().isEmpty());
      // At a given key: the right-hand part again.
      byte[] at = HexFormat.of().parseHex(chosen.getAt());
      byte[] further = java.util.Arrays.copyOf(at, at.length + 1);
      SplitRangeReply given = split(admin, chosen.getRight(), HexFormat.of().formatHex(further), -1);
      assertTrue(given.getSplit(), given.getRefusal());
      assertEquals(HexFormat.of().formatHex(further), given.getAt());

      ListRangesReply after = ranges(admin);
      assertEquals(3, after.getRangesCount());
      assertTrue(after.getDirectoryVersion() > before.getDirectoryVersion());
      for (int i = 1; i < after.getRangesCount(); i++) {
        assertEquals(after.getRanges(i - 1).getEnd(), after.getRanges(i).getStart(), "contiguous, in key order");
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*), min(id), max(id), sum(id) FROM t")) {
        rs.next();
        assertEquals(500, rs.getLong(1));
        assertEquals(1, rs.getInt(2));
        assertEquals(500, rs.getInt(3));
        assertEquals(500L * 501 / 2, rs.getLong(4));
      }

      SplitRangeReply unknown = split(admin, 123456789L, "", -1);
      assertFalse(unknown.getSplit());
      assertTrue(unknown.getRefusal().contains("no range 123456789"), unknown.getRefusal());
      ExecutionException badHex = assertThrows(ExecutionException.class, () -> split(admin, whole.getId(), "zz", -1));
      assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(badHex.getCause()).getCode());
    }
  }

  @Test
  void theMetricsEndpointShowsTheRangesAndTheirReplicasInPrometheusText() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start();
         Connection c = db.connect(); Statement s = c.createStatement();
         AdminClient admin = client(db, db.token(Tokens.ADMIN))) {
      s.execute("CREATE TABLE m (id int PRIMARY KEY)");
      s.execute("INSERT INTO m SELECT g FROM generate_series(1, 300) g");
      Range whole = ranges(admin).getRanges(0);
      assertTrue(split(admin, whole.getId(), "", -1).getSplit());
      java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + db.node.metricsPort() + "/metrics"))
              .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scrape.statusCode());
      String text = scrape.body();
      assertTrue(text.contains("# TYPE opendsql_ranges gauge"), text);
      assertTrue(text.lines().anyMatch(l -> l.matches("opendsql_ranges 2(\\.0)?")), text);
      assertTrue(text.lines().anyMatch(l -> l.startsWith("opendsql_range_keys{") && l.contains("range=\"" + whole.getId()
          + "\"")), text);
      long keys = text.lines().filter(l -> l.startsWith("opendsql_range_keys{"))
          .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
      assertTrue(keys >= 300, "the table's rows (and the catalog's) are counted over both ranges: " + text);
      assertTrue(text.lines().anyMatch(l -> l.startsWith("opendsql_node_replicas{") && l.matches(".* 2(\\.0)?")), text);
      assertTrue(text.lines().anyMatch(l -> l.startsWith("opendsql_node_adjudicators{") && !l.endsWith(" 0.0")), text);
      assertTrue(text.lines().anyMatch(l -> l.startsWith("opendsql_node_draining{") && l.matches(".* 0(\\.0)?")), text);
      assertTrue(text.lines().anyMatch(l -> l.matches("opendsql_placement_balanced 1(\\.0)?")), text);
    }
  }

  @Test
  void callsWithoutAValidAdminTokenAreRefused() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start()) {
      for (String token : new String[] {"not-a-token", db.token("alice")}) {
        try (AdminClient admin = client(db, token)) {
          ExecutionException e = assertThrows(ExecutionException.class, () -> ranges(admin));
          assertEquals(Status.Code.UNAUTHENTICATED, Status.fromThrowable(e.getCause()).getCode(), token);
        }
      }
    }
  }

  @Test
  void binDsqlRangesNodesSplitAndMergePrintTables() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start()) {
      String[] target = {"--data", db.dataDir.toString(), "--admin", "127.0.0.1:" + db.node.adminPort()};
      String nodes = run("nodes", target);
      assertTrue(nodes.contains("(this)") && nodes.contains("| up"), nodes);
      assertTrue(nodes.contains("(1 row)"), nodes);
      String ranges = run("ranges", target);
      assertTrue(ranges.contains("-inf") && ranges.contains("+inf") && ranges.contains("(1 row)"), ranges);
      long id = Long.parseLong(ranges.lines().skip(3).findFirst().orElseThrow().split("\\|")[0].trim());
      String[] split = new String[target.length + 3];
      split[0] = Long.toString(id);
      split[1] = "--at";
      split[2] = "80";
      System.arraycopy(target, 0, split, 3, target.length);
      String made = run("split", split);
      assertTrue(made.contains("split at 80"), made);
      String again = run("ranges", target);
      assertTrue(again.contains("(2 rows)"), again);
      String[] merge = new String[target.length + 1];
      merge[0] = Long.toString(id);
      System.arraycopy(target, 0, merge, 1, target.length);
      String merged = run("merge", merge);
      assertTrue(merged.contains("merged into range " + id), merged);
      String whole = run("ranges", target);
      assertTrue(whole.contains("(1 row)") && whole.contains("-inf") && whole.contains("+inf"), whole);
      String last = run(1, "merge", merge);
      assertTrue(last.contains("was not merged: range " + id + " is the last range"), last);
    }
  }

  @Test
  void drainsAndMovesThatCannotBeDoneAreRefusedWithTheirReasonAndChangeNothing() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start(); AdminClient admin = client(db, db.token(Tokens.ADMIN))) {
      String self = admin.call(x -> x.listNodes().addHeader(AdminClient.TOKEN_HEADER, admin.token())
          .invoke(ListNodesRequest.getDefaultInstance())).getNodes(0).getAddress();
      Range whole = ranges(admin).getRanges(0);
      ExecutionException alone = assertThrows(ExecutionException.class, () -> admin.call(x -> x.drainNode()
          .addHeader(AdminClient.TOKEN_HEADER, admin.token()).invoke(DrainNodeRequest.newBuilder().setNode(self).build())));
      assertEquals(Status.Code.FAILED_PRECONDITION, Status.fromThrowable(alone.getCause()).getCode());
      assertTrue(Status.fromThrowable(alone.getCause()).getDescription().contains("would leave 0 node(s) with the storage role"),
          Status.fromThrowable(alone.getCause()).getDescription());
      ExecutionException nobody = assertThrows(ExecutionException.class, () -> admin.call(x -> x.drainNode()
          .addHeader(AdminClient.TOKEN_HEADER, admin.token()).invoke(DrainNodeRequest.newBuilder().setNode("10.9.9.9:1").build())));
      assertEquals(Status.Code.NOT_FOUND, Status.fromThrowable(nobody.getCause()).getCode());
      ExecutionException badReplica = assertThrows(ExecutionException.class, () -> admin.call(x -> x.moveReplica()
          .addHeader(AdminClient.TOKEN_HEADER, admin.token()).invoke(MoveReplicaRequest.newBuilder()
              .setRange(whole.getId()).setReplica(7).setNode(self).build())));
      assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(badReplica.getCause()).getCode());
      ExecutionException noRange = assertThrows(ExecutionException.class, () -> admin.call(x -> x.moveReplica()
          .addHeader(AdminClient.TOKEN_HEADER, admin.token()).invoke(MoveReplicaRequest.newBuilder()
              .setRange(987654321L).setReplica(0).setNode(self).build())));
      assertEquals(Status.Code.NOT_FOUND, Status.fromThrowable(noRange.getCause()).getCode());

      GetRebalanceStatusReply status = admin.call(x -> x.getRebalanceStatus()
          .addHeader(AdminClient.TOKEN_HEADER, admin.token()).invoke(GetRebalanceStatusRequest.getDefaultInstance()));
      assertEquals(1, status.getNodesCount());
      assertFalse(status.getNodes(0).getDraining(), "the refused drain changed nothing");
      assertTrue(status.getBalanced());
      assertTrue(status.getNodes(0).getReplicas() >= 1 && status.getNodes(0).getAdjudicators() >= 1
          && status.getNodes(0).getJournals() >= 1, status.toString());

      String[] target = {"--data", db.dataDir.toString(), "--admin", "127.0.0.1:" + db.node.adminPort()};
      String table = run("rebalance", target);
      assertTrue(table.contains(self) && table.contains("(1 row)") && table.contains("balanced"), table);
    }
  }

  private static String run(String command, String... args) {
    return run(0, command, args);
  }

  /** Runs a {@code bin/dsql} command in this JVM: its output, once it exited with {@code expectedCode}. */
  private static String run(int expectedCode, String command, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      code = Main.commandLine().execute(all);
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, command + ": " + out);
    return out;
  }
}
