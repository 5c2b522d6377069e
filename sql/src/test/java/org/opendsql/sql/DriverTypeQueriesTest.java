package org.opendsql.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.PgAnswers;

/** pgjdbc's TypeInfoCache lookups, answered as PostgreSQL's catalog answers them for built-in types. */
class DriverTypeQueriesTest {
  private final Client client = new PgAnswers().client();

  @Test
  void typeNameByOidIsAnsweredForInterval() {
    Client.Result r = client.run("SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname "
        + "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1", 1186);
    assertEquals(1, r.rows().size());
    assertArrayEquals(new Object[] {true, "pg_catalog", "interval"}, r.rows().get(0));
  }

  @Test
  void oidByTypeNameAndUnknownOidsAnswerLikeTheCatalog() {
    String byName = "SELECT pg_type.oid, typname   FROM pg_catalog.pg_type   LEFT   JOIN (select ns.oid as nspoid, "
        + "ns.nspname, r.r           from pg_namespace as ns           join ( select s.r, (current_schemas(false))[s.r] "
        + "as nspname                    from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r"
        + "          using ( nspname )        ) as sp     ON sp.nspoid = typnamespace  WHERE typname = $1  ORDER BY "
        + "sp.r, pg_type.oid DESC LIMIT 1";
    assertArrayEquals(new Object[] {1083L, "time"}, client.run(byName, "time").rows().get(0));
    assertEquals(0, client.run(byName, "no_such_type").rows().size());
  }
}
