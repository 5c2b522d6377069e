package org.opendsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opendsql.pgwire.fake.FakeDatabase;

/** Several listeners share the one port a free-port bind picked, each connection on its listener's event loop. */
@Timeout(60)
class PgServerEventLoopsTest {
  @Test
  void connectionsToOnePortAreDealtAmongTheEventLoopsAndEachUpgradesToTls() throws Exception {
    try (TestServers srv = new TestServers("event-loops = 3")) {
      Properties p = new Properties();
      p.setProperty("user", "admin");
      p.setProperty("password", FakeDatabase.PASSWORD);
      List<Connection> open = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          Connection c = DriverManager.getConnection(srv.url(""), p);
          open.add(c);
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
          }
        }
        assertTrue(srv.server.eventLoopsServing() >= 2, "six connections, dealt in turn over the listeners, reach more than one loop");
      } finally {
        for (Connection c : open) c.close();
      }
    }
  }

  @Test
  void oneEventLoopServesEveryConnectionWhenConfiguredSo() throws Exception {
    try (TestServers srv = new TestServers("event-loops = 1")) {
      Properties p = new Properties();
      p.setProperty("user", "admin");
      p.setProperty("password", FakeDatabase.PASSWORD);
      try (Connection a = DriverManager.getConnection(srv.url(""), p);
           Connection b = DriverManager.getConnection(srv.url(""), p)) {
        assertTrue(a.isValid(5) && b.isValid(5));
        assertEquals(1, srv.server.eventLoopsServing());
      }
    }
  }
}
