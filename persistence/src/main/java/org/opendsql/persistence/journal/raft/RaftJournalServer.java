package org.opendsql.persistence.journal.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One peer of a Raft journal group: a Ratis server (gRPC transport) with a {@link
 * JournalStateMachine}. Under {@code dir}: {@code raft/} is Ratis's log and metadata, {@code
 * state/} the replica's RocksDB. A Ratis server cannot be restarted once closed; to bring a peer
 * back, start a new {@code RaftJournalServer} on the same directory.
 */
public final class RaftJournalServer implements AutoCloseable {

  /** A group member: {@code id=host:port}, as in {@code opendsql.journal.raft.peers}. */
  public record Peer(String id, String host, int port) {
    public static Peer parse(String spec) {
      int eq = spec.indexOf('=');
      int colon = spec.lastIndexOf(':');
      if (eq < 1 || colon < eq + 2 || colon == spec.length() - 1) {
        throw new IllegalArgumentException("peer must be id=host:port, got '" + spec + "'");
      }
      return new Peer(spec.substring(0, eq).trim(), spec.substring(eq + 1, colon).trim(),
          Integer.parseInt(spec.substring(colon + 1).trim()));
    }

    public String address() {
      return host + ":" + port;
    }

    RaftPeer toRaftPeer() {
      return RaftPeer.newBuilder().setId(id).setAddress(address()).build();
    }
  }

  private final RaftGroup group;
  private final Peer self;
  private final RaftJournalSettings settings;
  private final JournalStateMachine stateMachine;
  private final RaftServer server;

