package org.opendsql.pgwire;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PgServerConfigTest {
  private static PgServerConfig config(String overrides) {
    return new PgServerConfig(ConfigFactory.parseString("opendsql.pgwire {" + overrides + "}")
        .withFallback(ConfigFactory.load()));
  }

  @Test
  void defaultsAreThoseOfPostgresAndDsql() {
    PgServerConfig c = config("");
    assertEquals(Duration.ofSeconds(60), c.authenticationTimeout());
    assertEquals(Duration.ofSeconds(300), c.idleInTransactionTimeout());
    assertEquals(Duration.ofSeconds(60), c.keepAliveIdle());
    assertEquals(Duration.ofSeconds(10), c.keepAliveInterval());
    assertEquals(6, c.keepAliveCount());
  }

  @Test
  void zeroTurnsATimeoutOrKeepAliveOff() {
    PgServerConfig c = config("authentication-timeout = 0, idle-in-transaction-timeout = 0, tcp-keepalive.idle = 0");
    assertNull(c.authenticationTimeout());
    assertNull(c.idleInTransactionTimeout());
    assertNull(c.keepAliveIdle());
  }

  @Test
  void keepAliveTimingsBelowASecondOrWithoutProbesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> config("tcp-keepalive.idle = 500ms"));
    assertThrows(IllegalArgumentException.class, () -> config("tcp-keepalive.interval = 0"));
    assertThrows(IllegalArgumentException.class, () -> config("tcp-keepalive.count = 0"));
  }

  @Test
  void eventLoopsDefaultToOnePerProcessorAndCannotBeNegative() {
    assertEquals(Runtime.getRuntime().availableProcessors(), config("").eventLoops());
    assertEquals(3, config("event-loops = 3").eventLoops());
    assertThrows(IllegalArgumentException.class, () -> config("event-loops = -1"));
  }
}
