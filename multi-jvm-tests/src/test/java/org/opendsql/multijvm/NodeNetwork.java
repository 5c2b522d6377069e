package org.opendsql.multijvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every node in a network namespace of its own, joined by a bridge whose address is the test's
 * (the clients), so that packet filters inside a namespace cut links between nodes while clients
 * still reach every node: one node cut off, a link dropped one way, then healed. Needs root, iproute2
 * and iptables ({@code bin/ensure-tools} installs the last two); {@link #create} says why not
 * otherwise. The subnet is private to this test process and taken down by {@link #close}.
 */
final class NodeNetwork implements AutoCloseable {
  private final int size;
  private final String tag;
  private final String subnet;
  private boolean forwardRule;

  private NodeNetwork(int size) {
    this.size = size;
    long pid = ProcessHandle.current().pid();
    this.tag = Long.toString(pid);
    this.subnet = "10.213." + (20 + pid % 200) + ".";
  }

  /** A network for {@code size} nodes, or an exception saying why this machine cannot have one. */
  static NodeNetwork create(int size) throws IOException, InterruptedException {
    if (!"0".equals(output("id", "-u").trim())) throw new IOException("network namespaces need root");
    NodeNetwork n = new NodeNetwork(size);
    try {
      n.setUp();
      return n;
    } catch (IOException | RuntimeException e) {
      n.close();
      throw e;
    }
  }

  private String bridge() {
    return "odsb" + tag;
  }

  private String namespace(int i) {
    return "odsql" + tag + "n" + i;
  }

  /** The address node {@code i} (1-based) binds and its peers reach it at. */
  String address(int i) {
    return subnet + i;
  }

  /** Runs the node's JVM in its namespace ({@code ip netns exec} execs it: same pid, same signals). */
  List<String> launcher(int i) {
    return List.of("ip", "netns", "exec", namespace(i));
  }

  private void setUp() throws IOException, InterruptedException {
    run("ip", "link", "add", bridge(), "type", "bridge");
    run("ip", "addr", "add", subnet + "254/24", "dev", bridge());
    run("ip", "link", "set", bridge(), "up");
    // Bridged frames pass the host's FORWARD chain when br_netfilter is loaded; some hosts drop there.
    run("iptables", "-I", "FORWARD", "-i", bridge(), "-o", bridge(), "-j", "ACCEPT");
    forwardRule = true;
    for (int i = 1; i <= size; i++) {
      String outside = "odsv" + tag + "n" + i;
      String inside = "odsp" + tag + "n" + i;
      run("ip", "netns", "add", namespace(i));
      run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
      run("ip", "link", "set", outside, "master", bridge());
      run("ip", "link", "set", outside, "up");
      run("ip", "link", "set", inside, "netns", namespace(i));
      inNamespace(i, "ip", "addr", "add", address(i) + "/24", "dev", inside);
      inNamespace(i, "ip", "link", "set", inside, "up");
      inNamespace(i, "ip", "link", "set", "lo", "up");
    }
  }

  /** Drops every packet between node {@code i} and the other nodes, both ways; clients still reach it. */
  void isolate(int i) throws IOException, InterruptedException {
    for (int j = 1; j <= size; j++) {
      if (j == i) continue;
      inNamespace(i, "iptables", "-A", "INPUT", "-s", address(j), "-j", "DROP");
      inNamespace(i, "iptables", "-A", "OUTPUT", "-d", address(j), "-j", "DROP");
    }
  }

  /** Drops packets from node {@code from} arriving at node {@code to}; the other way still passes. */
  void dropOneWay(int from, int to) throws IOException, InterruptedException {
    inNamespace(to, "iptables", "-A", "INPUT", "-s", address(from), "-j", "DROP");
  }

  /** Removes every filter: all links pass again. */
  void heal() throws IOException, InterruptedException {
    for (int i = 1; i <= size; i++) {
      inNamespace(i, "iptables", "-F", "INPUT");
      inNamespace(i, "iptables", "-F", "OUTPUT");
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (int i = 1; i <= size; i++) quietly("ip", "netns", "delete", namespace(i));
    quietly("ip", "link", "delete", bridge());
    if (forwardRule) quietly("iptables", "-D", "FORWARD", "-i", bridge(), "-o", bridge(), "-j", "ACCEPT");
  }

  private void inNamespace(int i, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(launcher(i));
    cmd.addAll(List.of(command));
    run(cmd.toArray(String[]::new));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.trim());
    }
  }

  private static void quietly(String... command) throws InterruptedException {
    try {
      run(command);
    } catch (IOException e) {
      // Taking down what may not have been set up: nothing to undo.
    }
  }

  private static String output(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