  private RaftJournalServer(RaftGroup group, Peer self, Path dir, RaftJournalSettings settings) throws IOException {
    this.group = group;
    this.self = self;
    this.settings = settings;
    Path raftDir = dir.resolve("raft");
    Files.createDirectories(raftDir);
    RaftProperties props = properties(settings, group.getPeers().size());
    RaftServerConfigKeys.setStorageDir(props, List.of(raftDir.toFile()));
    GrpcConfigKeys.Server.setHost(props, self.host());
    GrpcConfigKeys.Server.setPort(props, self.port());
    this.stateMachine = new JournalStateMachine(dir.resolve("state"));
    // RECOVER on a directory that already holds this group keeps its log and vote; FORMAT would
    // wipe them, which for a peer that acknowledged entries is exactly the loss Raft forbids.
    boolean existing = Files.isDirectory(raftDir.resolve(group.getGroupId().getUuid().toString()));
    this.server =
        RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(self.id()))
            .setGroup(group)
            .setStateMachine(stateMachine)
            .setProperties(props)
            .setParameters(parameters())
            .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
            .build();
  }

  /**
   * Starts this peer. Returns once it listens; the group elects a leader as soon as a majority of
   * peers runs.
   *
   * @param groupId the group's UUID, identical on every peer
   * @param peers every member of the group (1 or 3 in practice), this one included
   * @param selfId this peer's id in {@code peers}
   * @param dir this peer's private directory
   */
  public static RaftJournalServer start(
      UUID groupId, List<Peer> peers, String selfId, Path dir, RaftJournalSettings settings) {
    Peer self = peers.stream().filter(p -> p.id().equals(selfId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("self '" + selfId + "' is not among peers " + peers));
    RaftJournalServer s;
    try {
      s = new RaftJournalServer(group(groupId, peers), self, dir, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Raft journal peer " + selfId + " in " + dir, e);
    }
    try {
      s.server.start();
    } catch (IOException e) {
      s.close();
      throw new UncheckedIOException("cannot start Raft journal peer " + selfId + " at " + self.address(), e);
    }
    return s;
  }

  /**
   * gRPC hands every incoming call's messages from its Netty event loop to an executor thread
   * before Ratis sees them: on a follower, each AppendEntries crossed one more thread than it
   * needs. Ratis's AppendEntries handler only checks and enqueues (the log worker writes and
   * syncs, the reply completes from there), so calls run on the event loop itself. The rare calls
   * that touch the disk there, a vote (the term and vote are synced) and a snapshot chunk, hold
   * the loop for a few milliseconds at a leader change or a catch-up, well inside the election
   * timeout. Measured on three JVMs sharing two cores: 100 -> 88 context switches per replicated
   * update transaction.
   */
  private static Parameters parameters() {
    Parameters p = new Parameters();
    GrpcConfigKeys.Server.setServicesCustomizer(p, (builder, types) -> builder.directExecutor());
    return p;
  }

  static RaftGroup group(UUID groupId, List<Peer> peers) {
    return RaftGroup.valueOf(RaftGroupId.valueOf(groupId), peers.stream().map(Peer::toRaftPeer).toList());
  }

  /** Ratis properties common to the peers and their clients. */
  static RaftProperties properties(RaftJournalSettings settings, int groupSize) {
    RaftProperties props = new RaftProperties();
    RaftConfigKeys.Rpc.setType(props, SupportedRpcType.GRPC);
    RaftServerConfigKeys.Rpc.setTimeoutMin(props, millis(settings.electionTimeoutMin().toMillis()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(props, millis(settings.electionTimeoutMax().toMillis()));
    // Ratis's default backs off to 5 s between attempts to reach a dead follower, so a restarted
    // peer idled that long before catching up; 1 s keeps a rejoin quick at negligible cost.
    RaftServerConfigKeys.Log.Appender.setRetryPolicy(props, "1ms,10, 100ms,100, 1s,100000000");
    // A peer killed in the middle of appending leaves a torn entry at the end of its open log
    // segment. That entry was never acknowledged by this peer (an entry counts only once
    // fsynced), so dropping it is what Raft expects; the default policy refuses to start instead.
    RaftServerConfigKeys.Log.setCorruptionPolicy(props, RaftServerConfigKeys.Log.CorruptionPolicy.WARN_AND_RETURN);
    // Reads of followers (every node reads its own replica) go through the leader's read index.
    RaftServerConfigKeys.Read.setOption(props, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    // A whole append batch is one entry: every buffer on its way must hold the largest one.
    long max = settings.maxEntryBytes();
    // (64 KiB of headroom for Ratis's framing of an entry; Ratis insists the log's write buffer
    // holds the largest entry the appender may send.)
    long entryMax = max + (64 << 10);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(props, SizeInBytes.valueOf(entryMax));
    RaftServerConfigKeys.Log.setWriteBufferSize(props, SizeInBytes.valueOf(entryMax + 8));
    // Purging after a snapshot removes whole closed segments only: a segment holds a few entries
    // of the largest size, so the log stays within a few segments of the last snapshot.
    RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf(max + (1 << 20)));
    RaftServerConfigKeys.Write.setByteLimit(props, SizeInBytes.valueOf(Math.max(4 * max, 64L << 20)));
    GrpcConfigKeys.setMessageSizeMax(props, SizeInBytes.valueOf(max + (2 << 20)));
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, settings.snapshotEvery());
    RaftServerConfigKeys.Snapshot.setCreationGap(props, Math.min(settings.snapshotEvery(), 1024));
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, 2);
    // Purge after every snapshot; a peer that falls behind the purged log gets the snapshot.
    RaftServerConfigKeys.Log.setPurgeGap(props, (int) Math.min(settings.snapshotEvery(), 1024));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
    // Snapshot files travel in chunks that must fit the gRPC message limit set above.
    RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(props, SizeInBytes.valueOf(1 << 20));
    // A snapshot stream that broke (the peer restarted under it) is given up and restarted soon.
    GrpcConfigKeys.Server.setInstallSnapshotRequestTimeout(props, millis(settings.installSnapshotTimeout().toMillis()));
    return props;
  }

  private static TimeDuration millis(long ms) {
    return TimeDuration.valueOf(ms, TimeUnit.MILLISECONDS);
  }

  public RaftGroup group() {
    return group;
  }

  public RaftPeerId peerId() {
    return RaftPeerId.valueOf(self.id());
  }

  public Peer self() {
    return self;
  }

  public RaftJournalSettings settings() {
    return settings;
  }

  /** This replica's state machine; what it returns is only as current as this replica. */
  public JournalStateMachine stateMachine() {
    return stateMachine;
  }

  private final ClientId localClient = ClientId.randomId();
  private final AtomicLong localCalls = new AtomicLong();

  /**
   * Submits a write to this peer in-process, skipping the RPC a client would make. Completes with
   * Ratis's reply; fails (NotLeaderException and the like) unless this peer leads and is ready.
   */
  public CompletableFuture<RaftClientReply> submitLocally(Message message) {
    try {
      return server.submitClientRequestAsync(RaftClientRequest.newBuilder()
          .setClientId(localClient)
          .setServerId(peerId())
          .setGroupId(group.getGroupId())
          .setCallId(localCalls.incrementAndGet())
          .setMessage(message)
          .setType(RaftClientRequest.writeRequestType())
          .build());
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Whether this peer currently believes it leads the group. */
  public boolean isLeader() {
    return division().map(d -> d.getInfo().isLeader()).orElse(false);
  }

  /** The leader this peer currently knows of, if any. */
  public Optional<RaftPeerId> leaderId() {
    return division().map(d -> d.getInfo().getLeaderId());
  }

  private Optional<RaftServer.Division> division() {
    try {
      return Optional.of(server.getDivision(group.getGroupId()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Stops the peer; its state machine closes with it. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing Raft journal peer " + self.id(), e);
    } finally {
      try {
        stateMachine.close();
      } catch (IOException ignored) {
        // Already closed by Ratis in the normal case; nothing more to release.
      }
    }
  }
}
