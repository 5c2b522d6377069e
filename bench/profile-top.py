#!/usr/bin/env python3
"""Where an async-profiler collapsed-stack profile's samples go, two ways: the share of samples whose
stack passes through each layer of a statement's path (a sample counts once per layer, so shares
sum past 100 %: the wire server's layers include the statement they call), and each sample given
to the innermost layer on its stack (the kernel when it was in the kernel; shares sum to 100 %).
Then threads and the hottest leaf frames. Usage: bench/profile-top.py PROFILE.collapsed"""
import collections
import re
import sys

SCHEDULING = ("finish_task_switch", "_raw_spin_unlock_irqrestore", "futex_wake", "try_to_wake_up", "schedule")

LAYERS = [
    # The SSL engine's own frames: Netty's SslHandler is left out, since the whole statement runs
    # beneath its decode and the write system calls beneath its flush.
    ("TLS (JSSE record encryption/decryption)", ("sun/security/ssl", "com/sun/crypto")),
    ("socket syscalls (read, write, epoll)", ("epoll_wait", "__libc_write", "__libc_read", "writev", "sys_write", "sys_read",
                                              "SocketDispatcher", "IOUtil.write", "IOUtil.read", "EPoll")),
    ("pgwire codec and connection (pgwire)", ("org/opendsql/pgwire",)),
    ("session hop (Session actor, ActorSessionFactory)", ("org/opendsql/qp/Session", "ActorSession")),
    ("SQL engine: parse, bind, plan, execute (sql)", ("org/opendsql/sql",)),
    ("JSqlParser", ("net/sf/jsqlparser",)),
    ("routing and the kv facade (ShardedKvStore, routes)", ("org/opendsql/qp/ShardedKvStore", "org/opendsql/sharding")),
    ("storage replica actor (read gate, closed timestamps)", ("org/opendsql/storage",)),
    ("MVCC store and RocksDB", ("org/opendsql/persistence/storage", "org/rocksdb", "librocksdbjni", "rocksdb::")),
    ("adjudicator", ("org/opendsql/adjudicator",)),
    ("journal and crossbar", ("org/opendsql/journal", "org/opendsql/persistence/journal")),
    ("Pekko dispatch (mailboxes, actor cells, asks)", ("org/apache/pekko",)),
    ("Vert.x and Netty event loop (not TLS, not syscalls)", ("io/vertx", "io/netty")),
    ("Kryo", ("com/esotericsoftware",)),
    ("GC", ("GCTaskThread", "G1", "ParallelGC", "ConcurrentGCThread")),
    ("JIT compiler", ("CompileBroker", "C2Compiler", "C1Compiler", "Compile::")),
]

KERNEL = "kernel (system calls, wake-ups, interrupts)"
# C library entry points of system calls: a sample there is a system call's cost, not its caller's.
SYSCALL_STUBS = ("__GI___send", "__send", "recv", "__libc_", "epoll_pwait", "epoll_wait", "__futex", "futex",
                 "[vdso]", "syscall", "__GI___pthread", "___pthread_cond", "__lll_lock")


def innermost(frames):
    """The layer of the deepest frame that belongs to one, the kernel first when the leaf is there."""
    leaf = frames[-1]
    if leaf.endswith("_[k]") or leaf.startswith(SYSCALL_STUBS):
        return KERNEL
    for frame in reversed(frames):
        for name, needles in LAYERS:
            if any(k in frame for k in needles):
                return name
    return "other (JDK, JVM runtime, unattributed)"


def main():
    total = 0
    layers = collections.Counter()
    leaves = collections.Counter()
    threads = collections.Counter()
    sched = 0
    own = collections.Counter()
    for line in open(sys.argv[1]):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        for name, needles in LAYERS:
            if any(k in stack for k in needles):
                layers[name] += n
        leaves[stack.split(";")[-1]] += n
        own[innermost(stack.split(";"))] += n
        first = stack.split(";")[0]
        if first.startswith("["):
            threads[re.sub(r"\d+", "N", first)] += n
        if any(k in stack for k in SCHEDULING):
            sched += n
    print(f"samples {total}")
    for name, _ in LAYERS:
        print(f"  {layers[name] * 100 / total:5.1f}%  {name}")
    print(f"  {sched * 100 / total:5.1f}%  kernel scheduling and wake-ups (thread hand-offs)")
    print("each sample to its innermost layer:")
    for name, n in own.most_common():
        print(f"  {n * 100 / total:5.1f}%  {name}")
    print("threads:")
    for name, n in threads.most_common(8):
        print(f"  {n * 100 / total:5.1f}%  {name}")
    print("hottest leaf frames:")
    for frame, n in leaves.most_common(15):
        print(f"  {n * 100 / total:5.1f}%  {frame[:140]}")

if __name__ == "__main__":
    main()
