package org.opendsql.persistence.journal.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.opendsql.persistence.journal.JournalRecord;
import org.opendsql.persistence.journal.JournalStore;

/** In-process peers of one Raft journal group on 127.0.0.1 and free ports, for tests. */
final class RaftTestCluster implements AutoCloseable {
  static final RaftJournalSettings SETTINGS =
      new RaftJournalSettings(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(10), 1 << 20, 1,
          10_000, Duration.ofSeconds(5));

  final UUID groupId = UUID.randomUUID();
  final List<RaftJournalServer.Peer> peers = new ArrayList<>();
  private final Path root;
  private final RaftJournalSettings settings;
  private final RaftJournalServer[] servers;
  private final List<RaftJournalStore> stores = new ArrayList<>();

  RaftTestCluster(Path root, int size) {
    this(root, size, SETTINGS);
  }

  RaftTestCluster(Path root, int size, RaftJournalSettings settings) {
    this.root = root;
    this.settings = settings;
    for (int i = 1; i <= size; i++) peers.add(new RaftJournalServer.Peer("n" + i, "127.0.0.1", freePort()));
    servers = new RaftJournalServer[size];
  }

  RaftTestCluster startAll() {
    for (int i = 0; i < servers.length; i++) start(i);
    return this;
  }

  RaftJournalServer start(int i) {
    if (servers[i] != null) throw new IllegalStateException("n" + (i + 1) + " runs");
    servers[i] = RaftJournalServer.start(groupId, peers, peers.get(i).id(), dir(i), settings);
    return servers[i];
  }

  void stop(int i) {
    // A store reading from the peer goes first: its replica is about to close.
    List<RaftJournalStore> reading;
    synchronized (stores) {
      reading = stores.stream().filter(s -> s.server() == servers[i]).toList();
      stores.removeAll(reading);
    }
    reading.forEach(RaftJournalStore::close);
    servers[i].close();
    servers[i] = null;
  }

  /** What a lost disk looks like to the peer that used {@code dir}. */
  static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
    }
  }

  /** Peer {@code i}'s private directory (Raft log, snapshots, its RocksDB). */
  Path dir(int i) {
    return root.resolve(peers.get(i).id());
  }

  RaftJournalServer server(int i) {
    return servers[i];
  }

  int size() {
    return servers.length;
  }

  /** A store writing through the group and reading from peer {@code i}. */
  RaftJournalStore store(int i) {
    RaftJournalStore s = new RaftJournalStore(servers[i], false);
    synchronized (stores) {
      stores.add(s);
    }
    return s;
  }

  /** Index of the leader once the running peers agree on one. */
  int awaitLeader() {
    int[] leader = {-1};
    await("a leader", Duration.ofSeconds(15), () -> {
      for (int i = 0; i < servers.length; i++) {
        if (servers[i] != null && servers[i].isLeader()) {
          leader[0] = i;
          return true;
        }
      }
      return false;
    });
    return leader[0];
  }

  int anyFollower(int leader) {
    for (int i = 0; i < servers.length; i++) if (i != leader && servers[i] != null) return i;
    throw new IllegalStateException("no running follower");
  }

  /** Stops every running peer at once (closing a Ratis server takes about a second). */
  void stopAll() {
    List<Integer> running = new ArrayList<>();
    for (int i = 0; i < servers.length; i++) if (servers[i] != null) running.add(i);
    running.parallelStream().forEach(this::stop);
  }

  @Override
  public void close() {
    // In parallel: a client closing a channel to a stopped peer waits 3 s for it inside Ratis.
    stores.parallelStream().forEach(RaftJournalStore::close);
    stores.clear();
    stopAll();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
  }

  static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static List<JournalRecord> replay(JournalStore store, String pid) throws Exception {
    List<JournalRecord> out = new ArrayList<>();
    get(store.replay(pid, 0, Long.MAX_VALUE, Long.MAX_VALUE, out::add));
    return out;
  }

  static List<JournalRecord> localReplay(RaftJournalServer server, String pid) {
    List<JournalRecord> out = new ArrayList<>();
    server.stateMachine().replay(pid, 0, Long.MAX_VALUE, Long.MAX_VALUE, out::add);
    return out;
  }

  static JournalRecord rec(String pid, long seqNr) {
    return new JournalRecord(pid, seqNr, (pid + "#" + seqNr).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
