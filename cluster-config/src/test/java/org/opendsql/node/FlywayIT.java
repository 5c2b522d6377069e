package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendsql.core.auth.Tokens;

/**
 * Flyway with its PostgreSQL support migrates a versioned set from the class path, as a DSQL user
 * configures it: one DDL statement per migration, each migration in its own transaction.
 */
class FlywayIT {
  private static EmbeddedNode db;

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedNode.start();
    // Flyway would create its history table and index in one transaction: a DSQL user creates
    // them beforehand, one DDL statement per transaction (autocommit), with Flyway's own layout.
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(HISTORY_TABLE);
      s.execute(HISTORY_INDEX);
    }
  }

  static final String HISTORY_TABLE = """
      CREATE TABLE flyway_schema_history (
          installed_rank INT NOT NULL,
          version VARCHAR(50),
          description VARCHAR(200) NOT NULL,
          type VARCHAR(20) NOT NULL,
          script VARCHAR(1000) NOT NULL,
          checksum INTEGER,
          installed_by VARCHAR(100) NOT NULL,
          installed_on TIMESTAMP NOT NULL DEFAULT now(),
          execution_time INTEGER NOT NULL,
          success BOOLEAN NOT NULL,
          CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank))""";

  static final String HISTORY_INDEX = "CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success)";

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
  }

  private static Flyway flyway() throws Exception {
    return Flyway.configure()
        .dataSource(db.url(), Tokens.ADMIN, db.token(Tokens.ADMIN))
        .locations("classpath:tools/flyway")
        .load();
  }

  @Test
  void migratesOnceThenIsANoOpAndValidates() throws Exception {
    Flyway flyway = flyway();
    MigrateResult first = flyway.migrate();
    assertTrue(first.success);
    assertEquals(4, first.migrationsExecuted);

    MigrationInfo[] applied = flyway.info().applied();
    assertEquals(List.of("1", "2", "3", "4"), Arrays.stream(applied).map(m -> m.getVersion().getVersion()).toList());
    assertTrue(Arrays.stream(applied).allMatch(m -> m.getState() == MigrationState.SUCCESS));
    assertEquals(null, flyway.info().pending().length == 0 ? null : "pending");

    MigrateResult second = flyway().migrate();
    assertEquals(0, second.migrationsExecuted);
    flyway().validate();

    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT owner, balance, script FROM accounts ORDER BY id")) {
      StringBuilder rows = new StringBuilder();
      while (rs.next()) rows.append(rs.getString(1)).append(',').append(rs.getString(2)).append(',').append(rs.getString(3)).append(';');
      assertEquals("ann,100.00,a;bob,50.00,null;cy,0.00,null;", rows.toString());
    }
  }
}
