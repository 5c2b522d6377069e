package org.opendsql.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** Arrays as key columns, each answer as PostgreSQL 15 gave it (psql -At; errors as SQLSTATE: message). */
class ArrayKeysTest {
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    pg = new PgAnswers();
    pg.client().run("CREATE TABLE ak (a int[] PRIMARY KEY, v text)");
    pg.client().run("INSERT INTO ak VALUES ('{1,2}', 'x'), ('{1}', 'y'), ('{}', 'e'), ('{1,NULL}', 'n'), "
        + "('{{1,2},{3,4}}', 'm'), ('[0:1]={1,2}', 'l'), ('{2}', 'z'), ('{-5,7}', 'w')");
  }

  @Test
  void arrayPrimaryKeyReadsInArrayCmpOrder() {
    pg.assertAnswer("SELECT a, v FROM ak ORDER BY a",
        "{}|e\n{-5,7}|w\n{1}|y\n[0:1]={1,2}|l\n{1,2}|x\n{{1,2},{3,4}}|m\n{1,NULL}|n\n{2}|z");
    pg.assertAnswer("SELECT a FROM ak WHERE a >= '{1}' AND a < '{2}' ORDER BY a",
        "{1}\n[0:1]={1,2}\n{1,2}\n{{1,2},{3,4}}\n{1,NULL}");
  }

  @Test
  void equalArrayIsADuplicateKeyAndArbitratesOnConflict() {
    pg.assertAnswer("INSERT INTO ak VALUES ('{1,2}', 'dup')",
        "23505: duplicate key value violates unique constraint \"ak_pkey\"");
    pg.client().run("INSERT INTO ak VALUES ('{1,2}', 'dup') ON CONFLICT (a) DO UPDATE SET v = excluded.v || '!'");
    pg.assertAnswer("SELECT v FROM ak WHERE a = ARRAY[1, 2]", "dup!");
    pg.assertAnswer("SELECT v FROM ak WHERE a = '[0:1]={1,2}'", "l");
  }

  @Test
  void arrayUniqueConstraintTreatsEqualNumericsAsOneValue() {
    pg.client().run("CREATE TABLE an (id int PRIMARY KEY, n numeric[] UNIQUE)");
    pg.client().run("INSERT INTO an VALUES (1, '{1.0,2}')");
    pg.assertAnswer("INSERT INTO an VALUES (2, '{1.00,2.0}')",
        "23505: duplicate key value violates unique constraint \"an_n_key\"");
  }
}
