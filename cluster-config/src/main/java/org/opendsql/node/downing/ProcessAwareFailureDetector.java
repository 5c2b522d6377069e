package org.opendsql.node.downing;

import com.typesafe.config.Config;
import org.apache.pekko.event.EventStream;
import org.apache.pekko.remote.PhiAccrualFailureDetector;

/**
 * Pekko's phi accrual failure detector, except that a member whose process the probes found gone
 * ({@link DeadProcessDowning}: its cluster port refused two rounds in a row) is unavailable at
 * once. The cluster's leader removes a downed member only once it is also unreachable, and its
 * shards move only after that removal, so without this a dead process costs the whole heartbeat
 * pause before anything is placed elsewhere. Only ever sooner, never later: a refusing port has
 * no actor system behind it, so the observation is true whatever the heartbeats say.
 */
public final class ProcessAwareFailureDetector extends PhiAccrualFailureDetector {
  private final EventStream system;
  private volatile String monitored;

  public ProcessAwareFailureDetector(Config config, EventStream eventStream) {
    super(config, eventStream);
    this.system = eventStream;
  }

  @Override
  public void setAddress(String address) {
    super.setAddress(address);
    this.monitored = address;
  }

  @Override
  public boolean isAvailable() {
    return !GoneProcesses.isGone(system, monitored) && super.isAvailable();
  }
}
