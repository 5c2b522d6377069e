package org.opendsql.qp.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which fault, if any, hits each message an entity receives. Rules are switched on and off by the
 * test while the cluster runs; the first enabled rule that matches a message decides, with its
 * probability drawn from one seeded Random so that a run can be replayed. Thread-safe: every
 * entity of the node consults the same plan from its own dispatcher thread.
 */
public final class FaultPlan {

  /** What happens to one message. */
  public enum Action {
    DELIVER,
    DROP,
    /** Delivered {@code delayMillis} later. */
    DELAY,
    /** Delivered now and once more right after. */
    DUPLICATE,
    /** Held until the entity's next message has been delivered (or {@code delayMillis} passed). */
    REORDER,
    /** The entity throws before handling the message: the message and the entity's state are lost. */
    CRASH_BEFORE,
    /** The entity handles the message (its effects are sent) and then throws. */
    CRASH_AFTER
  }

  /** A decision with the delay it needs (0 unless DELAY or REORDER). */
  public record Decision(Action action, long delayMillis) {
    static final Decision DELIVER = new Decision(Action.DELIVER, 0);
  }

  /**
   * Matches messages of role {@code role} (any if null) to entity {@code entityId} (any if null)
   * whose class's simple name is {@code messageType} (any if null); fires with {@code probability},
   * at most {@code limit} times (unlimited if negative).
   */
  public record Rule(String name, String role, String entityId, String messageType, Action action,
      double probability, long delayMillis, int limit) {
    /** Fires once, on the first matching message. */
    public static Rule once(String name, String role, String entityId, String messageType, Action action) {
      return new Rule(name, role, entityId, messageType, action, 1.0, 0, 1);
    }

    /** Fires on a fraction of the matching messages, without limit. */
    public static Rule sometimes(String name, String role, String messageType, Action action, double probability,
        long delayMillis) {
      return new Rule(name, role, null, messageType, action, probability, delayMillis, -1);
    }

    boolean matches(String r, String id, String type) {
      return (role == null || role.equals(r)) && (entityId == null || entityId.equals(id))
          && (messageType == null || messageType.equals(type));
    }
  }

  private final Random random;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> fired = new TreeMap<>();

  public FaultPlan(long seed) {
    this.random = new Random(seed);
  }

  public void enable(Rule rule) {
    rules.add(rule);
  }

  public void disable(String name) {
    rules.removeIf(r -> r.name().equals(name));
  }

  /** Removes every rule and forgets what fired. */
  public synchronized void clear() {
    rules.clear();
    fired.clear();
  }

  /** The decision for one message; counts what fired. */
  public synchronized Decision decide(String role, String entityId, String messageType) {
    for (Rule rule : rules) {
      if (!rule.matches(role, entityId, messageType)) continue;
      int count = fired.getOrDefault(rule.name(), 0);
      if (rule.limit() >= 0 && count >= rule.limit()) continue;
      if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) continue;
      fired.put(rule.name(), count + 1);
      return new Decision(rule.action(), rule.delayMillis());
    }
    return Decision.DELIVER;
  }

  /** How many times each rule fired, by name. */
  public synchronized Map<String, Integer> fired() {
    return new TreeMap<>(fired);
  }

  public synchronized int fired(String name) {
    return fired.getOrDefault(name, 0);
  }

  /** The rules enabled now, in the order they are tried. */
  public List<Rule> rules() {
    return new ArrayList<>(rules);
  }
}
