package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Liquibase 4 runs a changelog with its DATABASECHANGELOG and lock tables; a second update changes nothing. */
class LiquibaseIT {
  private static EmbeddedNode db;

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
  }

  private static void update() throws Exception {
    try (Connection c = db.connect()) {
      Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      try (Liquibase lb = new Liquibase("tools/liquibase/changelog.xml", new ClassLoaderResourceAccessor(), database)) {
        lb.update("");
      }
    }
  }

  private static List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) cells.add(rs.getString(i));
        out.add(String.join(",", cells));
      }
    }
    return out;
  }

  @Test
  void updatesOnceAndThenChangesNothing() throws Exception {
    update();
    assertEquals(List.of("1,pen,1.50", "2,ink,4.25"), rows("SELECT id, name, price FROM products ORDER BY id"));
    List<String> log = rows("SELECT id, exectype FROM databasechangelog ORDER BY orderexecuted");
    assertEquals(List.of("1,EXECUTED", "2,EXECUTED", "3,EXECUTED", "4,EXECUTED"), log);
    update();
    assertEquals(log, rows("SELECT id, exectype FROM databasechangelog ORDER BY orderexecuted"));
    assertEquals(List.of("2"), rows("SELECT count(*) FROM products"));
    assertEquals(List.of("f"), rows("SELECT locked FROM databasechangeloglock"));
  }
}
