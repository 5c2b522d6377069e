package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.TimeZones;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/** Session time zones, with PostgreSQL 15's answers to the same statements. */
class TimeZoneTest {
  private Client c;

  @BeforeEach
  void setUp() {
    MemKvStore kv = new MemKvStore();
    c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
  }

  private String show() {
    return (String) c.run("SHOW TimeZone").value();
  }

  private String text(String sql) {
    Object v = c.run(sql).value();
    return v instanceof String s ? s : String.valueOf(v);
  }

  @Test
  void settingsAreSpelledAsPostgresShowsThem() {
    c.run("SET timezone = 'america/new_york'");
    assertEquals("America/New_York", show());
    c.run("SET TIME ZONE '+05:30'");
    assertEquals("+05:30", show());
    c.run("SET TIME ZONE 5");
    assertEquals("<+05>-05", show());
    c.run("SET timezone = '-08'");
    assertEquals("<-08>+08", show());
    c.run("SET timezone = 5.5");
    assertEquals("<+05:30>-05:30", show());
    c.run("SET timezone = 'utc'");
    assertEquals("UTC", show());
    c.run("SET TIME ZONE '+00:00'");
    assertEquals("+00:00", show());
    assertEquals("22023", c.fail("SET timezone = 'Foo/Bar'").state().code());
    assertEquals("invalid value for parameter \"TimeZone\": \"Z\"", c.fail("SET timezone = 'Z'").getMessage());
    c.run("SET TIME ZONE LOCAL");
    assertEquals("UTC", show());
  }

  @Test
  void posixOffsetsAreWestAndNumbersEast() {
    assertEquals(-19800, TimeZones.parse("+05:30").id().getRules().getOffset(Instant.EPOCH).getTotalSeconds());
    assertEquals(5 * 3600, TimeZones.parse("5").id().getRules().getOffset(Instant.EPOCH).getTotalSeconds());
    assertEquals(-3 * 3600, TimeZones.parse("UTC+3").id().getRules().getOffset(Instant.EPOCH).getTotalSeconds());
    assertEquals("EST5EDT", TimeZones.parse("est5edt").setting());
  }

  @Test
  void timestamptzInputOutputAndCastsFollowTheSessionZone() {
    c.run("SET timezone = 'Asia/Kolkata'");
    Instant at = (Instant) c.run("SELECT '2024-07-02 03:04:05'::timestamptz").value();
    assertEquals(Instant.parse("2024-07-01T21:34:05Z"), at);
    assertEquals("2024-07-02 08:34:05+05:30", text("SELECT '2024-07-02 03:04:05+00'::timestamptz::text"));
    assertEquals(LocalDateTime.parse("2024-07-02T03:04:05"), c.run("SELECT '2024-07-02 03:04:05'::timestamptz::timestamp").value());
    assertEquals(LocalDate.parse("2024-07-03"), c.run("SELECT '2024-07-02 23:04:05+00'::timestamptz::date").value());
    assertEquals(Instant.parse("2024-07-01T21:34:05Z"), c.run("SELECT '2024-07-02 03:04:05'::timestamp::timestamptz").value());
    assertEquals(LocalDateTime.parse("2024-07-02T03:04:05"), c.run("SELECT '2024-07-02 03:04:05+03'::timestamp").value());
    assertEquals(Instant.parse("2024-01-01T09:00:00Z"), c.run("SELECT '2024-01-01 10:00 Europe/Paris'::timestamptz").value());
    assertEquals(Instant.parse("2024-01-01T10:00:00Z"), c.run("SELECT '2024-01-01 10:00 UTC'::timestamptz").value());
    c.run("CREATE TABLE ev (id int PRIMARY KEY, at timestamptz)");
    c.run("INSERT INTO ev VALUES (1, '2024-07-02 03:04:05')");
    c.run("SET timezone = 'UTC'");
    assertEquals(Instant.parse("2024-07-01T21:34:05Z"), c.run("SELECT at FROM ev WHERE id = 1").value());
    assertEquals(1L, c.run("SELECT count(*) FROM ev WHERE at = '2024-07-01 21:34:05'").value());
  }

  @Test
  void outputShowsOffsetsAsPostgresDoes() {
    assertEquals("2024-01-02 03:04:05-05:30",
        PgText.format(PgType.TIMESTAMPTZ, Instant.parse("2024-01-02T08:34:05Z"), TimeZones.parse("+05:30").id()));
    assertEquals("1900-01-01 05:21:10+05:21:10",
        PgText.format(PgType.TIMESTAMPTZ, Instant.parse("1900-01-01T00:00:00Z"), TimeZones.parse("Asia/Kolkata").id()));
    assertEquals("2024-07-01 23:04:05-04",
        PgText.format(PgType.TIMESTAMPTZ, Instant.parse("2024-07-02T03:04:05Z"), TimeZones.parse("EST5EDT").id()));
  }

  @Test
  void startupOptionsCarrySettings() {
    c.session.applyStartupParameters(Map.of("options", "-c TimeZone=Europe/Berlin --application-name=my\\ app"));
    assertEquals("Europe/Berlin", show());
    assertEquals("my app", c.run("SHOW application_name").value());
    assertEquals("Europe/Berlin", c.session.drainParameterChanges().get("TimeZone"));
  }
}
