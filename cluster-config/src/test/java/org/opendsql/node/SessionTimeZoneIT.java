package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Clients outside UTC: pgjdbc sends its JVM's zone as the startup TimeZone, and timestamptz values
 * cross the wire in that zone, as with PostgreSQL.
 */
class SessionTimeZoneIT {
  @Test
  void pgjdbcOnAJvmOutsideUtcLogsInAndSeesItsZone() throws Exception {
    TimeZone before = TimeZone.getDefault();
    try (EmbeddedNode db = EmbeddedNode.start()) {
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SHOW TimeZone")) {
          assertTrue(rs.next());
          assertEquals("America/New_York", rs.getString(1));
        }
        s.execute("CREATE TABLE tz_events (id int PRIMARY KEY, at timestamptz)");
        s.executeUpdate("INSERT INTO tz_events VALUES (1, '2024-07-02 03:04:05')");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tz_events VALUES (2, ?)")) {
          ps.setTimestamp(1, Timestamp.from(Instant.parse("2024-01-15T12:00:00Z")));
          ps.executeUpdate();
        }
        try (ResultSet rs = s.executeQuery("SELECT at::text, at FROM tz_events ORDER BY id")) {
          assertTrue(rs.next());
          assertEquals("2024-07-02 03:04:05-04", rs.getString(1));
          assertEquals(Instant.parse("2024-07-02T07:04:05Z"), rs.getObject(2, OffsetDateTime.class).toInstant());
          assertTrue(rs.next());
          assertEquals("2024-01-15 07:00:00-05", rs.getString(1));
          assertEquals(Instant.parse("2024-01-15T12:00:00Z"), rs.getTimestamp(2).toInstant());
        }
        s.execute("SET TIME ZONE '+00:00'");
        try (ResultSet rs = s.executeQuery("SELECT at FROM tz_events WHERE id = 1")) {
          assertTrue(rs.next());
          assertEquals("2024-07-02 07:04:05+00", rs.getString(1));
        }
      }
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
