package org.opendsql.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.TimeUnit;
import org.slf4j.Marker;

/**
 * Logback's hook for {@link RepeatLimiter}: WARN and ERROR events are keyed by logger and message
 * template; repeats beyond the burst are dropped, and the count dropped is logged (by this
 * filter's own logger) when the template next gets through. Configured in {@code logback.xml}.
 */
public final class RepeatedWarningsFilter extends TurboFilter {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RepeatedWarningsFilter.class);
  private static final ThreadLocal<Boolean> REPORTING = ThreadLocal.withInitial(() -> false);
  private int burst = 5;
  private long windowSeconds = 60;
  private RepeatLimiter limiter;

  public void setBurst(int burst) {
    this.burst = burst;
  }

  public void setWindowSeconds(long windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  @Override
  public void start() {
    limiter = new RepeatLimiter(burst, TimeUnit.SECONDS.toNanos(windowSeconds), 10_000);
    super.start();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN) || format == null || REPORTING.get()) {
      return FilterReply.NEUTRAL;
    }
    if (!logger.isEnabledFor(level)) return FilterReply.NEUTRAL;
    RepeatLimiter.Verdict v = limiter.offer(logger.getName() + '|' + format, System.nanoTime());
    if (!v.log()) return FilterReply.DENY;
    if (v.heldBack() > 0) {
      REPORTING.set(true);
      try {
        LOG.warn("{} more of this warning from {} in the last {} s were not logged: {}", v.heldBack(),
            logger.getName(), windowSeconds, format);
      } finally {
        REPORTING.set(false);
      }
    }
    return FilterReply.NEUTRAL;
  }
}
