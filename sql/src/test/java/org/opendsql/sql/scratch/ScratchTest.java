package org.opendsql.sql.scratch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

class ScratchTest {
  @Test
  void run() throws Exception {
    PgAnswers pg = new PgAnswers();
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : Files.readAllLines(Path.of(System.getProperty("scratch.in")))) {
      if (line.startsWith("--") && cur.length() == 0) continue;
      if (line.startsWith("--")) continue;
      cur.append(line).append('\n');
      if (line.trim().endsWith(";")) {
        String sql = cur.toString().trim();
        sql = sql.substring(0, sql.length() - 1);
        String a;
        try { a = pg.answer(sql); } catch (Throwable t) { a = "EXC " + t; }
        out.add(a.replace("\n", "|"));
        cur.setLength(0);
      }
    }
    Files.write(Path.of(System.getProperty("scratch.out")), out);
  }
}
